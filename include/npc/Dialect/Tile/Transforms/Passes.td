#ifndef NPC_TILE_PASSES
#define NPC_TILE_PASSES
include "mlir/Pass/PassBase.td"

def TileLayers : Pass<"npc-tile-layers", "::mlir::ModuleOp"> {
  let summary = "Split every layer's output into tiles that fit one core";
  let description = [{
    For each qg compute layer, chooses output-channel and output-row splits
    (last-dimension and row splits for matrix products) so that every tile's
    parameters, input window (with halo) and output fit in at most half a
    core's memory (the rest is left to co-resident tiles), and so that a layer
    gets up to `parallel` tiles to spread over cores. A layer whose single
    smallest tile does not fit fails with the bytes it needs against the
    core's memory.
  }];
  let options = [
    Option<"parallel", "parallel", "int64_t", "16",
           "tiles to aim for per layer (more cores compute it in parallel)">,
  ];
  let dependentDialects = ["::npc::ntile::TileDialect"];
}
#endif
