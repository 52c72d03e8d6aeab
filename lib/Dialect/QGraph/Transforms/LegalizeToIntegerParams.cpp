//===- LegalizeToIntegerParams.cpp - float scales to fixed-point ----------===//
//
// Derives every integer parameter the chip needs from the quantized types:
// docs/semantics.md is the specification this pass implements.
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/QGraph/Transforms/Passes.h"
#include "npc/Support/FixedPoint.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

namespace npc::qg {
#define GEN_PASS_DEF_LEGALIZETOINTEGERPARAMS
#include "npc/Dialect/QGraph/Transforms/Passes.h.inc"
} // namespace npc::qg

using namespace mlir;
using namespace npc;
using namespace npc::qg;

namespace {

QuantParams paramsOf(Value v) { return *getQuantParams(v); }

/// Fixed-point multipliers and shifts for `reals`, one shift each.
LogicalResult quantizeEach(Operation *op, ArrayRef<double> reals,
                           SmallVectorImpl<int32_t> &mult,
                           SmallVectorImpl<int32_t> &shift) {
  for (double r : reals) {
    auto m = quantizeMultiplier(r);
    if (!m)
      return op->emitOpError() << "requantization multiplier " << r
                               << " is not representable (must be finite and < 2^31)";
    mult.push_back(m->multiplier);
    shift.push_back(m->shift);
  }
  return success();
}

/// Conv and MatMul: fold the input zero point into the bias, prove the int32
/// accumulator cannot overflow, and derive one multiplier per output channel.
/// `reduction` is the number of products per output, `channelOf(i)` the
/// output channel of column i of the folded bias.
template <typename OpTy>
LogicalResult legalizeAccumulating(OpTy op, int64_t numColumns, int64_t reduction,
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
  SmallVector<int32_t> mult, shift;
  if (failed(quantizeEach(op, reals, mult, shift)))
    return failure();
  op.setMultiplier(mult);
  op.setShift(shift);
  return success();
}

LogicalResult legalize(Conv2dOp op) {
  auto ws = cast<ShapedType>(op.getWeight().getType()).getShape();
  int64_t perOut = ws[1] * ws[2] * ws[3];
  return legalizeAccumulating(
      op, ws[0], perOut, [](int64_t col) { return col; },
      [&](int64_t col, int64_t k) { return col * perOut + k; });
}

LogicalResult legalize(MatMulOp op) {
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

LogicalResult legalize(AddOp op) {
  QuantParams a = paramsOf(op.getLhs()), b = paramsOf(op.getRhs()),
              y = paramsOf(op.getOutput());
  auto ms = quantizeMultipliersCommonShift({a.scale() / y.scale(), b.scale() / y.scale()});
  if (!ms)
    return op.emitOpError() << "input/output scale ratio is not representable";
  int32_t mult[2] = {(*ms)[0].multiplier, (*ms)[1].multiplier};
  int32_t shift[1] = {(*ms)[0].shift};
  op.setMultiplier(ArrayRef<int32_t>(mult));
  op.setShift(ArrayRef<int32_t>(shift));
  return success();
}

LogicalResult legalize(AvgPoolOp op) {
  double ratio = paramsOf(op.getInput()).scale() / paramsOf(op.getOutput()).scale();
  int64_t area = op.getKernel()[0] * op.getKernel()[1];
  SmallVector<double> reals;
  for (int64_t c = 1; c <= area; ++c)
    reals.push_back(ratio / double(c));
  SmallVector<int32_t> mult, shift;
  if (failed(quantizeEach(op, reals, mult, shift)))
    return failure();
  op.setMultiplier(mult);
  op.setShift(shift);
  return success();
}

LogicalResult legalize(RescaleOp op) {
  SmallVector<int32_t> mult, shift;
  if (failed(quantizeEach(op, {paramsOf(op.getInput()).scale() /
                               paramsOf(op.getOutput()).scale()},
                          mult, shift)))
    return failure();
  op.setMultiplier(mult);
  op.setShift(shift);
  return success();
}

struct LegalizeToIntegerParams
    : npc::qg::impl::LegalizeToIntegerParamsBase<LegalizeToIntegerParams> {
  void runOnOperation() override {
    WalkResult r = getOperation().walk([](Operation *op) {
      LogicalResult ok =
          llvm::TypeSwitch<Operation *, LogicalResult>(op)
              .Case<Conv2dOp, MatMulOp, AddOp, AvgPoolOp, RescaleOp>(
                  [](auto o) { return legalize(o); })
              .Default([](Operation *) { return success(); });
      return failed(ok) ? WalkResult::interrupt() : WalkResult::advance();
    });
    if (r.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
