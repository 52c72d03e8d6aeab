// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// npc's QLinearConcat (onnx-fuse-qdq's Concat -> [Relu|Clip] -> Q) takes
// y_min, y_max after the triples, scalars of Y's type.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %lo = onnx.constant "lo" dense<0> : tensor<ui8>
    // expected-error @+1 {{node 'cat' (QLinearConcat): y_min must be a scalar of Y's type (int8)}}
    %y = onnx.node "QLinearConcat"(%s, %z, %x, %s, %z, %x, %s, %z, %lo, %z) {domain = "npc", name = "cat", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (tensor<f32>, tensor<si8>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<ui8>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %lo = onnx.constant "lo" dense<3> : tensor<si8>
    // expected-error @+1 {{node 'cat' (QLinearConcat): y_min 3 is above y_max 0}}
    %y = onnx.node "QLinearConcat"(%s, %z, %x, %s, %z, %x, %s, %z, %lo, %z) {domain = "npc", name = "cat", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (tensor<f32>, tensor<si8>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<si8>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// onnxruntime's takes no bounds.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    // expected-error @+1 {{node 'cat' (QLinearConcat): needs Y's scale and zero point, then a (tensor, scale, zero point) triple per input}}
    %y = onnx.node "QLinearConcat"(%s, %z, %x, %s, %z, %x, %s, %z, %z, %z) {domain = "com.microsoft", name = "cat", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (tensor<f32>, tensor<si8>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<si8>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A user's 16-bit tensor is not npc's codes: QLinearConcat refuses its
// zero point's type.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xsi16>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %z16 = onnx.constant "z16" dense<0> : tensor<si16>
    // expected-error @+1 {{node 'cat' (QLinearConcat): zero point type int16 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %y = onnx.node "QLinearConcat"(%s, %z, %x, %s, %z16) {domain = "npc", name = "cat", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (tensor<f32>, tensor<si8>, tensor<1x2xsi16>, tensor<f32>, tensor<si16>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's: the triples, then y_min and y_max or nothing.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    // expected-error @+1 {{node 'cat' (QLinearConcat): needs Y's scale and zero point, then a (tensor, scale, zero point) triple per input, then optionally y_min and y_max}}
    %y = onnx.node "QLinearConcat"(%s, %z, %x, %s, %z, %z) {domain = "npc", name = "cat", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (tensor<f32>, tensor<si8>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}
