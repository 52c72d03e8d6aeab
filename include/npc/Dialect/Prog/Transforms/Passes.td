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

def LinkProgram : Pass<"npc-link-program", "::mlir::ModuleOp"> {
  let summary = "Make the module the self-contained program the artifact holds";
  let description = [{
    Gathers what the chip runs: every tensor, every layer's geometry and
    tiles (core, boxes, buffer addresses, time), the timetable's transfers,
    the host boundaries and the programs, and lays out each core's memory
    image (every tile's parameters at its address). Checks that each core
    holds its buffers with its program above them, and that the frame
    buffer holds the frames in flight. Then replaces the module's body with
    the linked prog ops: the graph and the timetable are gone, and
    `npc-translate --npx` needs nothing else.
  }];
  let dependentDialects = ["::npc::prog::ProgDialect"];
}
#endif
