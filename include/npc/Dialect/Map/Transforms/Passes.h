#ifndef NPC_DIALECT_MAP_TRANSFORMS_PASSES_H
#define NPC_DIALECT_MAP_TRANSFORMS_PASSES_H
#include "mlir/Pass/Pass.h"
#include "npc/Dialect/Map/IR/MapDialect.h"
namespace npc::nmap {
#define GEN_PASS_DECL
#include "npc/Dialect/Map/Transforms/Passes.h.inc"
#define GEN_PASS_REGISTRATION
#include "npc/Dialect/Map/Transforms/Passes.h.inc"
} // namespace npc::nmap
#endif
