// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// Opset 21's blocked quantization (block_size > 0) is refused at the node.
// Read per channel, this weight's scales [[0.1, 0.2], [0.3, 0.4]] (one per
// row and block of two columns) would have become one per column, 0.1 to
// 0.4: a wrong answer without a word.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<3x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x4xsi8>
    %ws = onnx.constant "ws" dense<[[0.1, 0.2], [0.3, 0.4]]> : tensor<2x2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<3x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'dqw' (DequantizeLinear): block_size 2 (blocked quantization) is not supported: npc quantizes per tensor or per channel}}
    %wd = onnx.node "DequantizeLinear"(%w, %ws) {name = "dqw", outputs = ["wd"], attrs = {axis = 1 : i64, block_size = 2 : i64}}
        : (tensor<2x4xsi8>, tensor<2x2xf32>) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wd) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<3x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<[[0.5], [0.25], [0.125]]> : tensor<3x1xf32>
    // expected-error @+1 {{node 'qx' (QuantizeLinear): block_size 2 (blocked quantization) is not supported: npc quantizes per tensor or per channel}}
    %q = onnx.node "QuantizeLinear"(%x, %s) {name = "qx", outputs = ["q"], attrs = {axis = 1 : i64, block_size = 2 : i64}}
        : (tensor<3x2xf32>, tensor<3x1xf32>) -> !onnx.value
    return %q : !onnx.value
  }
}
