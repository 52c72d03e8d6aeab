//===- npc-opt.cpp - mlir-opt with every npc dialect and pass -------------===//
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

#include "npc/InitAll.h"
#include "npc/Support/ToolSetup.h"

int main(int argc, char **argv) {
  npc::setUpTool("npc-opt");
  mlir::DialectRegistry registry;
  npc::registerAllDialects(registry);
  npc::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "npc optimizer driver\n", registry));
}
