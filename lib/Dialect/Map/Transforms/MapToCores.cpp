//===- MapToCores.cpp - place tiles on cores, allocate their buffers ------===//
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Runtime/Program.h"
#include "npc/Support/Printable.h"

#include <numeric>

#include "mlir/IR/BuiltinOps.h"

namespace npc::nmap {
#define GEN_PASS_DEF_MAPTOCORES
#include "npc/Dialect/Map/Transforms/Passes.h.inc"
} // namespace npc::nmap

using namespace mlir;
using namespace npc;

namespace {
using kernels::Box;

/// The union of two boxes when it is a box: equal in every dimension but
/// one, and adjacent along that one.
std::optional<Box> boxUnion(const Box &a, const Box &b) {
  int diff = -1;
  for (size_t d = 0; d < a.rank(); ++d) {
    if (a.lo[d] == b.lo[d] && a.hi[d] == b.hi[d])
      continue;
    if (diff >= 0 || a.hi[d] != b.lo[d])
      return std::nullopt;
    diff = int(d);
  }
  Box u = a;
  if (diff >= 0)
    u.hi[diff] = b.hi[diff];
  return u;
}

/// One tile as placed: its layer, box, core position, cycles and bytes.
/// Deferred tiles (layers off the MAC array) are placed in order for
/// locality but may move to another core with free memory afterwards.
struct Placed {
  int64_t layer, pos;
  Box box;
  int64_t cycles, bytes;
  bool deferred = false;
};

/// The program bytes a tile adds to its core, at most: its compute, a
/// receive per block its input windows take (one per producer tile they
/// overlap, or one from the frame buffer), a send per block of its output
/// that a consumer tile's window or the host takes, each after a wait of
/// its own. Counted from the tiling before tiles merge (merging only lowers
/// it), the way npc-schedule-noc cuts blocks.
struct ProgramEstimate {
  ProgramEstimate(const GraphModel &graph, std::vector<std::vector<Box>> tiles)
      : graph(graph), tiles(std::move(tiles)), readers(graph.tensors.size()),
        hostOutput(graph.tensors.size(), false) {
    for (auto [li, l] : llvm::enumerate(graph.layers))
      for (auto [i, tid] : llvm::enumerate(l.inputs))
        readers[tid].push_back({int64_t(li), int64_t(i)});
    for (const HostBoundary &o : graph.outputs)
      if (o.tensor >= 0)
        hostOutput[o.tensor] = true;
  }

  int64_t bytes(int64_t layer, const Box &box) {
    auto [it, fresh] = memo.try_emplace({layer, box.bounds()}, 0);
    if (fresh)
      it->second = count(layer, box);
    return it->second;
  }

private:
  int64_t count(int64_t layer, const Box &box) {
    const LayerNode &l = graph.layers[layer];
    TileFootprint f = tileFootprint(graph, l, box);
    int64_t events = 1;
    for (auto [i, tid] : llvm::enumerate(l.inputs)) {
      const TensorNode &tn = graph.tensors[tid];
      if (tn.home != TensorHome::Layer) {
        events += !f.inputBoxes[i].empty();
        continue;
      }
      for (const Box &p : tiles[tn.producer])
        events += !p.intersect(f.inputBoxes[i]).empty();
    }
    for (auto [reader, operand] : readers[l.output])
      for (const Box &w : windows(reader, operand))
        events += !w.intersect(box).empty();
    events += hostOutput[l.output];
    return programBytes(events, events);
  }

  /// The input windows of operand `operand` over the tiles of `layer`.
  const std::vector<Box> &windows(int64_t layer, int64_t operand) {
    auto [it, fresh] = windowMemo.try_emplace({layer, operand});
    if (fresh)
      for (const Box &t : tiles[layer])
        it->second.push_back(tileFootprint(graph, graph.layers[layer], t).inputBoxes[operand]);
    return it->second;
  }

