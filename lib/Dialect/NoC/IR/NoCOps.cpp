//===- NoCOps.cpp - the static NoC timetable ------------------------------===//
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Support/ModuloTable.h"
#include "npc/Target/ChipModel.h"

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

LogicalResult TransferOp::verify() {
  if (getNoc() < 0 || getNoc() >= kNumNocs)
    return emitOpError() << "noc " << getNoc() << " is not one of the four NoCs";
  if (getBytes() <= 0 || getStart() < 0 || getArrive() <= getStart())
    return emitOpError() << "needs bytes > 0 and 0 <= start < arrive";
  if (getBox().size() % 2 || getProducer().size() != 2 || getConsumer().size() != 2)
    return emitOpError() << "box needs lo and hi bounds; producer and consumer are (layer, tile)";
  return success();
}

LogicalResult ComputeOp::verify() {
  if (getStart() < 0 || getEnd() <= getStart())
    return emitOpError() << "needs 0 <= start < end";
  return success();
}

LogicalResult ScheduleOp::verifyRegions() {
  auto module = (*this)->getParentOfType<ModuleOp>();
  auto target = module ? getModuleTarget(module) : llvm::Expected<TargetDesc>(northpoleTarget());
  if (!target)
    return emitOpError() << llvm::toString(target.takeError());
  int64_t period = getPeriod().value_or(kNoPipelining);
  if (period < 1)
    return emitOpError() << "period " << period << " must be at least 1 cycle";
  // Link occupancy per (noc, link): [start, arrive) intervals with the op.
  std::map<std::pair<int64_t, int64_t>, std::vector<std::tuple<int64_t, int64_t, Operation *>>> links;
  std::map<std::pair<int64_t, int64_t>, ComputeOp> computes;
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> coreBusy;
  int64_t last = 0;
  for (Operation &op : getBody().front()) {
    if (auto c = dyn_cast<ComputeOp>(op)) {
      if (c.getCore() < 0 || c.getCore() >= target->numCores())
        return c.emitOpError() << "core " << c.getCore() << " is outside the grid";
      computes[{c.getLayer(), c.getTile()}] = c;
      coreBusy[c.getCore()].push_back({c.getStart(), c.getEnd()});
      last = std::max(last, c.getEnd());
    }
  }
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
  std::map<int64_t, int64_t> groupHops;
  std::set<std::pair<int64_t, int64_t>> groupLinks;
  for (Operation &op : getBody().front())
    if (auto t = dyn_cast<TransferOp>(op))
      if (auto g = t.getMulticast()) {
        auto [it, fresh] = groupFirst.try_emplace(*g, t);
        TransferOp f = it->second;
        if (!fresh && (f.getSrc() != t.getSrc() || f.getBox() != t.getBox() ||
                       f.getTensor() != t.getTensor() || f.getStart() != t.getStart() ||
                       f.getArrive() != t.getArrive()))
          return t.emitOpError() << "differs from the first transfer of multicast " << *g
                                 << " in source, box, start or arrival";
        int64_t &h = groupHops[*g];
        h = std::max<int64_t>(h, t.getRoute().size());
      }
  for (Operation &op : getBody().front()) {
    auto t = dyn_cast<TransferOp>(op);
    if (!t)
      continue;
    for (int64_t end : {t.getSrc(), t.getDst()})
      if (end < -1 || end >= target->numCores())
        return t.emitOpError() << "endpoint " << end << " is neither a core of the "
                               << target->gridCols << "x" << target->gridRows
                               << " grid nor the frame buffer (-1)";
    auto expect = xyRoute(*target, t.getSrc(), t.getDst());
    if (ArrayRef<int64_t>(expect) != t.getRoute())
      return t.emitOpError() << "route is not the X-then-Y path from " << t.getSrc()
                             << " to " << t.getDst();
    auto group = t.getMulticast();
    int64_t hops = group ? groupHops[*group] : int64_t(expect.size());
    int64_t dur = transferCycles(*target, NocKind(t.getNoc()), t.getBytes(), hops);
    if (t.getArrive() - t.getStart() != dur)
      return t.emitOpError() << "takes " << t.getArrive() - t.getStart()
                             << " cycles; the cost rule gives " << dur;
    for (int64_t l : expect)
      if (!group || groupLinks.insert({*group, l}).second)
        links[{t.getNoc(), l}].push_back({t.getStart(), t.getArrive(), t});
    ArrayRef<int64_t> prod = t.getProducer(), cons = t.getConsumer();
    if (prod[0] >= 0) {
      auto it = computes.find({prod[0], prod[1]});
      if (it == computes.end())
        return t.emitOpError() << "producer tile (" << prod[0] << ", " << prod[1]
                               << ") is never computed";
      if (t.getStart() < it->second.getEnd())
        return t.emitOpError() << "starts at cycle " << t.getStart()
                               << " before its producer ends at " << it->second.getEnd();
      if (it->second.getCore() != t.getSrc())
        return t.emitOpError() << "leaves core " << t.getSrc() << " but its producer tile ran on core "
                               << it->second.getCore();
    }
    if (cons[0] >= 0) {
      auto it = computes.find({cons[0], cons[1]});
      if (it == computes.end())
        return t.emitOpError() << "consumer tile (" << cons[0] << ", " << cons[1]
                               << ") is never computed";
      if (t.getArrive() > it->second.getStart())
        return t.emitOpError() << "arrives at cycle " << t.getArrive()
                               << " after its consumer starts at " << it->second.getStart();
      if (it->second.getCore() != t.getDst())
        return t.emitOpError() << "goes to core " << t.getDst() << " but its consumer tile runs on core "
                               << it->second.getCore();
    }
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
        d << "collides with another transfer on link " << key.second << " of NoC "
          << nocName(NocKind(key.first)) << " at cycle " << s;
        if (period < kNoPipelining)
          d << " (frames overlap every " << period << " cycles)";
        return d;
      }
      busy.reserve(s, e - s);
    }
  }
  if (getCycles() < last)
    return emitOpError() << "cycles " << getCycles() << " is before the last event at " << last;
  return success();
}

#define GET_OP_CLASSES
#include "npc/Dialect/NoC/IR/NoCOps.cpp.inc"
