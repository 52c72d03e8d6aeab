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
    overflow, a non-constant weight).
  }];
  let dependentDialects = ["::npc::qg::QGraphDialect"];
}

#endif
