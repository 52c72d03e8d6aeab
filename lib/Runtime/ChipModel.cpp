//===- ChipModel.cpp - memory layouts of a core -------------------------===//
#include "npc/Runtime/ChipModel.h"

#include "npc/Runtime/SubByte.h"

#include <cstring>

using namespace npc;
using namespace npc::kernels;


TileParams npc::sliceParams(const LayerGeometry &g, llvm::ArrayRef<int32_t> w,
                            llvm::ArrayRef<int32_t> bias, llvm::ArrayRef<int32_t> mult,
                            llvm::ArrayRef<int32_t> shift, const Box &outBox) {
  TileParams p;
  p.weights = sliceWeights(g, w, outBox);
  p.bias = sliceChannelParam(g, bias, outBox, /*isBias=*/true);
  p.mult = sliceChannelParam(g, mult, outBox, false);
  p.shift = sliceChannelParam(g, shift, outBox, false);
  return p;
}


ParamLayout npc::paramLayout(const kernels::ParamCounts &c, int64_t weightBits) {
  ParamLayout l;
  l.weightBits = weightBits;
  l.weightCount = c.weights;
  l.biasOffset = (packedBytes(l.weightCount, weightBits) + 3) / 4 * 4; // int32 aligned
  l.biasCount = c.bias;
  l.multOffset = l.biasOffset + 4 * l.biasCount;
  l.multCount = c.mult;
  l.shiftOffset = l.multOffset + 4 * l.multCount;
  l.shiftCount = c.shift;
  l.totalBytes = l.shiftOffset + 4 * l.shiftCount;
  return l;
}

static void put32(uint8_t *dst, llvm::ArrayRef<int32_t> v) {
  if (!v.empty()) // memcpy's pointers must be valid even for 0 bytes
    std::memcpy(dst, v.data(), v.size() * 4); // little-endian host (x86-64)
}

std::vector<uint8_t> npc::encodeParams(const TileParams &p, const ParamLayout &l) {
  std::vector<uint8_t> bytes(l.totalBytes, 0);
  packBits(p.weights, unsigned(l.weightBits), bytes.data() + l.weightsOffset);
  put32(bytes.data() + l.biasOffset, p.bias);
  put32(bytes.data() + l.multOffset, p.mult);
  put32(bytes.data() + l.shiftOffset, p.shift);
  return bytes;
}

TileParams npc::decodeParams(const uint8_t *bytes, const ParamLayout &l) {
  TileParams p;
  p.weights.resize(l.weightCount);
  unpackBits(bytes + l.weightsOffset, l.weightCount, unsigned(l.weightBits),
             /*isSigned=*/true, p.weights.data());
  auto get32 = [&](int64_t off, int64_t n, std::vector<int32_t> &v) {
    v.resize(n);
    if (n) // memcpy's pointers must be valid even for 0 bytes
      std::memcpy(v.data(), bytes + off, n * 4);
  };
  get32(l.biasOffset, l.biasCount, p.bias);
  get32(l.multOffset, l.multCount, p.mult);
  get32(l.shiftOffset, l.shiftCount, p.shift);
  return p;
}

int64_t npc::elemBytes(ElemKind k) {
  switch (k) {
  case ElemKind::U8: case ElemKind::I8: return 1;
  case ElemKind::U16: case ElemKind::I16: return 2;
  case ElemKind::I32: case ElemKind::F32: return 4;
  case ElemKind::I64: return 8;
  }
  return 4;
}

void npc::storeElems(ElemKind k, llvm::ArrayRef<int32_t> v, uint8_t *dst) {
  int64_t n = v.size();
  switch (elemBytes(k)) {
  case 1:
    for (int64_t i = 0; i < n; ++i) dst[i] = uint8_t(v[i]);
    break;
  case 2:
    for (int64_t i = 0; i < n; ++i) { int16_t x = int16_t(v[i]); std::memcpy(dst + 2 * i, &x, 2); }
    break;
  default:
    std::memcpy(dst, v.data(), n * 4);
  }
}

void npc::loadElems(ElemKind k, const uint8_t *src, int64_t n, int32_t *dst) {
  switch (k) {
  case ElemKind::U8: for (int64_t i = 0; i < n; ++i) dst[i] = src[i]; break;
  case ElemKind::I8: for (int64_t i = 0; i < n; ++i) dst[i] = int8_t(src[i]); break;
  case ElemKind::U16: for (int64_t i = 0; i < n; ++i) { uint16_t x; std::memcpy(&x, src + 2 * i, 2); dst[i] = x; } break;
  case ElemKind::I16: for (int64_t i = 0; i < n; ++i) { int16_t x; std::memcpy(&x, src + 2 * i, 2); dst[i] = x; } break;
  default: std::memcpy(dst, src, n * 4);
  }
}
