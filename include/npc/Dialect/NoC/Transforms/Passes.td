#ifndef NPC_NOC_PASSES
#define NPC_NOC_PASSES
include "mlir/Pass/PassBase.td"

def ScheduleNoC : Pass<"npc-schedule-noc", "::mlir::ModuleOp"> {
  let summary = "Build the static, collision-free timetable of one frame";
  let description = [{
    For every tile input window, one transfer per producer tile whose output
    box intersects it (from the frame buffer for graph inputs and constants),
    and one transfer per output tile of a graph output back to the frame
    buffer. Transfers are placed greedily in program order at the earliest
    cycle at which their data is ready and every link of their X-then-Y route
    is free for their whole duration; a tile starts when its last input has
    arrived and its core is free. Emits a `noc.schedule`.
  }];
  let dependentDialects = ["::npc::noc::NoCDialect"];
}
#endif
