//===- FuseConvAdd.cpp - a convolution and the add after it, one layer ----===//
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/PatternMatch.h"

namespace npc::qg {
#define GEN_PASS_DEF_FUSECONVADD
#include "npc/Dialect/QGraph/Transforms/Passes.h.inc"
} // namespace npc::qg

using namespace mlir;
using namespace npc::qg;

namespace {

ArrayRef<int64_t> shapeOf(Value v) { return cast<ShapedType>(v.getType()).getShape(); }

quant::UniformQuantizedType perTensor(Value v) {
  return dyn_cast<quant::UniformQuantizedType>(cast<ShapedType>(v.getType()).getElementType());
}

/// `<conv>+<add>` after the two ONNX nodes (their op type: the
/// convolution's), or both locations where either has no name.
Location fusedLoc(OpBuilder &b, Location conv, Location add) {
  auto c = dyn_cast<NameLoc>(conv), a = dyn_cast<NameLoc>(add);
  if (!c || !a)
    return b.getFusedLoc({conv, add});
  return NameLoc::get(b.getStringAttr(c.getName().strref() + "+" + a.getName().strref()),
                      c.getChildLoc());
}

/// The convolution that is operand `k` of `add` if the pair can be fused:
/// both legalized, the convolution's result per-tensor quantized and used by
/// the add only, no broadcasting.
Conv2dOp fusibleConv(AddOp add, int64_t k) {
  auto conv = add->getOperand(k).getDefiningOp<Conv2dOp>();
  if (!conv || !add.getMultiplier() || !add.getShift() || add.getShift()->size() != 1)
    return nullptr;
  Value residual = add->getOperand(1 - k);
  if (!conv->hasOneUse() || !conv.getFoldedBias() || !conv.getMultiplier() ||
      !perTensor(conv.getOutput()) || !perTensor(residual) || !perTensor(add.getOutput()) ||
      shapeOf(conv.getOutput()) != shapeOf(add.getOutput()) ||
      shapeOf(residual) != shapeOf(add.getOutput()))
    return nullptr;
  return conv;
}

/// `add` and its operand `k`, `conv` (fusibleConv), as one op.
void fuse(IRRewriter &rewriter, AddOp add, Conv2dOp conv, int64_t k) {
  Value residual = add->getOperand(1 - k);
  auto convType = perTensor(conv.getOutput());
  // The convolution's clamp as qg.conv2d applies it: its attributes within
  // its storage range.
  // (The attributes are I32Attr: their getters return them unsigned.)
  int32_t lo = int32_t(std::max<int64_t>(convType.getStorageTypeMin(), int32_t(conv.getClampMin())));
  int32_t hi = int32_t(std::min<int64_t>(convType.getStorageTypeMax(), int32_t(conv.getClampMax())));
  rewriter.setInsertionPoint(add);
  auto fused = Conv2dAddOp::create(
      rewriter, fusedLoc(rewriter, conv.getLoc(), add.getLoc()), add.getOutput().getType(),
      conv.getInput(), conv.getWeight(), residual, conv.getStridesAttr(), conv.getDilationsAttr(),
      conv.getPadsAttr(), conv.getGroupAttr(), add.getClampMinAttr(), add.getClampMaxAttr(),
      conv.getFoldedBiasAttr(), conv.getMultiplierAttr(), conv.getShiftAttr(),
      TypeAttr::get(convType), rewriter.getI32IntegerAttr(lo), rewriter.getI32IntegerAttr(hi),
      rewriter.getDenseI32ArrayAttr(*add.getMultiplier()),
      rewriter.getI32IntegerAttr((*add.getShift())[0]), rewriter.getI64IntegerAttr(k));
  rewriter.replaceOp(add, fused.getOutput());
  rewriter.eraseOp(conv);
}

struct FuseConvAdd : npc::qg::impl::FuseConvAddBase<FuseConvAdd> {
  void runOnOperation() override {
    SmallVector<AddOp> adds;
    getOperation().walk([&](AddOp add) { adds.push_back(add); });
    IRRewriter rewriter(&getContext());
    for (AddOp add : adds)
      for (int64_t k = 0; k < 2; ++k)
        if (Conv2dOp conv = fusibleConv(add, k)) {
          fuse(rewriter, add, conv, k);
          break;
        }
  }
};

} // namespace

bool npc::qg::hasFusibleConvAdd(Operation *root) {
  return root
      ->walk([](AddOp add) {
        return fusibleConv(add, 0) || fusibleConv(add, 1) ? WalkResult::interrupt()
                                                            : WalkResult::advance();
      })
      .wasInterrupted();
}
