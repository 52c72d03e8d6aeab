#ifndef NPC_DIALECT_PROG_IR_PROG_H
#define NPC_DIALECT_PROG_IR_PROG_H
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "npc/Dialect/Prog/IR/ProgOpsDialect.h.inc"
#define GET_OP_CLASSES
#include "npc/Dialect/Prog/IR/ProgOps.h.inc"

#include "npc/Runtime/Kernels.h"

namespace npc::prog {
/// A layer's geometry as the linked `prog.layer` holds it (the manifest's
/// JSON object as a dictionary), and back with the manifest's checks.
mlir::DictionaryAttr geometryAttr(mlir::MLIRContext *ctx, const kernels::LayerGeometry &g);
llvm::Error parseGeometry(mlir::DictionaryAttr attr, kernels::LayerGeometry &g);
} // namespace npc::prog
#endif
