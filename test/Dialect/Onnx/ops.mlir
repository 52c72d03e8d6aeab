// RUN: npc-opt %s | npc-opt | FileCheck %s

// The onnx level prints and parses back: nodes with ONNX attributes of
// each kind, an omitted optional input, constants keeping ONNX's signedness.

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x4x4xf32>) -> !onnx.value
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    // CHECK: %[[N:.*]] = onnx.none
    %none = onnx.none
    // CHECK: %[[W:.*]] = onnx.constant "w" dense<[1, -2]> : tensor<2xsi8>
    %w = onnx.constant "w" dense<[1, -2]> : tensor<2xsi8>
    // CHECK: %[[S:.*]] = onnx.constant "s" dense<5.000000e-01> : tensor<f32>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    // CHECK: %[[A:.*]] = onnx.node "Conv"(%[[X]], %[[W]], %[[N]])
    // CHECK-SAME: attrs = {auto_pad = "NOTSET", kernel_shape = array<i64: 3, 3>, scale = 2.500000e-01 : f32}
    // CHECK-SAME: name = "conv1", outputs = ["a"]
    // CHECK-SAME: : (tensor<1x3x4x4xf32>, tensor<2xsi8>, none) -> !onnx.value
    %a = onnx.node "Conv"(%x, %w, %none) {name = "conv1", outputs = ["a"],
           attrs = {kernel_shape = array<i64: 3, 3>, auto_pad = "NOTSET", scale = 0.25 : f32}}
           : (tensor<1x3x4x4xf32>, tensor<2xsi8>, none) -> !onnx.value
    // CHECK: onnx.node "QLinearAdd"(%[[A]], %[[S]]) {domain = "com.microsoft", name = "add", outputs = ["y", ""]}
    %y:2 = onnx.node "QLinearAdd"(%a, %s) {domain = "com.microsoft", name = "add", outputs = ["y", ""]}
           : (!onnx.value, tensor<f32>) -> (!onnx.value, !onnx.value)
    return %y#0 : !onnx.value
  }
}
