#ifndef NPC_DIALECT_PROG_TRANSFORMS_PASSES_H
#define NPC_DIALECT_PROG_TRANSFORMS_PASSES_H
#include "mlir/Pass/Pass.h"
#include "npc/Dialect/Prog/IR/Prog.h"
namespace npc::prog {
#define GEN_PASS_DECL
#include "npc/Dialect/Prog/Transforms/Passes.h.inc"
#define GEN_PASS_REGISTRATION
#include "npc/Dialect/Prog/Transforms/Passes.h.inc"
} // namespace npc::prog
#endif
