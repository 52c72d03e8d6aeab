//===- SubByte.h - dense packing of 2- and 4-bit values ----------*- C++ -*-===//
//
// ONNX INT4/UINT4 (two per byte, low nibble first) and INT2/UINT2 (four per
// byte, lowest bits first) tensors, and npc's packed weight images, use the
// same layout: element i sits at bit (i * bits) % 8 of byte i * bits / 8.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_SUPPORT_SUBBYTE_H
#define NPC_SUPPORT_SUBBYTE_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace npc {

/// Bytes holding `count` values of `bits` (1 to 8, or 16) each.
inline int64_t packedBytes(int64_t count, unsigned bits) {
  return (count * bits + 7) / 8;
}

/// Writes the low `bits` of each value densely (bits in {1, 2, 4, 8}); 16
/// writes little-endian int16.
void packBits(llvm::ArrayRef<int32_t> values, unsigned bits, uint8_t *dst);

/// Reads `count` values, sign-extended when `isSigned`.
void unpackBits(const uint8_t *src, int64_t count, unsigned bits, bool isSigned,
                int32_t *dst);

/// The fewest bits in {2, 4, 8, 16} that hold every value as a signed
/// two's-complement number.
unsigned signedBitsFor(llvm::ArrayRef<int32_t> values);

} // namespace npc

#endif
