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

/// `cs` x `rs` tiles as even as can be, channel boundaries at multiples of
/// `unit` channels.
std::vector<Box> evenTiles(const std::vector<int64_t> &shape, int64_t cDim,
                           int64_t cs, int64_t rDim, int64_t rs, int64_t unit = 1) {
  std::vector<Box> tiles;
  Box full = Box::full(shape);
  int64_t C = shape[cDim], R = rDim >= 0 ? shape[rDim] : 1;
  int64_t units = (C + unit - 1) / unit;
  for (int64_t i = 0; i < cs; ++i)
    for (int64_t j = 0; j < rs; ++j) {
      Box b = full;
      b.lo[cDim] = std::min(C, i * units / cs * unit);
      b.hi[cDim] = std::min(C, (i + 1) * units / cs * unit);
      if (rDim >= 0) {
        b.lo[rDim] = j * R / rs;
        b.hi[rDim] = (j + 1) * R / rs;
      }
      if (!b.empty())
        tiles.push_back(b);
    }
  return tiles;
}

struct TileLayers : ChipPass<npc::ntile::impl::TileLayersBase<TileLayers>> {
  using ChipPass::ChipPass;

  void run(const TargetDesc &targetRef, const GraphModel &graphRef) override {
    const TargetDesc *target = &targetRef;
    const GraphModel *graph = &graphRef;
    // Tiles are boxes along the output's channel and row dimensions.
    for (const LayerNode &l : graph->layers)
      if (l.spec.geometry.outputShape.empty()) {
        l.op->emitError() << "layer '" << l.name
                          << "' has a scalar (rank-0) result; layers are tiled along their "
                             "output's dimensions, so a chip layer needs rank 1 or more";
        return signalPassFailure();
      }
    int64_t budget = target->coreMemoryBytes;
    auto model = TargetModel::create(*target);
    // Tiles small enough to balance the cores' loads: about `tilesPerCore`
    // per core over the whole model, never below `minTileCycles`.
    auto layerCycles = [&](const LayerNode &l) {
      return model->computeCycles(l.spec.geometry, Box::full(l.spec.geometry.outputShape));
    };
    int64_t total = 0;
    for (const LayerNode &l : graph->layers)
      total += layerCycles(l);
    // A tile's footprint as the mapper counts it: without the parameters
    // it would stream (stream-weights).
    auto footprintOf = [&](const LayerNode &l, const Box &bx) {
      TileFootprint f = tileFootprint(*graph, l, bx);
      if (streamWeights && streamsParams(*model, l, bx, f.layout.totalBytes))
        f.layout.totalBytes = 0;
      return f;
    };
    int64_t quantum = std::max<int64_t>(
        minTileCycles, total / std::max<int64_t>(1, target->numCores() * tilesPerCore));
    // The split of one layer with channels cut in multiples of `unit`:
    // `fits` false when nothing fits half a core and the smallest tiles
    // (kept in `best`) may still fit a whole one.
    struct Choice {
      std::vector<Box> tiles;
      int64_t params = INT64_MAX, total = INT64_MAX, worst = INT64_MAX;
      TileFootprint worstTile;
    };
    // With least-params: the most bytes of input windows and outputs one
    // layer's tiles may hold together (splits over it count only where none
    // is under it).
    int64_t transientCap = INT64_MAX;
    auto choose = [&](const LayerNode &l, int64_t unit, bool &fits) -> Choice {
      const auto &shape = l.spec.geometry.outputShape;
      // Plain locals: the lambdas below capture them.
      int64_t cDim = ntile::splitDims(shape.size()).first;
      int64_t rDim = ntile::splitDims(shape.size()).second;
      int64_t C = shape[cDim], R = rDim >= 0 ? shape[rDim] : 1;
      const int64_t units = (C + unit - 1) / unit;
      // Candidate splits: powers of two and the full extent along each dim.
      auto splits = [](int64_t n) {
        std::vector<int64_t> v;
        for (int64_t k = 1; k < n; k *= 2)
          v.push_back(k);
        v.push_back(n);
        return v;
      };
      // Among splits whose largest tile fits half a core (room for tiles of
      // other layers) and that give the layer `parallel` tiles (or all it
      // can have, or as many as balance the cores' loads), take the one
      // with the least total memory: channel splits copy the input window
      // to every tile, row splits copy the weights.
      Choice best, smallest;
      // `parallel` tiles, but none of fewer than minParallelCycles cycles:
      // cutting a small layer finer only adds transfers (a transformer's
      // residual adds of a few cycles each, cut 16 ways, fed every tile
      // from every producer tile and set the frame's period).
      int64_t cycles = layerCycles(l);
      int64_t parallelTiles =
          minParallelCycles <= 0
              ? parallel
              : std::clamp<int64_t>((cycles + minParallelCycles - 1) / minParallelCycles, 1,
                                    parallel);
      int64_t want = std::min<int64_t>(
          std::max<int64_t>(parallelTiles, (cycles + quantum - 1) / quantum), units * R);
      // Memory of a split with two copies of every activation buffer (what
      // pipelined frames tend to need); a split with a piece that cannot
      // hold that does not count.
      auto totalBytes = [&](int64_t cs, int64_t rs) {
        int64_t sum = 0;
        for (const Box &bx : evenTiles(shape, cDim, cs, rDim, rs, unit)) {
          TileFootprint f = footprintOf(l, bx);
          int64_t bytes = f.layout.totalBytes + 2 * (f.inputTotal() + f.outputBytes);
          if (bytes > budget)
            return INT64_MAX;
          sum += bytes;
        }
        return sum;
      };
      // A layer bigger than one core's share of the work ends up on `span`
      // cores, and the mapper merges the tiles that share a core. Cut it
      // along one dimension only, the one whose `span`-way split takes less
      // memory (channels copy the input window, rows copy the weights), so
      // that the merged pieces hold one input window or one weight slice.
      int64_t perCore = std::max<int64_t>(1, total / target->numCores());
      int64_t span = (layerCycles(l) + perCore - 1) / perCore;
      int direction = 0; // 0: any split, 1: channels only, 2: rows only
      if (leastParams) {
        // (Any split: which takes less memory is the caps' question.)
      } else if (oneDimension && span >= 2 && rDim >= 0 && fillSpan) {
        // A dimension with fewer pieces than `span` cannot spread the layer
        // over its cores (a depthwise or standalone BatchNorm layer of 16
        // channels cut 16 ways left 16 cores doing the work of 84): the
        // other one, or both when neither has enough.
        if (units < span && R < span)
          direction = 0;
        else if (units < span)
          direction = 2;
        else if (R < span)
          direction = 1;
        else
          direction = totalBytes(span, 1) <= totalBytes(1, span) ? 1 : 2;
      } else if (oneDimension && span >= 2 && rDim >= 0) {
        // (Too few lane-wide channel units for `span` pieces: rows.)
        if (unit > 1 && units < span && R >= span) {
          direction = 2;
        } else {
          int64_t k = span, ch = totalBytes(std::min(units, k), 1),
                  rows = totalBytes(1, std::min(R, k));
          // Where neither `span`-way split fits a core (with two copies of
          // its activations), finer ones decide; the tie went to channels
          // (ResNet-152's layer-2 convolutions fused with their adds: 2-way
          // splits of neither kind fit, 4-way rows take 1.9 MB against
          // 2.5 MB for channels, with streamed weights).
          while (ch == INT64_MAX && rows == INT64_MAX && (k < units || k < R)) {
            k *= 2;
            ch = totalBytes(std::min(units, k), 1);
            rows = totalBytes(1, std::min(R, k));
          }
          direction = ch <= rows ? 1 : 2;
        }
      }
    search:
      for (int64_t cs : splits(units))
        for (int64_t rs : splits(R)) {
          if (cs * rs < want && !(cs == units && rs == R) &&
              !(direction == 1 && cs == units) && !(direction == 2 && rs == R))
            continue;
          if ((direction == 1 && rs != 1) || (direction == 2 && cs != 1))
            continue;
          Choice c;
          c.tiles = evenTiles(shape, cDim, cs, rDim, rs, unit);
          c.params = c.total = c.worst = 0;
          for (const Box &bx : c.tiles) {
            TileFootprint f = footprintOf(l, bx);
            c.params += f.layout.totalBytes;
            c.total += f.total();
            if (f.total() > c.worst) {
              c.worst = f.total();
              c.worstTile = f;
            }
          }
          if (c.worst < smallest.worst)
            smallest = c;
          // (With least-params, parameters stay for the whole frame while
          // activations share memory: fewer copies of the weights first,
          // among splits whose activations stay under the cap.)
          const bool byParams = leastParams && transientCap >= 0;
          auto key = [&](const Choice &x) {
            int64_t over = std::max<int64_t>(0, x.total - x.params - transientCap);
            return std::make_tuple(byParams ? over : 0, byParams ? x.params : 0, x.total,
                                   x.tiles.size());
          };
          if (c.worst <= budget / 2 && (best.total == INT64_MAX || key(c) < key(best)))
            best = std::move(c);
        }
      if (best.total == INT64_MAX && direction) {
        direction = 0; // no one-dimensional cut fits: any split
        goto search;
      }
      fits = best.total != INT64_MAX;
      return fits ? best : smallest;
    };

    // With a MAC array geometry a tile with fewer output channels than the
    // array has lanes pays for the empty ones, so a MAC layer's channels are
    // cut in units of the lanes (a grouped convolution fills lanes per
    // group anyway) where such a split fits half a core. (Such splits copy
    // weights into row tiles that channel tiles would not: where the model
    // then does not fit, `npc compile` tiles again with lane-aligned=false,
    // npc-search-mapping first-fit.)
    const size_t n = graph->layers.size();
    std::vector<Choice> chosen(n);
    // Every layer's choice; false after reporting a layer that fits no core.
    auto chooseAll = [&]() {
      for (auto [i, l] : llvm::enumerate(graph->layers)) {
        bool fits = false;
        int64_t lanes = target->macArray(int(l.spec.geometry.operandBits)).lanes;
        if (laneAligned && lanes > 1 && isMacLayer(l.spec.geometry.kind) &&
            l.spec.geometry.group == 1) {
          chosen[i] = choose(l, lanes, fits);
          if (fits)
            continue;
        }
        chosen[i] = choose(l, 1, fits);
        if (!fits && chosen[i].worst > budget) {
          // Nothing fits half a core, and the smallest tiles not a whole one.
          const TileFootprint &w = chosen[i].worstTile;
          l.op->emitError() << "layer '" << l.name << "' needs " << w.total()
                            << " bytes for its smallest tile (parameters "
                            << w.layout.totalBytes << ", input " << w.inputTotal()
                            << ", output " << w.outputBytes << ") but a core has " << budget
                            << " bytes";
          return false;
        }
      }
      return true;
    };
    if (!leastParams) {
      if (!chooseAll())
        return signalPassFailure();
    } else {
      // Parameters stay for the whole frame; a layer's activations only
      // while it runs (bufferLifetimes). Cutting channels keeps one copy of
      // the weights but gives every tile the whole input window; cutting
      // rows the reverse. Of the caps on one layer's activations tried,
      // the one giving the least estimated peak (all parameters plus the
      // activations live at the fullest layer position) is kept.
      const std::vector<LayerLifetimes> lives = bufferLifetimes(*graph);
      const int64_t chip = budget * target->numCores();
      int64_t bestPeak = INT64_MAX;
      std::vector<Choice> best;
      // (Divisor 0: the least total memory, as without least-params, but
      // with any split: the one-dimension rule is for resident buffers.)
      for (int64_t divisor : {0, 32, 16, 8, 4, 2, 1}) {
        transientCap = divisor ? chip / divisor : -1;
        if (!chooseAll())
          return signalPassFailure();
        int64_t params = 0;
        std::vector<int64_t> live(n + 1, 0);
        for (auto [i, l] : llvm::enumerate(graph->layers))
          for (const Box &bx : chosen[i].tiles) {
            TileFootprint f = tileFootprint(*graph, l, bx);
            params += f.layout.totalBytes;
            for (auto [k, bytes] : llvm::enumerate(f.inputBytes))
              for (int64_t q = lives[i].inputs[k].first; q <= lives[i].inputs[k].last; ++q)
                live[q] += bytes;
            for (int64_t q = lives[i].output.first; q <= lives[i].output.last; ++q)
              live[q] += f.outputBytes;
          }
        int64_t peak = params + *llvm::max_element(live);
        if (peak < bestPeak) {
          bestPeak = peak;
          best = chosen;
        }
      }
      chosen = std::move(best);
    }
    for (auto [i, l] : llvm::enumerate(graph->layers))
      l.op->setAttr(ntile::kTilesAttr, ntile::tilesAttr(&getContext(), chosen[i].tiles));
  }
};

} // namespace
