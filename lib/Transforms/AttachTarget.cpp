//===- AttachTarget.cpp - record the chip a module is compiled for --------===//
#include "npc/Transforms/Passes.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/BuiltinOps.h"

namespace npc {
#define GEN_PASS_DEF_ATTACHTARGET
#include "npc/Transforms/Passes.h.inc"
} // namespace npc

using namespace mlir;
using namespace npc;

namespace {
struct AttachTarget : npc::impl::AttachTargetBase<AttachTarget> {
  using AttachTargetBase::AttachTargetBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (target.empty() && module->hasAttr(kTargetAttr))
      return markAllAnalysesPreserved();
    auto desc = resolveTarget(target.empty() ? std::string("northpole") : target);
    if (!desc) {
      module.emitError() << llvm::toString(desc.takeError());
      return signalPassFailure();
    }
    module->setAttr(kTargetAttr, targetToAttr(*desc, &getContext()));
  }
};
} // namespace
