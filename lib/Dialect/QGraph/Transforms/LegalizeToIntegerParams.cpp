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
    // Each layer op derives its own parameters (LayerOpInterface).
    WalkResult r = getOperation().walk([](LayerOpInterface layer) {
      return failed(layer.legalizeParams()) ? WalkResult::interrupt() : WalkResult::advance();
    });
    if (r.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