  const GraphModel &graph;
  std::vector<std::vector<Box>> tiles;
  std::vector<std::vector<std::pair<int64_t, int64_t>>> readers; // per tensor: (layer, operand)
  std::vector<bool> hostOutput;
  std::map<std::pair<int64_t, int64_t>, std::vector<Box>> windowMemo;
  std::map<std::pair<int64_t, std::vector<int64_t>>, int64_t> memo;
};

/// Memory and compute cost of tiles, memoized by (layer, box). Memory
/// counts `reserve` copies of every activation buffer: room for the copies
/// that pipelined frames need (docs/noc.md), and the program the tile adds.
struct TileCosts {
  TileCosts(const TargetDesc &target, const GraphModel &graph, ProgramEstimate &program)
      : target(target), model(TargetModel::create(target)), graph(graph), program(program) {}
  const TargetDesc &target;
  std::unique_ptr<TargetModel> model;
  const GraphModel &graph;
  ProgramEstimate &program;
  int64_t reserve = 1;
  /// Layers off the MAC array count no memory while filling in order:
  /// their tiles, little compute and much memory, are moved afterwards to
  /// cores with room (relocate()).
  bool deferVector = false;
  /// Merge tiles only while they fit a core with two copies of their
  /// activations (fill()).
  bool capMerges = false;
  /// Row tiles of a MAC layer hold no parameters (streamsParams): they
  /// stream their row-0 tile's over the model NoC.
  bool streamWeights = false;
  /// Such tiles count no parameters in the row-merge rule (fill()): merging
  /// them saves no copy of the weights.
  bool streamRowsApart = false;
  std::map<std::pair<int64_t, std::vector<int64_t>>, std::pair<int64_t, int64_t>> memo;
  std::map<std::pair<int64_t, std::vector<int64_t>>, int64_t> paramMemo;

  /// Bytes of the tile's parameters (none if it streams them and
  /// streamRowsApart).
  int64_t params(int64_t layer, const Box &box) {
    auto [it, fresh] = paramMemo.try_emplace({layer, box.bounds()}, 0);
    if (fresh)
      it->second = streamRowsApart ? placement(layer, box).paramBytes
                                   : tileFootprint(graph, graph.layers[layer], box).layout.totalBytes;
    return it->second;
  }

  /// Costs of the work list's tiles by their index, for deferVector false
  /// and true: fill() asks for every one on each try of the binary search,
  /// and looking them up by box took most of the pass on long networks.
  std::vector<std::pair<int64_t, int64_t>> workMemo[2];
  std::pair<int64_t, int64_t> ofWork(size_t index, int64_t layer, const Box &box) {
    auto &byIndex = workMemo[deferVector];
    if (byIndex.size() <= index)
      byIndex.resize(index + 1, {-1, -1});
    if (byIndex[index].first < 0)
      byIndex[index] = (*this)(layer, box);
    return byIndex[index];
  }

  /// Drops what was memoized (the counting rules changed).
  void forget() {
    memo.clear();
    paramMemo.clear();
    workMemo[0].clear();
    workMemo[1].clear();
  }
  void setReserve(int64_t copies) {
    if (copies != reserve)
      forget();
    reserve = copies;
  }
  bool deferred(int64_t layer) const {
    return deferVector && !kernels::isMacLayer(graph.layers[layer].spec.geometry.kind);
  }
  /// Bytes the tile really takes (also for deferred tiles).
  int64_t realBytes(int64_t layer, const Box &box) {
    bool d = deferVector;
    deferVector = false;
    int64_t b = (*this)(layer, box).second;
    deferVector = d;
    return b;
  }

