//===- Gemm.cpp - exact integer matrix products at the machine's speed ----===//
#include "npc/Runtime/Gemm.h"
#include "npc/Runtime/FixedPoint.h"

#include "npc/Runtime/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define NPC_X86 1
#endif

using namespace npc::kernels;

//===----------------------------------------------------------------------===//
// Choosing the path
//===----------------------------------------------------------------------===//

bool npc::kernels::cpuSupports(Isa isa) {
  switch (isa) {
  case Isa::Scalar:
  case Isa::Portable:
    return true;
  case Isa::Avx512Vnni:
#ifdef NPC_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
#else
    return false;
#endif
  case Isa::Avx2:
#ifdef NPC_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
#else
    return false;
#endif
  }
  return false;
}

const char *npc::kernels::isaName(Isa isa) {
  switch (isa) {
  case Isa::Avx512Vnni: return "avx512vnni";
  case Isa::Avx2: return "avx2";
  case Isa::Portable: return "portable";
  case Isa::Scalar: return "scalar";
  }
  return "?";
}

static Isa bestIsa() {
  Isa best = cpuSupports(Isa::Avx512Vnni) ? Isa::Avx512Vnni
             : cpuSupports(Isa::Avx2)     ? Isa::Avx2
                                          : Isa::Portable;
  if (const char *env = std::getenv("NPC_ISA")) {
    for (Isa isa : {Isa::Avx512Vnni, Isa::Avx2, Isa::Portable, Isa::Scalar})
      if (std::strcmp(env, isaName(isa)) == 0 && int(isa) >= int(best))
        return isa; // lower only: a path this CPU lacks is never taken
  }
  return best;
}

static std::atomic<int> chosenIsa{-1};

Isa npc::kernels::activeIsa() {
  int v = chosenIsa.load(std::memory_order_relaxed);
  if (v < 0) {
    v = int(bestIsa());
    chosenIsa.store(v, std::memory_order_relaxed);
  }
  return Isa(v);
}

void npc::kernels::setIsa(Isa isa) {
  if (!cpuSupports(isa))
    isa = Isa::Portable;
  chosenIsa.store(int(isa), std::memory_order_relaxed);
}

//===----------------------------------------------------------------------===//
// Packing
//===----------------------------------------------------------------------===//

static constexpr int64_t kVnniCols = 32; // two 16-lane int32 vectors
static constexpr int64_t kAvx2Cols = 16; // two 8-lane int32 vectors

PackedB npc::kernels::packB(int64_t k, int64_t n, Isa isa,
                            llvm::function_ref<void(int64_t, int64_t, int32_t *)> fill) {
  PackedB p;
  p.k = k;
  p.n = n;
  p.kPadded = (k + 3) / 4 * 4;
  p.colSum.assign(n, 0);
  // B a block of kPackCols columns at a time, [kk][kPackCols] (zeros past
  // n): the layouts below are blocks of 32 (VNNI) or 16 (AVX2) columns, so
  // each block's writes stay together, and no copy of all of B is made.
  constexpr int64_t kPackCols = kPackBlockCols;
  // The blocks go over the threads (each writes its own columns of every
  // layout), each filled into the thread's own scratch.
  const int64_t numBlocks = (n + kPackCols - 1) / kPackCols;
  auto forBlocks = [&](auto body) {
    npc::parallelFor(numBlocks, [&](int64_t bi) {
      thread_local std::vector<int32_t> scratch;
      if (int64_t(scratch.size()) < k * kPackCols)
        scratch.resize(k * kPackCols);
      const int64_t j0 = bi * kPackCols, cols = std::min(kPackCols, n - j0);
      fill(j0, cols, scratch.data());
      body(j0, cols, scratch.data());
    });
  };
  std::vector<int32_t> blockMax(numBlocks, 0);
  std::vector<uint8_t> blockInt8(numBlocks, 1);
  forBlocks([&](int64_t j0, int64_t cols, const int32_t *block) {
    int32_t mx = 0;
    bool i8 = true;
    for (int64_t kk = 0; kk < k; ++kk)
      for (int64_t jj = 0; jj < cols; ++jj) {
        int32_t v = block[kk * kPackCols + jj];
        mx = std::max<int32_t>(mx, v < 0 ? -int64_t(v) : v);
        i8 &= v >= -128 && v <= 127;
        p.colSum[j0 + jj] = int32_t(uint32_t(p.colSum[j0 + jj]) + uint32_t(v));
      }
    blockMax[j0 / kPackCols] = mx;
    blockInt8[j0 / kPackCols] = i8;
  });
  bool int8 = true;
  for (int64_t bi = 0; bi < numBlocks; ++bi) {
    p.maxAbs = std::max(p.maxAbs, blockMax[bi]);
    int8 &= blockInt8[bi] != 0;
  }
  p.int8 = int8 && isa == Isa::Avx512Vnni;
  if (p.int8) {
    int64_t blocks = (n + kVnniCols - 1) / kVnniCols, k4 = p.kPadded / 4;
    p.vnni.assign(blocks * k4 * kVnniCols * 4, 0);
    forBlocks([&](int64_t j0, int64_t cols, const int32_t *block) {
      for (int64_t kk = 0; kk < k; ++kk)
        for (int64_t jj = 0; jj < cols; ++jj) {
          const int64_t j = j0 + jj;
          p.vnni[((j / kVnniCols * k4 + kk / 4) * kVnniCols + j % kVnniCols) * 4 + kk % 4] =
              int8_t(block[kk * kPackCols + jj]);
        }
    });
  } else if (isa == Isa::Avx2) {
    // Pairs of k: bytes for vpmaddubsw where |w| <= 64 (510 * 64 < 2^15),
    // else int16 for vpmaddwd (a value beyond int16 is clamped, as below).
    int64_t blocks = (n + kAvx2Cols - 1) / kAvx2Cols, k2 = p.kPadded / 2;
    if (p.maxAbs <= 64) {
      // [n / 16][kPadded / 4][2][8][4]: per quad of k, two vectors of 8
      // columns' quads.
      p.pairBytes.assign(blocks * k2 * kAvx2Cols * 2, 0);
      p.pairSteps = std::min<int64_t>(256, 32767 / (510 * std::max<int32_t>(1, p.maxAbs)));
      forBlocks([&](int64_t j0, int64_t cols, const int32_t *block) {
        for (int64_t kk = 0; kk < k; ++kk)
          for (int64_t jj = 0; jj < cols; ++jj) {
            const int64_t j = j0 + jj;
            p.pairBytes[(j / kAvx2Cols * k2 * 8 + kk / 4 * kAvx2Cols + j % kAvx2Cols) * 4 +
                        kk % 4] = int8_t(block[kk * kPackCols + jj]);
          }
      });
    } else {
      auto fillPairs = [&](auto &layout) {
        using E = typename std::decay_t<decltype(layout)>::value_type;
        layout.assign(blocks * k2 * kAvx2Cols * 2, 0);
        forBlocks([&](int64_t j0, int64_t cols, const int32_t *block) {
          for (int64_t kk = 0; kk < k; ++kk)
            for (int64_t jj = 0; jj < cols; ++jj) {
              const int64_t j = j0 + jj;
              layout[((j / kAvx2Cols * k2 + kk / 2) * kAvx2Cols + j % kAvx2Cols) * 2 + kk % 2] =
                  E(std::clamp<int32_t>(block[kk * kPackCols + jj], -32768, 32767));
            }
        });
      };
      if (int8)
        fillPairs(p.pairs8);
      else
        fillPairs(p.pairs);
    }
  } else {
    // A value beyond int16 is clamped here, but then maxAbs is too and
    // fitsInt32 sends the layer to the scalar path.
    p.cols.assign(n * p.kPadded, 0);
    forBlocks([&](int64_t j0, int64_t cols, const int32_t *block) {
      for (int64_t jj = 0; jj < cols; ++jj)
        for (int64_t kk = 0; kk < k; ++kk)
          p.cols[(j0 + jj) * p.kPadded + kk] =
              int16_t(std::clamp<int32_t>(block[kk * kPackCols + jj], -32768, 32767));
    });
  }
  return p;
}

PackedB npc::kernels::packB(llvm::ArrayRef<int32_t> b, int64_t k, int64_t n, Isa isa) {
  return packB(k, n, isa, [&](int64_t j0, int64_t cols, int32_t *block) {
    for (int64_t kk = 0; kk < k; ++kk)
      std::copy_n(b.data() + kk * n + j0, cols, block + kk * kPackBlockCols);
  });
}

PackedB npc::kernels::packConvWeights(llvm::ArrayRef<int32_t> w, int64_t n, int64_t c,
                                      int64_t kh, int64_t kw) {
  PackedB p;
  const int64_t c4 = (c + 3) / 4, k = c * kh * kw;
  p.k = k;
  p.n = n;
  p.kPadded = c4 * kh * kw * 4;
  p.colSum.assign(n, 0);
  // Channel by channel (a division per weight took most of the packing):
  // range and sum in one pass the compiler vectorizes.
  int64_t lo = 0, hi = 0;
  for (int64_t j = 0; j < n; ++j) {
    const int32_t *wj = w.data() + j * k;
    int32_t l = 0, h = 0;
    uint32_t sum = 0;
    for (int64_t i = 0; i < k; ++i) {
      l = std::min(l, wj[i]);
      h = std::max(h, wj[i]);
      sum += uint32_t(wj[i]);
    }
    lo = std::min<int64_t>(lo, l);
    hi = std::max<int64_t>(hi, h);
    p.colSum[j] = int32_t(sum);
  }
  p.maxAbs = int32_t(std::min<int64_t>(std::max(-lo, hi), INT32_MAX));
  const bool int8 = cpuSupports(Isa::Avx512Vnni) && lo >= -128 && hi <= 127;
  p.int8 = int8;
  if (!int8)
    return p;
  const int64_t numTaps = c4 * kh * kw, groups = (n + kConvGroup - 1) / kConvGroup;
  p.taps.assign(groups * kConvGroup * p.kPadded, 0);
  for (int64_t j = 0; j < n; ++j) {
    int8_t *group = p.taps.data() + (j / kConvGroup) * numTaps * kConvGroup * 4 +
                    (j % kConvGroup) * 4;
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t ky = 0; ky < kh; ++ky)
        for (int64_t kx = 0; kx < kw; ++kx)
          group[(((ch / 4) * kh + ky) * kw + kx) * kConvGroup * 4 + ch % 4] =
              int8_t(w[((j * c + ch) * kh + ky) * kw + kx]);
  }
  return p;
}

