//===- ScheduleNoC.cpp - the static, pipelined timetable ------------------===//
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/NoC/Transforms/Passes.h"
#include "npc/Runtime/Program.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Runtime/ModuloTable.h"
#include "npc/Support/Printable.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <set>

namespace npc::noc {
#define GEN_PASS_DEF_SCHEDULENOC
#include "npc/Dialect/NoC/Transforms/Passes.h.inc"
} // namespace npc::noc

using namespace mlir;
using namespace npc;
using kernels::Box;

namespace {

struct Transfer {
  int64_t src, dst, bytes, start, arrive;
  std::vector<int64_t> route;
  int tensor;
  Box box;
  std::pair<int64_t, int64_t> producer, consumer;
  int64_t operand, group;
  NocKind noc;
};

struct Compute {
  int64_t layer, tile, core, start, end, work;
};

/// One frame's timetable for a given period, in program order: a tile's
/// incoming transfers (or multicasts that also feed later tiles) before it.
struct Timetable {
  std::vector<Transfer> transfers;
  std::vector<Compute> computes;
  std::vector<std::pair<bool, size_t>> order; // (is compute, index)
  int64_t cycles = 0;
};

/// When a block sent to one tile leaves. A tile's window waits for its last
/// producer tile; blocks of producers that end earlier wait somewhere until
/// then, holding a buffer that pipelined frames must then keep more copies
/// of: in the consumer's window (sent at once) or in the producer's output
/// (sent to arrive with the last block).
enum class SendTiming {
  /// As soon as the data is ready and the links are free.
  Asap,
  /// To arrive with the last block the window waits for when the window is
  /// at least as large as the producer tile's output (a channel tile's
  /// window holds the whole input; a graph input waits in the frame buffer,
  /// which is not a core's memory); else as soon as it can.
  WaitInSmaller,
};

/// Buffers that share bytes of a core (npc-map-to-cores reuse-buffers), by
/// index: each one's earlier buffers in its bytes, whose last access its
/// first write waits for. The earlier buffers' lifetimes end at layers
/// before the later one's begins, so by the time the timetable places the
/// later one's first write (its layer's tile, or a transfer into its
/// window, placed with the window's layer), every access to them is placed.
struct SharedOrder {
  std::vector<size_t> base;                 // per layer: tile 0's first buffer
  std::vector<int64_t> perTile;             // per layer: inputs + output
  std::vector<std::vector<size_t>> earlier; // by buffer
  size_t index(int64_t layer, int64_t tile, int64_t which) const {
    return base[layer] + size_t(tile * perTile[layer] + which);
  }
  size_t index(const nmap::BufferRef &b) const { return index(b.layer, b.tile, b.which); }
};

/// Places every transfer and tile of one frame, in program order, at the
/// earliest cycle its data is ready and its links or core are free in every
/// frame (modulo `period`), unicasts as `timing` says. A block that several
/// tiles of one layer need whole (the same box of the same producer tile or
/// graph input) goes as one multicast, timed to arrive with the last block
/// its windows wait for. Fails when something finds no room within one
/// period.
std::optional<Timetable> buildTimetable(const TargetDesc &target, const GraphModel &graph,
                                        const std::vector<std::vector<Box>> &tiles,
                                        const std::vector<std::vector<nmap::TilePlacement>> &places,
                                        int64_t period, SendTiming timing,
                                        const SharedOrder *shared = nullptr) {
  Timetable tt;
  // With buffers sharing bytes: the last cycle each buffer is read or
  // written, and the cycle a buffer's first write may start.
  std::vector<int64_t> lastAccess(shared ? shared->earlier.size() : 0, 0);
  auto notBefore = [&](int64_t layer, int64_t tile, int64_t which) {
    int64_t at = 0;
    if (shared)
      for (size_t e : shared->earlier[shared->index(layer, tile, which)])
        at = std::max(at, lastAccess[e]);
    return at;
  };
  auto touch = [&](int64_t layer, int64_t tile, int64_t which, int64_t cycle) {
    if (shared) {
      int64_t &a = lastAccess[shared->index(layer, tile, which)];
      a = std::max(a, cycle);
    }
  };
  auto model = TargetModel::create(target);
  std::vector<ModuloTable> links(model->numLinks(), ModuloTable(period));
  // The model NoC's links: streamed parameters (its own wires).
  std::vector<ModuloTable> modelLinks(model->numLinks(), ModuloTable(period));
  // The partial-sum NoC's links: a split reduction's partial sums between
  // neighbouring cores (its own wires too).
  std::vector<ModuloTable> psumLinks(model->numLinks(), ModuloTable(period));
  std::vector<ModuloTable> cores(target.numCores(), ModuloTable(period));
  std::vector<ModuloPool> ports(target.numCores(), ModuloPool(model->sramPorts(), period));
  std::vector<std::vector<int64_t>> tileEnd(graph.layers.size());
  int64_t groups = 0;
  // Durations of the tiles each core has yet to run.
  std::vector<std::multiset<int64_t>> pending(target.numCores());
  for (auto [li, l] : llvm::enumerate(graph.layers))
    for (auto [t, box] : llvm::enumerate(tiles[li]))
      pending[places[li][t].core].insert(model->computeCycles(l.spec.geometry, box));
  // Sends one block from `src` to each of `to` (consumer tile, core),
  // leaving no earlier than `ready` nor than it must to arrive at `alignTo`;
  // returns the arrival cycle, or -1 when the links have no room.
  auto send = [&](int64_t src, int tensor, const Box &box, int64_t ready, int64_t alignTo,
                  std::pair<int64_t, int64_t> prod,
                  const std::vector<std::pair<std::pair<int64_t, int64_t>, int64_t>> &to,
                  int64_t operand) -> int64_t {
    int64_t bytes = box.numel() * graph.tensors[tensor].elemBytes;
    std::map<int64_t, int64_t> used; // link -> its position on the routes
    std::vector<std::vector<int64_t>> routes;
    std::vector<int64_t> lengths;
    for (auto &[cons, core] : to) {
      routes.push_back(model->route(src, core));
      lengths.push_back(int64_t(routes.back().size()));
      for (auto [i, l] : llvm::enumerate(routes.back()))
        used[l] = int64_t(i);
    }
    for (auto &[cons, core] : to)
      if (cons.first >= 0)
        ready = std::max(ready, notBefore(cons.first, cons.second, operand));
    // Partial sums to a neighbour take the partial-sum NoC; further, the
    // activation NoC.
    NocKind noc = NocKind::Activation;
    if (src != kFrameBuffer && llvm::all_of(lengths, [](int64_t n) { return n == 1; }) &&
        llvm::all_of(to, [&](const auto &member) {
          return member.first.first >= 0 &&
                 kernels::carriesPartialSums(graph.layers[member.first.first].spec.geometry,
                                             size_t(operand));
        }))
      noc = NocKind::PartialSum;
    std::vector<ModuloTable> &nocLinks = noc == NocKind::PartialSum ? psumLinks : links;
    int64_t dur = model->multicastCycles(noc, bytes, lengths);
    std::vector<ModuloTable *> on;
    std::vector<int64_t> offsets;
    int64_t hold = 0;
    for (auto [l, position] : used) {
      auto w = model->linkWindow(noc, bytes, position);
      on.push_back(&nocLinks[l]);
      offsets.push_back(w.offset);
      hold = w.cycles;
    }
    int64_t from = std::max(ready, alignTo - dur);
    // The SRAM ports it holds, one per core it touches, from its start to
    // its arrival.
    std::set<int64_t> portCores;
    for (auto &member : to)
      for (int64_t c : TargetModel::transferPortCores(src, member.second))
        portCores.insert(c);
    int64_t start = from;
    for (;;) {
      start = firstFreeAll(on, offsets, start, hold);
      if (start < 0)
        return -1;
      int64_t t = start;
      for (int64_t c : portCores) {
        int64_t p = ports[c].firstFree(t, dur);
        if (p < 0)
          return -1;
        t = std::max(t, p);
      }
      if (t == start)
        break;
      if (t - from >= period)
        return -1;
      start = t;
    }
    for (size_t i = 0; i < on.size(); ++i)
      on[i]->reserve(start + offsets[i], hold);
    for (int64_t c : portCores)
      ports[c].reserve(start, dur);
    if (prod.first >= 0)
      touch(prod.first, prod.second, graph.layers[prod.first].inputs.size(), start + dur);
    for (auto &[cons, core] : to)
      if (cons.first >= 0)
        touch(cons.first, cons.second, operand, start + dur);
    int64_t group = to.size() > 1 ? groups++ : -1;
    for (auto [k, dst] : llvm::enumerate(to)) {
      tt.order.push_back({false, tt.transfers.size()});
      tt.transfers.push_back({src, dst.second, bytes, start, start + dur, std::move(routes[k]),
                              tensor, box, prod, dst.first, operand, group, noc});
    }
    tt.cycles = std::max(tt.cycles, start + dur);
    return start + dur;
  };
  for (auto [li, l] : llvm::enumerate(graph.layers)) {
    // Input windows of every tile of this layer.
    std::vector<TileFootprint> fps;
    for (const Box &box : tiles[li])
      fps.push_back(tileFootprint(graph, l, box));
    // (operand, producer tile or -1, box) -> arrival, once sent.
    std::map<std::tuple<int64_t, int64_t, std::vector<int64_t>>, int64_t> sent;
    for (auto [t, box] : llvm::enumerate(tiles[li])) {
      int64_t core = places[li][t].core;
      // The blocks this tile needs: (operand, producer tile or -1 for the
      // frame buffer, box), and when the last of their producers ends.
      struct Need {
        int64_t operand, pt;
        Box part;
      };
      std::vector<Need> needs;
      int64_t latest = 0;
      for (auto [i, tid] : llvm::enumerate(l.inputs)) {
        const TensorNode &tn = graph.tensors[tid];
        const Box &need = fps[t].inputBoxes[i];
        if (tn.home != TensorHome::Layer) {
          if (!need.empty())
            needs.push_back({int64_t(i), -1, need});
          continue;
        }
        for (auto [pt, pbox] : llvm::enumerate(tiles[tn.producer])) {
          Box part = pbox.intersect(need);
          if (part.empty())
            continue;
          needs.push_back({int64_t(i), int64_t(pt), part});
          latest = std::max(latest, tileEnd[tn.producer][pt]);
        }
      }
      int64_t ready = 0;
      for (const Need &n : needs) {
        int tid = l.inputs[n.operand];
        bool fromHost = n.pt < 0;
        int64_t p = fromHost ? -1 : graph.tensors[tid].producer;
        auto k = std::make_tuple(n.operand, n.pt, n.part.bounds());
        auto it = sent.find(k);
        if (it == sent.end()) {
          // Every tile of this layer (from this one on) needing this block whole.
          std::vector<std::pair<std::pair<int64_t, int64_t>, int64_t>> to;
          for (size_t u = t; u < tiles[li].size(); ++u) {
            const Box &w = fps[u].inputBoxes[n.operand];
            if ((fromHost ? w : tiles[p][n.pt].intersect(w)) == n.part)
              to.push_back({{int64_t(li), int64_t(u)}, places[li][u].core});
          }
          int64_t src = fromHost ? kFrameBuffer : places[p][n.pt].core;
          // A multicast fills a window on every member's core: the data
          // waits once, in its producer's output, rather than in every
          // copy of the window. A unicast as `timing` says.
          int64_t alignTo = latest;
          if (to.size() == 1) {
            const int64_t eb = graph.tensors[tid].elemBytes;
            const int64_t window = fps[t].inputBoxes[n.operand].numel() * eb;
            const int64_t output = fromHost ? 0 : tiles[p][n.pt].numel() * eb;
            if (timing == SendTiming::Asap || window < output)
              alignTo = 0;
          }
          int64_t arrive = send(src, tid, n.part, fromHost ? 0 : tileEnd[p][n.pt], alignTo,
                                {p, n.pt}, to, n.operand);
          if (arrive < 0)
            return std::nullopt;
          it = sent.emplace(std::move(k), arrive).first;
        }
        ready = std::max(ready, it->second);
      }
      const int64_t outWhich = int64_t(l.inputs.size());
      ready = std::max(ready, notBefore(int64_t(li), int64_t(t), outWhich));
      int64_t dur = model->computeCycles(l.spec.geometry, box);
      // The earliest slot, unless it splits the core's free cycles so that
      // the tiles still to come on the core no longer fit them (longest
      // first, each in the first gap with room); then right after a
      // reserved interval. (Asking only that the longest fit the largest
      // gap left the others too short: ResNet-152 with streamed weights
      // found no room up to 30,831 cycles against a busiest core of
      // 26,040, and kept 35,082; now 33,382, ResNet-101 20,587 -> 19,629.)
      int64_t start = cores[core].firstFree(ready, dur);
      pending[core].erase(pending[core].find(dur));
      if (start >= 0 && !pending[core].empty()) {
        ModuloTable after = cores[core];
        after.reserve(start, dur);
        if (!after.fitsAll(std::vector<int64_t>(pending[core].begin(), pending[core].end())))
          start = cores[core].firstFreeAdjacent(ready, dur);
      }
      // A tile that streams its parameters (nmap paramsFrom) from another
      // core holds that core's route over the model NoC and one of its SRAM
      // ports from its start, for as long as the stream takes.
      const nmap::TilePlacement &place = places[li][t];
      const int64_t home = place.paramsFrom >= 0 ? places[li][place.paramsFrom].core : core;
      std::vector<ModuloTable *> streamOn;
      std::vector<int64_t> streamOffsets;
      int64_t streamHold = 0, stream = 0;
      if (home != core) {
        TargetModel::ParamStream s = model->paramStream(home, core, fps[t].layout.totalBytes);
        for (auto [link, w] : s.links) {
          streamOn.push_back(&modelLinks[link]);
          streamOffsets.push_back(w.offset);
          streamHold = w.cycles;
        }
        stream = s.cycles;
        if (stream > dur)
          return std::nullopt; // (the mapper streams only what fits its compute)
      }
      // It also holds one of the core's SRAM ports.
      while (start >= 0) {
        int64_t p = ports[core].firstFree(start, dur);
        if (p >= 0 && home != core) {
          int64_t q = firstFreeAll(streamOn, streamOffsets, p, streamHold);
          int64_t r = q < 0 ? -1 : ports[home].firstFree(q, stream);
          p = r < 0 || q < 0 ? -1 : std::max(q, r);
        }
        if (p == start || p < 0) {
          start = p;
          break;
        }
        start = p - ready >= period ? -1 : cores[core].firstFree(p, dur);
      }
      if (start < 0)
        return std::nullopt;
      cores[core].reserve(start, dur);
      ports[core].reserve(start, dur);
      for (size_t i = 0; i < streamOn.size(); ++i)
        streamOn[i]->reserve(start + streamOffsets[i], streamHold);
      if (home != core)
        ports[home].reserve(start, stream);
      tt.order.push_back({true, tt.computes.size()});
      tt.computes.push_back({int64_t(li), int64_t(t), core, start, start + dur,
                             kernels::workFor(l.spec.geometry, box)});
      tileEnd[li].push_back(start + dur);
      for (int64_t w = 0; w <= outWhich; ++w)
        touch(int64_t(li), int64_t(t), w, start + dur);
      tt.cycles = std::max(tt.cycles, start + dur);
    }
  }
  // Graph outputs computed on the chip go back to the frame buffer.
  for (const HostBoundary &o : graph.outputs) {
    const TensorNode &tn = graph.tensors[o.tensor];
    if (tn.home != TensorHome::Layer)
      continue;
    int64_t p = tn.producer;
    for (auto [pt, pbox] : llvm::enumerate(tiles[p]))
      if (send(places[p][pt].core, o.tensor, pbox, tileEnd[p][pt], 0, {p, int64_t(pt)},
               {{{-1, -1}, kFrameBuffer}}, -1) < 0)
        return std::nullopt;
  }
  return tt;
}

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// Relocation rounds per period tried (relocateTiles).
constexpr int kRelocationRounds = 6;

/// Copies of every activation buffer so that frame f + copies, written
/// `period` cycles later per frame, never overwrites data frame f still
/// reads: an input window is written from its first transfer's start and
/// read until its tile ends; an output is written from its tile's start and
/// read until its last transfer arrives. Lays the buffers out again; false
/// when some core's buffers and program overflow its memory.
bool assignCopies(const Timetable &tt, int64_t period, const TargetDesc &target,
                  std::vector<std::vector<nmap::TilePlacement>> &places,
                  std::vector<int64_t> *usedOut = nullptr, bool keepAddresses = false) {
  std::map<std::tuple<int64_t, int64_t, int64_t>, int64_t> firstWrite; // (layer, tile, operand)
  std::map<std::pair<int64_t, int64_t>, int64_t> lastRead;             // output of (layer, tile)
  for (const Transfer &x : tt.transfers) {
    if (x.consumer.first >= 0) {
      auto key = std::make_tuple(x.consumer.first, x.consumer.second, x.operand);
      auto it = firstWrite.try_emplace(key, x.start).first;
      it->second = std::min(it->second, x.start);
    }
    if (x.producer.first >= 0) {
      int64_t &r = lastRead[x.producer];
      r = std::max(r, x.arrive);
    }
  }
  std::vector<int64_t> top(target.numCores(), 0);
  for (const Compute &c : tt.computes) {
    nmap::TilePlacement &p = places[c.layer][c.tile];
    p.copies.assign(p.inputs.size() + 1, 1);
    if (period < kNoPipelining) {
      for (size_t i = 0; i < p.inputs.size(); ++i) {
        auto it = firstWrite.find({c.layer, c.tile, int64_t(i)});
        if (it != firstWrite.end())
          p.copies[i] = std::max<int64_t>(1, ceilDiv(c.end - it->second, period));
      }
      int64_t read = std::max(c.end, lastRead[{c.layer, c.tile}]);
      p.copies.back() = std::max<int64_t>(1, ceilDiv(read - c.start, period));
    }
  }
  // Same order as npc-map-to-cores: layer by layer, tile by tile; or, for
  // buffers that share bytes (one copy each), where the mapper put them.
  for (auto &layer : places)
    for (nmap::TilePlacement &p : layer) {
      if (!keepAddresses) {
        top[p.core] = p.layOut(top[p.core]);
        continue;
      }
      int64_t end = std::max(p.paramAddr + p.paramBytes, p.outAddr + p.outBytes);
      for (auto [addr, bytes] : p.inputs)
        end = std::max(end, addr + bytes);
      top[p.core] = std::max(top[p.core], end);
    }
  // Each core's program sits above its buffers.
  std::vector<int64_t> events(target.numCores(), 0);
  std::vector<std::set<int64_t>> cycles(target.numCores());
  auto event = [&](int64_t core, int64_t cycle) {
    if (core == kFrameBuffer)
      return;
    ++events[core];
    cycles[core].insert(cycle);
  };
  for (const Compute &c : tt.computes)
    event(c.core, c.start);
  for (const Transfer &x : tt.transfers) {
    event(x.src, x.start);
    event(x.dst, x.arrive);
  }
  bool fits = true;
  for (int64_t core = 0; core < target.numCores(); ++core) {
    top[core] += programBytes(events[core], int64_t(cycles[core].size()));
    fits &= top[core] <= target.coreMemoryBytes;
  }
  if (usedOut)
    *usedOut = std::move(top);
  return fits;
}

/// Where buffer copies overflow cores at `period` (`used`: each core's
/// bytes with them, as assignCopies counted), tiles move off the fullest
/// cores until they fit: each to the nearest core (route links) whose memory
/// has room for it with its copies and whose load stays within the period.
/// A core keeps its largest tile (it fits nowhere better); tiles off the
/// MAC array go first (little compute, much memory: residual adds,
/// pooling), then the MAC array's, largest first. The timetable must be
/// built again (the copies change with it). Returns whether a tile moved.
bool relocateTiles(const TargetDesc &target, const GraphModel &graph,
                   const std::vector<std::vector<Box>> &tiles,
                   std::vector<std::vector<nmap::TilePlacement>> &places,
                   std::vector<int64_t> used, int64_t period, const TargetModel &model) {
  const int64_t cores = target.numCores(), memory = target.coreMemoryBytes;
  // Room kept for the program a moved tile brings along.
  constexpr int64_t kProgramSlack = 1024;
  std::vector<int64_t> load(cores, 0);
  struct Movable {
    int64_t layer, tile, bytes, cycles;
    bool mac;
  };
  std::vector<std::vector<Movable>> onCore(cores);
  for (auto [li, layer] : llvm::enumerate(places))
    for (auto [ti, p] : llvm::enumerate(layer)) {
      const int64_t cycles = model.computeCycles(graph.layers[li].spec.geometry, tiles[li][ti]);
      load[p.core] += cycles;
      nmap::TilePlacement alone = p; // (layOut sets addresses)
      onCore[p.core].push_back({int64_t(li), int64_t(ti), alone.layOut(0), cycles,
                                kernels::isMacLayer(graph.layers[li].spec.geometry.kind)});
    }
  std::vector<int64_t> over;
  for (int64_t c = 0; c < cores; ++c)
    if (used[c] > memory)
      over.push_back(c);
  llvm::sort(over, [&](int64_t a, int64_t b) {
    return std::make_pair(-used[a], a) < std::make_pair(-used[b], b);
  });
  bool moved = false;
  for (int64_t c : over) {
    auto &list = onCore[c];
    if (list.empty())
      continue;
    std::swap(*llvm::max_element(list, [](const Movable &a, const Movable &b) {
                return a.bytes < b.bytes;
              }),
              list.back());
    list.pop_back();
    llvm::sort(list, [](const Movable &a, const Movable &b) {
      return std::make_tuple(a.mac, -a.bytes, a.layer, a.tile) <
             std::make_tuple(b.mac, -b.bytes, b.layer, b.tile);
    });
    for (const Movable &m : list) {
      if (used[c] <= memory)
        break;
      int64_t best = -1;
      for (int64_t q = 0; q < cores; ++q)
        if (q != c && used[q] + m.bytes + kProgramSlack <= memory && load[q] + m.cycles <= period &&
            (best < 0 || model.hops(c, q) < model.hops(c, best)))
          best = q;
      if (best < 0)
        continue;
      places[m.layer][m.tile].core = best;
      used[c] -= m.bytes;
      used[best] += m.bytes + kProgramSlack;
      load[c] -= m.cycles;
      load[best] += m.cycles;
      moved = true;
    }
  }
  return moved;
}

struct ScheduleNoC : ChipPass<npc::noc::impl::ScheduleNoCBase<ScheduleNoC>> {
  using ChipPass::ChipPass;

