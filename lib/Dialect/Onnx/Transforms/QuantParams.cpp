//===- QuantParams.cpp - ONNX constants and quantization parameters -------===//
#include "npc/Dialect/Onnx/Transforms/QuantParams.h"
#include "npc/Dialect/Onnx/Transforms/FunctionTables.h"
#include "npc/Runtime/FixedPoint.h"
#include "npc/Runtime/HostTensor.h"
#include "npc/Support/Printable.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

using namespace mlir;

namespace npc::onnx {

/// The first index Slice takes and the bound it stops before.
static std::pair<int64_t, int64_t> sliceBounds(int64_t size, int64_t start, int64_t end,
                                               int64_t step) {
  // i + size cannot overflow: i < 0 and size >= 0.
  auto at = [&](int64_t i, int64_t lo, int64_t hi) {
    return std::clamp<int64_t>(i < 0 ? i + size : i, lo, hi);
  };
  return step > 0 ? std::pair(at(start, 0, size), at(end, 0, size))
                  : std::pair(at(start, -1, size - 1), at(end, -1, size - 1));
}

int64_t sliceCount(int64_t size, int64_t start, int64_t end, int64_t step) {
  auto [from, to] = sliceBounds(size, start, end, step);
  uint64_t span = step > 0 ? (to > from ? uint64_t(to - from) : 0)
                           : (from > to ? uint64_t(from - to) : 0);
  uint64_t by = step > 0 ? uint64_t(step) : uint64_t(0) - uint64_t(step);
  return span == 0 ? 0 : int64_t((span - 1) / by + 1);
}

std::pair<int64_t, int64_t> shapeAxes(int64_t rank, int64_t start, int64_t end) {
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, start, rank);
  return {start, end};
}

std::vector<int64_t> sliceIndices(int64_t size, int64_t start, int64_t end, int64_t step) {
  int64_t count = sliceCount(size, start, end, step);
  int64_t from = sliceBounds(size, start, end, step).first;
  std::vector<int64_t> out;
  out.reserve(count);
  // k * step stays within the span: no overflow.
  for (int64_t k = 0; k < count; ++k)
    out.push_back(from + k * step);
  return out;
}

RankedTensorType checkedType(Value v, int depth) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  if (!t || isa<BlockArgument>(v) || v.getDefiningOp<ConstantOp>())
    return t;
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || n->getNumOperands() < 1 || depth > 16)
    return {};
  bool codes = isa<IntegerType>(t.getElementType());
  if (inDefaultDomain(n) && n.getOpType() == "QuantizeLinear")
    return codes ? t : RankedTensorType();
  RankedTensorType in = checkedType(n->getOperand(0), depth + 1);
  if (inDefaultDomain(n) && n.getOpType() == "DequantizeLinear")
    return in && isa<IntegerType>(in.getElementType()) ? t : RankedTensorType();
  return codes && in && isa<IntegerType>(in.getElementType()) ? t : RankedTensorType();
}

std::string numberText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::pair<int64_t, int64_t> storageRange(int32_t code) {
  bool s = isSignedStorage(code);
  unsigned w = storageWidth(code);
  return {quant::QuantizedType::getDefaultMinimumForInteger(s, w),
          quant::QuantizedType::getDefaultMaximumForInteger(s, w)};
}

bool reluIsIdentity(const QInfo &q) {
  return q.scales.size() == 1 && q.zeroPoints.size() == 1 &&
         q.zeroPoints[0] <= storageRange(q.storage).first;
}

bool isNarrowed(const QInfo &q) {
  auto [lo, hi] = storageRange(q.storage);
  return q.qmin.value_or(lo) != lo || q.qmax.value_or(hi) != hi;
}

std::string activationClamp(const QInfo &out, bool relu, std::optional<double> lo,
                            std::optional<double> hi, int32_t &cmin, int32_t &cmax) {
  auto [smin, smax] = storageRange(out.storage);
  int32_t qmin = int32_t(out.qmin.value_or(smin)), qmax = int32_t(out.qmax.value_or(smax));
  cmin = qmin;
  cmax = qmax;
  float sc = float(out.scales[0]);
  int32_t zp = out.zeroPoints[0];
  if (relu)
    cmin = std::max(cmin, quantizeFloat(0.0f, sc, zp, qmin, qmax));
  if (lo)
    cmin = std::max(cmin, quantizeFloat(float(*lo), sc, zp, qmin, qmax));
  if (hi)
    cmax = std::min(cmax, quantizeFloat(float(*hi), sc, zp, qmin, qmax));
  if (cmin > cmax)
    return "Clip range is empty after quantization";
  return {};
}

std::optional<std::pair<int64_t, int64_t>> narrowedRangeOf(ConstantOp c) {
  auto r = c.getNarrowedRangeAttr();
  if (!r || r.size() != 2)
    return std::nullopt;
  return std::make_pair(r[0], r[1]);
}

