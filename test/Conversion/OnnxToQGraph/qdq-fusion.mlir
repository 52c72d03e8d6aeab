// RUN: npc-opt %s --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s

// QDQ fusion: DequantizeLinear -> Conv -> Relu -> QuantizeLinear becomes one
// qg.conv2d whose clamp is the Relu's (codes from the zero point up), with
// the bias in int32 at scale s_x * s_w. The graph's float input is quantized
// once; the output dequantized at the end; the onnx.opset attribute goes.

// CHECK: module {
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32>
// CHECK-SAME: npc.input_names = ["x"], npc.output_names = ["y"]
// CHECK: %[[Q:.*]] = qg.quantize %[[X]] : tensor<1x1x4x4xf32> -> tensor<1x1x4x4x!quant.uniform<u8:f32, 5.000000e-01:10>>
// CHECK: %[[W:.*]] = qg.constant dense<{{\[\[\[\[}}1, 2, 1], [0, 0, 0], [-1, -2, -1]]], {{\[\[\[}}3, 0, -3], [0, 0, 0], [1, 1, 1]]]]> : tensor<2x1x3x3xi8> : tensor<2x1x3x3x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK: %[[B:.*]] = qg.constant dense<[4, -8]> : tensor<2xi32> : tensor<2xi32>
// CHECK: %[[C:.*]] = qg.conv2d %[[Q]], %[[W]], %[[B]] {clamp_max = 255 : i32, clamp_min = 3 : i32, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
// CHECK-SAME: -> tensor<1x2x4x4x!quant.uniform<u8:f32, 1.000000e+00:3>>
// CHECK: %[[D:.*]] = qg.dequantize %[[C]]
// CHECK: return %[[D]] : tensor<1x2x4x4xf32>
// CHECK-NOT: onnx.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[1, 2, 1], [0, 0, 0], [-1, -2, -1]]], [[[3, 0, -3], [0, 0, 0], [1, 1, 1]]]]> : tensor<2x1x3x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %bias = onnx.constant "bias" dense<[0.5, -1.0]> : tensor<2xf32>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x3x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %bias) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}}
        : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
