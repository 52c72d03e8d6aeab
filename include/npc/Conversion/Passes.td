//===- Passes.td - conversions between npc's levels ---------*- tablegen -*-===//
#ifndef NPC_CONVERSION_PASSES
#define NPC_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertOnnxToQGraph : Pass<"npc-convert-onnx-to-qg", "::mlir::ModuleOp"> {
  let summary = "Give an onnx-level graph its meaning in the qg dialect";
  let description = [{
    Converts `@main` of a module from `npc-translate --import-onnx` (one
    `onnx.node` per ONNX node) into `qg` in place: a dialect conversion
    with one pattern per ONNX operator, the onnx dialect illegal, applied
    in the nodes' order. QOperator nodes (QLinearConv, QLinearMatMul, ConvInteger, ...) map one
    to one; QDQ patterns (DequantizeLinear -> float op -> [Relu|Clip] ->
    QuantizeLinear) fuse into one integer op; Shape, Gather, Slice and
    Concat on constants fold. A node it cannot convert is an error at that
    node naming its op type and the reason (docs/import.md lists what is
    supported). A module without onnx ops passes unchanged, so the
    `npc-compile` pipeline starts with `onnx-fuse-qdq` and this pass; a
    `QLinearConv` that fusion made is described by its `source_op_type`
    (the file's Conv) in messages and locations.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect", "::mlir::quant::QuantDialect",
                           "::npc::qg::QGraphDialect"];
}

#endif