std::string readConstType(ElementsAttr attr, const std::string &name, Const &out) {
  auto dense = dyn_cast<DenseIntOrFPElementsAttr>(attr);
  auto code = dense ? typeCodeOf(dense.getElementType()) : std::nullopt;
  if (!code) {
    std::string elemText;
    llvm::raw_string_ostream os(elemText);
    attr.getElementType().print(os);
    return "tensor '" + printable(name) + "' has element type " + elemText +
           ", which is not supported";
  }
  out.type = *code;
  auto shape = dense.getType().getShape();
  // A hand-written splat can state any extents (a file's are bounded at
  // import); its values are made one by one.
  int64_t n = 1;
  for (int64_t d : shape)
    if (llvm::MulOverflow(n, d, n))
      return "tensor '" + printable(name) + "' of shape " + shapeText(shape) +
             " has more elements than int64 holds";
  out.shape.assign(shape.begin(), shape.end());
  return {};
}

std::string readConst(ElementsAttr attr, const std::string &name, Const &out) {
  if (std::string e = readConstType(attr, name, out); !e.empty())
    return e;
  auto dense = cast<DenseIntOrFPElementsAttr>(attr);
  const int32_t code = out.type;
  int64_t n = dense.getNumElements();
  if (code == kFloat) {
    auto v = dense.getValues<float>();
    out.floats.assign(v.begin(), v.end());
    return {};
  }
  if (code == kBool) {
    auto v = dense.getValues<bool>();
    out.ints.assign(v.begin(), v.end());
    return {};
  }
  unsigned bits = cast<IntegerType>(dense.getElementType()).getWidth();
  bool isSigned = cast<IntegerType>(dense.getElementType()).isSigned();
  size_t unit = llvm::divideCeil(bits, 8);
  ArrayRef<char> raw = dense.getRawData();
  out.ints.resize(n);
  bool splat = dense.isSplat(); // then the storage holds one element
  auto widen = [&](auto tag) {  // a whole storage unit per element: one typed loop
    using T = decltype(tag);
    const T *p = reinterpret_cast<const T *>(raw.data());
    for (int64_t i = 0; i < n; ++i)
      out.ints[i] = p[i];
  };
  if (bits == 8 && !splat)
    isSigned ? widen(int8_t()) : widen(uint8_t());
  else if (bits == 32 && isSigned && !splat)
    widen(int32_t());
  else if (unit == 1 && !splat) { // 2 to 7 bits, a byte each
    const uint32_t mask = (1u << bits) - 1, sign = isSigned ? 1u << (bits - 1) : 0;
    for (int64_t i = 0; i < n; ++i)
      out.ints[i] = int32_t(((uint8_t(raw[i]) & mask) ^ sign) - sign);
  } else
    for (int64_t i = 0; i < n; ++i) {
      uint64_t u = 0;
      std::memcpy(&u, raw.data() + (splat ? 0 : i) * unit, unit);
      out.ints[i] = isSigned ? llvm::SignExtend64(u, bits)
                             : int64_t(u & llvm::maskTrailingOnes<uint64_t>(bits));
    }
  return {};
}

std::string quantInfoOf(const Const &s, const Const *z, int64_t axis, int64_t channels,
                        int32_t defaultStorage, QInfo &q, bool sixteenBit) {
  if (!s.isFloat())
    return "scale must be float32, got " + std::string(typeCodeName(s.type));
  q.storage = defaultStorage;
  // Without a zero point the storage is the input's (or the default): one
  // a zero point could have (a 0-bit int64 or bool type read weights as 0).
  auto wide = [&](int32_t type) { return sixteenBit && (type == kUInt16 || type == kInt16); };
  if (!z)
    if (std::string e = storageTypeProblem(defaultStorage, "quantized");
        !e.empty() && !wide(defaultStorage))
      return e;
  if (z) {
    if (std::string e = storageTypeProblem(z->type, "zero point"); !e.empty() && !wide(z->type))
      return e;
    q.storage = z->type;
    if (z->size() != s.size())
      return "scale has " + std::to_string(s.size()) + " values but zero point has " +
             std::to_string(z->size());
  }
  for (int64_t i = 0; i < s.size(); ++i) {
    double sc = s.floats[i];
    if (!(sc > 0) || !std::isfinite(sc))
      return "scale " + numberText(sc) + " must be positive and finite";
    q.scales.push_back(sc);
    q.zeroPoints.push_back(z ? z->ints[i] : 0);
  }
  if (q.scales.empty())
    return "scale is empty";
  if (q.scales.size() > 1) {
    // Axis -1 of one channel: an input the operator reads per tensor.
    if (axis < 0 && channels == 1)
      return "scale has " + std::to_string(q.scales.size()) +
             " values; this input is quantized per tensor (one scale)";
    if (channels < 0) // quantAxisOf's: the axis is not one of the tensor's
      return "per-axis scale has " + std::to_string(q.scales.size()) +
             " values but the axis is out of range for the tensor";
    if (int64_t(q.scales.size()) != channels)
      return "per-axis scale has " + std::to_string(q.scales.size()) +
             " values, the quantized axis has " + std::to_string(channels);
    q.axis = axis;
  }
  auto [lo, hi] = storageRange(q.storage);
  for (int64_t zp : q.zeroPoints)
    if (zp < lo || zp > hi)
      return "zero point " + std::to_string(zp) + " is outside the " +
             typeCodeName(q.storage) + " range";
  // The codes' narrowed range, which the constant's verifier checked.
  if (z && z->narrowed) {
    q.qmin = z->narrowed->first;
    q.qmax = z->narrowed->second;
  }
  return {};
}

