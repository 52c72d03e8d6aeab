// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg | FileCheck %s

// Slice and Split on a dequantized activation move its codes: Slice
// channels 1:5 in steps of 2 (starts 1, 2 elements); Split of the width 7
// into 3 + 4 (two slices, starts 0 and 3).
// CHECK-LABEL: func.func @main
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

// -----

// torch exports x[:, 3:] with ends INT64_MAX: the slice keeps channels
// 3 to 5, three of them. (Read through a double, INT64_MAX became
// INT64_MIN, and the slice was empty: a 1x0 result, silently.)
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.slice %[[Q]] {starts = array<i64: 0, 3>, steps = array<i64: 1, 1>} : tensor<1x6x{{.*}}> -> tensor<1x3x
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x6xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %st = onnx.constant "st" dense<[3]> : tensor<1xsi64>
    %en = onnx.constant "en" dense<[9223372036854775807]> : tensor<1xsi64>
    %ax = onnx.constant "ax" dense<[1]> : tensor<1xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x6xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "Slice"(%d, %st, %en, %ax) {name = "sl", outputs = ["a"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %qa = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qa", outputs = ["qa"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %qa : !onnx.value
  }
}
