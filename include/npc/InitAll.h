//===- InitAll.h - register every npc dialect and pass -----------*- C++ -*-===//
#ifndef NPC_INITALL_H
#define NPC_INITALL_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "npc/Conversion/Passes.h"
#include "npc/Dialect/Onnx/IR/Onnx.h"
#include "npc/Dialect/Onnx/Transforms/Passes.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Dialect/NoC/Transforms/Passes.h"
#include "npc/Dialect/Prog/Transforms/Passes.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"
#include "npc/Dialect/Tile/Transforms/Passes.h"
#include "npc/Transforms/Passes.h"
#include "npc/Compiler/Compiler.h"

namespace npc {

/// npc's dialects and the upstream ones its IR uses.
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::func::FuncDialect, mlir::quant::QuantDialect,
                  onnx::OnnxDialect, qg::QGraphDialect, ntile::TileDialect, nmap::MapDialect,
                  noc::NoCDialect, prog::ProgDialect>();
}

/// npc's passes, its `npc-compile` pipeline and the upstream cleanups used
/// between them.
inline void registerAllPasses() {
  registerNpcConversionPasses();
  onnx::registerNpcOnnxPasses();
  qg::registerNpcQGraphPasses();
  ntile::registerNpcTilePasses();
  nmap::registerNpcMapPasses();
  noc::registerNpcNoCPasses();
  prog::registerNpcProgPasses();
  registerNpcPasses();
  registerCompilePipeline();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
}

} // namespace npc

#endif