std::string qonnxQuantInfo(const Const &s, const Const &z, const Const &bw,
                           llvm::StringRef roundingMode, bool isSigned, bool narrow,
                           std::optional<llvm::ArrayRef<int64_t>> xShape, QInfo &q) {
  if (roundingMode != "ROUND")
    return "rounding_mode '" + roundingMode.str() +
           "' is not supported (only ROUND, half to even)";
  if (bw.numel() != 1 || bw.at(0) != std::floor(bw.at(0)) || bw.at(0) < 2 || bw.at(0) > 8)
    return "bitwidth must be one integer from 2 to 8, got " +
           (bw.numel() == 1 ? numberText(bw.at(0)) : std::to_string(bw.numel()) + " values");
  if (s.numel() == 0 || z.numel() == 0)
    return s.numel() == 0 ? "scale is empty" : "zero point is empty";
  int64_t bits = int64_t(bw.at(0));
  q = QInfo();
  q.storage = bits <= 2   ? (isSigned ? kInt2 : kUInt2)
              : bits <= 4 ? (isSigned ? kInt4 : kUInt4)
                          : (isSigned ? kInt8 : kUInt8);
  q.qmin = isSigned ? -(int64_t(1) << (bits - 1)) + narrow : 0;
  q.qmax = isSigned ? (int64_t(1) << (bits - 1)) - 1 : (int64_t(1) << bits) - 1 - narrow;
  // Scale and zero point broadcast against x: per tensor, or per channel
  // along the one dimension where they have more than one value, which
  // counts from x's last dimension.
  if (!xShape && (s.numel() != 1 || z.numel() != 1))
    return "a scale or zero point per channel is not supported where the input's shape is not "
           "known yet (after a float operator); quantize it per tensor";
  int64_t rank = xShape ? int64_t(xShape->size()) : 0;
  for (const Const *c : {&s, &z}) {
    if (!xShape)
      break; // one value: per tensor whatever x's rank (the caller checks it)
    if (c->shape.size() > size_t(rank))
      return "scale and zero point must broadcast to the input";
    for (size_t d = 0; d < c->shape.size(); ++d)
      if (c->shape[d] != 1) {
        int64_t axis = rank - int64_t(c->shape.size()) + int64_t(d);
        if ((q.axis >= 0 && q.axis != axis) || c->shape[d] != (*xShape)[axis])
          return "scale and zero point must vary along at most one input dimension";
        q.axis = axis;
      }
  }
  int64_t n = std::max(s.numel(), z.numel());
  for (int64_t i = 0; i < n; ++i) {
    double sc = s.at(s.numel() == 1 ? 0 : i), zp = z.at(z.numel() == 1 ? 0 : i);
    if (!(sc > 0) || !std::isfinite(sc))
      return "scale " + numberText(sc) + " must be positive and finite";
    if (zp != std::floor(zp) || zp < *q.qmin || zp > *q.qmax)
      return "zero point " + numberText(zp) + " must be an integer inside the quantized range [" +
             std::to_string(*q.qmin) + ", " + std::to_string(*q.qmax) + "]";
    q.scales.push_back(sc);
    q.zeroPoints.push_back(int64_t(zp));
  }
  if (q.scales.size() == 1)
    q.axis = -1;
  return {};
}

bool readsAverageAsCodes(NodeOp reader) {
  return inDefaultDomain(reader) &&
         llvm::is_contained(
             {"Conv", "Gemm", "MatMul", "Flatten", "Reshape", "Squeeze", "Unsqueeze"},
             reader.getOpType());
}

/// Whether `use` of an average is one that makes it 16-bit codes.
static bool usesAverageAsCodes(mlir::OpOperand &use) {
  auto n = llvm::dyn_cast<NodeOp>(use.getOwner());
  if (!n || !readsAverageAsCodes(n))
    return false;
  return llvm::is_contained({"Conv", "Gemm", "MatMul"}, n.getOpType()) ||
         use.getOperandNumber() == 0;
}

static bool isAverage(NodeOp op) {
  return inDefaultDomain(op) && op->getNumResults() == 1 &&
         llvm::is_contained({"GlobalAveragePool", "AveragePool", "ReduceMean"}, op.getOpType());
}

