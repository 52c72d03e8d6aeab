// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// A float operator's QuantizeLinear must be per tensor: the message names
// the operator and says so (it said that the axis was out of range for
// the tensor, whose shape the conversion learns only from the fused op).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x3x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %ws = onnx.constant "ws" dense<0.25> : tensor<f32>
    %s2 = onnx.constant "s2" dense<[0.5, 0.25]> : tensor<2xf32>
    %z2 = onnx.constant "z2" dense<[10, 20]> : tensor<2xui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x3x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %ws) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): the QuantizeLinear after it must be per tensor}}
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s2, %z2) {name = "qy", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<2xf32>, tensor<2xui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x3x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<[0.5, 0.25]> : tensor<2xf32>
    %z2 = onnx.constant "z2" dense<[10, 20]> : tensor<2xui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x3x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'add' (Add): the QuantizeLinear after it must be per tensor}}
    %a = onnx.node "Add"(%xd, %xd) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%a) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s2, %z2) {name = "qy", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<2xf32>, tensor<2xui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
