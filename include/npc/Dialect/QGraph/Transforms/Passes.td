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

#endif