bool averageReadByProducts(NodeOp op) {
  if (!isAverage(op) || op->getResult(0).use_empty())
    return false;
  return llvm::all_of(op->getResult(0).getUses(), usesAverageAsCodes);
}

NodeOp firstCodesReader(NodeOp op) {
  if (!isAverage(op))
    return {};
  NodeOp first;
  for (mlir::OpOperand &use : op->getResult(0).getUses())
    if (usesAverageAsCodes(use) && use.getOwner()->getBlock() == op->getBlock() &&
        (!first || use.getOwner()->isBeforeInBlock(first.getOperation())))
      first = llvm::cast<NodeOp>(use.getOwner());
  return first;
}

bool takenByFloatOp(llvm::StringRef type) {
  return llvm::is_contained({"Conv", "Gemm", "MatMul", "MaxPool", "AveragePool", "GlobalAveragePool",
                             "ReduceMean", "ReduceSum", "ReduceMax", "Softmax",
                             "LayerNormalization", "BatchNormalization", "Concat"},
                            type);
}

/// Whether binary node `n` reads `v` and, as its other input, a float
/// scalar initializer (the conversion's floatScalar: one float value): a
/// Pow's exponent.
std::pair<ElementsAttr, std::string> elementsOf(Value v) {
  if (auto c = v ? v.getDefiningOp<ConstantOp>() : ConstantOp())
    return {c.getValue(), c.getName().str()};
  // A Constant node with inputs or other attributes stays for the
  // conversion to read or refuse.
  auto n = v ? v.getDefiningOp<NodeOp>() : NodeOp();
  if (n && n.getOpType() == "Constant" && inDefaultDomain(n) && n->getNumResults() == 1 &&
      n->getNumOperands() == 0 && n.getAttrsAttr() && n.getAttrsAttr().size() == 1)
    if (auto e = dyn_cast_or_null<ElementsAttr>(n.getAttrsAttr().get("value")))
      return {e, n.getName().str()};
  return {};
}

static bool byFloatScalar(NodeOp n, mlir::Value v) {
  if (n->getNumOperands() != 2)
    return false;
  mlir::Value other = n->getOperand(n->getOperand(0) == v ? 1 : 0);
  // An initializer or a Constant node alike (onnx-fold-constants makes
  // the second the first).
  auto [value, name] = elementsOf(other);
  if (!value || other == v)
    return false;
  auto type = llvm::dyn_cast<mlir::ShapedType>(value.getType());
  return type && llvm::isa<mlir::FloatType>(type.getElementType()) && type.getNumElements() == 1;
}

bool maxPoolReadByFloatOps(NodeOp op) {
  if (!inDefaultDomain(op) || op.getOpType() != "MaxPool" || op->getNumResults() != 1 ||
      op->getNumOperands() != 1 || op->getResult(0).use_empty())
    return false;
  // Readers whose conversion takes a pending MaxPool as the view of its
  // codes (floatOp, an Add of two activations, passThrough, movableInput).
  // An Add, Sub, Mul or Div, and a Pow by a float scalar, of the view may
  // grow a chain of functions of it, which onnx-fuse-qdq makes one table
  // of the pooled codes (SiLU of the pool: one table, where of the
  // pending pool the conversion made the Sigmoid a 16-bit table and a
  // product; a Sub of a scalar or a Pow of the pending pool it refused);
  // else they take the view as the pending pool's. A ReduceMean of the
  // view could start a layer norm (layerNormPattern), but that needs a Sub
  // reading the pool too. A function of one input (Sigmoid, ...) of the
  // view starts a chain, which onnx-fuse-qdq makes one table of the
  // pooled codes; of the pending pool the conversion pools first and
  // makes the same table of the function alone. A PRelu of the view (its
  // input 0) is such a function, one table or one per channel; of the
  // pending pool the conversion refused it.
  static constexpr llvm::StringLiteral moves[] = {
      "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Slice", "Split", "Transpose",
      "DepthToSpace", "SpaceToDepth"};
  // A QuantizeLinear too, when such a reader reads the pool as well (a
  // stem pool quantized for one branch, read as it is by another): of the
  // view it is a requantization of the pooled codes, which the conversion
  // pools once, not once for the QuantizeLinear (QLinearMaxPool's pool and
  // rescale) and again for the other readers. Read by QuantizeLinears
  // alone, the pool stays each one's QLinearMaxPool.
  mlir::Value pool = op->getResult(0);
  bool viewed = false;
  for (mlir::OpOperand &use : pool.getUses()) {
    // A graph output too: it dequantizes the pooled codes.
    if (llvm::isa<mlir::func::ReturnOp>(use.getOwner()))
      continue;
    auto n = llvm::dyn_cast<NodeOp>(use.getOwner());
    if (!n || !inDefaultDomain(n))
      return false;
    llvm::StringRef type = n.getOpType();
    if (type == "QuantizeLinear" && use.getOperandNumber() == 0)
      continue;
    if (!(takenByFloatOp(type) || type == "Add" || isTableFunction(type) ||
          llvm::is_contained(moves, type) ||
          llvm::is_contained({"Sub", "Mul", "Div"}, type) ||
          (type == "Pow" && use.getOperandNumber() == 0 && byFloatScalar(n, pool)) ||
          (type == "PRelu" && use.getOperandNumber() == 0)))
      return false;
    viewed = true;
  }
  return viewed;
}

