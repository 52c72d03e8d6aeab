//===- QGraphOps.cpp - quantized-graph dialect ----------------------------===//
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Runtime/SubByte.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace npc;
using namespace npc::qg;

#include "npc/Dialect/QGraph/IR/QGraphOpsDialect.cpp.inc"

void QGraphDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "npc/Dialect/QGraph/IR/QGraphOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

std::optional<QuantParams> npc::qg::getQuantParams(Type t) {
  QuantParams p;
  if (auto q = dyn_cast<quant::QuantizedType>(t)) {
    p.isQuantized = true;
    p.isSigned = q.isSigned();
    p.storageWidth = q.getStorageTypeIntegralWidth();
    p.storageMin = q.getStorageTypeMin();
    p.storageMax = q.getStorageTypeMax();
    if (auto u = dyn_cast<quant::UniformQuantizedType>(t)) {
      p.scales = {u.getScale()};
      p.zeroPoints = {u.getZeroPoint()};
    } else if (auto a = dyn_cast<quant::UniformQuantizedPerAxisType>(t)) {
      p.scales.assign(a.getScales().begin(), a.getScales().end());
      p.zeroPoints.assign(a.getZeroPoints().begin(), a.getZeroPoints().end());
      p.axis = a.getQuantizedDimension();
    } else {
      return std::nullopt;
    }
    return p;
  }
  if (auto i = dyn_cast<IntegerType>(t)) {
    p.isSigned = !i.isUnsigned();
    p.storageWidth = i.getWidth();
    if (p.storageWidth > 32)
      return std::nullopt;
    p.storageMin = p.isSigned ? -(int64_t(1) << (p.storageWidth - 1)) : 0;
    p.storageMax = p.isSigned ? (int64_t(1) << (p.storageWidth - 1)) - 1
                              : (int64_t(1) << p.storageWidth) - 1;
    p.scales = {1.0};
    p.zeroPoints = {0};
    return p;
  }
  return std::nullopt;
}

std::optional<ConstantInts> ConstantInts::of(Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  if (!c)
    return std::nullopt;
  auto p = getQuantParams(cast<ShapedType>(c.getType()).getElementType());
  auto dense = dyn_cast<DenseIntElementsAttr>(c.getValue());
  if (!p || !dense)
    return std::nullopt;
  ConstantInts r;
  r.count = dense.getNumElements();
  r.isSigned = p->isSigned;
  r.width = dense.getElementType().getIntOrFloatBitWidth();
  r.splat = dense.isSplat();
  if (r.width < 2 || r.width > 32) {
    // Unusual widths: one APInt each, kept decoded.
    for (const APInt &x : dense.getValues<APInt>())
      r.decoded.push_back(int32_t(p->isSigned ? x.getSExtValue() : x.getZExtValue()));
    r.splat = false;
    return r;
  }
  // Weights are most of a model's bytes: read the stored bytes in place
  // (each element in ceil(width / 8) little-endian bytes) rather than one
  // APInt per element.
  r.raw = dense.getRawData();
  r.stride = (r.width + 7) / 8;
  return r;
}

int32_t ConstantInts::operator[](int64_t i) const {
  if (!decoded.empty())
    return decoded[i];
  if (splat)
    i = 0;
  uint32_t u = 0;
  for (unsigned b = 0; b < stride; ++b)
    u |= uint32_t(uint8_t(raw[size_t(i) * stride + b])) << (8 * b);
  uint32_t mask = width == 32 ? ~0u : (1u << width) - 1;
  u &= mask;
  if (isSigned && width < 32 && (u >> (width - 1)))
    u |= ~mask;
  return int32_t(u);
}

/// `fn(bytes)` with the storage as T when every element is one whole T
/// (8-bit weights, almost all of a model's bytes): loops the compiler
/// vectorizes. False otherwise.
template <typename Fn>
static bool asBytes(llvm::ArrayRef<char> raw, unsigned width, bool isSigned, bool plain, Fn fn) {
  if (!plain || width != 8)
    return false;
  if (isSigned)
    fn(reinterpret_cast<const int8_t *>(raw.data()));
  else
    fn(reinterpret_cast<const uint8_t *>(raw.data()));
  return true;
}

