//===- ScheduleNoC.cpp - the static timetable of one frame ----------------===//
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/NoC/Transforms/Passes.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace npc::noc {
#define GEN_PASS_DEF_SCHEDULENOC
#include "npc/Dialect/NoC/Transforms/Passes.h.inc"
} // namespace npc::noc

using namespace mlir;
using namespace npc;
using kernels::Box;

namespace {

/// Busy intervals of one directed link, sorted and disjoint.
using Busy = std::vector<std::pair<int64_t, int64_t>>;

/// Earliest start >= ready at which every link of `route` is free for `dur`
/// cycles; reserves it.
int64_t reserve(std::vector<Busy> &links, ArrayRef<int64_t> route, int64_t ready,
                int64_t dur) {
  int64_t s = ready;
  for (bool moved = true; moved;) {
    moved = false;
    for (int64_t l : route) {
      Busy &b = links[l];
      auto it = std::upper_bound(b.begin(), b.end(), s,
                                 [](int64_t v, const auto &iv) { return v < iv.second; });
      if (it != b.end() && it->first < s + dur) {
        s = it->second;
        moved = true;
      }
    }
  }
  for (int64_t l : route) {
    Busy &b = links[l];
    auto it = std::lower_bound(b.begin(), b.end(), std::make_pair(s, s + dur));
    b.insert(it, {s, s + dur});
  }
  return s;
}

struct ScheduleNoC : npc::noc::impl::ScheduleNoCBase<ScheduleNoC> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto chip = loadChipModelOrEmit(module);
    if (!chip)
      return signalPassFailure();
    const TargetDesc *target = &chip->first;
    GraphModel *graph = &chip->second;
    for (auto s : llvm::make_early_inc_range(module.getOps<noc::ScheduleOp>()))
      s.erase();
    OpBuilder b(&getContext());
    b.setInsertionPointToEnd(module.getBody());
    auto sched = noc::ScheduleOp::create(b, module.getLoc(), b.getI64IntegerAttr(0));
    sched.getBody().emplaceBlock();
    b.setInsertionPointToEnd(&sched.getBody().front());

    std::vector<Busy> links(numLinks(*target));
    std::vector<int64_t> coreFree(target->numCores(), 0);
    std::vector<std::vector<Box>> tiles;
    std::vector<std::vector<nmap::TilePlacement>> places;
    std::vector<std::vector<int64_t>> tileEnd;
    int64_t nextId = 0, last = 0;

    auto transfer = [&](int64_t src, int64_t dst, int tensor, const Box &box,
                        int64_t ready, std::pair<int64_t, int64_t> prod,
                        std::pair<int64_t, int64_t> cons, int64_t operand) {
      int64_t bytes = box.numel() * graph->tensors[tensor].elemBytes;
      auto route = xyRoute(*target, src, dst);
      int64_t dur = transferCycles(*target, NocKind::Activation, bytes, route.size());
      int64_t start = reserve(links, route, ready, dur);
      SmallVector<int64_t> bounds(box.lo.begin(), box.lo.end());
      bounds.append(box.hi.begin(), box.hi.end());
      noc::TransferOp::create(
          b, module.getLoc(), b.getI64IntegerAttr(nextId++),
          b.getI64IntegerAttr(int64_t(NocKind::Activation)), b.getI64IntegerAttr(src),
          b.getI64IntegerAttr(dst), b.getI64IntegerAttr(bytes), b.getI64IntegerAttr(start),
          b.getI64IntegerAttr(start + dur), b.getDenseI64ArrayAttr(route),
          b.getI64IntegerAttr(tensor), b.getDenseI64ArrayAttr(bounds),
          b.getDenseI64ArrayAttr({prod.first, prod.second}),
          b.getDenseI64ArrayAttr({cons.first, cons.second}), b.getI64IntegerAttr(operand));
      last = std::max(last, start + dur);
      return start + dur;
    };

    for (auto [li, l] : llvm::enumerate(graph->layers)) {
      tiles.push_back(ntile::getTiles(l.op));
      places.push_back(nmap::getPlacements(l.op));
      if (places.back().size() != tiles.back().size() || tiles.back().empty()) {
        l.op->emitError() << "layer '" << l.name
                          << "' is not tiled and mapped; run npc-tile-layers and npc-map-to-cores first";
        return signalPassFailure();
      }
      tileEnd.emplace_back();
      for (auto [t, box] : llvm::enumerate(tiles.back())) {
        int64_t core = places.back()[t].core;
        TileFootprint f = tileFootprint(*graph, l, box);
        int64_t ready = coreFree[core];
        for (auto [i, tid] : llvm::enumerate(l.inputs)) {
          const TensorNode &tn = graph->tensors[tid];
          const Box &need = f.inputBoxes[i];
          if (tn.home != TensorHome::Layer) {
            ready = std::max(ready, transfer(kFrameBuffer, core, tid, need, 0, {-1, -1},
                                             {int64_t(li), int64_t(t)}, i));
            continue;
          }
          int64_t p = tn.producer;
          for (auto [pt, pbox] : llvm::enumerate(tiles[p])) {
            Box part = pbox.intersect(need);
            if (part.empty())
              continue;
            ready = std::max(ready, transfer(places[p][pt].core, core, tid, part,
                                             tileEnd[p][pt], {p, int64_t(pt)},
                                             {int64_t(li), int64_t(t)}, i));
          }
        }
        int64_t end = ready + computeCycles(*target, l.spec.geometry, box);
        noc::ComputeOp::create(b, module.getLoc(), b.getI64IntegerAttr(li),
                               b.getI64IntegerAttr(t), b.getI64IntegerAttr(core),
                               b.getI64IntegerAttr(ready), b.getI64IntegerAttr(end),
                               b.getI64IntegerAttr(kernels::workFor(l.spec.geometry, box)));
        coreFree[core] = end;
        tileEnd.back().push_back(end);
        last = std::max(last, end);
      }
    }
    // Graph outputs computed on the chip go back to the frame buffer.
    for (const HostBoundary &o : graph->outputs) {
      const TensorNode &tn = graph->tensors[o.tensor];
      if (tn.home != TensorHome::Layer)
        continue;
      int64_t p = tn.producer;
      for (auto [pt, pbox] : llvm::enumerate(tiles[p]))
        transfer(places[p][pt].core, kFrameBuffer, o.tensor, pbox, tileEnd[p][pt],
                 {p, int64_t(pt)}, {-1, -1}, -1);
    }
    sched.setCycles(last);
  }
};

} // namespace
