// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// npc's QLinearLayerNormalization (onnx-fuse-qdq's DQ -> LayerNormalization
// -> Q) reads Scale and B as LayerNormalization does: constants with one
// value or one per element of the last axis, which it normalizes.
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %g = onnx.constant "g" dense<[1.0, 2.0]> : tensor<2xf32>
    %none = onnx.none
    // expected-error @+1 {{node 'ln' (LayerNormalization): Scale has 2 values, expected 3}}
    %y = onnx.node "QLinearLayerNormalization"(%x, %s, %z, %g, %none, %s, %z) {domain = "npc", name = "ln", outputs = ["y"], source_op_type = "LayerNormalization"}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<2xf32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %g = onnx.constant "g" dense<1.0> : tensor<f32>
    %none = onnx.none
    // expected-error @+1 {{node 'ln' (QLinearLayerNormalization): only LayerNormalization over the last axis is supported (axis 0 of rank 2)}}
    %y = onnx.node "QLinearLayerNormalization"(%x, %s, %z, %g, %none, %s, %z) {domain = "npc", name = "ln", outputs = ["y"], attrs = {axis = 0 : i64}}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Its Scale is a constant, not an activation.
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %none = onnx.none
    // expected-error @+1 {{node 'ln' (QLinearLayerNormalization): Scale must be a constant (an initializer, or DequantizeLinear of one)}}
    %y = onnx.node "QLinearLayerNormalization"(%x, %s, %z, %x, %none, %s, %z) {domain = "npc", name = "ln", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<2x3xui8>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
