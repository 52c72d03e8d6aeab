// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// npc's QLinearConv, QLinearMatMul and QGemm take y_min and y_max after
// the bias slot (onnx-fuse-qdq writes them for a Clip with attribute bounds, before
// opset 11): codes of Y's type, the lower one first, at most 11 inputs.
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %lo = onnx.constant "lo" dense<0> : tensor<si8>
    %hi = onnx.constant "hi" dense<12> : tensor<ui8>
    %none = onnx.none
    // expected-error @+1 {{node 'conv' (QLinearConv): y_min must be a scalar of Y's type (uint8)}}
    %y = onnx.node "QLinearConv"(%x, %s, %z, %w, %s, %zw, %s, %z, %none, %lo, %hi) {domain = "npc", name = "conv", outputs = ["y"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, tensor<ui8>, none, tensor<si8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x2xsi8>
    %lo = onnx.constant "lo" dense<13> : tensor<ui8>
    %hi = onnx.constant "hi" dense<12> : tensor<ui8>
    %none = onnx.none
    // expected-error @+1 {{node 'mm' (QLinearMatMul): y_min 13 is above y_max 12}}
    %y = onnx.node "QLinearMatMul"(%x, %s, %z, %w, %s, %zw, %s, %z, %none, %lo, %hi) {domain = "npc", name = "mm", outputs = ["y"]}
        : (tensor<2x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, tensor<ui8>, none, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x2xsi8>
    %lo = onnx.constant "lo" dense<0> : tensor<ui8>
    %none = onnx.none
    // expected-error @+1 {{node 'mm' (QLinearMatMul): has 12 inputs; it takes at most 11 (x, its scale and zero point, w, its scale and zero point, Y's, B, y_min, y_max)}}
    %y = onnx.node "QLinearMatMul"(%x, %s, %z, %w, %s, %zw, %s, %z, %none, %lo, %lo, %lo) {domain = "npc", name = "mm", outputs = ["y"]}
        : (tensor<2x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, tensor<ui8>, none, tensor<ui8>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A product of two activations has no bias.
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %b = onnx.constant "b" dense<0> : tensor<2xsi32>
    %lo = onnx.constant "lo" dense<0> : tensor<ui8>
    // expected-error @+1 {{node 'mm' (QLinearMatMul): a product of two activations takes no bias}}
    %y = onnx.node "QLinearMatMul"(%x, %s, %z, %x, %s, %z, %s, %z, %b, %lo, %lo) {domain = "npc", name = "mm", outputs = ["y"]}
        : (tensor<2x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<2xsi32>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<3x2xsi8>
    %hi = onnx.constant "hi" dense<12> : tensor<si8>
    %none = onnx.none
    // expected-error @+1 {{node 'gemm' (QGemm): y_max must be a scalar of Y's type (uint8)}}
    %y = onnx.node "QGemm"(%x, %s, %z, %w, %s, %zw, %none, %s, %z, %none, %hi) {domain = "npc", name = "gemm", outputs = ["y"], attrs = {transB = 1 : i64}}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>, tensor<3x2xsi8>, tensor<f32>, tensor<si8>, none, tensor<f32>, tensor<ui8>, none, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}