  std::pair<int64_t, int64_t> operator()(int64_t layer, const Box &box) {
    std::vector<int64_t> key = box.bounds();
    key.push_back(deferred(layer));
    auto [it, fresh] = memo.try_emplace({layer, std::move(key)});
    if (fresh) {
      const LayerNode &l = graph.layers[layer];
      nmap::TilePlacement p = placement(layer, box);
      p.copies.assign(p.inputs.size() + 1, reserve);
      // An operand from further back in program order (a residual branch)
      // waits longer for the other operands: one more copy, two for the
      // residual adds (layers off the MAC array, whose memory is placed
      // after the fill where there is room, and a convolution's fused add).
      if (reserve > 1)
        for (auto [i, tid] : llvm::enumerate(l.inputs)) {
          const TensorNode &tn = graph.tensors[tid];
          const auto kind = l.spec.geometry.kind;
          const bool residualAdd = !kernels::isMacLayer(kind) || (kind->epilogueWork && i == 1);
          if (tn.home == TensorHome::Layer)
            p.copies[i] += std::min<int64_t>(residualAdd ? 2 : 1,
                                             std::max<int64_t>(0, layer - tn.producer - 1));
        }
      it->second = {model->computeCycles(l.spec.geometry, box),
                    deferred(layer) ? 0 : p.layOut(0) + program.bytes(layer, box)};
    }
    return it->second;
  }
  /// Bytes of the tile with `copies` of every activation buffer.
  int64_t bytesWithCopies(int64_t layer, const Box &box, int64_t copies) {
    nmap::TilePlacement p = placement(layer, box);
    p.copies.assign(p.inputs.size() + 1, copies);
    return p.layOut(0) + program.bytes(layer, box);
  }
  static nmap::TilePlacement placement(const TileFootprint &f) {
    nmap::TilePlacement p;
    p.paramBytes = f.layout.totalBytes;
    for (int64_t b : f.inputBytes)
      p.inputs.push_back({0, b});
    p.outBytes = f.outputBytes;
    return p;
  }
  /// The tile's buffers as counted: without parameters where it streams
  /// them (its tile index is set once the tiles are placed).
  nmap::TilePlacement placement(int64_t layer, const Box &box) {
    const LayerNode &l = graph.layers[layer];
    nmap::TilePlacement p = placement(tileFootprint(graph, l, box));
    if (streamWeights && streamsParams(*model, l, box, p.paramBytes))
      p.paramBytes = 0;
    return p;
  }
};

/// Fills cores in snake order with the tiles in program order: a tile goes
/// on the current core while its compute load stays within `cap` cycles and
/// its memory fits, else on the next core. Consecutive tiles of one layer
/// on one core merge into one tile when their union is a box: they then
/// share one input window and one weight slice, and receive one transfer
/// per producer tile instead of one each. Returns nothing when `cap` needs
/// more cores than there are.
std::optional<std::vector<Placed>> fill(const std::vector<std::pair<int64_t, Box>> &work,
                                        TileCosts &cost, int64_t cap, int64_t cores,
                                        int64_t memory, int64_t rowMergePercent) {
  std::vector<Placed> out;
  int64_t pos = 0, load = 0, used = 0;
  for (const auto &[index, item] : llvm::enumerate(work)) {
    const auto &[layer, box] = item;
    auto [cycles, bytes] = cost.ofWork(index, layer, box);
    if (cycles > cap || bytes > memory)
      return std::nullopt;
    if (!out.empty() && out.back().pos == pos && out.back().layer == layer &&
        !cost.deferred(layer)) {
      Placed &run = out.back();
      auto u = boxUnion(run.box, box);
      // Along channels, merging makes the tiles share one input window.
      // Along rows it saves a copy of the weights but makes one long tile
      // whose input window lives long (more copies when frames overlap):
      // only when the weights are at least `rowMergePercent` of the tile.
      int64_t cDim = ntile::splitDims(box.rank()).first;
      if (u && run.box.lo[cDim] == box.lo[cDim] && run.box.hi[cDim] == box.hi[cDim] &&
          cost.params(layer, box) * 100 <
              rowMergePercent * (bytes - cost.program.bytes(layer, box)))
        u.reset();
      // With single copies (memory-tight models), a merged tile must still
      // fit a core with its activations twice: pipelined frames need a
      // second copy of a long-lived window, and a tile that cannot have one
      // anywhere sets the period (ResNet-101: merged channel tiles whose
      // 602 KB input window, twice, fit no core).
      if (u && cost.capMerges && cost.bytesWithCopies(layer, *u, 2) > memory)
        u.reset();
      if (u) {
        auto [uc, ub] = cost(layer, *u);
        if (load - run.cycles + uc <= cap && used - run.bytes + ub <= memory) {
          load += uc - run.cycles;
          used += ub - run.bytes;
          run.box = *u;
          run.cycles = uc;
          run.bytes = ub;
          continue;
        }
      }
    }
    if (load + cycles > cap || used + bytes > memory) {
      if (++pos == cores)
        return std::nullopt;
      load = used = 0;
    }
    load += cycles;
    used += bytes;
    out.push_back({layer, pos, box, cycles, bytes, cost.deferred(layer)});
  }
  return out;
}

/// Moves deferred tiles off cores whose memory overflows, each to the
/// nearest core (in route links) with room for it within the load `cap`.
/// False when some tile finds no such core.
bool relocate(std::vector<Placed> &placed, TileCosts &cost, const std::vector<int64_t> &order,
              int64_t cap, int64_t memory) {
  int64_t n = int64_t(order.size());
  std::vector<int64_t> mem(n, 0), load(n, 0);
  for (Placed &p : placed) {
    if (p.deferred)
      p.bytes = cost.realBytes(p.layer, p.box);
    mem[p.pos] += p.bytes;
    load[p.pos] += p.cycles;
  }
  auto hops = [&](int64_t a, int64_t b) { return cost.model->hops(order[a], order[b]); };
  for (int64_t i = int64_t(placed.size()) - 1; i >= 0; --i) {
    Placed &p = placed[i];
    if (!p.deferred || mem[p.pos] <= memory)
      continue;
    int64_t best = -1;
    for (int64_t q = 0; q < n; ++q)
      if (q != p.pos && mem[q] + p.bytes <= memory && load[q] + p.cycles <= cap &&
          (best < 0 || hops(p.pos, q) < hops(p.pos, best)))
        best = q;
    if (best < 0)
      return false;
    mem[p.pos] -= p.bytes;
    load[p.pos] -= p.cycles;
    p.pos = best;
    mem[best] += p.bytes;
    load[best] += p.cycles;
  }
  for (int64_t m : mem)
    if (m > memory)
      return false;
  return true;
}

/// `box` cut in two: along the tiler's first split dimension (channels of
/// a convolution, whose weights then split too) while it has more than one
/// element, then the second (rows), then any other; nothing when it is one
/// element.
std::optional<std::pair<Box, Box>> splitInTwo(const Box &box) {
  auto [a, b] = ntile::splitDims(box.rank());
  std::vector<int64_t> dims = {a, b};
  for (size_t d = 0; d < box.rank(); ++d)
    dims.push_back(int64_t(d));
  for (int64_t dim : dims) {
    if (dim < 0 || box.size(dim) < 2)
      continue;
    Box lo = box, hi = box;
    lo.hi[dim] = hi.lo[dim] = box.lo[dim] + box.size(dim) / 2;
    return std::make_pair(lo, hi);
  }
  return std::nullopt;
}

/// Cores in a snake through bands of `band` rows: band 0 column by column
/// left to right, band 1 right to left, ...; within a column, down and up
/// in turn. Consecutive positions are neighbours, and a run of positions
/// covers a block `band` rows high, so the traffic between two runs crosses
/// up to `band` parallel links. A band of 1 is the row-by-row snake.
std::vector<int64_t> snakeOrder(const TargetDesc &t, int64_t band) {
  band = std::clamp<int64_t>(band, 1, t.gridRows);
  std::vector<int64_t> order;
  int64_t col = 0; // columns visited so far, for the up/down alternation
  for (int64_t y0 = 0, b = 0; y0 < t.gridRows; y0 += band, ++b) {
    int64_t rows = std::min(band, t.gridRows - y0);
    for (int64_t i = 0; i < t.gridCols; ++i, ++col) {
      int64_t x = b % 2 ? t.gridCols - 1 - i : i;
      for (int64_t j = 0; j < rows; ++j)
        order.push_back((y0 + (col % 2 ? rows - 1 - j : j)) * t.gridCols + x);
    }
  }
  return order;
}

/// Each core's buffers with their lifetimes, for placing tiles whose
/// buffers share bytes with others whose lifetimes they do not meet
/// (reuse-buffers): a buffer goes at the lowest 8-byte aligned address
/// free of every buffer on the core whose lifetime meets its own. Each
/// core's program sits above the highest buffer.
class SharedMemory {
public:
  SharedMemory(int64_t cores, int64_t memory)
      : memory_(memory), held_(cores), top_(cores, 0), program_(cores, 0) {}

