// Fusing first must not change the result.
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics | FileCheck %s --implicit-check-not=onnx.node
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg --qg-legalize-integer -verify-diagnostics | FileCheck %s --check-prefix=LEG

// Data movement between DequantizeLinear and QuantizeLinear of the same
// parameters moves the stored codes (docs/semantics.md, "Max pooling,
// Concat, data movement"): the quantized type goes through unchanged and
// only the shape changes, as ONNX defines it.

// Squeeze (opset 13, axes an input): without axes every dimension of size 1
// goes, [1, 6, 1, 7] -> [6, 7]; axes [-2] is dimension 2: [1, 6, 7].
// Unsqueeze axes [0, -1]: -1 counts in the output rank 4 + 2 = 6, so
// dimensions 0 and 5 are new: [1, 1, 6, 1, 7, 1]. Identity keeps the shape.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x6x1x7xf32> -> tensor<1x6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.reshape %[[Q]] : tensor<1x6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<6x7x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.reshape %[[Q]] : tensor<1x6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<1x6x7x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.reshape %[[Q]] : tensor<1x6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<1x1x6x1x7x1x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.reshape %[[Q]] : tensor<1x6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<1x6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: return {{.*}} : tensor<6x7xui8>, tensor<1x6x7xui8>, tensor<1x1x6x1x7x1xui8>, tensor<1x6x1x7xui8>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x6x1x7xf32>) -> (!onnx.value, !onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c", "d"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sqax = onnx.constant "sqax" dense<[-2]> : tensor<1xsi64>
    %usax = onnx.constant "usax" dense<[0, -1]> : tensor<2xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x1x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "Squeeze"(%d) {name = "squeeze_all", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %b = onnx.node "Squeeze"(%d, %sqax) {name = "squeeze", outputs = ["b"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %c = onnx.node "Unsqueeze"(%d, %usax) {name = "unsqueeze", outputs = ["c"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %e = onnx.node "Identity"(%d) {name = "identity", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qb = onnx.node "QuantizeLinear"(%b, %s, %z) {name = "qb", outputs = ["qb"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qc = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qc", outputs = ["qc"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qe = onnx.node "QuantizeLinear"(%e, %s, %z) {name = "qe", outputs = ["qe"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa, %qb, %qc, %qe : !onnx.value, !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// Before opset 13 the axes are an attribute: Squeeze axes [0] of [1, 6, 1, 7]
// is [6, 1, 7], Unsqueeze axes [1] is [1, 1, 6, 1, 7]. On a quantized tensor
// (QOperator form, no DequantizeLinear) they move the codes just the same.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.reshape %[[Q]] : {{.*}} -> tensor<6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.reshape %[[Q]] : {{.*}} -> tensor<1x1x6x1x7x!quant.uniform<u8:f32, 1.250000e-01:128>>
module attributes {onnx.opset = 11 : i64} {
  func.func @main(%x: tensor<1x6x1x7xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x1x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "Squeeze"(%q) {name = "squeeze", outputs = ["a"], attrs = {axes = array<i64: 0>}} : (!onnx.value) -> !onnx.value
    %b = onnx.node "Unsqueeze"(%q) {name = "unsqueeze", outputs = ["b"], attrs = {axes = array<i64: 1>}} : (!onnx.value) -> !onnx.value
    return %a, %b : !onnx.value, !onnx.value
  }
}

// -----

// DepthToSpace with blocksize 2 on [1, 12, 4, 5], as ONNX defines it.
// DCR (the default): reshape to [N, b, b, C/b^2, H, W] = [1, 2, 2, 3, 4, 5],
// transpose [0, 3, 4, 1, 5, 2] to [1, 3, 4, 2, 5, 2], reshape to
// [N, C/b^2, H b, W b] = [1, 3, 8, 10]. CRD: reshape to [N, C/b^2, b, b, H,
// W] = [1, 3, 2, 2, 4, 5], transpose [0, 1, 4, 2, 5, 3], the same output.
// SpaceToDepth with blocksize 2 on [1, 3, 4, 10]: reshape to [N, C, H/b, b,
// W/b, b] = [1, 3, 2, 2, 5, 2], transpose [0, 3, 5, 1, 2, 4] to
// [1, 2, 2, 3, 2, 5], reshape to [N, C b^2, H/b, W/b] = [1, 12, 2, 5].
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.quantize %{{.*}} : tensor<1x12x4x5xf32> -> tensor<1x12x4x5x[[T:.*]]>
// CHECK: %[[Y:.*]] = qg.quantize %{{.*}} : tensor<1x3x4x10xf32> -> tensor<1x3x4x10x[[T]]>
// CHECK: %[[R1:.*]] = qg.reshape %[[X]] : tensor<1x12x4x5x[[T]]> -> tensor<1x2x2x3x4x5x[[T]]>
// CHECK: %[[T1:.*]] = qg.transpose %[[R1]] {perm = array<i64: 0, 3, 4, 1, 5, 2>} : tensor<1x2x2x3x4x5x[[T]]> -> tensor<1x3x4x2x5x2x[[T]]>
// CHECK: qg.reshape %[[T1]] : tensor<1x3x4x2x5x2x[[T]]> -> tensor<1x3x8x10x[[T]]>
// CHECK: %[[R2:.*]] = qg.reshape %[[X]] : tensor<1x12x4x5x[[T]]> -> tensor<1x3x2x2x4x5x[[T]]>
// CHECK: %[[T2:.*]] = qg.transpose %[[R2]] {perm = array<i64: 0, 1, 4, 2, 5, 3>} : tensor<1x3x2x2x4x5x[[T]]> -> tensor<1x3x4x2x5x2x[[T]]>
// CHECK: qg.reshape %[[T2]] : tensor<1x3x4x2x5x2x[[T]]> -> tensor<1x3x8x10x[[T]]>
// CHECK: %[[R3:.*]] = qg.reshape %[[Y]] : tensor<1x3x4x10x[[T]]> -> tensor<1x3x2x2x5x2x[[T]]>
// CHECK: %[[T3:.*]] = qg.transpose %[[R3]] {perm = array<i64: 0, 3, 5, 1, 2, 4>} : tensor<1x3x2x2x5x2x[[T]]> -> tensor<1x2x2x3x2x5x[[T]]>
// CHECK: qg.reshape %[[T3]] : tensor<1x2x2x3x2x5x[[T]]> -> tensor<1x12x2x5x[[T]]>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x12x4x5xf32>, %y: tensor<1x3x4x10xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "y"], npc.output_names = ["dcr", "crd", "s2d"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x12x4x5xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%y, %s, %z) {name = "qy", outputs = ["yq"]}
        : (tensor<1x3x4x10xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %yd = onnx.node "DequantizeLinear"(%yq, %s, %z) {name = "dqy", outputs = ["yd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "DepthToSpace"(%xd) {name = "d2s_dcr", outputs = ["a"], attrs = {blocksize = 2 : i64}} : (!onnx.value) -> !onnx.value
    %b = onnx.node "DepthToSpace"(%xd) {name = "d2s_crd", outputs = ["b"], attrs = {blocksize = 2 : i64, mode = "CRD"}} : (!onnx.value) -> !onnx.value
    %c = onnx.node "SpaceToDepth"(%yd) {name = "s2d", outputs = ["c"], attrs = {blocksize = 2 : i64}} : (!onnx.value) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qb = onnx.node "QuantizeLinear"(%b, %s, %z) {name = "qb", outputs = ["qb"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qc = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qc", outputs = ["qc"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa, %qb, %qc : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// Pad, mode constant with value 0 (opset 13: pads and constant_value are
// inputs, pads [x1_begin, .., x4_begin, x1_end, .., x4_end]): qg.pad keeps
// that layout; [1, 2, 3, 4] with H padded 1 + 3 and W 2 + 0 is [1, 2, 7, 6].
// On a quantized tensor (QOperator form) constant_value is a code and must
// be the zero point, 128: [1, 2, 3, 4] with C padded 0 + 1 is [1, 3, 3, 4].
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x2x3x4xf32> -> tensor<1x2x3x4x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.pad %[[Q]] {pads = array<i64: 0, 0, 1, 2, 0, 0, 3, 0>} : tensor<1x2x3x4x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<1x2x7x6x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.pad %[[Q]] {pads = array<i64: 0, 0, 0, 0, 0, 1, 0, 0>} : tensor<1x2x3x4x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<1x3x3x4x!quant.uniform<u8:f32, 1.250000e-01:128>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x3x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %pads = onnx.constant "pads" dense<[0, 0, 1, 2, 0, 0, 3, 0]> : tensor<8xsi64>
    %zero = onnx.constant "zero" dense<0.0> : tensor<f32>
    %cpads = onnx.constant "cpads" dense<[0, 0, 0, 0, 0, 1, 0, 0]> : tensor<8xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x3x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "Pad"(%d, %pads, %zero) {name = "pad", outputs = ["a"]}
        : (!onnx.value, tensor<8xsi64>, tensor<f32>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %b = onnx.node "Pad"(%q, %cpads, %z) {name = "padq", outputs = ["b"]}
        : (!onnx.value, tensor<8xsi64>, tensor<ui8>) -> !onnx.value
    return %qa, %b : !onnx.value, !onnx.value
  }
}

// -----

// Pad at opset 18 with axes [-1, 1]: pads [1, 2, 3, 0] are (axis 3 begin,
// axis 1 begin, axis 3 end, axis 1 end), so the full pads are [0, 2, 0, 1,
// 0, 0, 0, 3] and [1, 2, 3, 4] becomes [1, 4, 3, 8]. The constant_value
// input is omitted (0).
// CHECK-LABEL: func.func @main
// CHECK: qg.pad %{{.*}} {pads = array<i64: 0, 2, 0, 1, 0, 0, 0, 3>} : tensor<1x2x3x4x{{.*}}> -> tensor<1x4x3x8x!quant.uniform<u8:f32, 1.250000e-01:128>>
module attributes {onnx.opset = 18 : i64} {
  func.func @main(%x: tensor<1x2x3x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %pads = onnx.constant "pads" dense<[1, 2, 3, 0]> : tensor<4xsi64>
    %axes = onnx.constant "axes" dense<[-1, 1]> : tensor<2xsi64>
    %none = onnx.none
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x3x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "Pad"(%d, %pads, %none, %axes) {name = "pad", outputs = ["a"]}
        : (!onnx.value, tensor<4xsi64>, none, tensor<2xsi64>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}

// -----

// Shape (opset 15, with start and end) of tensors of known shape folds to a
// constant, so the shape arithmetic exporters write feeds Reshape: Shape of
// the dequantized [1, 6, 5, 7] with end 2 is [1, 6]; Concat [1, 6, -1]
// reshapes to [1, 6, 35]. Shape of the quantized tensor with start -2 is
// [5, 7]; Concat [-1, 5, 7] reshapes to [6, 5, 7]. No node is left.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x6x5x7xf32> -> tensor<1x6x5x7x[[T:.*]]>
// CHECK-NEXT: qg.reshape %[[Q]] : tensor<1x6x5x7x[[T]]> -> tensor<1x6x35x[[T]]>
// CHECK-NEXT: qg.reshape %[[Q]] : tensor<1x6x5x7x[[T]]> -> tensor<6x5x7x[[T]]>
module attributes {onnx.opset = 15 : i64} {
  func.func @main(%x: tensor<1x6x5x7xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %m1 = onnx.constant "m1" dense<[-1]> : tensor<1xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x5x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sh = onnx.node "Shape"(%d) {name = "shape", outputs = ["sh"], attrs = {end = 2 : i64}} : (!onnx.value) -> !onnx.value
    %cat = onnx.node "Concat"(%sh, %m1) {name = "cat", outputs = ["cat"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %a = onnx.node "Reshape"(%d, %cat) {name = "reshape", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sh2 = onnx.node "Shape"(%q) {name = "shape2", outputs = ["sh2"], attrs = {start = -2 : i64}} : (!onnx.value) -> !onnx.value
    %cat2 = onnx.node "Concat"(%m1, %sh2) {name = "cat2", outputs = ["cat2"], attrs = {axis = 0 : i64}}
        : (tensor<1xsi64>, !onnx.value) -> !onnx.value
    %b = onnx.node "Reshape"(%d, %cat2) {name = "reshape2", outputs = ["b"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qb = onnx.node "QuantizeLinear"(%b, %s, %z) {name = "qb", outputs = ["qb"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa, %qb : !onnx.value, !onnx.value
  }
}

// -----

// ReduceSum (opset 13, axes an input) computes, so it takes its output
// parameters from the QuantizeLinear (scale 0.5, zero point 0 here):
// qg.reduce mode "sum" keeps the rank, axes [1] of [1, 8, 2, 3] gives
// [1, 1, 2, 3], and keepdims 0 drops the axis with a qg.reshape. Without
// axes all are reduced: [1, 1, 1, 1]. With noop_with_empty_axes 1 and no
// axes it is the identity: the input codes are the output.
// Legalization: the ratio s_x / s_y = 0.125 / 0.5 = 0.25 = 0.5 * 2^-1, so
// n = 32 and M = 0.25 * 2^32 = 2^30.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x8x2x3xf32> -> tensor<1x8x2x3x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: %[[R:.*]] = qg.reduce %[[Q]] {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "sum"} : tensor<1x8x2x3x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<1x1x2x3x!quant.uniform<u8:f32, 5.000000e-01>>
// CHECK: %[[S:.*]] = qg.reshape %[[R]] : tensor<1x1x2x3x!quant.uniform<u8:f32, 5.000000e-01>> -> tensor<1x2x3x!quant.uniform<u8:f32, 5.000000e-01>>
// CHECK: %[[A:.*]] = qg.reduce %[[Q]] {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "sum"} : tensor<1x8x2x3x!quant.uniform<u8:f32, 1.250000e-01:128>> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 5.000000e-01>>
// CHECK: %[[C0:.*]] = qg.storage_cast %[[S]] : {{.*}} -> tensor<1x2x3xui8>
// CHECK: %[[C1:.*]] = qg.storage_cast %[[A]] : {{.*}} -> tensor<1x1x1x1xui8>
// CHECK: %[[C2:.*]] = qg.storage_cast %[[Q]] : {{.*}} -> tensor<1x8x2x3xui8>
// CHECK: return %[[C0]], %[[C1]], %[[C2]]
// LEG-LABEL: func.func @main
// LEG: qg.reduce {{.*}}mode = "sum", multiplier = array<i32: 1073741824>, shift = array<i32: 32>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8x2x3xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %axes = onnx.constant "axes" dense<[1]> : tensor<1xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x8x2x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "ReduceSum"(%d, %axes) {name = "sum_c", outputs = ["a"], attrs = {keepdims = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %b = onnx.node "ReduceSum"(%d) {name = "sum_all", outputs = ["b"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "ReduceSum"(%d) {name = "sum_noop", outputs = ["c"], attrs = {noop_with_empty_axes = 1 : i64}}
        : (!onnx.value) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qb = onnx.node "QuantizeLinear"(%b, %sy, %zy) {name = "qb", outputs = ["qb"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qc = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qc", outputs = ["qc"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa, %qb, %qc : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// Squeezing a dimension that is not 1 is an error ONNX states too.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x6x5x7xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %ax = onnx.constant "ax" dense<[1]> : tensor<1xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x5x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'squeeze' (Squeeze): cannot squeeze dimension 1 of size 6}}
    %a = onnx.node "Squeeze"(%d, %ax) {name = "squeeze", outputs = ["a"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}

// -----

// DepthToSpace's mode is DCR or CRD.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x8x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'd2s' (DepthToSpace): mode 'RCD' is unknown (DCR or CRD)}}
    %a = onnx.node "DepthToSpace"(%d) {name = "d2s", outputs = ["a"], attrs = {blocksize = 2 : i64, mode = "RCD"}} : (!onnx.value) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}

// -----

// A dequantized tensor pads with the zero point, i.e. the real value 0.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x3x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %pads = onnx.constant "pads" dense<[0, 0, 1, 1, 0, 0, 1, 1]> : tensor<8xsi64>
    %v = onnx.constant "v" dense<0.5> : tensor<f32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x3x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'pad' (Pad): constant_value must be 0; npc pads with the zero point}}
    %a = onnx.node "Pad"(%d, %pads, %v) {name = "pad", outputs = ["a"]}
        : (!onnx.value, tensor<8xsi64>, tensor<f32>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}

// -----

// Squeeze and Unsqueeze axes lie in [-r, r) of the rank they index (the
// input's for Squeeze, the output's for Unsqueeze: 4 + the axes given), each
// once (-5 is 1 of 6 below).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x6x5x7xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %ax = onnx.constant "ax" dense<[-6]> : tensor<1xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x5x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'unsqueeze' (Unsqueeze): axis -6 is out of range for rank 5}}
    %a = onnx.node "Unsqueeze"(%d, %ax) {name = "unsqueeze", outputs = ["a"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x6x5x7xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %ax = onnx.constant "ax" dense<[1, -5]> : tensor<2xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x5x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'unsqueeze' (Unsqueeze): axis 1 is listed twice}}
    %a = onnx.node "Unsqueeze"(%d, %ax) {name = "unsqueeze", outputs = ["a"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x6x5x7xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %ax = onnx.constant "ax" dense<[4]> : tensor<1xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x5x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'squeeze' (Squeeze): axis 4 is out of range for rank 4}}
    %a = onnx.node "Squeeze"(%d, %ax) {name = "squeeze", outputs = ["a"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}

// -----

// A Pad of a DequantizeLinear whose zero point (20) is not its codes' (a
// QuantizeLinear at 10 before it): the codes are read at 20 first, so the
// border is code 20, real 0 (python test_pad_border_is_the_dequantize_zero_point
// checks the values against onnxruntime).
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} -> tensor<1x1x2x2x!quant.uniform<u8:f32, 5.000000e-01:10>>
// CHECK: %[[C:.*]] = qg.storage_cast %[[Q]] : {{.*}} -> tensor<1x1x2x2x!quant.uniform<u8:f32, 5.000000e-01:20>>
// CHECK: qg.pad %[[C]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : {{.*}} -> tensor<1x1x4x4x!quant.uniform<u8:f32, 5.000000e-01:20>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z1 = onnx.constant "z1" dense<10> : tensor<ui8>
    %z2 = onnx.constant "z2" dense<20> : tensor<ui8>
    %pads = onnx.constant "pads" dense<[0, 0, 1, 1, 0, 0, 1, 1]> : tensor<8xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z1) {name = "q", outputs = ["q"]} : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z2) {name = "dq", outputs = ["d"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "Pad"(%d, %pads) {name = "pad", outputs = ["p"]} : (!onnx.value, tensor<8xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z2) {name = "q2", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's QLinearPad written by hand: it takes X's codes and parameters, then
// Pad's inputs, from opset 11.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    // expected-error @+1 {{node 'p' (QLinearPad): has 2 inputs; it takes 4 to 6 (X, its scale and zero point, pads, constant_value, axes)}}
    %p = onnx.node "QLinearPad"(%x, %s) {domain = "npc", name = "p", outputs = ["y"]} : (tensor<1x4xui8>, tensor<f32>) -> !onnx.value
    return %p : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<1> : tensor<ui8>
    %pads = onnx.constant "pads" dense<[0, 1, 0, 1]> : tensor<4xsi64>
    // expected-error @+1 {{node 'p' (QLinearPad): needs opset 11 or later (Pad's pads, constant_value and axes inputs)}}
    %p = onnx.node "QLinearPad"(%x, %s, %z, %pads) {domain = "npc", name = "p", outputs = ["y"]} : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<4xsi64>) -> !onnx.value
    return %p : !onnx.value
  }
}

// -----

// A Pad without pads is refused naming its input 1, fused or not (the
// fusion leaves it).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<1> : tensor<ui8>
    %none = onnx.none
    %d = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["d"]} : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'pad' (Pad): missing input 1}}
    %p = onnx.node "Pad"(%d, %none) {name = "pad", outputs = ["p"]} : (!onnx.value, none) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "q", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