std::pair<int32_t, int32_t> ConstantInts::minMax(int64_t begin, int64_t end) const {
  // The verifiers and the chip passes scan every weight to size parameter
  // slices: 8-bit storage by a typed loop, other byte-wide storage without
  // the general decoder.
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  if (asBytes(raw, width, isSigned, decoded.empty() && !splat, [&](const auto *p) {
        // In unsigned bytes (signed ones with the sign bit flipped keep their
        // order): SSE2's pminub/pmaxub, 16 bytes a step, where int32 min/max
        // would need SSE4.1. Locals, as bytes may alias the captures.
        uint8_t flip = isSigned ? 0x80 : 0, l = 255, h = 0;
        const uint8_t *u = reinterpret_cast<const uint8_t *>(p);
        for (int64_t i = begin; i < end; ++i) {
          l = std::min<uint8_t>(l, u[i] ^ flip);
          h = std::max<uint8_t>(h, u[i] ^ flip);
        }
        lo = isSigned ? int32_t(int8_t(l ^ flip)) : l;
        hi = isSigned ? int32_t(int8_t(h ^ flip)) : h;
      }))
    return {lo, hi};
  if (decoded.empty() && !splat && stride == 1) {
    uint32_t mask = (1u << width) - 1;
    for (int64_t i = begin; i < end; ++i) {
      uint32_t u = uint8_t(raw[i]) & mask;
      if (isSigned && (u >> (width - 1)))
        u |= ~mask;
      lo = std::min(lo, int32_t(u));
      hi = std::max(hi, int32_t(u));
    }
    return {lo, hi};
  }
  lo = (*this)[begin], hi = lo;
  for (int64_t i = begin + 1; i < end; ++i) {
    int32_t v = (*this)[i];
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  return {lo, hi};
}

void ConstantInts::read(int64_t begin, int64_t end, int32_t *out) const {
  if (asBytes(raw, width, isSigned, decoded.empty() && !splat, [&](const auto *p) {
        for (int64_t i = begin; i < end; ++i)
          out[i - begin] = p[i];
      }))
    return;
  if (decoded.empty() && !splat && stride == 1) { // 2 to 7 bits, a byte each
    const uint32_t mask = (1u << width) - 1, sign = isSigned ? 1u << (width - 1) : 0;
    for (int64_t i = begin; i < end; ++i)
      out[i - begin] = int32_t(((uint8_t(raw[i]) & mask) ^ sign) - sign);
    return;
  }
  for (int64_t i = begin; i < end; ++i)
    out[i - begin] = (*this)[i];
}

std::optional<std::vector<int32_t>> npc::qg::getConstantInts(Value v) {
  auto ints = ConstantInts::of(v);
  if (!ints)
    return std::nullopt;
  std::vector<int32_t> out(ints->size());
  ints->read(0, ints->size(), out.data());
  return out;
}

static Type elemType(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}
static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// Activations are per-tensor quantized; `what` names the operand.
static LogicalResult verifyPerTensorQuant(Operation *op, Value v,
                                          StringRef what) {
  if (!isa<quant::UniformQuantizedType>(elemType(v)))
    return op->emitOpError() << what << " must have a per-tensor !quant.uniform "
                             << "element type, got " << elemType(v);
  return success();
}

/// A one-input layer: input and result per-tensor quantized.
static LogicalResult verifyPerTensorInOut(Operation *op, Value in, Value out) {
  return failure(failed(verifyPerTensorQuant(op, in, "input")) ||
                 failed(verifyPerTensorQuant(op, out, "result")));
}

static LogicalResult verifyPerAxis(Operation *op, ShapedType t, StringRef what) {
  if (auto a = dyn_cast<quant::UniformQuantizedPerAxisType>(t.getElementType())) {
    int32_t axis = a.getQuantizedDimension();
    if (axis < 0 || axis >= t.getRank())
      return op->emitOpError() << what << " quantization axis " << axis
                               << " is out of range for rank " << t.getRank();
    if ((int64_t)a.getScales().size() != t.getDimSize(axis))
      return op->emitOpError()
             << what << " has " << a.getScales().size()
             << " per-axis scales but dimension " << axis << " is "
             << t.getDimSize(axis);
  }
  return success();
}

/// Clamp bounds inside the output's storage range; legalized arrays sized.
static LogicalResult verifyRequant(Operation *op, Value out, int64_t clampMin,
                                   int64_t clampMax,
                                   std::optional<ArrayRef<int32_t>> multiplier,
                                   std::optional<ArrayRef<int32_t>> shift,
                                   int64_t numMultipliers, int64_t numShifts) {
  auto p = getQuantParams(elemType(out));
  if (!p)
    return op->emitOpError() << "result element type must be quantized or an integer";
  if (clampMin > clampMax)
    return op->emitOpError() << "clamp_min " << clampMin << " exceeds clamp_max "
                             << clampMax;
  if (p->isQuantized && (clampMin > p->storageMax || clampMax < p->storageMin))
    return op->emitOpError() << "clamp range [" << clampMin << ", " << clampMax
                             << "] lies outside the result storage range ["
                             << p->storageMin << ", " << p->storageMax << "]";
  if (multiplier.has_value() != shift.has_value())
    return op->emitOpError() << "multiplier and shift must be given together";
  if (multiplier) {
    if ((int64_t)multiplier->size() != numMultipliers)
      return op->emitOpError() << "expects " << numMultipliers
                               << " multipliers, got " << multiplier->size();
    if ((int64_t)shift->size() != numShifts)
      return op->emitOpError() << "expects " << numShifts << " shifts, got "
                               << shift->size();
    for (int32_t m : *multiplier)
      if (m < 0)
        return op->emitOpError() << "multiplier " << m << " is negative";
    for (int32_t s : *shift)
      if (s < 0 || s > npc::kMaxShift)
        return op->emitOpError() << "shift " << s << " is outside [0, "
                                 << npc::kMaxShift << "]";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  auto resultType = cast<ShapedType>(getType());
  if (valueType.getShape() != resultType.getShape())
    return emitOpError() << "value shape does not match the result shape";
  auto p = getQuantParams(resultType.getElementType());
  auto vi = dyn_cast<IntegerType>(valueType.getElementType());
  if (!p || !vi)
    return emitOpError() << "holds integers: value and result must be integer or quantized";
  if (vi.getWidth() != p->storageWidth)
    return emitOpError() << "value element width " << vi.getWidth()
                         << " differs from the storage width " << p->storageWidth;
  // A narrowed range (QONNX's bit widths) is a claim the overflow bounds
  // rely on: the codes must keep it. The full range holds by the width.
  unsigned w = p->storageWidth;
  auto dense = dyn_cast<DenseIntElementsAttr>(getValue());
  if (dense && p->isQuantized &&
      (p->storageMin != quant::QuantizedType::getDefaultMinimumForInteger(p->isSigned, w) ||
       p->storageMax != quant::QuantizedType::getDefaultMaximumForInteger(p->isSigned, w)))
    for (const APInt &v : dense) {
      int64_t x = p->isSigned ? v.getSExtValue() : int64_t(v.getZExtValue());
      if (x < p->storageMin || x > p->storageMax)
        return emitOpError() << "value " << x << " is outside the storage range ["
                             << p->storageMin << ", " << p->storageMax << "] of its type";
    }
  return verifyPerAxis(*this, resultType, "result");
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

//===----------------------------------------------------------------------===//
// Boundary ops
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  auto t = cast<ShapedType>(getOutput().getType());
  if (!isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
          t.getElementType()))
    return emitOpError() << "result must be !quant.uniform, got "
                         << t.getElementType();
  return verifyPerAxis(*this, t, "result");
}

LogicalResult DequantizeOp::verify() {
  auto t = cast<ShapedType>(getInput().getType());
  auto p = getQuantParams(t.getElementType());
  if (!p || !p->isQuantized)
    return emitOpError() << "input must be !quant.uniform, got "
                         << t.getElementType();
  return verifyPerAxis(*this, t, "input");
}

LogicalResult StorageCastOp::verify() {
  auto a = getQuantParams(elemType(getInput()));
  auto b = getQuantParams(elemType(getOutput()));
  if (!a || !b)
    return emitOpError() << "casts between integer and quantized types only";
  if (!a->isQuantized && !b->isQuantized)
    return emitOpError() << "one side must be quantized";
  if (a->storageWidth != b->storageWidth || a->isSigned != b->isSigned)
    return emitOpError() << "storage differs: " << elemType(getInput())
                         << " vs " << elemType(getOutput());
  if (failed(verifyPerAxis(*this, cast<ShapedType>(getInput().getType()), "input")))
    return failure();
  return verifyPerAxis(*this, cast<ShapedType>(getOutput().getType()), "result");
}

OpFoldResult StorageCastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  if (auto prev = getInput().getDefiningOp<StorageCastOp>())
    if (prev.getInput().getType() == getOutput().getType())
      return prev.getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto a = cast<ShapedType>(getInput().getType());
  auto b = cast<ShapedType>(getOutput().getType());
  if (a.getElementType() != b.getElementType())
    return emitOpError() << "element type must not change";
  if (!a.hasStaticShape() || !b.hasStaticShape())
    return emitOpError() << "shapes must be static";
  if (a.getNumElements() != b.getNumElements())
    return emitOpError() << "element count changes from " << a.getNumElements()
                         << " to " << b.getNumElements();
  if (isa<quant::UniformQuantizedPerAxisType>(a.getElementType()))
    return emitOpError() << "cannot reshape a per-axis quantized tensor";
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

LogicalResult SliceOp::verify() {
  auto in = shapeOf(getInput());
  auto out = shapeOf(getOutput());
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  if (starts.size() != in.size() || steps.size() != in.size() || out.size() != in.size())
    return emitOpError() << "starts, steps, input and result ranks must agree";
  for (size_t d = 0; d < in.size(); ++d) {
    if (steps[d] < 1 || steps[d] > in[d] + 1 || starts[d] < 0 || starts[d] > in[d] ||
        out[d] > in[d] || (out[d] > 0 && starts[d] + steps[d] * (out[d] - 1) >= in[d]))
      return emitOpError() << "dimension " << d << ": " << out[d] << " elements from "
                           << starts[d] << " in steps of " << steps[d]
                           << " do not lie in the input's " << in[d];
  }
  if (elemType(getInput()) != elemType(getOutput()))
    return emitOpError() << "element type must not change";
  if (isa<quant::UniformQuantizedPerAxisType>(elemType(getInput())))
    return emitOpError() << "cannot slice a per-axis quantized tensor";
  return success();
}

LogicalResult PadOp::verify() {
  auto in = shapeOf(getInput());
  auto out = shapeOf(getOutput());
  ArrayRef<int64_t> pads = getPads();
  if (pads.size() != 2 * in.size() || out.size() != in.size())
    return emitOpError() << "needs a begin and an end per dimension and the input's rank";
  for (size_t d = 0; d < in.size(); ++d) {
    if (pads[d] < 0 || pads[in.size() + d] < 0)
      return emitOpError() << "pads must not be negative";
    if (out[d] != in[d] + pads[d] + pads[in.size() + d])
      return emitOpError() << "result dimension " << d << " should be "
                           << in[d] + pads[d] + pads[in.size() + d];
  }
  if (elemType(getInput()) != elemType(getOutput()))
    return emitOpError() << "element type must not change";
  if (isa<quant::UniformQuantizedPerAxisType>(elemType(getInput())))
    return emitOpError() << "cannot pad a per-axis quantized tensor";
  return success();
}

LogicalResult ResizeOp::verify() {
  auto in = shapeOf(getInput());
  auto out = shapeOf(getOutput());
  ArrayRef<int64_t> f = getFactors();
  if (in.size() != 4 || out.size() != 4 || f.size() != 2)
    return emitOpError() << "needs NCHW input and result and two factors (height, width)";
  if (f[0] < 1 || f[1] < 1)
    return emitOpError() << "factors must be >= 1";
  if (out[0] != in[0] || out[1] != in[1] || out[2] != in[2] * f[0] || out[3] != in[3] * f[1])
    return emitOpError() << "result must be the input with height x " << f[0] << " and width x "
                         << f[1];
  if (elemType(getInput()) != elemType(getOutput()))
    return emitOpError() << "element type must not change";
  if (isa<quant::UniformQuantizedPerAxisType>(elemType(getInput())))
    return emitOpError() << "cannot resize a per-axis quantized tensor";
  return success();
}

LogicalResult ResizeLinearOp::verify() {
  if (failed(verifyPerTensorInOut(*this, getInput(), getOutput())))
    return failure();
  auto in = shapeOf(getInput()), out = shapeOf(getOutput());
  if (in.size() != 4 || out.size() != 4 || in[0] != out[0] || in[1] != out[1])
    return emitOpError() << "needs NCHW input and result of one batch and channel count";
  if (getCoordStep().size() != 2 || getCoordOffset().size() != 2 || getCoordDen().size() != 2)
    return emitOpError() << "needs two coordinate steps, offsets and denominators (height, width)";
  for (int d = 0; d < 2; ++d)
    if (getCoordDen()[d] < 1 || getCoordDen()[d] > 65536 || getCoordStep()[d] < 0)
      return emitOpError() << "coordinate denominators must be in [1, 65536] and steps >= 0";
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(), (int32_t)getClampMax(),
                       getMultiplier(), getShift(), 1, 1);
}

