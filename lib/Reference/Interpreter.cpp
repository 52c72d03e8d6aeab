//===- Interpreter.cpp - reference interpreter of the qg dialect ----------===//
#include "npc/Reference/Interpreter.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Support/FixedPoint.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace npc;
using namespace npc::qg;

namespace {

struct Buffer {
  std::vector<int32_t> ints;
  std::vector<float> floats;
};

llvm::Error error(Operation *op, const llvm::Twine &msg) {
  std::string where = describeLoc(op->getLoc());
  return llvm::createStringError(std::errc::invalid_argument, "%s%s'%s': %s",
                                 where.c_str(), where.empty() ? "" : ": ",
                                 op->getName().getStringRef().str().c_str(),
                                 msg.str().c_str());
}

std::vector<int64_t> shapeOf(Value v) {
  auto s = cast<ShapedType>(v.getType()).getShape();
  return {s.begin(), s.end()};
}

std::vector<int64_t> stridesOf(const std::vector<int64_t> &shape) {
  std::vector<int64_t> st(shape.size(), 1);
  for (int64_t d = int64_t(shape.size()) - 2; d >= 0; --d)
    st[d] = st[d + 1] * shape[d + 1];
  return st;
}

int64_t numel(const std::vector<int64_t> &s) {
  int64_t n = 1;
  for (int64_t d : s)
    n *= d;
  return n;
}

/// Storage bounds intersected with the op's clamp attributes.
std::pair<int64_t, int64_t> outputBounds(Value out, uint32_t cmin, uint32_t cmax) {
  auto p = getQuantParams(out);
  return {std::max<int64_t>(p->storageMin, int32_t(cmin)),
          std::min<int64_t>(p->storageMax, int32_t(cmax))};
}

/// Index of the per-axis channel of flat element `i`.
struct AxisIndexer {
  int64_t inner = 1, dim = 1;
  bool perAxis = false;
  AxisIndexer(const QuantParams &p, const std::vector<int64_t> &shape) {
    if (p.axis < 0)
      return;
    perAxis = true;
    dim = shape[p.axis];
    for (size_t d = p.axis + 1; d < shape.size(); ++d)
      inner *= shape[d];
  }
  int64_t operator()(int64_t i) const { return perAxis ? (i / inner) % dim : 0; }
};

class Interpreter {
public:
  llvm::DenseMap<Value, Buffer> values;

  Buffer &get(Value v) { return values[v]; }

  llvm::Error run(Operation *op) {
    return llvm::TypeSwitch<Operation *, llvm::Error>(op)
        .Case<ConstantOp, QuantizeOp, DequantizeOp, StorageCastOp, ReshapeOp,
              TransposeOp, ConcatOp, MaxPoolOp, Conv2dOp, MatMulOp, AddOp,
              AvgPoolOp, RescaleOp>([&](auto o) { return exec(o); })
        .Default([&](Operation *o) {
          return error(o, "operation is not supported by the reference interpreter");
        });
  }

private:
  llvm::Error exec(ConstantOp op) {
    auto ints = getConstantInts(op.getResult());
    if (!ints)
      return error(op, "constant must hold dense integers");
    get(op.getResult()).ints = std::move(*ints);
    return llvm::Error::success();
  }

  llvm::Error exec(QuantizeOp op) {
    auto p = *getQuantParams(op.getOutput());
    AxisIndexer ch(p, shapeOf(op.getInput()));
    const auto &in = get(op.getInput()).floats;
    std::vector<int32_t> out(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t c = ch(i);
      out[i] = quantizeFloat(in[i], float(p.scale(c)), int32_t(p.zeroPoint(c)),
                             int32_t(p.storageMin), int32_t(p.storageMax));
    }
    get(op.getOutput()).ints = std::move(out);
    return llvm::Error::success();
  }

  llvm::Error exec(DequantizeOp op) {
    auto p = *getQuantParams(op.getInput());
    AxisIndexer ch(p, shapeOf(op.getInput()));
    const auto &in = get(op.getInput()).ints;
    std::vector<float> out(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t c = ch(i);
      out[i] = dequantizeValue(in[i], float(p.scale(c)), int32_t(p.zeroPoint(c)));
    }
    get(op.getOutput()).floats = std::move(out);
    return llvm::Error::success();
  }

