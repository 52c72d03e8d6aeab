//===- Kernels.cpp - the integer compute kernels --------------------------===//
#include "npc/Runtime/Kernels.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Runtime/FixedPoint.h"
#include "npc/Support/Printable.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

using namespace npc;
using namespace npc::kernels;
using llvm::ArrayRef;

//===----------------------------------------------------------------------===//
// Boxes
//===----------------------------------------------------------------------===//

Box Box::full(ArrayRef<int64_t> shape) {
  Box b;
  for (int64_t d : shape) {
    b.lo.push_back(0);
    b.hi.push_back(d);
  }
  return b;
}

Box Box::fromBounds(ArrayRef<int64_t> bounds) {
  Box b;
  b.lo.assign(bounds.begin(), bounds.begin() + bounds.size() / 2);
  b.hi.assign(bounds.begin() + bounds.size() / 2, bounds.end());
  return b;
}

std::vector<int64_t> Box::bounds() const {
  std::vector<int64_t> v(lo.begin(), lo.end());
  v.insert(v.end(), hi.begin(), hi.end());
  return v;
}

Box Box::intersect(const Box &o) const {
  Box r = *this;
  for (size_t d = 0; d < rank(); ++d) {
    r.lo[d] = std::max(lo[d], o.lo[d]);
    r.hi[d] = std::max(r.lo[d], std::min(hi[d], o.hi[d]));
  }
  return r;
}

std::string Box::str() const {
  std::string s = "[";
  for (size_t d = 0; d < rank(); ++d)
    s += (d ? ", " : "") + std::to_string(lo[d]) + ":" + std::to_string(hi[d]);
  return s + "]";
}

/// Row-major strides of a box.
static llvm::SmallVector<int64_t, 4> boxStrides(const Box &b) {
  llvm::SmallVector<int64_t, 4> s(b.rank(), 1);
  for (int64_t d = int64_t(b.rank()) - 2; d >= 0; --d)
    s[d] = s[d + 1] * b.size(d + 1);
  return s;
}

/// Calls f(index vector) for every element of `b` in row-major order.
template <typename F> static void forEachIndex(const Box &b, F f) {
  if (b.empty())
    return;
  llvm::SmallVector<int64_t, 4> idx(b.lo.begin(), b.lo.end());
  while (true) {
    f(idx);
    int64_t d = int64_t(b.rank()) - 1;
    for (; d >= 0; --d) {
      if (++idx[d] < b.hi[d])
        break;
      idx[d] = b.lo[d];
    }
    if (d < 0)
      return;
  }
}

/// Offset of absolute index `idx` inside box `b` (row-major within it).
static int64_t offsetIn(const Box &b, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> idx) {
  int64_t o = 0;
  for (size_t d = 0; d < b.rank(); ++d)
    o += (idx[d] - b.lo[d]) * strides[d];
  return o;
}

//===----------------------------------------------------------------------===//
// Geometry, shared by several kinds
//===----------------------------------------------------------------------===//

/// Input rows [lo, hi) a window op reads for output rows [oLo, oHi) along
/// spatial dimension `d` (0: H, 1: W), clipped to the input.
static std::pair<int64_t, int64_t> windowRange(const LayerGeometry &g, int d,
                                               int64_t oLo, int64_t oHi,
                                               int64_t inSize) {
  if (oHi <= oLo)
    return {0, 0};
  int64_t lo = oLo * g.strides[d] - g.pads[d];
  int64_t hi = (oHi - 1) * g.strides[d] - g.pads[d] + (g.kernel[d] - 1) * g.dilations[d] + 1;
  lo = std::clamp<int64_t>(lo, 0, inSize);
  hi = std::clamp<int64_t>(hi, lo, inSize);
  return {lo, hi};
}

/// A 2-D window over NCHW (conv, pools): the batch rows of the output, the
/// channels `channels` gives for the output's, the spatial window.
static Box windowBox(const LayerGeometry &g, const Box &out, std::pair<int64_t, int64_t> channels) {
  const auto &in = g.inputShapes[0];
  Box b = Box::full(in);
  b.lo[0] = out.lo[0];
  b.hi[0] = out.hi[0];
  std::tie(b.lo[1], b.hi[1]) = channels;
  for (int d = 0; d < 2; ++d)
    std::tie(b.lo[2 + d], b.hi[2 + d]) =
        windowRange(g, d, out.lo[2 + d], out.hi[2 + d], in[2 + d]);
  return b;
}

static int64_t perLayerParams(const LayerGeometry &) { return -1; }
static int64_t noWeights(const LayerGeometry &, int64_t, const Box &) { return 0; }
static std::vector<int32_t> noWeightSlice(const LayerGeometry &, ArrayRef<int32_t>, const Box &) {
  return {};
}
static int64_t oneOpPerElement(const LayerGeometry &, const Box &out) { return out.numel(); }
static std::vector<Box> sameBox(const LayerGeometry &, const Box &out) { return {out}; }

//===----------------------------------------------------------------------===//
// The kinds. Each is its geometry, its cost and its arithmetic; the table
// at the end lists them (docs/architecture.md, "adding an operator").
//===----------------------------------------------------------------------===//