bool subtractsMean(mlir::Operation *reader, NodeOp mean) {
  auto sub = llvm::dyn_cast<NodeOp>(reader);
  // From opset 18 the axes are input 1.
  return sub && mean.getOpType() == "ReduceMean" && mean->getNumOperands() >= 1 &&
         mean->getNumOperands() <= 2 && mean->getNumResults() > 0 &&
         sub.getOpType() == "Sub" && sub.getDomain().empty() && sub->getNumOperands() == 2 &&
         sub->getOperand(0) == mean->getOperand(0) && sub->getOperand(1) == mean->getResult(0);
}

NodeOp layerNormSub(NodeOp mean) {
  if (mean->getNumResults() == 0 || !mean->getResult(0).hasOneUse())
    return {};
  mlir::Operation *reader = *mean->getResult(0).getUsers().begin();
  return subtractsMean(reader, mean) ? llvm::cast<NodeOp>(reader) : NodeOp();
}

std::optional<LayerNormChain>
matchLayerNormChain(NodeOp mean, int64_t rank,
                    llvm::function_ref<std::optional<Const>(mlir::Value)> constantOf) {
  using mlir::Value;
  // The one node reading `v` (none when a graph output or two nodes read it).
  auto reader = [](Value v, llvm::StringRef op) -> NodeOp {
    if (!v.hasOneUse())
      return {};
    auto n = llvm::dyn_cast<NodeOp>(*v.getUsers().begin());
    return n && n.getOpType() == op && n.getDomain().empty() ? n : NodeOp();
  };
  // One axis, the last, kept: an attribute, or from opset 18 a constant
  // input 1 (as the conversion's reductions read it).
  auto overLastAxis = [&](NodeOp n) {
    mlir::DictionaryAttr a = n.getAttrsAttr();
    std::vector<int64_t> axes;
    if (n->getNumOperands() == 2) {
      std::optional<Const> c = constantOf(n->getOperand(1));
      if (!c || c->isFloat() || c->shape.size() != 1)
        return false;
      axes = c->ints;
    } else if (auto attr = a ? llvm::dyn_cast_or_null<mlir::DenseI64ArrayAttr>(a.get("axes"))
                             : mlir::DenseI64ArrayAttr()) {
      axes.assign(attr.asArrayRef().begin(), attr.asArrayRef().end());
    }
    auto keep = a ? llvm::dyn_cast_or_null<mlir::IntegerAttr>(a.get("keepdims"))
                  : mlir::IntegerAttr();
    return axes.size() == 1 && (axes[0] == -1 || (rank >= 0 && axes[0] == rank - 1)) &&
           (!keep || keep.getInt() == 1);
  };
  // The float constant operand of binary node `n` whose other operand is
  // `v`, and that operand.
  auto other = [&](NodeOp n, Value v) -> std::pair<std::optional<Const>, Value> {
    if (n->getNumOperands() != 2 || (n->getOperand(0) != v && n->getOperand(1) != v))
      return {std::nullopt, Value()};
    Value k = n->getOperand(n->getOperand(0) == v ? 1 : 0);
    auto c = constantOf(k);
    return {c && c->isFloat() ? c : std::nullopt, k};
  };
  auto perElement = [&](const std::optional<Const> &c) {
    if (!c || c->shape.empty())
      return c && c->numel() == 1;
    return c->numel() == 1 || c->shape.back() == c->numel();
  };
  NodeOp sub = layerNormSub(mean);
  if (!sub || !overLastAxis(mean))
    return std::nullopt;
  Value d = sub->getResult(0);
  NodeOp pow, div;
  for (mlir::Operation *u : d.getUsers()) {
    auto n = llvm::dyn_cast<NodeOp>(u);
    if (n && n.getOpType() == "Pow" && n->getNumOperands() == 2 && n->getOperand(0) == d && !pow)
      pow = n;
    else if (n && n.getOpType() == "Div" && n->getNumOperands() == 2 && n->getOperand(0) == d &&
             !div)
      div = n;
    else
      return std::nullopt;
  }
  std::optional<Const> two = pow ? constantOf(pow->getOperand(1)) : std::nullopt;
  // A float exponent, as epsilon and the affine constants (a folded
  // QuantizeLinear's codes are not).
  if (!pow || !div || !two || !two->isFloat() || two->numel() != 1 || two->at(0) != 2.0)
    return std::nullopt;
  NodeOp var = reader(pow->getResult(0), "ReduceMean");
  if (!var || !overLastAxis(var))
    return std::nullopt;
  NodeOp addEps = reader(var->getResult(0), "Add");
  std::optional<Const> eps = addEps ? other(addEps, var->getResult(0)).first : std::nullopt;
  if (!eps || eps->numel() != 1 || !(eps->at(0) >= 0))
    return std::nullopt;
  NodeOp sqrt = reader(addEps->getResult(0), "Sqrt");
  if (!sqrt || div->getOperand(1) != sqrt->getResult(0) || !sqrt->getResult(0).hasOneUse())
    return std::nullopt;
  LayerNormChain chain;
  auto widest = [&](const Const &c, Value v) {
    if (!chain.widestConstant || c.shape.size() > chain.widestRank) {
      chain.widestRank = c.shape.size();
      chain.widestConstant = v;
      chain.widestShape = c.shape;
    }
  };
  widest(*two, pow->getOperand(1));
  widest(*eps, other(addEps, var->getResult(0)).second);
  chain.epsilon = float(eps->at(0));
  chain.nodes = {mean, sub, pow, var, addEps, sqrt, div};
  if (NodeOp mul = reader(div->getResult(0), "Mul")) {
    auto [g, gv] = other(mul, div->getResult(0));
    if (perElement(g)) {
      chain.gamma.assign(g->floats.begin(), g->floats.end());
      chain.gammaValue = gv;
      widest(*g, gv);
      chain.nodes.push_back(mul);
      if (NodeOp add = reader(mul->getResult(0), "Add")) {
        auto [bt, bv] = other(add, mul->getResult(0));
        if (perElement(bt)) {
          chain.beta.assign(bt->floats.begin(), bt->floats.end());
          chain.betaValue = bv;
          widest(*bt, bv);
          chain.nodes.push_back(add);
        }
      }
    }
  }
  return chain;
}