  llvm::Error exec(StorageCastOp op) {
    get(op.getOutput()) = get(op.getInput());
    return llvm::Error::success();
  }
  llvm::Error exec(ReshapeOp op) {
    get(op.getOutput()) = get(op.getInput());
    return llvm::Error::success();
  }

  llvm::Error exec(TransposeOp op) {
    auto in = shapeOf(op.getInput()), out = shapeOf(op.getOutput());
    auto inStride = stridesOf(in);
    ArrayRef<int64_t> perm = op.getPerm();
    const auto &src = get(op.getInput()).ints;
    std::vector<int32_t> dst(src.size());
    std::vector<int64_t> idx(out.size(), 0);
    for (size_t o = 0; o < dst.size(); ++o) {
      int64_t s = 0;
      for (size_t d = 0; d < out.size(); ++d)
        s += idx[d] * inStride[perm[d]];
      dst[o] = src[s];
      for (int64_t d = int64_t(out.size()) - 1; d >= 0; --d) {
        if (++idx[d] < out[d])
          break;
        idx[d] = 0;
      }
    }
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }

  llvm::Error exec(ConcatOp op) {
    auto out = shapeOf(op.getOutput());
    int64_t axis = op.getAxis();
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer *= out[d];
    for (size_t d = axis + 1; d < out.size(); ++d)
      inner *= out[d];
    std::vector<int32_t> dst;
    dst.reserve(numel(out));
    for (int64_t o = 0; o < outer; ++o)
      for (Value in : op.getInputs()) {
        int64_t chunk = shapeOf(in)[axis] * inner;
        const auto &src = get(in).ints;
        dst.insert(dst.end(), src.begin() + o * chunk, src.begin() + (o + 1) * chunk);
      }
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }

  /// Visits the window of output (oy, ox): f(inside, iy, ix).
  template <typename F>
  static void forWindow(int64_t oy, int64_t ox, ArrayRef<int64_t> kernel,
                        ArrayRef<int64_t> strides, ArrayRef<int64_t> dil,
                        ArrayRef<int64_t> pads, int64_t h, int64_t w, F f) {
    for (int64_t ky = 0; ky < kernel[0]; ++ky) {
      int64_t iy = oy * strides[0] - pads[0] + ky * dil[0];
      for (int64_t kx = 0; kx < kernel[1]; ++kx) {
        int64_t ix = ox * strides[1] - pads[1] + kx * dil[1];
        f(iy >= 0 && iy < h && ix >= 0 && ix < w, iy, ix, ky, kx);
      }
    }
  }

  llvm::Error exec(MaxPoolOp op) {
    auto in = shapeOf(op.getInput()), out = shapeOf(op.getOutput());
    const auto &src = get(op.getInput()).ints;
    std::vector<int32_t> dst(numel(out));
    int64_t o = 0;
    for (int64_t n = 0; n < out[0]; ++n)
      for (int64_t c = 0; c < out[1]; ++c) {
        const int32_t *plane = src.data() + (n * in[1] + c) * in[2] * in[3];
        for (int64_t oy = 0; oy < out[2]; ++oy)
          for (int64_t ox = 0; ox < out[3]; ++ox) {
            int32_t best = INT32_MIN;
            forWindow(oy, ox, op.getKernel(), op.getStrides(), op.getDilations(),
                      op.getPads(), in[2], in[3],
                      [&](bool inside, int64_t iy, int64_t ix, int64_t, int64_t) {
                        if (inside)
                          best = std::max(best, plane[iy * in[3] + ix]);
                      });
            dst[o++] = best;
          }
      }
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }

  /// Weight values minus their (per-channel) zero point.
  static std::vector<int32_t> centeredWeights(Value w) {
    auto p = *getQuantParams(w);
    AxisIndexer ch(p, shapeOf(w));
    auto vals = *getConstantInts(w);
    for (size_t i = 0; i < vals.size(); ++i)
      vals[i] -= int32_t(p.zeroPoint(ch(i)));
    return vals;
  }

