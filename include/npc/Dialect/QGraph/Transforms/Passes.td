//===- Passes.td - quantized-graph passes ------------------*- tablegen -*-===//
#ifndef NPC_QGRAPH_PASSES
#define NPC_QGRAPH_PASSES

include "mlir/Pass/PassBase.td"

def LegalizeToIntegerParams : Pass<"qg-legalize-integer", "::mlir::ModuleOp"> {
  let summary = "Derive integer-only parameters from quantized types";
  let description = [{
    For every `qg.conv2d`, `qg.matmul`, `qg.add`, `qg.avg_pool` and
    `qg.rescale`: computes fixed-point multipliers and shifts from the float
    scales (round to nearest, multiplier in [2^30, 2^31)), folds the input
    zero point and the bias into `folded_bias`, and proves that the int32
    accumulator cannot overflow. Afterwards the float scales are no longer
    needed to compute any on-chip value. Fails with a diagnostic when a
    parameter is out of range (a multiplier >= 2^31, a possible accumulator
    overflow, a non-constant weight), or when an op carries a derived
    parameter already (a module of a later stage, or one written by hand)
    that differs from the one its types give: the reference interpreter
    derives them again while the executor runs what the module says.
  }];
  let dependentDialects = ["::npc::qg::QGraphDialect"];
}

def FoldClamps : Pass<"qg-fold-clamps", "::mlir::ModuleOp"> {
  let summary = "Fold a qg.rescale that only clamps into the op that made its codes";
  let description = [{
    A `qg.rescale` whose result has its input's type changes no code but
    clamps them: a Relu or Clip between DequantizeLinear and QuantizeLinear
    with the same parameters (torch FX PTQ writes each ReLU6 of a
    MobileNetV2 so, after the convolution's own QuantizeLinear). When the
    op that made the codes clamps its output (`clamp_min`, `clamp_max`:
    convolutions, matmuls, adds, average pools, rescales, ...; not a max
    pool, not the host's qg.quantize) and nothing else
    reads them, that clamp narrows to `[clamp(a, c, d), clamp(b, c, d)]`
    (clamping twice is clamping once so) and the rescale goes: the same
    codes, one layer fewer on the chip. `npc compile` runs it before
    `qg-legalize-integer`; `npc reference` does not, so the executor's
    bytes are checked against the unfolded graph.
  }];
  let dependentDialects = ["::npc::qg::QGraphDialect"];
}

def FuseConvAdd : Pass<"qg-fuse-conv-add", "::mlir::ModuleOp"> {
  let summary = "Fuse a legalized qg.conv2d into the qg.add that is its only use";
  let description = [{
    Rewrites `qg.add(qg.conv2d(x), r)` (either operand order) into one
    `qg.conv2d_add(x, w, r)` when the convolution is legalized, has a
    per-tensor quantized result used only by the add, and the add's two
    operands and result have one shape (no broadcasting). The integers are
    those of the two ops; the convolution's result is no longer a tensor of
    its own, so no core stores it and no transfer moves it (a ResNet's
    residual adds: the block's last 1x1 convolution and its add become one
    layer). The fused op is named `<conv>+<add>` after the two nodes.
    `npc compile` runs it where it shortens the period
    (npc-search-mapping; docs/qgraph.md).
  }];
  let dependentDialects = ["::npc::qg::QGraphDialect"];
}

def SplitReductions : Pass<"qg-split-reductions", "::mlir::ModuleOp"> {
  let summary = "Split a legalized qg.matmul's reduction into parts chained by partial sums";
  let description = [{
    Rewrites each named `qg.matmul` (`layers=NAME=PARTS,...`, the names its
    location gives) into PARTS ops over consecutive rows of its weight,
    each `K' = ceil(K / PARTS)` rounded up to a multiple of `align`: part i
    reads input columns [reduction_offset, reduction_offset + K'), adds the
    i32 partial sums of part i-1 and passes its own on; the last part
    requantizes as the original did, so the result is the same bytes. Each
    part is a layer of its own: tiling cuts it, the mapper places it and its
    partial sums travel to the next part over the partial-sum NoC when the
    two tiles sit on neighbouring cores (docs/mapping.md, "Split
    reductions"). A matmul whose output has few columns and one row cuts
    into few tiles otherwise. `npc compile` runs it where it shortens the
    period (npc-search-mapping). Fails on a name that is no matmul of the
    module, a batched weight, or a K that does not give two parts.
  }];
  let options = [
    ListOption<"layers", "layers", "std::string",
               "NAME=PARTS: the matmul named NAME in PARTS parts">,
    Option<"align", "align", "int64_t", "64",
           "each part's K is a multiple of this (the MAC array's depth)">,
  ];
  let dependentDialects = ["::npc::qg::QGraphDialect"];
}

#endif
