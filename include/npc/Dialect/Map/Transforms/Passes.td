#ifndef NPC_MAP_PASSES
#define NPC_MAP_PASSES
include "mlir/Pass/PassBase.td"

def MapToCores : Pass<"npc-map-to-cores", "::mlir::ModuleOp"> {
  let summary = "Place tiles on cores and allocate their buffers";
  let description = [{
    Fills the cores in a snake order with the tiles in program order, so
    that consecutive layers sit next to each other and activations travel
    few hops. The snake runs through bands of `band-rows` rows, column by
    column (band 0 left to right, band 1 right to left, ...; down and up in
    turn within a column), so the cores of a run form blocks and the traffic
    between two layers crosses several parallel links. A tile stays on the
    current core while the core's compute load stays within a cap and its
    memory (counting a second copy of every activation buffer when the model
    allows) fits; the cap is the least at which every tile finds a core.
    Neighbouring tiles of one layer on one core merge into one tile when
    their union is a box (ntile.tiles is rewritten): along channels always
    (one shared input window), along rows only when the weights are at least
    `row-merge-percent` of the tile (a long merged tile keeps its input
    window, and its copies, alive long). Allocates every tile's
    parameters, input windows and output in its core's memory; all weights
    stay resident. When memory is too tight to fill in order, each tile goes
    on the first core with room; a tile that fits no core fails with the
    layer, the bytes it needs and the largest free space left.

    With `reuse-buffers`, a network whose buffers do not all fit at once is
    placed the same way with buffers sharing bytes: an input window or
    output shares its core's memory with buffers whose lifetimes, in layer
    positions, it does not meet (a window lives at its layer only, an
    output from its layer to its last reader; parameters always). npc-schedule-noc then runs frames one at a time and holds each
    buffer's first write until the earlier buffers in its bytes are done
    (docs/mapping.md, "Buffers that share memory").
  }];
  let options = [
    Option<"bandRows", "band-rows", "int64_t", "4",
           "rows per band of the snake (1: row by row)">,
    Option<"rowMergePercent", "row-merge-percent", "int64_t", "15",
           "merge neighbouring row tiles on a core only when their weights are at least this percentage of the tile's bytes">,
    Option<"reuseBuffers", "reuse-buffers", "bool", "false",
           "when the buffers do not all fit at once, let buffers whose lifetimes do not meet share bytes (frames then run one at a time)">,
    Option<"streamWeights", "stream-weights", "bool", "false",
           "a MAC layer's row tiles keep no copy of the weights their row-0 tile holds: they stream them over the model NoC while they compute (where that fits in their compute time)">,
    Option<"streamRowsApart", "stream-rows-apart", "bool", "false",
           "with stream-weights: row tiles that stream their weights merge on a core as tiles without weights do (row-merge-percent counts none)">,
  ];
  let dependentDialects = ["::npc::nmap::MapDialect"];
}
#endif
