//===- NoCOps.td - the static NoC timetable -----------------*- tablegen -*-===//
#ifndef NPC_NOC_OPS
#define NPC_NOC_OPS
include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/SymbolInterfaces.td"
include "npc/Dialect/NpcBase.td"

def NoC_Dialect : Dialect {
  let name = "noc";
  let cppNamespace = "::npc::noc";
  let summary = "NoC scheduling: a static, collision-free timetable of one frame";
  let description = [{
    `noc.schedule` holds every data movement and every tile computation of
    one frame with its cycle. Core indices are `y * cols + x`; index -1 is the
    frame buffer, attached to core 0's west port. Links are directed:
    `core * 4 + dir` (dir 0 east, 1 west, 2 south, 3 north) and, for the frame
    buffer, `4 * cores` (in) and `4 * cores + 1` (out). Routes are
    dimension-ordered (X then Y).
  }];
}

class NoC_Op<string mnemonic, list<Trait> traits = []> : Op<NoC_Dialect, mnemonic, traits>;

def NoC_ScheduleOp : NoC_Op<"schedule", [NoTerminator, SingleBlock, SymbolTable]> {
  let summary = "The timetable of one frame";
  let description = [{
    Verifies the whole timetable against the module's `npc.target`: every
    transfer's duration follows the cost rule (docs/noc.md), its route is the
    X-then-Y path from source to destination, no directed link carries two
    transfers in the same cycle, computations on one core do not overlap, and
    every transfer into a tile arrives before that tile starts and leaves
    after the tile that produced it ended. Transfer ids are unique and each
    tile is computed at most once. In a module with `@main`, every (layer,
    tile) names a tile of one of @main's compute layers (numbered in order),
    on the core `nmap.tiles` gives it, every tile is computed, and a
    transfer's `operand` is an input of its consumer layer. Each
    `noc.compute` is a symbol of the schedule, and transfers name their
    producer and consumer tiles by it.

    With a `period`, frames are pipelined: frame f runs this timetable
    shifted by f * period cycles, so `cycles` is one frame's latency and
    `period` the cycles per frame in steady state. Link and core occupancy
    are then checked modulo the period (frame f's transfers must not collide
    with frame f + k's). Without one, frames run one after another and the
    period is `cycles`.
  }];
  let arguments = (ins NpcI64Attr:$cycles, OptionalAttr<NpcI64Attr>:$period);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
  // After the transfers and computes verified themselves.
  let hasRegionVerifier = 1;
}

def NoC_TransferOp : NoC_Op<"transfer", [HasParent<"ScheduleOp">]> {
  let summary = "One block moved between two cores (or a core and the frame buffer)";
  let description = [{
    Moves the box `box` (lo then hi, in the coordinates of tensor `tensor`)
    from the source's buffer to the destination's. `producer` and `consumer`
    name the `noc.compute` of the tile whose output it reads and of the tile
    whose input window it writes; a transfer from the frame buffer has no
    producer, one to the frame buffer (a graph output) no consumer.
    `operand` is the consumer's input index (-1 for a graph output). A transfer within one core
    has an empty route and is a local copy.

    Transfers with the same `multicast` id are one multicast: the same box
    from the same source, sent once at the same cycle; each link of the
    union of their routes carries it once, and all arrive after the
    duration of the longest route.
  }];
  let arguments = (ins NpcI64Attr:$id, NpcI64Attr:$noc, NpcI64Attr:$src, NpcI64Attr:$dst,
                   NpcI64Attr:$bytes, NpcI64Attr:$start, NpcI64Attr:$arrive,
                   DenseI64ArrayAttr:$route, NpcI64Attr:$tensor,
                   DenseI64ArrayAttr:$box, OptionalAttr<FlatSymbolRefAttr>:$producer,
                   OptionalAttr<FlatSymbolRefAttr>:$consumer, NpcI64Attr:$operand,
                   OptionalAttr<NpcI64Attr>:$multicast);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def NoC_ComputeOp : NoC_Op<"compute", [HasParent<"ScheduleOp">, Symbol]> {
  let summary = "One tile computed on its core";
  let description = [{
    Tile `tile` of @main's compute layer `layer` (numbered in order), on
    `core` from `start` to `end`. Its symbol, the layer's op, position and
    the tile (`@conv2d_3.2`), is how transfers name it.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, NpcI64Attr:$layer, NpcI64Attr:$tile,
                   NpcI64Attr:$core, NpcI64Attr:$start, NpcI64Attr:$end, NpcI64Attr:$macs);
  let assemblyFormat = "$sym_name attr-dict";
  let hasVerifier = 1;
}
#endif