  /// Gives `p`'s buffers addresses on `core` and keeps them, with `program`
  /// bytes more of program; false (nothing kept) if they do not fit.
  bool place(int64_t core, nmap::TilePlacement &p, Lifetime params, const LayerLifetimes &life,
             int64_t program) {
    const size_t before = held_[core].size();
    int64_t top = top_[core];
    auto take = [&](int64_t bytes, Lifetime l) {
      if (bytes <= 0)
        return int64_t(0);
      std::vector<std::pair<int64_t, int64_t>> busy;
      for (const Held &h : held_[core])
        if (h.life.meets(l))
          busy.push_back({h.lo, h.hi});
      llvm::sort(busy);
      int64_t at = 0;
      for (auto [lo, hi] : busy) {
        if (lo >= at + bytes)
          break;
        at = std::max(at, alignedBytes(hi));
      }
      held_[core].push_back({at, at + bytes, l});
      top = std::max(top, at + bytes);
      return at;
    };
    p.core = core;
    p.paramAddr = take(p.paramBytes, params);
    for (auto [i, in] : llvm::enumerate(p.inputs))
      in.first = take(in.second, life.inputs[i]);
    p.outAddr = take(p.outBytes, life.output);
    if (top + program_[core] + program > memory_) {
      held_[core].resize(before);
      return false;
    }
    top_[core] = top;
    program_[core] += program;
    return true;
  }

private:
  struct Held {
    int64_t lo, hi;
    Lifetime life;
  };
  int64_t memory_;
  std::vector<std::vector<Held>> held_;
  std::vector<int64_t> top_, program_;
};

struct MapToCores : ChipPass<npc::nmap::impl::MapToCoresBase<MapToCores>> {
  using ChipPass::ChipPass;