QInfo wideMeanParams(const QInfo &x, int64_t lo, int64_t hi) {
  constexpr int64_t kFiner = 16;
  QInfo q;
  q.scales = {x.scales[0] / kFiner};
  q.zeroPoints = {x.zeroPoints[0] * kFiner};
  q.storage = isSignedStorage(x.storage) ? kInt16 : kUInt16;
  q.qmin = lo * kFiner;
  q.qmax = hi * kFiner;
  return q;
}

std::string dequantizedReals(const Const &c, const QInfo &q, double scaleMul, const char *what,
                             std::vector<double> &out) {
  // One scale (and zero point) for all, or one per value; integer values.
  int64_t n = c.numel();
  auto fits = [&](size_t k) { return k == 1 || int64_t(k) >= n; };
  if (c.isFloat() || int64_t(c.ints.size()) != n || !fits(q.scales.size()) ||
      !fits(q.zeroPoints.size()) || q.scales.size() != q.zeroPoints.size())
    return std::string(what) + ": a DequantizeLinear of " + std::to_string(n) +
           " integer values needs one scale and zero point, or one per value";
  for (int64_t i = 0; i < n; ++i) {
    int64_t ch = q.scales.size() == 1 ? 0 : i;
    out.push_back(double(dequantizeValue(int32_t(c.ints[i]), float(q.scales[ch]),
                                         int32_t(q.zeroPoints[ch]))) *
                  scaleMul);
  }
  return {};
}

std::pair<int64_t, int64_t> quantAxisOf(int64_t axis, llvm::ArrayRef<int64_t> shape) {
  int64_t rank = shape.size();
  if (axis < 0)
    axis += rank;
  return {axis, axis >= 0 && axis < rank ? shape[axis] : -1};
}

std::optional<int64_t> channelAxisOf(llvm::ArrayRef<int64_t> xs, llvm::ArrayRef<int64_t> ss) {
  if (ss.size() > xs.size())
    return std::nullopt;
  int64_t axis = -1;
  for (size_t i = 0; i < ss.size(); ++i) {
    int64_t d = int64_t(xs.size() - ss.size() + i);
    if (ss[i] == 1)
      continue;
    if (ss[i] != xs[d] || axis >= 0 || d == 0)
      return std::nullopt;
    axis = d;
  }
  return axis;
}

std::string storageTypeProblem(int32_t code, const char *what) {
  if (storageWidth(code) && code != kUInt16 && code != kInt16)
    return {};
  return std::string(what) + " type " + typeCodeName(code) +
         " is not supported (uint8, int8, int32, uint4, int4, uint2, int2)";
}