LogicalResult TransposeOp::verify() {
  auto in = shapeOf(getInput());
  auto out = shapeOf(getOutput());
  ArrayRef<int64_t> perm = getPerm();
  if (perm.size() != in.size() || out.size() != in.size())
    return emitOpError() << "perm, input and result ranks must agree";
  SmallVector<bool> seen(in.size(), false);
  for (size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] < 0 || perm[i] >= (int64_t)in.size() || seen[perm[i]])
      return emitOpError() << "perm is not a permutation";
    seen[perm[i]] = true;
    if (out[i] != in[perm[i]])
      return emitOpError() << "result dimension " << i << " should be "
                           << in[perm[i]];
  }
  if (elemType(getInput()) != elemType(getOutput()))
    return emitOpError() << "element type must not change";
  if (isa<quant::UniformQuantizedPerAxisType>(elemType(getInput())))
    return emitOpError() << "cannot transpose a per-axis quantized tensor";
  return success();
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  auto out = shapeOf(getOutput());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)out.size())
    return emitOpError() << "axis " << axis << " out of range";
  int64_t total = 0;
  for (Value in : getInputs()) {
    if (elemType(in) != elemType(getOutput()))
      return emitOpError() << "input element type " << elemType(in)
                           << " differs from the result's " << elemType(getOutput());
    auto s = shapeOf(in);
    if (s.size() != out.size())
      return emitOpError() << "ranks differ";
    for (size_t d = 0; d < s.size(); ++d)
      if ((int64_t)d != axis && s[d] != out[d])
        return emitOpError() << "dimension " << d << " differs";
    total += s[axis];
  }
  if (total != out[axis])
    return emitOpError() << "result axis size " << out[axis]
                         << " is not the sum of the inputs' " << total;
  return success();
}

/// Pooling window attributes and the NCHW output shape.
static LogicalResult verifyWindow(Operation *op, Value input, Value output,
                                  ArrayRef<int64_t> kernel,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> dilations,
                                  ArrayRef<int64_t> pads,
                                  std::optional<int64_t> outChannels) {
  auto in = shapeOf(input);
  auto out = shapeOf(output);
  if (in.size() != 4 || out.size() != 4)
    return op->emitOpError() << "expects NCHW (rank 4) input and result";
  if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2 ||
      pads.size() != 4)
    return op->emitOpError()
           << "expects 2 kernel, 2 stride, 2 dilation and 4 pad values";
  for (int64_t v : llvm::concat<const int64_t>(kernel, strides, dilations))
    if (v < 1)
      return op->emitOpError() << "kernel, strides and dilations must be >= 1";
  for (int64_t p : pads)
    if (p < 0)
      return op->emitOpError() << "pads must be >= 0";
  int64_t oh = windowOutputSize(in[2], kernel[0], strides[0], dilations[0], pads[0], pads[2]);
  int64_t ow = windowOutputSize(in[3], kernel[1], strides[1], dilations[1], pads[1], pads[3]);
  int64_t oc = outChannels ? *outChannels : in[1];
  if (out[0] != in[0] || out[1] != oc || out[2] != oh || out[3] != ow)
    return op->emitOpError() << "result shape should be [" << in[0] << ", " << oc
                             << ", " << oh << ", " << ow << "]";
  return success();
}

LogicalResult MaxPoolOp::verify() {
  if (elemType(getInput()) != elemType(getOutput()))
    return emitOpError() << "element type must not change";
  return verifyWindow(*this, getInput(), getOutput(), getKernel(), getStrides(),
                      getDilations(), getPads(), std::nullopt);
}

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

/// Output channels of a conv/matmul weight and its per-axis dimension.
static LogicalResult verifyWeight(Operation *op, Value weight, int64_t axis) {
  auto t = cast<ShapedType>(weight.getType());
  auto p = getQuantParams(t.getElementType());
  if (!p || !p->isQuantized)
    return op->emitOpError() << "weight must be quantized, got "
                             << t.getElementType();
  if (p->axis >= 0 && p->axis != axis)
    return op->emitOpError() << "weight must be quantized per tensor or along "
                             << "dimension " << axis << ", not " << p->axis;
  return verifyPerAxis(op, t, "weight");
}

static LogicalResult verifyAccumulatorResult(Operation *op, Value out) {
  Type t = elemType(out);
  if (isa<quant::UniformQuantizedType>(t) || t.isInteger(32))
    return success();
  return op->emitOpError() << "result must be per-tensor !quant.uniform or i32, got "
                           << t;
}

LogicalResult Conv2dOp::verify() {
  if (failed(verifyPerTensorQuant(*this, getInput(), "input")) ||
      failed(verifyWeight(*this, getWeight(), 0)) ||
      failed(verifyAccumulatorResult(*this, getOutput())))
    return failure();
  auto in = shapeOf(getInput());
  auto w = shapeOf(getWeight());
  if (in.size() != 4 || w.size() != 4)
    return emitOpError() << "expects NCHW input and OIHW weight";
  int64_t group = getGroup();
  if (group < 1 || in[1] % group != 0 || w[0] % group != 0)
    return emitOpError() << "group " << group << " must divide input channels "
                         << in[1] << " and output channels " << w[0];
  if (w[1] * group != in[1])
    return emitOpError() << "weight has " << w[1] << " input channels per group, "
                         << "input has " << in[1] << " channels in " << group
                         << " groups";
  if (getBias() && (shapeOf(getBias()).size() != 1 || shapeOf(getBias())[0] != w[0]))
    return emitOpError() << "bias must have shape [" << w[0] << "]";
  if (failed(verifyWindow(*this, getInput(), getOutput(), {w[2], w[3]},
                          getStrides(), getDilations(), getPads(), w[0])))
    return failure();
  if (getFoldedBias() && (int64_t)getFoldedBias()->size() != w[0])
    return emitOpError() << "folded_bias must have " << w[0] << " values";
  bool quantOut = isa<quant::QuantizedType>(elemType(getOutput()));
  if (quantOut && getFoldedBias() && !getMultiplier())
    return emitOpError() << "a quantized result needs multiplier and shift";
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(),
                       (int32_t)getClampMax(), getMultiplier(), getShift(), w[0],
                       w[0]);
}

