//===- EmitPrograms.cpp - one program per core from the timetable ---------===//
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Dialect/Prog/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <map>

namespace npc::prog {
#define GEN_PASS_DEF_EMITPROGRAMS
#include "npc/Dialect/Prog/Transforms/Passes.h.inc"
} // namespace npc::prog

using namespace mlir;
using namespace npc;

namespace {

/// Order of events at the same cycle on one core: data that arrives is
/// taken in before a tile starts; a tile's start precedes sends it enables
/// at later cycles.
enum EventOrder { kRecv = 0, kCompute = 1, kSend = 2 };

struct Event {
  int64_t cycle, order, seq;
  Operation *op;
  bool operator<(const Event &o) const {
    return std::tie(cycle, order, seq) < std::tie(o.cycle, o.order, o.seq);
  }
};

struct EmitPrograms : npc::prog::impl::EmitProgramsBase<EmitPrograms> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto scheds = llvm::to_vector(module.getOps<noc::ScheduleOp>());
    if (scheds.size() != 1) {
      module.emitError() << "expects exactly one noc.schedule; run npc-schedule-noc first";
      return signalPassFailure();
    }
    for (auto c : llvm::make_early_inc_range(module.getOps<prog::CoreOp>()))
      c.erase();
    std::map<int64_t, std::vector<Event>> perCore;
    int64_t seq = 0;
    for (Operation &op : scheds[0].getBody().front()) {
      if (auto t = dyn_cast<noc::TransferOp>(op)) {
        perCore[t.getSrc()].push_back({t.getStart(), kSend, seq++, &op});
        perCore[t.getDst()].push_back({t.getArrive(), kRecv, seq++, &op});
      } else if (auto c = dyn_cast<noc::ComputeOp>(op)) {
        perCore[c.getCore()].push_back({c.getStart(), kCompute, seq++, &op});
      }
    }
    OpBuilder b(&getContext());
    b.setInsertionPointToEnd(module.getBody());
    Location loc = module.getLoc();
    for (auto &[core, events] : perCore) {
      llvm::sort(events);
      auto prog = prog::CoreOp::create(b, loc, b.getI64IntegerAttr(core), ElementsAttr());
      prog.getBody().emplaceBlock();
      OpBuilder ib = OpBuilder::atBlockEnd(&prog.getBody().front());
      int64_t now = -1;
      for (const Event &e : events) {
        if (e.cycle != now) {
          prog::WaitUntilOp::create(ib, loc, ib.getI64IntegerAttr(e.cycle));
          now = e.cycle;
        }
        if (auto t = dyn_cast<noc::TransferOp>(e.op)) {
          if (e.order == kSend)
            prog::SendOp::create(ib, loc, ib.getI64IntegerAttr(t.getId()));
          else
            prog::RecvOp::create(ib, loc, ib.getI64IntegerAttr(t.getId()));
        } else {
          auto c = cast<noc::ComputeOp>(e.op);
          prog::ComputeOp::create(ib, loc, ib.getI64IntegerAttr(c.getLayer()),
                                  ib.getI64IntegerAttr(c.getTile()));
        }
      }
    }
  }
};

} // namespace
