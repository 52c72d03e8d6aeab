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
    artifact (docs/artifact.md).

    A module comes here in two forms. `npc-emit-programs` writes the
    programs beside the `noc.schedule` they come from. `npc-link-program`
    then makes the module self-contained: everything the artifact holds is
    in `prog` ops (`prog.frame`, `prog.tensor`, `prog.layer` with its
    `prog.tile`s, `prog.transfer`, `prog.host`, and each core's memory
    image on its `prog.core`), and the graph and the timetable are gone;
    `npc-translate --npx` reads nothing else.

    In either form the programs are verified against the events they
    name: each send, receive and compute names a transfer or tile (of the
    `noc.schedule`, or of the linked declarations) on its own core at the
    cycle the program has waited for, and every event is issued exactly
    once.
  }];
}

class Prog_Op<string mnemonic, list<Trait> traits = []> : Op<Prog_Dialect, mnemonic, traits>;

def Prog_CoreOp : Prog_Op<"core", [NoTerminator, SingleBlock]> {
  let summary = "The program of one core";
  let description = [{
    Once linked, `memory` is the core's initial memory image, loaded at
    address 0: every tile's parameters at its `param_addr` (a 1-D i8
    tensor, usually a `dense_resource` blob).
  }];
  let arguments = (ins NpcI64Attr:$core, OptionalAttr<ElementsAttr>:$memory);
  let extraClassDeclaration = [{
    /// The bytes of `memory` (empty when it has none).
    std::vector<uint8_t> getMemoryBytes();
  }];
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
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

//===----------------------------------------------------------------------===//
// The linked, self-contained form (npc-link-program)
//===----------------------------------------------------------------------===//

def Prog_FrameOp : Prog_Op<"frame"> {
  let summary = "The timing of one frame";
  let description = [{
    `cycles` is one frame's latency, `period` the cycles between frames in
    steady state (equal to `cycles` when frames do not overlap).

    Its presence makes the module a linked program, verified as a whole
    (from the last `prog.core`, after the own checks of the ops before it;
    from here when there is none): the manifest it stands for passes the
    artifact reader's checks (every buffer inside its core's memory, boxes
    inside their tensors, ...), every layer reads tensors made before it,
    every transfer matches its producer and consumer tiles (tensor, box,
    core), the frame's `cycles` cover every tile and transfer, no two
    buffers of a core that hold data at the same time share a byte, and a
    transfer brings every element a tile reads; the executor checks the
    same at load, with the same code. The error is at the `prog.frame`.
  }];
  let arguments = (ins NpcI64Attr:$cycles, NpcI64Attr:$period);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Prog_TensorOp : Prog_Op<"tensor"> {
  let summary = "A tensor of the network, numbered in order of appearance";
  let description = [{
    Layers, transfers and host boundaries name tensors by their position
    among the module's `prog.tensor` ops. `producer` is the layer that
    writes it, or -1 when it lives in the frame buffer (graph inputs,
    constant activations, whose values are `constant`).
  }];
  let arguments = (ins DenseI64ArrayAttr:$shape, StrAttr:$kind, NpcI64Attr:$producer,
                   OptionalAttr<DenseI32ArrayAttr>:$constant);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Prog_LayerOp : Prog_Op<"layer", [NoTerminator, SingleBlock]> {
  let summary = "One layer's kernel and its tiles, numbered in order of appearance";
  let description = [{
    `geometry` holds the kernel's parameters as the artifact's manifest
    has them (docs/artifact.md): its kind, shapes, strides, zero points and
    clamps. `inputs` and `output` are tensor numbers; `input_reshaped[i]`
    says operand i is read whole in the layer's own operand shape. The body
    holds one `prog.tile` per output tile.
  }];
  let arguments = (ins StrAttr:$name, DictionaryAttr:$geometry, DenseI64ArrayAttr:$inputs,
                   DenseBoolArrayAttr:$input_reshaped, NpcI64Attr:$output);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$name attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def Prog_TileOp : Prog_Op<"tile", [HasParent<"LayerOp">]> {
  let summary = "One tile of a layer: its core, boxes, buffers and time";
  let description = [{
    `box` is the output box (lo then hi); `input_boxes` one box per operand.
    Buffers are byte addresses in the core's memory: parameters at
    `param_addr` laid out as `param_layout` (weight bits, then offset and
    count of weights, biases, multipliers and shifts, then the total
    bytes), each input window at `input_addrs[i]` in `input_copies[i]`
    copies, the output at `out_addr` in `out_copies` copies. The tile runs
    from `start` to `end`. With `params_from` K it holds no parameters: it
    computes with those of tile K of its layer (the same slice), streamed
    from K's core over the model NoC from `start` on.
  }];
  let arguments = (ins NpcI64Attr:$core, DenseI64ArrayAttr:$box, NpcI64Attr:$param_addr,
                   DenseI64ArrayAttr:$param_layout, DenseI64ArrayAttr:$input_addrs,
                   ArrayAttr:$input_boxes, DenseI64ArrayAttr:$input_copies,
                   NpcI64Attr:$out_addr, NpcI64Attr:$out_copies, NpcI64Attr:$start,
                   NpcI64Attr:$end, NpcI64Attr:$macs,
                   OptionalAttr<NpcI64Attr>:$params_from);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Prog_TransferOp : Prog_Op<"transfer"> {
  let summary = "One scheduled NoC transfer, as noc.transfer has it";
  let description = [{
    The fields of `noc.transfer` (docs/noc.md); `tensor` is a tensor
    number and `producer`/`consumer` are (layer, tile) numbers.
  }];
  let arguments = (ins NpcI64Attr:$id, NpcI64Attr:$noc, NpcI64Attr:$src, NpcI64Attr:$dst,
                   NpcI64Attr:$bytes, NpcI64Attr:$start, NpcI64Attr:$arrive,
                   DenseI64ArrayAttr:$route, NpcI64Attr:$tensor,
                   DenseI64ArrayAttr:$box, DenseI64ArrayAttr:$producer,
                   DenseI64ArrayAttr:$consumer, NpcI64Attr:$operand,
                   OptionalAttr<NpcI64Attr>:$multicast);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Prog_HostOp : Prog_Op<"host"> {
  let summary = "How the host fills a graph input or reads a graph output";
  let description = [{
    `output` marks a graph output. The host's array has `host_kind`
    elements of `shape` and fills (or reads) tensor number `tensor`; when
    `converts_float`, it quantizes (dequantizes) with `scales` and
    `zero_points` along `axis` (-1: per tensor), clamped to the storage
    range.
  }];
  let arguments = (ins StrAttr:$name, UnitAttr:$output, StrAttr:$host_kind,
                   DenseI64ArrayAttr:$shape, NpcI64Attr:$tensor, BoolAttr:$converts_float,
                   DenseF64ArrayAttr:$scales, DenseI64ArrayAttr:$zero_points,
                   NpcI64Attr:$axis, NpcI64Attr:$storage_min, NpcI64Attr:$storage_max);
  let assemblyFormat = "$name attr-dict";
  let hasVerifier = 1;
}
#endif
