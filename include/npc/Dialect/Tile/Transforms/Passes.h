#ifndef NPC_DIALECT_TILE_TRANSFORMS_PASSES_H
#define NPC_DIALECT_TILE_TRANSFORMS_PASSES_H
#include "mlir/Pass/Pass.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
namespace npc::ntile {
#define GEN_PASS_DECL
#include "npc/Dialect/Tile/Transforms/Passes.h.inc"
#define GEN_PASS_REGISTRATION
#include "npc/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace npc::ntile
#endif
