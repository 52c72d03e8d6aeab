//===- NoCOps.cpp - the static NoC timetable ------------------------------===//
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Runtime/ModuloTable.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpImplementation.h"

#include <map>
#include <set>

using namespace mlir;
using namespace npc;
using namespace npc::noc;

#include "npc/Dialect/NoC/IR/NoCOpsDialect.cpp.inc"

void NoCDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "npc/Dialect/NoC/IR/NoCOps.cpp.inc"
      >();
}

LogicalResult TransferOp::verify() { return verifyTransferFields(*this); }

std::string npc::noc::tileSymbol(OperationName op, int64_t layer, int64_t tile) {
  return op.stripDialect().str() + "_" + std::to_string(layer) + "." + std::to_string(tile);
}

LogicalResult ComputeOp::verify() {
  if (getStart() < 0 || getEnd() <= getStart())
    return emitOpError() << "needs 0 <= start < end";
  return success();
}

namespace {
/// What the timetable may reference of the module's layers: @main's compute
/// layers in order (the layer numbering of every chip stage), each with its
/// tiles' cores (-1 while unmapped) and its number of activation inputs.
struct LayerRefs {
  std::vector<mlir::OperationName> ops;
  std::vector<std::vector<int64_t>> tileCores;
  std::vector<int64_t> inputs;
  /// Each tile's compute cycles by the cost rule (-1: not known, e.g. a
  /// layer whose geometry does not describe).
  std::vector<std::vector<int64_t>> tileCycles;
  /// Per layer, per input: whether it is a split reduction's partial sums
  /// (kernels::carriesPartialSums), what the partial-sum NoC carries.
  std::vector<std::vector<bool>> partialSums;
  /// Per layer, per tile: where it streams its parameters from (home core,
  /// bytes), or (-1, 0) where it holds them or reads them on its own core.
  std::vector<std::vector<std::pair<int64_t, int64_t>>> streams;
};
} // namespace

static std::optional<LayerRefs> layerRefsOf(ModuleOp module, const TargetDesc &target) {
  auto main = module ? module.lookupSymbol<func::FuncOp>("main") : func::FuncOp();
  if (!main || main.getBody().empty())
    return std::nullopt;
  LayerRefs refs;
  auto model = TargetModel::create(target);
  for (Operation &op : main.getBody().front()) {
    if (!qg::isComputeLayer(&op))
      continue;
    auto tileList = op.getAttrOfType<ArrayAttr>(ntile::kTilesAttr);
    size_t tiles = tileList ? tileList.size() : 0;
    std::vector<int64_t> cores(tiles, -1);
    refs.ops.push_back(op.getName());
    std::vector<nmap::TilePlacement> places = nmap::getPlacements(&op);
    std::vector<std::pair<int64_t, int64_t>> streams(tiles, {-1, 0});
    if (places.size() == tiles) {
      // The stream's bytes are the streaming tile's own parameter layout,
      // as the scheduler and the executor count them.
      std::optional<std::vector<TileFootprint>> footprints;
      for (size_t t = 0; t < tiles; ++t) {
        cores[t] = places[t].core;
        const int64_t k = places[t].paramsFrom;
        // (A wrong k is the nmap verifier's to report.)
        if (k < 0 || k >= int64_t(tiles) || places[k].core == places[t].core)
          continue;
        if (!footprints) {
          std::vector<kernels::Box> boxes = ntile::getTiles(&op);
          auto fps = boxes.size() == tiles ? tileFootprintsOf(&op, boxes)
                                           : llvm::Expected<std::vector<TileFootprint>>(
                                                 std::vector<TileFootprint>());
          if (!fps) {
            llvm::consumeError(fps.takeError()); // the layer's own verifier says why
            fps = std::vector<TileFootprint>();
          }
          footprints = std::move(*fps);
        }
        if (t < footprints->size())
          streams[t] = {places[k].core, (*footprints)[t].layout.totalBytes};
      }
    }
    refs.streams.push_back(std::move(streams));
    refs.tileCores.push_back(std::move(cores));
    const int64_t inputs = int64_t(qg::activationOperands(&op).size());
    refs.inputs.push_back(inputs);
    std::vector<int64_t> cycles(tiles, -1);
    std::vector<bool> partialSums(size_t(inputs), false);
    auto spec = qg::describeLayer(&op, /*withWeights=*/false);
    if (spec) {
      std::vector<kernels::Box> boxes = ntile::getTiles(&op);
      for (size_t t = 0; t < tiles && t < boxes.size(); ++t)
        cycles[t] = model->computeCycles(spec->geometry, boxes[t]);
      for (size_t i = 0; i < partialSums.size(); ++i)
        partialSums[i] = kernels::carriesPartialSums(spec->geometry, i);
    } else {
      llvm::consumeError(spec.takeError()); // the layer's own verifier says why
    }
    refs.tileCycles.push_back(std::move(cycles));
    refs.partialSums.push_back(std::move(partialSums));
  }
  return refs;
}