  void run(const TargetDesc &targetRef, const GraphModel &graphRef) override {
    const TargetDesc *target = &targetRef;
    const GraphModel *graph = &graphRef;
    std::vector<int64_t> order = snakeOrder(*target, bandRows);

    std::vector<std::vector<Box>> layerTiles;
    for (const LayerNode &l : graph->layers) {
      layerTiles.push_back(ntile::getTiles(l.op));
      if (layerTiles.back().empty()) {
        l.op->emitError() << "layer '" << l.name << "' has no ntile.tiles; run npc-tile-layers first";
        return signalPassFailure();
      }
    }
    ProgramEstimate program(*graph, layerTiles);
    TileCosts cost(*target, *graph, program);
    cost.streamWeights = streamWeights;
    cost.streamRowsApart = streamWeights && streamRowsApart;
    std::vector<std::pair<int64_t, Box>> work = workInOrder(*graph, layerTiles);
    int64_t total = 0, longest = 0;
    for (const auto &[li, box] : work) {
      int64_t cycles = cost(li, box).first;
      total += cycles;
      longest = std::max(longest, cycles);
    }
    // The least per-core load at which the tiles fill the chip in order: the
    // frame period cannot be shorter than the busiest core's load.
    // With a MAC array geometry, tiles merged on a core can take far fewer
    // cycles than their parts (narrow channel tiles fill the lanes
    // together), so the search starts from each layer computed whole: no
    // partition costs less. Without one, merging saves only rounding, and
    // starting lower found caps whose extra cores scheduled worse (tiny_cnn
    // on `small`: 26 -> 35 cycles per frame).
    int64_t spread = total;
    if (target->macArrayDepth > 0) {
      spread = 0;
      for (const LayerNode &l : graph->layers)
        spread += cost.model->computeCycles(l.spec.geometry,
                                            Box::full(l.spec.geometry.outputShape));
      spread = std::min(spread, total);
    }
    int64_t n = target->numCores(), memory = target->coreMemoryBytes;
    int64_t lo = std::max(longest, (spread + n - 1) / n), hi = std::max(total, lo);
    // Leave room for a second copy of every activation buffer if the model
    // allows it, else fill the memory with single copies.
    // Vector layers are deferred first (placed in order, moved where memory
    // is free), then not.
    auto place = [&](int64_t cap) -> std::optional<std::vector<Placed>> {
      auto p = fill(work, cost, cap, n, memory, rowMergePercent);
      if (p && cost.deferVector && !relocate(*p, cost, order, cap, memory))
        return std::nullopt;
      return p;
    };
    // With single copies, merges first stay small enough for two copies
    // (pipelined frames can then have them), then not.
    std::optional<std::vector<Placed>> placed;
    struct Fallback {
      int64_t reserve;
      bool defer, capMerges;
    };
    for (Fallback f : {Fallback{2, true, false}, Fallback{2, false, false}, Fallback{1, false, true},
                       Fallback{1, false, false}}) {
      cost.setReserve(f.reserve);
      cost.deferVector = f.defer;
      cost.capMerges = f.capMerges;
      if ((placed = place(hi)))
        break;
    }
    if (placed) {
      while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (auto p = place(mid)) {
          hi = mid;
          placed = std::move(p);
        } else {
          lo = mid + 1;
        }
      }
    } else {
      // Memory is too tight to fill in order: each tile on the first core
      // with room, in snake order from where the previous tile went.
      placed.emplace();
      cost.setReserve(1);
      cost.deferVector = false;
      cost.capMerges = false;
      // Tiles split here may leave a streamed tile without a row-0 tile of
      // its slice to stream from (it then keeps its weights): count every
      // tile's weights, so that nothing placed here overflows its core.
      // (linkStreamedParams still drops those that have one.)
      if (cost.streamWeights) {
        cost.streamWeights = cost.streamRowsApart = false;
        cost.forget();
      }
      // A tile that finds no core with room is split in two, until its
      // parts fit or one of them is one element; then the tile is
      // reported as it was, with the chip as it was before it.
      std::vector<int64_t> top(n, 0);
      size_t cursor = 0;
      for (const auto &[layer, tile] : work) {
        const std::vector<int64_t> topBefore = top;
        const size_t placedBefore = placed->size();
        std::vector<Box> parts = {tile}; // next on top
        while (!parts.empty()) {
          Box box = parts.back();
          parts.pop_back();
          auto [cycles, bytes] = cost(layer, box);
          size_t j = 0;
          for (; j < order.size(); ++j)
            if (memory - top[order[(cursor + j) % n]] >= bytes)
              break;
          if (j == order.size()) {
            std::optional<std::pair<Box, Box>> halves = splitInTwo(box);
            if (!halves) {
              if (reuseBuffers && placeSharingMemory(*graph, program, work, order, memory))
                return;
              placed->resize(placedBefore);
              return reportNoFit(*graph, program, cost, work, layer, tile, topBefore, memory);
            }
            parts.push_back(halves->second);
            parts.push_back(halves->first);
            continue;
          }
          int64_t pos = (cursor + j) % n;
          top[order[pos]] += bytes;
          cursor = pos + 1;
          placed->push_back({layer, pos, box, cycles, bytes});
        }
      }
    }
    std::vector<std::vector<Box>> tiles(graph->layers.size());
    std::vector<std::vector<nmap::TilePlacement>> places(graph->layers.size());
    for (const Placed &p : *placed) {
      const LayerNode &l = graph->layers[p.layer];
      nmap::TilePlacement tp = TileCosts::placement(tileFootprint(*graph, l, p.box));
      tp.core = order[p.pos];
      tiles[p.layer].push_back(p.box);
      places[p.layer].push_back(std::move(tp));
    }
    if (streamWeights)
      linkStreamedParams(*graph, *cost.model, tiles, places);
    std::vector<int64_t> top(n, 0);
    for (auto &layer : places)
      for (nmap::TilePlacement &tp : layer)
        top[tp.core] = tp.layOut(top[tp.core]);
    for (auto [li, l] : llvm::enumerate(graph->layers)) {
      l.op->setAttr(ntile::kTilesAttr, ntile::tilesAttr(&getContext(), tiles[li]));
      nmap::setPlacements(l.op, places[li]);
    }
  }

