// RUN: npc-opt %s --npc-convert-onnx-to-qg | FileCheck %s

// Slice and Split on a dequantized activation move its codes: Slice
// channels 1:5 in steps of 2 (starts 1, 2 elements); Split of the width 7
// into 3 + 4 (two slices, starts 0 and 3).
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.slice %[[Q]] {starts = array<i64: 0, 1, 0, 0>, steps = array<i64: 1, 2, 1, 1>} : tensor<1x6x5x7x{{.*}}> -> tensor<1x2x5x7x
// CHECK: qg.slice %[[Q]] {starts = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x6x5x7x{{.*}}> -> tensor<1x6x5x3x
// CHECK: qg.slice %[[Q]] {starts = array<i64: 0, 0, 0, 3>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x6x5x7x{{.*}}> -> tensor<1x6x5x4x
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x6x5x7xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %st = onnx.constant "st" dense<[1]> : tensor<1xsi64>
    %en = onnx.constant "en" dense<[5]> : tensor<1xsi64>
    %ax = onnx.constant "ax" dense<[1]> : tensor<1xsi64>
    %sp = onnx.constant "sp" dense<[2]> : tensor<1xsi64>
    %split = onnx.constant "split" dense<[3, 4]> : tensor<2xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6x5x7xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "Slice"(%d, %st, %en, %ax, %sp) {name = "sl", outputs = ["a"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %b:2 = onnx.node "Split"(%d, %split) {name = "spl", outputs = ["b", "c"], attrs = {axis = 3 : si64}}
        : (!onnx.value, tensor<2xsi64>) -> (!onnx.value, !onnx.value)
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qb = onnx.node "QuantizeLinear"(%b#0, %s, %z) {name = "qb", outputs = ["qb"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %qc = onnx.node "QuantizeLinear"(%b#1, %s, %z) {name = "qc", outputs = ["qc"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa, %qb, %qc : !onnx.value, !onnx.value, !onnx.value
  }
}
