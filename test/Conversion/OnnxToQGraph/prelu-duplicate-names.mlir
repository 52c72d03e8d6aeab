// RUN: not npc-opt %s --npc-convert-onnx-to-qg 2>&1 | FileCheck %s
// RUN: not npc-opt %s --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg 2>&1 | FileCheck %s

// Two PRelu nodes of one name at one location (an ONNX file may repeat a
// node name; the importer names each node's location after it): the
// table made for the second (a slope per channel) says nothing about the
// first's slope (not per channel), so a failing node after that table
// must not be reported before the first PRelu's slope (helper-47).
// CHECK: error: loc("prelu"("PRelu")): node 'prelu' (PRelu): slope of shape [2] must be one value or one per channel of the input [1, 2, 3, 3] (one axis other than the first)
// CHECK-NOT: error
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["a", "b", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[0.5, 0.25]> : tensor<2xf32>
    %k2 = onnx.constant "slope2" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2xf32>) -> !onnx.value loc("prelu"("PRelu"))
    %p2 = onnx.node "PRelu"(%xd, %k2) {name = "prelu", outputs = ["p2"]} : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value loc("prelu"("PRelu"))
    %b = onnx.node "QuantizeLinear"(%p2, %s, %z) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "Cast"(%o) {name = "badcast", outputs = ["c"], attrs = {to = 7 : i64}} : (tensor<1x4xf32>) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b, %c : !onnx.value, !onnx.value, !onnx.value
  }
}
