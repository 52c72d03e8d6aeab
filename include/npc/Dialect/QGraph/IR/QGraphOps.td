//===- QGraphOps.td - quantized-graph operations -----------*- tablegen -*-===//
#ifndef NPC_QGRAPH_OPS
#define NPC_QGRAPH_OPS

include "npc/Dialect/QGraph/IR/QGraphDialect.td"
include "npc/Dialect/QGraph/IR/LayerOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/CommonAttrConstraints.td"

// Activation bounds in the output's storage domain (fused ReLU / Clip).
defvar ClampAttrs = (ins
  DefaultValuedAttr<I32Attr, "-2147483648">:$clamp_min,
  DefaultValuedAttr<I32Attr, "2147483647">:$clamp_max);

//===----------------------------------------------------------------------===//
// Boundary and data-movement ops
//===----------------------------------------------------------------------===//

def QGraph_ConstantOp : QGraph_Op<"constant", [ConstantLike, Pure]> {
  let summary = "Constant tensor (weights, biases)";
  let description = [{
    `value` holds the stored integers (signless or unsigned integer elements of
    the storage width); the result type says how to read them: a quantized
    type (per-tensor or per-axis) for weights, `i32` for biases. A type
    with a narrowed storage range (`i4<-3:3>`, QONNX's bit widths) holds
    only codes inside it: the overflow bounds rely on the range.

    ```mlir
    %w = qg.constant dense<[[1, -2]]> : tensor<1x2xi8> : tensor<1x2x!quant.uniform<i8:f32, 0.5>>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$value attr-dict `:` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QGraph_QuantizeOp : QGraph_Op<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Host-side float to quantized conversion (ONNX QuantizeLinear)";
  let description = [{
    `y = saturate(round_half_even(x / scale) + zero_point)` computed in float32
    as ONNX defines it. Runs on the host when the input frame is written; the
    result type carries scale, zero point and (optionally) the axis.
  }];
  let arguments = (ins RankedTensorOf<[F32]>:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_DequantizeOp : QGraph_Op<"dequantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Host-side quantized to float conversion (ONNX DequantizeLinear)";
  let description = [{
    `y = float(x - zero_point) * scale` in float32; runs on the host when the
    output frame is read.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs RankedTensorOf<[F32]>:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_StorageCastOp : QGraph_Op<"storage_cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "Reinterpret stored integers as a quantized type, or back";
  let description = [{
    No data changes: converts between a raw integer tensor (a graph input or
    output in its storage type, e.g. `ui8`) and a quantized tensor whose
    storage type has the same width and signedness, or between two quantized
    types with the same storage (QOperator nodes that state their own input
    scale).
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QGraph_ReshapeOp : QGraph_Op<"reshape", [Pure]> {
  let summary = "Reshape (also Flatten, Squeeze, Unsqueeze); the element type is unchanged";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QGraph_TransposeOp : QGraph_Op<"transpose", [Pure, DeclareOpInterfaceMethods<LayerOpInterface>]> {
  let summary = "Permute dimensions; the element type is unchanged";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_ResizeOp : QGraph_Op<"resize", [Pure, DeclareOpInterfaceMethods<LayerOpInterface>]> {
  let summary = "Nearest-neighbour upsampling of NCHW by whole factors; the element type is unchanged";
  let description = [{
    `out[n, c, y, x] = in[n, c, y / factors[0], x / factors[1]]`: ONNX
    Resize in mode `nearest` wherever its coordinate transformation and
    rounding map every output pixel so (the importer checks each one).
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$factors);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_ResizeLinearOp : QGraph_Op<"resize_linear", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "Bilinear resize of NCHW (ONNX Resize, mode linear), exact weights";
  let description = [{
    Output row (column) `o` reads the input coordinate `(coord_step[d] o +
    coord_offset[d]) / coord_den[d]` (d = 0: height, 1: width), an exact
    rational the importer derives from the coordinate transformation mode,
    clamped to `[0, in - 1]` as onnxruntime clamps it. With `lo` its floor,
    `hi = min(lo + 1, in - 1)` and `r` the remainder, the neighbours weigh
    `den - r` and `r`; `acc = sum wy wx (x - zp_in)` over the four, and
    `out = clamp(zp_out + apply(acc, multiplier[0], shift[0]))` with the
    multiplier of `s_in / (s_out den_h den_w)`: one rounding.
  }];
  let arguments = !con((ins AnyRankedTensor:$input, DenseI64ArrayAttr:$coord_step,
                   DenseI64ArrayAttr:$coord_offset, DenseI64ArrayAttr:$coord_den), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_SliceOp : QGraph_Op<"slice", [Pure, DeclareOpInterfaceMethods<LayerOpInterface>]> {
  let summary = "A strided window of a tensor; the element type is unchanged";
  let description = [{
    `out[i_0, ..., i_r] = in[starts[0] + steps[0] * i_0, ...]`: ONNX Slice
    (positive steps) and each output of Split, with every dimension's start
    and step listed.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$steps);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_PadOp : QGraph_Op<"pad", [Pure, DeclareOpInterfaceMethods<LayerOpInterface>]> {
  let summary = "Zero padding (the zero point's code); the element type is unchanged";
  let description = [{
    `pads` lists how many elements go before each dimension, then after it
    (ONNX's order). Outside the input the result holds the zero point:
    ONNX Pad in constant mode with value 0 on a dequantized tensor.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$pads);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_ConcatOp : QGraph_Op<"concat", [Pure, DeclareOpInterfaceMethods<LayerOpInterface>]> {
  let summary = "Concatenate tensors of one quantized type along an axis";
  let description = [{
    All inputs and the result share one element type: the importer inserts
    `qg.rescale` in front of inputs whose scale or zero point differ.
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, $output)";
  let hasVerifier = 1;
}

def QGraph_MaxPoolOp : QGraph_Op<"max_pool", [Pure, DeclareOpInterfaceMethods<LayerOpInterface>]> {
  let summary = "2-D max pooling on NCHW; padding never wins";
  let arguments = (ins AnyRankedTensor:$input,
                   DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$strides,
                   DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads);  // [top, left, bottom, right]
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Arithmetic ops: requantized results
//===----------------------------------------------------------------------===//

def QGraph_Conv2dOp : QGraph_Op<"conv2d", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["getActivationOperands", "legalizeParams"]>]> {
  let summary = "Grouped 2-D convolution on NCHW with OIHW weights, requantized";
  let description = [{
    `acc[n,o,y,x] = bias[o] + sum (in - zp_in) * (w - zp_w[o])` over the
    group's input channels and the kernel window; padded input positions hold
    `zp_in`. If the result is quantized, `out = clamp(zp_out +
    rshift_round_half_even(acc * multiplier[o], shift[o]), clamp_min,
    clamp_max)`; if it is `i32` (ConvInteger) it is `acc` itself.

    Before legalization `bias` is an optional `i32` operand; after it,
    `folded_bias` (bias minus the input zero-point term), `multiplier` and
    `shift` hold everything an integer machine needs.
  }];
  let arguments = !con((ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                   Optional<RankedTensorOf<[I32]>>:$bias,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads,  // [top, left, bottom, right]
                   I64Attr:$group), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$folded_bias,
                   OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QGraph_Conv2dAddOp : QGraph_Op<"conv2d_add", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["getActivationOperands"]>]> {
  let summary = "A legalized qg.conv2d and the qg.add of its result and a residual, as one layer";
  let description = [{
    What `qg-fuse-conv-add` makes of `qg.add(qg.conv2d(input), residual)`
    (either operand order): the convolution exactly as `qg.conv2d` computes
    it, requantized to `conv_type` (its zero point) and clamped to
    [`conv_clamp_min`, `conv_clamp_max`], then the add exactly as `qg.add`
    computes it, with the convolution's result as operand `conv_operand`
    (0 or 1) and `residual` as the other: `add_multiplier` holds the add's
    two multipliers in the add's operand order, `add_shift` its shift,
    `clamp_min`/`clamp_max` its clamp. The same integers as the two ops, in
    one tile: the convolution's result is never stored, nor moved to the
    add's core (docs/qgraph.md).
  }];
  let arguments = !con((ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                   AnyRankedTensor:$residual,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads, I64Attr:$group), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$folded_bias,
                   OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift,
                   TypeAttr:$conv_type, I32Attr:$conv_clamp_min, I32Attr:$conv_clamp_max,
                   DenseI32ArrayAttr:$add_multiplier, I32Attr:$add_shift,
                   I64Attr:$conv_operand));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight `,` $residual attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QGraph_MatMulOp : QGraph_Op<"matmul", [Pure, AttrSizedOperandSegments, DeclareOpInterfaceMethods<LayerOpInterface, ["getActivationOperands", "legalizeParams"]>]> {
  let summary = "Matrix product [..., M, K] x [..., K, N] (Gemm, MatMul), requantized";
  let description = [{
    Same arithmetic as `qg.conv2d` with the reduction over K; the weight may
    be per-axis quantized along its last dimension (N). Leading dimensions of
    the weight, if any, must equal the input's (batched MatMul).

    One part of a split reduction (`qg-split-reductions`, docs/mapping.md)
    has `reduction_offset`: its weight holds K' rows and it reads input
    columns [reduction_offset, reduction_offset + K'). A part after the
    first adds `partial` (the i32 result of the part before, the output's
    shape) to its accumulator; every part but the last has an i32 result.
    The last part's result is the unsplit product's, bit for bit.
  }];
  let arguments = !con((ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                   Optional<RankedTensorOf<[I32]>>:$bias,
                   Optional<RankedTensorOf<[I32]>>:$partial), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$folded_bias,
                   OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift,
                   OptionalAttr<I64Attr>:$reduction_offset));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? (`partial` $partial^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QGraph_AddOp : QGraph_Op<"add", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "Elementwise sum (or difference) of two quantized tensors (numpy broadcasting)";
  let description = [{
    `out = clamp(zp_out + rshift_round_half_even((a - zp_a) * multiplier[0] +
    (b - zp_b) * multiplier[1], shift[0]), clamp_min, clamp_max)`: both inputs
    rescaled to a common fixed-point shift, one rounding. With `subtract`
    (ONNX Sub) the second multiplier is negative: `a - b`.
  }];
  let arguments = !con((ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift, UnitAttr:$subtract));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def QGraph_MulOp : QGraph_Op<"mul", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "Elementwise product of two quantized tensors (numpy broadcasting)";
  let description = [{
    `out = clamp(zp_out + apply((a - zp_a) * (b - zp_b), multiplier[0],
    shift[0]), clamp_min, clamp_max)` with the fixed-point multiplier of
    `s_a * s_b / s_out`: the exact integer product, one rounding
    (squeeze-excite scaling, SiLU gates).
  }];
  let arguments = !con((ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def QGraph_BatchMatMulOp : QGraph_Op<"batch_matmul", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "Product of two quantized activations [..., M, K] x [..., K, N], requantized";
  let description = [{
    `acc[..., m, n] = sum_k (lhs[..., m, k] - zp_lhs) * (rhs[..., k, n] -
    zp_rhs)`, then `out = clamp(zp_out + apply(acc, multiplier[0],
    shift[0]), clamp_min, clamp_max)` with the fixed-point multiplier of
    `s_lhs * s_rhs / s_out`. Leading dimensions are equal (attention's
    `Q K^T` and `A V` per batch and head). It runs on the MAC array with no
    weights: both operands arrive as activations.

    ```mlir
    %s = qg.batch_matmul %q, %kt : (tensor<1x2x8x16x!quant.uniform<i8:f32, 0.05>>, tensor<1x2x16x8x!quant.uniform<i8:f32, 0.05>>) -> tensor<1x2x8x8x!quant.uniform<i8:f32, 0.2>>
    ```
  }];
  let arguments = !con((ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def QGraph_ReduceOp : QGraph_Op<"reduce", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "ReduceMean, ReduceSum or ReduceMax over some axes, requantized";
  let description = [{
    The result has the input's rank, with every reduced dimension 1 (a
    `keepdims = 0` node adds a `qg.reshape`). `mode` is `mean`, `sum` or
    `max`: `acc` is the sum of `(x - zp_in)` over the reduced elements (mean,
    sum) or the largest `x` minus `zp_in` (max), and `out = clamp(zp_out +
    apply(acc, multiplier[0], shift[0]), clamp_min, clamp_max)` with the
    fixed-point multiplier of `s_in / s_out`, divided by the number of
    reduced elements for `mean`.
  }];
  let arguments = !con((ins AnyRankedTensor:$input, StrAttr:$mode), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_SoftmaxOp : QGraph_Op<"softmax", [Pure, SameOperandsAndResultShape, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "Softmax over the last axis from the input codes, integer only";
  let description = [{
    For each row: `d = max(code) - code`, `E[d] = round(2^30 exp(-s_in d))`
    (`exp_table`, one entry per input code distance), `out = clamp(zp_out +
    round_half_even(apply(E[d], multiplier[0], shift[0]) / sum(E)))` with
    the fixed-point multiplier of `1 / s_out`. The input's zero point
    cancels. docs/semantics.md bounds the difference from float softmax.
  }];
  let arguments = !con((ins AnyRankedTensor:$input), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$exp_table,
                   OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_LayerNormOp : QGraph_Op<"layer_norm", [Pure, SameOperandsAndResultShape, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "Layer normalization over the last axis, integer only";
  let description = [{
    `y = (x - mean) / sqrt(var + epsilon) * gamma + beta` over the last
    axis (ONNX LayerNormalization with axis -1), `gamma` and `beta` one
    float per element of that axis. Legalized, the row's statistics are
    exact integer sums of the codes and the square root an integer one:
    `D = L q - sum q`, `A = L sum q^2 - (sum q)^2`, `r = floor(sqrt(A 4^G +
    eps_fixed))` and `out = clamp(zp_out + round_half_even((D gamma_fixed
    2^G + beta_fixed r) / (r 2^Q)))` where `gamma_fixed`, `beta_fixed` are
    gamma / s_out and beta / s_out in units of 2^-Q, `norm_shifts` is
    `[Q, G, e]` and `eps_fixed = epsilon_fixed 2^e ~= L^2 epsilon 4^G /
    s_in^2`.
  }];
  let arguments = !con((ins AnyRankedTensor:$input, DenseF32ArrayAttr:$gamma,
                   DenseF32ArrayAttr:$beta, F32Attr:$epsilon), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$gamma_fixed,
                   OptionalAttr<DenseI32ArrayAttr>:$beta_fixed,
                   OptionalAttr<DenseI32ArrayAttr>:$norm_shifts,
                   OptionalAttr<I32Attr>:$epsilon_fixed));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_AvgPoolOp : QGraph_Op<"avg_pool", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "2-D average pooling on NCHW (also GlobalAveragePool), requantized";
  let description = [{
    `out = clamp(zp_out + rshift_round_half_even(sum(in - zp_in) *
    multiplier[c-1], shift[c-1]))` where `c` is the number of elements the
    window averages (the full kernel area with `count_include_pad`, else only
    the elements inside the input): one multiplier per possible count, so the
    division by `c` is folded into the fixed-point multiplier.
  }];
  let arguments = !con((ins AnyRankedTensor:$input,
                   DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$strides,
                   DenseI64ArrayAttr:$pads, BoolAttr:$count_include_pad), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_RescaleOp : QGraph_Op<"rescale", [Pure, SameOperandsAndResultShape, DeclareOpInterfaceMethods<LayerOpInterface, ["legalizeParams"]>]> {
  let summary = "Requantize to another scale/zero point, optionally clamped (ReLU, Clip)";
  let arguments = !con((ins AnyRankedTensor:$input), ClampAttrs,
                   (ins OptionalAttr<DenseI32ArrayAttr>:$multiplier,
                   OptionalAttr<DenseI32ArrayAttr>:$shift));
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QGraph_TableOp : QGraph_Op<"table", [Pure, SameOperandsAndResultShape, DeclareOpInterfaceMethods<LayerOpInterface>]> {
  let summary = "An elementwise function as a lookup table on the input code";
  let description = [{
    `output = table[code mod size]`, where `code` is the stored input
    integer and `size` is 2^(input storage width): 256, 16 or 4 entries,
    ordered by the code's two's-complement bits (for a signed i8 input,
    entry 255 is code -1). Every entry is an output code. The importer
    computes the table from the float semantics of a QDQ function
    (`DequantizeLinear -> Sigmoid -> QuantizeLinear`, docs/semantics.md),
    with any fused Relu/Clip applied, so the chip computes it exactly.

    With `channel_axis` (at least 1) there is one table per index of that
    axis (PRelu with a slope per channel): `shape[channel_axis] x 2^width`
    entries, entry `e` of channel `c` at `e * shape[channel_axis] + c`, so
    that a tile's slice of channels is one run per entry.

    ```mlir
    %y = qg.table %x {table = array<i32: ...>} : tensor<1x8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x8x!quant.uniform<u8:f32, 3.9e-3>>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI32ArrayAttr:$table,
                       OptionalAttr<I64Attr>:$channel_axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QGraph_GatherOp : QGraph_Op<"gather", [Pure, DeclareOpInterfaceMethods<LayerOpInterface, ["getActivationOperands"]>]> {
  let summary = "Rows of a constant table by integer indices (an embedding lookup)";
  let description = [{
    `output[i..., d] = table[indices[i...], d]`: the table is a quantized
    constant `[rows, width]` of the result's own type, so each output code is
    a stored code, with no arithmetic. The importer makes it from a Gather
    of a float (or dequantized) constant table by a graph input of token ids
    followed by a QuantizeLinear (torch's `nn.Embedding` with its output
    fake-quantized): it quantizes the table with the QuantizeLinear's
    parameters, which gives the same codes as quantizing the gathered rows.
    A negative index counts from the end, as in ONNX; one outside
    `[-rows, rows)` is an error when the layer runs.

    ```mlir
    %e = qg.gather %ids, %table : (tensor<1x16xi32>, tensor<1000x64x!quant.uniform<i8:f32, 0.02>>) -> tensor<1x16x64x!quant.uniform<i8:f32, 0.02>>
    ```
  }];
  // Indices as the chip stores them: at most 32 bits (int64 graph inputs
  // arrive as i32, narrowed by the host).
  let arguments = (ins RankedTensorOf<[I8, I16, I32, UI8, UI16]>:$indices,
                       AnyRankedTensor:$table);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $indices `,` $table attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // NPC_QGRAPH_OPS