std::string castConst(Const &c, int32_t to) {
  c.narrowed.reset(); // a zero point's range is its type's: not the new type's
  if (to == kFloat || to == kDouble) {
    if (!c.isFloat())
      c.floats.assign(c.ints.begin(), c.ints.end());
    c.ints.clear();
    c.type = kFloat;
    return {};
  }
  unsigned w = to == kInt64 ? 64 : to == kBool ? 1 : storageWidth(to);
  if (!w)
    return std::string("Cast to ") + typeCodeName(to) + " is not supported";
  bool isSigned = to == kInt64 || isSignedStorage(to);
  // Integer bounds of the target type, compared as integers (int64 values
  // are not all exact in double).
  int64_t lo = isSigned ? (w == 64 ? INT64_MIN : -(int64_t(1) << (w - 1))) : 0;
  int64_t hi = isSigned ? (w == 64 ? INT64_MAX : (int64_t(1) << (w - 1)) - 1)
                        : (int64_t(1) << w) - 1;
  std::vector<int64_t> ints(c.size());
  for (int64_t i = 0; i < c.size(); ++i) {
    int64_t v;
    if (c.isFloat()) {
      double t = std::trunc(double(c.floats[i]));
      // -2^63 <= t < 2^63 is exactly what int64 holds.
      if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0))
        return "Cast of value " + numberText(c.at(i)) + " to " + typeCodeName(to) +
               " is out of its range";
      v = int64_t(t);
    } else {
      v = c.ints[i];
    }
    if (to == kBool)
      v = v != 0;
    if (v < lo || v > hi)
      return "Cast of value " + numberText(c.at(i)) + " to " + typeCodeName(to) +
             " is out of its range";
    ints[i] = v;
  }
  c.ints = std::move(ints);
  c.floats.clear();
  c.type = to;
  return {};
}

std::string quantizeConst(const Const &x, const QInfo &q, Const &out) {
  if (!x.isFloat())
    return "input must be float32";
  auto [smin, smax] = storageRange(q.storage);
  int32_t qmin = int32_t(q.qmin.value_or(smin)), qmax = int32_t(q.qmax.value_or(smax));
  int64_t axis = q.scales.size() > 1 ? q.axis : -1;
  out.type = q.storage;
  out.shape = x.shape;
  out.ints.clear();
  out.floats.clear();
  for (int64_t i = 0; i < x.numel(); ++i) {
    int64_t ch = axis < 0 ? 0 : axisIndex(i, x.shape, axis);
    out.ints.push_back(quantizeFloat(x.floats[i], float(q.scales[ch]),
                                     int32_t(q.zeroPoints[ch]), qmin, qmax));
  }
  return {};
}

Const embeddingCodes(const Const &table, const QInfo *dequantized, const QInfo &q, int32_t cmin,
                     int32_t cmax) {
  Const real;
  real.shape = table.shape;
  if (dequantized) {
    for (size_t i = 0; i < table.ints.size(); ++i) {
      int64_t ch = axisIndex(int64_t(i), table.shape, dequantized->axis);
      real.floats.push_back(dequantizeValue(int32_t(table.ints[i]),
                                            float(dequantized->scales[ch]),
                                            int32_t(dequantized->zeroPoints[ch])));
    }
  } else {
    real.floats = table.floats;
  }
  Const codes;
  (void)quantizeConst(real, q, codes); // float by construction
  for (int64_t &c : codes.ints)
    c = std::clamp<int64_t>(c, cmin, cmax);
  return codes;
}

std::string biasRealValues(const Const &c, const QInfo *dequantized, double scaleMul,
                           int64_t channels, const char *what, std::vector<double> &out) {
  if (dequantized) {
    if (std::string err = dequantizedReals(c, *dequantized, scaleMul, what, out); !err.empty())
      return err;
  } else if (c.isFloat()) {
    for (float f : c.floats)
      out.push_back(double(f) * scaleMul);
  } else {
    return std::string(what) + " must be a constant (an initializer, or DequantizeLinear of one)";
  }
  return valueCountProblem(out.size(), channels, what);
}

std::string valueCountProblem(size_t n, int64_t channels, const char *what) {
  if (int64_t(n) == channels || n == 1)
    return {};
  return std::string(what) + " has " + std::to_string(n) + " values, expected " +
         std::to_string(channels);
}

bool gemmBiasShapeOk(llvm::ArrayRef<int64_t> s, int64_t n) {
  return s.empty() || (s.size() == 1 && (s[0] == n || s[0] == 1)) ||
         (s.size() == 2 && s[0] == 1 && (s[1] == n || s[1] == 1));
}

bool isRowShape(llvm::ArrayRef<int64_t> s) {
  int64_t numel = 1;
  for (int64_t d : s)
    numel *= d;
  return !s.empty() && std::count(s.begin(), s.end(), 1) >= int64_t(s.size()) - 1 &&
         !(s.size() > 1 && s.back() == 1 && numel > 1);
}

int64_t matMulRank(int64_t a, int64_t b) {
  if (a == 1 || b == 1)
    return std::max(a, b) - 1;
  return std::max(a, b);
}

std::string integerBias(const std::vector<double> &real, double sx, const QInfo &w,
                        int64_t channels, std::vector<int32_t> &out) {
  for (int64_t c = 0; c < channels; ++c) {
    double sw = w.scales[w.scales.size() == 1 ? 0 : c];
    double q = std::nearbyint(real[real.size() == 1 ? 0 : c] / (sx * sw));
    if (!(std::fabs(q) < 2147483647.0))
      return "bias does not fit in int32 at scale input_scale * weight_scale";
    out.push_back(int32_t(q));
  }
  return {};
}

