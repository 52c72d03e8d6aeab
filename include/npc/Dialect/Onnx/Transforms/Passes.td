//===- Passes.td - onnx-level passes -----------------------*- tablegen -*-===//
#ifndef NPC_ONNX_PASSES
#define NPC_ONNX_PASSES

include "mlir/Pass/PassBase.td"

def FuseQdqToQOperator : Pass<"onnx-fuse-qdq", "::mlir::ModuleOp"> {
  let summary = "Fuse QDQ clusters around Conv, MatMul and Gemm into QOperator nodes";
  let description = [{
    Rewrites, as onnxruntime's graph optimizer does, each

    ```
    DequantizeLinear(x), DequantizeLinear(W) [, bias] -> Conv | MatMul | Gemm
        [-> Relu | Clip] -> QuantizeLinear
    ```

    into one integer node of the QOperator form: `QLinearConv`,
    `QLinearMatMul` (W a constant or a second dequantized activation) or
    `QGemm` (com.microsoft), with the int32 bias round(b / (s_x s_w)) (times
    Gemm's beta over alpha) as a constant. A Relu or Clip becomes a `Clip`
    of the integer codes at the quantized bounds (Q is monotonic, so
    Q(clip(v, lo, hi)) = clamp(Q(v), Q(lo), Q(hi))); the conversion folds
    it into the product's clamp. Names and locations are the product's
    (the Clip's the activation's), and `source_op_type` keeps the op type
    the file had for messages.

    It fuses only a cluster the conversion would accept: scales and zero
    points constants, x and y per tensor, W per tensor or per output
    channel along the axis the QOperator node implies, one reader between
    the stages. Anything else (a BatchNormalization or Add after the
    product, a QuantizeLinear without a zero point, a float output) is left
    as it is, and `npc-convert-onnx-to-qg` converts or refuses it with the
    message it always gave. `DequantizeLinear(x)` stays for that pass to
    check x's type against its zero point (this level does not know x's
    type). `npc compile` and the `npc-compile` pipeline run it before the
    conversion.
  }];
}

#endif
