//===- Passes.td - onnx-level passes -----------------------*- tablegen -*-===//
#ifndef NPC_ONNX_PASSES
#define NPC_ONNX_PASSES

include "mlir/Pass/PassBase.td"

def FoldConstants : Pass<"onnx-fold-constants", "::mlir::ModuleOp"> {
  let summary = "Evaluate nodes on constants into initializers; type moves of typed values";
  let description = [{
    Replaces a default-domain node whose inputs are `onnx.constant`s by an
    `onnx.constant` of its result, named after its output, at the node's
    location: shape arithmetic (Shape of a value whose type the conversion
    checks, Gather, Slice, Concat), Add, Sub, Mul, Div, Pow, Equal, Where
    and Expand with numpy broadcasting, ConstantOfShape, Cast, and the
    data movements Identity, Reshape, Flatten, Squeeze, Unsqueeze and
    Transpose. The values are the conversion's own: both evaluate with
    one function (ConstantFolding.h). torch's `x.view(x.size(0), -1)`
    (Shape -> Gather -> Unsqueeze -> Concat -> Reshape) so becomes a
    Reshape by a constant shape:

    ```mlir
    %s = onnx.node "Shape"(%x) {name = "/Shape", outputs = ["/Shape_output_0"]}
           : (tensor<1x64x4x4xf32>) -> tensor<4xsi64>
    // becomes
    %s = onnx.constant "/Shape_output_0" dense<[1, 64, 4, 4]> : tensor<4xsi64>
    ```

    A data movement that stays (its data is not a constant) and has no
    stated type gets one from its input's checked type and its constant
    shape or axes, which the conversion then checks like any other.

    It leaves a node as it is where folding could change what the
    conversion says or does: an input with a `narrowed_range`, a result
    over 65,536 elements (or reading a constant over that: weights stay
    for the conversion, which counts what it makes against npc's
    limits), a graph output, a stated type the value does not have, a
    type an `onnx.constant` cannot hold (float64), or an error (an index
    out of range): the conversion then evaluates or refuses the node
    with its own message. `npc compile` and the `npc-compile` pipeline
    run it before `onnx-fuse-qdq`.
  }];
}