bool channelValues(const Const &c, int64_t channels, std::vector<double> &out) {
  if (!c.isFloat() || c.shape.size() > 4)
    return false;
  int64_t rank = c.shape.size(), n = c.numel();
  for (int64_t d = 0; d < rank; ++d) // right-aligned: dimension d is NCHW's d + 4 - rank
    if (c.shape[d] != 1 && !(d + 4 - rank == 1 && c.shape[d] == channels))
      return false;
  out.clear();
  for (int64_t ch = 0; ch < channels; ++ch)
    out.push_back(double(c.floats[n == 1 ? 0 : ch]));
  return true;
}

std::string foldArithmetic(ChannelAffine &f, llvm::StringRef op, bool constFirst,
                           const std::vector<double> &k) {
  for (size_t c = 0; c < f.a.size(); ++c) {
    double &a = f.a[c], &b = f.b[c];
    if (op == "Add") {
      b += k[c];
    } else if (op == "Sub") { // y - k, or k - y
      if (!constFirst) {
        b -= k[c];
      } else {
        a = -a;
        b = k[c] - b;
      }
    } else if (op == "Mul") {
      a *= k[c];
      b *= k[c];
    } else {
      if (k[c] == 0 || !std::isfinite(k[c]))
        return "divisor of channel " + std::to_string(c) + " is " + numberText(k[c]) +
               "; it must be finite and not zero";
      a /= k[c];
      b /= k[c];
    }
  }
  return {};
}

std::string foldBatchNormalization(ChannelAffine &f, const std::vector<double> &scale,
                                   const std::vector<double> &bias,
                                   const std::vector<double> &mean,
                                   const std::vector<double> &var, double epsilon) {
  for (size_t c = 0; c < f.a.size(); ++c) {
    double k = scale[c] / std::sqrt(var[c] + epsilon);
    if (!std::isfinite(k))
      return "channel " + std::to_string(c) + " has no finite scale / sqrt(var + epsilon)";
    f.a[c] *= k;
    f.b[c] = f.b[c] * k + (bias[c] - mean[c] * k);
  }
  return {};
}

std::string applyChannelAffine(const ChannelAffine &f, Const &w, QInfo &wq,
                               std::vector<double> &bias, bool &widened) {
  int64_t channels = w.shape[0], per = w.numel() / channels;
  if (wq.scales.size() > 1 && (wq.axis != 0 || int64_t(wq.scales.size()) != channels ||
                               wq.zeroPoints.size() != wq.scales.size()))
    return "per-channel weight quantization must be along axis 0";
  if (wq.scales.size() == 1) {
    wq.scales.assign(channels, wq.scales[0]);
    wq.zeroPoints.assign(channels, wq.zeroPoints[0]);
    wq.axis = 0;
  }
  if (bias.size() == 1)
    bias.assign(channels, bias[0]);
  bool isSigned = isSignedStorage(wq.storage);
  unsigned width = storageWidth(wq.storage);
  int64_t lo = wq.qmin.value_or(quant::QuantizedType::getDefaultMinimumForInteger(isSigned, width));
  int64_t hi = wq.qmax.value_or(quant::QuantizedType::getDefaultMaximumForInteger(isSigned, width));
  widened = false;
  for (int64_t c = 0; c < channels; ++c) {
    double a = f.a[c], b = f.b[c];
    if (!std::isfinite(a) || !std::isfinite(b))
      return "channel " + std::to_string(c) +
             ": the operators folded into the convolution give a factor or offset that is "
             "not finite";
    int64_t zp = wq.zeroPoints[c];
    int64_t *codes = w.ints.data() + c * per;
    if (a == 0) {
      std::fill(codes, codes + per, zp);
    } else {
      if (a < 0)
        for (int64_t i = 0; i < per; ++i) {
          codes[i] = 2 * zp - codes[i];
          widened |= codes[i] < lo || codes[i] > hi;
        }
      float scaled = float(wq.scales[c] * std::fabs(a));
      if (!std::isnormal(scaled))
        return "channel " + std::to_string(c) + ": the weight scale times the factor folded "
               "into the convolution (" + numberText(wq.scales[c] * std::fabs(a)) +
               ") is no normal float32";
      wq.scales[c] = scaled;
    }
    bias[c] = bias[c] * a + b;
  }
  if (widened) {
    // From 8 bits or fewer a mirrored code, |2z - q| <= 638, fits 16 bits;
    // int32 codes (an int32 zero point) may not fit any storage.
    if (width > 8)
      return "a negative factor folded into the convolution mirrors its " +
             std::to_string(width) + "-bit weight codes out of their range";
    wq.storage = w.type = kInt16;
    wq.qmin.reset();
    wq.qmax.reset();
  }
  return {};
}

} // namespace npc::onnx
