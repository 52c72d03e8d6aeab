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
    gets at least `parallel` tiles to spread over cores, or more when its
    work exceeds `parallel` quanta: the quantum is the model's total compute
    cycles over (cores x `tiles-per-core`), at least `min-tile-cycles`. Small
    tiles let the mapper balance every core's load, which bounds the frame
    period. With `one-dimension`, a layer with more work than one core's
    share (it will span `span` cores, where the mapper merges the tiles that
    share a core) is cut along channels only or rows only: the direction
    whose `span`-way cut takes less memory counting two copies of every
    activation buffer (channel cuts copy the input window, row cuts the
    weights); a direction with a piece that does not fit a core does not
    count. When no one-dimensional cut fits, any split is considered. With
    a MAC array geometry (`mac_array_depth` > 0), a MAC layer's output
    channels are cut in multiples of the array's lanes while such a split
    fits (`lane-aligned`), so that no tile leaves lanes empty; a layer with
    too few lane-wide channel units for the cores it spans is cut by rows.
    With `fill-span` (off by default), any layer with fewer channel pieces
    than the cores it spans is cut by rows, one with too few rows by
    channels, and one with too few of both along both (a depthwise or
    standalone BatchNorm layer of 16 channels otherwise stays on 16 cores
    whatever its work; docs/tiling.md has its effect on torchvision
    networks, which is not all gain). A layer whose single
    smallest tile does not fit fails with the bytes it needs against the
    core's memory.
  }];
  let options = [
    Option<"parallel", "parallel", "int64_t", "16",
           "tiles to aim for per layer (more cores compute it in parallel)">,
    Option<"tilesPerCore", "tiles-per-core", "int64_t", "8",
           "tiles per core the whole model's work is cut into">,
    Option<"oneDimension", "one-dimension", "bool", "true",
           "cut a layer that spans several cores along one dimension only">,
    Option<"minTileCycles", "min-tile-cycles", "int64_t", "512",
           "no layer is cut finer than this many compute cycles per tile for load balance">,
    Option<"minParallelCycles", "min-parallel-cycles", "int64_t", "16",
           "a layer gets `parallel` tiles only as far as each keeps this many compute cycles (0: always `parallel`)">,
    Option<"laneAligned", "lane-aligned", "bool", "true",
           "cut a MAC layer's output channels in multiples of the MAC array's lanes while such a split fits">,
    Option<"fillSpan", "fill-span", "bool", "false",
           "with one-dimension: cut a layer along the dimension with pieces enough for the cores it spans (both when neither has)">,
    Option<"streamWeights", "stream-weights", "bool", "false",
           "count no parameters for a MAC layer's row tiles that npc-map-to-cores stream-weights lets stream them from the layer's row-0 tile">,
    Option<"leastParams", "least-params", "bool", "false",
           "among the splits that fit, take the one with the fewest parameter bytes in all, then the least memory (for buffers that share memory: npc-map-to-cores reuse-buffers)">,
  ];
  let dependentDialects = ["::npc::ntile::TileDialect"];
}
#endif
