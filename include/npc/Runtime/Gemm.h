//===- Gemm.h - exact integer matrix products at the machine's speed -*- C++ -*-===//
//
// Convolution (as im2col) and matmul reduce to C = A x B with A the
// activation codes (8 bits or fewer) and B the constant centered weights.
// Every path here computes the same int32 values: the products are exact
// and the sums wrap modulo 2^32, so any order and any instruction set give
// the same bits, and `fitsInt32` says when those bits are the true sum.
// docs/executor.md explains the choice of paths.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_RUNTIME_GEMM_H
#define NPC_RUNTIME_GEMM_H

#include "npc/Runtime/HugePages.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace npc::kernels {

/// How the MAC-array kernels compute, best first.
enum class Isa {
  Avx512Vnni, // vpdpbusd: u8 x s8, 4-way dot products into int32, no saturation
  Avx2,       // vpmaddwd: u8 widened to s16 x s16 weights, pairs into int32, no saturation;
              // weights |w| <= 64 (INT4, INT2): vpmaddubsw, whose pair sums then fit int16
  Portable,   // plain C++ on u8 x s16 (vectorized by the compiler for this CPU)
  Scalar,     // the direct loops: one MAC at a time in int64 (the oracle)
};

/// The path the kernels take: the best this CPU runs, lowered (never raised)
/// by the environment variable NPC_ISA=scalar|portable|avx512vnni or
/// `setIsa` (tests compare the paths).
Isa activeIsa();
void setIsa(Isa isa);
const char *isaName(Isa isa);
/// Whether this CPU can run `isa` (checked at run time, not compile time).
bool cpuSupports(Isa isa);
/// Whether the AVX2 data-movement loops run (transposes, narrowing and
/// widening of stored codes): the CPU has AVX2 and the scalar path is not
/// forced. Their results are the plain loops' on every path.
bool avx2DataLoops();

/// A channel's requantization checked once (accClamp), so that its
/// vector loop needs no overflow checks: every accumulator below `lo` gives
/// the output of `lo`, every one above `hi` that of `hi` (the output is a
/// nondecreasing function of the accumulator), and between them bias +
/// accumulator fits int32 and the product's rounding is exact in 32-bit
/// lanes. `valid` false: the parameters are outside what that covers.
struct AccClamp {
  int32_t lo = 0, hi = 0;
  bool valid = false;
};

/// One channel's requantization as the VNNI convolution's epilogue applies
/// it: its AccClamp, the rounding constant, the output zero point folded in
/// (channelRequant; worked out when the weights are packed, not per call).
struct ChannelRequant {
  int64_t add;
  int32_t clampLo, clampHi, bias, mult, base, shift;
};

/// A constant right-hand operand B (K x N), packed once for `gemm`.
struct PackedB {
  int64_t k = 0, n = 0;
  int64_t kPadded = 0;        // k rounded up to 4: A rows are this long
  int32_t maxAbs = 0;         // the largest |B[k][n]|
  bool int8 = false;          // the VNNI layout is filled
  HugeVector<int8_t> vnni;   // [n / 32][kPadded / 4][32][4], zero-padded
  HugeVector<int16_t> cols;  // [n][kPadded]: the portable layout
  HugeVector<int16_t> pairs; // [n / 16][kPadded / 2][16][2], zero-padded: the AVX2 layout
  /// The same layout as bytes when every weight fits int8 (pairs then stays
  /// empty): the kernel widens each slice once into L1, and the weights
  /// stream from memory at half the bytes.
  HugeVector<int8_t> pairs8;
  /// The AVX2 layout of weights with |w| <= 64 as bytes (pairs stays empty),
  /// [n / 16][kPadded / 4][2][8][4]: a pair of u8 codes times a pair of
  /// them stays under 2^15, so vpmaddubsw does not saturate, and
  /// `pairSteps` such sums add in int16 before they widen.
  HugeVector<int8_t> pairBytes;
  int64_t pairSteps = 0;
  /// Whether gemm and gemmImage take the AVX2 path with these.
  bool avx2() const { return wordPairs() || !pairBytes.empty(); }
  /// Whether the AVX2 path multiplies int16 pairs (vpmaddwd).
  bool wordPairs() const { return !pairs.empty() || !pairs8.empty(); }
  std::vector<int32_t> colSum; // sum over k of B[k][n]
  /// Convolution weights for convDirect (packConvWeights): int8 quads in
  /// groups of kConvGroup output channels, [n / 8][kPadded / 4][8][4]
  /// (zeros past channel n): a tap's quads of a group side by side.
  HugeVector<int8_t> taps;
  /// Per output channel, its requantization's AccClamp (filled by the
  /// kernel that packs, where the layer requantizes).
  std::vector<AccClamp> accClamps;
  /// Where the VNNI convolution packs (convWeights) and every accClamp is
  /// valid: each channel's ChannelRequant, for ConvStore::requant.
  std::vector<ChannelRequant> requant;
};

