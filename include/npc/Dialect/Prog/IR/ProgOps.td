//===- ProgOps.td - per-core programs -----------------------*- tablegen -*-===//
#ifndef NPC_PROG_OPS
#define NPC_PROG_OPS
include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "npc/Dialect/NpcBase.td"

def Prog_Dialect : Dialect {
  let name = "prog";
  let cppNamespace = "::npc::prog";
  let summary = "Per-core programs: a small branch-free instruction set";
  let description = [{
    One `prog.core` per used core (and index -1 for the frame-buffer
    controller). Instructions run in order; `prog.wait_until` holds the core
    until a cycle of the static schedule. Encoded as 16-byte words in the
    artifact (docs/artifact.md). In a module with a `noc.schedule`, the
    programs are verified against it: each send, receive and compute names
    an event of the timetable on its own core at the cycle the program has
    waited for, and every event is issued exactly once.
  }];
}

class Prog_Op<string mnemonic, list<Trait> traits = []> : Op<Prog_Dialect, mnemonic, traits>;

def Prog_CoreOp : Prog_Op<"core", [NoTerminator, SingleBlock]> {
  let summary = "The program of one core";
  let arguments = (ins NpcI64Attr:$core);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def Prog_WaitUntilOp : Prog_Op<"wait_until", [HasParent<"CoreOp">]> {
  let summary = "Stall until the given cycle of the frame";
  let arguments = (ins NpcI64Attr:$cycle);
  let assemblyFormat = "$cycle attr-dict";
}

def Prog_SendOp : Prog_Op<"send", [HasParent<"CoreOp">]> {
  let summary = "Start a scheduled NoC transfer from this core";
  let arguments = (ins NpcI64Attr:$transfer);
  let assemblyFormat = "$transfer attr-dict";
}

def Prog_RecvOp : Prog_Op<"recv", [HasParent<"CoreOp">]> {
  let summary = "Complete a scheduled NoC transfer into this core";
  let arguments = (ins NpcI64Attr:$transfer);
  let assemblyFormat = "$transfer attr-dict";
}

def Prog_ComputeOp : Prog_Op<"compute", [HasParent<"CoreOp">]> {
  let summary = "Compute one tile: MAC array (or vector unit), requantize, activation";
  let arguments = (ins NpcI64Attr:$layer, NpcI64Attr:$tile);
  let assemblyFormat = "$layer `,` $tile attr-dict";
}
#endif
