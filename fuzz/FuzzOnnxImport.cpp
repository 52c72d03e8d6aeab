//===- FuzzOnnxImport.cpp - libFuzzer harness: the ONNX importer -----------===//
//
// Any bytes as a model file: the importer must answer with a module or an
// error, never crash, read out of bounds or hit undefined behaviour.
//
//===----------------------------------------------------------------------===//
#include "npc/Import/OnnxImporter.h"
#include "npc/InitAll.h"

#include "mlir/IR/MLIRContext.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::MLIRContext *ctx = [] {
    mlir::DialectRegistry registry;
    npc::registerAllDialects(registry);
    auto *c = new mlir::MLIRContext(registry, mlir::MLIRContext::Threading::DISABLED);
    c->loadAllAvailableDialects();
    // Diagnostics are the expected outcome for most inputs: keep them quiet.
    c->getDiagEngine().registerHandler([](mlir::Diagnostic &) {});
    return c;
  }();
  auto module = npc::importOnnxModel(
      *ctx, llvm::StringRef(reinterpret_cast<const char *>(data), size), npc::ImportOptions());
  if (!module)
    llvm::consumeError(module.takeError());
  return 0;
}
