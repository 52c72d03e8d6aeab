//===- Passes.h - onnx-level passes -------------------------------*- C++ -*-===//
#ifndef NPC_DIALECT_ONNX_TRANSFORMS_PASSES_H
#define NPC_DIALECT_ONNX_TRANSFORMS_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/SetVector.h"
#include "npc/Dialect/Onnx/IR/Onnx.h"

namespace mlir {
class RewritePatternSet;
}

namespace npc::onnx {
#define GEN_PASS_DECL
#include "npc/Dialect/Onnx/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "npc/Dialect/Onnx/Transforms/Passes.h.inc"

/// Runs onnx-fold-constants on `module`.
void foldConstants(mlir::ModuleOp module);

/// Runs onnx-fuse-qdq's patterns on `module` (the importer's path, which
/// runs no pass manager).
mlir::LogicalResult fuseQdqToQOperator(mlir::ModuleOp module);
} // namespace npc::onnx

#endif