  void run(const TargetDesc &targetRef, const GraphModel &graphRef) override {
    const TargetDesc *target = &targetRef;
    const GraphModel *graph = &graphRef;
    ModuleOp module = getOperation();
    std::vector<SendTiming> timings;
    if (sendTiming == "auto" || sendTiming == "asap")
      timings.push_back(SendTiming::Asap);
    if (sendTiming == "auto" || sendTiming == "wait-in-smaller")
      timings.push_back(SendTiming::WaitInSmaller);
    if (timings.empty()) {
      module.emitError() << "npc-schedule-noc: send-timing '" << printable(sendTiming)
                         << "': must be asap, wait-in-smaller or auto";
      return signalPassFailure();
    }
    std::vector<std::vector<Box>> tiles;
    std::vector<std::vector<nmap::TilePlacement>> places;
    std::vector<int64_t> load(target->numCores(), 0);
    auto model = TargetModel::create(*target);
    for (const LayerNode &l : graph->layers) {
      tiles.push_back(ntile::getTiles(l.op));
      places.push_back(nmap::getPlacements(l.op));
      if (places.back().size() != tiles.back().size() || tiles.back().empty()) {
        l.op->emitError() << "layer '" << l.name
                          << "' is not tiled and mapped; run npc-tile-layers and npc-map-to-cores first";
        return signalPassFailure();
      }
      for (auto [t, box] : llvm::enumerate(tiles.back()))
        load[places.back()[t].core] += model->computeCycles(l.spec.geometry, box);
    }
    // Buffers that share bytes (npc-map-to-cores reuse-buffers): frames run
    // one at a time, each buffer's first write after the earlier ones in
    // its bytes are done.
    std::optional<SharedOrder> shared;
    {
      const std::vector<LayerLifetimes> lives = bufferLifetimes(*graph);
      nmap::SharedBuffers sb = nmap::findSharedBuffers(
          places, [&](const nmap::BufferRef &b) { return lives[b.layer].of(b.which); });
      if (sb.conflict) {
        const nmap::BufferRef &b = sb.conflict->second;
        graph->layers[b.layer].op->emitError()
            << "tile " << b.tile << " of layer '" << graph->layers[b.layer].name
            << "' has a buffer in bytes that another buffer holds at the same time; run "
               "npc-map-to-cores again";
        return signalPassFailure();
      }
      if (!sb.pairs.empty()) {
        shared.emplace();
        size_t next = 0;
        for (auto [li, l] : llvm::enumerate(graph->layers)) {
          shared->base.push_back(next);
          shared->perTile.push_back(int64_t(l.inputs.size()) + 1);
          next += tiles[li].size() * (l.inputs.size() + 1);
        }
        shared->earlier.resize(next);
        for (auto &[earlier, later] : sb.pairs)
          shared->earlier[shared->index(later)].push_back(shared->index(earlier));
      }
    }
    // The host link brings one frame's inputs and takes one frame's outputs
    // per period each way (TargetModel::hostLinkCycles): bytes at their
    // stored widths, each tensor once, as the frame buffer holds them
    // (frameBufferUse; the outputs are what the timetable sends to it).
    auto hostOut = [&](const Timetable &t) {
      std::vector<int> sent;
      for (const HostBoundary &b : graph->outputs)
        sent.push_back(b.tensor);
      for (const Transfer &x : t.transfers)
        if (x.dst == kFrameBuffer)
          sent.push_back(x.tensor);
      return model->hostLinkCycles(graph->hostBytes(sent));
    };
    const int64_t hostFloor = hostLinkFloor(*graph, *model);
    // The period starts at the busiest core's load (or the host link's
    // cycles, if more) and grows until every transfer and tile finds room
    // and the buffer copies fit; one frame at a time always does (the
    // mapping fits single copies).
    std::optional<Timetable> tt;
    int64_t period = kNoPipelining;
    if (pipeline && !shared) {
      // Fine steps first; past `maxAttempts`, 25% steps up to one frame's
      // latency, so that a memory-tight model still overlaps some frames.
      int64_t p = std::max<int64_t>({1, *llvm::max_element(load), hostFloor});
      // A timetable at period p with its buffer copies, or nothing (`done`:
      // p reaches one frame's latency, so frames would not overlap).
      bool done = false;
      // Unicasts sent at once first; where the copies then overflow some
      // core even after moving tiles, sent to wait in the smaller buffer
      // (ResNet-101: 25,359 -> 22,735 cycles per frame; ResNet-50, whose
      // copies fit the first way, would lose by the second: 10,080 ->
      // 10,180).
      auto tryPeriod = [&](int64_t p) -> std::optional<Timetable> {
        for (SendTiming timing : timings) {
          auto t = buildTimetable(*target, *graph, tiles, places, p, timing);
          if (!t || p < hostOut(*t)) // (more than the outputs may go to the host)
            return std::nullopt;
          if (p >= t->cycles) {
            // (Frames would not overlap; only the first timing's latency
            // says that longer periods will not help either.)
            if (timing != timings.front())
              continue;
            done = true;
            return std::nullopt;
          }
          std::vector<int64_t> used;
          if (assignCopies(*t, p, *target, places, &used))
            return t;
          // Copies that overflow some cores: tiles move to cores with
          // room, and the same period is tried again (a few times). Moves
          // that do not make this period fit are undone: the mapper's
          // placement is kept for the longer periods (moved tiles lengthen
          // routes).
          auto moved = places;
          for (int round = 0; round < kRelocationRounds &&
                              relocateTiles(*target, *graph, tiles, moved, used, p, *model);
               ++round) {
            t = buildTimetable(*target, *graph, tiles, moved, p, timing);
            if (!t || p < hostOut(*t) || p >= t->cycles)
              break;
            if (assignCopies(*t, p, *target, moved, &used)) {
              places = std::move(moved);
              return t;
            }
          }
        }
        return std::nullopt;
      };
      int64_t failed = 0; // the last period that did not fit
      for (int64_t attempt = 0; attempt < maxAttempts + 40 && !done;
           ++attempt, p += std::max<int64_t>(1, p * (attempt < maxAttempts ? growthPercent : 25) / 100)) {
        if ((tt = tryPeriod(p))) {
          period = p;
          // A 25% step may overshoot by up to a fifth of the period
          // (memory-tight networks, whose copies fit only far above the
          // busiest core's load): halve the gap down to 1% of the period.
          for (int64_t lo = failed;
               attempt >= maxAttempts && period - lo > std::max<int64_t>(1, period / 100);) {
            int64_t mid = lo + (period - lo) / 2;
            if (auto t = tryPeriod(mid)) {
              tt = std::move(t);
              period = mid;
            } else {
              lo = mid;
            }
          }
          // The copies are those of the period kept.
          assignCopies(*tt, period, *target, places);
          break;
        }
        failed = p;
      }
    }
    if (!tt) {
      period = kNoPipelining;
      tt = buildTimetable(*target, *graph, tiles, places, period, timings.front(),
                          shared ? &*shared : nullptr);
      if (!tt) { // (one frame at a time, every event finds room in the end)
        module.emitError() << "no timetable fits, even one frame at a time";
        return signalPassFailure();
      }
      std::vector<int64_t> used;
      if (!assignCopies(*tt, period, *target, places, &used, shared.has_value()) && shared) {
        // (Only where buffers share bytes: the mapper counted programs at
        // their most, and single copies always fit otherwise.)
        int64_t core = llvm::max_element(used) - used.begin();
        module.emitError() << "core " << core << " needs " << used[core]
                           << " bytes for its buffers and program; a core has "
                           << target->coreMemoryBytes;
        return signalPassFailure();
      }
    }
    for (auto [li, l] : llvm::enumerate(graph->layers))
      nmap::setPlacements(l.op, places[li]);
    emitSchedule(module, *graph, *tt, period);
  }

