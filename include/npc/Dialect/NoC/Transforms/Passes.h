#ifndef NPC_DIALECT_NOC_TRANSFORMS_PASSES_H
#define NPC_DIALECT_NOC_TRANSFORMS_PASSES_H
#include "mlir/Pass/Pass.h"
#include "npc/Dialect/NoC/IR/NoC.h"
namespace npc::noc {
#define GEN_PASS_DECL
#include "npc/Dialect/NoC/Transforms/Passes.h.inc"
#define GEN_PASS_REGISTRATION
#include "npc/Dialect/NoC/Transforms/Passes.h.inc"
} // namespace npc::noc
#endif