  /// The tiles in program order, except a split reduction's parts (a
  /// layer adding the partial sums of the layer before, tiled alike): those
  /// go tile by tile, part k's tile t right after part k-1's, so that the
  /// snake puts the two on one core or on neighbours and the partial sums
  /// take the partial-sum NoC (docs/mapping.md, "Split reductions").
  static std::vector<std::pair<int64_t, Box>>
  workInOrder(const GraphModel &graph, const std::vector<std::vector<Box>> &layerTiles) {
    auto continues = [&](size_t li) {
      const LayerNode &l = graph.layers[li];
      return li > 0 && kernels::carriesPartialSums(l.spec.geometry, 1) &&
             graph.tensors[l.inputs[1]].home == TensorHome::Layer &&
             graph.tensors[l.inputs[1]].producer == int64_t(li) - 1 &&
             layerTiles[li] == layerTiles[li - 1];
    };
    std::vector<std::pair<int64_t, Box>> work;
    for (size_t first = 0; first < graph.layers.size();) {
      size_t last = first;
      while (last + 1 < graph.layers.size() && continues(last + 1))
        ++last;
      for (size_t t = 0; t < layerTiles[first].size(); ++t)
        for (size_t li = first; li <= last; ++li)
          work.push_back({int64_t(li), layerTiles[li][t]});
      first = last + 1;
    }
    return work;
  }

