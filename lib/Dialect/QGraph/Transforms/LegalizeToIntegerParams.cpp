//===- LegalizeToIntegerParams.cpp - float scales to fixed-point ----------===//
//
// Derives every integer parameter the chip needs from the quantized types:
// docs/semantics.md is the specification; each layer op implements its part
// (LayerOpInterface::legalizeParams, lib/Dialect/QGraph/IR/QGraphOps.cpp).
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/QGraph/Transforms/Passes.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace npc::qg {
#define GEN_PASS_DEF_LEGALIZETOINTEGERPARAMS
#include "npc/Dialect/QGraph/Transforms/Passes.h.inc"
} // namespace npc::qg

using namespace mlir;
using namespace npc;
using namespace npc::qg;

namespace {

struct LegalizeToIntegerParams
    : npc::qg::impl::LegalizeToIntegerParamsBase<LegalizeToIntegerParams> {
  void runOnOperation() override {
    // Each layer op derives its own parameters (LayerOpInterface). An op
    // that has them already (a module of a later stage, or written by hand)
    // must have the ones its types give: the reference interpreter derives
    // them again, and the executor runs what the module says.
    WalkResult r = getOperation().walk([](LayerOpInterface layer) {
      Operation *op = layer.getOperation();
      DictionaryAttr before = op->getAttrDictionary();
      if (failed(layer.legalizeParams()))
        return WalkResult::interrupt();
      for (NamedAttribute derived : op->getAttrs()) {
        Attribute given = before.get(derived.getName());
        if (!given || given == derived.getValue())
          continue;
        op->emitOpError() << derived.getName().getValue() << " " << given
                          << " does not follow from the op's quantized types and constants, which give "
                          << derived.getValue() << " (docs/semantics.md); remove it to derive it";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (r.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