namespace {

struct Requant {
  const LayerGeometry &g;
  ArrayRef<int32_t> mult, shift;
  int32_t operator()(int64_t acc, int64_t c) const {
    if (!g.quantizedOutput)
      return int32_t(acc);
    return clampToRange(g.outputZeroPoint + applyMultiplier(acc, {mult[c], shift[c]}),
                        g.clampLo, g.clampHi);
  }
};

llvm::Error outsideInput(const LayerGeometry &g, const Box &need, const Box &have) {
  return llvm::createStringError(std::errc::invalid_argument, "%s needs input %s but holds only %s",
                                 g.kind->name, need.str().c_str(), have.str().c_str());
}

/// Checks that every input box holds what `out` needs (kernels that index
/// their inputs freely rely on it).
llvm::Error checkInputs(const LayerGeometry &g, ArrayRef<Box> inBoxes, const Box &out) {
  auto need = g.kind->inputBoxes(g, out);
  for (size_t i = 0; i < inBoxes.size(); ++i)
    if (!inBoxes[i].contains(need[i]))
      return outsideInput(g, need[i], inBoxes[i]);
  return llvm::Error::success();
}

/// Calls f(at) for each element of `out` in row-major order, at(i) reading
/// the element of input i that `inIndex(i, out index, in index)` maps it
/// to. The maps are affine (identity, broadcast, permutation), so each
/// output row reads every input at a fixed step: indices are computed once
/// per row, not per element.
template <typename Map, typename F>
void eachElement(const LayerGeometry &g, ArrayRef<const int32_t *> ins, ArrayRef<Box> inBoxes,
                 const Box &out, Map inIndex, F f) {
  if (out.empty())
    return;
  const size_t n = inBoxes.size(), r = out.rank();
  std::vector<llvm::SmallVector<int64_t, 4>> strides;
  for (const Box &b : inBoxes)
    strides.push_back(boxStrides(b));
  llvm::SmallVector<int64_t, 4> ii, base(n), step(n, 0), next;
  if (r == 0) {
    for (size_t i = 0; i < n; ++i) {
      inIndex(i, {}, ii);
      base[i] = offsetIn(inBoxes[i], strides[i], ii);
    }
    f([&](size_t i) { return ins[i][base[i]]; });
    return;
  }
  const int64_t len = out.size(r - 1);
  Box rows = out;
  rows.hi[r - 1] = out.lo[r - 1] + 1;
  forEachIndex(rows, [&](ArrayRef<int64_t> idx) {
    for (size_t i = 0; i < n; ++i) {
      inIndex(i, idx, ii);
      base[i] = offsetIn(inBoxes[i], strides[i], ii);
      if (len > 1) {
        next.assign(idx.begin(), idx.end());
        ++next[r - 1];
        inIndex(i, next, ii);
        step[i] = offsetIn(inBoxes[i], strides[i], ii) - base[i];
      }
    }
    for (int64_t x = 0; x < len; ++x)
      f([&](size_t i) { return ins[i][base[i] + x * step[i]]; });
  });
}

//--- conv2d: NCHW convolution on the MAC array, OIHW weights, groups ------===//

int64_t conv2dChannelDim(const LayerGeometry &) { return 1; }

std::vector<Box> conv2dInputs(const LayerGeometry &g, const Box &out) {
  int64_t ocpg = g.outputShape[1] / g.group, icpg = g.inputShapes[0][1] / g.group;
  int64_t lo = (out.lo[1] / ocpg) * icpg;
  int64_t hi = out.hi[1] > out.lo[1] ? ((out.hi[1] - 1) / ocpg + 1) * icpg : lo;
  return {windowBox(g, out, {lo, hi})};
}

int64_t conv2dWeightCount(const LayerGeometry &g, int64_t, const Box &out) {
  const auto &ws = g.weightShape;
  return out.size(1) * ws[1] * ws[2] * ws[3];
}

std::vector<int32_t> conv2dWeights(const LayerGeometry &g, ArrayRef<int32_t> w, const Box &out) {
  const auto &ws = g.weightShape;
  int64_t per = ws[1] * ws[2] * ws[3];
  return std::vector<int32_t>(w.begin() + out.lo[1] * per, w.begin() + out.hi[1] * per);
}

int64_t conv2dWork(const LayerGeometry &g, const Box &out) {
  return out.numel() * g.weightShape[1] * g.weightShape[2] * g.weightShape[3];
}

/// Each output pixel's input window (one group's channels x taps) feeds the
/// box's output channels of that group: a grouped convolution fills the
/// lanes with its group's channels only (a depthwise one, with one).
void conv2dBlocks(const LayerGeometry &g, const Box &out, llvm::SmallVectorImpl<MacBlock> &blocks) {
  if (out.empty())
    return;
  const int64_t depth = g.weightShape[1] * g.weightShape[2] * g.weightShape[3];
  const int64_t pixels = out.numel() / out.size(1);
  const int64_t perGroup = g.weightShape[0] / g.group;
  for (int64_t c = out.lo[1]; c < out.hi[1];) {
    const int64_t end = std::min(out.hi[1], (c / perGroup + 1) * perGroup);
    const int64_t n = end - c;
    if (!blocks.empty() && blocks.back().outputs == n)
      blocks.back().vectors += pixels;
    else
      blocks.push_back({pixels, depth, n});
    c = end;
  }
}

/// Scratch memory of this thread, grown as needed and kept: steady-state
/// tile runs allocate nothing.
template <typename T> T *scratch(int slot, size_t n) {
  thread_local HugeVector<T> buffers[2];
  auto &b = buffers[slot];
  if (b.size() < n)
    b.resize(n);
  return b.data();
}

/// Smallest and largest of n > 0 values (vectorized by the clones; plain
/// out-parameters: clang leaves a std::pair result of a clone unresolved).
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default"))) void
rangeOf(const int32_t *v, int64_t n, int32_t &lo, int32_t &hi) {
  int32_t l = INT32_MAX, h = INT32_MIN;
  for (int64_t i = 0; i < n; ++i) {
    l = std::min(l, v[i]);
    h = std::max(h, v[i]);
  }
  lo = l;
  hi = h;
}

/// The byte offset that makes every code of `in` (and the padding value
/// `pad`) an unsigned byte: 0 or 128; -1 when some code does not fit 8 bits.
int32_t byteOffset(const int32_t *in, int64_t n, int32_t pad) {
  std::atomic<int32_t> lo{pad}, hi{pad};
  parallelRows(n, n * kElementWork, [&](int64_t b, int64_t e) {
    int32_t l, h;
    rangeOf(in + b, e - b, l, h);
    for (int32_t v = lo.load(); l < v && !lo.compare_exchange_weak(v, l);) {
    }
    for (int32_t v = hi.load(); h > v && !hi.compare_exchange_weak(v, h);) {
    }
  });
  if (lo >= 0 && hi <= 255)
    return 0;
  if (lo >= -128 && hi <= 127)
    return 128;
  return -1;
}

/// Output channel j's AccClamp where the packing made them.
const AccClamp *clampOf(const PackedB &b, int64_t j) {
  return b.accClamps.empty() ? nullptr : &b.accClamps[j];
}

/// The packed weights of a tile: from its cache, or packed for this run.
template <typename F>
const PackedB &packedWeights(const LayerParams &p, PackedB &local, F pack) {
  if (p.packed)
    return p.packed->get(pack);
  local = pack();
  return local;
}

/// Turns the GEMM's C[m][j] (rows of n channels) into output values in
/// place: requantized, or (an i32 result) the accumulator plus bias.
void requantizeRows(const LayerGeometry &g, const LayerParams &p, int32_t *c, int64_t rows,
                    int64_t n) {
  for (int64_t m = 0; m < rows; ++m) {
    int32_t *row = c + m * n;
    if (g.quantizedOutput)
      requantizeRow(row, p.foldedBias.data(), p.multiplier.data(), p.shift.data(), n,
                    g.outputZeroPoint, g.clampLo, g.clampHi);
    else
      for (int64_t j = 0; j < n; ++j)
        row[j] = int32_t(uint32_t(p.foldedBias[j]) + uint32_t(row[j]));
  }
}

/// Output channel j's accumulators in `span` (len of them) as output values,
/// in place: requantized (its parameters constant along it) or, for an i32
/// result, plus the bias.
void finishChannelSpan(const LayerGeometry &g, const LayerParams &p, const PackedB &b,
                       int64_t j, int32_t *span, int64_t len) {
  if (g.quantizedOutput)
    requantizeSpan(span, len, p.foldedBias[j], p.multiplier[j], p.shift[j], g.outputZeroPoint,
                   g.clampLo, g.clampHi, clampOf(b, j));
  else
    for (int64_t i = 0; i < len; ++i)
      span[i] = int32_t(uint32_t(span[i]) + uint32_t(p.foldedBias[j]));
}

/// A convolution's GEMM rows [lo, hi) of C (pixel-major, n channels; `rows`
/// pixels per batch) as NCHW output: in blocks of 8 channels x up to
/// kFinishSpan pixels (in L1), transposed into channel spans, each
/// requantized (its parameters constant along it) or, for an i32 result,
/// the accumulator plus bias; then written as int32 values to dst or, with
/// `to`, as the stored codes there (no int32 output, no second pass).
void finishConvRows(const LayerGeometry &g, const LayerParams &p, const PackedB &b,
                    const int32_t *c, int64_t lo, int64_t hi, int64_t rows, int64_t n,
                    int32_t *dst, const StoredResult *to) {
  constexpr int64_t kFinishSpan = 128, kChannels = 8;
  alignas(32) int32_t spans[kChannels * kFinishSpan];
  const int64_t eb = to ? elemBytes(to->kind) : 0;
  for (int64_t m = lo; m < hi;) {
    const int64_t bi = m / rows, px = m % rows;
    const int64_t len = std::min({kFinishSpan, hi - m, rows - px});
    for (int64_t j0 = 0; j0 < n; j0 += kChannels) {
      const int64_t jn = std::min(kChannels, n - j0);
      rowsToSpans(c + m * n + j0, n, len, jn, spans, kFinishSpan);
      for (int64_t jj = 0; jj < jn; ++jj) {
        const int64_t j = j0 + jj;
        int32_t *span = spans + jj * kFinishSpan;
        finishChannelSpan(g, p, b, j, span, len);
        const int64_t at = (bi * n + j) * rows + px;
        if (to)
          storeElems(to->kind, ArrayRef<int32_t>(span, len), to->bytes + at * eb);
        else
          std::memcpy(dst + at, span, len * sizeof(int32_t));
      }
    }
    m += len;
  }
}

/// ceil(a / b) for b > 0.
int64_t ceilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

/// The largest image a convolution kernel builds (its scratch): a tile's is
/// about its input box, but strides and dilations make the span of a
/// hostile geometry's windows any size.
constexpr int64_t kMaxImageBytes = int64_t(1) << 30;

/// Whether the product of `dims` (all >= 0) is at most kMaxImageBytes.
bool imageFits(std::initializer_list<int64_t> dims) {
  int64_t bytes = 1;
  for (int64_t d : dims)
    if (d < 0 || __builtin_mul_overflow(bytes, d, &bytes) || bytes > kMaxImageBytes)
      return false;
  return true;
}

/// conv2d on the direct VNNI kernel: the input box becomes one u8 image
/// (channel quads, padding filled, columns split by stride phase), read in
/// place by every tap; no im2col, and the result is NCHW as it comes.
/// Output rows go over the threads.
/// `T`: the input as int32 values, or as stored u8/i8 codes (read in place
/// from a core's memory: no int32 copy).
template <typename T>
bool conv2dDirect(const LayerGeometry &g, const LayerParams &p, const T *in,
                  const Box &inBox, const Box &out, int32_t *dst, const PackedB &w,
                  int32_t offset, StoredResult *to = nullptr) {
  const auto &is = g.inputShapes[0];
  const auto &ws = g.weightShape;
  const int64_t ch = ws[1], kh = ws[2], kw = ws[3], c4 = (ch + 3) / 4;
  const int64_t n = out.size(1), oh = out.size(2), ow = out.size(3), plane = oh * ow;
  const int64_t s0 = g.strides[0], s1 = g.strides[1], d0 = g.dilations[0], d1 = g.dilations[1];
  const int64_t ihBox = inBox.size(2), iwBox = inBox.size(3), inPlane = ihBox * iwBox;
  // A 1x1 kernel's stride subsamples as the image is built (image row r is
  // input row iy0 + r * rowSub, column col input column ix0 + col * colSub):
  // no rows or columns that no window reads, and the image's own stride
  // (e0, e1) is 1.
  const int64_t rowSub = kh == 1 ? s0 : 1, colSub = kw == 1 ? s1 : 1;
  const int64_t e0 = s0 / rowSub, e1 = s1 / colSub;
  // The image spans every row and column the windows touch, padding
  // included (hp x wp), split into e0 x e1 phase images: row phase rp holds
  // rows r = r' * e0 + rp (hq of them), column phase cp columns col = pos *
  // e1 + cp (pw positions), each [r'][pos] row-major, so that output (oy,
  // ox) reads every tap's quad at position oy * pw + ox of some phase image,
  // (ky d0 / e0) rows and (kx d1 / e1) positions on.
  const int64_t hp = (oh - 1) * e0 + (kh - 1) * d0 + 1, wp = (ow - 1) * e1 + (kw - 1) * d1 + 1;
  const int64_t pw = (wp + e1 - 1) / e1, hq = (hp + e0 - 1) / e0;
  if (!imageFits({c4, e0 * hq, e1 * pw, 4}))
    return false;
  const int64_t rowBytes = pw * 4, phaseBytes = hq * rowBytes;
  const int64_t quadBytes = e0 * e1 * phaseBytes;
  const int64_t iy0 = out.lo[2] * s0 - g.pads[0], ix0 = out.lo[3] * s1 - g.pads[1];
  // Rows and columns read from the box: inside both the input and the box
  // (conv2dImage says why), none when the tile needs no input.
  const bool needsInput = !requiredInputBoxes(g, out)[0].empty();
  const int64_t yIn = std::max<int64_t>(0, inBox.lo[2]), yEnd = std::min(is[2], inBox.hi[2]);
  const int64_t xIn = std::max<int64_t>(0, inBox.lo[3]), xEnd = std::min(is[3], inBox.hi[3]);
  // So output position P = oy * pw + ox reads its window at P * 4 bytes
  // whatever the stride, and one run of 16-lane blocks covers the whole
  // tile: the pw - ow positions past each row's end are computed and
  // dropped. Row by row, a 7-wide row would fill 7 of 16 lanes.
  const int64_t positions = oh * pw; // sums per output channel
  // This thread's, kept: no allocation per tile (the image's bytes are
  // scratch too, so a thread runs one such convolution at a time). A
  // reference, so that the lambdas other threads run see this one.
  thread_local ConvImage kept;
  ConvImage &image = kept;
  image.taps.clear();
  image.rowStep = positions * 4;
  for (int64_t q = 0; q < c4; ++q)
    for (int64_t ky = 0; ky < kh; ++ky)
      for (int64_t kx = 0; kx < kw; ++kx)
        image.taps.push_back(q * quadBytes +
                             (((ky * d0) % e0) * e1 + (kx * d1) % e1) * phaseBytes +
                             ((ky * d0) / e0) * rowBytes + ((kx * d1) / e1) * 4);
  // Per column phase: column col = pos * e1 + ph reads ix = ix0 + col *
  // colSub = first + pos * s1, taken from the box for pos in [lo, hi);
  // positions from `end` on are past the image's width and never used.
  // Worked out once: per image row, the divisions were the hot spots of a
  // loop that took a tenth of the run.
  struct Phase {
    int64_t first, end, lo, hi;
  };
  llvm::SmallVector<Phase, 4> phases;
  for (int64_t ph = 0; ph < e1; ++ph) {
    const int64_t first = ix0 + ph * colSub, end = (wp - ph + e1 - 1) / e1;
    const int64_t lo = std::clamp<int64_t>(ceilDiv(xIn - first, s1), 0, end);
    phases.push_back({first, end, lo, std::clamp<int64_t>(ceilDiv(xEnd - first, s1), lo, end)});
  }
  const uint8_t padByte = uint8_t(g.inputZeroPoints[0] + offset);
  const bool fused = to && elemBytes(to->kind) == 1 && g.quantizedOutput &&
                     int64_t(w.accClamps.size()) == n && int64_t(w.requant.size()) == n &&
                     std::all_of(w.accClamps.begin(), w.accClamps.end(),
                                 [](const AccClamp &c) { return c.valid; });
  for (int64_t bi = 0; bi < out.size(0); ++bi) {
    const T *src = in + (out.lo[0] + bi - inBox.lo[0]) * inBox.size(1) * inPlane;
    // Over-reads of the last 32-output block stay inside: 128 bytes spare,
    // and the run's last positions reach (kw - 1) * d1 / e1 quads further.
    const int64_t spare = 128 + ((kw - 1) * d1 / e1) * 4;
    uint8_t *img = scratch<uint8_t>(0, c4 * quadBytes + spare);
    std::fill(img + c4 * quadBytes, img + c4 * quadBytes + spare, 0);
    image.data = img;
    // Image rows in the image's order: quad q, row phase rp, row r' (image
    // row r = r' * e0 + rp; rows from hp on are never read by an output).
    const int64_t imageRows = c4 * e0 * hq;
    parallelRows(imageRows, imageRows * wp * 4 * kElementWork, [&](int64_t lo, int64_t hi) {
      // Counted along, not divided out per row (divisions were the hot
      // spots of this loop).
      int64_t q = lo / (e0 * hq), rp = lo / hq % e0, rr = lo % hq;
      for (int64_t qr = lo; qr < hi; ++qr) {
        if (qr != lo && ++rr == hq) {
          rr = 0;
          if (++rp == e0)
            rp = 0, ++q;
        }
        const int64_t r = rr * e0 + rp;
        const int64_t iy = iy0 + r * rowSub;
        uint8_t *row = img + q * quadBytes + rp * e1 * phaseBytes + rr * rowBytes;
        if constexpr (!std::is_same_v<T, int32_t>) {
          // A run of rows that all read four channels from the box: each
          // phase's rows in one call, one run where the rows are whole rows
          // of the box (the per-row set-up below outweighed the copying of
          // a 7- or 14-wide row).
          const int64_t rowStep = e0 * rowSub; // input rows from one image row to the next
          auto inside = [&](int64_t rrow) {
            const int64_t rj = rrow * e0 + rp, iyj = iy0 + rj * rowSub;
            return rj < hp && iyj >= yIn && iyj < yEnd;
          };
          if (needsInput && q * 4 + 3 < ch && inside(rr)) {
            int64_t k = 1;
            while (qr + k < hi && rr + k < hq && inside(rr + k))
              ++k;
            uint32_t fillQuad = uint32_t(padByte) * 0x01010101u;
            for (int64_t ph = 0; ph < e1; ++ph) {
              const Phase &f = phases[ph];
              const uint8_t *rows[4];
              for (int64_t cc = 0; cc < 4; ++cc)
                rows[cc] = reinterpret_cast<const uint8_t *>(
                    src + (q * 4 + cc) * inPlane + (iy - inBox.lo[2]) * iwBox - inBox.lo[3] +
                    f.first + f.lo * s1);
              interleaveQuadRows(rows, rowStep * iwBox, k, s1, uint8_t(offset),
                                 reinterpret_cast<uint32_t *>(row + ph * phaseBytes), pw, f.lo,
                                 f.hi, f.end, fillQuad);
            }
            qr += k - 1, rr += k - 1; // the next row is the loop's
            continue;
          }
        }
        // The quad's four channel rows, indexed by absolute column (nullptr:
        // padding row, or a channel past the last).
        const T *sr[4];
        uint32_t fillQuad = 0;
        for (int64_t cc = 0; cc < 4; ++cc) {
          const int64_t c = q * 4 + cc;
          sr[cc] = c < ch && needsInput && r < hp && iy >= yIn && iy < yEnd
                       ? src + c * inPlane + (iy - inBox.lo[2]) * iwBox - inBox.lo[3]
                       : nullptr;
          fillQuad |= uint32_t(c < ch ? padByte : 0) << (8 * cc);
        }
        const bool allRows = sr[0] && sr[1] && sr[2] && sr[3];
        for (int64_t ph = 0; ph < e1; ++ph) {
          uint32_t *d = reinterpret_cast<uint32_t *>(row + ph * phaseBytes);
          const int64_t first = phases[ph].first, pEnd = phases[ph].end;
          const int64_t pLo = phases[ph].lo, pHi = phases[ph].hi;
          for (int64_t pos = 0; pos < pLo; ++pos)
            d[pos] = fillQuad;
          // Whole rows: the vectorized interleaves.
          bool interleaved = false;
          if constexpr (std::is_same_v<T, int32_t>) {
            if (allRows && s1 == 1) {
              interleaveQuads(sr[0] + first + pLo, sr[1] + first + pLo, sr[2] + first + pLo,
                              sr[3] + first + pLo, pHi - pLo, offset, d + pLo);
              interleaved = true;
            }
          } else if (sr[0]) {
            // Stored codes: u8 as they are (offset 0), i8 + 128 = i8 ^ 0x80.
            // The channels past the last of a count that is not a multiple
            // of 4 (a 3-channel stem) read a row of bytes that interleave
            // to 0, as the scalar loop fills them (their weights are 0; sr[0]
            // set: the row is inside, so only those are unset).
            const int64_t span = std::max<int64_t>(1, (pHi - pLo - 1) * s1 + 1);
            uint8_t *none = nullptr;
            if (!allRows) {
              none = scratch<uint8_t>(1, size_t(span));
              std::fill(none, none + span, uint8_t(offset));
            }
            auto row = [&](int cc) {
              return sr[cc] ? reinterpret_cast<const uint8_t *>(sr[cc] + first + pLo * s1)
                            : none;
            };
            if (pHi > pLo)
              interleaveQuadBytes(row(0), row(1), row(2), row(3), pHi - pLo, s1,
                                  uint8_t(offset), d + pLo);
            interleaved = true;
          }
          if (!interleaved && !sr[0] && !sr[1] && !sr[2] && !sr[3]) { // a padding row
            std::fill(d + pLo, d + pHi, fillQuad);
            interleaved = true;
          }
          if (interleaved) {
          } else if (allRows) {
            const T *a = sr[0] + first, *b = sr[1] + first, *c = sr[2] + first,
                    *e = sr[3] + first;
            for (int64_t pos = pLo; pos < pHi; ++pos) {
              const int64_t x = pos * s1;
              d[pos] = uint32_t(uint8_t(a[x] + offset)) | uint32_t(uint8_t(b[x] + offset)) << 8 |
                       uint32_t(uint8_t(c[x] + offset)) << 16 |
                       uint32_t(uint8_t(e[x] + offset)) << 24;
            }
          } else {
            for (int64_t pos = pLo; pos < pHi; ++pos) {
              uint32_t v = 0;
              for (int64_t cc = 0; cc < 4; ++cc)
                v |= (sr[cc] ? uint32_t(uint8_t(sr[cc][first + pos * s1] + offset))
                             : (fillQuad >> (8 * cc)) & 0xFF)
                     << (8 * cc);
              d[pos] = v;
            }
          }
          for (int64_t pos = pHi; pos < pEnd; ++pos)
            d[pos] = fillQuad;
        }
      }
    });
    int32_t *dstB = dst + bi * n * plane;
    // Byte codes out: requantized in the kernel's registers, written
    // straight into the core's memory (no int32 sums in memory).
    ConvStore bytes;
    if (fused) {
      bytes.out = to->bytes + bi * n * plane;
      bytes.outStride = plane;
      bytes.rowPositions = pw;
      bytes.rowOutputs = ow;
      bytes.requant = w.requant.data();
      bytes.lo = g.clampLo;
      bytes.hi = g.clampHi;
    }
    const ConvStore *store = fused ? &bytes : nullptr;
    // Else the sums land in dst in place when they are its values' layout.
    const bool inPlace = positions == plane && !to;
    int32_t *sums = fused ? nullptr : inPlace ? dstB : scratch<int32_t>(0, n * positions);
    parallelRows(positions, positions * n * w.kPadded, [&](int64_t lo, int64_t hi) {
      convDirect(w, image, 0, 1, lo, hi, 0, offset, sums, positions, store);
    }, /*grain=*/64);
    if (fused)
      continue;
    // Each channel's plane gathered (dropping the positions past the rows'
    // ends), requantized and written: as int32 values, or as the stored
    // codes straight into the core's memory.
    const int64_t eb = to ? elemBytes(to->kind) : 0;
    parallelRows(n, n * plane * kElementWork, [&](int64_t lo, int64_t hi) {
      int32_t *span = positions == plane ? nullptr : scratch<int32_t>(1, plane);
      for (int64_t oc = lo; oc < hi; ++oc) {
        // The channel's sums where they are (dst's own, or scratch), or
        // gathered without the positions past the rows' ends.
        int32_t *v = span ? span : sums + oc * plane;
        if (span)
          for (int64_t oy = 0; oy < oh; ++oy)
            std::memcpy(v + oy * ow, sums + oc * positions + oy * pw, ow * sizeof(int32_t));
        finishChannelSpan(g, p, w, oc, v, plane);
        if (to)
          storeElems(to->kind, ArrayRef<int32_t>(v, plane),
                     to->bytes + ((bi * n + oc) * plane) * eb);
        else if (!inPlace)
          std::memcpy(dstB + oc * plane, v, plane * sizeof(int32_t));
      }
    }, /*grain=*/1);
  }
  if (to)
    to->written = true;
  return true;
}

/// Channels per pixel in an im2col row: AVX2's pairs need an even count.
int64_t pixelChannels(int64_t ch, Isa isa) { return isa == Isa::Avx2 ? (ch + 1) / 2 * 2 : ch; }

/// conv2d with one group on the AVX2 path: the input box becomes one
/// PixelImage (codes + offset, padding included), gemmImage gathers each
/// A row from it (no im2col copy), and the C rows turn NCHW and are
/// requantized as channel spans. `T`: int32 values (`offset` added), or
/// stored u8/i8 codes read in place (`offset` 0 or 128: i8 ^ 0x80). False
/// (nothing touched) when the image would be larger than kMaxImageBytes.
/// With `to`, the output goes there as stored codes (to->written).
template <typename T>
bool conv2dImage(const LayerGeometry &g, const LayerParams &p, const T *in, const Box &inBox,
                 const Box &out, int32_t *dst, const PackedB &b, int32_t offset,
                 StoredResult *to = nullptr) {
  const auto &is = g.inputShapes[0];
  const auto &ws = g.weightShape;
  const int64_t ch = ws[1], kh = ws[2], kw = ws[3], pb = pixelChannels(ch, Isa::Avx2);
  const int64_t n = out.size(1), oh = out.size(2), ow = out.size(3), rows = oh * ow;
  const int64_t s0 = g.strides[0], s1 = g.strides[1], d0 = g.dilations[0], d1 = g.dilations[1];
  // Image row r is input row iy0 + r * rs, column q input column ix0 + q *
  // cs: a 1x1 kernel's stride subsamples as the image is built.
  const int64_t rs = kh == 1 ? s0 : 1, cs = kw == 1 ? s1 : 1;
  const int64_t hp = kh == 1 ? oh : (oh - 1) * s0 + (kh - 1) * d0 + 1;
  const int64_t wp = kw == 1 ? ow : (ow - 1) * s1 + (kw - 1) * d1 + 1;
  const int64_t iy0 = out.lo[2] * s0 - g.pads[0], ix0 = out.lo[3] * s1 - g.pads[1];
  const int64_t ihBox = inBox.size(2), iwBox = inBox.size(3), inPlane = ihBox * iwBox;
  if (!imageFits({hp, wp, pb}))
    return false;
  PixelImage image;
  image.pixelBytes = pb;
  image.ow = ow;
  image.rowStep = s0 / rs * wp * pb;
  image.colStep = s1 / cs * pb;
  for (int64_t ky = 0; ky < kh; ++ky)
    for (int64_t kx = 0; kx < kw; ++kx)
      image.taps.push_back((ky * d0 * wp + kx * d1) * pb);
  // A row of padding pixels: the pad code in every channel, zero past the
  // last.
  std::vector<uint8_t> padRow(wp * pb, 0);
  for (int64_t q = 0; q < wp; ++q)
    std::fill(padRow.begin() + q * pb, padRow.begin() + q * pb + ch,
              uint8_t(g.inputZeroPoints[0] + offset));
  // What the image takes from the box: rows and columns inside both the
  // input and the box (any other the taps never read: they are the
  // padding, or gaps between dilated taps outside what the tile needs);
  // nothing when the tile needs no input at all (every window in padding,
  // the box then may hold nothing).
  const bool needsInput = !requiredInputBoxes(g, out)[0].empty();
  const int64_t yIn = std::max<int64_t>(0, inBox.lo[2]), yEnd = std::min(is[2], inBox.hi[2]);
  const int64_t xIn = std::max<int64_t>(0, inBox.lo[3]), xEnd = std::min(is[3], inBox.hi[3]);
  // The columns taken: q in [qLo, qHi).
  auto ceilDivPos = [](int64_t a, int64_t d) { return a <= 0 ? 0 : (a + d - 1) / d; };
  const int64_t qLo = std::min(wp, ceilDivPos(xIn - ix0, cs));
  const int64_t qHi = needsInput ? std::max(qLo, std::min(wp, ceilDivPos(xEnd - ix0, cs))) : qLo;
  // The box's pixels are transposed once (whole planes: the vector
  // transposes' blocks), then copied row by row into the image around its
  // padding; a box inside the input that is the image already (no padding,
  // no subsampling) is used as it is.
  const bool boxIsImage = needsInput && rs == 1 && cs == 1 && hp == ihBox && wp == iwBox &&
                          iy0 == inBox.lo[2] && ix0 == inBox.lo[3] && yIn == inBox.lo[2] &&
                          yEnd == inBox.hi[2] && xIn == inBox.lo[3] && xEnd == inBox.hi[3];
  uint8_t *hwc = scratch<uint8_t>(0, inPlane * pb);
  uint8_t *img = boxIsImage ? hwc : scratch<uint8_t>(1, hp * wp * pb);
  int32_t *c = scratch<int32_t>(0, rows * n);
  for (int64_t bi = 0; bi < out.size(0); ++bi) {
    const T *src = in + (out.lo[0] + bi - inBox.lo[0]) * inBox.size(1) * inPlane;
    if (needsInput)
      parallelRows(inPlane, inPlane * pb * kElementWork, [&](int64_t lo, int64_t hi) {
      if constexpr (std::is_same_v<T, int32_t>)
        planesToPixels(src, inPlane, ch, lo, hi, offset, hwc, pb);
      else
        planesToPixels(reinterpret_cast<const uint8_t *>(src) + lo, inPlane, ch, hi - lo, 1,
                       uint8_t(offset), hwc + lo * pb, pb);
      if (pb > ch) // the zero channel
        for (int64_t px = lo; px < hi; ++px)
          hwc[px * pb + ch] = 0;
    });
    if (!boxIsImage)
      parallelRows(hp, hp * wp * pb * kElementWork, [&](int64_t lo, int64_t hi) {
        for (int64_t r = lo; r < hi; ++r) {
          const int64_t iy = iy0 + r * rs;
          uint8_t *row = img + r * wp * pb;
          if (iy < yIn || iy >= yEnd || qLo == qHi) {
            std::memcpy(row, padRow.data(), wp * pb);
            continue;
          }
          std::memcpy(row, padRow.data(), qLo * pb);
          std::memcpy(row + qHi * pb, padRow.data(), (wp - qHi) * pb);
          const uint8_t *from =
              hwc + ((iy - inBox.lo[2]) * iwBox + (ix0 + qLo * cs - inBox.lo[3])) * pb;
          if (cs == 1)
            std::memcpy(row + qLo * pb, from, (qHi - qLo) * pb);
          else
            for (int64_t q = 0; q < qHi - qLo; ++q)
              std::copy_n(from + q * cs * pb, pb, row + (qLo + q) * pb);
        }
      });
    image.data = img;
    int32_t *dstB = dst + bi * n * rows;
    StoredResult toB;
    if (to) {
      toB = *to;
      toB.bytes += bi * n * rows * elemBytes(to->kind);
    }
    // Chunks of whole row groups of the GEMM's tiles (6 rows on AVX2).
    parallelRows(
        rows, rows * n * b.kPadded,
        [&](int64_t lo, int64_t hi) {
          gemmImage(image, lo, hi, offset, b, c + lo * n, n);
          finishConvRows(g, p, b, c, lo, hi, rows, n, dstB, to ? &toB : nullptr);
        },
        /*grain=*/24);
  }
  if (to)
    to->written = true;
  return true;
}

/// A one-group convolution's weights packed for `isa` (once per tile when
/// `p.packed` caches them): taps for the direct VNNI convolution, else the
/// GEMM's layout in im2col's order.
const PackedB &convWeights(const LayerGeometry &g, const LayerParams &p, const Box &out,
                           PackedB &local, Isa isa) {
  const auto &ws = g.weightShape;
  const int64_t ch = ws[1], kh = ws[2], kw = ws[3];
  const int64_t n = out.size(1);
  return packedWeights(p, local, [&] {
    auto withClamps = [&](PackedB packed) {
      if (!g.quantizedOutput)
        return packed;
      for (int64_t oc = 0; oc < n; ++oc)
        packed.accClamps.push_back(accClamp(p.foldedBias[oc], p.multiplier[oc], p.shift[oc],
                                            g.outputZeroPoint, g.clampLo, g.clampHi));
      // The fused output's constants, only where it may run: every
      // channel's AccClamp valid (its shift then in channelRequant's range).
      if (!packed.taps.empty() &&
          llvm::all_of(packed.accClamps, [](const AccClamp &c) { return c.valid; }))
        for (int64_t oc = 0; oc < n; ++oc)
          packed.requant.push_back(channelRequant(p.foldedBias[oc], p.multiplier[oc],
                                                  p.shift[oc], packed.accClamps[oc],
                                                  g.outputZeroPoint));
      return packed;
    };
    // VNNI with int8 weights: the direct convolution.
    if (isa == Isa::Avx512Vnni) {
      PackedB taps = packConvWeights(p.weights, n, ch, kh, kw);
      if (!taps.taps.empty())
        return withClamps(std::move(taps));
    }
    // Else weights in im2col's order, k = (ky, kx, c): rows of A copy
    // whole pixels (AVX2's of an even channel count: pixelChannels).
    const int64_t chK = pixelChannels(ch, isa), kK = chK * kh * kw;
    const int64_t taps = kh * kw;
    return withClamps(packB(kK, n, isa, [&](int64_t j0, int64_t cols, int32_t *block) {
      // Row kk = tap * chK + c of the block; channels past ch are zero.
      for (int64_t tap = 0; tap < taps; ++tap) {
        for (int64_t c = 0; c < ch; ++c) {
          int32_t *row = block + (tap * chK + c) * kPackBlockCols;
          const int32_t *w = p.weights.data() + j0 * ch * taps + c * taps + tap;
          for (int64_t jj = 0; jj < cols; ++jj)
            row[jj] = w[jj * ch * taps];
        }
        for (int64_t c = ch; c < chK; ++c)
          std::fill_n(block + (tap * chK + c) * kPackBlockCols, cols, 0);
      }
    }));
  });
}

/// conv2d with one group as im2col and `gemm`. Returns false (and touches
/// nothing) when the layer's values do not fit the fast path's bounds.
bool conv2dGemm(const LayerGeometry &g, const LayerParams &p, const int32_t *in,
                const Box &inBox, const Box &out, int32_t *dst, Isa isa) {
  const auto &is = g.inputShapes[0];
  const auto &ws = g.weightShape;
  const int64_t ch = ws[1], kh = ws[2], kw = ws[3], k = ch * kh * kw;
  const int64_t n = out.size(1), oh = out.size(2), ow = out.size(3);
  const int32_t zx = g.inputZeroPoints[0];
  int32_t offset = byteOffset(in, inBox.numel(), zx);
  if (offset < 0)
    return false;
  PackedB local;
  const PackedB &b = convWeights(g, p, out, local, isa);
  if (!fitsInt32(b))
    return false;
  if (!b.taps.empty())
    return conv2dDirect(g, p, in, inBox, out, dst, b, offset);
  if (b.avx2())
    return conv2dImage(g, p, in, inBox, out, dst, b, offset);
  // The input box as pixels of `ch` bytes (HWC), codes + offset.
  const int64_t ih = inBox.size(2), iw = inBox.size(3), plane = ih * iw;
  const int64_t batches = out.size(0), rows = oh * ow, kp = b.kPadded;
  const bool direct = kh == 1 && kw == 1 && g.strides[0] == 1 && g.strides[1] == 1 &&
                      g.pads[0] == 0 && g.pads[1] == 0 && g.pads[2] == 0 && g.pads[3] == 0 && ih == oh && iw == ow &&
                      inBox.lo[2] == out.lo[2] && inBox.lo[3] == out.lo[3];
  const int64_t pixStride = direct ? kp : ch;
  uint8_t *hwc = scratch<uint8_t>(0, batches * plane * pixStride);
  for (int64_t bi = 0; bi < batches; ++bi) {
    const int32_t *src = in + (out.lo[0] + bi - inBox.lo[0]) * inBox.size(1) * plane;
    uint8_t *img = hwc + bi * plane * pixStride;
    parallelRows(plane, plane * ch * kElementWork, [&](int64_t lo, int64_t hi) {
      planesToPixels(src, plane, ch, lo, hi, offset, img, pixStride);
      if (direct)
        for (int64_t px = lo; px < hi; ++px)
          std::fill(img + px * pixStride + ch, img + (px + 1) * pixStride, 0);
    });
  }
  uint8_t *cols = direct ? hwc : scratch<uint8_t>(1, batches * rows * kp);
  int32_t *c = scratch<int32_t>(0, batches * rows * n);
  const uint8_t padByte = uint8_t(zx + offset);
  // Each chunk of output positions: im2col, GEMM, requantization, NCHW.
  parallelRows(batches * rows, batches * rows * n * kp, [&](int64_t lo, int64_t hi) {
    if (!direct)
      for (int64_t gm = lo; gm < hi; ++gm) {
        const int64_t bi = gm / rows, oy = gm % rows / ow, ox = gm % ow;
        uint8_t *row = cols + gm * kp;
        const uint8_t *img = hwc + bi * plane * ch;
        for (int64_t ky = 0; ky < kh; ++ky) {
          int64_t iy = (out.lo[2] + oy) * g.strides[0] - g.pads[0] + ky * g.dilations[0];
          for (int64_t kx = 0; kx < kw; ++kx, row += ch) {
            int64_t ix = (out.lo[3] + ox) * g.strides[1] - g.pads[1] + kx * g.dilations[1];
            if (iy < 0 || iy >= is[2] || ix < 0 || ix >= is[3])
              std::memset(row, padByte, ch);
            else
              std::memcpy(row, img + ((iy - inBox.lo[2]) * iw + ix - inBox.lo[3]) * ch, ch);
          }
        }
        std::memset(row, 0, kp - k);
      }
    gemm(cols + lo * kp, hi - lo, kp, offset, b, c + lo * n, n, isa);
    finishConvRows(g, p, b, c, lo, hi, rows, n, dst, nullptr);
  });
  return true;
}

/// conv2d with several groups (depthwise included) in int32, one output
/// row at a time: each tap adds weight x input row to the row's sums over
/// the columns inside the input, and weight x zero point over the padding
/// columns (plain loops the compiler vectorizes at stride 1). False (nothing
/// touched) when a code does not fit 8 bits or the sums could leave int32.
bool conv2dGrouped(const LayerGeometry &g, const LayerParams &p, const int32_t *in,
                   const Box &inBox, const Box &out, int32_t *dst) {
  const auto &is = g.inputShapes[0];
  const auto &ws = g.weightShape;
  const int64_t icpg = ws[1], kh = ws[2], kw = ws[3], ocpg = g.outputShape[1] / g.group;
  const int32_t zx = g.inputZeroPoints[0];
  if (byteOffset(in, inBox.numel(), zx) < 0)
    return false;
  int64_t maxW = 0;
  for (int32_t w : p.weights)
    maxW = std::max<int64_t>(maxW, w < 0 ? -int64_t(w) : w);
  if (icpg * kh * kw * maxW * 255 >= (int64_t(1) << 31))
    return false;
  const int64_t s0 = g.strides[0], s1 = g.strides[1], d0 = g.dilations[0], d1 = g.dilations[1];
  const int64_t oh = out.size(2), ow = out.size(3), channels = out.size(1);
  auto st = boxStrides(inBox);
  parallelRows(out.size(0) * channels, out.numel() * icpg * kh * kw,
               [&](int64_t lo, int64_t hi) {
    std::vector<int32_t> acc(ow);
    for (int64_t item = lo; item < hi; ++item) {
      const int64_t n = out.lo[0] + item / channels, local = item % channels;
      const int64_t oc = out.lo[1] + local, c0 = oc / ocpg * icpg;
      const int32_t *wOc = p.weights.data() + local * icpg * kh * kw;
      int32_t *o = dst + item * oh * ow;
      for (int64_t oy = out.lo[2]; oy < out.hi[2]; ++oy, o += ow) {
        std::fill(acc.begin(), acc.end(), 0);
        for (int64_t ic = 0; ic < icpg; ++ic)
          for (int64_t ky = 0; ky < kh; ++ky) {
            const int64_t iy = oy * s0 - g.pads[0] + ky * d0;
            const bool rowInside = iy >= 0 && iy < is[2];
            const int32_t *row = rowInside ? in + (n - inBox.lo[0]) * st[0] +
                                                 (c0 + ic - inBox.lo[1]) * st[1] +
                                                 (iy - inBox.lo[2]) * st[2] - inBox.lo[3]
                                           : nullptr;
            for (int64_t kx = 0; kx < kw; ++kx) {
              const int32_t w = wOc[(ic * kh + ky) * kw + kx];
              // Columns x whose input column ix = (out.lo[3] + x) * s1 -
              // pad + kx * d1 lies in [0, is[3]): [xlo, xhi).
              const int64_t ix0 = out.lo[3] * s1 - g.pads[1] + kx * d1;
              int64_t xlo = 0, xhi = 0;
              if (rowInside) {
                xlo = std::clamp<int64_t>(ix0 >= 0 ? 0 : (-ix0 + s1 - 1) / s1, 0, ow);
                xhi = std::clamp<int64_t>(is[3] - ix0 <= 0 ? 0 : (is[3] - ix0 + s1 - 1) / s1, xlo, ow);
              }
              const int32_t pad = w * zx;
              for (int64_t x = 0; x < xlo; ++x)
                acc[x] += pad;
              const int32_t *r = row ? row + ix0 : nullptr;
              if (s1 == 1)
                for (int64_t x = xlo; x < xhi; ++x)
                  acc[x] += w * r[x];
              else
                for (int64_t x = xlo; x < xhi; ++x)
                  acc[x] += w * r[x * s1];
              for (int64_t x = xhi; x < ow; ++x)
                acc[x] += pad;
            }
          }
        if (g.quantizedOutput) {
          requantizeSpan(acc.data(), ow, p.foldedBias[local], p.multiplier[local],
                         p.shift[local], g.outputZeroPoint, g.clampLo, g.clampHi);
          std::copy(acc.begin(), acc.end(), o);
        } else {
          for (int64_t x = 0; x < ow; ++x)
            o[x] = int32_t(uint32_t(acc[x]) + uint32_t(p.foldedBias[local]));
        }
      }
    }
  }, /*grain=*/1);
  return true;
}

llvm::Error conv2d(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                   ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  Isa isa = activeIsa();
  if (isa != Isa::Scalar && !out.empty()) {
    if (auto err = checkInputs(g, inBoxes, out))
      return err;
    if (g.group == 1 ? conv2dGemm(g, p, ins[0], inBoxes[0], out, dst, isa)
                     : conv2dGrouped(g, p, ins[0], inBoxes[0], out, dst))
      return llvm::Error::success();
  }
  const int32_t *in = ins[0];
  const Box &inBox = inBoxes[0];
  const auto &is = g.inputShapes[0];
  const auto &ws = g.weightShape;
  int64_t icpg = ws[1], kh = ws[2], kw = ws[3];
  int64_t ocpg = g.outputShape[1] / g.group;
  auto st = boxStrides(inBox);
  int32_t zx = g.inputZeroPoints[0];
  Requant rq{g, p.multiplier, p.shift};
  int64_t ow = out.size(3);
  std::vector<int64_t> acc(ow);
  int64_t o = 0;
  for (int64_t n = out.lo[0]; n < out.hi[0]; ++n)
    for (int64_t oc = out.lo[1]; oc < out.hi[1]; ++oc) {
      int64_t local = oc - out.lo[1];
      int64_t c0 = (oc / ocpg) * icpg;
      const int32_t *wOc = p.weights.data() + local * icpg * kh * kw;
      for (int64_t oy = out.lo[2]; oy < out.hi[2]; ++oy) {
        std::fill(acc.begin(), acc.end(), p.foldedBias[local]);
        for (int64_t ic = 0; ic < icpg; ++ic)
          for (int64_t ky = 0; ky < kh; ++ky) {
            int64_t iy = oy * g.strides[0] - g.pads[0] + ky * g.dilations[0];
            bool rowInside = iy >= 0 && iy < is[2];
            const int32_t *row = nullptr;
            if (rowInside) {
              if (iy < inBox.lo[2] || iy >= inBox.hi[2] || c0 + ic < inBox.lo[1] ||
                  c0 + ic >= inBox.hi[1] || n < inBox.lo[0] || n >= inBox.hi[0])
                return outsideInput(g, requiredInputBoxes(g, out)[0], inBox);
              row = in + (n - inBox.lo[0]) * st[0] + (c0 + ic - inBox.lo[1]) * st[1] +
                    (iy - inBox.lo[2]) * st[2];
            }
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t w = wOc[(ic * kh + ky) * kw + kx];
              for (int64_t x = 0; x < ow; ++x) {
                int64_t ix = (out.lo[3] + x) * g.strides[1] - g.pads[1] + kx * g.dilations[1];
                int64_t v = zx;
                if (rowInside && ix >= 0 && ix < is[3]) {
                  if (ix < inBox.lo[3] || ix >= inBox.hi[3])
                    return outsideInput(g, requiredInputBoxes(g, out)[0], inBox);
                  v = row[ix - inBox.lo[3]];
                }
                acc[x] += v * w;
              }
            }
          }
        for (int64_t x = 0; x < ow; ++x)
          dst[o++] = rq(acc[x], local);
      }
    }
  return llvm::Error::success();
}

