// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s --check-prefix=FUSED

// A BatchNormalization becomes a depthwise 1x1 qg.conv2d. Attributes it
// does not have (an exporter's stray strides and pads) are no window: its
// output keeps x's 4x4 (they once made a 3x3 strided, padded conv).
// onnx-fuse-qdq fuses it, keeping only the attributes a BatchNormalization
// has (it once left such a node to the conversion's own fusion).
// FUSED-LABEL: func.func @main
// FUSED: onnx.node "QLinearBatchNormalization"({{.*}}) {domain = "npc", name = "bn", outputs = ["q2"], source_op_type = "BatchNormalization"}
// CHECK-LABEL: func.func @main
// CHECK: qg.conv2d {{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32, dilations = array<i64: 1, 1>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
// CHECK-SAME: -> tensor<1x2x4x4x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %g = onnx.constant "g" dense<[1.0, 2.0]> : tensor<2xf32>
    %bb = onnx.constant "b" dense<[0.0, 1.0]> : tensor<2xf32>
    %m = onnx.constant "m" dense<[0.0, 0.5]> : tensor<2xf32>
    %v = onnx.constant "v" dense<[1.0, 1.0]> : tensor<2xf32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %n = onnx.node "BatchNormalization"(%d, %g, %bb, %m, %v) {name = "bn", outputs = ["n"], attrs = {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%n, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %s, %z) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// torch writes momentum and training_mode = 0 on every BatchNormalization:
// both mean nothing to inference, and it fuses to npc's
// QLinearBatchNormalization (training_mode = 1 is an error at the node).
// FUSED-LABEL: func.func @main
// FUSED: onnx.node "QLinearBatchNormalization"
// FUSED-SAME: attrs = {momentum = 0.899999976 : f32, training_mode = 0 : i64}
// CHECK-LABEL: func.func @main
// CHECK: qg.conv2d {{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32, dilations = array<i64: 1, 1>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
// CHECK-SAME: -> tensor<1x2x4x4x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %g = onnx.constant "g" dense<[1.0, 2.0]> : tensor<2xf32>
    %bb = onnx.constant "b" dense<[0.0, 1.0]> : tensor<2xf32>
    %m = onnx.constant "m" dense<[0.0, 0.5]> : tensor<2xf32>
    %v = onnx.constant "v" dense<[1.0, 1.0]> : tensor<2xf32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %n = onnx.node "BatchNormalization"(%d, %g, %bb, %m, %v) {name = "bn", outputs = ["n"], attrs = {momentum = 0.9 : f32, training_mode = 0 : i64}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%n, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %s, %z) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}
