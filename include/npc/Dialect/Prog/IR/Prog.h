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
#include "npc/Runtime/Manifest.h"

namespace mlir {
class ModuleOp;
}

namespace npc::prog {
/// A layer's geometry as the linked `prog.layer` holds it (the manifest's
/// JSON object as a dictionary), and back with the manifest's checks.
mlir::DictionaryAttr geometryAttr(mlir::MLIRContext *ctx, const kernels::LayerGeometry &g);
llvm::Error parseGeometry(mlir::DictionaryAttr attr, kernels::LayerGeometry &g);
/// The manifest a linked module (one with a prog.frame) stands for: its
/// target, tensors, layers and tiles, transfers and host boundaries (no
/// report). An error, not a crash, where an op is malformed (the verifier
/// asks before the ops' own verifiers have run).
llvm::Expected<Manifest> readLinkedManifest(mlir::ModuleOp module);
/// What is wrong with a linked tile's fields, or "" (TileOp's verifier).
std::string tileProblem(TileOp tile);
} // namespace npc::prog
#endif