/// conv2d reading its input as stored u8/i8 codes, on the direct VNNI
/// kernel or AVX2's implicit im2col: the image is built from the bytes in
/// place. u8 codes go in as they are, i8 codes plus 128; the kernels
/// subtract the offset's share exactly, so the results are those of
/// `conv2d`.
bool conv2dStored(const LayerGeometry &g, const LayerParams &p, ArrayRef<StoredOperand> ins,
                  ArrayRef<Box> inBoxes, const Box &out, int32_t *dst, StoredResult *result) {
  const Isa isa = activeIsa();
  const ElemKind kind = ins[0].kind;
  if ((isa != Isa::Avx512Vnni && isa != Isa::Avx2) || g.group != 1 || out.empty() ||
      (kind != ElemKind::U8 && kind != ElemKind::I8))
    return false;
  const int32_t offset = kind == ElemKind::U8 ? 0 : 128;
  const int32_t padByte = g.inputZeroPoints[0] + offset;
  if (padByte < 0 || padByte > 255)
    return false;
  if (auto err = checkInputs(g, inBoxes, out)) { // `conv2d` reports it
    llvm::consumeError(std::move(err));
    return false;
  }
  PackedB local;
  const PackedB &b = convWeights(g, p, out, local, isa);
  if (!fitsInt32(b))
    return false;
  if (b.avx2()) // AVX2: the image's bytes straight from the stored ones
    return conv2dImage(g, p, ins[0].bytes, inBoxes[0], out, dst, b, offset, result);
  if (b.taps.empty())
    return false;
  if (kind == ElemKind::U8)
    return conv2dDirect(g, p, ins[0].bytes, inBoxes[0], out, dst, b, offset, result);
  return conv2dDirect(g, p, reinterpret_cast<const int8_t *>(ins[0].bytes), inBoxes[0], out, dst,
                      b, offset, result);
}

