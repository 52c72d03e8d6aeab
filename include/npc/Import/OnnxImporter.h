//===- OnnxImporter.h - ONNX to the quantized-graph dialect ------*- C++ -*-===//
#ifndef NPC_IMPORT_ONNXIMPORTER_H
#define NPC_IMPORT_ONNXIMPORTER_H

#include "npc/Runtime/HostTensor.h"
#include "npc/Support/ImportLimits.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace npc {

struct ImportOptions {
  /// Graph inputs frozen to constants (`--bind name=file.npy`).
  std::map<std::string, HostTensor> bindings;
  /// Static shapes for graph inputs with symbolic dimensions (`--shape`).
  std::map<std::string, std::vector<int64_t>> shapes;
  ImportLimits limits;

  /// `--shape NAME=1x3x224x224`, `--bind NAME=FILE.npy`: adds the shape or
  /// the tensor the file holds; the error says what is wrong with it.
  llvm::Error addShape(llvm::StringRef assignment);
  llvm::Error addBinding(llvm::StringRef assignment);
};

/// Parses an ONNX model (serialized ModelProto bytes) into a module in the
/// onnx dialect: `func.func @main` with one `onnx.node` per node. Errors
/// name what is wrong (and the node, when it is one).
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importOnnxGraph(mlir::MLIRContext &ctx, llvm::StringRef modelBytes,
                const ImportOptions &options);

/// importOnnxGraph, then convertOnnxToQGraph: a module holding
/// `func.func @main` in the qg dialect. Errors name the node, its op type and
/// what is wrong.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importOnnxModel(mlir::MLIRContext &ctx, llvm::StringRef modelBytes,
                const ImportOptions &options);

/// Reads `path` and imports it.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importOnnxFile(mlir::MLIRContext &ctx, llvm::StringRef path,
               const ImportOptions &options);

} // namespace npc

#endif