bool npc::kernels::fitsInt32(const PackedB &b) {
  // Every partial sum (of codes with the offset, up to 255) stays below 2^31
  // too, so the int32 arithmetic of the portable path never overflows.
  return b.maxAbs <= 32767 && b.kPadded * 255 * int64_t(b.maxAbs) < (int64_t(1) << 31);
}

//===----------------------------------------------------------------------===//
// The portable path: four rows at a time against one column, written so
// that compilers vectorize the k loop (u8 x s16 -> s32 multiply-adds).
//===----------------------------------------------------------------------===//

__attribute__((target_clones("arch=x86-64-v4", "avx2", "default"))) static void
portableRows(const uint8_t *a, int64_t rows, int64_t lda, int32_t aOffset,
                         const PackedB &b, int32_t *c, int64_t ldc) {
  const int64_t kp = b.kPadded;
  int64_t i = 0;
  for (; i + 4 <= rows; i += 4) {
    const uint8_t *a0 = a + i * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
    for (int64_t j = 0; j < b.n; ++j) {
      const int16_t *w = b.cols.data() + j * kp;
      int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int64_t kk = 0; kk < kp; ++kk) {
        int32_t wv = w[kk];
        s0 += int32_t(a0[kk]) * wv;
        s1 += int32_t(a1[kk]) * wv;
        s2 += int32_t(a2[kk]) * wv;
        s3 += int32_t(a3[kk]) * wv;
      }
      int32_t corr = aOffset * b.colSum[j];
      c[i * ldc + j] = s0 - corr;
      c[(i + 1) * ldc + j] = s1 - corr;
      c[(i + 2) * ldc + j] = s2 - corr;
      c[(i + 3) * ldc + j] = s3 - corr;
    }
  }
  for (; i < rows; ++i) {
    const uint8_t *a0 = a + i * lda;
    for (int64_t j = 0; j < b.n; ++j) {
      const int16_t *w = b.cols.data() + j * kp;
      int32_t s0 = 0;
      for (int64_t kk = 0; kk < kp; ++kk)
        s0 += int32_t(a0[kk]) * int32_t(w[kk]);
      c[i * ldc + j] = s0 - aOffset * b.colSum[j];
    }
  }
}

//===----------------------------------------------------------------------===//
// The VNNI path: R rows x 32 columns per step, vpdpbusd on 4 k at a time.
//===----------------------------------------------------------------------===//

/// Rounding half to even a shift right by `shift` (1 to 61) of a value
/// under 2^62 in magnitude, in 64-bit lanes with logical shifts only: add
/// 2^62 + 2^(shift-1) - 1 and the floor quotient's parity, then shift. The
/// quotient carries 2^(62 - shift), which base(zero) takes off again modulo
/// 2^32 as it adds the zero point.
struct HalfEvenShift {
  int64_t add;
  uint32_t excess;
  explicit HalfEvenShift(int32_t shift)
      : add((int64_t(1) << 62) + (int64_t(1) << (shift - 1)) - 1),
        excess(62 - shift >= 32 ? 0 : uint32_t(1) << (62 - shift)) {}
  int32_t base(int32_t zero) const { return int32_t(uint32_t(zero) - excess); }
};

#ifdef NPC_X86
#define NPC_VNNI __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))
/// The AVX-512 data loops' and byte kernels' target (no VNNI needed).
#define NPC_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl")))

/// Whether the AVX-512 (BW, VL) data-movement loops and byte kernels run:
/// their masked loads and stores take rows of any length whole, where
/// 16-column steps leave a 7- or 14-column row (ResNet's last stages) to a
/// scalar tail.
static bool avx512DataLoops() {
  static const bool has = __builtin_cpu_supports("avx512f") &&
                          __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
  return has && activeIsa() != Isa::Scalar;
}

template <int R>
NPC_VNNI static void vnniTile(const uint8_t *a, int64_t lda, const int8_t *bp, int64_t k4,
                              int32_t *c, int64_t ldc, int64_t cols, const int32_t *corr) {
  __m512i acc[R][2];
  for (int r = 0; r < R; ++r)
    acc[r][0] = acc[r][1] = _mm512_setzero_si512();
  for (int64_t kk = 0; kk < k4; ++kk) {
    __m512i b0 = _mm512_loadu_si512(bp + kk * 128);
    __m512i b1 = _mm512_loadu_si512(bp + kk * 128 + 64);
    for (int r = 0; r < R; ++r) {
      int32_t quad;
      std::memcpy(&quad, a + r * lda + kk * 4, 4);
      __m512i av = _mm512_set1_epi32(quad);
      acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], av, b0);
      acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], av, b1);
    }
  }
  __m512i c0 = _mm512_loadu_si512(corr), c1 = _mm512_loadu_si512(corr + 16);
  __mmask16 m0 = cols >= 16 ? 0xFFFF : __mmask16((1u << cols) - 1);
  __mmask16 m1 = cols >= 32 ? 0xFFFF : cols <= 16 ? 0 : __mmask16((1u << (cols - 16)) - 1);
  for (int r = 0; r < R; ++r) {
    _mm512_mask_storeu_epi32(c + r * ldc, m0, _mm512_sub_epi32(acc[r][0], c0));
    _mm512_mask_storeu_epi32(c + r * ldc + 16, m1, _mm512_sub_epi32(acc[r][1], c1));
  }
}


/// One channel's requantization on 16 lanes, exact where its AccClamp is
/// valid: the accumulator clamped into [clamp.lo, clamp.hi] (no output
/// changes) so that bias + accumulator fits int32, the 32 x 32-bit
/// products in 64-bit lanes, rounded half to even by adding 2^62 +
/// 2^(shift-1) - 1 plus the quotient's parity and shifting logically (the
/// 2^62 comes off again in `base`); requantizeSpanAvx2 on 8 lanes is the
/// same arithmetic.
struct Requant16 {
  __m512i clampLo, clampHi, bias, mult, add, base, lo, hi;
  __m128i shift;
};

NPC_VNNI static inline Requant16 requant16(const ChannelRequant &k, int32_t lo, int32_t hi) {
  return {_mm512_set1_epi32(k.clampLo), _mm512_set1_epi32(k.clampHi), _mm512_set1_epi32(k.bias),
          _mm512_set1_epi32(k.mult),    _mm512_set1_epi64(k.add),     _mm512_set1_epi32(k.base),
          _mm512_set1_epi32(lo),        _mm512_set1_epi32(hi),        _mm_cvtsi32_si128(k.shift)};
}

NPC_AVX512 static inline __m512i roundedShift16(__m512i v, __m512i add, __m512i one, __m128i sh) {
  __m512i parity = _mm512_and_si512(_mm512_srl_epi64(v, sh), one);
  return _mm512_srl_epi64(_mm512_add_epi64(_mm512_add_epi64(v, add), parity), sh);
}

NPC_VNNI static inline __m512i requantize16(__m512i x, const Requant16 &k) {
  const __m512i one = _mm512_set1_epi64(1);
  x = _mm512_add_epi32(_mm512_min_epi32(_mm512_max_epi32(x, k.clampLo), k.clampHi), k.bias);
  __m512i even = roundedShift16(_mm512_mul_epi32(x, k.mult), k.add, one, k.shift);
  __m512i odd =
      roundedShift16(_mm512_mul_epi32(_mm512_srli_epi64(x, 32), k.mult), k.add, one, k.shift);
  __m512i q =
      _mm512_add_epi32(_mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32)), k.base);
  return _mm512_min_epi32(_mm512_max_epi32(q, k.lo), k.hi);
}

/// Where one block of 32 positions' outputs go as bytes (ConvStore): per
/// half of 16 lanes, the lanes that are outputs and the byte index of the
/// first (the others follow it one by one).
struct BlockStore {
  const ConvStore *store;
  __mmask16 valid[2];
  int64_t at[2];
};

/// The 16 lanes' outputs as byte codes (the low byte of each value, as
/// storeElems writes them) at out[at...], valid lanes only.
NPC_VNNI static inline void storeValidBytes(__m512i q, __mmask16 valid, uint8_t *out) {
  const __m128i b = _mm512_cvtepi32_epi8(q);
  if ((valid & (valid + 1)) == 0) { // a prefix of the lanes: one masked store
    _mm_mask_storeu_epi8(out, valid, b);
    return;
  }
  alignas(16) uint8_t lanes[16];
  _mm_store_si128(reinterpret_cast<__m128i *>(lanes), b);
  for (int l = 0; l < 16; ++l)
    if (valid >> l & 1)
      *out++ = lanes[l];
}

/// R output channels x 16 * V consecutive positions: the activations are
/// the u8 operand (a vector of 16 quads), the weights the s8 one (one quad
/// broadcast). `first`: the sums start at zero, else at `part` (an earlier
/// run over other taps: 32 sums per channel); not `last`: they go back to
/// `part`; `last`: less the codes' offset correction, to c (masks m0, m1)
/// or, with `bs`, requantized as bytes.
template <int R, int V>
NPC_VNNI static void convTile(const int8_t *w, const uint8_t *window,
                              const int64_t *taps, int64_t numTaps, int32_t *c, int64_t ldc,
                              __mmask16 m0, __mmask16 m1, const int32_t *corr, int32_t *part,
                              bool first, bool last, const BlockStore *bs, int64_t channel,
                              const int8_t *nextW) {
  __m512i acc[R][V];
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < V; ++v)
      acc[r][v] = first ? _mm512_setzero_si512() : _mm512_loadu_si512(part + r * 32 + v * 16);
  for (int64_t t = 0; t < numTaps; ++t) {
    const uint8_t *x = window + taps[t];
    __m512i b[V];
    for (int v = 0; v < V; ++v)
      b[v] = _mm512_loadu_si512(x + v * 64);
    // The group's quads of this tap side by side: constant offsets.
    const int8_t *wt = w + t * kConvGroup * 4;
    if (nextW)
      _mm_prefetch(reinterpret_cast<const char *>(nextW + t * kConvGroup * 4), _MM_HINT_T0);
    for (int r = 0; r < R; ++r) {
      int32_t quad;
      std::memcpy(&quad, wt + r * 4, 4);
      __m512i wv = _mm512_set1_epi32(quad);
      for (int v = 0; v < V; ++v)
        acc[r][v] = _mm512_dpbusd_epi32(acc[r][v], b[v], wv);
    }
  }
  if (!last) {
    for (int r = 0; r < R; ++r)
      for (int v = 0; v < V; ++v)
        _mm512_storeu_si512(part + r * 32 + v * 16, acc[r][v]);
    return;
  }
  for (int r = 0; r < R; ++r) {
    __m512i k = _mm512_set1_epi32(corr[r]);
    if (bs) {
      const ConvStore &st = *bs->store;
      const int64_t j = channel + r;
      const Requant16 rq = requant16(st.requant[j], st.lo, st.hi);
      uint8_t *out = st.out + j * st.outStride;
      for (int v = 0; v < V; ++v)
        storeValidBytes(requantize16(_mm512_sub_epi32(acc[r][v], k), rq), bs->valid[v],
                        out + bs->at[v]);
      continue;
    }
    _mm512_mask_storeu_epi32(c + r * ldc, m0, _mm512_sub_epi32(acc[r][0], k));
    if (V > 1)
      _mm512_mask_storeu_epi32(c + r * ldc + 16, m1, _mm512_sub_epi32(acc[r][V - 1], k));
  }
}

