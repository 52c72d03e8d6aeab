//===- MapToCores.cpp - place tiles on cores, allocate buffers ------------===//
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"

#include "mlir/IR/BuiltinOps.h"

namespace npc::nmap {
#define GEN_PASS_DEF_MAPTOCORES
#include "npc/Dialect/Map/Transforms/Passes.h.inc"
} // namespace npc::nmap

using namespace mlir;
using namespace npc;

namespace {

struct MapToCores : npc::nmap::impl::MapToCoresBase<MapToCores> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto chip = loadChipModelOrEmit(module);
    if (!chip)
      return signalPassFailure();
    const TargetDesc *target = &chip->first;
    GraphModel *graph = &chip->second;
    // Snake order keeps consecutive positions physically adjacent.
    std::vector<int64_t> order;
    for (int64_t y = 0; y < target->gridRows; ++y)
      for (int64_t i = 0; i < target->gridCols; ++i)
        order.push_back(y * target->gridCols + (y % 2 ? target->gridCols - 1 - i : i));
    std::vector<int64_t> used(target->numCores(), 0);
    size_t cursor = 0;
    for (const LayerNode &l : graph->layers) {
      auto tiles = ntile::getTiles(l.op);
      if (tiles.empty()) {
        l.op->emitError() << "layer '" << l.name << "' has no ntile.tiles; run npc-tile-layers first";
        return signalPassFailure();
      }
      std::vector<nmap::TilePlacement> placed;
      for (auto [t, box] : llvm::enumerate(tiles)) {
        TileFootprint f = tileFootprint(*graph, l, box);
        int64_t need = alignedBytes(f.layout.totalBytes) + alignedBytes(f.outputBytes);
        for (int64_t b : f.inputBytes)
          need += alignedBytes(b);
        size_t k = 0;
        for (; k < order.size(); ++k)
          if (target->coreMemoryBytes - used[order[(cursor + k) % order.size()]] >= need)
            break;
        if (k == order.size()) {
          int64_t largest = 0, free = 0;
          for (int64_t u : used) {
            largest = std::max(largest, target->coreMemoryBytes - u);
            free += target->coreMemoryBytes - u;
          }
          l.op->emitError() << "model does not fit: layer '" << l.name << "' tile " << t
                            << " needs " << need << " bytes (parameters "
                            << f.layout.totalBytes << ", input " << f.inputTotal()
                            << ", output " << f.outputBytes
                            << "); the largest free space on a core is " << largest
                            << " of " << target->coreMemoryBytes << " bytes ("
                            << free << " bytes free on the whole chip)";
          return signalPassFailure();
        }
        int64_t core = order[(cursor + k) % order.size()];
        cursor = (cursor + k + 1) % order.size();
        int64_t &top = used[core];
        nmap::TilePlacement p;
        p.core = core;
        auto take = [&](int64_t bytes) {
          int64_t a = top;
          top += alignedBytes(bytes);
          return a;
        };
        p.paramBytes = f.layout.totalBytes;
        p.paramAddr = take(p.paramBytes);
        for (int64_t b : f.inputBytes)
          p.inputs.push_back({take(b), b});
        p.outBytes = f.outputBytes;
        p.outAddr = take(p.outBytes);
        placed.push_back(p);
      }
      nmap::setPlacements(l.op, placed);
    }
  }
};

} // namespace
