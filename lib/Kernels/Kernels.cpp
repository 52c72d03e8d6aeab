//===- Kernels.cpp - the integer compute kernels --------------------------===//
#include "npc/Kernels/Kernels.h"
#include "npc/Support/FixedPoint.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

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

int64_t Box::numel() const {
  int64_t n = 1;
  for (size_t d = 0; d < rank(); ++d)
    n *= std::max<int64_t>(0, size(d));
  return n;
}

bool Box::empty() const { return numel() == 0; }

bool Box::contains(const Box &o) const {
  if (o.empty())
    return true;
  for (size_t d = 0; d < rank(); ++d)
    if (o.lo[d] < lo[d] || o.hi[d] > hi[d])
      return false;
  return true;
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

const char *kernels::layerKindName(LayerKind k) {
  switch (k) {
  case LayerKind::Conv2d: return "conv2d";
  case LayerKind::MatMul: return "matmul";
  case LayerKind::Add: return "add";
  case LayerKind::AvgPool: return "avg_pool";
  case LayerKind::MaxPool: return "max_pool";
  case LayerKind::Rescale: return "rescale";
  case LayerKind::Concat: return "concat";
  case LayerKind::Transpose: return "transpose";
  }
  return "?";
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
// Geometry
//===----------------------------------------------------------------------===//

int64_t kernels::channelDim(const LayerGeometry &g) {
  switch (g.kind) {
  case LayerKind::Conv2d: return 1;
  case LayerKind::MatMul: return int64_t(g.outputShape.size()) - 1;
  default: return -1;
  }
}

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

std::vector<Box> kernels::requiredInputBoxes(const LayerGeometry &g, const Box &out) {
  std::vector<Box> boxes;
  switch (g.kind) {
  case LayerKind::Conv2d:
  case LayerKind::AvgPool:
  case LayerKind::MaxPool: {
    const auto &in = g.inputShapes[0];
    Box b = Box::full(in);
    b.lo[0] = out.lo[0];
    b.hi[0] = out.hi[0];
    if (g.kind == LayerKind::Conv2d) {
      int64_t ocpg = g.outputShape[1] / g.group, icpg = in[1] / g.group;
      b.lo[1] = (out.lo[1] / ocpg) * icpg;
      b.hi[1] = out.hi[1] > out.lo[1] ? ((out.hi[1] - 1) / ocpg + 1) * icpg : b.lo[1];
    } else {
      b.lo[1] = out.lo[1];
      b.hi[1] = out.hi[1];
    }
    for (int d = 0; d < 2; ++d)
      std::tie(b.lo[2 + d], b.hi[2 + d]) =
          windowRange(g, d, out.lo[2 + d], out.hi[2 + d], in[2 + d]);
    boxes.push_back(b);
    break;
  }
  case LayerKind::MatMul: {
    Box b = out;
    b.lo.back() = 0;
    b.hi.back() = g.inputShapes[0].back();
    boxes.push_back(b);
    break;
  }
  case LayerKind::Add:
    for (const auto &s : g.inputShapes) {
      Box b = Box::full(s);
      size_t off = out.rank() - s.size();
      for (size_t d = 0; d < s.size(); ++d)
        if (s[d] != 1) {
          b.lo[d] = out.lo[off + d];
          b.hi[d] = out.hi[off + d];
        }
      boxes.push_back(b);
    }
    break;
  case LayerKind::Rescale:
    boxes.push_back(out);
    break;
  case LayerKind::Concat: {
    int64_t offset = 0;
    for (const auto &s : g.inputShapes) {
      Box b = out;
      b.lo[g.axis] = std::clamp<int64_t>(out.lo[g.axis] - offset, 0, s[g.axis]);
      b.hi[g.axis] = std::clamp<int64_t>(out.hi[g.axis] - offset, b.lo[g.axis], s[g.axis]);
      offset += s[g.axis];
      boxes.push_back(b);
    }
    break;
  }
  case LayerKind::Transpose: {
    Box b = Box::full(g.inputShapes[0]);
    for (size_t d = 0; d < g.perm.size(); ++d) {
      b.lo[g.perm[d]] = out.lo[d];
      b.hi[g.perm[d]] = out.hi[d];
    }
    boxes.push_back(b);
    break;
  }
  }
  return boxes;
}

std::vector<int32_t> kernels::sliceWeights(const LayerGeometry &g,
                                           ArrayRef<int32_t> w, const Box &out) {
  std::vector<int32_t> s;
  const auto &ws = g.weightShape;
  if (g.kind == LayerKind::Conv2d) {
    int64_t per = ws[1] * ws[2] * ws[3];
    s.assign(w.begin() + out.lo[1] * per, w.begin() + out.hi[1] * per);
  } else if (g.kind == LayerKind::MatMul) {
    int64_t k = ws[ws.size() - 2], n = ws.back();
    int64_t batches = int64_t(w.size()) / (k * n);
    for (int64_t b = 0; b < batches; ++b)
      for (int64_t kk = 0; kk < k; ++kk)
        for (int64_t j = out.lo.back(); j < out.hi.back(); ++j)
          s.push_back(w[(b * k + kk) * n + j]);
  }
  return s;
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
  const auto &ws = g.weightShape;
  if (g.kind == LayerKind::Conv2d)
    c.weights = out.size(1) * ws[1] * ws[2] * ws[3];
  else if (g.kind == LayerKind::MatMul)
    c.weights = fullWeights / ws.back() * out.size(out.rank() - 1);
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

int64_t kernels::workFor(const LayerGeometry &g, const Box &out) {
  int64_t n = out.numel();
  switch (g.kind) {
  case LayerKind::Conv2d:
    return n * g.weightShape[1] * g.weightShape[2] * g.weightShape[3];
  case LayerKind::MatMul:
    return n * g.inputShapes[0].back();
  case LayerKind::AvgPool:
  case LayerKind::MaxPool:
    return n * g.kernel[0] * g.kernel[1];
  default:
    return n;
  }
}

//===----------------------------------------------------------------------===//
// Compute
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
  return llvm::createStringError(
      std::errc::invalid_argument, "%s needs input %s but holds only %s",
      layerKindName(g.kind), need.str().c_str(), have.str().c_str());
}

llvm::Error conv2d(const LayerGeometry &g, const LayerParams &p, const int32_t *in,
                   const Box &inBox, const Box &out, int32_t *dst) {
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

llvm::Error matmul(const LayerGeometry &g, const LayerParams &p, const int32_t *in,
                   const Box &inBox, const Box &out, int32_t *dst) {
  size_t r = out.rank();
  int64_t k = g.inputShapes[0].back();
  int64_t nLocal = out.size(r - 1);
  bool batchedW = g.weightShape.size() > 2;
  auto st = boxStrides(inBox);
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
    rowIdx[r - 1] = 0;
    if (!inBox.contains([&] {
          Box b;
          b.lo = rowIdx;
          b.hi = rowIdx;
          for (auto &h : b.hi) ++h;
          b.hi[r - 1] = k;
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
    dst[o++] = rq(acc, j);
  });
  return err;
}

llvm::Error pool(const LayerGeometry &g, const LayerParams &p, const int32_t *in,
                 const Box &inBox, const Box &out, int32_t *dst) {
  const auto &is = g.inputShapes[0];
  auto st = boxStrides(inBox);
  bool isMax = g.kind == LayerKind::MaxPool;
  int64_t zx = g.inputZeroPoints[0];
  int64_t o = 0;
  for (int64_t n = out.lo[0]; n < out.hi[0]; ++n)
    for (int64_t c = out.lo[1]; c < out.hi[1]; ++c)
      for (int64_t oy = out.lo[2]; oy < out.hi[2]; ++oy)
        for (int64_t ox = out.lo[3]; ox < out.hi[3]; ++ox) {
          int64_t sum = 0, count = 0;
          int32_t best = INT32_MIN;
          for (int64_t ky = 0; ky < g.kernel[0]; ++ky)
            for (int64_t kx = 0; kx < g.kernel[1]; ++kx) {
              int64_t iy = oy * g.strides[0] - g.pads[0] + ky * g.dilations[0];
              int64_t ix = ox * g.strides[1] - g.pads[1] + kx * g.dilations[1];
              if (iy < 0 || iy >= is[2] || ix < 0 || ix >= is[3]) {
                count += g.countIncludePad; // a padded real zero
                continue;
              }
              int64_t idx[4] = {n, c, iy, ix};
              for (int d = 0; d < 4; ++d)
                if (idx[d] < inBox.lo[d] || idx[d] >= inBox.hi[d])
                  return outsideInput(g, requiredInputBoxes(g, out)[0], inBox);
              int32_t v = in[offsetIn(inBox, st, idx)];
              best = std::max(best, v);
              sum += v - zx;
              ++count;
            }
          if (isMax)
            dst[o++] = best;
          else
            dst[o++] = clampToRange(
                g.outputZeroPoint +
                    applyMultiplier(sum, {p.multiplier[count - 1], p.shift[count - 1]}),
                g.clampLo, g.clampHi);
        }
  return llvm::Error::success();
}

/// Elementwise ops (add, rescale, concat, transpose): out[idx] from inputs.
llvm::Error elementwise(const LayerGeometry &g, const LayerParams &p,
                        ArrayRef<const int32_t *> ins, ArrayRef<Box> inBoxes,
                        const Box &out, int32_t *dst) {
  std::vector<llvm::SmallVector<int64_t, 4>> strides;
  for (const Box &b : inBoxes)
    strides.push_back(boxStrides(b));
  auto need = requiredInputBoxes(g, out);
  for (size_t i = 0; i < ins.size(); ++i)
    if (!inBoxes[i].contains(need[i]))
      return outsideInput(g, need[i], inBoxes[i]);
  int64_t o = 0;
  auto at = [&](size_t i, ArrayRef<int64_t> idx) {
    return ins[i][offsetIn(inBoxes[i], strides[i], idx)];
  };
  switch (g.kind) {
  case LayerKind::Add: {
    FixedPointMultiplier ma{p.multiplier[0], p.shift[0]};
    forEachIndex(out, [&](ArrayRef<int64_t> idx) {
      int64_t terms[2];
      for (size_t i = 0; i < 2; ++i) {
        const auto &s = g.inputShapes[i];
        size_t off = out.rank() - s.size();
        llvm::SmallVector<int64_t, 4> ii(s.size());
        for (size_t d = 0; d < s.size(); ++d)
          ii[d] = s[d] == 1 ? 0 : idx[off + d];
        terms[i] = int64_t(at(i, ii) - g.inputZeroPoints[i]) * p.multiplier[i];
      }
      dst[o++] = clampToRange(
          g.outputZeroPoint + roundingShiftRightHalfEven(terms[0] + terms[1], ma.shift),
          g.clampLo, g.clampHi);
    });
    break;
  }
  case LayerKind::Rescale: {
    FixedPointMultiplier m{p.multiplier[0], p.shift[0]};
    forEachIndex(out, [&](ArrayRef<int64_t> idx) {
      dst[o++] = clampToRange(
          g.outputZeroPoint + applyMultiplier(at(0, idx) - g.inputZeroPoints[0], m),
          g.clampLo, g.clampHi);
    });
    break;
  }
  case LayerKind::Concat:
    forEachIndex(out, [&](ArrayRef<int64_t> idx) {
      llvm::SmallVector<int64_t, 4> ii(idx.begin(), idx.end());
      for (size_t i = 0; i < ins.size(); ++i) {
        int64_t sz = g.inputShapes[i][g.axis];
        if (ii[g.axis] < sz) {
          dst[o++] = at(i, ii);
          return;
        }
        ii[g.axis] -= sz;
      }
    });
    break;
  case LayerKind::Transpose:
    forEachIndex(out, [&](ArrayRef<int64_t> idx) {
      llvm::SmallVector<int64_t, 4> ii(idx.size());
      for (size_t d = 0; d < idx.size(); ++d)
        ii[g.perm[d]] = idx[d];
      dst[o++] = at(0, ii);
    });
    break;
  default:
    break;
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error kernels::compute(const LayerGeometry &g, const LayerParams &p,
                             ArrayRef<const int32_t *> ins, ArrayRef<Box> inBoxes,
                             const Box &out, int32_t *dst) {
  if (ins.size() != g.inputShapes.size() || inBoxes.size() != ins.size())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s expects %zu inputs, got %zu", layerKindName(g.kind),
                                   g.inputShapes.size(), ins.size());
  switch (g.kind) {
  case LayerKind::Conv2d:
    return conv2d(g, p, ins[0], inBoxes[0], out, dst);
  case LayerKind::MatMul:
    return matmul(g, p, ins[0], inBoxes[0], out, dst);
  case LayerKind::AvgPool:
  case LayerKind::MaxPool:
    return pool(g, p, ins[0], inBoxes[0], out, dst);
  default:
    return elementwise(g, p, ins, inBoxes, out, dst);
  }
}
