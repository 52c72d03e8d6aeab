// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics | FileCheck %s --implicit-check-not=onnx.node
// The integer parameters legalization derives follow from what the
// conversion wrote (zero points on the right axis, the right ratio):
// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg --qg-legalize-integer -verify-diagnostics | FileCheck %s --check-prefix=LEG

// QOperator integer ops: ConvInteger and MatMulInteger (ONNX), QLinearMul,
// QLinearSigmoid and QLinearLeakyRelu (com.microsoft).

// ConvInteger: y = sum (x - x_zero_point) (w - w_zero_point) in int32, so x
// is read at scale 1 with its zero point 2 and the weight at scale 1 with
// its zero point per output channel (1, -1) on axis 0; the result is i32.
// Output shape: H = (3 + 1 + 1 - 2) / 2 + 1 = 2 (pads [1, 0, 1, 0] are
// [H begin, W begin, H end, W end], stride 2), W = (3 - 2) / 1 + 1 = 2.
// Legalization folds x's zero point into the bias (docs/semantics.md):
// -2 * sum (w - zw): channel 0 -2 * (0 + 1 + 2 + 3) = -12, channel 1
// -2 * (0 + 1 + 6 - 5) = -4.
// CHECK-LABEL: func.func @main
// CHECK-SAME: -> tensor<1x2x2x2xi32>
// CHECK: %[[X:.*]] = qg.storage_cast %arg0 : tensor<1x1x3x3xui8> -> tensor<1x1x3x3x!quant.uniform<u8:f32, 1.000000e+00:2>>
// CHECK: %[[W:.*]] = qg.constant dense<{{\[\[\[\[}}1, 2], [3, 4]]], {{\[\[\[}}-1, 0], [5, -6]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!quant.uniform<i8:f32:0, {1.000000e+00:1,1.000000e+00:-1}>>
// CHECK: %[[C:.*]] = qg.conv2d %[[X]], %[[W]] {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 1>} : ({{.*}}) -> tensor<1x2x2x2xi32>
// CHECK: return %[[C]] : tensor<1x2x2x2xi32>
// LEG-LABEL: func.func @main
// LEG: qg.conv2d {{.*}}folded_bias = array<i32: -12, -4>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x3x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %zx = onnx.constant "zx" dense<2> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[1, 2], [3, 4]]], [[[-1, 0], [5, -6]]]]> : tensor<2x1x2x2xsi8>
    %zw = onnx.constant "zw" dense<[1, -1]> : tensor<2xsi8>
    %y = onnx.node "ConvInteger"(%x, %w, %zx, %zw) {name = "conv", outputs = ["y"],
           attrs = {pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 1>}}
        : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xsi8>, tensor<ui8>, tensor<2xsi8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// ConvInteger of int8 without zero points (both default to 0), depthwise