//--- matmul: [..., M, K] x constant [..., K, N] on the MAC array ---------===//

int64_t matmulChannelDim(const LayerGeometry &g) { return int64_t(g.outputShape.size()) - 1; }

/// The reduction length a matmul tile computes: its weight's K (a split
/// reduction's share), or the input's for batch_matmul (no weight).
int64_t matmulDepth(const LayerGeometry &g) {
  const auto &ws = g.weightShape;
  const bool weighted = llvm::StringRef(g.kind->name) == "matmul" && ws.size() >= 2;
  return weighted ? ws[ws.size() - 2] : g.inputShapes[0].back();
}

/// With a split reduction, input 1 is the partial sums of the rows before:
/// the output's own box.
std::vector<Box> matmulInputs(const LayerGeometry &g, const Box &out) {
  Box b = out;
  b.lo.back() = g.reductionOffset;
  b.hi.back() = g.reductionOffset + matmulDepth(g);
  if (g.inputShapes.size() == 2)
    return {b, out};
  return {b};
}

int64_t matmulWeightCount(const LayerGeometry &g, int64_t fullWeights, const Box &out) {
  return fullWeights / g.weightShape.back() * out.size(out.rank() - 1);
}

std::vector<int32_t> matmulWeights(const LayerGeometry &g, ArrayRef<int32_t> w, const Box &out) {
  const auto &ws = g.weightShape;
  int64_t k = ws[ws.size() - 2], n = ws.back();
  int64_t batches = int64_t(w.size()) / (k * n);
  std::vector<int32_t> s;
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t kk = 0; kk < k; ++kk)
      for (int64_t j = out.lo.back(); j < out.hi.back(); ++j)
        s.push_back(w[(b * k + kk) * n + j]);
  return s;
}

int64_t matmulWork(const LayerGeometry &g, const Box &out) {
  return out.numel() * matmulDepth(g);
}

/// Each row of A (all K of it) feeds the box's columns.
void matmulBlocks(const LayerGeometry &g, const Box &out, llvm::SmallVectorImpl<MacBlock> &blocks) {
  if (out.empty())
    return;
  const int64_t n = out.size(out.rank() - 1);
  blocks.push_back({out.numel() / n, matmulDepth(g), n});
}

/// Adds the partial sums of a split reduction (input 1, the output's box)
/// and the folded bias to the accumulators of output rows [lo, hi) (n
/// columns each), as int32 with wrap-around: only the whole sum, the
/// unsplit one, is proven inside int32 (legalization), not the sum
/// without the bias, so the bias joins here rather than in requantizing.
void addPartialRows(ArrayRef<const int32_t *> ins, ArrayRef<Box> inBoxes, const Box &out,
                    ArrayRef<int32_t> bias, int32_t *acc, int64_t lo, int64_t hi) {
  if (ins.size() < 2)
    return;
  const int64_t n = out.size(out.rank() - 1);
  // checkInputs has made sure input 1's box holds the output's.
  const Box &pb = inBoxes[1];
  auto st = boxStrides(pb);
  Box rowsBox = out;
  rowsBox.hi[out.rank() - 1] = out.lo[out.rank() - 1] + 1;
  int64_t row = 0;
  forEachIndex(rowsBox, [&](ArrayRef<int64_t> idx) {
    if (row >= lo && row < hi) {
      const int32_t *src = ins[1] + offsetIn(pb, st, idx);
      int32_t *dst = acc + row * n;
      for (int64_t j = 0; j < n; ++j)
        dst[j] = int32_t(uint32_t(dst[j]) + uint32_t(src[j]) + uint32_t(bias[j]));
    }
    ++row;
  });
}

/// matmul with one (unbatched) weight matrix as `gemm`; false (nothing
/// touched) when its values do not fit the fast path's bounds.
bool matmulGemm(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                ArrayRef<Box> inBoxes, const Box &out, int32_t *dst, Isa isa) {
  const int32_t *in = ins[0];
  const Box &inBox = inBoxes[0];
  const size_t r = out.rank();
  const int64_t k = matmulDepth(g), n = out.size(r - 1);
  int32_t offset = byteOffset(in, inBox.numel(), 0);
  if (offset < 0)
    return false;
  PackedB local;
  const PackedB &b = packedWeights(p, local, [&] { return packB(p.weights, k, n, isa); });
  if (!fitsInt32(b))
    return false;
  const int64_t rows = out.numel() / n, kp = b.kPadded;
  uint8_t *a = scratch<uint8_t>(0, rows * kp);
  Box rowsBox = out;
  rowsBox.lo[r - 1] = g.reductionOffset;
  rowsBox.hi[r - 1] = g.reductionOffset + 1;
  auto st = boxStrides(inBox);
  int64_t row = 0;
  forEachIndex(rowsBox, [&](ArrayRef<int64_t> idx) {
    const int32_t *src = in + offsetIn(inBox, st, idx);
    uint8_t *dstRow = a + row++ * kp;
    for (int64_t kk = 0; kk < k; ++kk)
      dstRow[kk] = uint8_t(src[kk] + offset);
    std::memset(dstRow + k, 0, kp - k);
  });
  // With partial sums the bias is added with them (addPartialRows), and
  // requantizing adds none.
  const bool partial = ins.size() > 1;
  std::vector<int32_t> noBias(partial ? size_t(n) : 0, 0);
  LayerParams q = p;
  if (partial)
    q.foldedBias = noBias;
  parallelRows(rows, rows * n * kp, [&](int64_t lo, int64_t hi) {
    gemm(a + lo * kp, hi - lo, kp, offset, b, dst + lo * n, n, isa);
    if (partial)
      addPartialRows(ins, inBoxes, out, p.foldedBias, dst, lo, hi);
    requantizeRows(g, q, dst + lo * n, hi - lo, n);
  });
  return true;
}

llvm::Error matmul(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                   ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  Isa isa = activeIsa();
  if (isa != Isa::Scalar && g.weightShape.size() == 2 && !out.empty()) {
    if (auto err = checkInputs(g, inBoxes, out))
      return err;
    if (matmulGemm(g, p, ins, inBoxes, out, dst, isa))
      return llvm::Error::success();
  }
  if (ins.size() > 1)
    if (auto err = checkInputs(g, inBoxes, out))
      return err;
  const int32_t *in = ins[0];
  const Box &inBox = inBoxes[0];
  size_t r = out.rank();
  int64_t k = matmulDepth(g), k0 = g.reductionOffset;
  int64_t nLocal = out.size(r - 1);
  bool batchedW = g.weightShape.size() > 2;
  auto st = boxStrides(inBox);
  // The partial sums of the rows before (a split reduction's input 1).
  const auto partialStrides = ins.size() > 1 ? boxStrides(inBoxes[1]) : decltype(st)();
  Requant rq{g, p.multiplier, p.shift};
  int64_t o = 0;
  llvm::Error err = llvm::Error::success();
  forEachIndex(out, [&](ArrayRef<int64_t> idx) {
    if (err)
      return;
    // Batch index of a batched weight: the flattened leading dimensions.
    int64_t batch = 0;
    for (size_t d = 0; d + 2 < r; ++d)
      batch = batch * g.outputShape[d] + idx[d];
    int64_t j = idx[r - 1] - out.lo[r - 1];
    llvm::SmallVector<int64_t, 4> rowIdx(idx.begin(), idx.end());
    rowIdx[r - 1] = k0;
    if (!inBox.contains([&] {
          Box b;
          b.lo = rowIdx;
          b.hi = rowIdx;
          for (auto &h : b.hi) ++h;
          b.hi[r - 1] = k0 + k;
          return b;
        }())) {
      err = outsideInput(g, requiredInputBoxes(g, out)[0], inBox);
      return;
    }
    const int32_t *row = in + offsetIn(inBox, st, rowIdx);
    const int32_t *w = p.weights.data() + (batchedW ? batch * k * nLocal : 0) + j;
    int64_t acc = p.foldedBias[(batchedW ? batch * nLocal : 0) + j];
    for (int64_t kk = 0; kk < k; ++kk)
      acc += int64_t(row[kk]) * w[kk * nLocal];
    if (ins.size() > 1)
      acc = int32_t(uint32_t(acc) + uint32_t(ins[1][offsetIn(inBoxes[1], partialStrides, idx)]));
    dst[o++] = rq(acc, j);
  });
  return err;
}

//--- avg_pool, max_pool: 2-D windows over NCHW on the vector unit --------===//

std::vector<Box> poolInputs(const LayerGeometry &g, const Box &out) {
  return {windowBox(g, out, {out.lo[1], out.hi[1]})};
}

int64_t poolWork(const LayerGeometry &g, const Box &out) {
  return out.numel() * g.kernel[0] * g.kernel[1];
}

template <bool isMax>
llvm::Error pool(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                 ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  // Every element the windows read is in the input box: checked once here.
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const int64_t kh = g.kernel[0], kw = g.kernel[1];
  if (!isMax && int64_t(std::min(p.multiplier.size(), p.shift.size())) < kh * kw)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "avg_pool over %lld taps has %zu multipliers",
                                   (long long)(kh * kw), p.multiplier.size());
  const int32_t *in = ins[0];
  const Box &inBox = inBoxes[0];
  const auto &is = g.inputShapes[0];
  auto st = boxStrides(inBox);
  const int64_t zx = g.inputZeroPoints[0], padTap = g.countIncludePad;
  int64_t o = 0;
  for (int64_t n = out.lo[0]; n < out.hi[0]; ++n)
    for (int64_t c = out.lo[1]; c < out.hi[1]; ++c) {
      const int32_t *plane = in + (n - inBox.lo[0]) * st[0] + (c - inBox.lo[1]) * st[1];
      for (int64_t oy = out.lo[2]; oy < out.hi[2]; ++oy)
        for (int64_t ox = out.lo[3]; ox < out.hi[3]; ++ox) {
          int64_t sum = 0, count = 0;
          int32_t best = INT32_MIN;
          for (int64_t ky = 0; ky < kh; ++ky) {
            int64_t iy = oy * g.strides[0] - g.pads[0] + ky * g.dilations[0];
            if (iy < 0 || iy >= is[2]) {
              count += padTap * kw; // padded real zeros
              continue;
            }
            // Indexed by the absolute column (the box starts at inBox.lo[3]).
            const int32_t *row = plane + (iy - inBox.lo[2]) * st[2] - inBox.lo[3];
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t ix = ox * g.strides[1] - g.pads[1] + kx * g.dilations[1];
              if (ix < 0 || ix >= is[3]) {
                count += padTap;
                continue;
              }
              int32_t v = row[ix];
              best = std::max(best, v);
              sum += v - zx;
              ++count;
            }
          }
          if (isMax)
            dst[o++] = best;
          else if (count == 0) // a window of padding only averages nothing: real 0
            dst[o++] = clampToRange(g.outputZeroPoint, g.clampLo, g.clampHi);
          else
            dst[o++] = clampToRange(
                g.outputZeroPoint +
                    applyMultiplier(sum, {p.multiplier[count - 1], p.shift[count - 1]}),
                g.clampLo, g.clampHi);
        }
    }
  return llvm::Error::success();
}

/// One plane's max_pool on stored codes T (uint8_t or int8_t: their order
/// is the values'), out row by row: each row's window rows reduced first,
/// then each column's window of that (both whole rows of bytes, loops the
/// compiler vectorizes), then the outputs picked at their stride; only the
/// outputs whose window is cut by the input's edge take a loop of their
/// own. A window of padding only gives what `pool` gives (INT32_MIN)
/// truncated to a byte: 0.
template <typename T>
void maxPoolPlane(const LayerGeometry &g, const T *plane, const Box &inBox, int64_t rowStride,
                  const Box &out, T *dst, T *rowMax, T *colMax) {
  const auto &is = g.inputShapes[0];
  const int64_t kh = g.kernel[0], kw = g.kernel[1];
  const int64_t s0 = g.strides[0], s1 = g.strides[1], d0 = g.dilations[0], d1 = g.dilations[1];
  // The input columns the output columns' windows read, inside the input.
  const int64_t x0 = std::max<int64_t>(0, out.lo[3] * s1 - g.pads[1]);
  const int64_t x1 = std::min(is[3], (out.hi[3] - 1) * s1 - g.pads[1] + (kw - 1) * d1 + 1);
  for (int64_t oy = out.lo[2]; oy < out.hi[2]; ++oy) {
    bool anyRow = false;
    for (int64_t ky = 0; ky < kh; ++ky) {
      const int64_t iy = oy * s0 - g.pads[0] + ky * d0;
      if (iy < 0 || iy >= is[2])
        continue;
      const T *row = plane + (iy - inBox.lo[2]) * rowStride - inBox.lo[3];
      if (!anyRow)
        std::copy(row + x0, row + std::max(x0, x1), rowMax);
      else
        for (int64_t x = x0; x < x1; ++x)
          rowMax[x - x0] = std::max(rowMax[x - x0], row[x]);
      anyRow = true;
    }
    // colMax[i]: the window of columns starting at input column x0 + i,
    // for every start whose window lies inside [x0, x1).
    const int64_t span = (kw - 1) * d1, starts = anyRow ? x1 - x0 - span : 0;
    const T *whole = kw == 1 ? rowMax : colMax;
    if (kw > 1 && starts > 0) {
      std::copy(rowMax, rowMax + starts, colMax);
      for (int64_t kx = 1; kx < kw; ++kx)
        for (int64_t i = 0; i < starts; ++i)
          colMax[i] = std::max(colMax[i], rowMax[i + kx * d1]);
    }
    for (int64_t ox = out.lo[3]; ox < out.hi[3]; ++ox) {
      const int64_t start = ox * s1 - g.pads[1];
      if (start >= x0 && start - x0 < starts) {
        *dst++ = whole[start - x0];
        continue;
      }
      bool any = false;
      T best = 0;
      for (int64_t kx = 0; kx < kw && anyRow; ++kx) {
        const int64_t ix = ox * s1 - g.pads[1] + kx * d1;
        if (ix < 0 || ix >= is[3])
          continue;
        best = any ? std::max(best, rowMax[ix - x0]) : rowMax[ix - x0];
        any = true;
      }
      *dst++ = any ? best : T(0);
    }
  }
}

/// max_pool reading and writing stored u8/i8 codes in place (the output of
/// the input's kind): no int32 copy of the input box. The same bytes as
/// `pool<true>` and storeElems (KernelPaths.StoredMaxPoolEqualsTheValues).
bool maxPoolStored(const LayerGeometry &g, const LayerParams &, ArrayRef<StoredOperand> ins,
                   ArrayRef<Box> inBoxes, const Box &out, int32_t *, StoredResult *result) {
  const ElemKind kind = ins[0].kind;
  if (!result || result->kind != kind || (kind != ElemKind::U8 && kind != ElemKind::I8) ||
      out.empty())
    return false;
  if (auto err = checkInputs(g, inBoxes, out)) { // `pool` reports it
    llvm::consumeError(std::move(err));
    return false;
  }
  const Box &inBox = inBoxes[0];
  const auto st = boxStrides(inBox);
  const int64_t channels = out.size(1), planes = out.size(0) * channels;
  const int64_t outPlane = out.size(2) * out.size(3);
  parallelRows(planes, planes * (outPlane + inBox.size(2) * inBox.size(3)) * kElementWork,
               [&](int64_t lo, int64_t hi) {
    uint8_t *rowMax = scratch<uint8_t>(0, inBox.size(3) + 1);
    uint8_t *colMax = scratch<uint8_t>(1, inBox.size(3) + 1);
    for (int64_t pl = lo; pl < hi; ++pl) {
      const int64_t n = out.lo[0] + pl / channels, c = out.lo[1] + pl % channels;
      const uint8_t *plane =
          ins[0].bytes + (n - inBox.lo[0]) * st[0] + (c - inBox.lo[1]) * st[1];
      uint8_t *to = result->bytes + pl * outPlane;
      if (kind == ElemKind::U8)
        maxPoolPlane<uint8_t>(g, plane, inBox, st[2], out, to, rowMax, colMax);
      else
        maxPoolPlane<int8_t>(g, reinterpret_cast<const int8_t *>(plane), inBox, st[2], out,
                             reinterpret_cast<int8_t *>(to), reinterpret_cast<int8_t *>(rowMax),
                             reinterpret_cast<int8_t *>(colMax));
    }
  }, /*grain=*/1);
  result->written = true;
  return true;
}

//--- add, mul: two inputs with numpy broadcasting -------------------------===//

std::vector<Box> broadcastInputs(const LayerGeometry &g, const Box &out) {
  std::vector<Box> boxes;
  boxes.reserve(g.inputShapes.size());
  for (const auto &s : g.inputShapes) {
    Box b = Box::full(s);
    size_t off = out.rank() - s.size();
    for (size_t d = 0; d < s.size(); ++d)
      if (s[d] != 1) {
        b.lo[d] = out.lo[off + d];
        b.hi[d] = out.hi[off + d];
      }
    boxes.push_back(std::move(b));
  }
  return boxes;
}