/// Packs row-major `b` (k x n) for the path `isa` takes.
PackedB packB(llvm::ArrayRef<int32_t> b, int64_t k, int64_t n, Isa isa);
/// The same with B given a block of columns at a time: fill(j0, cols, block)
/// writes block[kk * kPackBlockCols + jj] = B[kk][j0 + jj] for every kk < k
/// and jj < cols (the rest of the block is not read), so a caller whose
/// weights are in another order (convolutions) needs no row-major copy of B.
constexpr int64_t kPackBlockCols = 32;
PackedB packB(int64_t k, int64_t n, Isa isa,
              llvm::function_ref<void(int64_t j0, int64_t cols, int32_t *block)> fill);

/// Output channels per group of PackedB::taps: the direct convolution's
/// rows of accumulators.
constexpr int64_t kConvGroup = 8;

/// Packs convolution weights `w` [n][c][kh][kw] for `convDirect`: int8
/// quads over channels, tap t = (c / 4, ky, kx) of channel j at
/// ((j / 8) * taps + t) * 32 + (j % 8) * 4 (taps = c/4 * kh * kw, k padded
/// to taps * 4). `taps` stays empty unless the CPU has VNNI and every
/// weight fits int8.
PackedB packConvWeights(llvm::ArrayRef<int32_t> w, int64_t n, int64_t c, int64_t kh, int64_t kw);

/// A convolution's input as `convDirect` reads it: u8 codes (x + offset),
/// channels in quads, [c / 4][row phase][column phase][rows][positions][4]
/// (conv2dDirect builds it): image row r sits in row phase r % stride at
/// row r / stride, column q likewise, so that output (oy, ox) reads every
/// tap at position oy * positions + ox of one phase image and consecutive
/// outputs read consecutive quads whatever the stride.
struct ConvImage {
  const uint8_t *data = nullptr;
  int64_t rowStep = 0;       // bytes from one output row's window to the next
  std::vector<int64_t> taps; // byte offset of each tap (c4, ky, kx) from a window
};

/// Where convDirect may write its outputs as stored byte codes instead of
/// int32 sums: each requantized in registers (requantizeSpan's result,
/// exact: every channel's AccClamp must be valid) and truncated to its low
/// byte as storeElems does. Output channel i's value at linear position q
/// = oy * ldo + ox goes to out[i * outStride + (q / rowPositions) *
/// rowOutputs + q % rowPositions] where q % rowPositions < rowOutputs; the
/// other positions (past a row's outputs) are dropped.
struct ConvStore {
  uint8_t *out = nullptr;
  int64_t outStride = 0, rowPositions = 1, rowOutputs = 1;
  /// Each output channel's requantization (PackedB::requant, packed with
  /// the weights); the output's clamp is [lo, hi].
  const ChannelRequant *requant = nullptr;
  int32_t lo = 0, hi = 0;
};

/// Direct convolution on the MAC array's int8 dot products (VNNI):
/// c[i * channelStride + oy * ldo + ox] = sum over taps of W[i] . the
/// window at image.data + oy * rowStep + ox * 4, for every output channel i
/// < w.n, rows oy in [oy0, oy1) and columns ox in [x0, x1), minus offset *
/// sum(W[i]) (the codes' offset), exact when fitsInt32(w); with `store`,
/// c is not written and the outputs go there. Reads up to 128 bytes past
/// the last window.
void convDirect(const PackedB &w, const ConvImage &image, int64_t oy0, int64_t oy1, int64_t x0,
                int64_t x1, int64_t ldo, int32_t offset, int32_t *c, int64_t channelStride,
                const ConvStore *store = nullptr);