NPC_VNNI static void vnniConv(const PackedB &w, const ConvImage &image, int64_t oy0,
                              int64_t oy1, int64_t x0, int64_t x1, int64_t ldo, int32_t offset,
                              int32_t *c, int64_t channelStride, const ConvStore *store) {
  const int64_t numTaps = int64_t(image.taps.size());
  constexpr int R = int(kConvGroup); // rows of accumulators: one group of PackedB::taps
  // One block of 32 outputs at a time through every output channel: the
  // block's window (128 bytes a tap) stays in L1 while the weights stream,
  // rather than the whole image streaming from L2 once per 8 channels. Long
  // reductions go in chunks of kTapChunk taps (24 KiB of window), the
  // block's sums kept in `part` between them.
  constexpr int64_t kTapChunk = 192;
  thread_local std::vector<int32_t> corr, part;
  corr.resize(w.n + R);
  for (int64_t i = 0; i < w.n; ++i)
    corr[i] = int32_t(uint32_t(offset) * uint32_t(w.colSum[i]));
  part.resize((w.n + R) * 32); // kept per thread: no allocation once grown
  for (int64_t oy = oy0; oy < oy1; ++oy)
    for (int64_t ox = x0; ox < x1; ox += 32) {
      const int64_t left = x1 - ox;
      const __mmask16 m0 = left >= 16 ? 0xFFFF : __mmask16((1u << left) - 1);
      const __mmask16 m1 =
          left >= 32 ? 0xFFFF : left <= 16 ? 0 : __mmask16((1u << (left - 16)) - 1);
      BlockStore bs{store, {0, 0}, {0, 0}};
      if (store) {
        // Lane l is position q = oy * ldo + ox + l: an output where it is
        // inside its row's outputs, at (q / rowPositions) * rowOutputs + q %
        // rowPositions.
        const int64_t q0 = oy * ldo + ox;
        int64_t rowAt = q0 / store->rowPositions, col = q0 % store->rowPositions;
        for (int l = 0; l < std::min<int64_t>(32, left); ++l) {
          if (col < store->rowOutputs) {
            if (!bs.valid[l / 16])
              bs.at[l / 16] = rowAt * store->rowOutputs + col;
            bs.valid[l / 16] |= __mmask16(1u << (l % 16));
          }
          if (++col == store->rowPositions)
            col = 0, ++rowAt;
        }
      }
      const uint8_t *window = image.data + oy * image.rowStep + ox * 4;
      const bool two = left > 16;
      for (int64_t t0 = 0; t0 < numTaps; t0 += kTapChunk) {
        const int64_t nt = std::min(kTapChunk, numTaps - t0);
        const bool first = t0 == 0, last = t0 + nt == numTaps;
        const int64_t *taps = image.taps.data() + t0;
        for (int64_t i = 0; i < w.n; i += R) {
          const int64_t rows = std::min<int64_t>(R, w.n - i);
          const int8_t *wi = w.taps.data() + i * w.kPadded + t0 * kConvGroup * 4;
          int32_t *co = c + i * channelStride + oy * ldo + ox;
          const int32_t *ci = corr.data() + i;
          int32_t *pi = part.data() + i * 32;
          const BlockStore *b = store ? &bs : nullptr;
          // The first block reads each group's weights from memory: fetch
          // the next group's taps of this chunk meanwhile.
          const int8_t *nextW = oy == oy0 && ox == x0 && i + R < w.n ? wi + R * w.kPadded : nullptr;
          switch (rows * 2 + two) {
#define NPC_TILE(N)                                                                              \
  case N * 2:                                                                                    \
    convTile<N, 1>(wi, window, taps, nt, co, channelStride, m0, m1, ci, pi, first,               \
                   last, b, i, nextW);                                                           \
    break;                                                                                       \
  case N * 2 + 1:                                                                                \
    convTile<N, 2>(wi, window, taps, nt, co, channelStride, m0, m1, ci, pi, first,               \
                   last, b, i, nextW);                                                           \
    break;
            NPC_TILE(8) NPC_TILE(7) NPC_TILE(6) NPC_TILE(5) NPC_TILE(4) NPC_TILE(3) NPC_TILE(2)
            NPC_TILE(1)
#undef NPC_TILE
          default:
            break;
          }
        }
      }
    }
}

static void vnniRows(const uint8_t *a, int64_t rows, int64_t lda, int32_t aOffset,
                     const PackedB &b, int32_t *c, int64_t ldc) {
  const int64_t k4 = b.kPadded / 4, blocks = (b.n + kVnniCols - 1) / kVnniCols;
  constexpr int R = 8;
  for (int64_t nb = 0; nb < blocks; ++nb) {
    const int8_t *bp = b.vnni.data() + nb * k4 * kVnniCols * 4;
    int64_t j0 = nb * kVnniCols, cols = std::min(kVnniCols, b.n - j0);
    int32_t corr[kVnniCols] = {};
    for (int64_t j = 0; j < cols; ++j)
      corr[j] = int32_t(uint32_t(aOffset) * uint32_t(b.colSum[j0 + j]));
    int64_t i = 0;
    for (; i + R <= rows; i += R)
      vnniTile<R>(a + i * lda, lda, bp, k4, c + i * ldc + j0, ldc, cols, corr);
    const uint8_t *ar = a + i * lda;
    int32_t *cr = c + i * ldc + j0;
    switch (rows - i) {
    case 7: vnniTile<7>(ar, lda, bp, k4, cr, ldc, cols, corr); break;
    case 6: vnniTile<6>(ar, lda, bp, k4, cr, ldc, cols, corr); break;
    case 5: vnniTile<5>(ar, lda, bp, k4, cr, ldc, cols, corr); break;
    case 4: vnniTile<4>(ar, lda, bp, k4, cr, ldc, cols, corr); break;
    case 3: vnniTile<3>(ar, lda, bp, k4, cr, ldc, cols, corr); break;
    case 2: vnniTile<2>(ar, lda, bp, k4, cr, ldc, cols, corr); break;
    case 1: vnniTile<1>(ar, lda, bp, k4, cr, ldc, cols, corr); break;
    default: break;
    }
  }
}
#endif

//===----------------------------------------------------------------------===//
// The AVX2 path: R rows x 16 columns per step, vpmaddwd on 2 k at a time,
// K in blocks (avx2Blocked). A rows are widened to int16 once per R rows and
// block; each pair of them is one broadcast 32-bit word. Products (u8 x s16)
// and their pair sums fit int32, so nothing saturates; fitsInt32 bounds the
// running sums as for the others. Weights with |w| <= 64 stay bytes and go
// through vpmaddubsw (avx2ByteTile), whose pair sums then fit int16.
//===----------------------------------------------------------------------===//

#ifdef NPC_X86
#define NPC_AVX2 __attribute__((target("avx2")))

/// Lanes [from, from + 8) of a tile row that are among its first `cols`.
NPC_AVX2 static inline __m256i colMask(int64_t cols, int64_t from) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(int32_t(cols - from)), lane);
}

/// A tile row's 16 int32 sums to start a K block from: -corr (the codes'
/// offset) for the first, else the `cols` that c holds.
NPC_AVX2 static inline void loadTileRow(const int32_t *c, int64_t cols, const int32_t *corr,
                                        bool first, __m256i &lo, __m256i &hi) {
  // Full tiles (all but a layer's last column block) load in place: the
  // staging array's scalar stores would stall the vector loads (no store
  // forwarding from narrow to wide): ResNet-50 tile shapes ran at 40-55
  // GMAC/s with them, 53-74 without (npc-gemm-bench).
  if (first) {
    const __m256i zero = _mm256_setzero_si256();
    lo = _mm256_sub_epi32(zero, _mm256_loadu_si256(reinterpret_cast<const __m256i *>(corr)));
    hi = _mm256_sub_epi32(zero, _mm256_loadu_si256(reinterpret_cast<const __m256i *>(corr + 8)));
    return;
  }
  if (cols == kAvx2Cols) {
    lo = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(c));
    hi = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(c + 8));
    return;
  }
  lo = _mm256_maskload_epi32(c, colMask(cols, 0));
  hi = _mm256_maskload_epi32(c + 8, colMask(cols, 8));
}

/// The first `cols` of a tile row's 16 sums into c.
NPC_AVX2 static inline void storeTileRow(int32_t *c, int64_t cols, __m256i lo, __m256i hi) {
  if (cols == kAvx2Cols) {
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(c), lo);
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(c + 8), hi);
    return;
  }
  _mm256_maskstore_epi32(c, colMask(cols, 0), lo);
  _mm256_maskstore_epi32(c + 8, colMask(cols, 8), hi);
}

/// R rows x 16 columns over kk pairs of k: `a32` holds the rows' pairs
/// (row r at r * lda), `bp` the columns' ([kk][16][2]). The first K block
/// starts from -corr (the codes' offset), later ones add to c.
template <int R>
NPC_AVX2 __attribute__((always_inline)) static inline void avx2Tile(const int32_t *a32, int64_t lda, int64_t kk, const int16_t *bp,
                              int32_t *c, int64_t ldc, int64_t cols, const int32_t *corr,
                              bool first) {
  __m256i acc[R][2];
  for (int r = 0; r < R; ++r)
    loadTileRow(c + r * ldc, cols, corr, first, acc[r][0], acc[r][1]);
  for (int64_t q = 0; q < kk; ++q) {
    __m256i w0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(bp + q * 32));
    __m256i w1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(bp + q * 32 + 16));
    for (int r = 0; r < R; ++r) {
      __m256i av = _mm256_set1_epi32(a32[r * lda + q]);
      acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(av, w0));
      acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(av, w1));
    }
  }
  for (int r = 0; r < R; ++r)
    storeTileRow(c + r * ldc, cols, acc[r][0], acc[r][1]);
}

