//===- OnnxToQGraph.h - onnx dialect to qg -----------------------*- C++ -*-===//
#ifndef NPC_CONVERSION_ONNXTOQGRAPH_ONNXTOQGRAPH_H
#define NPC_CONVERSION_ONNXTOQGRAPH_ONNXTOQGRAPH_H

#include "npc/Support/ImportLimits.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace npc {

/// Replaces `@main` of an onnx-level module (npc-translate --import-onnx)
/// by its meaning in the qg dialect: QDQ patterns fused into integer ops,
/// QOperator nodes one to one, shape arithmetic on constants folded. The
/// error names the node, its op type and what is wrong; the module is then
/// left as it was. A module without onnx ops is left alone.
llvm::Error convertOnnxToQGraph(mlir::ModuleOp module, const ImportLimits &limits = {});

/// Whether `module` is onnx-level: its @main holds an onnx op, or the module
/// has an onnx.opset.
bool isOnnxLevel(mlir::ModuleOp module);

} // namespace npc

#endif