/// Whether every sum of K products of an activation code (|x| <= 255) with
/// B fits in int32, so that `gemm`'s sums are the true ones.
bool fitsInt32(const PackedB &b);

/// C[i][j] = sum_k x[i][k] * B[k][j] (mod 2^32), where A holds the codes as
/// bytes: A[i][k] = x[i][k] + aOffset (aOffset 0 for unsigned codes, 128
/// for signed ones), rows of b.kPadded bytes at stride `lda` with zeros
/// past k. Runs on the calling thread (see parallelRows).
void gemm(const uint8_t *a, int64_t m, int64_t lda, int32_t aOffset, const PackedB &b,
          int32_t *c, int64_t ldc, Isa isa);

/// A convolution's input as the AVX2 path's implicit im2col reads it:
/// pixels of `pixelBytes` codes (x + offset, channels padded to an even
/// count with zeros), the layer's padding included as pixels of its pad
/// code, so that every tap of every output reads inside. GEMM row m is
/// output pixel (oy, ox) = (m / ow, m % ow); its A row is, tap by tap, the
/// pixel at data + oy * rowStep + ox * colStep + taps[t]: K = taps.size() *
/// pixelBytes in (ky, kx, channel) order.
struct PixelImage {
  const uint8_t *data = nullptr;
  int64_t pixelBytes = 0, ow = 1, rowStep = 0, colStep = 0;
  std::vector<int64_t> taps;
};

/// gemm with A gathered from `image` (implicit im2col) for rows [m0, m1):
/// C rows at c, ldc apart. Requires the AVX2 packing (b.avx2()) with k =
/// image.taps.size() * image.pixelBytes.
void gemmImage(const PixelImage &image, int64_t m0, int64_t m1, int32_t aOffset,
               const PackedB &b, int32_t *c, int64_t ldc);

/// Calls body(lo, hi) over chunks of [0, rows) (multiples of `grain` rows
/// but the last), on all threads when `work`
/// (operations in all) makes it worth it. Called from a thread that already
/// runs in parallel (several tiles at once), the chunks run in order there.
/// What reading or converting one element costs in parallelRows' units of
/// work (a MAC): memory-bound loops are worth splitting from ~100k elements.
constexpr int64_t kElementWork = 8;

void parallelRows(int64_t rows, int64_t work,
                  llvm::function_ref<void(int64_t lo, int64_t hi)> body, int64_t grain = 8);

/// acc[j] = clamp(zero + round_half_even((bias[j] + acc[j]) * mult[j] /
/// 2^shift[j]), lo, hi) for the n channels of one output row, in place:
/// FixedPoint.h's requantization, vectorized where the CPU allows.
void requantizeRow(int32_t *acc, const int32_t *bias, const int32_t *mult,
                   const int32_t *shift, int64_t n, int32_t zero, int32_t lo, int32_t hi);

AccClamp accClamp(int32_t bias, int32_t mult, int32_t shift, int32_t zero, int32_t lo,
                  int32_t hi);
/// For a valid AccClamp `c` of the same values (its shift is in [11, 61]).
ChannelRequant channelRequant(int32_t bias, int32_t mult, int32_t shift, const AccClamp &c,
                              int32_t zero);

/// The same for `n` values of one channel: one bias, multiplier and shift;
/// `clamp` (from accClamp on the same values) takes the 8-lane AVX2 loop.
void requantizeSpan(int32_t *acc, int64_t n, int32_t bias, int32_t mult, int32_t shift,
                    int32_t zero, int32_t lo, int32_t hi, const AccClamp *clamp = nullptr);

