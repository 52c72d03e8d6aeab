// RUN: npc-opt %s --npc-convert-onnx-to-qg | FileCheck %s

// A QLinearConv whose input x is known at compile time (a QuantizeLinear of
// a float initializer, folded to codes 1 / 0.5 = 2, ...) reads it as a
// constant, as a DQ -> Conv of the same codes does.

// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.constant dense<{{\[\[\[\[}}2, 4], [6, 8]]]]> : tensor<1x1x2x2xi8> : tensor<1x1x2x2x!quant.uniform<i8:f32, 5.000000e-01>>
// CHECK: qg.conv2d %[[X]], {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%in: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["in"], npc.output_names = ["y"]} {
    %xf = onnx.constant "xf" dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%xf, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "QLinearConv"(%xq, %sx, %zx, %w, %sw, %zw, %sy, %zy) {name = "conv", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>, tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, tensor<si8>) -> !onnx.value
    return %c : !onnx.value
  }
}