LogicalResult ScheduleOp::verifyRegions() {
  auto module = (*this)->getParentOfType<ModuleOp>();
  auto target = getTargetOf(*this);
  if (!target)
    return emitOpError() << llvm::toString(target.takeError());
  int64_t period = getPeriod().value_or(kNoPipelining);
  if (period < 1)
    return emitOpError() << "period " << period << " must be at least 1 cycle";
  // Buffers that share bytes (npc-map-to-cores reuse-buffers) hold data of
  // one frame at a time: frames must not overlap.
  if (getPeriod() && framesOverlap(period, getCycles()) && module) {
    std::vector<std::vector<nmap::TilePlacement>> places;
    if (auto main = module.lookupSymbol<func::FuncOp>("main"))
      for (Operation &op : main.getBody().front())
        if (nmap::isMapped(&op)) {
          // (@main's ops verify after this op: malformed ones count as
          // placing nothing here, and report themselves.)
          auto checked = nmap::getCheckedPlacements(&op, *target);
          places.push_back(checked ? std::move(*checked) : std::vector<nmap::TilePlacement>());
          if (!checked)
            llvm::consumeError(checked.takeError());
        }
    // (Lifetimes that never meet: every pair of buffers sharing bytes.)
    nmap::SharedBuffers shared = nmap::findSharedBuffers(
        places, [](const nmap::BufferRef &) { return Lifetime{0, -1}; });
    if (!shared.pairs.empty()) {
      const nmap::BufferRef &b = shared.pairs.front().second;
      return emitOpError() << "frames overlap every " << period
                           << " cycles, but buffers share bytes (tile " << b.tile << " of layer "
                           << b.layer << " among them on core "
                           << places[b.layer][b.tile].core
                           << "): buffers that share bytes need frames one at a time";
    }
  }
  auto model = TargetModel::create(*target);
  // Link occupancy per (noc, link): the cycles each transfer (or parameter
  // stream) holds it (TargetModel::linkWindow), with the op.
  std::map<std::pair<int64_t, int64_t>, std::vector<std::tuple<int64_t, int64_t, Operation *>>> links;
  std::map<std::pair<int64_t, int64_t>, ComputeOp> computes;
  // SRAM port holds of parameter streams at their home cores.
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> streamPorts;
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> coreBusy;
  int64_t last = 0;
  // In a module with @main, every (layer, tile) reference names a tile that
  // exists, on the core it was mapped to. A bare timetable (the NoC lit
  // tests) is checked on its own.
  std::optional<LayerRefs> refs = layerRefsOf(module, *target);
  for (Operation &op : getBody().front()) {
    if (auto c = dyn_cast<ComputeOp>(op)) {
      if (c.getCore() < 0 || c.getCore() >= target->numCores())
        return c.emitOpError() << "core " << c.getCore() << " is outside the grid";
      if (refs) {
        int64_t layers = int64_t(refs->tileCores.size());
        if (c.getLayer() < 0 || c.getLayer() >= layers)
          return c.emitOpError() << "layer " << c.getLayer() << " does not exist: @main has "
                                 << layers << " compute layers";
        const auto &cores = refs->tileCores[c.getLayer()];
        if (c.getTile() < 0 || c.getTile() >= int64_t(cores.size()))
          return c.emitOpError() << "tile " << c.getTile() << " does not exist: layer "
                                 << c.getLayer() << " has " << cores.size() << " tiles";
        std::string symbol = tileSymbol(refs->ops[c.getLayer()], c.getLayer(), c.getTile());
        if (c.getSymName() != symbol)
          return c.emitOpError() << "is named @" << c.getSymName() << ", but tile ("
                                 << c.getLayer() << ", " << c.getTile() << ") is @" << symbol;
        if (cores[c.getTile()] >= 0 && cores[c.getTile()] != c.getCore())
          return c.emitOpError() << "runs tile (" << c.getLayer() << ", " << c.getTile()
                                 << ") on core " << c.getCore() << " but nmap.tiles places it on core "
                                 << cores[c.getTile()];
        // Compute lengths obey the cost rule, as transfer durations do.
        int64_t cycles = refs->tileCycles[c.getLayer()][c.getTile()];
        if (cycles >= 0 && c.getEnd() - c.getStart() != cycles)
          return c.emitOpError() << "takes " << c.getEnd() - c.getStart()
                                 << " cycles; the cost rule gives " << cycles;
        // A tile that streams its parameters holds the model NoC's links
        // of the route from their home core and one SRAM port there, from
        // its start, within its compute (TargetModel::paramStream, as the
        // scheduler and the executor time it).
        auto [home, bytes] = refs->streams[c.getLayer()][c.getTile()];
        if (home >= 0) {
          TargetModel::ParamStream s = model->paramStream(home, c.getCore(), bytes);
          if (s.cycles > c.getEnd() - c.getStart())
            return c.emitOpError() << "streams its parameters for " << s.cycles
                                   << " cycles, longer than its " << c.getEnd() - c.getStart()
                                   << " cycles of compute";
          for (auto [link, w] : s.links)
            links[{int64_t(NocKind::Model), link}].push_back(
                {c.getStart() + w.offset, c.getStart() + w.offset + w.cycles, c});
          streamPorts[home].push_back({c.getStart(), c.getStart() + s.cycles});
        }
      }
      if (!computes.try_emplace({c.getLayer(), c.getTile()}, c).second)
        return c.emitOpError() << "computes tile (" << c.getLayer() << ", " << c.getTile()
                               << ") a second time";
      coreBusy[c.getCore()].push_back({c.getStart(), c.getEnd()});
      last = std::max(last, c.getEnd());
    }
  }
  if (refs)
    for (auto [layer, cores] : llvm::enumerate(refs->tileCores))
      for (size_t tile = 0; tile < cores.size(); ++tile)
        if (!computes.count({int64_t(layer), int64_t(tile)}))
          return emitOpError() << "never computes tile (" << layer << ", " << tile << ")";
  for (auto &[core, spans] : coreBusy) {
    llvm::sort(spans);
    ModuloTable busy(period);
    for (auto [s, e] : spans) {
      if (e - s > period)
        return emitOpError() << "core " << core << " computes a tile of " << e - s
                             << " cycles, longer than the period of " << period;
      if (!busy.isFree(s, e - s)) {
        auto d = emitOpError();
        d << "core " << core << " computes two tiles at cycle " << s;
        if (period < kNoPipelining)
          d << " (frames overlap every " << period << " cycles)";
        return d;
      }
      busy.reserve(s, e - s);
    }
  }
  // Multicasts: members agree on source, box, start and arrival; they last
  // as long as the longest member route needs and use each link once.
  std::map<int64_t, TransferOp> groupFirst;
  TransferDurations durations;
  std::set<std::pair<int64_t, int64_t>> groupLinks;
  for (Operation &op : getBody().front())
    if (auto t = dyn_cast<TransferOp>(op))
      if (auto g = t.getMulticast()) {
        auto [it, fresh] = groupFirst.try_emplace(*g, t);
        TransferOp f = it->second;
        if (!fresh && (f.getSrc() != t.getSrc() || f.getBox() != t.getBox() ||
                       f.getTensor() != t.getTensor() || f.getStart() != t.getStart() ||
                       f.getArrive() != t.getArrive() || f.getNoc() != t.getNoc()))
          return t.emitOpError() << "differs from the first transfer of multicast " << *g
                                 << " in source, box, start, arrival or NoC";
        durations.addMember(*g, int64_t(t.getRoute().size()));
      }
  std::set<int64_t> ids; // programs name transfers by id
  ScheduleTiles tiles(*this);
  for (Operation &op : getBody().front()) {
    auto t = dyn_cast<TransferOp>(op);
    if (!t)
      continue;
    if (!ids.insert(t.getId()).second)
      return t.emitOpError() << "reuses transfer id " << t.getId();
    for (int64_t end : {t.getSrc(), t.getDst()})
      if (end < -1 || end >= target->numCores())
        return t.emitOpError() << "endpoint " << end << " is neither a core of the "
                               << target->gridCols << "x" << target->gridRows
                               << " grid nor the frame buffer (-1)";
    auto expect = model->route(t.getSrc(), t.getDst());
    if (ArrayRef<int64_t>(expect) != t.getRoute())
      return t.emitOpError() << "route is not the " << target->topology
                             << "'s X-then-Y path from " << t.getSrc() << " to " << t.getDst();
    // The partial-sum NoC joins neighbouring cores only.
    if (NocKind(t.getNoc()) == NocKind::PartialSum && expect.size() != 1)
      return t.emitOpError() << "is on the partial-sum NoC, which joins neighbouring cores only, "
                             << "but goes " << expect.size() << " hops from " << t.getSrc()
                             << " to " << t.getDst();
    auto group = t.getMulticast();
    int64_t dur = durations.cycles(*model, NocKind(t.getNoc()), t.getBytes(), group.value_or(-1),
                                   int64_t(expect.size()));
    if (t.getArrive() - t.getStart() != dur)
      return t.emitOpError() << "takes " << t.getArrive() - t.getStart()
                             << " cycles; the cost rule gives " << dur;
    for (auto [position, l] : llvm::enumerate(expect))
      if (!group || groupLinks.insert({*group, l}).second) {
        auto w = model->linkWindow(NocKind(t.getNoc()), t.getBytes(), int64_t(position));
        links[{t.getNoc(), l}].push_back(
            {t.getStart() + w.offset, t.getStart() + w.offset + w.cycles, t});
      }
    if (auto name = t.getProducer()) {
      ComputeOp p = tiles.lookup(name);
      if (!p)
        return t.emitOpError() << "producer @" << *name
                               << " is not a tile computed in this timetable";
      if (t.getStart() < p.getEnd())
        return t.emitOpError() << "starts at cycle " << t.getStart()
                               << " before its producer ends at " << p.getEnd();
      if (p.getCore() != t.getSrc())
        return t.emitOpError() << "leaves core " << t.getSrc() << " but its producer tile ran on core "
                               << p.getCore();
    }
    if (auto name = t.getConsumer()) {
      ComputeOp c = tiles.lookup(name);
      if (!c)
        return t.emitOpError() << "consumer @" << *name
                               << " is not a tile computed in this timetable";
      if (t.getArrive() > c.getStart())
        return t.emitOpError() << "arrives at cycle " << t.getArrive()
                               << " after its consumer starts at " << c.getStart();
      if (c.getCore() != t.getDst())
        return t.emitOpError() << "goes to core " << t.getDst() << " but its consumer tile runs on core "
                               << c.getCore();
      int64_t layer = c.getLayer();
      if (refs && (t.getOperand() < 0 || t.getOperand() >= refs->inputs[layer]))
        return t.emitOpError() << "feeds input " << t.getOperand() << " of layer " << layer
                               << ", which has " << refs->inputs[layer] << " inputs";
      if (refs && NocKind(t.getNoc()) == NocKind::PartialSum &&
          !refs->partialSums[layer][size_t(t.getOperand())])
        return t.emitOpError() << "is on the partial-sum NoC, but feeds input " << t.getOperand()
                               << " of layer " << layer << ", which is no partial sums";
    }
    if (NocKind(t.getNoc()) == NocKind::PartialSum && !t.getConsumer())
      return t.emitOpError() << "is on the partial-sum NoC, but feeds no tile";
    last = std::max(last, t.getArrive());
  }
  for (auto &[key, spans] : links) {
    llvm::sort(spans, [](auto &a, auto &b) { return std::get<0>(a) < std::get<0>(b); });
    ModuloTable busy(period);
    for (auto [s, e, op] : spans) {
      if (e - s > period)
        return op->emitOpError() << "occupies link " << key.second << " for " << e - s
                                 << " cycles, longer than the period of " << period;
      if (!busy.isFree(s, e - s)) {
        auto d = op->emitOpError();
        d << "collides with another transfer or stream on link " << key.second << " of NoC "
          << nocName(NocKind(key.first)) << " at cycle " << s;
        if (period < kNoPipelining)
          d << " (frames overlap every " << period << " cycles)";
        return d;
      }
      busy.reserve(s, e - s);
    }
  }
  // SRAM ports: computations and transfers at once on a core, at most the
  // target's ports (TargetModel::transferPortCores says which cores).
  if (model->sramPorts() > 0) {
    std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> portSpans = streamPorts;
    std::set<std::pair<int64_t, int64_t>> groupCores; // (multicast, core) held
    for (Operation &op : getBody().front()) {
      if (auto c = dyn_cast<ComputeOp>(op))
        portSpans[c.getCore()].push_back({c.getStart(), c.getEnd()});
      if (auto t = dyn_cast<TransferOp>(op)) {
        auto g = t.getMulticast();
        for (int64_t core : TargetModel::transferPortCores(t.getSrc(), t.getDst()))
          if (!g || groupCores.insert({*g, core}).second)
            portSpans[core].push_back({t.getStart(), t.getArrive()});
      }
    }
    for (auto &[core, spans] : portSpans) {
      auto [held, at] = maxOverlap(std::move(spans), period);
      if (held > model->sramPorts()) {
        auto d = emitOpError();
        d << "core " << core << " holds " << held << " SRAM ports at cycle " << at
          << "; the target has " << model->sramPorts();
        if (period < kNoPipelining)
          d << " (frames overlap every " << period << " cycles)";
        return d;
      }
    }
  }
  if (getCycles() < last)
    return emitOpError() << "cycles " << getCycles() << " is before the last event at " << last;
  return success();
}

#define GET_OP_CLASSES
#include "npc/Dialect/NoC/IR/NoCOps.cpp.inc"