LogicalResult Conv2dAddOp::verify() {
  if (failed(verifyPerTensorQuant(*this, getInput(), "input")) ||
      failed(verifyPerTensorQuant(*this, getResidual(), "residual")) ||
      failed(verifyPerTensorQuant(*this, getOutput(), "result")) ||
      failed(verifyWeight(*this, getWeight(), 0)))
    return failure();
  auto convType = dyn_cast<quant::UniformQuantizedType>(getConvType());
  if (!convType)
    return emitOpError() << "conv_type must be a per-tensor !quant.uniform type, got "
                         << getConvType();
  auto in = shapeOf(getInput()), w = shapeOf(getWeight());
  if (in.size() != 4 || w.size() != 4)
    return emitOpError() << "expects NCHW input and OIHW weight";
  int64_t group = getGroup();
  if (group < 1 || in[1] % group != 0 || w[0] % group != 0 || w[1] * group != in[1])
    return emitOpError() << "weight " << w[0] << "x" << w[1] << " in " << group
                         << " groups does not fit input channels " << in[1];
  if (failed(verifyWindow(*this, getInput(), getOutput(), {w[2], w[3]}, getStrides(),
                          getDilations(), getPads(), w[0])))
    return failure();
  if (shapeOf(getResidual()) != shapeOf(getOutput()))
    return emitOpError() << "residual shape must be the result's";
  if (!getFoldedBias() || (int64_t)getFoldedBias()->size() != w[0])
    return emitOpError() << "folded_bias must have " << w[0] << " values";
  if (!getMultiplier())
    return emitOpError() << "needs the convolution's multiplier and shift";
  // (I32Attr getters return the value unsigned.)
  int64_t lo = convType.getStorageTypeMin(), hi = convType.getStorageTypeMax();
  int64_t convLo = int32_t(getConvClampMin()), convHi = int32_t(getConvClampMax());
  if (convLo > convHi || convLo < lo || convHi > hi)
    return emitOpError() << "conv clamp range [" << convLo << ", " << convHi
                         << "] must lie in conv_type's storage range [" << lo << ", " << hi
                         << "]";
  if (getConvOperand() != 0 && getConvOperand() != 1)
    return emitOpError() << "conv_operand must be 0 or 1, got " << getConvOperand();
  if (getAddMultiplier().size() != 2)
    return emitOpError() << "expects 2 add multipliers, got " << getAddMultiplier().size();
  if (int32_t(getAddShift()) < 0 || int32_t(getAddShift()) > npc::kMaxShift)
    return emitOpError() << "add shift " << int32_t(getAddShift()) << " is outside [0, "
                         << npc::kMaxShift << "]";
  // The convolution's multipliers: as qg.conv2d's (one per output channel).
  if (failed(verifyRequant(*this, getOutput(), (int32_t)getClampMin(), (int32_t)getClampMax(),
                           getMultiplier(), getShift(), w[0], w[0])))
    return failure();
  return success();
}

LogicalResult MatMulOp::verify() {
  auto in = shapeOf(getInput());
  auto w = shapeOf(getWeight());
  if (in.size() < 2 || w.size() < 2)
    return emitOpError() << "input and weight must have rank >= 2";
  if (failed(verifyPerTensorQuant(*this, getInput(), "input")) ||
      failed(verifyWeight(*this, getWeight(), w.size() - 1)) ||
      failed(verifyAccumulatorResult(*this, getOutput())))
    return failure();
  int64_t k = in.back(), n = w.back();
  if (IntegerAttr offsetAttr = getReductionOffsetAttr()) {
    // A part of a split reduction: K' columns from the offset on (read
    // signed: the getter's value is unsigned).
    const int64_t offset = offsetAttr.getInt();
    if (offset < 0 || offset > k || w[w.size() - 2] > k - offset)
      return emitOpError() << "weight K=" << w[w.size() - 2] << " from reduction_offset "
                           << offset << " exceeds input K=" << k;
    if (w.size() > 2)
      return emitOpError() << "a split reduction needs one weight matrix";
  } else if (w[w.size() - 2] != k) {
    return emitOpError() << "reduction sizes differ: input K=" << k
                         << ", weight K=" << w[w.size() - 2];
  }
  if (getPartial()) {
    if (!getReductionOffset())
      return emitOpError() << "partial sums need reduction_offset (a part of a split reduction)";
    SmallVector<int64_t> outShape(in.begin(), in.end());
    outShape.back() = n;
    if (shapeOf(getPartial()) != ArrayRef<int64_t>(outShape))
      return emitOpError() << "partial sums must have the result's shape";
  }
  if (w.size() > 2) {
    if (w.size() != in.size() ||
        !llvm::equal(in.drop_back(2), w.drop_back(2)))
      return emitOpError() << "batched weight must have the input's leading dimensions";
  }
  SmallVector<int64_t> expect(in.begin(), in.end());
  expect.back() = n;
  if (shapeOf(getOutput()) != ArrayRef<int64_t>(expect))
    return emitOpError() << "result shape is wrong";
  if (getBias() && (shapeOf(getBias()).size() != 1 || shapeOf(getBias())[0] != n))
    return emitOpError() << "bias must have shape [" << n << "]";
  // Batched weights have one folded bias per batch and column.
  int64_t columns = cast<ShapedType>(getWeight().getType()).getNumElements() / w[w.size() - 2];
  if (getFoldedBias() && (int64_t)getFoldedBias()->size() != columns)
    return emitOpError() << "folded_bias must have " << columns << " values";
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(),
                       (int32_t)getClampMax(), getMultiplier(), getShift(), n, n);
}

/// Add and Mul: per-tensor operands that broadcast to the result;
/// `multiplier` as verifyRequant checks it (a subtraction's sign removed).
template <typename OpTy>
static LogicalResult verifyBinary(OpTy op, int64_t multipliers,
                                  std::optional<ArrayRef<int32_t>> multiplier) {
  if (failed(verifyPerTensorQuant(op, op.getLhs(), "lhs")) ||
      failed(verifyPerTensorQuant(op, op.getRhs(), "rhs")) ||
      failed(verifyPerTensorQuant(op, op.getOutput(), "result")))
    return failure();
  auto b = broadcastShapes(shapeOf(op.getLhs()), shapeOf(op.getRhs()));
  if (!b || ArrayRef<int64_t>(*b) != shapeOf(op.getOutput()))
    return op.emitOpError() << "result shape is not the broadcast of the operands'";
  return verifyRequant(op, op.getOutput(), (int32_t)op.getClampMin(),
                       (int32_t)op.getClampMax(), multiplier, op.getShift(), multipliers, 1);
}

LogicalResult AddOp::verify() {
  auto m = getMultiplier();
  if (!getSubtract() || !m || m->size() != 2)
    return verifyBinary(*this, 2, m);
  if ((*m)[1] > 0)
    return emitOpError() << "subtracts, so its second multiplier must not be positive, got "
                         << (*m)[1];
  int64_t magnitude = -int64_t((*m)[1]);
  int32_t magnitudes[2] = {(*m)[0], int32_t(std::min<int64_t>(magnitude, INT32_MAX))};
  return verifyBinary(*this, 2, ArrayRef<int32_t>(magnitudes));
}

LogicalResult MulOp::verify() { return verifyBinary(*this, 1, getMultiplier()); }

LogicalResult AvgPoolOp::verify() {
  if (failed(verifyPerTensorInOut(*this, getInput(), getOutput())))
    return failure();
  if (failed(verifyWindow(*this, getInput(), getOutput(), getKernel(),
                          getStrides(), {1, 1}, getPads(), std::nullopt)))
    return failure();
  int64_t area = getKernel()[0] * getKernel()[1];
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(),
                       (int32_t)getClampMax(), getMultiplier(), getShift(), area,
                       area);
}

LogicalResult RescaleOp::verify() {
  if (failed(verifyPerTensorInOut(*this, getInput(), getOutput())))
    return failure();
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(),
                       (int32_t)getClampMax(), getMultiplier(), getShift(), 1, 1);
}

