#ifndef NPC_NOC_PASSES
#define NPC_NOC_PASSES
include "mlir/Pass/PassBase.td"

def ScheduleNoC : Pass<"npc-schedule-noc", "::mlir::ModuleOp"> {
  let summary = "Build the static, collision-free, frame-pipelined timetable";
  let description = [{
    For every tile input window, one transfer per producer tile whose output
    box intersects it (from the frame buffer for graph inputs and constants),
    and one transfer per output tile of a graph output back to the frame
    buffer. Transfers are placed greedily in program order at the earliest
    cycle at which their data is ready and every link of their X-then-Y route
    is free while they hold it (the serialization time, from when the head
    reaches that link: TargetModel::linkWindow, docs/noc.md); a tile starts
    when its last input has arrived and its core is free. Emits a
    `noc.schedule`.

    With `pipeline` (the default), frames overlap: frame f runs the same
    timetable f * period cycles later, so links and cores are reserved
    modulo the period. The period starts at the busiest core's compute load
    and grows by `growth-percent` (after `max-attempts` tries, by 25%) until
    every transfer and tile finds room
    within one period and the activation buffers, given as many copies as
    their lifetimes span periods (copies in `#nmap.tile`), fit the cores' memory.
    When no period shorter than one frame's latency works, frames run one
    after another (no `period`).

    A tile's input window waits for its last producer tile; the blocks of
    producers that end earlier wait until then somewhere, and a buffer that
    waits long needs more copies. `send-timing`: `asap` sends every block
    to one tile as soon as it can (it waits in the window); `wait-in-smaller`
    sends it to arrive when the last producer tile ends where the window is
    at least as large as the producer tile's output (it waits in the
    output, or in the frame buffer for a graph input); `auto` (the default)
    tries `asap` at each period and, where its copies overflow some core
    even after moving tiles, `wait-in-smaller`. A block sent to several
    tiles (a multicast) always waits in its producer's output.
  }];
  let options = [
    Option<"pipeline", "pipeline", "bool", "true",
           "overlap frames: the next frame starts one period after the previous">,
    Option<"growthPercent", "growth-percent", "int64_t", "1",
           "how much the period grows after a failed attempt">,
    Option<"maxAttempts", "max-attempts", "int64_t", "120",
           "periods to try in growth-percent steps (then up to 40 more in 25% steps)">,
    Option<"sendTiming", "send-timing", "std::string", "\"auto\"",
           "when a block sent to one tile leaves: asap, wait-in-smaller or auto (asap, then wait-in-smaller where copies overflow)">,
  ];
  let dependentDialects = ["::npc::noc::NoCDialect"];
}
#endif