/// Calls f(at) for each output element of a two-input broadcasting kind,
/// at(i) reading input i's element (its index: the output's trailing
/// dimensions, 0 where it broadcasts).
template <typename F>
llvm::Error eachBroadcast(const LayerGeometry &g, ArrayRef<const int32_t *> ins,
                          ArrayRef<Box> inBoxes, const Box &out, F f) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  auto inIndex = [&](size_t i, ArrayRef<int64_t> idx, llvm::SmallVectorImpl<int64_t> &ii) {
    const auto &s = g.inputShapes[i];
    size_t off = out.rank() - s.size();
    ii.resize(s.size());
    for (size_t d = 0; d < s.size(); ++d)
      ii[d] = s[d] == 1 ? 0 : idx[off + d];
  };
  eachElement(g, ins, inBoxes, out, inIndex, f);
  return llvm::Error::success();
}

/// An add whose operands are the output box itself, element for element
/// (no broadcasting): one contiguous loop (addRows).
bool addElementwise(const LayerGeometry &g, ArrayRef<Box> inBoxes, const Box &out) {
  return inBoxes[0] == out && inBoxes[1] == out && g.inputShapes[0] == g.inputShapes[1] &&
         g.inputShapes[0] == g.outputShape;
}

llvm::Error add(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  // Locals: the compiler cannot tell that `dst` does not alias `g` or `p`.
  const int shift = p.shift[0];
  const int64_t z0 = g.inputZeroPoints[0], z1 = g.inputZeroPoints[1];
  const int64_t m0 = p.multiplier[0], m1 = p.multiplier[1];
  const int64_t zo = g.outputZeroPoint, lo_ = g.clampLo, hi_ = g.clampHi;
  auto value = [&](int32_t a, int32_t b) {
    return clampToRange(zo + roundingShiftRightHalfEven((a - z0) * m0 + (b - z1) * m1, shift),
                        lo_, hi_);
  };
  if (addElementwise(g, inBoxes, out)) {
    const int32_t *a = ins[0], *b = ins[1];
    const int64_t n = out.numel();
    parallelRows(n, n * kElementWork, [&](int64_t lo, int64_t hi) {
      addRows(a + lo, b + lo, hi - lo, int32_t(z0), int32_t(z1), int32_t(m0), int32_t(m1), shift,
              int32_t(zo), int32_t(lo_), int32_t(hi_), dst + lo);
    });
    return llvm::Error::success();
  }
  int64_t o = 0;
  return eachBroadcast(g, ins, inBoxes, out,
                       [&](auto at) { dst[o++] = value(at(0), at(1)); });
}

/// add reading its operands as stored 8-bit codes, without broadcasting, in
/// chunks that stay in L1: the whole tile's int32 copies of both operands
/// and of the result went through memory before. The same arithmetic
/// (addRows), conversions (loadElems) and truncation (storeElems).
bool addStored(const LayerGeometry &g, const LayerParams &p, ArrayRef<StoredOperand> ins,
               ArrayRef<Box> inBoxes, const Box &out, int32_t *dst, StoredResult *result) {
  auto isByte = [](ElemKind k) { return elemBytes(k) == 1; }; // u8, i8
  if (!addElementwise(g, inBoxes, out) || !isByte(ins[0].kind) || !isByte(ins[1].kind))
    return false;
  const bool storedOut = result && isByte(result->kind);
  const int32_t shift = p.shift[0], z0 = g.inputZeroPoints[0], z1 = g.inputZeroPoints[1];
  const int32_t m0 = p.multiplier[0], m1 = p.multiplier[1];
  const int32_t zo = g.outputZeroPoint, lo = g.clampLo, hi = g.clampHi;
  const int64_t n = out.numel();
  parallelRows(n, n * kElementWork, [&](int64_t r0, int64_t r1) {
    constexpr int64_t kChunk = 1024;
    int32_t a[kChunk], b[kChunk], o[kChunk];
    // Bytes to bytes in one pass where the vector path takes the ranges.
    if (storedOut)
      r0 += addBytes(ins[0].bytes + r0, ins[0].kind == ElemKind::I8, ins[1].bytes + r0,
                     ins[1].kind == ElemKind::I8, r1 - r0, z0, z1, m0, m1, shift, zo, lo, hi,
                     result->bytes + r0);
    for (int64_t c0 = r0; c0 < r1; c0 += kChunk) {
      const int64_t len = std::min(kChunk, r1 - c0);
      loadElems(ins[0].kind, ins[0].bytes + c0, len, a);
      loadElems(ins[1].kind, ins[1].bytes + c0, len, b);
      int32_t *to = storedOut ? o : dst + c0;
      addRows(a, b, len, z0, z1, m0, m1, shift, zo, lo, hi, to);
      if (storedOut)
        storeElems(result->kind, ArrayRef<int32_t>(o, len), result->bytes + c0);
    }
  });
  if (storedOut)
    result->written = true;
  return true;
}

/// The exact product of the centered inputs, one requantization.
llvm::Error mul(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  FixedPointMultiplier m{p.multiplier[0], p.shift[0]};
  int64_t o = 0;
  return eachBroadcast(g, ins, inBoxes, out, [&](auto at) {
    int64_t product = int64_t(at(0) - g.inputZeroPoints[0]) * (at(1) - g.inputZeroPoints[1]);
    dst[o++] = clampToRange(g.outputZeroPoint + applyMultiplier(product, m), g.clampLo,
                            g.clampHi);
  });
}

//--- rescale: one input to another scale and zero point -------------------===//

auto sameIndex = [](size_t, ArrayRef<int64_t> idx, llvm::SmallVectorImpl<int64_t> &ii) {
  ii.assign(idx.begin(), idx.end());
};

llvm::Error rescale(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                    ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  // The same layout: one span, requantized as a channel's (bias -z); the
  // scalar path (the oracle) keeps the plain loop.
  if (activeIsa() != Isa::Scalar && inBoxes[0] == out && g.inputZeroPoints[0] != INT32_MIN) {
    const int32_t bias = -g.inputZeroPoints[0];
    const AccClamp clamp = accClamp(bias, p.multiplier[0], p.shift[0], g.outputZeroPoint,
                                    g.clampLo, g.clampHi);
    const int32_t *in = ins[0];
    const int64_t n = out.numel();
    parallelRows(n, n * kElementWork, [&](int64_t lo, int64_t hi) {
      std::copy(in + lo, in + hi, dst + lo);
      requantizeSpan(dst + lo, hi - lo, bias, p.multiplier[0], p.shift[0], g.outputZeroPoint,
                     g.clampLo, g.clampHi, &clamp);
    });
    return llvm::Error::success();
  }
  FixedPointMultiplier m{p.multiplier[0], p.shift[0]};
  int64_t o = 0;
  eachElement(g, ins, inBoxes, out, sameIndex, [&](auto at) {
    dst[o++] = clampToRange(g.outputZeroPoint + applyMultiplier(at(0) - g.inputZeroPoints[0], m),
                            g.clampLo, g.clampHi);
  });
  return llvm::Error::success();
}

//--- concat: inputs of one type side by side along `axis` -----------------===//

std::vector<Box> concatInputs(const LayerGeometry &g, const Box &out) {
  std::vector<Box> boxes;
  int64_t offset = 0;
  for (const auto &s : g.inputShapes) {
    Box b = out;
    b.lo[g.axis] = std::clamp<int64_t>(out.lo[g.axis] - offset, 0, s[g.axis]);
    b.hi[g.axis] = std::clamp<int64_t>(out.hi[g.axis] - offset, b.lo[g.axis], s[g.axis]);
    offset += s[g.axis];
    boxes.push_back(b);
  }
  return boxes;
}

llvm::Error concat(const LayerGeometry &g, const LayerParams &, ArrayRef<const int32_t *> ins,
                   ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  std::vector<llvm::SmallVector<int64_t, 4>> strides;
  for (const Box &b : inBoxes)
    strides.push_back(boxStrides(b));
  int64_t o = 0;
  forEachIndex(out, [&](ArrayRef<int64_t> idx) {
    llvm::SmallVector<int64_t, 4> ii(idx.begin(), idx.end());
    for (size_t i = 0; i < ins.size(); ++i) {
      int64_t sz = g.inputShapes[i][g.axis];
      if (ii[g.axis] < sz) {
        dst[o++] = ins[i][offsetIn(inBoxes[i], strides[i], ii)];
        return;
      }
      ii[g.axis] -= sz;
    }
  });
  return llvm::Error::success();
}

//--- transpose: output dimension d is input dimension perm[d] -------------===//

std::vector<Box> transposeInputs(const LayerGeometry &g, const Box &out) {
  Box b = Box::full(g.inputShapes[0]);
  for (size_t d = 0; d < g.perm.size(); ++d) {
    b.lo[g.perm[d]] = out.lo[d];
    b.hi[g.perm[d]] = out.hi[d];
  }
  return {b};
}

/// One input's elements moved: output element `idx` reads the input element
/// `map(idx, ii)` gives, an affine map (transpose, slice).
template <typename Map>
llvm::Error moveElements(const LayerGeometry &g, ArrayRef<const int32_t *> ins,
                         ArrayRef<Box> inBoxes, const Box &out, int32_t *dst, Map map) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  int64_t o = 0;
  auto inIndex = [&](size_t, ArrayRef<int64_t> idx, llvm::SmallVectorImpl<int64_t> &ii) {
    ii.resize(idx.size());
    map(idx, ii);
  };
  eachElement(g, ins, inBoxes, out, inIndex, [&](auto at) { dst[o++] = at(0); });
  return llvm::Error::success();
}

llvm::Error transpose(const LayerGeometry &g, const LayerParams &, ArrayRef<const int32_t *> ins,
                      ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  return moveElements(g, ins, inBoxes, out, dst,
                      [&](ArrayRef<int64_t> idx, llvm::SmallVectorImpl<int64_t> &ii) {
                        for (size_t d = 0; d < idx.size(); ++d)
                          ii[g.perm[d]] = idx[d];
                      });
}

//--- resize: nearest upsampling of NCHW by whole factors (the strides) ----===//
// Output pixel (y, x) is input pixel (y / strides[0], x / strides[1]).

std::vector<Box> resizeInputs(const LayerGeometry &g, const Box &out) {
  Box b = out;
  for (int d = 0; d < 2; ++d) {
    const int64_t f = g.strides[d];
    b.lo[2 + d] = out.lo[2 + d] / f;
    b.hi[2 + d] = out.hi[2 + d] > out.lo[2 + d] ? (out.hi[2 + d] - 1) / f + 1 : b.lo[2 + d];
  }
  return {b};
}

llvm::Error resize(const LayerGeometry &g, const LayerParams &, ArrayRef<const int32_t *> ins,
                   ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const Box &ib = inBoxes[0];
  const int64_t ic = ib.size(1), ih = ib.size(2), iw = ib.size(3);
  const int64_t fy = g.strides[0], fx = g.strides[1];
  int64_t o = 0;
  for (int64_t n = out.lo[0]; n < out.hi[0]; ++n)
    for (int64_t c = out.lo[1]; c < out.hi[1]; ++c)
      for (int64_t y = out.lo[2]; y < out.hi[2]; ++y) {
        const int32_t *row =
            ins[0] + (((n - ib.lo[0]) * ic + (c - ib.lo[1])) * ih + (y / fy - ib.lo[2])) * iw;
        for (int64_t x = out.lo[3]; x < out.hi[3]; ++x)
          dst[o++] = row[x / fx - ib.lo[3]];
      }
  return llvm::Error::success();
}

//--- slice: output index i of dimension d reads start[d] + step[d] * i ----===//

std::vector<Box> sliceInputs(const LayerGeometry &g, const Box &out) {
  Box b = out;
  for (size_t d = 0; d < out.rank(); ++d) {
    b.lo[d] = g.sliceStarts[d] + g.sliceSteps[d] * out.lo[d];
    b.hi[d] = out.hi[d] > out.lo[d] ? g.sliceStarts[d] + g.sliceSteps[d] * (out.hi[d] - 1) + 1
                                    : b.lo[d];
  }
  return {b};
}

llvm::Error slice(const LayerGeometry &g, const LayerParams &, ArrayRef<const int32_t *> ins,
                  ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  return moveElements(g, ins, inBoxes, out, dst,
                      [&](ArrayRef<int64_t> idx, llvm::SmallVectorImpl<int64_t> &ii) {
                        for (size_t d = 0; d < idx.size(); ++d)
                          ii[d] = g.sliceStarts[d] + g.sliceSteps[d] * idx[d];
                      });
}

//--- pad: output index i of dimension d is input index i - begin[d] -------===//
// (the geometry's slice_starts hold -begin); outside the input, the
// output's zero point (ONNX Pad, constant mode, value 0).

std::vector<Box> padInputs(const LayerGeometry &g, const Box &out) {
  Box b = out;
  const auto &in = g.inputShapes[0];
  for (size_t d = 0; d < out.rank(); ++d) {
    b.lo[d] = std::clamp<int64_t>(out.lo[d] + g.sliceStarts[d], 0, in[d]);
    b.hi[d] = std::clamp<int64_t>(out.hi[d] + g.sliceStarts[d], b.lo[d], in[d]);
  }
  return {b};
}

llvm::Error pad(const LayerGeometry &g, const LayerParams &, ArrayRef<const int32_t *> ins,
                ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const Box &ib = inBoxes[0];
  const auto strides = boxStrides(ib);
  int64_t o = 0;
  forEachIndex(out, [&](ArrayRef<int64_t> idx) {
    int64_t at = 0;
    for (size_t d = 0; d < idx.size(); ++d) {
      int64_t i = idx[d] + g.sliceStarts[d];
      if (i < ib.lo[d] || i >= ib.hi[d]) {
        dst[o++] = g.outputZeroPoint;
        return;
      }
      at += (i - ib.lo[d]) * strides[d];
    }
    dst[o++] = ins[0][at];
  });
  return llvm::Error::success();
}

//--- table: an elementwise function as a lookup on the input code ---------===//

/// A table per channel (axis > 0: PRelu with a slope per channel) has its
/// parameters sliced by channel; one table (axis 0) goes whole to every tile.
int64_t tableChannelDim(const LayerGeometry &g) { return g.axis > 0 ? g.axis : -1; }

llvm::Error table(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                  ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  // The table (the "bias" parameters) has one entry per input code; per
  // channel, entry e of the box's channel k is at e * channels + k.
  const int64_t axis = tableChannelDim(g);
  const size_t channels = axis < 0 ? 1 : size_t(std::max<int64_t>(out.size(axis), 1));
  size_t size = p.foldedBias.size() / channels;
  if (size == 0 || (size & (size - 1)) || size * channels != p.foldedBias.size())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "table has %zu entries, not a power of two for each of %zu "
                                   "channel(s)",
                                   p.foldedBias.size(), channels);
  int64_t o = 0;
  if (axis < 0) {
    eachElement(g, ins, inBoxes, out, sameIndex,
                [&](auto at) { dst[o++] = p.foldedBias[uint32_t(at(0)) & (size - 1)]; });
    return llvm::Error::success();
  }
  int64_t inner = 1; // elements per channel step in the box's row-major order
  for (size_t d = size_t(axis) + 1; d < out.rank(); ++d)
    inner *= out.size(d);
  eachElement(g, ins, inBoxes, out, sameIndex, [&](auto at) {
    size_t k = size_t(o / inner) % channels;
    dst[o++] = p.foldedBias[(uint32_t(at(0)) & (size - 1)) * channels + k];
  });
  return llvm::Error::success();
}

//--- gather: rows of a constant table by integer indices (embeddings) -----===//

// The table [rows, width] is the weight and is sliced by output columns as
// a matmul's [K, N] weight is (matmulChannelDim, matmulWeightCount,
// matmulWeights).

std::vector<Box> gatherInputs(const LayerGeometry &, const Box &out) {
  Box b = out;
  b.lo.pop_back();
  b.hi.pop_back();
  return {b};
}

llvm::Error gather(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                   ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const int64_t rows = g.weightShape[0], cols = out.size(out.rank() - 1);
  if (int64_t(p.weights.size()) != rows * cols)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "gather: %zu table values for %lld rows of %lld columns",
                                   p.weights.size(), (long long)rows, (long long)cols);
  if (out.empty())
    return llvm::Error::success();
  const Box ids = gatherInputs(g, out)[0];
  const auto strides = boxStrides(inBoxes[0]);
  int64_t o = 0;
  llvm::Error err = llvm::Error::success();
  forEachIndex(ids, [&](ArrayRef<int64_t> idx) {
    if (err)
      return;
    const int64_t given = ins[0][offsetIn(inBoxes[0], strides, idx)];
    const int64_t id = given < 0 ? given + rows : given; // ONNX: -1 is the last row
    if (id < 0 || id >= rows) {
      std::string at;
      for (int64_t v : idx)
        at += (at.empty() ? "" : ", ") + std::to_string(v);
      err = llvm::createStringError(std::errc::invalid_argument,
                                    "gather: index %lld at [%s] is outside the table's %lld rows "
                                    "(-%lld to %lld)",
                                    (long long)given, at.c_str(), (long long)rows,
                                    (long long)rows, (long long)rows - 1);
      return;
    }
    const int32_t *row = p.weights.data() + id * cols;
    for (int64_t c = 0; c < cols; ++c)
      dst[o++] = clampToRange(int64_t(g.outputZeroPoint) + row[c], g.clampLo, g.clampHi);
  });
  return err;
}

//--- batch_matmul: [..., M, K] x [..., K, N], both operands activations ---===//

std::vector<Box> batchMatmulInputs(const LayerGeometry &g, const Box &out) {
  const size_t r = out.rank();
  const int64_t k = g.inputShapes[0].back();
  Box a = out, b = out;
  a.lo[r - 1] = 0;
  a.hi[r - 1] = k;
  b.lo[r - 2] = 0;
  b.hi[r - 2] = k;
  return {a, b};
}

int64_t batchMatmulWork(const LayerGeometry &g, const Box &out) {
  return out.numel() * g.inputShapes[0].back();
}

/// Accumulators of a legalized layer fit int32 (qg-legalize-integer proves
/// it); a tampered one is clamped where applyMultiplier stays exact.
int64_t boundedAccumulator(int64_t acc) {
  constexpr int64_t kBound = (int64_t(1) << 32) - 1;
  return std::clamp(acc, -kBound, kBound);
}