  /// Each tile that streams its parameters (streamsParams) takes them from
  /// the tile of its layer with the same slice that starts at row 0; one
  /// without such a tile keeps its own.
  static void linkStreamedParams(const GraphModel &graph, const TargetModel &model,
                                 const std::vector<std::vector<Box>> &tiles,
                                 std::vector<std::vector<nmap::TilePlacement>> &places) {
    for (auto [li, l] : llvm::enumerate(graph.layers))
      for (auto [t, box] : llvm::enumerate(tiles[li])) {
        nmap::TilePlacement &p = places[li][t];
        if (!streamsParams(model, l, box, p.paramBytes))
          continue;
        const int64_t rows = kernels::splitDims(box.rank()).second;
        for (auto [k, other] : llvm::enumerate(tiles[li]))
          if (other.lo[rows] == 0 && kernels::sameParamSlice(l.spec.geometry, box, other)) {
            p.paramsFrom = int64_t(k);
            p.paramBytes = 0;
            break;
          }
      }
  }

  /// Places `work` as the first-fit fallback does (each tile on the first
  /// core with room, in snake order from where the previous one went,
  /// split in two where none has), buffers sharing bytes with buffers whose
  /// lifetimes they do not meet, and writes the tiles and placements; false
  /// (the module untouched) if some tile fits nowhere even so. Frames then
  /// run one at a time (npc-schedule-noc): this is for networks whose
  /// buffers do not all fit at once.
  bool placeSharingMemory(const GraphModel &graph, ProgramEstimate &program,
                          const std::vector<std::pair<int64_t, Box>> &work,
                          const std::vector<int64_t> &order, int64_t coreMemory) {
    const int64_t n = int64_t(order.size());
    SharedMemory memory(n, coreMemory);
    const std::vector<LayerLifetimes> lives = bufferLifetimes(graph);
    const Lifetime params = parameterLifetime(graph);
    std::vector<std::vector<Box>> tiles(graph.layers.size());
    std::vector<std::vector<nmap::TilePlacement>> places(graph.layers.size());
    size_t cursor = 0;
    for (const auto &[layer, tile] : work) {
      std::vector<Box> parts = {tile}; // next on top
      while (!parts.empty()) {
        Box box = parts.back();
        parts.pop_back();
        nmap::TilePlacement p =
            TileCosts::placement(tileFootprint(graph, graph.layers[layer], box));
        const int64_t code = program.bytes(layer, box);
        size_t j = 0;
        for (; j < order.size(); ++j)
          if (memory.place(order[(cursor + j) % n], p, params, lives[layer], code))
            break;
        if (j == order.size()) {
          std::optional<std::pair<Box, Box>> halves = splitInTwo(box);
          if (!halves)
            return false;
          parts.push_back(halves->second);
          parts.push_back(halves->first);
          continue;
        }
        cursor = (cursor + j) % n + 1;
        tiles[layer].push_back(box);
        places[layer].push_back(std::move(p));
      }
    }
    for (auto [li, l] : llvm::enumerate(graph.layers)) {
      l.op->setAttr(ntile::kTilesAttr, ntile::tilesAttr(&getContext(), tiles[li]));
      nmap::setPlacements(l.op, places[li]);
    }
    return true;
  }

