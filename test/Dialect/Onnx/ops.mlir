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

// Input counts are checked for the default domain's operators npc
// converts, at the module's opset: other domains, operators npc does not
// convert (the conversion names them) and a module without an opset (any
// count some opset takes) verify.
// CHECK-LABEL: func.func @counts_not_checked
// CHECK: onnx.node "GridSample"
// CHECK: onnx.node "Quant"
// CHECK: onnx.node "Unsqueeze"(%arg0) {
// CHECK: onnx.node "Unsqueeze"(%arg0, %arg1) {
func.func @counts_not_checked(%x: tensor<2xf32>, %a: tensor<1xsi64>) {
  %g = onnx.node "GridSample"(%x, %x, %x, %x) {name = "g", outputs = ["g"]} : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
  %q = onnx.node "Quant"(%x) {domain = "qonnx.custom_op.general", name = "q", outputs = ["q"]} : (tensor<2xf32>) -> !onnx.value
  %u = onnx.node "Unsqueeze"(%x) {name = "u", outputs = ["u"], attrs = {axes = array<i64: 0>}} : (tensor<2xf32>) -> !onnx.value
  %v = onnx.node "Unsqueeze"(%x, %a) {name = "v", outputs = ["v"]} : (tensor<2xf32>, tensor<1xsi64>) -> !onnx.value
  return
}