/// avx2Tile for weights as bytes (PackedB::pairBytes): `a` holds the rows'
/// codes as bytes (row r at r * lda), a broadcast quad of them times two
/// vectors of 8 columns' weight quads by vpmaddubsw (each 16-bit lane one
/// column's pair of products); `steps` quads add in int16 (exact:
/// PackedB::pairSteps), then vpmaddwd by ones adds each column's two pairs
/// into its int32 sum. kk counts pairs of k (even).
template <int R>
NPC_AVX2 __attribute__((always_inline)) static inline void avx2ByteTile(const uint8_t *a, int64_t lda, int64_t kk, const int8_t *bp,
                                  int64_t steps, int32_t *c, int64_t ldc, int64_t cols,
                                  const int32_t *corr, bool first) {
  __m256i lo[R], hi[R];
  for (int r = 0; r < R; ++r)
    loadTileRow(c + r * ldc, cols, corr, first, lo[r], hi[r]);
  const __m256i ones = _mm256_set1_epi16(1);
  const int64_t quads = kk / 2;
  for (int64_t q0 = 0; q0 < quads; q0 += steps) {
    const int64_t q1 = std::min(quads, q0 + steps);
    __m256i sumLo[R], sumHi[R];
    for (int r = 0; r < R; ++r)
      sumLo[r] = sumHi[r] = _mm256_setzero_si256();
    for (int64_t q = q0; q < q1; ++q) {
      __m256i w0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(bp + q * 64));
      __m256i w1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(bp + q * 64 + 32));
      for (int r = 0; r < R; ++r) {
        int32_t quad;
        std::memcpy(&quad, a + r * lda + 4 * q, 4);
        const __m256i av = _mm256_set1_epi32(quad);
        sumLo[r] = _mm256_add_epi16(sumLo[r], _mm256_maddubs_epi16(av, w0));
        sumHi[r] = _mm256_add_epi16(sumHi[r], _mm256_maddubs_epi16(av, w1));
      }
    }
    for (int r = 0; r < R; ++r) {
      lo[r] = _mm256_add_epi32(lo[r], _mm256_madd_epi16(sumLo[r], ones));
      hi[r] = _mm256_add_epi32(hi[r], _mm256_madd_epi16(sumHi[r], ones));
    }
  }
  for (int r = 0; r < R; ++r)
    storeTileRow(c + r * ldc, cols, lo[r], hi[r]);
}

/// `bytes` (even) codes as int16 pairs: the widened bytes read as words.
NPC_AVX2 static void widenPairs(const uint8_t *src, int64_t bytes, int32_t *dst) {
  int64_t i = 0;
  for (; i + 16 <= bytes; i += 16)
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + i / 2),
                        _mm256_cvtepu8_epi16(
                            _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + i))));
  for (; i < bytes; i += 2)
    dst[i / 2] = int32_t(uint32_t(src[i]) | (uint32_t(src[i + 1]) << 16));
}

/// `count` (a multiple of 16) int8 weights as int16, into this thread's
/// slice buffer.
NPC_AVX2 static const int16_t *widenSlice(const int8_t *src, int64_t count) {
  thread_local std::vector<int16_t> slice;
  if (int64_t(slice.size()) < count)
    slice.resize(count);
  for (int64_t i = 0; i < count; i += 16)
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(slice.data() + i),
                        _mm256_cvtepi8_epi16(
                            _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + i))));
  return slice.data();
}

constexpr int kAvx2Rows = 6;        // 12 accumulators + 2 weight vectors + 1 broadcast
constexpr int kAvx2ByteRows = 3;    // 6 int16 sums + 6 accumulators + 2 weights + 1 broadcast
constexpr int64_t kAvx2Block = 128; // pairs of k per block: the rows' slice stays in L1

constexpr int64_t kAvx2Panel = 96;   // rows whose A panels are filled at once (in L2)

/// C rows [m0, m1) (at c, ldc apart) = A x B on the AVX2 path, K in blocks.
/// fill(row, p0, p1, dst) writes pairs [p0, p1) of A's row: as int16 pairs
/// in 32-bit words for B's int16 layout (`Words`), as the codes' bytes for
/// its byte layout. Per K block, the panels of up to kAvx2Panel rows are
/// filled once (they stay in L2); then each column block of B, whose slice
/// of the K block then stays in L1, meets every group of those rows.
template <bool Words, typename Fill>
NPC_AVX2 static void avx2Blocked(int64_t m0, int64_t m1, int32_t aOffset, const PackedB &b,
                                 int32_t *c, int64_t ldc, Fill fill) {
  using Elem = std::conditional_t<Words, int32_t, uint8_t>;
  constexpr int R = Words ? kAvx2Rows : kAvx2ByteRows;
  constexpr int64_t perPair = Words ? 1 : 2; // panel elements per pair of k
  const int64_t k2 = b.kPadded / 2, blocks = (b.n + kAvx2Cols - 1) / kAvx2Cols;
  thread_local std::vector<Elem> panel;
  if (int64_t(panel.size()) < kAvx2Panel * kAvx2Block * perPair)
    panel.resize(kAvx2Panel * kAvx2Block * perPair);
  thread_local std::vector<int32_t> corr;
  corr.assign(blocks * kAvx2Cols, 0);
  for (int64_t j = 0; j < b.n; ++j)
    corr[j] = int32_t(uint32_t(aOffset) * uint32_t(b.colSum[j]));
  for (int64_t p0 = 0; p0 < k2; p0 += kAvx2Block) {
    const int64_t kk = std::min(kAvx2Block, k2 - p0), lda = kk * perPair;
    for (int64_t i0 = m0; i0 < m1; i0 += kAvx2Panel) {
      const int64_t i1 = std::min(m1, i0 + kAvx2Panel);
      for (int64_t i = i0; i < i1; ++i)
        fill(i, p0, p0 + kk, panel.data() + (i - i0) * lda);
      for (int64_t nb = 0; nb < blocks; ++nb) {
        const int64_t j0 = nb * kAvx2Cols, cols = std::min(kAvx2Cols, b.n - j0);
        const int64_t at = (nb * k2 + p0) * kAvx2Cols * 2;
        const int32_t *cc = corr.data() + j0;
        // Bytes widened once per slice, in L1 for every row group.
        const int16_t *wide = nullptr;
        if constexpr (Words)
          if (!b.pairs8.empty())
            wide = widenSlice(b.pairs8.data() + at, kk * kAvx2Cols * 2);
        for (int64_t i = i0; i < i1; i += R) {
          const int64_t rr = std::min<int64_t>(R, i1 - i);
          const Elem *aw = panel.data() + (i - i0) * lda;
          int32_t *cr = c + (i - m0) * ldc + j0;
          if constexpr (Words) {
            const int16_t *bp = wide ? wide : b.pairs.data() + at;
            switch (rr) {
            case 6: avx2Tile<6>(aw, lda, kk, bp, cr, ldc, cols, cc, p0 == 0); break;
            case 5: avx2Tile<5>(aw, lda, kk, bp, cr, ldc, cols, cc, p0 == 0); break;
            case 4: avx2Tile<4>(aw, lda, kk, bp, cr, ldc, cols, cc, p0 == 0); break;
            case 3: avx2Tile<3>(aw, lda, kk, bp, cr, ldc, cols, cc, p0 == 0); break;
            case 2: avx2Tile<2>(aw, lda, kk, bp, cr, ldc, cols, cc, p0 == 0); break;
            default: avx2Tile<1>(aw, lda, kk, bp, cr, ldc, cols, cc, p0 == 0); break;
            }
          } else {
            const int8_t *bp = b.pairBytes.data() + at;
            const int64_t st = b.pairSteps;
            switch (rr) {
            case 3: avx2ByteTile<3>(aw, lda, kk, bp, st, cr, ldc, cols, cc, p0 == 0); break;
            case 2: avx2ByteTile<2>(aw, lda, kk, bp, st, cr, ldc, cols, cc, p0 == 0); break;
            default: avx2ByteTile<1>(aw, lda, kk, bp, st, cr, ldc, cols, cc, p0 == 0); break;
            }
          }
        }
      }
    }
  }
}

NPC_AVX2 static void avx2Rows(const uint8_t *a, int64_t rows, int64_t lda, int32_t aOffset,
                              const PackedB &b, int32_t *c, int64_t ldc) {
  auto row = [&](int64_t r, int64_t p0) { return a + r * lda + 2 * p0; };
  if (b.wordPairs())
    avx2Blocked<true>(0, rows, aOffset, b, c, ldc,
                      [&](int64_t r, int64_t p0, int64_t p1, int32_t *dst) {
                        widenPairs(row(r, p0), 2 * (p1 - p0), dst);
                      });
  else
    avx2Blocked<false>(0, rows, aOffset, b, c, ldc,
                       [&](int64_t r, int64_t p0, int64_t p1, uint8_t *dst) {
                         std::memcpy(dst, row(r, p0), 2 * (p1 - p0));
                       });
}

/// Pairs [p0, p1) of image row m's A row (the taps' pixels one after
/// another, zeros past them), each run of bytes handed to put(src, bytes,
/// pair offset) and the zeros to zero(pair offset, pairs).
template <typename Put, typename Zero>
static void imageRowPairs(const PixelImage &im, int64_t m, int64_t p0, int64_t p1, Put put,
                          Zero zero) {
  const int64_t words = im.pixelBytes / 2, taps = int64_t(im.taps.size());
  const uint8_t *window = im.data + m / im.ow * im.rowStep + m % im.ow * im.colStep;
  for (int64_t t = p0 / words, p = p0; p < p1; ++t) {
    if (t >= taps) {
      zero(p - p0, p1 - p);
      return;
    }
    const int64_t end = std::min(p1, (t + 1) * words);
    put(window + im.taps[t] + 2 * (p - t * words), 2 * (end - p), p - p0);
    p = end;
  }
}

