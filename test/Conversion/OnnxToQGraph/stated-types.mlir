// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// The types a module states for node results (the importer's, from ONNX's
// shape inference) are checked against what the conversion makes of each
// node: onnx-fuse-qdq reads shapes and ranks from them, so a wrong one
// must be an error at its node, not a wrong answer.

// A Reshape of codes to [1, 18] stated as [2, 9].
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>) -> tensor<2x9xf32>
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %shape = onnx.constant "shape" dense<[1, 18]> : tensor<2xsi64>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x3x3xui8>
    // expected-error @+1 {{node 'reshape' (Reshape): output 'x2' is stated as tensor<2x9xui8>, but it is an integer tensor of shape [1, 18]}}
    %x2 = onnx.node "Reshape"(%x, %shape) {name = "reshape", outputs = ["x2"]}
        : (tensor<1x2x3x3xui8>, tensor<2xsi64>) -> tensor<2x9xui8>
    %y = onnx.node "DequantizeLinear"(%x2, %s, %z) {name = "dq", outputs = ["y"]}
        : (tensor<2x9xui8>, tensor<f32>, tensor<ui8>) -> tensor<2x9xf32>
    return %y : tensor<2x9xf32>
  }
}

// -----

// A DequantizeLinear stated as integer codes: the shape is its input's
// (the verifier holds it to that), the kind is checked here.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x4xf32>) -> tensor<1x4xui8>
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x4xui8>
    // expected-error @+1 {{node 'dq' (DequantizeLinear): output 'y' is stated as tensor<1x4xui8>, but it is a float tensor of shape [1, 4]}}
    %y = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["y"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x4xui8>
    return %y : tensor<1x4xui8>
  }
}

// -----

// A PRelu per channel (slope [2, 1, 1]) on codes reshaped to [1, 3, 3, 2]
// but stated as [1, 2, 3, 3]: onnx-fuse-qdq takes the stated shape and
// makes one table per channel of axis 1, where the slope does not fit
// the real x (its axis 3 has 2, axis 1 has 3). The Reshape's check comes
// first on both routes: no wrong answer.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xui8>
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %shape = onnx.constant "shape" dense<[1, 3, 3, 2]> : tensor<4xsi64>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x3x3xui8>
    // expected-error @+1 {{node 'reshape' (Reshape): output 'x4' is stated as tensor<1x2x3x3xui8>, but it is an integer tensor of shape [1, 3, 3, 2]}}
    %x4 = onnx.node "Reshape"(%x, %shape) {name = "reshape", outputs = ["x4"]}
        : (tensor<1x2x3x3xui8>, tensor<4xsi64>) -> tensor<1x2x3x3xui8>
    %xd = onnx.node "DequantizeLinear"(%x4, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x3x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x2x3x3xf32>
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]}
        : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x3x3xui8>
    return %y : tensor<1x2x3x3xui8>
  }
}
