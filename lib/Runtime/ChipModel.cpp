//===- ChipModel.cpp - memory layouts of a core -------------------------===//
#include "npc/Runtime/ChipModel.h"
#include "npc/Runtime/Gemm.h"

#include "npc/Runtime/SubByte.h"

#include <cstring>
#include <map>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__) || defined(__i386__)
#define NPC_AVX2 __attribute__((target("avx2")))
/// The low byte of each value (truncation, as the plain loop): 32 at a time.
NPC_AVX2 static int64_t storeBytesAvx2(const int32_t *v, int64_t n, uint8_t *dst) {
  // Per 128-bit lane: bytes 0, 4, 8, 12 to the lane's first four.
  const __m256i low = _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                       -1, 0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                       -1, -1);
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256i q[4];
    for (int k = 0; k < 4; ++k)
      q[k] = _mm256_shuffle_epi8(
          _mm256_loadu_si256(reinterpret_cast<const __m256i *>(v + i + 8 * k)), low);
    // Dwords now: q0 = [a0 _ _ _ a1 _ _ _], ...; gather the four lanes' dwords.
    __m256i ab = _mm256_unpacklo_epi32(q[0], q[1]); // a0 b0 _ _ a1 b1 _ _
    __m256i cd = _mm256_unpacklo_epi32(q[2], q[3]); // c0 d0 _ _ c1 d1 _ _
    __m256i all = _mm256_unpacklo_epi64(ab, cd);    // a0 b0 c0 d0 a1 b1 c1 d1
    all = _mm256_permutevar8x32_epi32(all, order);  // a0 a1 b0 b1 c0 c1 d0 d1
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + i), all);
  }
  return i;
}

/// Bytes widened to int32 (zero- or sign-extended), 16 at a time.
NPC_AVX2 static int64_t loadBytesAvx2(const uint8_t *src, int64_t n, bool isSigned,
                                      int32_t *dst) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + i));
    const __m128i hi = _mm_unpackhi_epi64(b, b);
    __m256i lo32 = isSigned ? _mm256_cvtepi8_epi32(b) : _mm256_cvtepu8_epi32(b);
    __m256i hi32 = isSigned ? _mm256_cvtepi8_epi32(hi) : _mm256_cvtepu8_epi32(hi);
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + i), lo32);
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + i + 8), hi32);
  }
  return i;
}

#else
static int64_t storeBytesAvx2(const int32_t *, int64_t, uint8_t *) { return 0; }
static int64_t loadBytesAvx2(const uint8_t *, int64_t, bool, int32_t *) { return 0; }
#endif

void npc::storeElems(ElemKind k, llvm::ArrayRef<int32_t> v, uint8_t *dst) {
  int64_t n = v.size();
  switch (elemBytes(k)) {
  case 1: {
    // Every tile's stored output passes here: vectorized where the CPU can.
    int64_t i = kernels::avx2DataLoops() ? storeBytesAvx2(v.data(), n, dst) : 0;
    for (; i < n; ++i) dst[i] = uint8_t(v[i]);
    break;
  }
  case 2:
    for (int64_t i = 0; i < n; ++i) { int16_t x = int16_t(v[i]); std::memcpy(dst + 2 * i, &x, 2); }
    break;
  default:
    std::memcpy(dst, v.data(), n * 4);
  }
}

void npc::loadElems(ElemKind k, const uint8_t *src, int64_t n, int32_t *dst) {
  switch (k) {
  case ElemKind::U8:
  case ElemKind::I8: {
    const bool isSigned = k == ElemKind::I8;
    int64_t i = kernels::avx2DataLoops() ? loadBytesAvx2(src, n, isSigned, dst) : 0;
    for (; i < n; ++i) dst[i] = isSigned ? int32_t(int8_t(src[i])) : int32_t(src[i]);
    break;
  }
  case ElemKind::U16: for (int64_t i = 0; i < n; ++i) { uint16_t x; std::memcpy(&x, src + 2 * i, 2); dst[i] = x; } break;
  case ElemKind::I16: for (int64_t i = 0; i < n; ++i) { int16_t x; std::memcpy(&x, src + 2 * i, 2); dst[i] = x; } break;
  default: std::memcpy(dst, src, n * 4);
  }
}

std::vector<LayerLifetimes> npc::bufferLifetimes(llvm::ArrayRef<std::vector<int>> layerInputs,
                                                 llvm::ArrayRef<int> layerOutputs,
                                                 llvm::ArrayRef<int> graphOutputs) {
  const int64_t end = int64_t(layerInputs.size());
  std::map<int, int64_t> lastReader; // tensor -> last layer (or `end`) reading it
  for (auto [li, inputs] : llvm::enumerate(layerInputs))
    for (int tid : inputs)
      lastReader[tid] = std::max(lastReader[tid], int64_t(li));
  for (int tid : graphOutputs)
    lastReader[tid] = end;
  std::vector<LayerLifetimes> out(layerInputs.size());
  for (auto [li, inputs] : llvm::enumerate(layerInputs)) {
    const int64_t at = int64_t(li);
    out[li].inputs.assign(inputs.size(), {at, at});
    auto it = lastReader.find(layerOutputs[li]);
    out[li].output = {at, it == lastReader.end() ? at : std::max(at, it->second)};
  }
  return out;
}
