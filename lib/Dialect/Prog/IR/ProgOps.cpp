//===- ProgOps.cpp - per-core programs ------------------------------------===//
#include "npc/Dialect/Prog/IR/Prog.h"
#include "npc/Dialect/NoC/IR/NoC.h"

#include "mlir/IR/BuiltinOps.h"

#include <map>
#include <set>

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace npc;
using namespace npc::prog;

#include "npc/Dialect/Prog/IR/ProgOpsDialect.cpp.inc"

void ProgDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "npc/Dialect/Prog/IR/ProgOps.cpp.inc"
      >();
}

/// The programs of a module against its timetable: every send, receive and
/// compute names an event of noc.schedule on this core at the cycle the
/// program waits for, and every event is issued exactly once (a transfer
/// nobody sends or receives would leave its data undelivered).
static LogicalResult verifyAgainstSchedule(ModuleOp module) {
  auto scheds = llvm::to_vector(module.getOps<noc::ScheduleOp>());
  if (scheds.size() != 1)
    return success(); // bare programs (the prog lit tests) stand alone
  std::map<int64_t, noc::TransferOp> transfers;
  std::map<std::pair<int64_t, int64_t>, noc::ComputeOp> computes;
  for (Operation &op : scheds[0].getBody().front()) {
    if (auto t = dyn_cast<noc::TransferOp>(op))
      transfers.try_emplace(t.getId(), t);
    else if (auto c = dyn_cast<noc::ComputeOp>(op))
      computes.try_emplace({c.getLayer(), c.getTile()}, c);
  }
  std::set<int64_t> sent, received, cores;
  std::set<std::pair<int64_t, int64_t>> computed;
  for (auto core : module.getOps<CoreOp>()) {
    int64_t here = core.getCore(), now = -1;
    if (!cores.insert(here).second)
      return core.emitOpError() << "is a second program for core " << here;
    for (Operation &op : core.getBody().front()) {
      if (auto w = dyn_cast<WaitUntilOp>(op)) {
        now = w.getCycle();
      } else if (isa<SendOp, RecvOp>(op)) {
        bool send = isa<SendOp>(op);
        int64_t id = send ? cast<SendOp>(op).getTransfer() : cast<RecvOp>(op).getTransfer();
        auto it = transfers.find(id);
        if (it == transfers.end())
          return op.emitOpError() << "names transfer " << id << ", which noc.schedule does not have";
        noc::TransferOp t = it->second;
        int64_t end = send ? t.getSrc() : t.getDst();
        int64_t when = send ? t.getStart() : t.getArrive();
        if (end != here)
          return op.emitOpError() << "on core " << here << ": transfer " << id
                                  << (send ? " leaves core " : " arrives at core ") << end;
        if (now != when)
          return op.emitOpError() << "at cycle " << now << ": transfer " << id
                                  << (send ? " starts" : " arrives") << " at cycle " << when;
        if (!(send ? sent : received).insert(id).second)
          return op.emitOpError() << (send ? "sends" : "receives") << " transfer " << id
                                  << " a second time";
      } else if (auto c = dyn_cast<ComputeOp>(op)) {
        std::pair<int64_t, int64_t> key{c.getLayer(), c.getTile()};
        auto it = computes.find(key);
        if (it == computes.end())
          return c.emitOpError() << "computes tile (" << key.first << ", " << key.second
                                 << "), which noc.schedule does not have";
        if (it->second.getCore() != here)
          return c.emitOpError() << "on core " << here << ": tile (" << key.first << ", "
                                 << key.second << ") runs on core " << it->second.getCore();
        if (now != it->second.getStart())
          return c.emitOpError() << "at cycle " << now << ": tile (" << key.first << ", "
                                 << key.second << ") starts at cycle " << it->second.getStart();
        if (!computed.insert(key).second)
          return c.emitOpError() << "computes tile (" << key.first << ", " << key.second
                                 << ") a second time";
      }
    }
  }
  for (auto &[id, t] : transfers) {
    if (!sent.count(id))
      return t.emitOpError() << "is never sent: no program of core " << t.getSrc()
                             << " has prog.send " << id;
    if (!received.count(id))
      return t.emitOpError() << "is never received: no program of core " << t.getDst()
                             << " has prog.recv " << id;
  }
  for (auto &[key, c] : computes)
    if (!computed.count(key))
      return c.emitOpError() << "is never run: no program of core " << c.getCore()
                             << " has prog.compute " << key.first << ", " << key.second;
  return success();
}

LogicalResult CoreOp::verify() {
  if (getCore() < -1)
    return emitOpError() << "core index must be >= -1 (-1: frame buffer)";
  int64_t last = 0;
  for (Operation &op : getBody().front())
    if (auto w = dyn_cast<WaitUntilOp>(op)) {
      if (w.getCycle() < last)
        return w.emitOpError() << "waits for cycle " << w.getCycle()
                               << " after already waiting for " << last
                               << ": a program runs forward in time";
      last = w.getCycle();
    }
  // Checked once per module, from its first program.
  auto module = dyn_cast_or_null<ModuleOp>((*this)->getParentOp());
  if (!module)
    return success();
  for (Operation *prev = (*this)->getPrevNode(); prev; prev = prev->getPrevNode())
    if (isa<CoreOp>(prev))
      return success();
  return verifyAgainstSchedule(module);
}

#define GET_OP_CLASSES
#include "npc/Dialect/Prog/IR/ProgOps.cpp.inc"
