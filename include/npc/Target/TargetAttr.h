//===- TargetAttr.h - the target as the module attribute npc.target -*- C++ -*-===//
//
// The compiler's side of the target description: the chip a module is
// compiled for travels with the module as `npc.target`, a dictionary with
// the keys of the target JSON (docs/target.md). The runtime reads targets
// from JSON only (npc/Runtime/TargetDesc.h), so it needs no MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_TARGETATTR_H
#define NPC_TARGET_TARGETATTR_H

#include "npc/Runtime/TargetDesc.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"

namespace npc {

constexpr llvm::StringLiteral kTargetAttr = "npc.target";

/// The attribute form: every field, NoC parameters as a nested dictionary.
mlir::DictionaryAttr targetToAttr(const TargetDesc &t, mlir::MLIRContext *ctx);
/// Read back with the JSON rules (missing keys keep northpole's defaults,
/// unknown keys and wrong types are errors; the result is validated).
llvm::Expected<TargetDesc> targetFromAttr(mlir::DictionaryAttr attr);
/// The module's `npc.target`, or the northpole target when it has none.
llvm::Expected<TargetDesc> getModuleTarget(mlir::ModuleOp module);
/// The target of the module holding `op` (northpole outside any module):
/// what a verifier checks `op` against.
llvm::Expected<TargetDesc> getTargetOf(mlir::Operation *op);

} // namespace npc

#endif