NPC_AVX2 static void avx2ImageRows(const PixelImage &im, int64_t m0, int64_t m1,
                                   int32_t aOffset, const PackedB &b, int32_t *c, int64_t ldc) {
  if (b.wordPairs())
    avx2Blocked<true>(m0, m1, aOffset, b, c, ldc,
                      [&](int64_t m, int64_t p0, int64_t p1, int32_t *dst) {
                        imageRowPairs(
                            im, m, p0, p1,
                            [&](const uint8_t *src, int64_t bytes, int64_t at) {
                              widenPairs(src, bytes, dst + at);
                            },
                            [&](int64_t at, int64_t n) { std::fill(dst + at, dst + at + n, 0); });
                      });
  else
    avx2Blocked<false>(m0, m1, aOffset, b, c, ldc,
                       [&](int64_t m, int64_t p0, int64_t p1, uint8_t *dst) {
                         imageRowPairs(
                             im, m, p0, p1,
                             [&](const uint8_t *src, int64_t bytes, int64_t at) {
                               std::memcpy(dst + 2 * at, src, bytes);
                             },
                             [&](int64_t at, int64_t n) {
                               std::fill(dst + 2 * at, dst + 2 * (at + n), 0);
                             });
                       });
}
#endif

void npc::kernels::gemm(const uint8_t *a, int64_t m, int64_t lda, int32_t aOffset,
                        const PackedB &b, int32_t *c, int64_t ldc, Isa isa) {
#ifdef NPC_X86
  if (b.int8 && isa == Isa::Avx512Vnni) {
    vnniRows(a, m, lda, aOffset, b, c, ldc);
    return;
  }
  if (b.avx2() && isa == Isa::Avx2) {
    avx2Rows(a, m, lda, aOffset, b, c, ldc);
    return;
  }
#endif
  portableRows(a, m, lda, aOffset, b, c, ldc);
}

void npc::kernels::gemmImage(const PixelImage &image, int64_t m0, int64_t m1, int32_t aOffset,
                             const PackedB &b, int32_t *c, int64_t ldc) {
#ifdef NPC_X86
  if (b.avx2()) {
    avx2ImageRows(image, m0, m1, aOffset, b, c, ldc);
    return;
  }
#endif
  // Only the AVX2 packing has pairs (packB): never reached.
  std::abort();
}

void npc::kernels::convDirect(const PackedB &w, const ConvImage &image, int64_t oy0,
                              int64_t oy1, int64_t x0, int64_t x1, int64_t ldo, int32_t offset,
                              int32_t *c, int64_t channelStride, const ConvStore *store) {
#ifdef NPC_X86
  if (!w.taps.empty()) {
    vnniConv(w, image, oy0, oy1, x0, x1, ldo, offset, c, channelStride, store);
    return;
  }
#endif
  // Without VNNI nothing packs taps (packConvWeights): never reached.
  std::abort();
}

void npc::kernels::parallelRows(int64_t rows, int64_t work,
                                llvm::function_ref<void(int64_t, int64_t)> body,
                                int64_t grain) {
  // At least ~1M operations per chunk (well over a thread hand-off).
  constexpr int64_t kMinWork = int64_t(1) << 20;
  // A few chunks per thread balance the threads; more only cut the body's
  // own blocking short (a GEMM of 8 rows streams all of B for them: ResNet-50's
  // tiles ran in chunks of 8 rows, at two thirds of the kernel's speed).
  const int64_t maxChunks = 4 * npc::parallelThreads();
  int64_t chunks = std::min<int64_t>({rows / grain, std::max<int64_t>(1, work / kMinWork),
                                      maxChunks});
  // With no thread to help, the chunks would run one after another here:
  // one call instead.
  if (chunks < 2 || !npc::parallelHelpAvailable()) {
    body(0, rows);
    return;
  }
  // Chunk c starts at c * rows / chunks, down to a multiple of grain: as
  // even as the grain allows (rounding every chunk up to the grain instead
  // left the last one short, and a thread idle, on small row counts).
  auto start = [&](int64_t c) { return c == chunks ? rows : c * rows / chunks / grain * grain; };
  npc::parallelFor(chunks, [&](int64_t c) { body(start(c), start(c + 1)); });
}

//===----------------------------------------------------------------------===//
// Requantization of one output row
//===----------------------------------------------------------------------===//

/// Whether the AVX-512 requantization, add and packing loops run: the
/// CPU has AVX-512 F, DQ and BW, and the scalar path is not forced.
static bool vectorEpilogues() {
#ifdef NPC_X86
  static const bool has = __builtin_cpu_supports("avx512f") &&
                          __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw");
  return has && activeIsa() != Isa::Scalar;
#else
  return false;
#endif
}

#ifdef NPC_X86
#define NPC_AVX512DQ __attribute__((target("avx512f,avx512dq")))

/// FixedPoint.h on 8 int64 lanes: clamp(zero + round_half_even(v / 2^sh),
/// lo, hi), as int32. Shared by every vectorized requantization below.
NPC_AVX512DQ static inline __m256i roundShiftClamp(__m512i v, __m512i sh, __m512i zero,
                                                   __m512i lo, __m512i hi) {
  const __m512i one = _mm512_set1_epi64(1);
  const __m512i half = _mm512_srai_epi64(_mm512_sllv_epi64(one, sh), 1);
  __m512i q = _mm512_srav_epi64(v, sh); // floor
  __m512i r = _mm512_sub_epi64(v, _mm512_sllv_epi64(q, sh));
  __mmask8 up = _mm512_cmpgt_epi64_mask(r, half) |
                (_mm512_cmpeq_epi64_mask(r, half) & _mm512_test_epi64_mask(q, one) &
                 _mm512_test_epi64_mask(sh, sh));
  q = _mm512_mask_add_epi64(q, up, q, one);
  return _mm512_cvtepi64_epi32(_mm512_min_epi64(_mm512_max_epi64(_mm512_add_epi64(q, zero), lo), hi));
}
#endif

#ifdef NPC_X86
NPC_AVX512DQ static int64_t
requantize512(int32_t *acc, const int32_t *bias, const int32_t *mult, const int32_t *shift,
              int64_t n, int32_t zero, int32_t lo, int32_t hi) {
  const __m512i z = _mm512_set1_epi64(zero);
  const __m512i vlo = _mm512_set1_epi64(lo), vhi = _mm512_set1_epi64(hi);
  int64_t j = 0;
  for (; j + 8 <= n; j += 8) {
#define wide(p) _mm512_cvtepi32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i *>((p) + j)))
    __m512i v = _mm512_mullo_epi64(_mm512_add_epi64(wide(bias), wide(acc)), wide(mult));
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(acc + j),
                        roundShiftClamp(v, wide(shift), z, vlo, vhi));
#undef wide
  }
  return j;
}
#endif

/// Whether the AVX2 requantization and add loops run (on CPUs with AVX2 but
/// not the AVX-512 ones above), unless the scalar path is forced.
static bool avx2Epilogues() {
#ifdef NPC_X86
  static const bool has = cpuSupports(Isa::Avx2);
  return has && !vectorEpilogues() && activeIsa() != Isa::Scalar;
#else
  return false;
#endif
}

#ifdef NPC_X86
/// roundShiftClamp on 4 int64 lanes with AVX2, which lacks 64-bit arithmetic
/// shifts, min and max: floor(v / 2^sh) as a logical shift of v's ones'
/// complement when negative, the clamp by compare and blend.
NPC_AVX2 static inline __m128i roundShiftClamp4(__m256i v, __m256i sh, __m256i zero,
                                                __m256i lo, __m256i hi) {
  const __m256i zeros = _mm256_setzero_si256(), one = _mm256_set1_epi64x(1);
  __m256i sign = _mm256_cmpgt_epi64(zeros, v);
  __m256i q = _mm256_xor_si256(_mm256_srlv_epi64(_mm256_xor_si256(v, sign), sh), sign);
  __m256i r = _mm256_sub_epi64(v, _mm256_sllv_epi64(q, sh));
  __m256i half = _mm256_srli_epi64(_mm256_sllv_epi64(one, sh), 1);
  __m256i tie = _mm256_and_si256(_mm256_cmpeq_epi64(r, half),
                                 _mm256_cmpeq_epi64(_mm256_and_si256(q, one), one));
  tie = _mm256_andnot_si256(_mm256_cmpeq_epi64(sh, zeros), tie); // no rounding at shift 0
  __m256i up = _mm256_or_si256(_mm256_cmpgt_epi64(r, half), tie); // -1 where rounding up
  q = _mm256_add_epi64(_mm256_sub_epi64(q, up), zero);
  q = _mm256_blendv_epi8(q, lo, _mm256_cmpgt_epi64(lo, q));
  q = _mm256_blendv_epi8(q, hi, _mm256_cmpgt_epi64(q, hi));
  return _mm256_castsi256_si128(
      _mm256_permutevar8x32_epi32(q, _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0)));
}

/// Four int32 from `p` as int64 lanes.
NPC_AVX2 static inline __m256i wide4(const int32_t *p) {
  return _mm256_cvtepi32_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
}

/// a * m for int64 lanes `a` and int32-valued lanes `m`, exact when every
/// lane of `a` fits int32 (vpmuldq multiplies the low halves); `fits` says
/// whether they do.
NPC_AVX2 static inline __m256i mul4(__m256i a, __m256i m, bool &fits) {
  __m256i low = _mm256_cvtepi32_epi64(_mm256_castsi256_si128(
      _mm256_permutevar8x32_epi32(a, _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0))));
  fits &= _mm256_movemask_epi8(_mm256_cmpeq_epi64(low, a)) == -1;
  return _mm256_mul_epi32(a, m);
}

/// requantizeRow's loop, 4 elements a step; a step whose sum does not fit
/// int32 is left to the scalar loop (returned: the elements done).
NPC_AVX2 static int64_t requantize4(int32_t *acc, const int32_t *bias, const int32_t *mult,
                                    const int32_t *shift, int64_t n, int32_t zero, int32_t lo,
                                    int32_t hi, bool perChannel) {
  const __m256i z = _mm256_set1_epi64x(zero);
  const __m256i vlo = _mm256_set1_epi64x(lo), vhi = _mm256_set1_epi64x(hi);
  int64_t j = 0;
  for (; j + 4 <= n; j += 4) {
    int64_t c = perChannel ? j : 0;
    __m256i b = perChannel ? wide4(bias + c) : _mm256_set1_epi64x(bias[0]);
    __m256i m = perChannel ? wide4(mult + c) : _mm256_set1_epi64x(mult[0]);
    __m256i sh = perChannel ? wide4(shift + c) : _mm256_set1_epi64x(shift[0]);
    bool fits = true;
    __m256i v = mul4(_mm256_add_epi64(b, wide4(acc + j)), m, fits);
    if (!fits)
      return j;
    _mm_storeu_si128(reinterpret_cast<__m128i *>(acc + j), roundShiftClamp4(v, sh, z, vlo, vhi));
  }
  return j;
}

