//===- TileDialect.td - layer tiling ------------------------*- tablegen -*-===//
#ifndef NPC_TILE_DIALECT
#define NPC_TILE_DIALECT
include "mlir/IR/OpBase.td"

def Tile_Dialect : Dialect {
  let name = "ntile";
  let cppNamespace = "::npc::ntile";
  let summary = "Layer tiling: which box of each layer's output one core computes";
  let description = [{
    The tiling stage annotates every qg compute layer with
    `ntile.tiles = [array<i64: lo_0, .., lo_r-1, hi_0, .., hi_r-1>, ...]`: the
    output boxes of its tiles. Tiles partition the output exactly. Each tile's
    footprint (parameter slice, input window with its halo, output, once
    each) must fit one core's memory in the module's `npc.target`. The
    dialect verifies both (the footprint on legalized compute layers).
  }];
  let hasOperationAttrVerify = 1;
}
#endif
