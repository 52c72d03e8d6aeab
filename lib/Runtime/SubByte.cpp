//===- SubByte.cpp - dense packing of 2- and 4-bit values -----------------===//
#include "npc/Runtime/SubByte.h"

#include <cstring>
#include <type_traits>

using namespace npc;

void npc::packBits(llvm::ArrayRef<int32_t> values, unsigned bits, uint8_t *dst) {
  if (bits == 16) {
    for (size_t i = 0; i < values.size(); ++i) {
      int16_t v = int16_t(values[i]);
      std::memcpy(dst + 2 * i, &v, 2);
    }
    return;
  }
  if (values.empty()) // dst may be null for nothing to write
    return;
  if (bits == 8) { // most weights: one byte each, a loop that vectorizes
    for (size_t i = 0; i < values.size(); ++i)
      dst[i] = uint8_t(values[i]);
    return;
  }
  std::memset(dst, 0, packedBytes(values.size(), bits));
  uint32_t mask = (1u << bits) - 1;
  for (size_t i = 0; i < values.size(); ++i) {
    size_t bit = i * bits;
    dst[bit / 8] |= uint8_t((uint32_t(values[i]) & mask) << (bit % 8));
  }
}

void npc::unpackBits(const uint8_t *src, int64_t count, unsigned bits, bool isSigned,
                     int32_t *dst) {
  if (bits == 16) {
    for (int64_t i = 0; i < count; ++i) {
      int16_t v;
      std::memcpy(&v, src + 2 * i, 2);
      dst[i] = isSigned ? v : uint16_t(v);
    }
    return;
  }
  if (bits == 8) {
    for (int64_t i = 0; i < count; ++i)
      dst[i] = isSigned ? int32_t(int8_t(src[i])) : int32_t(src[i]);
    return;
  }
  const uint32_t mask = (1u << bits) - 1, sign = isSigned ? 1u << (bits - 1) : 0;
  int64_t i = 0;
  // 4 and 2 bits: whole bytes of 2 or 4 values, a fixed loop per byte
  // (INT4 and INT2 weights are most of such a model's bytes).
  auto bytesOf = [&](auto per) {
    constexpr int kPer = decltype(per)::value;
    for (; i + kPer <= count; i += kPer) {
      const uint32_t byte = src[i / kPer];
      for (int k = 0; k < kPer; ++k)
        dst[i + k] = int32_t((((byte >> (k * (8 / kPer))) & mask) ^ sign) - sign);
    }
  };
  if (bits == 4)
    bytesOf(std::integral_constant<int, 2>());
  else if (bits == 2)
    bytesOf(std::integral_constant<int, 4>());
  for (; i < count; ++i) {
    size_t bit = size_t(i) * bits;
    dst[i] = int32_t((((src[bit / 8] >> (bit % 8)) & mask) ^ sign) - sign);
  }
}

unsigned npc::signedBitsFor(llvm::ArrayRef<int32_t> values) {
  unsigned bits = 2;
  for (int32_t v : values)
    while (bits < 16 && (v < -(1 << (bits - 1)) || v > (1 << (bits - 1)) - 1))
      bits *= 2;
  return bits;
}