/// addRows' loop, 4 elements a step, as requantize4.
NPC_AVX2 static int64_t addRows4(const int32_t *a, const int32_t *b, int64_t n, int32_t za,
                                 int32_t zb, int32_t ma, int32_t mb, int32_t shift, int32_t zero,
                                 int32_t lo, int32_t hi, int32_t *out) {
  const __m256i z = _mm256_set1_epi64x(zero);
  const __m256i vlo = _mm256_set1_epi64x(lo), vhi = _mm256_set1_epi64x(hi);
  const __m256i vza = _mm256_set1_epi64x(za), vzb = _mm256_set1_epi64x(zb);
  const __m256i vma = _mm256_set1_epi64x(ma), vmb = _mm256_set1_epi64x(mb);
  const __m256i sh = _mm256_set1_epi64x(shift);
  int64_t j = 0;
  for (; j + 4 <= n; j += 4) {
    bool fits = true;
    __m256i x = mul4(_mm256_sub_epi64(wide4(a + j), vza), vma, fits);
    __m256i y = mul4(_mm256_sub_epi64(wide4(b + j), vzb), vmb, fits);
    if (!fits)
      return j;
    _mm_storeu_si128(reinterpret_cast<__m128i *>(out + j),
                     roundShiftClamp4(_mm256_add_epi64(x, y), sh, z, vlo, vhi));
  }
  return j;
}
#endif

void npc::kernels::requantizeRow(int32_t *acc, const int32_t *bias, const int32_t *mult,
                                 const int32_t *shift, int64_t n, int32_t zero, int32_t lo,
                                 int32_t hi) {
  int64_t j = 0;
#ifdef NPC_X86
  if (vectorEpilogues())
    j = requantize512(acc, bias, mult, shift, n, zero, lo, hi);
  else if (avx2Epilogues())
    j = requantize4(acc, bias, mult, shift, n, zero, lo, hi, /*perChannel=*/true);
#endif
  for (; j < n; ++j)
    acc[j] = clampToRange(zero + applyMultiplier(int64_t(bias[j]) + acc[j], {mult[j], shift[j]}),
                          lo, hi);
}

#ifdef NPC_X86
NPC_AVX512DQ static int64_t
requantizeSpan512(int32_t *acc, int64_t n, int32_t bias, int32_t mult, int32_t shift,
                  int32_t zero, int32_t lo, int32_t hi) {
  const __m512i z = _mm512_set1_epi64(zero);
  const __m512i vlo = _mm512_set1_epi64(lo), vhi = _mm512_set1_epi64(hi);
  const __m512i vb = _mm512_set1_epi64(bias), vm = _mm512_set1_epi64(mult);
  const __m512i sh = _mm512_set1_epi64(shift);
  int64_t j = 0;
  for (; j + 8 <= n; j += 8) {
    __m512i a = _mm512_cvtepi32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(acc + j)));
    __m512i v = _mm512_mullo_epi64(_mm512_add_epi64(vb, a), vm);
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(acc + j), roundShiftClamp(v, sh, z, vlo, vhi));
  }
  return j;
}
#endif

ChannelRequant npc::kernels::channelRequant(int32_t bias, int32_t mult, int32_t shift,
                                            const AccClamp &c, int32_t zero) {
  const HalfEvenShift r(shift);
  return {r.add, c.lo, c.hi, bias, mult, r.base(zero), shift};
}

AccClamp npc::kernels::accClamp(int32_t bias, int32_t mult, int32_t shift, int32_t zero,
                                int32_t lo, int32_t hi) {
  AccClamp c;
  // mult >= 0: nondecreasing; shift >= 11: a step of the accumulator moves
  // the product's quotient by under 2^20, so the quotients the vector loop
  // meets (and zero, lo, hi) stay far inside int32.
  constexpr int32_t kSmall = 1 << 24;
  if (mult < 0 || shift < 11 || shift > kMaxShift || lo > hi || lo < -kSmall || hi > kSmall ||
      zero < -kSmall || zero > kSmall)
    return c;
  auto f = [&](int64_t x) {
    return clampToRange(zero + applyMultiplier(x, {mult, shift}), lo, hi);
  };
  // bias + accumulator over int32's range must reach both bounds, so that
  // clamping it into int32 changes no output.
  if (f(INT32_MIN) != lo || f(INT32_MAX) != hi)
    return c;
  int64_t xlo = 0, xhi = 0; // the last x giving lo, the first giving hi
  if (lo < hi) {
    int64_t a = INT32_MIN, b = INT32_MAX; // f(a) == lo < f(b)
    while (b - a > 1) {
      int64_t m = a + (b - a) / 2;
      (f(m) == lo ? a : b) = m;
    }
    xlo = a;
    a = INT32_MIN, b = INT32_MAX; // f(a) < hi == f(b)
    while (b - a > 1) {
      int64_t m = a + (b - a) / 2;
      (f(m) == hi ? b : a) = m;
    }
    xhi = b;
  }
  c.lo = int32_t(std::clamp<int64_t>(xlo - bias, INT32_MIN, INT32_MAX));
  c.hi = int32_t(std::clamp<int64_t>(xhi - bias, INT32_MIN, INT32_MAX));
  c.valid = true;
  return c;
}

#ifdef NPC_X86
/// requantizeSpan's loop on 8 lanes for an AccClamp'd channel: the clamped
/// accumulator plus bias fits int32; its product v with mult (vpmuldq, even
/// and odd lanes) is under 2^62 in magnitude, so u = v + 2^62 + half - 1 +
/// (bit `shift` of v) is an unsigned 64-bit value whose logical shift is
/// round_half_even(v / 2^shift) + 2^(62 - shift); the low 32 bits of that,
/// less 2^(62 - shift), are exact because the quotient is small.
NPC_AVX2 static inline __m256i roundedShift(__m256i v, __m256i add, __m256i one, __m128i sh) {
  __m256i parity = _mm256_and_si256(_mm256_srl_epi64(v, sh), one);
  return _mm256_srl_epi64(_mm256_add_epi64(_mm256_add_epi64(v, add), parity), sh);
}

/// One channel's requantization constants on 8 lanes (requantizeSpanAvx2).
struct SpanRequant8 {
  __m256i bias, mult, clampLo, clampHi, add, one, base, lo, hi;
  __m128i shift;
};

NPC_AVX2 static inline __m256i requantize8(__m256i x, const SpanRequant8 &k) {
  x = _mm256_add_epi32(_mm256_min_epi32(_mm256_max_epi32(x, k.clampLo), k.clampHi), k.bias);
  __m256i even = roundedShift(_mm256_mul_epi32(x, k.mult), k.add, k.one, k.shift);
  __m256i odd =
      roundedShift(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), k.mult), k.add, k.one, k.shift);
  __m256i q = _mm256_add_epi32(_mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA), k.base);
  return _mm256_min_epi32(_mm256_max_epi32(q, k.lo), k.hi);
}

NPC_AVX2 static int64_t requantizeSpanAvx2(int32_t *acc, int64_t n, int32_t bias, int32_t mult,
                                           int32_t shift, int32_t zero, int32_t lo, int32_t hi,
                                           const AccClamp &c) {
  const HalfEvenShift r(shift);
  const SpanRequant8 k{
      _mm256_set1_epi32(bias),
      _mm256_set1_epi32(mult),
      _mm256_set1_epi32(c.lo),
      _mm256_set1_epi32(c.hi),
      _mm256_set1_epi64x(r.add),
      _mm256_set1_epi64x(1),
      _mm256_set1_epi32(r.base(zero)),
      _mm256_set1_epi32(lo),
      _mm256_set1_epi32(hi),
      _mm_cvtsi32_si128(shift)};
  int64_t j = 0;
  for (; j + 8 <= n; j += 8)
    _mm256_storeu_si256(
        reinterpret_cast<__m256i *>(acc + j),
        requantize8(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(acc + j)), k));
  if (j < n) { // the last 1-7 lanes, masked
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(int32_t(n - j)),
                                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    _mm256_maskstore_epi32(acc + j, mask, requantize8(_mm256_maskload_epi32(acc + j, mask), k));
  }
  return n;
}
#endif

void npc::kernels::requantizeSpan(int32_t *acc, int64_t n, int32_t bias, int32_t mult,
                                  int32_t shift, int32_t zero, int32_t lo, int32_t hi,
                                  const AccClamp *clamp) {
  int64_t j = 0;
#ifdef NPC_X86
  if (vectorEpilogues())
    j = requantizeSpan512(acc, n, bias, mult, shift, zero, lo, hi);
  else if (clamp && clamp->valid && avx2Epilogues())
    j = requantizeSpanAvx2(acc, n, bias, mult, shift, zero, lo, hi, *clamp);
  else if (avx2Epilogues())
    j = requantize4(acc, &bias, &mult, &shift, n, zero, lo, hi, /*perChannel=*/false);
#endif
  for (; j < n; ++j)
    acc[j] = clampToRange(zero + applyMultiplier(int64_t(bias) + acc[j], {mult, shift}), lo, hi);
}

#ifdef NPC_X86
NPC_AVX512DQ static int64_t
addRows512(const int32_t *a, const int32_t *b, int64_t n, int32_t za, int32_t zb, int32_t ma,
           int32_t mb, int32_t shift, int32_t zero, int32_t lo, int32_t hi, int32_t *out) {
  const __m512i z = _mm512_set1_epi64(zero);
  const __m512i vlo = _mm512_set1_epi64(lo), vhi = _mm512_set1_epi64(hi);
  const __m512i vza = _mm512_set1_epi64(za), vzb = _mm512_set1_epi64(zb);
  const __m512i vma = _mm512_set1_epi64(ma), vmb = _mm512_set1_epi64(mb);
  const __m512i sh = _mm512_set1_epi64(shift);
  int64_t j = 0;
  for (; j + 8 <= n; j += 8) {
    __m512i x = _mm512_cvtepi32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + j)));
    __m512i y = _mm512_cvtepi32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(b + j)));
    __m512i v = _mm512_add_epi64(_mm512_mullo_epi64(_mm512_sub_epi64(x, vza), vma),
                                 _mm512_mullo_epi64(_mm512_sub_epi64(y, vzb), vmb));
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(out + j), roundShiftClamp(v, sh, z, vlo, vhi));
  }
  return j;
}
#endif

