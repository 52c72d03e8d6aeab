//===- npc-translate.cpp - npc's formats to and from MLIR -----------------===//
//
//   npc-translate --import-onnx MODEL.onnx [--shape NAME=1x3x224x224]
//                 [--bind NAME=FILE.npy] [-o MODULE.mlir]      ONNX -> onnx-level MLIR
//   npc-translate --npx MODULE.mlir -o MODEL.npx              MLIR -> artifact
//
// As mlir-translate (and aie-translate, ttmlir-translate): the formats at the
// ends of the pipeline, so that `npc-translate --import-onnx | npc-opt
// --npc-compile | npc-translate --npx` is `npc compile`.
//
//===----------------------------------------------------------------------===//
#include "npc/Compiler/Compiler.h"
#include "npc/InitAll.h"
#include "npc/Support/ToolSetup.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"

using namespace mlir;

// As `npc import`'s: a graph input's static shape, a graph input frozen.
static llvm::cl::list<std::string>
    optShape("shape", llvm::cl::desc("--import-onnx: static shape of an input with dynamic "
                                     "dimensions"),
             llvm::cl::value_desc("NAME=1x3x224x224"));
static llvm::cl::list<std::string>
    optBind("bind", llvm::cl::desc("--import-onnx: freeze graph input NAME to a constant"),
            llvm::cl::value_desc("NAME=FILE.npy"));

static void registerNpcTranslations() {
  TranslateToMLIRRegistration importOnnx(
      "import-onnx",
      "ONNX model (ModelProto bytes) to an onnx-level module, one onnx.node per node "
      "(npc-opt --npc-convert-onnx-to-qg gives its qg form)",
      [](llvm::StringRef bytes, MLIRContext *ctx) -> OwningOpRef<Operation *> {
        npc::ImportOptions options;
        llvm::Error err = llvm::Error::success();
        for (const std::string &arg : optShape)
          err = llvm::joinErrors(std::move(err), options.addShape(arg));
        for (const std::string &arg : optBind)
          err = llvm::joinErrors(std::move(err), options.addBinding(arg));
        if (err) {
          emitError(UnknownLoc::get(ctx)) << llvm::toString(std::move(err));
          return nullptr;
        }
        auto module = npc::importOnnxGraph(*ctx, bytes, options);
        if (!module) {
          emitError(UnknownLoc::get(ctx)) << llvm::toString(module.takeError());
          return nullptr;
        }
        return OwningOpRef<Operation *>(module->release());
      },
      [](DialectRegistry &registry) { npc::registerAllDialects(registry); });

  TranslateFromMLIRRegistration npx(
      "npx",
      "a module through the whole pipeline (npc-opt --npc-compile) to the artifact "
      "that npc run loads (docs/artifact.md)",
      [](ModuleOp module, llvm::raw_ostream &os) -> LogicalResult {
        auto artifact = npc::buildArtifact(module);
        if (!artifact)
          return module.emitError() << llvm::toString(artifact.takeError());
        std::vector<uint8_t> bytes = npc::serializeArtifact(*artifact);
        os.write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
        return success();
      },
      [](DialectRegistry &registry) { npc::registerAllDialects(registry); });
}

int main(int argc, char **argv) {
  npc::setUpTool("npc-translate");
  registerNpcTranslations();
  return failed(mlirTranslateMain(argc, argv, "npc translation driver\n")) ? 1 : 0;
}
