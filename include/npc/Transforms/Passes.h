//===- Passes.h - passes across the chip dialects ----------------*- C++ -*-===//
#ifndef NPC_TRANSFORMS_PASSES_H
#define NPC_TRANSFORMS_PASSES_H

#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Dialect/NoC/IR/NoC.h"

#include "mlir/Pass/Pass.h"

#include <vector>

namespace npc {

#define GEN_PASS_DECL
#include "npc/Transforms/Passes.h.inc"

/// The npc-map-to-cores options npc-search-mapping tries: the defaults,
/// then (band-rows, row-merge-percent) = (4, 20), (8, 15), (4, 30).
std::vector<nmap::MapToCoresOptions> mappingVariants();

/// A tiling npc-search-mapping tries: npc-tile-layers' min-parallel-cycles
/// and lane-aligned options.
struct TilingVariant {
  int64_t minParallelCycles;
  bool laneAligned;
  bool fillSpan = false;
  /// Tiles for buffers that share memory (npc-tile-layers least-params),
  /// mapped with npc-map-to-cores reuse-buffers.
  bool shareMemory = false;
  /// npc-tile-layers tiles-per-core (0: its default).
  int64_t tilesPerCore = 0;
  /// Each convolution fused into the add that is its only use first
  /// (qg-fuse-conv-add).
  bool fuseConvAdd = false;
  /// MAC layers' row tiles stream their weights from the row-0 tile over
  /// the model NoC (npc-tile-layers and npc-map-to-cores stream-weights).
  bool streamWeights = false;
};
/// The tilings npc-search-mapping tries when it retiles: lane-aligned with
/// min-parallel-cycles `first`, then 16, 64 and 128 (each once), then
/// `first` with channels cut to any count, then (`withFillSpan`) `first`
/// with npc-tile-layers fill-span.
std::vector<TilingVariant> tilingVariants(int64_t first, bool withFillSpan);

#define GEN_PASS_REGISTRATION
#include "npc/Transforms/Passes.h.inc"

} // namespace npc

#endif