llvm::Error batchMatmul(const LayerGeometry &g, const LayerParams &p,
                        ArrayRef<const int32_t *> ins, ArrayRef<Box> inBoxes, const Box &out,
                        int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const size_t r = out.rank();
  const int64_t k = g.inputShapes[0].back(), n = out.size(r - 1);
  const int64_t za = g.inputZeroPoints[0], zb = g.inputZeroPoints[1];
  const FixedPointMultiplier m{p.multiplier[0], p.shift[0]};
  auto sa = boxStrides(inBoxes[0]), sb = boxStrides(inBoxes[1]);
  Box rows = out;
  rows.hi[r - 1] = rows.lo[r - 1] + 1;
  std::vector<int64_t> acc(n);
  llvm::SmallVector<int64_t, 4> ia, ib;
  int64_t o = 0;
  // Row by row: each lhs element scales one rhs row (contiguous in n).
  forEachIndex(rows, [&](ArrayRef<int64_t> idx) {
    ia.assign(idx.begin(), idx.end());
    ia[r - 1] = 0;
    ib.assign(idx.begin(), idx.end());
    ib[r - 2] = 0;
    const int32_t *a = ins[0] + offsetIn(inBoxes[0], sa, ia);
    const int32_t *b = ins[1] + offsetIn(inBoxes[1], sb, ib);
    std::fill(acc.begin(), acc.end(), 0);
    for (int64_t kk = 0; kk < k; ++kk) {
      const int64_t av = a[kk] - za;
      const int32_t *brow = b + kk * sb[r - 2];
      for (int64_t j = 0; j < n; ++j)
        acc[j] += av * (brow[j] - zb);
    }
    for (int64_t j = 0; j < n; ++j)
      dst[o++] = clampToRange(g.outputZeroPoint + applyMultiplier(boundedAccumulator(acc[j]), m),
                              g.clampLo, g.clampHi);
  });
  return llvm::Error::success();
}

/// What a kernel of one input, requantized by one multiplier, reads first.
struct RequantizedInput {
  const Box &box;
  llvm::SmallVector<int64_t, 4> strides;
  int64_t zeroPoint;
  FixedPointMultiplier m;
  RequantizedInput(const LayerGeometry &g, const LayerParams &p, ArrayRef<Box> inBoxes)
      : box(inBoxes[0]), strides(boxStrides(inBoxes[0])), zeroPoint(g.inputZeroPoints[0]),
        m{p.multiplier[0], p.shift[0]} {}
};

//--- resize_linear: bilinear interpolation of NCHW, exact rational weights -===//

/// Output row or column `o` along spatial dimension `d` (0: H, 1: W) reads
/// input coordinate (sliceSteps[d] o + sliceStarts[d]) / kernel[d], clamped
/// to [0, in - 1]: the lower neighbour, its weight over kernel[d] and the
/// upper neighbour (weight kernel[d] minus that).
struct LinearTap {
  int64_t lo, hi, wLo, wHi;
};
LinearTap linearTap(const LayerGeometry &g, int d, int64_t o) {
  const int64_t in = g.inputShapes[0][2 + d], den = g.kernel[d];
  int64_t num = std::clamp<int64_t>(g.sliceSteps[d] * o + g.sliceStarts[d], 0, (in - 1) * den);
  int64_t lo = num / den, rem = num % den;
  int64_t hi = std::min(lo + 1, in - 1);
  return {lo, hi, den - rem, rem};
}

std::vector<Box> resizeLinearInputs(const LayerGeometry &g, const Box &out) {
  Box b = out;
  for (int d = 0; d < 2; ++d) {
    if (out.empty())
      break;
    b.lo[2 + d] = linearTap(g, d, out.lo[2 + d]).lo;
    b.hi[2 + d] = linearTap(g, d, out.hi[2 + d] - 1).hi + 1;
  }
  return {b};
}

int64_t fourTaps(const LayerGeometry &, const Box &out) { return out.numel() * 4; }

/// acc = sum of wy wx (x - z_in) over the four neighbours; out = clamp(z_out +
/// apply(acc, multiplier[0], shift[0])), the multiplier s_in / (s_out ky kx).
llvm::Error resizeLinear(const LayerGeometry &g, const LayerParams &p,
                         ArrayRef<const int32_t *> ins, ArrayRef<Box> inBoxes, const Box &out,
                         int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const RequantizedInput src(g, p, inBoxes);
  std::vector<LinearTap> cols;
  for (int64_t x = out.lo[3]; x < out.hi[3]; ++x)
    cols.push_back(linearTap(g, 1, x));
  int64_t o = 0;
  for (int64_t n = out.lo[0]; n < out.hi[0]; ++n)
    for (int64_t c = out.lo[1]; c < out.hi[1]; ++c) {
      const int32_t *plane =
          ins[0] + (n - src.box.lo[0]) * src.strides[0] + (c - src.box.lo[1]) * src.strides[1];
      for (int64_t y = out.lo[2]; y < out.hi[2]; ++y) {
        LinearTap r = linearTap(g, 0, y);
        const int32_t *top = plane + (r.lo - src.box.lo[2]) * src.strides[2] - src.box.lo[3];
        const int32_t *bottom = plane + (r.hi - src.box.lo[2]) * src.strides[2] - src.box.lo[3];
        for (const LinearTap &t : cols) {
          const int64_t z = src.zeroPoint;
          int64_t acc = r.wLo * (t.wLo * (top[t.lo] - z) + t.wHi * (top[t.hi] - z)) +
                        r.wHi * (t.wLo * (bottom[t.lo] - z) + t.wHi * (bottom[t.hi] - z));
          dst[o++] = clampToRange(
              g.outputZeroPoint + applyMultiplier(boundedAccumulator(acc), src.m), g.clampLo,
              g.clampHi);
        }
      }
    }
  return llvm::Error::success();
}

//--- reduce_sum, reduce_max: over the dimensions the output has as 1 -------===//

/// The input box `out` reads: whole along every reduced dimension (input
/// larger than the output's 1), the output's range elsewhere.
std::vector<Box> reduceInputs(const LayerGeometry &g, const Box &out) {
  Box b = out;
  const auto &in = g.inputShapes[0];
  for (size_t d = 0; d < in.size(); ++d)
    if (in[d] != g.outputShape[d]) {
      b.lo[d] = 0;
      b.hi[d] = in[d];
    }
  return {b};
}

int64_t reducedCount(const LayerGeometry &g) {
  int64_t n = 1;
  for (size_t d = 0; d < g.outputShape.size(); ++d)
    if (g.inputShapes[0][d] != g.outputShape[d])
      n *= g.inputShapes[0][d];
  return n;
}

int64_t reduceWork(const LayerGeometry &g, const Box &out) {
  return out.numel() * reducedCount(g);
}

/// out = clamp(z_out + apply(acc, multiplier[0], shift[0])) with acc the sum
/// of (x - z_in) over the reduced elements, or the largest x minus z_in.
template <bool isMax>
llvm::Error reduce(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                   ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const RequantizedInput src(g, p, inBoxes);
  // The reduced sub-box of one output element, at offsets from its corner.
  Box span = Box::full(g.outputShape);
  for (size_t d = 0; d < span.rank(); ++d)
    span.hi[d] = g.inputShapes[0][d] != g.outputShape[d] ? g.inputShapes[0][d] : 1;
  std::vector<int64_t> offsets;
  forEachIndex(span, [&](ArrayRef<int64_t> idx) {
    int64_t o = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      o += idx[d] * src.strides[d];
    offsets.push_back(o);
  });
  llvm::SmallVector<int64_t, 4> corner;
  int64_t o = 0;
  forEachIndex(out, [&](ArrayRef<int64_t> idx) {
    corner.assign(idx.begin(), idx.end());
    for (size_t d = 0; d < corner.size(); ++d)
      if (g.inputShapes[0][d] != g.outputShape[d])
        corner[d] = 0;
    const int32_t *base = ins[0] + offsetIn(src.box, src.strides, corner);
    int64_t acc = isMax ? INT64_MIN : 0;
    for (int64_t k : offsets)
      acc = isMax ? std::max<int64_t>(acc, base[k]) : acc + (base[k] - src.zeroPoint);
    if (isMax)
      acc -= src.zeroPoint;
    dst[o++] = clampToRange(g.outputZeroPoint + applyMultiplier(boundedAccumulator(acc), src.m),
                            g.clampLo, g.clampHi);
  });
  return llvm::Error::success();
}

//--- softmax, layer_norm: one reduction over the last axis per row --------===//

std::vector<Box> lastAxisInputs(const LayerGeometry &g, const Box &out) {
  Box b = out;
  b.lo.back() = 0;
  b.hi.back() = g.inputShapes[0].back();
  return {b};
}

/// Each tile reads its rows whole (two passes) and writes its own columns.
int64_t lastAxisWork(const LayerGeometry &g, const Box &out) {
  const int64_t len = out.size(out.rank() - 1);
  const int64_t rows = len ? out.numel() / len : 0;
  return rows * g.inputShapes[0].back() * 2 + out.numel();
}

/// Calls f(row, first) for each row of `out`: `row` the input row whole,
/// `first` the row's first output column.
template <typename F>
void eachRow(const LayerGeometry &g, const int32_t *in, const Box &inBox, const Box &out, F f) {
  const size_t r = out.rank();
  auto st = boxStrides(inBox);
  Box rows = out;
  rows.hi[r - 1] = rows.lo[r - 1] + 1;
  llvm::SmallVector<int64_t, 4> ii;
  forEachIndex(rows, [&](ArrayRef<int64_t> idx) {
    ii.assign(idx.begin(), idx.end());
    ii[r - 1] = 0;
    f(in + offsetIn(inBox, st, ii), out.lo[r - 1]);
  });
}

/// round_half_even(n / d) for d > 0.
int64_t divideHalfEven(int64_t n, int64_t d) {
  int64_t q = n / d, rem = n % d;
  if (rem < 0) {
    --q;
    rem += d;
  }
  return q + ((2 * rem > d) | ((2 * rem == d) & (q & 1)));
}

/// out = zp + round_half_even(E[max - x] / s_out / sum E[max - x']): E the
/// exp table exp(-s_in d) in units of 2^-30 (the "bias" parameters), 1/s_out
/// as multiplier[0] / 2^shift[0] (docs/semantics.md, "Softmax").
llvm::Error softmax(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                    ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const int64_t len = g.inputShapes[0].back(), cols = out.size(out.rank() - 1);
  const ArrayRef<int32_t> e = p.foldedBias;
  const FixedPointMultiplier m{p.multiplier[0], p.shift[0]};
  int64_t o = 0;
  llvm::Error err = llvm::Error::success();
  eachRow(g, ins[0], inBoxes[0], out, [&](const int32_t *row, int64_t first) {
    if (err)
      return;
    const int32_t mx = *std::max_element(row, row + len);
    int64_t sum = 0;
    for (int64_t i = 0; i < len; ++i) {
      uint64_t d = uint64_t(int64_t(mx) - row[i]);
      if (d >= e.size() || e[d] < 0) {
        err = llvm::createStringError(std::errc::invalid_argument,
                                      "softmax: codes %lld apart, the exp table has %zu "
                                      "non-negative entries",
                                      (long long)d, e.size());
        return;
      }
      sum += e[d];
    }
    for (int64_t j = first; j < first + cols; ++j) {
      int64_t scaled = applyMultiplier(e[mx - row[j]], m);
      int64_t v = sum > 0 ? divideHalfEven(scaled, sum) : 0;
      dst[o++] = clampToRange(g.outputZeroPoint + v, g.clampLo, g.clampHi);
    }
  });
  return err;
}

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

/// floor(sqrt(w)), exactly: a floating estimate corrected in integers.
uint64_t floorSqrt(UInt128 w) {
  if (w == 0)
    return 0;
  UInt128 x = UInt128(std::sqrt(double(w)));
  if (x == 0)
    x = 1;
  x = (x + w / x) / 2; // one Newton step from the estimate
  while (x * x > w)
    --x;
  while ((x + 1) * (x + 1) <= w)
    ++x;
  return uint64_t(x);
}

/// round_half_even(n / d) for d > 0, in 128 bits.
int64_t divideHalfEven(Int128 n, Int128 d) {
  Int128 q = n / d, rem = n % d;
  if (rem < 0) {
    --q;
    rem += d;
  }
  q += (2 * rem > d) | ((2 * rem == d) & int(q & 1));
  return int64_t(std::clamp<Int128>(q, INT64_MIN / 2, INT64_MAX / 2));
}

/// Per row of L codes q: D = L q - sum q, A = L sum q^2 - (sum q)^2, r =
/// floor(sqrt(A 4^G + eps)); out = zp + round_half_even((D gamma 2^G +
/// beta r) / (r 2^Q)). gamma and beta are in units of s_out 2^-Q (the
/// multiplier and bias parameters, per column), eps = m 2^e with m the
/// multiplier after gamma's and shift = [Q, G, e] (docs/semantics.md,
/// "LayerNormalization").
llvm::Error layerNorm(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                      ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (auto err = checkInputs(g, inBoxes, out))
    return err;
  const int64_t len = g.inputShapes[0].back(), cols = out.size(out.rank() - 1);
  const int q = p.shift[0], gBits = p.shift[1], epsExp = p.shift[2];
  const int64_t epsMant = p.multiplier[len];
  if (q < 0 || q > 62 || gBits < 0 || gBits > 24 || epsMant < 0 || epsExp < 0 || epsExp > 88)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "layer_norm: shifts [%d, %d, %lld, %d] out of range", q, gBits,
                                   (long long)epsMant, epsExp);
  const UInt128 eps = UInt128(epsMant) << epsExp;
  int64_t o = 0;
  eachRow(g, ins[0], inBoxes[0], out, [&](const int32_t *row, int64_t first) {
    int64_t s1 = 0;
    Int128 s2 = 0;
    for (int64_t i = 0; i < len; ++i) {
      s1 += row[i];
      s2 += int64_t(row[i]) * row[i];
    }
    Int128 a = Int128(len) * s2 - Int128(s1) * s1; // L^2 times the variance, >= 0
    uint64_t r = floorSqrt((UInt128(a) << (2 * gBits)) + eps);
    for (int64_t j = first; j < first + cols; ++j) {
      int64_t v;
      if (r == 0) {
        v = roundingShiftRightHalfEven(p.foldedBias[j], q);
      } else {
        Int128 d = Int128(len) * row[j] - s1;
        // A product, not a shift: a negative value shifted left is undefined in C++17.
        Int128 num =
            d * p.multiplier[j] * (Int128(1) << gBits) + Int128(p.foldedBias[j]) * Int128(r);
        v = divideHalfEven(num, Int128(r) << q);
      }
      dst[o++] = clampToRange(g.outputZeroPoint + v, g.clampLo, g.clampHi);
    }
  });
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// What each kind's arithmetic relies on: a geometry that is consistent in
// itself, and at least the parameters it reads. Artifacts come from
// anywhere, so the executor checks both before running a tile.
//===----------------------------------------------------------------------===//

llvm::Error badGeometry(const LayerGeometry &g, const llvm::Twine &what) {
  return llvm::createStringError(std::errc::invalid_argument, "%s geometry: %s", g.kind->name,
                                 what.str().c_str());
}

/// Checks shared by every kind: `inputs` operands (0: any number >= 1), a
/// zero point each, ranks up to 8, no negative dimension, bounded sizes.
llvm::Error verifyCommon(const LayerGeometry &g, size_t inputs) {
  if (inputs ? g.inputShapes.size() != inputs : g.inputShapes.empty())
    return badGeometry(g, llvm::Twine(g.inputShapes.size()) + " inputs");
  if (g.inputZeroPoints.size() != g.inputShapes.size())
    return badGeometry(g, "one input zero point per input needed");
  // Stored codes have at most 16 bits, and so do the zero points of the
  // types they are read with; centred values (x - z) then stay far inside
  // the int64 products and sums the kernels form.
  for (int32_t z : g.inputZeroPoints)
    if (z < -65536 || z > 65536)
      return badGeometry(g, "input zero point " + std::to_string(z) + " out of range");
  auto shapeOk = [](ArrayRef<int64_t> s) {
    if (s.size() > 8)
      return false;
    int64_t n = 1;
    for (int64_t d : s) {
      if (d < 0 || d > (int64_t(1) << 31))
        return false;
      n *= std::max<int64_t>(d, 1);
      if (n > (int64_t(1) << 34))
        return false;
    }
    return true;
  };
  for (const auto &sh : g.inputShapes)
    if (!shapeOk(sh))
      return badGeometry(g, "input shape " + shapeText(sh) + " out of range");
  if (!shapeOk(g.outputShape) || !shapeOk(g.weightShape))
    return badGeometry(g, "output or weight shape out of range");
  if (g.clampLo > g.clampHi)
    return badGeometry(g, "clamp range is empty");
  return llvm::Error::success();
}

/// Window ops over NCHW: rank 4, positive kernel, strides and dilations,
/// padding >= 0 and below 2^20, the output's batch from the input's.
llvm::Error verifyWindow(const LayerGeometry &g) {
  const auto &in = g.inputShapes[0];
  const auto &out = g.outputShape;
  if (in.size() != 4 || out.size() != 4)
    return badGeometry(g, "input " + shapeText(in) + " and output " + shapeText(out) +
                              " must be NCHW");
  for (int d = 0; d < 2; ++d)
    if (g.kernel[d] < 1 || g.strides[d] < 1 || g.dilations[d] < 1 || g.kernel[d] > 4096 ||
        g.strides[d] > 4096 || g.dilations[d] > 4096)
      return badGeometry(g, "kernel, strides and dilations must be in [1, 4096]");
  // A window's sum stays far inside int64 when multiplied (FixedPoint.h).
  if (g.kernel[0] * g.kernel[1] > 65536)
    return badGeometry(g, "a window of more than 65536 taps");
  for (int64_t p : g.pads)
    if (p < 0 || p > (1 << 20))
      return badGeometry(g, "padding must be in [0, 2^20]");
  if (out[0] != in[0])
    return badGeometry(g, "batch " + std::to_string(out[0]) + " of " + std::to_string(in[0]));
  return llvm::Error::success();
}