#ifdef NPC_X86
/// addBytes' loop: 16 codes of each input widened to int32, centered, the
/// two products of each pair of lanes in 64 bits (vpmuldq on the even and
/// the odd lanes), rounded half to even as requantize16 does (2^62 added,
/// the quotient's parity, a logical shift; the 2^62 comes off in `base`),
/// plus the zero point, clamped and narrowed to bytes.
NPC_AVX512 static int64_t addBytes512(const uint8_t *a, bool aSigned, const uint8_t *b,
                                    bool bSigned, int64_t n, int32_t za, int32_t zb, int32_t ma,
                                    int32_t mb, int32_t shift, int32_t zero, int32_t lo,
                                    int32_t hi, uint8_t *out) {
  const HalfEvenShift r(shift);
  const __m512i vza = _mm512_set1_epi32(za), vzb = _mm512_set1_epi32(zb);
  const __m512i vma = _mm512_set1_epi32(ma), vmb = _mm512_set1_epi32(mb);
  const __m512i add = _mm512_set1_epi64(r.add), base = _mm512_set1_epi32(r.base(zero));
  const __m512i vlo = _mm512_set1_epi32(lo), vhi = _mm512_set1_epi32(hi);
  const __m512i one = _mm512_set1_epi64(1);
  const __m128i sh = _mm_cvtsi32_si128(shift);
  auto widen = [](const uint8_t *p, bool isSigned) NPC_AVX512 {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    return isSigned ? _mm512_cvtepi8_epi32(v) : _mm512_cvtepu8_epi32(v);
  };
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512i x = _mm512_sub_epi32(widen(a + i, aSigned), vza);
    const __m512i y = _mm512_sub_epi32(widen(b + i, bSigned), vzb);
    const __m512i even =
        _mm512_add_epi64(_mm512_mul_epi32(x, vma), _mm512_mul_epi32(y, vmb));
    const __m512i odd = _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(x, 32), vma),
                                         _mm512_mul_epi32(_mm512_srli_epi64(y, 32), vmb));
    const __m512i qe = roundedShift16(even, add, one, sh);
    const __m512i qo = roundedShift16(odd, add, one, sh);
    __m512i q =
        _mm512_add_epi32(_mm512_mask_blend_epi32(0xAAAA, qe, _mm512_slli_epi64(qo, 32)), base);
    q = _mm512_min_epi32(_mm512_max_epi32(q, vlo), vhi);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), _mm512_cvtepi32_epi8(q));
  }
  return i;
}
#endif

int64_t npc::kernels::addBytes(const uint8_t *a, bool aSigned, const uint8_t *b, bool bSigned,
                               int64_t n, int32_t za, int32_t zb, int32_t ma, int32_t mb,
                               int32_t shift, int32_t zero, int32_t lo, int32_t hi,
                               uint8_t *out) {
#ifdef NPC_X86
  // Codes in [-128, 255] and zero points in [-256, 256]: |a - za|, |b - zb|
  // <= 512 and |ma|, |mb| < 2^31, so the sum is under 2^41 in magnitude
  // (adding 2^62 keeps it positive) and, with shift >= 12, its quotient
  // under 2^29: it and the zero point add in 32-bit lanes.
  auto code = [](int32_t z) { return z >= -256 && z <= 256; };
  if (avx512DataLoops() && shift >= 12 && shift <= 61 && code(za) &&
      code(zb) && lo >= -32768 && hi <= 32767 && zero >= -32768 && zero <= 32767)
    return addBytes512(a, aSigned, b, bSigned, n, za, zb, ma, mb, shift, zero, lo, hi, out);
#endif
  return 0;
}

void npc::kernels::addRows(const int32_t *a, const int32_t *b, int64_t n, int32_t za,
                           int32_t zb, int32_t ma, int32_t mb, int32_t shift, int32_t zero,
                           int32_t lo, int32_t hi, int32_t *out) {
  int64_t j = 0;
#ifdef NPC_X86
  if (vectorEpilogues())
    j = addRows512(a, b, n, za, zb, ma, mb, shift, zero, lo, hi, out);
  else if (avx2Epilogues())
    j = addRows4(a, b, n, za, zb, ma, mb, shift, zero, lo, hi, out);
#endif
  for (; j < n; ++j)
    out[j] = clampToRange(zero + roundingShiftRightHalfEven((int64_t(a[j]) - za) * ma +
                                                                (int64_t(b[j]) - zb) * mb,
                                                            shift),
                          lo, hi);
}

#ifdef NPC_X86
/// Four rows' 16 byte codes as 16 quads in column order: the bytes of rows
/// 0/1 and 2/3 paired, then the pairs paired (SSE2: every x86-64).
static inline void storeQuads16(__m128i b0, __m128i b1, __m128i b2, __m128i b3, uint32_t *dst) {
  __m128i t0 = _mm_unpacklo_epi8(b0, b1), t1 = _mm_unpackhi_epi8(b0, b1);
  __m128i t2 = _mm_unpacklo_epi8(b2, b3), t3 = _mm_unpackhi_epi8(b2, b3);
  __m128i *d = reinterpret_cast<__m128i *>(dst);
  _mm_storeu_si128(d + 0, _mm_unpacklo_epi16(t0, t2));
  _mm_storeu_si128(d + 1, _mm_unpackhi_epi16(t0, t2));
  _mm_storeu_si128(d + 2, _mm_unpacklo_epi16(t1, t3));
  _mm_storeu_si128(d + 3, _mm_unpackhi_epi16(t1, t3));
}

__attribute__((target("avx512f,avx512bw"))) static int64_t
interleaveQuads512(const int32_t *r0, const int32_t *r1, const int32_t *r2, const int32_t *r3,
                   int64_t n, int32_t offset, uint32_t *dst) {
  const __m512i off = _mm512_set1_epi32(offset);
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    // Each row's 16 codes to bytes, then to quads.
#define bytes(r) _mm512_cvtepi32_epi8(_mm512_add_epi32(_mm512_loadu_si512((r) + i), off))
    storeQuads16(bytes(r0), bytes(r1), bytes(r2), bytes(r3), dst + i);
#undef bytes
  }
  return i;
}
#endif

void npc::kernels::interleaveQuads(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                                   const int32_t *r3, int64_t n, int32_t offset, uint32_t *dst) {
  int64_t i = 0;
#ifdef NPC_X86
  if (vectorEpilogues())
    i = interleaveQuads512(r0, r1, r2, r3, n, offset, dst);
#endif
  for (; i < n; ++i)
    dst[i] = uint32_t(uint8_t(r0[i] + offset)) | uint32_t(uint8_t(r1[i] + offset)) << 8 |
             uint32_t(uint8_t(r2[i] + offset)) << 16 | uint32_t(uint8_t(r3[i] + offset)) << 24;
}

#ifdef NPC_X86
/// interleaveQuadBytes for strides 1 and 2, 16 columns a step, the last
/// step masked (no byte read past column n - 1, none written past quad n - 1).
NPC_AVX512 static void
interleaveQuadBytes512(const uint8_t *const rows[4], int64_t n, int64_t stride, uint8_t flip,
                       uint32_t *dst) {
  const __m128i f = _mm_set1_epi8(char(flip));
  for (int64_t i = 0; i < n; i += 16) {
    const int64_t m = std::min<int64_t>(16, n - i);
    const __mmask16 k = __mmask16((uint32_t(1) << m) - 1);
    __m128i b[4];
    for (int r = 0; r < 4; ++r)
      // Stride 2: bytes 0, 2, ..., 2m - 2 of the 32 from column i's, each
      // 16-bit lane's low byte.
      b[r] = _mm_xor_si128(stride == 1 ? _mm_maskz_loadu_epi8(k, rows[r] + i)
                                       : _mm256_cvtepi16_epi8(_mm256_maskz_loadu_epi8(
                                             __mmask32((uint64_t(1) << (2 * m - 1)) - 1),
                                             rows[r] + 2 * i)),
                           f);
    __m128i t0 = _mm_unpacklo_epi8(b[0], b[1]), t1 = _mm_unpackhi_epi8(b[0], b[1]);
    __m128i t2 = _mm_unpacklo_epi8(b[2], b[3]), t3 = _mm_unpackhi_epi8(b[2], b[3]);
    const __m128i quads[4] = {_mm_unpacklo_epi16(t0, t2), _mm_unpackhi_epi16(t0, t2),
                              _mm_unpacklo_epi16(t1, t3), _mm_unpackhi_epi16(t1, t3)};
    for (int j = 0; j < 4; ++j)
      _mm_mask_storeu_epi32(dst + i + 4 * j, __mmask8((k >> (4 * j)) & 0xF), quads[j]);
  }
}
#endif

void npc::kernels::interleaveQuadBytes(const uint8_t *r0, const uint8_t *r1, const uint8_t *r2,
                                       const uint8_t *r3, int64_t n, int64_t stride,
                                       uint8_t flip, uint32_t *dst) {
  int64_t i = 0;
#ifdef NPC_X86
  if ((stride == 1 || stride == 2) && avx512DataLoops()) {
    const uint8_t *rows[4] = {r0, r1, r2, r3};
    interleaveQuadBytes512(rows, n, stride, flip, dst);
    return;
  }
  const __m128i f = _mm_set1_epi8(char(flip));
  auto load = [](const uint8_t *p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
  };
  if (stride == 1) {
    for (; i + 16 <= n; i += 16) {
#define bytes(r) _mm_xor_si128(load((r) + i), f)
      storeQuads16(bytes(r0), bytes(r1), bytes(r2), bytes(r3), dst + i);
#undef bytes
    }
  } else if (stride == 2) {
    // The even bytes of 32: each 16-bit lane's low byte, packed. The loads
    // reach byte 2i + 31, one past column i + 15: stop a column early so
    // that it is still one the caller's row holds.
    const __m128i low = _mm_set1_epi16(0x00FF);
    for (; i + 17 <= n; i += 16) {
#define bytes(r)                                                                         \
  _mm_xor_si128(_mm_packus_epi16(_mm_and_si128(load((r) + 2 * i), low),                  \
                                 _mm_and_si128(load((r) + 2 * i + 16), low)),            \
                f)
      storeQuads16(bytes(r0), bytes(r1), bytes(r2), bytes(r3), dst + i);
#undef bytes
    }
  }
#endif
  for (; i < n; ++i) {
    const int64_t x = i * stride;
    dst[i] = uint32_t(r0[x] ^ flip) | uint32_t(r1[x] ^ flip) << 8 | uint32_t(r2[x] ^ flip) << 16 |
             uint32_t(r3[x] ^ flip) << 24;
  }
}

