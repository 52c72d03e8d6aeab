//===- Footprint.h - what one tile occupies in a core ------------*- C++ -*-===//
#ifndef NPC_ANALYSIS_FOOTPRINT_H
#define NPC_ANALYSIS_FOOTPRINT_H

#include "npc/Analysis/GraphModel.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Runtime/TargetModel.h"

namespace npc {

struct TileFootprint {
  TileParams params; // only when asked for values
  ParamLayout layout;
  std::vector<kernels::Box> inputBoxes; // in each input tensor's coordinates
  std::vector<int64_t> inputBytes;
  int64_t outputBytes = 0;

  int64_t inputTotal() const;
  int64_t total() const { return layout.totalBytes + inputTotal() + outputBytes; }
};

/// Parameters, input windows (the whole tensor when the operand arrives
/// through a reshape) and output of the tile computing `outBox` of `layer`.
TileFootprint tileFootprint(const GraphModel &g, const LayerNode &layer,
                            const kernels::Box &outBox, bool withValues = false);

/// Whether the tile `box` of `layer`, whose parameters take `paramBytes`,
/// streams them from its layer's tile with the same slice that starts at
/// row 0 (npc-map-to-cores stream-weights; kernels::sameParamSlice): a
/// tile of a MAC layer that starts below row 0, whose parameters cross the
/// model NoC within its compute on any route of the grid. The mapper and
/// the tiler count no parameters for it.
bool streamsParams(const TargetModel &model, const LayerNode &layer, const kernels::Box &box,
                   int64_t paramBytes);

/// The footprints of `tiles` of one layer op, without a graph model (what
/// the ntile verifier checks against a core's memory); an error if the op
/// is not a legalized compute layer.
llvm::Expected<std::vector<TileFootprint>>
tileFootprintsOf(mlir::Operation *layer, llvm::ArrayRef<kernels::Box> tiles);

} // namespace npc

#endif