/// out[i] = clamp(zero + round_half_even(((a[i] - za) * ma + (b[i] - zb) *
/// mb) / 2^shift), lo, hi): the residual add's arithmetic (docs/semantics.md)
/// on n elements, vectorized where the CPU allows.
void addRows(const int32_t *a, const int32_t *b, int64_t n, int32_t za, int32_t zb, int32_t ma,
             int32_t mb, int32_t shift, int32_t zero, int32_t lo, int32_t hi, int32_t *out);

/// addRows on stored byte codes (u8, or i8 where `aSigned`/`bSigned`),
/// written as the low bytes of the results, 16 elements a step with
/// AVX-512 where the ranges allow (byte codes and zero points, 12 <= shift
/// <= 61, lo and hi within int16): the elements done, a multiple of 16;
/// the caller finishes the rest.
int64_t addBytes(const uint8_t *a, bool aSigned, const uint8_t *b, bool bSigned, int64_t n,
                 int32_t za, int32_t zb, int32_t ma, int32_t mb, int32_t shift, int32_t zero,
                 int32_t lo, int32_t hi, uint8_t *out);

/// dst[i] = the bytes (r0[i] + offset, r1[i] + offset, r2[i] + offset,
/// r3[i] + offset), low first: four channels' codes as one quad of a
/// ConvImage, for n consecutive columns.
void interleaveQuads(const int32_t *r0, const int32_t *r1, const int32_t *r2, const int32_t *r3,
                     int64_t n, int32_t offset, uint32_t *dst);
/// The same for stored byte codes, every `stride`-th column: dst[i] = the
/// bytes (r0[i * stride] ^ flip, ..., r3[i * stride] ^ flip); flip 0x80
/// turns i8 codes into u8 codes plus 128. Reads no byte past column
/// (n - 1) * stride.
void interleaveQuadBytes(const uint8_t *r0, const uint8_t *r1, const uint8_t *r2,
                         const uint8_t *r3, int64_t n, int64_t stride, uint8_t flip,
                         uint32_t *dst);

/// interleaveQuadBytes over `count` rows of a convolution image: row k's
/// channel rows start at rows[c] + k * srcRowStride (already at position
/// lo's column) and its quads at dst + k * dstRowStride, positions [lo, hi)
/// interleaved, [0, lo) and [hi, end) set to `fill` (the padding's quad);
/// rows that follow each other in both go as one run.
void interleaveQuadRows(const uint8_t *const rows[4], int64_t srcRowStride, int64_t count,
                        int64_t stride, uint8_t flip, uint32_t *dst, int64_t dstRowStride,
                        int64_t lo, int64_t hi, int64_t end, uint32_t fill);

/// planesToPixels for stored byte codes, every `stride`-th column:
/// img[i * pixStride + c] = src[c * plane + i * stride] ^ flip for i in
/// [0, n) (flip 0x80 turns i8 codes into u8 codes plus 128).
void planesToPixels(const uint8_t *src, int64_t plane, int64_t ch, int64_t n, int64_t stride,
                    uint8_t flip, uint8_t *img, int64_t pixStride);

/// Channel planes to pixels: img[px * pixStride + c] = src[c * plane + px] +
/// offset (each a byte: the caller has checked the range) for pixels
/// [px0, px1) and channels [0, ch). With AVX2 (and not the scalar path
/// forced), 8 channels x 8 pixels a step.
void planesToPixels(const int32_t *src, int64_t plane, int64_t ch, int64_t px0, int64_t px1,
                    int32_t offset, uint8_t *img, int64_t pixStride);

/// spans[j * spanStride + i] = c[i * ldc + j] for rows i < m and columns
/// j < n: GEMM rows (pixels) turned into channel spans. With AVX2 (and not
/// the scalar path forced), 8 x 8 at a time.
void rowsToSpans(const int32_t *c, int64_t ldc, int64_t m, int64_t n, int32_t *spans,
                 int64_t spanStride);

/// A weight operand's packing, made by the first tile run that needs it and
/// shared by later ones (the weights in a core's memory never change).
class PackedWeightsCache {
public:
  template <typename F> const PackedB &get(F pack) {
    std::call_once(once_, [&] { packed_ = pack(); });
    return packed_;
  }

private:
  std::once_flag once_;
  PackedB packed_;
};

} // namespace npc::kernels

#endif
