//===- FoldClamps.cpp - a clamp of the codes into the op that made them ---===//
//
// qg-fold-clamps: a qg.rescale to its input's own type only clamps codes
// (a lone ReLU6 between DequantizeLinear and QuantizeLinear with the same
// parameters: torch FX exports each MobileNetV2 ReLU6 so). When the op that
// made those codes clamps its output and nothing else reads it, its clamp
// narrows instead, and the rescale, a layer of its own on the chip, goes.
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <algorithm>
#include <cstdint>

namespace npc::qg {
#define GEN_PASS_DEF_FOLDCLAMPS
#include "npc/Dialect/QGraph/Transforms/Passes.h.inc"
} // namespace npc::qg

using namespace mlir;
using namespace npc::qg;

namespace {

struct FoldClampIntoProducer : OpRewritePattern<RescaleOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RescaleOp rescale, PatternRewriter &rewriter) const override {
    Value in = rescale.getInput();
    Operation *def = in.getDefiningOp();
    if (in.getType() != rescale.getOutput().getType() || !def || !in.hasOneUse() ||
        def->getNumResults() != 1)
      return failure();
    // The ops with a clamp (ClampAttrs, absent: no bound) apply it last,
    // to their output codes (docs/semantics.md). Others (a host-side
    // qg.quantize) would carry the attributes unread.
    ArrayRef<StringAttr> names = def->getName().getAttributeNames();
    auto declares = [&](StringRef n) {
      return llvm::any_of(names, [&](StringAttr a) { return a.getValue() == n; });
    };
    if (!declares("clamp_min") || !declares("clamp_max"))
      return failure();
    std::optional<Attribute> lo = def->getInherentAttr("clamp_min");
    std::optional<Attribute> hi = def->getInherentAttr("clamp_max");
    auto bound = [](Attribute a, int64_t none) {
      auto i = dyn_cast_or_null<IntegerAttr>(a);
      return i ? i.getInt() : none;
    };
    // clamp(clamp(v, a, b), c, d) = clamp(v, clamp(a, c, d), clamp(b, c, d)).
    // I32Attr accessors return uint32_t: read the bounds signed.
    int64_t c = int32_t(rescale.getClampMin()), d = int32_t(rescale.getClampMax());
    auto narrow = [&](int64_t a) { return rewriter.getI32IntegerAttr(int32_t(std::clamp(a, c, d))); };
    int64_t a = bound(*lo, INT32_MIN), b = bound(*hi, INT32_MAX);
    rewriter.modifyOpInPlace(def, [&] {
      def->setInherentAttr(rewriter.getStringAttr("clamp_min"), narrow(a));
      def->setInherentAttr(rewriter.getStringAttr("clamp_max"), narrow(b));
    });
    rewriter.replaceOp(rescale, in);
    return success();
  }
};

struct FoldClampsPass : npc::qg::impl::FoldClampsBase<FoldClampsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldClampIntoProducer>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
