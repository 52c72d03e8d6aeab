//===- TileLayers.cpp - split layers into per-core tiles ------------------===//
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/Tile/Transforms/Passes.h"
#include "npc/Support/Diagnostics.h"

#include "mlir/IR/BuiltinOps.h"

namespace npc::ntile {
#define GEN_PASS_DEF_TILELAYERS
#include "npc/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace npc::ntile

using namespace mlir;
using namespace npc;
using kernels::Box;

namespace {

/// The dimensions a layer's output is split along: channels and rows for
/// NCHW tensors, columns and rows for matrices.
std::pair<int64_t, int64_t> splitDims(const std::vector<int64_t> &shape) {
  if (shape.size() == 4)
    return {1, 2};
  if (shape.size() >= 2)
    return {int64_t(shape.size()) - 1, int64_t(shape.size()) - 2};
  return {0, -1};
}

std::vector<Box> evenTiles(const std::vector<int64_t> &shape, int64_t cDim,
                           int64_t cs, int64_t rDim, int64_t rs) {
  std::vector<Box> tiles;
  Box full = Box::full(shape);
  int64_t C = shape[cDim], R = rDim >= 0 ? shape[rDim] : 1;
  for (int64_t i = 0; i < cs; ++i)
    for (int64_t j = 0; j < rs; ++j) {
      Box b = full;
      b.lo[cDim] = i * C / cs;
      b.hi[cDim] = (i + 1) * C / cs;
      if (rDim >= 0) {
        b.lo[rDim] = j * R / rs;
        b.hi[rDim] = (j + 1) * R / rs;
      }
      if (!b.empty())
        tiles.push_back(b);
    }
  return tiles;
}

struct TileLayers : npc::ntile::impl::TileLayersBase<TileLayers> {
  using TileLayersBase::TileLayersBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto target = getModuleTarget(module);
    auto graph = target ? buildGraphModel(module) : llvm::Expected<GraphModel>(target.takeError());
    if (!graph) {
      module.emitError() << llvm::toString(graph.takeError());
      return signalPassFailure();
    }
    int64_t budget = target->coreMemoryBytes;
    for (const LayerNode &l : graph->layers) {
      const auto &shape = l.spec.geometry.outputShape;
      auto [cDim, rDim] = splitDims(shape);
      int64_t C = shape[cDim], R = rDim >= 0 ? shape[rDim] : 1;
      int64_t cs = std::max<int64_t>(1, std::min<int64_t>(C, parallel)), rs = 1;
      auto worst = [&](std::vector<Box> &tiles) {
        TileFootprint w;
        for (const Box &b : tiles) {
          TileFootprint f = tileFootprint(*graph, l, b);
          if (f.total() > w.total())
            w = std::move(f);
        }
        return w;
      };
      std::vector<Box> tiles = evenTiles(shape, cDim, cs, rDim, rs);
      TileFootprint w = worst(tiles);
      // Half a core per tile leaves room for co-resident tiles of other layers.
      while (w.total() > budget / 2 && (cs < C || rs < R)) {
        bool paramsDominate = w.layout.totalBytes >= w.inputTotal() + w.outputBytes;
        if ((paramsDominate && cs < C) || rs >= R)
          cs = std::min(C, cs * 2);
        else
          rs = std::min(R, rs * 2);
        tiles = evenTiles(shape, cDim, cs, rDim, rs);
        w = worst(tiles);
      }
      if (w.total() > budget) {
        l.op->emitError() << "layer '" << l.name << "' needs " << w.total()
                          << " bytes for its smallest tile (parameters "
                          << w.layout.totalBytes << ", input " << w.inputTotal()
                          << ", output " << w.outputBytes << ") but a core has "
                          << budget << " bytes";
        return signalPassFailure();
      }
      l.op->setAttr(ntile::kTilesAttr, ntile::tilesAttr(&getContext(), tiles));
    }
  }
};

} // namespace
