//===- Passes.h - quantized-graph passes -------------------------*- C++ -*-===//
#ifndef NPC_DIALECT_QGRAPH_TRANSFORMS_PASSES_H
#define NPC_DIALECT_QGRAPH_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"

namespace npc::qg {
#define GEN_PASS_DECL
#include "npc/Dialect/QGraph/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "npc/Dialect/QGraph/Transforms/Passes.h.inc"

/// Whether qg-fuse-conv-add would fuse some convolution under `root`.
bool hasFusibleConvAdd(mlir::Operation *root);

/// Splits `op`'s reduction into `parts` parts of K' = ceil(K / parts)
/// rounded up to a multiple of `align` rows (qg-split-reductions); the last
/// part replaces `op`. Fails, having changed nothing, with the reason in
/// `why`.
mlir::LogicalResult splitReduction(MatMulOp op, int64_t parts, int64_t align, std::string &why);
} // namespace npc::qg

#endif
