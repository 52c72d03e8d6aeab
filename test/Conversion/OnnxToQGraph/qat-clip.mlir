// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s

// torch's QAT (fbgemm, version 0) clips every QuantizeLinear's codes to
// 0..127 with a Clip on the quantized tensor. Where the layer that made the
// codes clamps them, the Clip narrows that clamp (the conv's Relu range
// 0..255 becomes 0..127); where the codes are in range already (a max pool
// of those codes) it is dropped. Only a Clip of codes that no layer clamps
// (the quantized graph input, here also read by the conv) stays a
// qg.rescale.

// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: %[[C:.*]] = qg.conv2d %[[Q]], %{{.*}} {clamp_max = 127 : i32, clamp_min = 0 : i32
// CHECK: %[[M:.*]] = qg.max_pool %[[C]]
// CHECK: %[[R:.*]] = qg.rescale %[[Q]] {clamp_max = 127 : i32, clamp_min = 0 : i32}
// CHECK-NOT: qg.rescale
// CHECK: qg.dequantize %[[M]]
// CHECK: qg.dequantize %[[R]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "z"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %hi = onnx.constant "hi" dense<127> : tensor<ui8>
    %none = onnx.none
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 1, 1>}} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qc", outputs = ["cq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %cc = onnx.node "Clip"(%cq, %none, %hi) {name = "clip_c", outputs = ["cc"]}
        : (!onnx.value, none, tensor<ui8>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%cc, %sy, %zy) {name = "dqc", outputs = ["cd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "MaxPool"(%cd) {name = "pool", outputs = ["m"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (!onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qm", outputs = ["mq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mc = onnx.node "Clip"(%mq, %none, %hi) {name = "clip_m", outputs = ["mc"]}
        : (!onnx.value, none, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%mc, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xc = onnx.node "Clip"(%xq, %none, %hi) {name = "clip_x", outputs = ["xc"]}
        : (!onnx.value, none, tensor<ui8>) -> !onnx.value
    %z = onnx.node "DequantizeLinear"(%xc, %sx, %zx) {name = "dqz", outputs = ["z"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %z : !onnx.value, !onnx.value
  }
}

// -----

// A QuantizeLinear that changes nothing gives its input's codes: here the
// conv's codes are read through it by the Clip and directly by a second
// conv, so the Clip may not narrow the first conv's clamp. It is a rescale
// of its own, and the second conv reads the unclamped codes.
// CHECK-LABEL: func.func @main
// CHECK: %[[C:.*]] = qg.conv2d %{{.*}}, %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32
// CHECK: %[[R:.*]] = qg.rescale %[[C]] {clamp_max = 127 : i32, clamp_min = 0 : i32}
// CHECK: qg.conv2d %[[C]], %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "z"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[1]]]]> : tensor<1x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %hi = onnx.constant "hi" dense<127> : tensor<ui8>
    %none = onnx.none
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 1, 1>}} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qc", outputs = ["cq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%cq, %sy, %zy) {name = "dqc", outputs = ["cd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %cq2 = onnx.node "QuantizeLinear"(%cd, %sy, %zy) {name = "qc2", outputs = ["cq2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %cc = onnx.node "Clip"(%cq2, %none, %hi) {name = "clip", outputs = ["cc"]}
        : (!onnx.value, none, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%cc, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c2 = onnx.node "Conv"(%cd, %wd) {name = "conv2", outputs = ["c2"],
           attrs = {kernel_shape = array<i64: 1, 1>}} : (!onnx.value, !onnx.value) -> !onnx.value
    %r2 = onnx.node "Relu"(%c2) {name = "relu2", outputs = ["r2"]} : (!onnx.value) -> !onnx.value
    %zq = onnx.node "QuantizeLinear"(%r2, %sy, %zy) {name = "qz", outputs = ["zq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %z = onnx.node "DequantizeLinear"(%zq, %sy, %zy) {name = "dqz", outputs = ["z"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %z : !onnx.value, !onnx.value
  }
}