// (group 2) with dilation 2: the effective kernel is 3, so H = W = 5 - 3 + 1
// = 3. Nothing to fold: the folded bias is 0.
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.storage_cast %arg0 : tensor<1x2x5x5xsi8> -> tensor<1x2x5x5x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK: %[[W:.*]] = qg.constant {{.*}} : tensor<2x1x2x2x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK: qg.conv2d %[[X]], %[[W]] {dilations = array<i64: 2, 2>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : ({{.*}}) -> tensor<1x2x3x3xi32>
// LEG-LABEL: func.func @main
// LEG: qg.conv2d {{.*}}folded_bias = array<i32: 0, 0>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x5x5xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %w = onnx.constant "w" dense<[[[[1, 2], [3, 4]]], [[[-1, 0], [5, -6]]]]> : tensor<2x1x2x2xsi8>
    %y = onnx.node "ConvInteger"(%x, %w) {name = "dwconv", outputs = ["y"],
           attrs = {dilations = array<i64: 2, 2>, group = 2 : i64}}
        : (tensor<1x2x5x5xsi8>, tensor<2x1x2x2xsi8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// MatMulInteger [2, 3] x [3, 4] -> [2, 4] i32, b's zero point one per
// column (ONNX: an N-element vector for a [K, N] b), so axis 1 of the
// weight. Folded bias -3 * sum_k (w_kn - zw_n): column 0 -3 * (1 + 5 - 1)
// = -15, column 1 -3 * (1 + 5 - 3) = -9, column 2 -3 * (1 + 5 - 5) = -3,
// column 3 -3 * (1 + 5 - 7) = 3.
// CHECK-LABEL: func.func @main
// CHECK: %[[A:.*]] = qg.storage_cast %arg0 : tensor<2x3xui8> -> tensor<2x3x!quant.uniform<u8:f32, 1.000000e+00:3>>
// CHECK: %[[B:.*]] = qg.constant dense<{{\[\[}}1, 2, 3, 4], [5, 6, 7, 8], [-1, -2, -3, -4]]> : tensor<3x4xi8> : tensor<3x4x!quant.uniform<i8:f32:1, {1.000000e+00,1.000000e+00:1,1.000000e+00:2,1.000000e+00:3}>>
// CHECK: qg.matmul %[[A]], %[[B]] : ({{.*}}) -> tensor<2x4xi32>
// LEG-LABEL: func.func @main
// LEG: qg.matmul {{.*}}folded_bias = array<i32: -15, -9, -3, 3>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %za = onnx.constant "za" dense<3> : tensor<ui8>
    %b = onnx.constant "b" dense<[[1, 2, 3, 4], [5, 6, 7, 8], [-1, -2, -3, -4]]> : tensor<3x4xsi8>
    %zb = onnx.constant "zb" dense<[0, 1, 2, 3]> : tensor<4xsi8>
    %y = onnx.node "MatMulInteger"(%a, %b, %za, %zb) {name = "mm", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<3x4xsi8>, tensor<ui8>, tensor<4xsi8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// MatMulInteger with a batched a [2, 2, 3] and a scalar b zero point 1:
// [2, 2, 4]; folded bias -3 * sum_k (w_kn - 1) = -3 * (2, 3, 4, 5).
// CHECK-LABEL: func.func @main
// CHECK: %[[B:.*]] = qg.constant {{.*}} : tensor<3x4x!quant.uniform<i8:f32, 1.000000e+00:1>>
// CHECK: qg.matmul %{{.*}}, %[[B]] : (tensor<2x2x3x!quant.uniform<u8:f32, 1.000000e+00:3>>, {{.*}}) -> tensor<2x2x4xi32>
// LEG-LABEL: func.func @main
// LEG: qg.matmul {{.*}}folded_bias = array<i32: -6, -9, -12, -15>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<2x2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %za = onnx.constant "za" dense<3> : tensor<ui8>
    %b = onnx.constant "b" dense<[[1, 2, 3, 4], [5, 6, 7, 8], [-1, -2, -3, -4]]> : tensor<3x4xsi8>
    %zb = onnx.constant "zb" dense<1> : tensor<si8>
    %y = onnx.node "MatMulInteger"(%a, %b, %za, %zb) {name = "bmm", outputs = ["y"]}
        : (tensor<2x2x3xui8>, tensor<3x4xsi8>, tensor<ui8>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// QLinearMul (a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp): qg.mul of
// the two inputs read with their own parameters, numpy broadcasting [1, 2, 3]
// by [3] to [1, 2, 3], the full uint8 range as clamp. Its ratio is
// s_a s_b / s_y = 0.5 * 0.25 / 0.3125 = 0.4 = 0.8 * 2^-1, so the shift puts
// M in [2^30, 2^31): n = 32, M = round(0.4 * 2^32) = round(1717986918.4).
// CHECK-LABEL: func.func @main
// CHECK: %[[A:.*]] = qg.storage_cast %arg0 : tensor<1x2x3xui8> -> tensor<1x2x3x!quant.uniform<u8:f32, 5.000000e-01:10>>
// CHECK: %[[B:.*]] = qg.storage_cast %arg1 : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 2.500000e-01:128>>
// CHECK: %[[M:.*]] = qg.mul %[[A]], %[[B]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : ({{.*}}) -> tensor<1x2x3x!quant.uniform<u8:f32, 3.125000e-01:7>>
// CHECK: qg.storage_cast %[[M]] : tensor<1x2x3x!quant.uniform<u8:f32, 3.125000e-01:7>> -> tensor<1x2x3xui8>
// LEG-LABEL: func.func @main
// LEG: qg.mul {{.*}}multiplier = array<i32: 1717986918>, shift = array<i32: 32>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x3xui8>, %b: tensor<3xui8>) -> !onnx.value
      attributes {npc.input_names = ["a", "b"], npc.output_names = ["y"]} {
    %sa = onnx.constant "sa" dense<0.5> : tensor<f32>
    %za = onnx.constant "za" dense<10> : tensor<ui8>
    %sb = onnx.constant "sb" dense<0.25> : tensor<f32>
    %zb = onnx.constant "zb" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.3125> : tensor<f32>
    %zy = onnx.constant "zy" dense<7> : tensor<ui8>
    %y = onnx.node "QLinearMul"(%a, %sa, %za, %b, %sb, %zb, %sy, %zy) {domain = "com.microsoft", name = "mul", outputs = ["y"]}
        : (tensor<1x2x3xui8>, tensor<f32>, tensor<ui8>, tensor<3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// QLinearSigmoid (X, X_scale, X_zp, Y_scale, Y_zp): a 256-entry table,
// computed independently of npc as x = (c - 128) / 16, 256 sigmoid(x)
// rounded half to even (no value within 0.003 of a tie). Entries 0..28 are 0
// and 29..33 are 1 (256 sigmoid(x) crosses 1/2 between x = -6.25 (0.493)
// and -6.1875 (0.525)); around x = 0 (code 128) the entries step by 4 since
// 256 sigmoid'(0) / 16 = 4: 112, 116, 120, 124, 128, 132, ..., 156,
// symmetric as 256 - f(-x); the last entries saturate (256 sigmoid(7.9375)
// = 255.9 rounds to 256, clamped to 255). The regex {{([0-9]+, ){N}()}}
// skips N entries (the empty group keeps the closing braces apart).
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.storage_cast %arg0 : tensor<1x8xui8> -> tensor<1x8x!quant.uniform<u8:f32, 6.250000e-02:128>>
// CHECK: %[[T:.*]] = qg.table %[[X]] {table = array<i32: {{([0-9]+, ){26}()}}0, 0, 0, 1, 1, 1, 1, 1, {{([0-9]+, ){90}()}}112, 116, 120, 124, 128, 132, 136, 140, 144, 148, 152, 156, {{([0-9]+, ){116}()}}255, 255, 255, 255>}
// CHECK-SAME: -> tensor<1x8x!quant.uniform<u8:f32, 3.906250e-03>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.0625> : tensor<f32>
    %zx = onnx.constant "zx" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %y = onnx.node "QLinearSigmoid"(%x, %sx, %zx, %sy, %zy) {domain = "com.microsoft", name = "sigmoid", outputs = ["y"]}
        : (tensor<1x8xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// QLinearLeakyRelu with alpha 0.1, int8 in at scale 0.5 and out at scale
// 0.25, zero point -3. Entries 0..127 are codes c = 0..127 (x = c / 2):
// -3 + 2c, so -3, -1, 1, ..., saturating at 127 from c = 65 (121, 123, 125,
// 127, 127, 127 for c = 62..67). Entries 128..255 are codes -128..-1: 0.1 x
// / 0.25 = 0.2 c, never a tie: c = -128 gives -25.6 -> -26 -> -29, c = -127
// .. -125 give -25.4 .. -25 -> -28; c = -4, -3 give -0.8, -0.6 -> -4 and
// c = -2, -1 give -0.4, -0.2 -> -3.
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.storage_cast %arg0 : tensor<1x8xsi8> -> tensor<1x8x!quant.uniform<i8:f32, 5.000000e-01>>
// CHECK: qg.table %[[X]] {table = array<i32: -3, -1, 1, 3, 5, 7, 9, 11, {{(-?[0-9]+, ){54}()}}121, 123, 125, 127, 127, 127, {{(-?[0-9]+, ){60}()}}-29, -28, -28, -28, {{(-?[0-9]+, ){120}()}}-4, -4, -3, -3>}
// CHECK-SAME: -> tensor<1x8x!quant.uniform<i8:f32, 2.500000e-01:-3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<-3> : tensor<si8>
    %y = onnx.node "QLinearLeakyRelu"(%x, %sx, %zx, %sy, %zy) {domain = "com.microsoft", name = "lrelu", outputs = ["y"],
           attrs = {alpha = 0.1 : f32}}
        : (tensor<1x8xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// ONNX allows a per-row zero point for MatMulInteger's a; npc does not.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %za = onnx.constant "za" dense<[3, 4]> : tensor<2xui8>
    %b = onnx.constant "b" dense<1> : tensor<3x4xsi8>
    // expected-error @+1 {{node 'mm' (MatMulInteger): only a scalar input zero point is supported}}
    %y = onnx.node "MatMulInteger"(%a, %b, %za) {name = "mm", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<3x4xsi8>, tensor<2xui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A weight zero point with 3 values for 2 output channels.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x3x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %w = onnx.constant "w" dense<1> : tensor<2x1x2x2xsi8>
    %zx = onnx.constant "zx" dense<2> : tensor<ui8>
    %zw = onnx.constant "zw" dense<[1, 2, 3]> : tensor<3xsi8>
    // expected-error @+1 {{node 'conv' (ConvInteger): weight zero point must be a scalar or one per output channel}}
    %y = onnx.node "ConvInteger"(%x, %w, %zx, %zw) {name = "conv", outputs = ["y"]}
        : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xsi8>, tensor<ui8>, tensor<3xsi8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Zero points have their tensor's type (ONNX's T1 for x, T2 for w).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x3x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %zx = onnx.constant "zx" dense<-1> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x2x2xsi8>
    // expected-error @+1 {{node 'conv' (ConvInteger): input zero point type int8 differs from the input type uint8}}
    %y = onnx.node "ConvInteger"(%x, %w, %zx) {name = "conv", outputs = ["y"]}
        : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xsi8>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x3x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %zx = onnx.constant "zx" dense<2> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x2x2xsi8>
    %zw = onnx.constant "zw" dense<200> : tensor<ui8>
    // expected-error @+1 {{node 'conv' (ConvInteger): weight zero point type uint8 differs from the weight type int8}}
    %y = onnx.node "ConvInteger"(%x, %w, %zx, %zw) {name = "conv", outputs = ["y"]}
        : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xsi8>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
