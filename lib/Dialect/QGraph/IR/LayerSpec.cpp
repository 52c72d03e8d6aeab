//===- LayerSpec.cpp - a qg op as a kernel call ---------------------------===//
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Support/SubByte.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace npc;
using namespace npc::qg;

static std::vector<int64_t> shapeOf(Value v) {
  auto s = cast<ShapedType>(v.getType()).getShape();
  return {s.begin(), s.end()};
}

static llvm::Error notLegalized(Operation *op) {
  std::string where = describeLoc(op->getLoc());
  return llvm::createStringError(std::errc::invalid_argument,
                                 "%s%s'%s' is not legalized: run qg-legalize-integer first",
                                 where.c_str(), where.empty() ? "" : ": ",
                                 op->getName().getStringRef().str().c_str());
}

bool npc::qg::isComputeLayer(Operation *op) {
  return isa<Conv2dOp, MatMulOp, AddOp, AvgPoolOp, MaxPoolOp, RescaleOp, ConcatOp,
             TransposeOp>(op);
}

SmallVector<Value> npc::qg::activationOperands(Operation *op) {
  if (isa<Conv2dOp, MatMulOp>(op))
    return {op->getOperand(0)};
  return SmallVector<Value>(op->getOperands());
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
      if (withValues)
        for (int64_t k = 0; k < inner; ++k)
          s.weights[i + k] = (*ints)[i + k] - z;
    }
  s.weightBits = signedBitsFor({lo, hi});
  return true;
}

template <typename OpTy>
static llvm::Error accumulating(LayerSpec &s, OpTy op, bool withWeights) {
  if (!op.getFoldedBias() || !centered(op.getWeight(), s, withWeights))
    return notLegalized(op);
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
static llvm::Error requantized(LayerSpec &s, OpTy op) {
  if (!op.getMultiplier())
    return notLegalized(op);
  s.multiplier.assign(op.getMultiplier()->begin(), op.getMultiplier()->end());
  s.shift.assign(op.getShift()->begin(), op.getShift()->end());
  setOutput(s.geometry, op);
  return llvm::Error::success();
}

llvm::Expected<LayerSpec> npc::qg::describeLayer(Operation *op, bool withWeights) {
  LayerSpec s;
  auto &g = s.geometry;
  g.outputShape = shapeOf(op->getResult(0));
  g.operandBits = 0;
  for (Value v : activationOperands(op)) {
    g.inputShapes.push_back(shapeOf(v));
    g.inputZeroPoints.push_back(int32_t(getQuantParams(v)->zeroPoint()));
    g.operandBits = std::max<int64_t>(g.operandBits, getQuantParams(v)->storageWidth);
  }
  // The MAC array runs at the wider operand's precision (NorthPole splits
  // 8-bit lanes into 2x4 or 4x2 bits).
  if (isa<Conv2dOp, MatMulOp>(op))
    g.operandBits = std::max<int64_t>(g.operandBits,
                                      getQuantParams(op->getOperand(1))->storageWidth);
  llvm::Error err =
      llvm::TypeSwitch<Operation *, llvm::Error>(op)
          .Case([&](Conv2dOp o) {
            g.kind = kernels::findKernel("conv2d");
            auto ws = shapeOf(o.getWeight());
            setWindow(g, {ws[2], ws[3]}, o.getStrides(), o.getDilations(), o.getPads());
            g.group = o.getGroup();
            return accumulating(s, o, withWeights);
          })
          .Case([&](MatMulOp o) {
            g.kind = kernels::findKernel("matmul");
            return accumulating(s, o, withWeights);
          })
          .Case([&](AddOp o) {
            g.kind = kernels::findKernel("add");
            return requantized(s, o);
          })
          .Case([&](AvgPoolOp o) {
            g.kind = kernels::findKernel("avg_pool");
            setWindow(g, o.getKernel(), o.getStrides(), {1, 1}, o.getPads());
            g.countIncludePad = o.getCountIncludePad();
            return requantized(s, o);
          })
          .Case([&](RescaleOp o) {
            g.kind = kernels::findKernel("rescale");
            return requantized(s, o);
          })
          .Case([&](MaxPoolOp o) {
            g.kind = kernels::findKernel("max_pool");
            setWindow(g, o.getKernel(), o.getStrides(), o.getDilations(), o.getPads());
            setStorageOutput(g, o.getOutput());
            return llvm::Error::success();
          })
          .Case([&](ConcatOp o) {
            g.kind = kernels::findKernel("concat");
            g.axis = o.getAxis();
            setStorageOutput(g, o.getOutput());
            return llvm::Error::success();
          })
          .Case([&](TransposeOp o) {
            g.kind = kernels::findKernel("transpose");
            g.perm.assign(o.getPerm().begin(), o.getPerm().end());
            setStorageOutput(g, o.getOutput());
            return llvm::Error::success();
          })
          .Default([&](Operation *o) {
            return llvm::createStringError(std::errc::invalid_argument,
                                           "'%s' is not a compute layer",
                                           o->getName().getStringRef().str().c_str());
          });
  if (err)
    return std::move(err);
  return s;
}