llvm::Error verifyConv2d(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  if (auto err = verifyWindow(g))
    return err;
  const auto &in = g.inputShapes[0], &out = g.outputShape, &ws = g.weightShape;
  if (ws.size() != 4 || g.group < 1 || in[1] % g.group || out[1] % g.group || ws[0] != out[1] ||
      ws[1] * g.group != in[1] || ws[2] != g.kernel[0] || ws[3] != g.kernel[1])
    return badGeometry(g, "weights " + shapeText(ws) + " in " + std::to_string(g.group) +
                              " groups do not fit input " + shapeText(in) + " and output " +
                              shapeText(out));
  return llvm::Error::success();
}

llvm::Error verifyMatmul(const LayerGeometry &g) {
  const bool partial = g.inputShapes.size() == 2;
  if (auto err = verifyCommon(g, partial ? 2 : 1))
    return err;
  const auto &in = g.inputShapes[0], &out = g.outputShape, &ws = g.weightShape;
  const size_t r = in.size();
  // A split reduction's part reads K' columns from reductionOffset on.
  if (r < 2 || out.size() != r || ws.size() < 2 || g.reductionOffset < 0 ||
      g.reductionOffset > in.back() || ws[ws.size() - 2] > in.back() - g.reductionOffset ||
      out.back() != ws.back() || !std::equal(in.begin(), in.end() - 1, out.begin()))
    return badGeometry(g, "input " + shapeText(in) + " times weights " + shapeText(ws) +
                              (g.reductionOffset ? " from column " + std::to_string(g.reductionOffset)
                                                 : std::string()) +
                              " is not output " + shapeText(out));
  if (partial && (g.inputShapes[1] != out || g.inputZeroPoints[1] != 0 || ws.size() > 2))
    return badGeometry(g, "partial sums " + shapeText(g.inputShapes[1]) +
                              " must be the output's shape " + shapeText(out) +
                              ", zero point 0, with one weight matrix");
  if (ws.size() > 2) { // batched weights: one matrix per batch of the output
    int64_t batches = 1, wBatches = 1;
    for (size_t d = 0; d + 2 < r; ++d)
      batches *= out[d];
    for (size_t d = 0; d + 2 < ws.size(); ++d)
      wBatches *= ws[d];
    if (batches != wBatches)
      return badGeometry(g, "weights " + shapeText(ws) + " do not batch like output " +
                                shapeText(out));
  }
  return llvm::Error::success();
}

llvm::Error verifyPool(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  if (auto err = verifyWindow(g))
    return err;
  if (g.outputShape[1] != g.inputShapes[0][1])
    return badGeometry(g, "output channels differ from the input's");
  return llvm::Error::success();
}

llvm::Error verifyBroadcast(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 2))
    return err;
  const auto &out = g.outputShape;
  for (const auto &s : g.inputShapes) {
    if (s.size() > out.size())
      return badGeometry(g, "input " + shapeText(s) + " has more dimensions than the output");
    size_t off = out.size() - s.size();
    for (size_t d = 0; d < s.size(); ++d)
      if (s[d] != 1 && s[d] != out[off + d])
        return badGeometry(g, "input " + shapeText(s) + " does not broadcast to " +
                                  shapeText(out));
  }
  return llvm::Error::success();
}

llvm::Error verifySameShape(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  if (g.inputShapes[0] != g.outputShape)
    return badGeometry(g, "input " + shapeText(g.inputShapes[0]) + " and output " +
                              shapeText(g.outputShape) + " differ");
  return llvm::Error::success();
}

llvm::Error verifyTable(const LayerGeometry &g) {
  if (auto err = verifySameShape(g))
    return err;
  if (g.axis < 0 || (g.axis > 0 && g.axis >= int64_t(g.outputShape.size())))
    return badGeometry(g, "channel axis " + std::to_string(g.axis) + " of rank " +
                              std::to_string(g.outputShape.size()) +
                              " (0: one table for every channel)");
  return llvm::Error::success();
}

llvm::Error verifyGather(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  const auto &ws = g.weightShape;
  std::vector<int64_t> expect = g.inputShapes[0];
  if (ws.size() == 2)
    expect.push_back(ws[1]);
  if (ws.size() != 2 || ws[0] < 1 || expect != g.outputShape)
    return badGeometry(g, "table " + shapeText(ws) + " gathered by indices " +
                              shapeText(g.inputShapes[0]) + " is not output " +
                              shapeText(g.outputShape));
  return llvm::Error::success();
}

llvm::Error verifyConcat(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 0))
    return err;
  const auto &out = g.outputShape;
  if (g.axis < 0 || g.axis >= int64_t(out.size()))
    return badGeometry(g, "axis " + std::to_string(g.axis) + " of rank " +
                              std::to_string(out.size()));
  int64_t along = 0;
  for (const auto &s : g.inputShapes) {
    if (s.size() != out.size())
      return badGeometry(g, "input " + shapeText(s) + " and output differ in rank");
    for (size_t d = 0; d < s.size(); ++d)
      if (int64_t(d) != g.axis && s[d] != out[d])
        return badGeometry(g, "input " + shapeText(s) + " does not fit output " + shapeText(out));
    along += s[g.axis];
  }
  if (along != out[g.axis])
    return badGeometry(g, "inputs add up to " + std::to_string(along) + " along the axis, not " +
                              std::to_string(out[g.axis]));
  return llvm::Error::success();
}

llvm::Error verifyTranspose(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  const auto &in = g.inputShapes[0];
  const size_t r = g.outputShape.size();
  std::vector<bool> seen(r, false);
  if (g.perm.size() != r || in.size() != r)
    return badGeometry(g, "perm " + shapeText(g.perm) + " does not permute rank " +
                              std::to_string(r));
  for (size_t d = 0; d < r; ++d) {
    int64_t p = g.perm[d];
    if (p < 0 || p >= int64_t(r) || seen[p] || g.outputShape[d] != in[p])
      return badGeometry(g, "perm " + shapeText(g.perm) + " does not permute " + shapeText(in) +
                                " into " + shapeText(g.outputShape));
    seen[p] = true;
  }
  return llvm::Error::success();
}

llvm::Error verifySlice(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  const auto &in = g.inputShapes[0], &out = g.outputShape;
  const size_t r = out.size();
  if (in.size() != r || g.sliceStarts.size() != r || g.sliceSteps.size() != r)
    return badGeometry(g, "input " + shapeText(in) + ", output " + shapeText(out) + ", starts " +
                              shapeText(g.sliceStarts) + " and steps " +
                              shapeText(g.sliceSteps) + " differ in rank");
  for (size_t d = 0; d < r; ++d) {
    int64_t start = g.sliceStarts[d], step = g.sliceSteps[d];
    // Bounded first: the last index read is computed without overflow.
    if (step < 1 || step > in[d] + 1 || start < 0 || start > in[d] ||
        (out[d] > 0 && (out[d] > in[d] || start + step * (out[d] - 1) >= in[d])))
      return badGeometry(g, "dimension " + std::to_string(d) + ": " + std::to_string(out[d]) +
                                " elements from " + std::to_string(start) + " in steps of " +
                                std::to_string(step) + " leave the input's " +
                                std::to_string(in[d]));
  }
  return llvm::Error::success();
}

llvm::Error verifyPad(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  const auto &in = g.inputShapes[0], &out = g.outputShape;
  const size_t r = out.size();
  if (in.size() != r || g.sliceStarts.size() != r)
    return badGeometry(g, "input " + shapeText(in) + ", output " + shapeText(out) +
                              " and begins " + shapeText(g.sliceStarts) + " differ in rank");
  for (size_t d = 0; d < r; ++d) {
    // Bounded before it is negated: a hostile INT64_MIN must not overflow.
    int64_t begin = g.sliceStarts[d] <= 0 && g.sliceStarts[d] >= -out[d] ? -g.sliceStarts[d] : -1;
    if (begin < 0 || out[d] - begin < in[d])
      return badGeometry(g, "dimension " + std::to_string(d) + ": " + std::to_string(in[d]) +
                                " elements after " + std::to_string(begin) +
                                " of padding do not fit the output's " + std::to_string(out[d]));
  }
  return llvm::Error::success();
}

llvm::Error verifyResize(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  const auto &in = g.inputShapes[0], &out = g.outputShape;
  if (in.size() != 4 || out.size() != 4 || g.strides[0] < 1 || g.strides[1] < 1 ||
      out[0] != in[0] || out[1] != in[1] || out[2] != in[2] * g.strides[0] ||
      out[3] != in[3] * g.strides[1])
    return badGeometry(g, "input " + shapeText(in) + " upsampled by " +
                              shapeText({g.strides[0], g.strides[1]}) + " is not output " +
                              shapeText(out));
  return llvm::Error::success();
}

llvm::Error verifyBatchMatmul(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 2))
    return err;
  const auto &a = g.inputShapes[0], &b = g.inputShapes[1], &out = g.outputShape;
  const size_t r = a.size();
  if (r < 2 || b.size() != r || out.size() != r || b[r - 2] != a[r - 1] ||
      out[r - 2] != a[r - 2] || out[r - 1] != b[r - 1] ||
      !std::equal(a.begin(), a.end() - 2, b.begin()) ||
      !std::equal(a.begin(), a.end() - 2, out.begin()))
    return badGeometry(g, "input " + shapeText(a) + " times input " + shapeText(b) +
                              " is not output " + shapeText(out));
  // The accumulators stay inside int64 (verifyCommon bounds the codes).
  if (a.back() > (int64_t(1) << 24))
    return badGeometry(g, "a reduction over more than 2^24 terms");
  return llvm::Error::success();
}

/// resize_linear: NCHW in and out of the same batch and channels; per
/// spatial dimension a coordinate step and offset and a denominator in
/// [1, 2^16] whose square times a code stays inside int64.
llvm::Error verifyResizeLinear(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  const auto &in = g.inputShapes[0], &out = g.outputShape;
  if (in.size() != 4 || out.size() != 4 || in[0] != out[0] || in[1] != out[1] ||
      g.sliceSteps.size() != 2 || g.sliceStarts.size() != 2)
    return badGeometry(g, "input " + shapeText(in) + " and output " + shapeText(out) +
                              " must be NCHW of one batch and channel count, with two "
                              "coordinate steps and offsets");
  for (int d = 0; d < 2; ++d)
    if (in[2 + d] < 1 || g.kernel[d] < 1 || g.kernel[d] > 65536 || g.sliceSteps[d] < 0 ||
        g.sliceSteps[d] > (int64_t(1) << 20) || std::abs(g.sliceStarts[d]) > (int64_t(1) << 20))
      return badGeometry(g, "coordinates of dimension " + std::to_string(2 + d) +
                                " out of range");
  return llvm::Error::success();
}

/// reduce_sum and reduce_max: the output is the input with some dimensions
/// 1, and one output element reduces at most 2^24 input elements.
llvm::Error verifyReduce(const LayerGeometry &g) {
  if (auto err = verifyCommon(g, 1))
    return err;
  const auto &in = g.inputShapes[0], &out = g.outputShape;
  bool ok = in.size() == out.size();
  for (size_t d = 0; ok && d < in.size(); ++d)
    ok = out[d] == in[d] || (out[d] == 1 && in[d] >= 1);
  if (!ok)
    return badGeometry(g, "output " + shapeText(out) + " is not input " + shapeText(in) +
                              " with some dimensions reduced to 1");
  if (reducedCount(g) > (int64_t(1) << 24))
    return badGeometry(g, "one output element reduces more than 2^24 elements");
  return llvm::Error::success();
}

/// softmax and layer_norm: same shapes, rows of at most 2^20.
llvm::Error verifyRows(const LayerGeometry &g) {
  if (auto err = verifySameShape(g))
    return err;
  if (g.outputShape.empty() || g.outputShape.back() < 1 ||
      g.outputShape.back() > (int64_t(1) << 20))
    return badGeometry(g, "rows of " + shapeText(g.outputShape) + " must hold 1 to 2^20 elements");
  return llvm::Error::success();
}

/// What compute reads of the parameters for `out`, at least.
ParamCounts conv2dNeeds(const LayerGeometry &g, const Box &out) {
  int64_t n = out.size(1), q = g.quantizedOutput ? n : 0;
  return {n * g.weightShape[1] * g.weightShape[2] * g.weightShape[3], n, q, q};
}
ParamCounts matmulNeeds(const LayerGeometry &g, const Box &out) {
  const auto &ws = g.weightShape;
  int64_t k = ws[ws.size() - 2], n = out.size(out.rank() - 1), q = g.quantizedOutput ? n : 0;
  int64_t batches = 1;
  for (size_t d = 0; d + 2 < ws.size(); ++d)
    batches *= ws[d];
  return {batches * k * n, batches * n, q, q};
}
ParamCounts addNeeds(const LayerGeometry &, const Box &) { return {0, 0, 2, 1}; }
ParamCounts oneMultiplier(const LayerGeometry &, const Box &) { return {0, 0, 1, 1}; }
ParamCounts avgPoolNeeds(const LayerGeometry &g, const Box &) {
  return {0, 0, g.kernel[0] * g.kernel[1], g.kernel[0] * g.kernel[1]};
}
ParamCounts noParams(const LayerGeometry &, const Box &) { return {}; }
ParamCounts tableNeeds(const LayerGeometry &g, const Box &out) {
  return {0, g.axis > 0 ? std::max<int64_t>(out.size(g.axis), 1) : 1, 0, 0};
}
ParamCounts softmaxNeeds(const LayerGeometry &, const Box &) { return {0, 1, 1, 1}; }
ParamCounts gatherNeeds(const LayerGeometry &g, const Box &out) {
  return {g.weightShape[0] * out.size(out.rank() - 1), 0, 0, 0};
}
ParamCounts layerNormNeeds(const LayerGeometry &g, const Box &) {
  const int64_t len = g.outputShape.back();
  return {0, len, len + 1, 3};
}

//--- conv2d_add: conv2d and the residual add after it, in one tile ------===//

/// The convolution of a conv2d_add alone: its first input, its own zero
/// point and clamp bounds. (In this thread's copy, kept: a tile's run
/// allocates nothing once its sizes were seen.)
const LayerGeometry &convPart(const LayerGeometry &g) {
  static const KernelInfo *const conv2dKind = findKernel("conv2d"); // (not per tile run)
  thread_local LayerGeometry c;
  c = g;
  c.kind = conv2dKind;
  c.inputShapes.resize(1);
  c.inputZeroPoints.resize(1);
  if (g.residualAdd) {
    c.outputZeroPoint = g.residualAdd->convZeroPoint;
    c.clampLo = g.residualAdd->convClampLo;
    c.clampHi = g.residualAdd->convClampHi;
  }
  c.residualAdd.reset();
  return c;
}

/// The add of a conv2d_add alone, on byte-stored operands of the output's
/// shape in the add's operand order (this thread's copy, kept).
const LayerGeometry &addPart(const LayerGeometry &g) {
  static const KernelInfo *const addKind = findKernel("add");
  thread_local LayerGeometry a;
  const LayerGeometry::ResidualAdd &r = *g.residualAdd;
  a.kind = addKind;
  a.outputShape = g.outputShape;
  a.inputShapes.assign(2, g.outputShape);
  a.inputZeroPoints.assign(2, r.convZeroPoint);
  a.inputZeroPoints[1 - r.convOperand] = g.inputZeroPoints[1];
  a.outputZeroPoint = g.outputZeroPoint;
  a.clampLo = g.clampLo;
  a.clampHi = g.clampHi;
  a.quantizedOutput = true;
  return a;
}

std::vector<Box> conv2dAddInputs(const LayerGeometry &g, const Box &out) {
  std::vector<Box> boxes = conv2dInputs(g, out);
  boxes.push_back(out); // the residual, element for element
  return boxes;
}

/// The add, in place: `dst` holds the convolution's results over `out`,
/// `res` the residual over `resBox` (which holds `out`). The `add` kind's
/// rows (addRows, vectorized): one rounding of both rescaled operands.
llvm::Error residualEpilogue(const LayerGeometry &g, const int32_t *res, const Box &resBox,
                             const Box &out, int32_t *dst) {
  if (!resBox.contains(out))
    return outsideInput(g, out, resBox);
  const LayerGeometry::ResidualAdd r = *g.residualAdd;
  const int32_t zc = r.convZeroPoint, zr = g.inputZeroPoints[1];
  const int32_t mc = r.multiplier[r.convOperand], mr = r.multiplier[1 - r.convOperand];
  const int32_t zo = g.outputZeroPoint, lo = g.clampLo, hi = g.clampHi;
  const int32_t shift = r.shift;
  // (addRows writes each element after reading it: in place is safe.)
  auto apply = [&](int32_t *d, const int32_t *x, int64_t n) {
    addRows(d, x, n, zc, zr, mc, mr, shift, zo, lo, hi, d);
  };
  const int64_t n = out.numel();
  if (resBox == out) {
    parallelRows(n, n * kElementWork,
                 [&](int64_t a, int64_t b) { apply(dst + a, res + a, b - a); });
    return llvm::Error::success();
  }
  // A larger residual box: row by row along the last dimension.
  const int64_t rank = int64_t(out.rank()), len = out.size(rank - 1);
  auto st = boxStrides(resBox);
  std::vector<int64_t> idx(out.lo.begin(), out.lo.end());
  for (int64_t o = 0; o < n; o += len) {
    int64_t at = 0;
    for (int64_t d = 0; d < rank; ++d)
      at += (idx[d] - resBox.lo[d]) * st[d];
    apply(dst + o, res + at, len);
    for (int64_t d = rank - 2; d >= 0; --d) {
      if (++idx[d] < out.hi[d])
        break;
      idx[d] = out.lo[d];
    }
  }
  return llvm::Error::success();
}

