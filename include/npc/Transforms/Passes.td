//===- Passes.td - passes across the chip dialects ----------*- tablegen -*-===//
#ifndef NPC_TRANSFORMS_PASSES
#define NPC_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def AttachTarget : Pass<"npc-attach-target", "::mlir::ModuleOp"> {
  let summary = "Record the chip the module is compiled for as its npc.target";
  let description = [{
    Sets the module attribute `npc.target` (docs/target.md) from a built-in
    target name (`northpole`, `small`) or the path of a target JSON file.
    Every chip pass and verifier reads the target from there. With no
    `target` option, a module that has a target keeps it and one that has
    none gets `northpole`.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "northpole, small, or a target JSON file (empty: keep the module's)">,
  ];
}

def SearchMapping : Pass<"npc-search-mapping", "::mlir::ModuleOp"> {
  let summary = "Tile, map and schedule with several variants, keep the fastest";
  let description = [{
    On a tiled module, runs `npc-map-to-cores` and `npc-schedule-noc` on a
    copy of the module for each of the mapping variants (the defaults, then
    band-rows/row-merge-percent 4/20, 8/15, 4/30 and 4/0) and keeps the module
    whose timetable has the shortest period, then the shortest latency, by
    the cost model. With `retile`, the module is not tiled yet, and each
    mapping variant is tried after `npc-tile-layers` with each of the tiling
    variants: `min-parallel-cycles` as given, 16, 64 and 128 (a small layer
    cut finer adds transfers; cut coarser it may hold a core longer), each
    with channels cut in whole lanes of the MAC array, then the first with
    channels cut to any count (`lane-aligned=false`), then (unless
    `try-fill-span` is off) the first with `fill-span`. A
    variant that does not fit is skipped; if none fits, the network is tiled
    and mapped for buffers that share memory (below); if that does not fit
    either, the default tiling and mapping run on the module itself and
    report why. `npc compile
    --search` uses it in place of the tiling, mapping and scheduling passes.

    With `first-fit` (what `npc compile` runs without `--search`), it only
    tiles, maps and schedules with the defaults on the module itself and,
    if that does not fit, again with `lane-aligned=false`, and if that does
    not fit either, for buffers that share memory: `npc-tile-layers
    least-params` (channels cut to any count, and in whole lanes with
    tiles-per-core=2, the faster kept) and `npc-map-to-cores reuse-buffers`,
    frames one at a time (docs/mapping.md, "Buffers that share memory");
    where nothing fits, `lane-aligned=false` reports why. When the default
    fits, it also tiles with `fill-span` and, if that cuts some layer
    differently, maps and schedules it too and keeps the faster of the two
    (`try-fill-span`). When the host link sets the period of what it kept
    (no mapping can go faster), it maps that tiling once more with
    `row-merge-percent=0` (row tiles of a layer that share a core merge)
    and keeps that if the period is the same and the latency shorter.
    When the timetable sets the period of what it kept (above the busiest
    core's compute and the host link's floor), it tiles once more with
    `min-parallel-cycles=64` (if lower), maps and schedules with the
    defaults, and keeps that if the period is shorter. Otherwise, when the
    host link sets the period and `min-parallel-cycles` is neither 0
    (`parallel` tiles always) nor 128 or more, it tiles once more with
    `min-parallel-cycles=128`, maps and schedules as above (rows merged if
    faster), and keeps that if the period is the same and the latency at
    most 2% longer: fewer tiles and transfers where the chip waits on the
    host anyway (docs/mapping.md). Last, when the timetable sets the
    period of what it kept, it fuses each convolution into the add that is
    its only use (`qg-fuse-conv-add`), tiles as kept, maps and schedules
    with the defaults, and keeps that if the period is shorter; the
    tilings for buffers that share memory are tried fused too. Then, when
    the timetable still sets the period, the default tiling, fused and not,
    with weights streamed (`stream-weights`; streamed row tiles merging and
    apart), kept if the period is shorter.
  }];
  let options = [
    Option<"retile", "retile", "bool", "false",
           "the module is not tiled: try each tiling variant too">,
    Option<"parallel", "parallel", "int64_t", "16",
           "npc-tile-layers' option of that name, when retiling">,
    Option<"minParallelCycles", "min-parallel-cycles", "int64_t", "16",
           "the first tiling variant's min-parallel-cycles, when retiling">,
    Option<"pipeline", "pipeline", "bool", "true",
           "overlap frames (the npc-schedule-noc option of the same name)">,
    Option<"firstFit", "first-fit", "bool", "false",
           "with retile: the default tiling and mapping, then with lane-aligned=false if it does not fit, then with buffers sharing memory; no search">,
    Option<"fillSpan", "fill-span", "bool", "false",
           "npc-tile-layers' option of that name in every tiling, when retiling">,
    Option<"tryFuseConvAdd", "try-fuse-conv-add", "bool", "true",
           "where the timetable sets the period: also with each convolution fused into the add that is its only use (qg-fuse-conv-add), kept if faster">,
    Option<"streamWeights", "stream-weights", "bool", "false",
           "in every tiling and mapping: MAC layers' row tiles stream their weights from the row-0 tile over the model NoC (npc-tile-layers and npc-map-to-cores stream-weights)">,
    Option<"tryStreamWeights", "try-stream-weights", "bool", "true",
           "where the timetable sets the period of what is kept: also with weights streamed (stream-weights), kept if the period is shorter">,
    Option<"trySplitReductions", "try-split-reductions", "bool", "true",
           "where the busiest core sets the period and computes a matmul: also with that matmul's reduction split in 2, 4, 8 or 16 parts (qg-split-reductions), kept if the period is shorter">,
    Option<"tryFillSpan", "try-fill-span", "bool", "true",
           "with fill-span off: tile with fill-span too (first-fit: where that changes some layer's tiles) and keep the faster timetable">,
  ];
  // What the passes it runs create: dynamic pipelines load no dialects.
  let dependentDialects = ["::npc::ntile::TileDialect", "::npc::nmap::MapDialect",
                           "::npc::noc::NoCDialect"];
}

def Report : Pass<"npc-report", "::mlir::ModuleOp"> {
  let summary = "Write the report of a linked module (what npc compile --report writes)";
  let description = [{
    On a module through `npc-link-program`: every layer's cores, cycles,
    MACs, bytes per core and MAC utilization, each core's memory fill and
    the summary (cycles per frame, frames/s, latency, energy), as JSON
    (README "Using it" describes the fields), to `file` (`-`: standard
    output). The module is left as it is.
  }];
  let options = [
    Option<"file", "file", "std::string", "\"-\"", "where to write the report JSON (-: stdout)">,
  ];
}

#endif