  /// Requantizes accumulator `acc` of output channel `c` (or passes it
  /// through for an i32 result).
  struct Requant {
    bool quantized = false;
    ArrayRef<int32_t> mult, shift;
    int64_t zp = 0, lo = 0, hi = 0;
    int32_t operator()(int64_t acc, int64_t c) const {
      if (!quantized)
        return int32_t(acc);
      return clampToRange(zp + applyMultiplier(acc, {mult[c], shift[c]}), lo, hi);
    }
  };
  template <typename OpTy>
  static llvm::Expected<Requant> requantOf(OpTy op) {
    Requant r;
    auto p = *getQuantParams(op.getOutput());
    if (!op.getFoldedBias())
      return error(op, "not legalized: run qg-legalize-integer first");
    r.quantized = p.isQuantized;
    if (r.quantized) {
      if (!op.getMultiplier())
        return error(op, "not legalized: run qg-legalize-integer first");
      r.mult = *op.getMultiplier();
      r.shift = *op.getShift();
      r.zp = p.zeroPoint();
      std::tie(r.lo, r.hi) = outputBounds(op.getOutput(), op.getClampMin(), op.getClampMax());
    }
    return r;
  }

  llvm::Error exec(Conv2dOp op) {
    auto rq = requantOf(op);
    if (!rq)
      return rq.takeError();
    auto in = shapeOf(op.getInput()), ws = shapeOf(op.getWeight()),
         out = shapeOf(op.getOutput());
    int32_t zx = int32_t(getQuantParams(op.getInput())->zeroPoint());
    std::vector<int32_t> w = centeredWeights(op.getWeight());
    ArrayRef<int32_t> bias = *op.getFoldedBias();
    const auto &src = get(op.getInput()).ints;
    std::vector<int32_t> dst(numel(out));
    int64_t group = op.getGroup(), icPerGroup = ws[1], ocPerGroup = ws[0] / group;
    int64_t o = 0;
    for (int64_t n = 0; n < out[0]; ++n)
      for (int64_t oc = 0; oc < out[1]; ++oc) {
        int64_t g = oc / ocPerGroup;
        for (int64_t oy = 0; oy < out[2]; ++oy)
          for (int64_t ox = 0; ox < out[3]; ++ox) {
            int64_t acc = bias[oc];
            for (int64_t ic = 0; ic < icPerGroup; ++ic) {
              const int32_t *plane = src.data() + (n * in[1] + g * icPerGroup + ic) * in[2] * in[3];
              const int32_t *wk = w.data() + (oc * icPerGroup + ic) * ws[2] * ws[3];
              forWindow(oy, ox, {ws[2], ws[3]}, op.getStrides(), op.getDilations(),
                        op.getPads(), in[2], in[3],
                        [&](bool inside, int64_t iy, int64_t ix, int64_t ky, int64_t kx) {
                          int32_t x = inside ? plane[iy * in[3] + ix] : zx;
                          acc += int64_t(x) * wk[ky * ws[3] + kx];
                        });
            }
            dst[o++] = (*rq)(acc, oc);
          }
      }
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }

  llvm::Error exec(MatMulOp op) {
    auto rq = requantOf(op);
    if (!rq)
      return rq.takeError();
    auto in = shapeOf(op.getInput()), ws = shapeOf(op.getWeight());
    int64_t k = in.back(), n = ws.back(), m = in[in.size() - 2];
    int64_t batches = numel(in) / (m * k);
    bool batchedW = ws.size() > 2;
    std::vector<int32_t> w = centeredWeights(op.getWeight());
    ArrayRef<int32_t> bias = *op.getFoldedBias();
    const auto &src = get(op.getInput()).ints;
    std::vector<int32_t> dst(batches * m * n);
    for (int64_t bt = 0; bt < batches; ++bt) {
      const int32_t *wb = w.data() + (batchedW ? bt * k * n : 0);
      int64_t biasBase = batchedW ? bt * n : 0;
      for (int64_t i = 0; i < m; ++i) {
        const int32_t *row = src.data() + (bt * m + i) * k;
        for (int64_t j = 0; j < n; ++j) {
          int64_t acc = bias[biasBase + j];
          for (int64_t kk = 0; kk < k; ++kk)
            acc += int64_t(row[kk]) * wb[kk * n + j];
          dst[(bt * m + i) * n + j] = (*rq)(acc, j);
        }
      }
    }
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }

  llvm::Error exec(AddOp op) {
    if (!op.getMultiplier())
      return error(op, "not legalized: run qg-legalize-integer first");
    auto out = shapeOf(op.getOutput());
    auto a = shapeOf(op.getLhs()), b = shapeOf(op.getRhs());
    auto pa = *getQuantParams(op.getLhs()), pb = *getQuantParams(op.getRhs()),
         py = *getQuantParams(op.getOutput());
    auto [lo, hi] = outputBounds(op.getOutput(), op.getClampMin(), op.getClampMax());
    ArrayRef<int32_t> mult = *op.getMultiplier();
    int32_t shift = (*op.getShift())[0];
    // Broadcast strides: 0 along broadcast dimensions.
    auto bstrides = [&](const std::vector<int64_t> &s) {
      std::vector<int64_t> st(out.size(), 0), own = stridesOf(s);
      size_t off = out.size() - s.size();
      for (size_t d = 0; d < s.size(); ++d)
        st[off + d] = s[d] == 1 ? 0 : own[d];
      return st;
    };
    auto sa = bstrides(a), sb = bstrides(b);
    const auto &va = get(op.getLhs()).ints, &vb = get(op.getRhs()).ints;
    std::vector<int32_t> dst(numel(out));
    std::vector<int64_t> idx(out.size(), 0);
    for (size_t o = 0; o < dst.size(); ++o) {
      int64_t ia = 0, ib = 0;
      for (size_t d = 0; d < out.size(); ++d) {
        ia += idx[d] * sa[d];
        ib += idx[d] * sb[d];
      }
      int64_t sum = int64_t(va[ia] - pa.zeroPoint()) * mult[0] +
                    int64_t(vb[ib] - pb.zeroPoint()) * mult[1];
      dst[o] = clampToRange(py.zeroPoint() + roundingShiftRightHalfEven(sum, shift), lo, hi);
      for (int64_t d = int64_t(out.size()) - 1; d >= 0; --d) {
        if (++idx[d] < out[d])
          break;
        idx[d] = 0;
      }
    }
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }

  llvm::Error exec(AvgPoolOp op) {
    if (!op.getMultiplier())
      return error(op, "not legalized: run qg-legalize-integer first");
    auto in = shapeOf(op.getInput()), out = shapeOf(op.getOutput());
    int64_t zx = getQuantParams(op.getInput())->zeroPoint();
    int64_t zy = getQuantParams(op.getOutput())->zeroPoint();
    auto [lo, hi] = outputBounds(op.getOutput(), op.getClampMin(), op.getClampMax());
    ArrayRef<int32_t> mult = *op.getMultiplier(), shift = *op.getShift();
    bool includePad = op.getCountIncludePad();
    const auto &src = get(op.getInput()).ints;
    std::vector<int32_t> dst(numel(out));
    int64_t o = 0;
    for (int64_t n = 0; n < out[0]; ++n)
      for (int64_t c = 0; c < out[1]; ++c) {
        const int32_t *plane = src.data() + (n * in[1] + c) * in[2] * in[3];
        for (int64_t oy = 0; oy < out[2]; ++oy)
          for (int64_t ox = 0; ox < out[3]; ++ox) {
            int64_t sum = 0, count = 0;
            forWindow(oy, ox, op.getKernel(), op.getStrides(), {1, 1}, op.getPads(),
                      in[2], in[3],
                      [&](bool inside, int64_t iy, int64_t ix, int64_t, int64_t) {
                        if (inside) {
                          sum += plane[iy * in[3] + ix] - zx;
                          ++count;
                        } else if (includePad) {
                          ++count; // a padded zero (real 0 = zero point)
                        }
                      });
            dst[o++] = clampToRange(
                zy + applyMultiplier(sum, {mult[count - 1], shift[count - 1]}), lo, hi);
          }
      }
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }

  llvm::Error exec(RescaleOp op) {
    if (!op.getMultiplier())
      return error(op, "not legalized: run qg-legalize-integer first");
    int64_t zx = getQuantParams(op.getInput())->zeroPoint();
    int64_t zy = getQuantParams(op.getOutput())->zeroPoint();
    auto [lo, hi] = outputBounds(op.getOutput(), op.getClampMin(), op.getClampMax());
    FixedPointMultiplier m{(*op.getMultiplier())[0], (*op.getShift())[0]};
    const auto &src = get(op.getInput()).ints;
    std::vector<int32_t> dst(src.size());
    for (size_t i = 0; i < src.size(); ++i)
      dst[i] = clampToRange(zy + applyMultiplier(src[i] - zx, m), lo, hi);
    get(op.getOutput()).ints = std::move(dst);
    return llvm::Error::success();
  }
};

llvm::Expected<ElemKind> kindOf(Type t) {
  if (t.isF32())
    return ElemKind::F32;
  if (auto i = dyn_cast<IntegerType>(t)) {
    switch (i.getWidth()) {
    case 8: return i.isUnsigned() ? ElemKind::U8 : ElemKind::I8;
    case 16: return i.isUnsigned() ? ElemKind::U16 : ElemKind::I16;
    case 32: if (!i.isUnsigned()) return ElemKind::I32; break;
    default: break;
    }
  }
  return llvm::createStringError(std::errc::invalid_argument,
                                 "unsupported boundary element type");
}

func::FuncOp mainOf(ModuleOp m) { return m.lookupSymbol<func::FuncOp>("main"); }

} // namespace

llvm::Expected<std::pair<std::vector<TensorSignature>, std::vector<TensorSignature>>>
npc::getSignature(ModuleOp module) {
  func::FuncOp f = mainOf(module);
  if (!f)
    return llvm::createStringError(std::errc::invalid_argument, "module has no @main");
  auto names = [](Attribute a, size_t i, const char *prefix) {
    if (auto arr = dyn_cast_or_null<ArrayAttr>(a))
      if (i < arr.size())
        if (auto s = dyn_cast<StringAttr>(arr[i]))
          return s.str();
    return std::string(prefix) + std::to_string(i);
  };
  std::pair<std::vector<TensorSignature>, std::vector<TensorSignature>> sig;
  auto ft = f.getFunctionType();
  for (auto [list, types, attr, prefix] :
       {std::make_tuple(&sig.first, ft.getInputs(), f->getAttr("npc.input_names"), "input"),
        std::make_tuple(&sig.second, ft.getResults(), f->getAttr("npc.output_names"), "output")}) {
    for (size_t i = 0; i < types.size(); ++i) {
      auto st = cast<ShapedType>(types[i]);
      auto k = kindOf(st.getElementType());
      if (!k)
        return k.takeError();
      list->push_back({names(attr, i, prefix), *k,
                       std::vector<int64_t>(st.getShape().begin(), st.getShape().end())});
    }
  }
  return sig;
}

llvm::Expected<std::vector<HostTensor>>
npc::runReference(ModuleOp module, const std::vector<HostTensor> &inputs) {
  auto sig = getSignature(module);
  if (!sig)
    return sig.takeError();
  func::FuncOp f = mainOf(module);
  if (inputs.size() != sig->first.size())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "the model has %zu inputs, %zu given",
                                   sig->first.size(), inputs.size());
  Interpreter interp;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const TensorSignature &s = sig->first[i];
    const HostTensor &t = inputs[i];
    if (t.kind != s.kind || t.shape != s.shape) {
      HostTensor want;
      want.shape = s.shape;
      return llvm::createStringError(
          std::errc::invalid_argument, "input '%s' must be %s %s, got %s %s",
          s.name.c_str(), elemKindName(s.kind), want.shapeString().c_str(),
          elemKindName(t.kind), t.shapeString().c_str());
    }
    Buffer &buf = interp.get(f.getArgument(i));
    buf.ints = t.ints;
    buf.floats = t.floats;
  }
  std::vector<HostTensor> outs;
  for (Operation &op : f.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
        HostTensor t;
        t.kind = sig->second[i].kind;
        t.shape = sig->second[i].shape;
        Buffer &b = interp.get(v);
        t.ints = b.ints;
        t.floats = b.floats;
        outs.push_back(std::move(t));
      }
      break;
    }
    if (auto err = interp.run(&op))
      return std::move(err);
  }
  return outs;
}
