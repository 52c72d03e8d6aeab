// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// Splits npc refuses (helper-73 found the first converting with an empty
// third part): before opset 18, an axis its outputs do not divide
// (onnxruntime refuses it: the parts are equal); and a part of size 0,
// from num_outputs (opset 18: parts of ceil(2 / 3) = 1, the last 0) or
// from the sizes given.

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["xd"]}
        : (tensor<1x2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'split' (Split): the axis (2) does not split into 3 equal parts; give the split sizes}}
    %a:3 = onnx.node "Split"(%xd) {name = "split", outputs = ["a", "b", "c"], attrs = {axis = 1 : i64}}
        : (!onnx.value) -> (!onnx.value, !onnx.value, !onnx.value)
    %y = onnx.node "QuantizeLinear"(%a#0, %s, %z) {name = "q", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 18 : i64} {
  func.func @main(%x: tensor<1x2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["xd"]}
        : (tensor<1x2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'split' (Split): a part of the split has size 0 (sizes [1, 1, 0]); npc does not make empty tensors}}
    %a:3 = onnx.node "Split"(%xd) {name = "split", outputs = ["a", "b", "c"], attrs = {axis = 1 : i64, num_outputs = 3 : i64}}
        : (!onnx.value) -> (!onnx.value, !onnx.value, !onnx.value)
    %y = onnx.node "QuantizeLinear"(%a#0, %s, %z) {name = "q", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sizes = onnx.constant "sizes" dense<[2, 0]> : tensor<2xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["xd"]}
        : (tensor<1x2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'split' (Split): a part of the split has size 0 (sizes [2, 0]); npc does not make empty tensors}}
    %a:2 = onnx.node "Split"(%xd, %sizes) {name = "split", outputs = ["a", "b"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<2xsi64>) -> (!onnx.value, !onnx.value)
    %y = onnx.node "QuantizeLinear"(%a#0, %s, %z) {name = "q", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