llvm::Error conv2dAdd(const LayerGeometry &g, const LayerParams &p, ArrayRef<const int32_t *> ins,
                      ArrayRef<Box> inBoxes, const Box &out, int32_t *dst) {
  if (!g.residualAdd || ins.size() != 2 || inBoxes.size() != 2)
    return badGeometry(g, "conv2d_add needs its input, its residual and its add");
  if (auto err = conv2d(convPart(g), p, ins.take_front(1), inBoxes.take_front(1), out, dst))
    return err;
  return residualEpilogue(g, ins[1], inBoxes[1], out, dst);
}

/// The convolution on its stored-bytes path where that applies, then the
/// add. Where the executor takes bytes out and the convolution's codes fit
/// a byte, bytes to bytes as the two layers would run: the convolution
/// writes its codes, the add kind's stored path (addStored) adds the
/// residual's. Else the add on int32 values, the residual converted (this
/// thread's scratch, kept).
bool conv2dAddStored(const LayerGeometry &g, const LayerParams &p, ArrayRef<StoredOperand> ins,
                     ArrayRef<Box> inBoxes, const Box &out, int32_t *dst, StoredResult *result) {
  if (!g.residualAdd || ins.size() != 2 || inBoxes.size() != 2 || !inBoxes[1].contains(out))
    return false;
  const LayerGeometry::ResidualAdd &r = *g.residualAdd;
  const ElemKind convKind = r.convClampLo >= 0 && r.convClampHi <= 255     ? ElemKind::U8
                            : r.convClampLo >= -128 && r.convClampHi <= 127 ? ElemKind::I8
                                                                            : ElemKind::I32;
  const bool bytes = result && elemBytes(result->kind) == 1 && elemBytes(ins[1].kind) == 1 &&
                     elemBytes(convKind) == 1 && inBoxes[1] == out;
  thread_local std::vector<uint8_t> convBytes;
  StoredResult convOut{nullptr, convKind};
  if (bytes) {
    if (int64_t(convBytes.size()) < out.numel())
      convBytes.resize(out.numel());
    convOut.bytes = convBytes.data();
  }
  if (!conv2dStored(convPart(g), p, ins.take_front(1), inBoxes.take_front(1), out, dst,
                    bytes ? &convOut : nullptr))
    return false;
  if (convOut.written) {
    const StoredOperand conv{convBytes.data(), convKind};
    const StoredOperand ops[2] = {r.convOperand == 0 ? conv : ins[1],
                                  r.convOperand == 0 ? ins[1] : conv};
    const int32_t mult[2] = {r.multiplier[0], r.multiplier[1]}, shift[1] = {r.shift};
    const LayerParams addParams{{}, {}, mult, shift};
    const Box boxes[2] = {out, out};
    if (addStored(addPart(g), addParams, ops, boxes, out, dst, result))
      return true;
    loadElems(convKind, convBytes.data(), out.numel(), dst); // (byte operands: not reached)
  }
  thread_local std::vector<int32_t> residual;
  const int64_t n = inBoxes[1].numel();
  if (int64_t(residual.size()) < n)
    residual.resize(n);
  loadElems(ins[1].kind, ins[1].bytes, n, residual.data());
  llvm::cantFail(residualEpilogue(g, residual.data(), inBoxes[1], out, dst));
  return true;
}

llvm::Error verifyConv2dAdd(const LayerGeometry &g) {
  if (!g.residualAdd || !g.quantizedOutput)
    return badGeometry(g, "conv2d_add without its residual add");
  if (auto err = verifyCommon(g, 2))
    return err;
  if (g.inputShapes[1] != g.outputShape)
    return badGeometry(g, "residual " + shapeText(g.inputShapes[1]) + " is not output " +
                              shapeText(g.outputShape));
  const LayerGeometry::ResidualAdd &r = *g.residualAdd;
  if (r.convOperand != 0 && r.convOperand != 1)
    return badGeometry(g, "the convolution must be operand 0 or 1 of the add");
  // Stored codes have at most 16 bits (verifyCommon): so do the bounds, and
  // the add's int64 sum cannot overflow whatever the multipliers.
  auto small = [](int32_t v) { return v >= -65536 && v <= 65536; };
  if (r.shift < 0 || r.shift > 62 || r.convClampLo > r.convClampHi || !small(r.convZeroPoint) ||
      !small(r.convClampLo) || !small(r.convClampHi))
    return badGeometry(g, "residual add parameters out of range");
  return verifyConv2d(convPart(g));
}

/// Every kind, by its artifact id. The ids are part of the artifact format
/// (docs/artifact.md): a new kind takes the next one, none is ever reused.
const KernelInfo kKernels[] = {
    // id name        MAC    channel dim       input boxes      weight count       weight slice   work             compute      verify           needs
    {1, "conv2d",    true,  conv2dChannelDim, conv2dInputs,    conv2dWeightCount, conv2dWeights, conv2dWork,      conv2d,      verifyConv2d,    conv2dNeeds, conv2dStored, conv2dBlocks},
    {2, "matmul",    true,  matmulChannelDim, matmulInputs,    matmulWeightCount, matmulWeights, matmulWork,      matmul,      verifyMatmul,    matmulNeeds, nullptr, matmulBlocks},
    {3, "add",       false, perLayerParams,   broadcastInputs, noWeights,         noWeightSlice, oneOpPerElement, add,         verifyBroadcast, addNeeds, addStored},
    {4, "avg_pool",  false, perLayerParams,   poolInputs,      noWeights,         noWeightSlice, poolWork,        pool<false>, verifyPool,      avgPoolNeeds},
    {5, "max_pool",  false, perLayerParams,   poolInputs,      noWeights,         noWeightSlice, poolWork,        pool<true>,  verifyPool,      noParams, maxPoolStored},
    {6, "rescale",   false, perLayerParams,   sameBox,         noWeights,         noWeightSlice, oneOpPerElement, rescale,     verifySameShape, oneMultiplier},
    {7, "concat",    false, perLayerParams,   concatInputs,    noWeights,         noWeightSlice, oneOpPerElement, concat,      verifyConcat,    noParams},
    {8, "transpose", false, perLayerParams,   transposeInputs, noWeights,         noWeightSlice, oneOpPerElement, transpose,   verifyTranspose, noParams},
    {9, "table",     false, tableChannelDim,  sameBox,         noWeights,         noWeightSlice, oneOpPerElement, table,       verifyTable,     tableNeeds},
    {10, "mul",      false, perLayerParams,   broadcastInputs, noWeights,         noWeightSlice, oneOpPerElement, mul,         verifyBroadcast, oneMultiplier},
    {11, "resize",   false, perLayerParams,   resizeInputs,    noWeights,         noWeightSlice, oneOpPerElement, resize,      verifyResize,    noParams},
    {12, "slice",    false, perLayerParams,   sliceInputs,     noWeights,         noWeightSlice, oneOpPerElement, slice,       verifySlice,     noParams},
    {13, "pad",      false, perLayerParams,   padInputs,       noWeights,         noWeightSlice, oneOpPerElement, pad,         verifyPad,       noParams},
    {14, "batch_matmul", true, perLayerParams, batchMatmulInputs, noWeights,       noWeightSlice, batchMatmulWork, batchMatmul, verifyBatchMatmul, oneMultiplier, nullptr, matmulBlocks},
    {15, "softmax",  false, perLayerParams,   lastAxisInputs,  noWeights,         noWeightSlice, lastAxisWork,    softmax,     verifyRows,      softmaxNeeds},
    {16, "layer_norm", false, perLayerParams, lastAxisInputs,  noWeights,         noWeightSlice, lastAxisWork,    layerNorm,   verifyRows,      layerNormNeeds},
    {19, "resize_linear", false, perLayerParams, resizeLinearInputs, noWeights,     noWeightSlice, fourTaps,        resizeLinear, verifyResizeLinear, oneMultiplier},
    {17, "reduce_sum", false, perLayerParams, reduceInputs,    noWeights,         noWeightSlice, reduceWork,      reduce<false>, verifyReduce,  oneMultiplier},
    {18, "reduce_max", false, perLayerParams, reduceInputs,    noWeights,         noWeightSlice, reduceWork,      reduce<true>,  verifyReduce,  oneMultiplier},
    {20, "gather",   false, matmulChannelDim, gatherInputs,    matmulWeightCount, matmulWeights, oneOpPerElement, gather,      verifyGather,    gatherNeeds},
    {21, "conv2d_add", true, conv2dChannelDim, conv2dAddInputs, conv2dWeightCount, conv2dWeights, conv2dWork,    conv2dAdd,   verifyConv2dAdd, conv2dNeeds, conv2dAddStored, conv2dBlocks, oneOpPerElement},
};

} // namespace

//===----------------------------------------------------------------------===//
// Looking kinds up, and the questions every kind answers
//===----------------------------------------------------------------------===//

ArrayRef<KernelInfo> kernels::allKernels() { return kKernels; }

const KernelInfo *kernels::findKernel(int64_t id) {
  for (const KernelInfo &k : kKernels)
    if (k.id == id)
      return &k;
  return nullptr;
}

const KernelInfo *kernels::findKernel(llvm::StringRef name) {
  for (const KernelInfo &k : kKernels)
    if (name == k.name)
      return &k;
  return nullptr;
}

int64_t kernels::channelDim(const LayerGeometry &g) { return g.kind->channelDim(g); }

std::pair<int64_t, int64_t> kernels::splitDims(size_t rank) {
  if (rank == 4)
    return {1, 2};
  if (rank >= 2)
    return {int64_t(rank) - 1, int64_t(rank) - 2};
  return {0, -1};
}

bool kernels::sameParamSlice(const LayerGeometry &g, const Box &a, const Box &b) {
  if (!isMacLayer(g.kind) || a.rank() != b.rank() || a.rank() != g.outputShape.size())
    return false;
  const int64_t rows = splitDims(a.rank()).second;
  if (rows < 0 || rows == channelDim(g))
    return a == b;
  for (size_t d = 0; d < a.rank(); ++d)
    if (int64_t(d) != rows && (a.lo[d] != b.lo[d] || a.hi[d] != b.hi[d]))
      return false;
  return true;
}

std::string kernels::streamedParamsProblem(const LayerGeometry &g, llvm::ArrayRef<Box> boxes,
                                           size_t t,
                                           llvm::function_ref<int64_t(size_t)> paramsFrom,
                                           llvm::function_ref<bool(size_t, size_t)> sameLayout) {
  const int64_t k = paramsFrom(t);
  const std::string from = "tile " + std::to_string(t) + " streams its parameters from tile " +
                           std::to_string(k);
  if (k < 0 || k >= int64_t(boxes.size()))
    return from + ", which the layer does not have";
  if (k == int64_t(t))
    return from + ", itself";
  if (paramsFrom(size_t(k)) >= 0)
    return from + ", which streams its own";
  const std::string of = "tile " + std::to_string(t) + " streams the parameters of tile " +
                         std::to_string(k);
  if (!sameParamSlice(g, boxes[t], boxes[size_t(k)]))
    return of + ", which are not its own slice (a MAC layer's tiles that differ in rows only "
                "share one)";
  if (sameLayout && !sameLayout(t, size_t(k)))
    return of + ", whose parameter layout differs from its own";
  return "";
}

std::vector<Box> kernels::requiredInputBoxes(const LayerGeometry &g, const Box &out) {
  return g.kind->inputBoxes(g, out);
}

std::vector<int32_t> kernels::sliceWeights(const LayerGeometry &g, ArrayRef<int32_t> w,
                                           const Box &out) {
  return g.kind->sliceWeights(g, w, out);
}

std::vector<int32_t> kernels::sliceChannelParam(const LayerGeometry &g,
                                                ArrayRef<int32_t> full,
                                                const Box &out, bool isBias) {
  int64_t cd = channelDim(g);
  if (cd < 0 || full.empty()) // per-layer values, or none (an i32 result)
    return std::vector<int32_t>(full.begin(), full.end());
  int64_t lo = out.lo[cd], hi = out.hi[cd], n = g.outputShape[cd];
  std::vector<int32_t> s;
  int64_t blocks = isBias ? int64_t(full.size()) / n : 1;
  for (int64_t b = 0; b < blocks; ++b)
    s.insert(s.end(), full.begin() + b * n + lo, full.begin() + b * n + hi);
  return s;
}

ParamCounts kernels::sliceCounts(const LayerGeometry &g, int64_t fullWeights,
                                 int64_t fullBias, int64_t fullMult, int64_t fullShift,
                                 const Box &out) {
  ParamCounts c;
  c.weights = g.kind->weightCount(g, fullWeights, out);
  int64_t cd = channelDim(g);
  auto channel = [&](int64_t full, bool isBias) {
    if (cd < 0 || full == 0)
      return full;
    int64_t n = g.outputShape[cd];
    return (isBias ? full / n : 1) * out.size(cd);
  };
  c.bias = channel(fullBias, true);
  c.mult = channel(fullMult, false);
  c.shift = channel(fullShift, false);
  return c;
}

int64_t kernels::workFor(const LayerGeometry &g, const Box &out) { return g.kind->work(g, out); }

llvm::SmallVector<MacBlock, 4> kernels::macBlocksFor(const LayerGeometry &g, const Box &out) {
  llvm::SmallVector<MacBlock, 4> blocks;
  if (g.kind->macBlocks)
    g.kind->macBlocks(g, out, blocks);
  return blocks;
}

/// What `compute` and `computeStored` check before a kernel runs: operand
/// counts and ranks, the output box, the parameters the kernel reads.
static llvm::Error checkCall(const LayerGeometry &g, const LayerParams &p, size_t numInputs,
                             ArrayRef<Box> inBoxes, const Box &out) {
  if (numInputs != g.inputShapes.size() || inBoxes.size() != numInputs)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s expects %zu inputs, got %zu", g.kind->name,
                                   g.inputShapes.size(), numInputs);
  if (out.rank() != g.outputShape.size() || !Box::full(g.outputShape).contains(out))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s output box %s lies outside the output %s", g.kind->name,
                                   out.str().c_str(), Box::full(g.outputShape).str().c_str());
  for (size_t i = 0; i < inBoxes.size(); ++i)
    if (inBoxes[i].rank() != g.inputShapes[i].size())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s input %zu box %s has the wrong rank", g.kind->name, i,
                                     inBoxes[i].str().c_str());
  if (out.empty())
    return llvm::Error::success();
  ParamCounts need = g.kind->needs(g, out);
  if (int64_t(p.weights.size()) < need.weights || int64_t(p.foldedBias.size()) < need.bias ||
      int64_t(p.multiplier.size()) < need.mult || int64_t(p.shift.size()) < need.shift)
    return llvm::createStringError(
        std::errc::invalid_argument,
        "%s over %s needs %lld weights, %lld biases, %lld multipliers and %lld shifts; the "
        "tile has %zu, %zu, %zu and %zu",
        g.kind->name, out.str().c_str(), (long long)need.weights, (long long)need.bias,
        (long long)need.mult, (long long)need.shift, p.weights.size(), p.foldedBias.size(),
        p.multiplier.size(), p.shift.size());
  return llvm::Error::success();
}

llvm::Error kernels::compute(const LayerGeometry &g, const LayerParams &p,
                             ArrayRef<const int32_t *> ins, ArrayRef<Box> inBoxes,
                             const Box &out, int32_t *dst) {
  if (auto err = checkCall(g, p, ins.size(), inBoxes, out))
    return err;
  if (out.empty())
    return llvm::Error::success();
  return g.kind->compute(g, p, ins, inBoxes, out, dst);
}

llvm::Error kernels::computeStored(const LayerGeometry &g, const LayerParams &p,
                                   ArrayRef<StoredOperand> ins, ArrayRef<Box> inBoxes,
                                   const Box &out, int32_t *dst, StoredResult *result) {
  if (auto err = checkCall(g, p, ins.size(), inBoxes, out))
    return err;
  if (out.empty())
    return llvm::Error::success();
  if (g.kind->computeStored && g.kind->computeStored(g, p, ins, inBoxes, out, dst, result))
    return llvm::Error::success();
  // Per-thread int32 copies, kept: no allocation per tile in steady state.
  thread_local std::vector<std::vector<int32_t>> values;
  std::vector<std::vector<int32_t>> &vals = values; // this thread's: the chunks run on others
  if (vals.size() < ins.size())
    vals.resize(ins.size());
  llvm::SmallVector<const int32_t *, 4> ptrs;
  for (size_t i = 0; i < ins.size(); ++i) {
    const int64_t n = inBoxes[i].numel();
    if (int64_t(vals[i].size()) < n)
      vals[i].resize(n);
    const uint8_t *src = ins[i].bytes;
    const ElemKind kind = ins[i].kind;
    const int64_t eb = elemBytes(kind);
    int32_t *to = vals[i].data();
    parallelRows(n, n * kElementWork, [&](int64_t lo, int64_t hi) {
      loadElems(kind, src + lo * eb, hi - lo, to + lo);
    });
    ptrs.push_back(to);
  }
  return g.kind->compute(g, p, ptrs, inBoxes, out, dst);
}

llvm::Error kernels::verifyGeometry(const LayerGeometry &g) {
  if (!g.kind)
    return llvm::createStringError(std::errc::invalid_argument, "layer of no kind");
  if (g.residualAdd && g.kind->verify != verifyConv2dAdd)
    return badGeometry(g, "only conv2d_add has a residual add");
  return g.kind->verify(g);
}