void npc::kernels::interleaveQuadRows(const uint8_t *const rows[4], int64_t srcRowStride,
                                      int64_t count, int64_t stride, uint8_t flip,
                                      uint32_t *dst, int64_t dstRowStride, int64_t lo,
                                      int64_t hi, int64_t end, uint32_t fill) {
  // Rows that follow each other in both (a 1x1 convolution's whole rows):
  // one run.
  if (lo == 0 && hi == end && dstRowStride == hi && srcRowStride == hi * stride) {
    interleaveQuadBytes(rows[0], rows[1], rows[2], rows[3], count * hi, stride, flip, dst);
    return;
  }
#ifdef NPC_X86
  const bool wide = (stride == 1 || stride == 2) && avx512DataLoops();
#endif
  for (int64_t k = 0; k < count; ++k) {
    uint32_t *d = dst + k * dstRowStride;
    std::fill(d, d + lo, fill);
    const uint8_t *r[4] = {rows[0] + k * srcRowStride, rows[1] + k * srcRowStride,
                           rows[2] + k * srcRowStride, rows[3] + k * srcRowStride};
#ifdef NPC_X86
    if (wide)
      interleaveQuadBytes512(r, hi - lo, stride, flip, d + lo);
    else
#endif
      interleaveQuadBytes(r[0], r[1], r[2], r[3], hi - lo, stride, flip, d + lo);
    std::fill(d + hi, d + end, fill);
  }
}

//===----------------------------------------------------------------------===//
// Channel planes to pixel rows (the im2col paths' input image)
//===----------------------------------------------------------------------===//

#ifdef NPC_X86
/// r[i] (8 int32 each) transposed in place: r[j][i] = old r[i][j].
NPC_AVX2 static inline void transpose8x8Epi32(__m256i r[8]) {
  __m256i t[8], u[8];
  for (int i = 0; i < 4; ++i) {
    t[2 * i] = _mm256_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm256_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
  }
  for (int i = 0; i < 2; ++i) {
    u[4 * i] = _mm256_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
    u[4 * i + 1] = _mm256_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
    u[4 * i + 2] = _mm256_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
    u[4 * i + 3] = _mm256_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
  }
  for (int i = 0; i < 4; ++i) {
    r[i] = _mm256_permute2x128_si256(u[i], u[i + 4], 0x20);
    r[i + 4] = _mm256_permute2x128_si256(u[i], u[i + 4], 0x31);
  }
}

/// 8 channels x 8 pixels: an 8x8 int32 transpose in registers, then the
/// values packed to bytes, 8 per pixel.
NPC_AVX2 static inline void planesToPixels8x8(const int32_t *src, int64_t plane, __m256i off,
                                              uint8_t *img, int64_t pixStride) {
  __m256i r[8];
  for (int c = 0; c < 8; ++c)
    r[c] = _mm256_add_epi32(
        _mm256_loadu_si256(reinterpret_cast<const __m256i *>(src + c * plane)), off);
  transpose8x8Epi32(r);
  const __m256i *px = r; // px[p]: pixel p's 8 channels
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  for (int h = 0; h < 2; ++h) {
    // Pixels 4h .. 4h+3: packed to bytes, then each pixel's 8 in a row.
    __m256i w = _mm256_packus_epi16(_mm256_packus_epi32(px[4 * h], px[4 * h + 1]),
                                    _mm256_packus_epi32(px[4 * h + 2], px[4 * h + 3]));
    w = _mm256_permutevar8x32_epi32(w, order);
    alignas(32) uint64_t bytes[4];
    _mm256_store_si256(reinterpret_cast<__m256i *>(bytes), w);
    for (int p = 0; p < 4; ++p)
      std::memcpy(img + (4 * h + p) * pixStride, &bytes[p], 8);
  }
}

/// Pixels [px0, px1) x channels [0, ch) in 8x8 steps (both multiples of 8).
NPC_AVX2 static void planesToPixelsAvx2(const int32_t *src, int64_t plane, int64_t ch,
                                        int64_t px0, int64_t px1, int32_t offset, uint8_t *img,
                                        int64_t pixStride) {
  const __m256i off = _mm256_set1_epi32(offset);
  for (int64_t px = px0; px < px1; px += 8)
    for (int64_t c = 0; c < ch; c += 8)
      planesToPixels8x8(src + c * plane + px, plane, off, img + px * pixStride + c, pixStride);
}
#endif

#ifdef NPC_X86
/// rowsToSpans over rows [0, m8) x columns [0, n8), both multiples of 8.
NPC_AVX2 static void rowsToSpansAvx2(const int32_t *c, int64_t ldc, int64_t m8, int64_t n8,
                                     int32_t *spans, int64_t spanStride) {
  for (int64_t j = 0; j < n8; j += 8)
    for (int64_t i = 0; i < m8; i += 8) {
      __m256i r[8];
      for (int k = 0; k < 8; ++k)
        r[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(c + (i + k) * ldc + j));
      transpose8x8Epi32(r);
      for (int k = 0; k < 8; ++k)
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(spans + (j + k) * spanStride + i), r[k]);
    }
}
#endif

bool npc::kernels::avx2DataLoops() {
  static const bool avx2 = cpuSupports(Isa::Avx2);
  return avx2 && activeIsa() != Isa::Scalar;
}

void npc::kernels::rowsToSpans(const int32_t *c, int64_t ldc, int64_t m, int64_t n,
                               int32_t *spans, int64_t spanStride) {
  int64_t m8 = 0, n8 = 0;
#ifdef NPC_X86
  if (avx2DataLoops()) {
    m8 = m / 8 * 8;
    n8 = n / 8 * 8;
    rowsToSpansAvx2(c, ldc, m8, n8, spans, spanStride);
  }
#endif
  // The rest: columns past the last 8 for the vector rows, then every
  // column of the other rows.
  for (int64_t j = n8; j < n; ++j)
    for (int64_t i = 0; i < m8; ++i)
      spans[j * spanStride + i] = c[i * ldc + j];
  for (int64_t j = 0; j < n; ++j)
    for (int64_t i = m8; i < m; ++i)
      spans[j * spanStride + i] = c[i * ldc + j];
}

/// The plain part of planesToPixels: channels [c0, ch) of pixels [p0, p1),
/// img[px * pixStride + c] = code(channel c's plane, px); in groups of
/// pixels, so that the strided writes stay in cache.
template <typename T, typename Code>
static void planesToPixelsPlain(const T *src, int64_t plane, int64_t ch, int64_t p0, int64_t p1,
                                int64_t c0, uint8_t *img, int64_t pixStride, Code code) {
  constexpr int64_t kGroup = 32;
  for (int64_t g0 = p0; g0 < p1; g0 += kGroup) {
    const int64_t gEnd = std::min(p1, g0 + kGroup);
    for (int64_t c = c0; c < ch; ++c)
      for (int64_t px = g0; px < gEnd; ++px)
        img[px * pixStride + c] = code(src + c * plane, px);
  }
}

#ifdef NPC_X86
/// 16 channels x 16 pixels of bytes, transposed with SSE2 unpacks (bytes,
/// then words, dwords, qwords): rows[c][p] -> img[p * pixStride + c].
static void transpose16x16(const uint8_t *src, int64_t plane, __m128i flip, uint8_t *img,
                           int64_t pixStride) {
  __m128i x[16], y[16];
  for (int c = 0; c < 16; ++c)
    x[c] = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(src + c * plane)),
                         flip);
  // After each stage, y[h * 8 + i] holds the low (h 0) or high (h 1) halves
  // of the pair x[2i], x[2i + 1] interleaved; four stages transpose.
  for (int stage = 0; stage < 4; ++stage) {
    for (int i = 0; i < 8; ++i) {
      __m128i a = x[2 * i], b = x[2 * i + 1];
      switch (stage) {
      case 0: y[i] = _mm_unpacklo_epi8(a, b), y[8 + i] = _mm_unpackhi_epi8(a, b); break;
      case 1: y[i] = _mm_unpacklo_epi16(a, b), y[8 + i] = _mm_unpackhi_epi16(a, b); break;
      case 2: y[i] = _mm_unpacklo_epi32(a, b), y[8 + i] = _mm_unpackhi_epi32(a, b); break;
      default: y[i] = _mm_unpacklo_epi64(a, b), y[8 + i] = _mm_unpackhi_epi64(a, b); break;
      }
    }
    std::copy(y, y + 16, x);
  }
  // x[k] is now pixel bitreverse-ordered: pixel p sits at the index whose
  // four bits are p's reversed.
  for (int k = 0; k < 16; ++k) {
    const int p = ((k & 1) << 3) | ((k & 2) << 1) | ((k & 4) >> 1) | ((k & 8) >> 3);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(img + p * pixStride), x[k]);
  }
}
#endif

void npc::kernels::planesToPixels(const uint8_t *src, int64_t plane, int64_t ch, int64_t n,
                                  int64_t stride, uint8_t flip, uint8_t *img,
                                  int64_t pixStride) {
  int64_t pixVec = 0, chVec = 0;
#ifdef NPC_X86
  if (stride == 1 && pixStride >= 16 && activeIsa() != Isa::Scalar) {
    pixVec = n / 16 * 16, chVec = ch / 16 * 16;
    const __m128i f = _mm_set1_epi8(char(flip));
    for (int64_t i = 0; i < pixVec; i += 16)
      for (int64_t c = 0; c < chVec; c += 16)
        transpose16x16(src + c * plane + i, plane, f, img + i * pixStride + c, pixStride);
  }
#endif
  // The rest: channels past the last 16 for the vector pixels, then every
  // channel of the other pixels.
  auto code = [&](const uint8_t *row, int64_t i) { return uint8_t(row[i * stride] ^ flip); };
  planesToPixelsPlain(src, plane, ch, 0, pixVec, chVec, img, pixStride, code);
  planesToPixelsPlain(src, plane, ch, pixVec, n, 0, img, pixStride, code);
}

void npc::kernels::planesToPixels(const int32_t *src, int64_t plane, int64_t ch, int64_t px0,
                                  int64_t px1, int32_t offset, uint8_t *img,
                                  int64_t pixStride) {
  int64_t vecEnd = px0, chVec = 0;
#ifdef NPC_X86
  if (avx2DataLoops()) {
    vecEnd = px0 + (px1 - px0) / 8 * 8;
    chVec = ch / 8 * 8;
    planesToPixelsAvx2(src, plane, chVec, px0, vecEnd, offset, img, pixStride);
  }
#endif
  // The rest: channels past the last 8 for the vector pixels, then every
  // channel of the other pixels.
  auto code = [&](const int32_t *row, int64_t px) { return uint8_t(row[px] + offset); };
  planesToPixelsPlain(src, plane, ch, px0, vecEnd, chVec, img, pixStride, code);
  planesToPixelsPlain(src, plane, ch, vecEnd, px1, 0, img, pixStride, code);
}
