//===- InitAll.h - register every npc dialect and pass -----------*- C++ -*-===//
#ifndef NPC_INITALL_H
#define NPC_INITALL_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"

namespace npc {

/// npc's dialects and the upstream ones its IR uses.
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::func::FuncDialect, mlir::quant::QuantDialect,
                  qg::QGraphDialect>();
}

/// npc's passes and the upstream cleanups used between them.
inline void registerAllPasses() {
  qg::registerNpcQGraphPasses();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
}

} // namespace npc

#endif