LogicalResult TableOp::verify() {
  if (failed(verifyPerTensorInOut(*this, getInput(), getOutput())))
    return failure();
  auto in = *getQuantParams(getInput()), out = *getQuantParams(getOutput());
  int64_t size = int64_t(1) << in.storageWidth, channels = 1;
  if (auto attr = getChannelAxisAttr()) {
    auto shape = shapeOf(getInput());
    int64_t axis = attr.getInt();
    if (axis < 1 || axis >= int64_t(shape.size()))
      return emitOpError() << "channel_axis " << axis << " must be an axis from 1 to "
                           << int64_t(shape.size()) - 1 << " of the input";
    channels = shape[axis];
  }
  if (in.storageWidth > 8 || int64_t(getTable().size()) != size * channels)
    return emitOpError() << "needs one entry per input code: " << size << " for "
                         << in.storageWidth << "-bit input"
                         << (getChannelAxis() ? " times " + std::to_string(channels) + " channels"
                                              : std::string())
                         << ", got " << getTable().size();
  for (auto [i, v] : llvm::enumerate(getTable()))
    if (v < out.storageMin || v > out.storageMax)
      return emitOpError() << "entry " << i << " is " << v << ", outside the result's storage range ["
                           << out.storageMin << ", " << out.storageMax << "]";
  return success();
}

LogicalResult GatherOp::verify() {
  auto ids = shapeOf(getIndices()), table = shapeOf(getTable()), out = shapeOf(getOutput());
  if (table.size() != 2)
    return emitOpError() << "table must be [rows, width], got rank " << table.size();
  SmallVector<int64_t> expect(ids.begin(), ids.end());
  expect.push_back(table[1]);
  if (out != ArrayRef<int64_t>(expect))
    return emitOpError() << "result shape must be the indices' shape and the table's width "
                         << table[1];
  if (cast<ShapedType>(getTable().getType()).getElementType() !=
      cast<ShapedType>(getOutput().getType()).getElementType())
    return emitOpError() << "result must have the table's element type (its codes are the "
                            "table's)";
  if (failed(verifyPerTensorQuant(*this, getOutput(), "result")))
    return failure();
  if (!ConstantInts::of(getTable()))
    return emitOpError() << "table must be a quantized constant";
  return success();
}

LogicalResult BatchMatMulOp::verify() {
  if (failed(verifyPerTensorQuant(*this, getLhs(), "lhs")) ||
      failed(verifyPerTensorQuant(*this, getRhs(), "rhs")) ||
      failed(verifyPerTensorQuant(*this, getOutput(), "result")))
    return failure();
  auto a = shapeOf(getLhs()), b = shapeOf(getRhs()), out = shapeOf(getOutput());
  size_t r = a.size();
  if (r < 2 || b.size() != r)
    return emitOpError() << "operands must have the same rank, at least 2";
  if (!llvm::equal(a.drop_back(2), b.drop_back(2)))
    return emitOpError() << "operands must have equal leading (batch) dimensions";
  if (b[r - 2] != a[r - 1])
    return emitOpError() << "reduction sizes differ: lhs K=" << a[r - 1] << ", rhs K=" << b[r - 2];
  SmallVector<int64_t> expect(a.begin(), a.end());
  expect.back() = b.back();
  if (out != ArrayRef<int64_t>(expect))
    return emitOpError() << "result shape is wrong";
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(), (int32_t)getClampMax(),
                       getMultiplier(), getShift(), 1, 1);
}

LogicalResult ReduceOp::verify() {
  if (failed(verifyPerTensorInOut(*this, getInput(), getOutput())))
    return failure();
  if (getMode() != "mean" && getMode() != "sum" && getMode() != "max")
    return emitOpError() << "mode must be mean, sum or max, got '" << getMode() << "'";
  auto in = shapeOf(getInput()), out = shapeOf(getOutput());
  bool ok = in.size() == out.size();
  for (size_t d = 0; ok && d < in.size(); ++d)
    ok = out[d] == in[d] || out[d] == 1;
  if (!ok)
    return emitOpError() << "result must be the input's shape with the reduced dimensions 1";
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(), (int32_t)getClampMax(),
                       getMultiplier(), getShift(), 1, 1);
}

LogicalResult SoftmaxOp::verify() {
  if (failed(verifyPerTensorInOut(*this, getInput(), getOutput())))
    return failure();
  if (shapeOf(getInput()).empty())
    return emitOpError() << "needs an input of rank >= 1";
  auto in = *getQuantParams(getInput());
  int64_t size = int64_t(1) << in.storageWidth;
  if (getExpTable() && (in.storageWidth > 8 || int64_t(getExpTable()->size()) != size))
    return emitOpError() << "exp_table needs one entry per code distance: " << size << " for "
                         << in.storageWidth << "-bit input, got " << getExpTable()->size();
  if (getExpTable())
    for (auto [d, v] : llvm::enumerate(*getExpTable()))
      if (v < 0 || (d > 0 && v > (*getExpTable())[d - 1]))
        return emitOpError() << "exp_table entry " << d << " is " << v
                             << ": entries are non-negative and non-increasing";
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(), (int32_t)getClampMax(),
                       getMultiplier(), getShift(), 1, 1);
}

LogicalResult LayerNormOp::verify() {
  if (failed(verifyPerTensorInOut(*this, getInput(), getOutput())))
    return failure();
  auto in = shapeOf(getInput());
  if (in.empty())
    return emitOpError() << "needs an input of rank >= 1";
  int64_t len = in.back();
  if ((int64_t)getGamma().size() != len || (int64_t)getBeta().size() != len)
    return emitOpError() << "gamma and beta need " << len << " values each (the last axis), got "
                         << getGamma().size() << " and " << getBeta().size();
  if (!(getEpsilon().convertToFloat() >= 0))
    return emitOpError() << "epsilon must be >= 0";
  auto fixed = [&](std::optional<ArrayRef<int32_t>> v) { return v && (int64_t)v->size() == len; };
  if (getGammaFixed() || getBetaFixed() || getNormShifts() || getEpsilonFixed()) {
    if (!fixed(getGammaFixed()) || !fixed(getBetaFixed()) || !getNormShifts() ||
        getNormShifts()->size() != 3 || !getEpsilonFixed())
      return emitOpError() << "gamma_fixed and beta_fixed need " << len
                           << " values each, norm_shifts 3 and epsilon_fixed one";
    auto sh = *getNormShifts();
    if (sh[0] < 0 || sh[0] > 62 || sh[1] < 0 || sh[1] > 24 || sh[2] < 0 || sh[2] > 88 ||
        *getEpsilonFixed() < 0)
      return emitOpError() << "norm_shifts [Q, G, e] must have Q in [0, 62], G in [0, 24] and e "
                              "in [0, 88], epsilon_fixed >= 0";
  }
  return verifyRequant(*this, getOutput(), (int32_t)getClampMin(), (int32_t)getClampMax(),
                       std::nullopt, std::nullopt, 0, 0);
}