  /// What the model's tiles need in all against the chip, the largest
  /// layers and what may help: the rest of the does-not-fit message.
  static std::string wholeModel(const GraphModel &graph, TileCosts &cost,
                                const std::vector<std::pair<int64_t, Box>> &work, int64_t cores,
                                int64_t memory) {
    std::vector<int64_t> perLayer(graph.layers.size(), 0);
    int64_t total = 0;
    for (const auto &[layer, box] : work) {
      int64_t bytes = cost.realBytes(layer, box);
      perLayer[layer] += bytes;
      total += bytes;
    }
    std::vector<int64_t> order(perLayer.size());
    std::iota(order.begin(), order.end(), 0);
    llvm::sort(order, [&](int64_t a, int64_t b) { return perLayer[a] > perLayer[b]; });
    std::string largest;
    bool weighted = false; // precision helps layers with weights
    for (size_t i = 0; i < order.size() && i < 3; ++i) {
      const LayerNode &l = graph.layers[order[i]];
      weighted |= kernels::isMacLayer(l.spec.geometry.kind);
      largest += (i ? ", '" : "'") + printable(l.name) + "' " + std::to_string(perLayer[order[i]]) +
                 " (" + std::to_string(l.spec.geometry.operandBits) + "-bit)";
    }
    const int64_t chip = cores * memory;
    std::string out = "; as tiled, the model's tiles need " + std::to_string(total) +
                      " bytes in all (buffers, one copy each, and programs) against " +
                      std::to_string(chip) + " on the chip (" + std::to_string(cores) +
                      " cores of " + std::to_string(memory) + "); the largest layers: " + largest;
    if (total > chip)
      return out + ". What may help: " +
             (weighted ? "lower precision (INT4 or INT2 weights) for those layers, or " : "") +
             "a target with more cores or more memory per core";
    return out + ". The chip has room in all: smaller tiles (a larger --parallel) may place it";
  }

  void reportNoFit(const GraphModel &graph, ProgramEstimate &program, TileCosts &cost,
                   const std::vector<std::pair<int64_t, Box>> &work, int64_t layer,
                   const Box &box, const std::vector<int64_t> &top, int64_t memory) {
    const LayerNode &l = graph.layers[layer];
    TileFootprint f = tileFootprint(graph, l, box);
    int64_t largest = 0, free = 0;
    for (int64_t u : top) {
      largest = std::max(largest, memory - u);
      free += memory - u;
    }
    auto tiles = ntile::getTiles(l.op);
    int64_t index = std::find(tiles.begin(), tiles.end(), box) - tiles.begin();
    std::string which = index < int64_t(tiles.size()) ? "tile " + std::to_string(index)
                                                       : "part " + box.str();
    int64_t code = program.bytes(layer, box);
    l.op->emitError() << "model does not fit: layer '" << l.name << "' " << which
                      << " needs " << TileCosts::placement(f).layOut(0) + code
                      << " bytes (parameters " << f.layout.totalBytes << ", input "
                      << f.inputTotal() << ", output " << f.outputBytes << ", program up to "
                      << code << "); the largest free space on a core is " << largest << " of "
                      << memory << " bytes (" << free << " bytes free on the whole chip)"
                      << wholeModel(graph, cost, work, int64_t(top.size()), memory)
                      << (reuseBuffers ? ". Nor do buffers sharing memory where their lifetimes "
                                         "do not meet (frames one at a time) place it"
                                       : "");
    signalPassFailure();
  }
};

} // namespace
