//===- QGraphDialect.td - quantized-graph dialect ----------*- tablegen -*-===//
#ifndef NPC_QGRAPH_DIALECT
#define NPC_QGRAPH_DIALECT

include "mlir/IR/OpBase.td"

def QGraph_Dialect : Dialect {
  let name = "qg";
  let cppNamespace = "::npc::qg";
  let summary = "Quantized graph: whole-tensor integer operators of a network";
  let description = [{
    The first npc level below ONNX. Activations are tensors whose element type
    is an upstream `!quant.uniform` type (per-tensor scale and zero point);
    weights are `qg.constant` tensors whose type may be per-axis quantized.
    Float tensors only appear at the host boundary (`qg.quantize`,
    `qg.dequantize`). After `qg-legalize-integer` every arithmetic op also
    carries integer-only parameters (folded int32 biases, fixed-point
    multipliers and shifts), which fully define its result: see
    docs/semantics.md.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
}

class QGraph_Op<string mnemonic, list<Trait> traits = []>
    : Op<QGraph_Dialect, mnemonic, traits>;

#endif // NPC_QGRAPH_DIALECT
