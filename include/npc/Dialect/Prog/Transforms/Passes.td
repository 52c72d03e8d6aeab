#ifndef NPC_PROG_PASSES
#define NPC_PROG_PASSES
include "mlir/Pass/PassBase.td"

def EmitPrograms : Pass<"npc-emit-programs", "::mlir::ModuleOp"> {
  let summary = "Turn the NoC timetable into one program per core";
  let description = [{
    Every core (and the frame-buffer controller) gets, in cycle order, a
    `prog.wait_until` before each event of the timetable that involves it and
    the event itself: `prog.send` at a transfer's start on its source,
    `prog.recv` at its arrival on its destination, `prog.compute` at a tile's
    start on its core.
  }];
  let dependentDialects = ["::npc::prog::ProgDialect"];
}
#endif
