// RUN: npc-opt %s --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s

// ReduceMean over the token axis of [1, 5, 8] without keepdims (a
// transformer classifier's mean pooling): qg.reduce keeps the rank with the
// axis 1, a qg.reshape drops it. ReduceMax with keepdims is one qg.reduce.
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: %[[R:.*]] = qg.reduce %[[Q]] {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "mean"} : tensor<1x5x8x{{.*}}> -> tensor<1x1x8x!quant.uniform<u8:f32, 2.500000e-01:10>>
// CHECK: %[[S:.*]] = qg.reshape %[[R]] : tensor<1x1x8x{{.*}}> -> tensor<1x8x{{.*}}>
// CHECK: %[[M:.*]] = qg.reduce %[[Q]] {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "max"} : tensor<1x5x8x{{.*}}> -> tensor<1x5x1x{{.*}}>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x5x8xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["mean", "max"]} {
    %s = onnx.constant "s" dense<0.25> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x5x8xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%d) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: 1>, keepdims = 0 : i64}}
        : (!onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["mq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %md = onnx.node "DequantizeLinear"(%mq, %s, %z) {name = "dqm", outputs = ["mean"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %x2 = onnx.node "ReduceMax"(%d) {name = "max", outputs = ["x2"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %xq = onnx.node "QuantizeLinear"(%x2, %s, %z) {name = "qx2", outputs = ["xq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx2", outputs = ["max"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %md, %xd : !onnx.value, !onnx.value
  }
}
