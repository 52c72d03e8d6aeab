//===- Passes.h - conversions between npc's levels ---------------*- C++ -*-===//
#ifndef NPC_CONVERSION_PASSES_H
#define NPC_CONVERSION_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"

namespace npc {
#define GEN_PASS_DECL
#include "npc/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "npc/Conversion/Passes.h.inc"
} // namespace npc

#endif