OpFoldResult RescaleOp::fold(FoldAdaptor) {
  // Same type and a clamp that cannot bite: nothing to do.
  if (getInput().getType() != getOutput().getType())
    return {};
  auto p = getQuantParams(elemType(getOutput()));
  if ((int32_t)getClampMin() <= p->storageMin &&
      (int32_t)getClampMax() >= p->storageMax)
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Helpers of the layer interface
//===----------------------------------------------------------------------===//

static llvm::Error notLegalized(Operation *op) {
  std::string where = describeLoc(op->getLoc());
  return llvm::createStringError(std::errc::invalid_argument,
                                 "%s%s'%s' is not legalized: run qg-legalize-integer first",
                                 where.c_str(), where.empty() ? "" : ": ",
                                 op->getName().getStringRef().str().c_str());
}

/// Output zero point and clamp bounds (storage range ∩ fused activation).
template <typename OpTy> static void setOutput(kernels::LayerGeometry &g, OpTy op) {
  auto p = *getQuantParams(op.getOutput());
  g.quantizedOutput = p.isQuantized;
  g.outputZeroPoint = int32_t(p.zeroPoint());
  g.clampLo = int32_t(std::max<int64_t>(p.storageMin, int32_t(op.getClampMin())));
  g.clampHi = int32_t(std::min<int64_t>(p.storageMax, int32_t(op.getClampMax())));
}

static void setStorageOutput(kernels::LayerGeometry &g, Value out) {
  auto p = *getQuantParams(out);
  g.outputZeroPoint = int32_t(p.zeroPoint());
  g.clampLo = int32_t(p.storageMin);
  g.clampHi = int32_t(p.storageMax);
}

static void setWindow(kernels::LayerGeometry &g, ArrayRef<int64_t> kernel,
                      ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                      ArrayRef<int64_t> pads) {
  for (int d = 0; d < 2; ++d) {
    g.kernel[d] = kernel[d];
    g.strides[d] = strides[d];
    g.dilations[d] = dilations[d];
  }
  for (int d = 0; d < 4; ++d)
    g.pads[d] = pads[d];
}

/// Weights minus their per-channel zero points: sets the spec's count and
/// bit width, and its values when `withValues`. False unless the weight is
/// a quantized constant.
static bool centered(Value w, LayerSpec &s, bool withValues) {
  auto ints = ConstantInts::of(w);
  if (!ints)
    return false;
  auto p = *getQuantParams(w);
  auto shape = shapeOf(w);
  s.weightCount = ints->size();
  if (withValues)
    s.weights.resize(ints->size());
  // Per axis, runs of `inner` elements share a channel (per tensor: one run).
  int64_t inner = ints->size(), channels = 1;
  if (p.axis >= 0) {
    inner = 1;
    for (size_t d = p.axis + 1; d < shape.size(); ++d)
      inner *= shape[d];
    channels = shape[p.axis];
  }
  int32_t lo = 0, hi = 0;
  int64_t i = 0;
  for (int64_t outer = inner * channels ? ints->size() / (inner * channels) : 0; outer > 0; --outer)
    for (int64_t c = 0; c < channels; ++c, i += inner) {
      if (inner == 0)
        continue;
      int32_t z = int32_t(p.zeroPoint(c));
      auto [mn, mx] = ints->minMax(i, i + inner);
      lo = std::min(lo, mn - z);
      hi = std::max(hi, mx - z);
      if (withValues) {
        int32_t *dst = s.weights.data() + i;
        ints->read(i, i + inner, dst);
        for (int64_t k = 0; k < inner; ++k)
          dst[k] -= z;
      }
    }
  s.weightBits = signedBitsFor({lo, hi});
  return true;
}

template <typename OpTy>
static llvm::Error accumulating(LayerSpec &s, OpTy op, bool withWeights) {
  if (!op.getFoldedBias() || !centered(op.getWeight(), s, withWeights))
    return notLegalized(op);
  // The MAC array runs at the wider operand's precision (NorthPole splits
  // 8-bit lanes into 2x4 or 4x2 bits).
  s.geometry.operandBits = std::max<int64_t>(s.geometry.operandBits,
                                             getQuantParams(op.getWeight())->storageWidth);
  bool quantOut = getQuantParams(op.getOutput())->isQuantized;
  if (quantOut && !op.getMultiplier())
    return notLegalized(op);
  s.geometry.weightShape = shapeOf(op.getWeight());
  s.foldedBias.assign(op.getFoldedBias()->begin(), op.getFoldedBias()->end());
  if (quantOut) {
    s.multiplier.assign(op.getMultiplier()->begin(), op.getMultiplier()->end());
    s.shift.assign(op.getShift()->begin(), op.getShift()->end());
  }
  setOutput(s.geometry, op);
  return llvm::Error::success();
}

template <typename OpTy>
static llvm::Error requantized(LayerSpec &s, OpTy op, const char *kind) {
  s.geometry.kind = kernels::findKernel(kind);
  if (!op.getMultiplier())
    return notLegalized(op);
  s.multiplier.assign(op.getMultiplier()->begin(), op.getMultiplier()->end());
  s.shift.assign(op.getShift()->begin(), op.getShift()->end());
  setOutput(s.geometry, op);
  return llvm::Error::success();
}

static QuantParams paramsOf(Value v) { return *getQuantParams(v); }

/// Sets `op`'s fixed-point multipliers and shifts for `reals`, one shift
/// each.
template <typename OpTy> static LogicalResult setMultipliers(OpTy op, ArrayRef<double> reals) {
  SmallVector<int32_t> mult, shift;
  for (double r : reals) {
    auto m = quantizeMultiplier(r);
    if (!m)
      return op->emitOpError() << "requantization multiplier " << r
                               << " is not representable (must be finite and < 2^31)";
    mult.push_back(m->multiplier);
    shift.push_back(m->shift);
  }
  op.setMultiplier(mult);
  op.setShift(shift);
  return success();
}

/// Conv and MatMul: fold the input zero point into the bias, prove the int32
/// accumulator cannot overflow, and derive one multiplier per output channel.
/// `reduction` is the number of products per output, `channelOf(i)` the
/// output channel of column i of the folded bias.
template <typename OpTy>
static LogicalResult legalizeAccumulating(OpTy op, int64_t numColumns, int64_t reduction,
                                   llvm::function_ref<int64_t(int64_t)> channelOf,
                                   llvm::function_ref<int64_t(int64_t, int64_t)> weightIndex) {
  auto w = getConstantInts(op.getWeight());
  if (!w)
    return op.emitOpError() << "weight must be a qg.constant to fold zero points";
  std::optional<std::vector<int32_t>> bias;
  if (op.getBias()) {
    bias = getConstantInts(op.getBias());
    if (!bias)
      return op.emitOpError() << "bias must be a qg.constant";
  }
  QuantParams in = paramsOf(op.getInput()), wp = paramsOf(op.getWeight());
  int64_t zx = in.zeroPoint();
  int64_t xAbsMax = std::max(std::abs(in.storageMin), std::abs(in.storageMax));

  SmallVector<int32_t> folded;
  for (int64_t col = 0; col < numColumns; ++col) {
    int64_t ch = channelOf(col);
    int64_t zw = wp.zeroPoint(ch);
    int64_t sumW = 0, sumAbsW = 0;
    for (int64_t k = 0; k < reduction; ++k) {
      int64_t wv = (*w)[weightIndex(col, k)] - zw;
      sumW += wv;
      sumAbsW += std::abs(wv);
    }
    int64_t b = (bias ? (*bias)[ch] : 0) - zx * sumW;
    // Every partial sum of folded + x*w' is bounded by this.
    int64_t bound = std::abs(b) + xAbsMax * sumAbsW;
    if (b < INT32_MIN || b > INT32_MAX || bound > INT32_MAX)
      return op.emitOpError()
             << "int32 accumulator may overflow for output channel " << ch
             << ": |bias| + max|x| * sum|w| = " << bound
             << " > 2^31-1; split the reduction (" << reduction << " terms)";
    folded.push_back(int32_t(b));
  }
  op.setFoldedBias(folded);

  auto outType = cast<ShapedType>(op.getOutput().getType()).getElementType();
  if (!isa<quant::QuantizedType>(outType))
    return success(); // ConvInteger / MatMulInteger: the accumulator is the result
  QuantParams out = paramsOf(op.getOutput());
  auto ws = cast<ShapedType>(op.getWeight().getType()).getShape();
  int64_t numMult = std::is_same_v<OpTy, Conv2dOp> ? ws.front() : ws.back();
  SmallVector<double> reals;
  for (int64_t c = 0; c < numMult; ++c)
    reals.push_back(in.scale() * wp.scale(c) / out.scale());
  return setMultipliers(op, reals);
}

//===----------------------------------------------------------------------===//
// LayerOpInterface: the kernel call each compute op is
//===----------------------------------------------------------------------===//

SmallVector<Value> Conv2dOp::getActivationOperands() { return {getInput()}; }
SmallVector<Value> MatMulOp::getActivationOperands() {
  if (getPartial())
    return {getInput(), getPartial()};
  return {getInput()};
}
SmallVector<Value> Conv2dAddOp::getActivationOperands() { return {getInput(), getResidual()}; }

llvm::Error Conv2dOp::describeKernel(LayerSpec &s, bool withWeights) {
  auto &g = s.geometry;
  g.kind = kernels::findKernel("conv2d");
  auto ws = shapeOf(getWeight());
  setWindow(g, {ws[2], ws[3]}, getStrides(), getDilations(), getPads());
  g.group = getGroup();
  return accumulating(s, *this, withWeights);
}

llvm::Error Conv2dAddOp::describeKernel(LayerSpec &s, bool withWeights) {
  auto &g = s.geometry;
  auto ws = shapeOf(getWeight());
  setWindow(g, {ws[2], ws[3]}, getStrides(), getDilations(), getPads());
  g.group = getGroup();
  // The MAC array's width is the convolution's operands': the residual is
  // read by the vector unit (describeLayer counted it).
  g.operandBits = getQuantParams(getInput())->storageWidth;
  if (auto err = accumulating(s, *this, withWeights)) // (the add's result and clamp)
    return err;
  g.kind = kernels::findKernel("conv2d_add");
  auto convType = cast<quant::UniformQuantizedType>(getConvType());
  kernels::LayerGeometry::ResidualAdd r;
  r.convZeroPoint = int32_t(convType.getZeroPoint());
  r.convClampLo = int32_t(getConvClampMin());
  r.convClampHi = int32_t(getConvClampMax());
  r.convOperand = int32_t(getConvOperand());
  r.multiplier[0] = getAddMultiplier()[0];
  r.multiplier[1] = getAddMultiplier()[1];
  r.shift = int32_t(getAddShift());
  g.residualAdd = r;
  return llvm::Error::success();
}

llvm::Error MatMulOp::describeKernel(LayerSpec &s, bool withWeights) {
  s.geometry.kind = kernels::findKernel("matmul");
  // The MAC array's width is the operands': partial sums are added after it.
  s.geometry.operandBits = getQuantParams(getInput())->storageWidth;
  s.geometry.reductionOffset = getReductionOffsetAttr() ? getReductionOffsetAttr().getInt() : 0;
  return accumulating(s, *this, withWeights);
}

llvm::Error AddOp::describeKernel(LayerSpec &s, bool) { return requantized(s, *this, "add"); }
llvm::Error RescaleOp::describeKernel(LayerSpec &s, bool) { return requantized(s, *this, "rescale"); }
llvm::Error MulOp::describeKernel(LayerSpec &s, bool) { return requantized(s, *this, "mul"); }

llvm::Error BatchMatMulOp::describeKernel(LayerSpec &s, bool) {
  return requantized(s, *this, "batch_matmul");
}

llvm::Error ReduceOp::describeKernel(LayerSpec &s, bool) {
  return requantized(s, *this, getMode() == "max" ? "reduce_max" : "reduce_sum");
}

llvm::Error ResizeLinearOp::describeKernel(LayerSpec &s, bool) {
  auto &g = s.geometry;
  for (int d = 0; d < 2; ++d) {
    g.sliceSteps.push_back(getCoordStep()[d]);
    g.sliceStarts.push_back(getCoordOffset()[d]);
    g.kernel[d] = getCoordDen()[d];
  }
  return requantized(s, *this, "resize_linear");
}

llvm::Error SoftmaxOp::describeKernel(LayerSpec &s, bool) {
  // The exp table travels as the per-layer int32 parameter array ("bias").
  if (!getExpTable())
    return notLegalized(*this);
  s.foldedBias.assign(getExpTable()->begin(), getExpTable()->end());
  return requantized(s, *this, "softmax");
}

llvm::Error LayerNormOp::describeKernel(LayerSpec &s, bool) {
  s.geometry.kind = kernels::findKernel("layer_norm");
  if (!getGammaFixed())
    return notLegalized(*this);
  // epsilon's mantissa travels after gamma: every shift is one (FixedPoint.h).
  s.multiplier.assign(getGammaFixed()->begin(), getGammaFixed()->end());
  s.multiplier.push_back(int32_t(getEpsilonFixed().value_or(0)));
  s.foldedBias.assign(getBetaFixed()->begin(), getBetaFixed()->end());
  s.shift.assign(getNormShifts()->begin(), getNormShifts()->end());
  setOutput(s.geometry, *this);
  return llvm::Error::success();
}

llvm::Error AvgPoolOp::describeKernel(LayerSpec &s, bool) {
  auto &g = s.geometry;
  setWindow(g, getKernel(), getStrides(), {1, 1}, getPads());
  g.countIncludePad = getCountIncludePad();
  return requantized(s, *this, "avg_pool");
}

llvm::Error MaxPoolOp::describeKernel(LayerSpec &s, bool) {
  auto &g = s.geometry;
  g.kind = kernels::findKernel("max_pool");
  setWindow(g, getKernel(), getStrides(), getDilations(), getPads());
  setStorageOutput(g, getOutput());
  return llvm::Error::success();
}

llvm::Error ConcatOp::describeKernel(LayerSpec &s, bool) {
  s.geometry.kind = kernels::findKernel("concat");
  s.geometry.axis = getAxis();
  setStorageOutput(s.geometry, getOutput());
  return llvm::Error::success();
}

llvm::Error TableOp::describeKernel(LayerSpec &s, bool) {
  // The table travels as the per-layer int32 parameter array ("bias").
  s.geometry.kind = kernels::findKernel("table");
  // 0: one table for every channel.
  s.geometry.axis = getChannelAxisAttr() ? getChannelAxisAttr().getInt() : 0;
  s.foldedBias.assign(getTable().begin(), getTable().end());
  setStorageOutput(s.geometry, getOutput());
  return llvm::Error::success();
}

SmallVector<Value> GatherOp::getActivationOperands() { return {getIndices()}; }

llvm::Error GatherOp::describeKernel(LayerSpec &s, bool withWeights) {
  // The table travels as weights (codes minus the zero point), sliced by
  // output columns like a matmul's.
  s.geometry.kind = kernels::findKernel("gather");
  if (!centered(getTable(), s, withWeights))
    return notLegalized(*this);
  s.geometry.weightShape = shapeOf(getTable());
  s.geometry.operandBits = getQuantParams(getTable())->storageWidth;
  s.geometry.inputZeroPoints = {0};
  setStorageOutput(s.geometry, getOutput());
  return llvm::Error::success();
}

llvm::Error SliceOp::describeKernel(LayerSpec &s, bool) {
  s.geometry.kind = kernels::findKernel("slice");
  s.geometry.sliceStarts.assign(getStarts().begin(), getStarts().end());
  s.geometry.sliceSteps.assign(getSteps().begin(), getSteps().end());
  setStorageOutput(s.geometry, getOutput());
  return llvm::Error::success();
}

llvm::Error PadOp::describeKernel(LayerSpec &s, bool) {
  s.geometry.kind = kernels::findKernel("pad");
  size_t rank = shapeOf(getInput()).size();
  for (size_t d = 0; d < rank; ++d) {
    s.geometry.sliceStarts.push_back(-getPads()[d]);
    s.geometry.sliceSteps.push_back(1);
  }
  setStorageOutput(s.geometry, getOutput());
  return llvm::Error::success();
}

llvm::Error ResizeOp::describeKernel(LayerSpec &s, bool) {
  s.geometry.kind = kernels::findKernel("resize");
  s.geometry.strides[0] = getFactors()[0];
  s.geometry.strides[1] = getFactors()[1];
  setStorageOutput(s.geometry, getOutput());
  return llvm::Error::success();
}

llvm::Error TransposeOp::describeKernel(LayerSpec &s, bool) {
  s.geometry.kind = kernels::findKernel("transpose");
  s.geometry.perm.assign(getPerm().begin(), getPerm().end());
  setStorageOutput(s.geometry, getOutput());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// LayerOpInterface: integer parameters from the quantized types
// (qg-legalize-integer; docs/semantics.md is the specification)
//===----------------------------------------------------------------------===//

LogicalResult Conv2dOp::legalizeParams() {
  Conv2dOp op = *this;
  auto ws = cast<ShapedType>(op.getWeight().getType()).getShape();
  int64_t perOut = ws[1] * ws[2] * ws[3];
  return legalizeAccumulating(
      op, ws[0], perOut, [](int64_t col) { return col; },
      [&](int64_t col, int64_t k) { return col * perOut + k; });
}

LogicalResult MatMulOp::legalizeParams() {
  MatMulOp op = *this;
  auto ws = cast<ShapedType>(op.getWeight().getType()).getShape();
  int64_t k = ws[ws.size() - 2], n = ws.back();
  int64_t columns = cast<ShapedType>(op.getWeight().getType()).getNumElements() / k;
  // Column `col` = batch * n + j; weight element (batch, kk, j).
  return legalizeAccumulating(
      op, columns, k, [&](int64_t col) { return col % n; },
      [&](int64_t col, int64_t kk) {
        return (col / n) * k * n + kk * n + col % n;
      });
}

LogicalResult AddOp::legalizeParams() {
  AddOp op = *this;
  QuantParams a = paramsOf(op.getLhs()), b = paramsOf(op.getRhs()),
              y = paramsOf(op.getOutput());
  auto ms = quantizeMultipliersCommonShift({a.scale() / y.scale(), b.scale() / y.scale()});
  if (!ms)
    return op.emitOpError() << "input/output scale ratio is not representable";
  int32_t mult[2] = {(*ms)[0].multiplier, op.getSubtract() ? -(*ms)[1].multiplier
                                                            : (*ms)[1].multiplier};
  int32_t shift[1] = {(*ms)[0].shift};
  op.setMultiplier(ArrayRef<int32_t>(mult));
  op.setShift(ArrayRef<int32_t>(shift));
  return success();
}

LogicalResult MulOp::legalizeParams() {
  return setMultipliers(*this, {paramsOf(getLhs()).scale() * paramsOf(getRhs()).scale() /
                                paramsOf(getOutput()).scale()});
}

LogicalResult BatchMatMulOp::legalizeParams() {
  QuantParams a = paramsOf(getLhs()), b = paramsOf(getRhs());
  // Every partial sum is bounded by K max|a - z_a| max|b - z_b|.
  auto magnitude = [](const QuantParams &p) {
    return std::max(std::abs(p.storageMax - p.zeroPoint()), std::abs(p.zeroPoint() - p.storageMin));
  };
  int64_t k = shapeOf(getLhs()).back();
  int64_t bound = k * magnitude(a) * magnitude(b);
  if (bound > INT32_MAX)
    return emitOpError() << "int32 accumulator may overflow: K * max|lhs| * max|rhs| = " << bound
                         << " > 2^31-1; split the reduction (" << k << " terms)";
  return setMultipliers(*this, {a.scale() * b.scale() / paramsOf(getOutput()).scale()});
}

LogicalResult ReduceOp::legalizeParams() {
  QuantParams in = paramsOf(getInput());
  auto is = shapeOf(getInput()), os = shapeOf(getOutput());
  int64_t n = 1;
  for (size_t d = 0; d < is.size(); ++d)
    if (is[d] != os[d])
      n *= is[d];
  // A sum of n centred codes stays below 2^31 (applyMultiplier's domain).
  int64_t magnitude = std::max(std::abs(in.storageMax - in.zeroPoint()),
                               std::abs(in.zeroPoint() - in.storageMin));
  if (getMode() != "max" && n * magnitude > INT32_MAX)
    return emitOpError() << "a sum of " << n << " elements may overflow int32";
  double ratio = in.scale() / paramsOf(getOutput()).scale();
  return setMultipliers(*this, {getMode() == "mean" ? ratio / double(n) : ratio});
}

LogicalResult ResizeLinearOp::legalizeParams() {
  double den = double(getCoordDen()[0]) * double(getCoordDen()[1]);
  QuantParams in = paramsOf(getInput());
  // The four weights sum to den_h den_w: acc stays below that times a code.
  int64_t magnitude = std::max(std::abs(in.storageMax - in.zeroPoint()),
                               std::abs(in.zeroPoint() - in.storageMin));
  if (den * double(magnitude) > double(INT32_MAX))
    return emitOpError() << "coordinate denominators " << getCoordDen()[0] << " x "
                         << getCoordDen()[1] << " are too fine for int32 accumulation";
  return setMultipliers(*this, {in.scale() / (paramsOf(getOutput()).scale() * den)});
}

LogicalResult SoftmaxOp::legalizeParams() {
  QuantParams in = paramsOf(getInput());
  SmallVector<int32_t> table;
  for (int64_t d = 0; d < (int64_t(1) << in.storageWidth); ++d)
    table.push_back(int32_t(std::nearbyint(std::ldexp(std::exp(-in.scale() * double(d)), 30))));
  setExpTable(table);
  return setMultipliers(*this, {1.0 / paramsOf(getOutput()).scale()});
}

LogicalResult LayerNormOp::legalizeParams() {
  constexpr int kRootBits = 24; // G: the square root's fraction bits
  QuantParams in = paramsOf(getInput()), out = paramsOf(getOutput());
  const int64_t len = shapeOf(getInput()).back();
  // Q: as many fraction bits as keep every gamma and beta below 2^30.
  double largest = 0;
  for (size_t i = 0; i < getGamma().size(); ++i)
    largest = std::max({largest, std::abs(double(getGamma()[i])), std::abs(double(getBeta()[i]))});
  largest /= out.scale();
  if (!std::isfinite(largest))
    return emitOpError() << "gamma or beta is not finite";
  int q = 40;
  while (q > 0 && largest * std::ldexp(1.0, q) >= std::ldexp(1.0, 30))
    --q;
  if (largest * std::ldexp(1.0, q) >= std::ldexp(1.0, 30))
    return emitOpError() << "gamma or beta over the output scale, " << largest
                         << ", is not below 2^30";
  SmallVector<int32_t> gammaFixed, betaFixed;
  for (size_t i = 0; i < getGamma().size(); ++i) {
    gammaFixed.push_back(int32_t(std::nearbyint(std::ldexp(double(getGamma()[i]) / out.scale(), q))));
    betaFixed.push_back(int32_t(std::nearbyint(std::ldexp(double(getBeta()[i]) / out.scale(), q))));
  }
  // epsilon in the codes' squared units, times L^2 4^G: m 2^e, m < 2^30.
  double eps = double(getEpsilon().convertToFloat()) / (in.scale() * in.scale()) * double(len) *
               double(len);
  eps = std::ldexp(eps, 2 * kRootBits);
  int e = 0;
  while (eps >= std::ldexp(1.0, 30)) {
    eps /= 2;
    ++e;
  }
  if (!std::isfinite(eps) || e > 88)
    return emitOpError() << "epsilon " << getEpsilon().convertToFloat()
                         << " is too large for the input scale";
  int32_t shifts[3] = {q, kRootBits, e};
  setEpsilonFixed(int32_t(std::nearbyint(eps)));
  setGammaFixed(gammaFixed);
  setBetaFixed(betaFixed);
  setNormShifts(ArrayRef<int32_t>(shifts));
  return success();
}

LogicalResult AvgPoolOp::legalizeParams() {
  AvgPoolOp op = *this;
  double ratio = paramsOf(op.getInput()).scale() / paramsOf(op.getOutput()).scale();
  int64_t area = op.getKernel()[0] * op.getKernel()[1];
  SmallVector<double> reals;
  for (int64_t c = 1; c <= area; ++c)
    reals.push_back(ratio / double(c));
  return setMultipliers(op, reals);
}

LogicalResult RescaleOp::legalizeParams() {
  RescaleOp op = *this;
  return setMultipliers(op, {paramsOf(op.getInput()).scale() / paramsOf(op.getOutput()).scale()});
}


#include "npc/Dialect/QGraph/IR/LayerOpInterface.cpp.inc"

#define GET_OP_CLASSES
#include "npc/Dialect/QGraph/IR/QGraphOps.cpp.inc"
