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

/// The fused op for `add`, whose operand `k` is `conv`; null if the pair
/// does not qualify.
Conv2dAddOp fuse(IRRewriter &rewriter, AddOp add, Conv2dOp conv, int64_t k) {
  Value residual = add->getOperand(1 - k);
  auto convType = perTensor(conv.getOutput());
  if (!conv->hasOneUse() || !conv.getFoldedBias() || !conv.getMultiplier() || !convType ||
      !perTensor(residual) || !perTensor(add.getOutput()) ||
      shapeOf(conv.getOutput()) != shapeOf(add.getOutput()) ||
      shapeOf(residual) != shapeOf(add.getOutput()))
    return nullptr;
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
  return fused;
}

struct FuseConvAdd : npc::qg::impl::FuseConvAddBase<FuseConvAdd> {
  void runOnOperation() override {
    SmallVector<AddOp> adds;
    getOperation().walk([&](AddOp add) { adds.push_back(add); });
    IRRewriter rewriter(&getContext());
    for (AddOp add : adds) {
      if (!add.getMultiplier() || !add.getShift() || add.getShift()->size() != 1)
        continue; // not legalized
      for (int64_t k = 0; k < 2; ++k)
        if (auto conv = add->getOperand(k).getDefiningOp<Conv2dOp>())
          if (fuse(rewriter, add, conv, k))
            break;
    }
  }
};

} // namespace