def FuseQdqToQOperator : Pass<"onnx-fuse-qdq", "::mlir::ModuleOp"> {
  let summary = "Fuse QDQ clusters into QOperator nodes (onnxruntime's node units) and lookups";
  let description = [{
    Rewrites, as onnxruntime's graph optimizer does, each

    ```
    DequantizeLinear(inputs) -> op -> [Relu | Clip] -> QuantizeLinear
    ```

    into one integer node of the QOperator form the conversion reads:

    | op | becomes |
    |---|---|
    | Conv (W a constant; bias float or a DQ of int32) | `QLinearConv` |
    | MatMul (B a constant or a second dequantized activation) | `QLinearMatMul` |
    | Gemm | `QGemm` (com.microsoft), beta folded into the int32 C |
    | Add, Mul, Sub | `QLinearAdd`, `QLinearMul` (com.microsoft), `QLinearSub` (npc) |
    | AveragePool, GlobalAveragePool | `QLinearAveragePool`, `QLinearGlobalAveragePool` |
    | Concat (no activation) | `QLinearConcat` (com.microsoft) |
    | Softmax, ReduceMean (no activation) | `QLinearSoftmax`, `QLinearReduceMean` (com.microsoft), axis and axes as attributes |
    | Softmax with an activation | npc's `QLinearSoftmax`: X's, Y's, y_min, y_max |
    | ReduceSum, ReduceMax | `QLinearReduceSum`, `QLinearReduceMax` (npc), axes as the attribute; an activation's clamp as y_min, y_max |
    | LayerNormalization (Scale, B constants), or torch's arithmetic for it below opset 17 | `QLinearLayerNormalization` (npc): X's, Scale, B, Y's [, y_min, y_max] |
    | MaxPool (no activation) | `QLinearMaxPool` (npc) |
    | Resize, mode linear, opset 11 on (roi, scales, sizes constants) | `QLinearResize` (npc): X's, roi, scales, sizes, Y's |
    | a chain of float functions of one activation | `QLinearLookup` (npc) |
    | none, or Mul or Div by a float scalar (an activation's bounds as y_min, y_max) | `QLinearRequantize` (npc), the scalar as attribute `factor` or `divisor` |
    | Gather of a constant table along axis 0 by integer ids (an embedding) | `QLinearGather` (npc): the table as Y's codes, Y's scale and zero point, the ids |

    A product's bias becomes int32 round(b / (s_x s_w)) (Gemm: times beta
    over alpha). A Relu or Clip becomes a `Clip` of the integer codes at
    the quantized bounds (Q is monotonic, so Q(clip(v, lo, hi)) =
    clamp(Q(v), Q(lo), Q(hi))); the conversion folds it into the op's
    clamp. Before that, a DequantizeLinear per tensor read by a node that
    only moves elements (Flatten, Reshape, Transpose, Squeeze, Unsqueeze,
    Identity, Slice, DepthToSpace, SpaceToDepth, Gather by constant indices,
    Expand to the same shape, a Resize by nearest
    neighbour; its other inputs constants or computed from shapes)
    moves after it, so a GlobalAveragePool -> Flatten -> Gemm head fuses;
    so does one of a constant per tensor through an Expand (ViT's class
    token, then concatenated), and a Concat or an Add, Sub, Mul reads such
    a constant only the conversion folds when its zero point says its type.
    A Pad of a dequantized activation (opset 11 on) becomes npc's
    `QLinearPad(x, x_scale, x_zero_point, pads, constant_value, axes)`,
    which pads x's codes with x's zero point (real 0), then a copy of the
    DequantizeLinear: a product reading the Pad fuses.
    A chain is what the conversion tabulates: Sigmoid, Tanh, Erf,
    HardSigmoid, ... of a dequantized activation of at most 8 bits,
    with Add, Sub, Mul, Div by float scalars, Pow, a PRelu by one slope,
    Relu, Clip, and functions of the same activation combined (SiLU's
    x * sigmoid(x)); `QLinearLookup(x, x_scale, x_zero_point, table,
    y_scale, y_zero_point)` holds y's code for every code of x
    (FunctionTables.h), under the QuantizeLinear's name. Names and
    locations are the op's (the Clip's the activation's), and `source_op_type` keeps the file's op type for
    messages.

    An average (GlobalAveragePool, AveragePool, ReduceMean) that only
    products and reshapes read, with no QuantizeLinear between (eager QAT's
    `x.mean -> Linear`, a squeeze-excite `pool -> Conv`), becomes npc's node
    of onnxruntime's name (domain `npc`) whose Y is 16-bit codes at 1/16 of
    x's step (`wideMeanParams`), then a DequantizeLinear of them, which
    moves and fuses into the product as any other; the conversion reads
    those codes only with their own parameters.

    A QuantizeLinear of a float constant (a QAT export's fake-quantized
    weight) that nodes read becomes an initializer of its codes, named after
    its output. A QuantizeLinear without a zero point gets one (0 of its
    output_dtype, else uint8) on the fused node; a DequantizeLinear without
    one leaves the fused node's out (0 of the input's type).

    It fuses only a cluster the conversion would accept, by the rules both
    share (QuantParams.h): scales and zero points constants, x and y per
    tensor, W per tensor or per output channel along the axis the QOperator
    node implies, one reader between the stages. Anything else (a
    QuantizeLinear without a zero point, a function read twice, an
    activation after a max pool) is left as it is, and
    `npc-convert-onnx-to-qg` converts or refuses it with the message it
    always gave. A DequantizeLinear of an activation stays for that pass
    to check x's type against its zero point (this level does not know
    x's type). `npc compile` and the `npc-compile` pipeline run it before
    the conversion.
  }];
}

#endif