  void emitSchedule(ModuleOp module, const GraphModel &graph, const Timetable &tt,
                    int64_t period) {
    for (auto s : llvm::make_early_inc_range(module.getOps<noc::ScheduleOp>()))
      s.erase();
    OpBuilder b(&getContext());
    b.setInsertionPointToEnd(module.getBody());
    Location loc = module.getLoc();
    auto sched = noc::ScheduleOp::create(
        b, loc, b.getI64IntegerAttr(tt.cycles),
        period < kNoPipelining ? b.getI64IntegerAttr(period) : IntegerAttr());
    sched.getBody().emplaceBlock();
    b.setInsertionPointToEnd(&sched.getBody().front());
    auto symbol = [&](std::pair<int64_t, int64_t> tile) -> FlatSymbolRefAttr {
      if (tile.first < 0)
        return {};
      return FlatSymbolRefAttr::get(
          b.getContext(),
          noc::tileSymbol(graph.layers[tile.first].op->getName(), tile.first, tile.second));
    };
    int64_t id = 0;
    for (auto [isCompute, k] : tt.order) {
      if (isCompute) {
        const Compute &c = tt.computes[k];
        noc::ComputeOp::create(b, loc, symbol({c.layer, c.tile}).getAttr(),
                               b.getI64IntegerAttr(c.layer), b.getI64IntegerAttr(c.tile),
                               b.getI64IntegerAttr(c.core), b.getI64IntegerAttr(c.start),
                               b.getI64IntegerAttr(c.end), b.getI64IntegerAttr(c.work));
        continue;
      }
      const Transfer &t = tt.transfers[k];
      noc::TransferOp::create(
          b, loc, b.getI64IntegerAttr(id++), b.getI64IntegerAttr(int64_t(t.noc)),
          b.getI64IntegerAttr(t.src), b.getI64IntegerAttr(t.dst), b.getI64IntegerAttr(t.bytes),
          b.getI64IntegerAttr(t.start), b.getI64IntegerAttr(t.arrive),
          b.getDenseI64ArrayAttr(t.route), b.getI64IntegerAttr(t.tensor),
          b.getDenseI64ArrayAttr(t.box.bounds()),
          symbol(t.producer), symbol(t.consumer),
          b.getI64IntegerAttr(t.operand),
          t.group >= 0 ? b.getI64IntegerAttr(t.group) : IntegerAttr());
    }
  }
};

} // namespace
