// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// npc's QLinearRequantize (onnx-fuse-qdq's DQ -> [Relu|Clip] -> Q) reads X
// and Y per tensor, X of its zero point's type, as the QOperator nodes do.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s2 = onnx.constant "s2" dense<[0.5, 0.25]> : tensor<2xf32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %z2 = onnx.constant "z2" dense<[3, 3]> : tensor<2xui8>
    // expected-error @+1 {{node 'rq' (QLinearRequantize): scale has 2 values; this input is quantized per tensor (one scale)}}
    %y = onnx.node "QLinearRequantize"(%x, %s, %z, %s2, %z2) {domain = "npc", name = "rq", outputs = ["y"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<2xf32>, tensor<2xui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    // expected-error @+1 {{node 'rq' (QLinearRequantize): input X is int8 but its zero point is uint8}}
    %y = onnx.node "QLinearRequantize"(%x, %s, %z, %s, %z) {domain = "npc", name = "rq", outputs = ["y"]}
        : (tensor<1x4xsi8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// y_min and y_max (the clamp of an activation it took in) are codes of Y's
// type, the lower one first.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %lo = onnx.constant "lo" dense<0> : tensor<si8>
    %lo2 = onnx.constant "lo2" dense<30> : tensor<ui8>
    %hi2 = onnx.constant "hi2" dense<20> : tensor<ui8>
    // expected-error @+1 {{node 'rq' (QLinearRequantize): y_min must be a scalar of Y's type (uint8)}}
    %y = onnx.node "QLinearRequantize"(%x, %s, %z, %s, %z, %lo, %hi2) {domain = "npc", name = "rq", outputs = ["y"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<si8>, tensor<ui8>) -> !onnx.value
    %y2 = onnx.node "QLinearRequantize"(%x, %s, %z, %s, %z, %lo2, %hi2) {domain = "npc", name = "rq2", outputs = ["y2"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %lo = onnx.constant "lo" dense<30> : tensor<ui8>
    %hi = onnx.constant "hi" dense<20> : tensor<ui8>
    // expected-error @+1 {{node 'rq' (QLinearRequantize): y_min 30 is above y_max 20}}
    %y = onnx.node "QLinearRequantize"(%x, %s, %z, %s, %z, %lo, %hi) {domain = "npc", name = "rq", outputs = ["y"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    // expected-error @+1 {{node 'rq' (QLinearRequantize): has 8 inputs; it takes at most 7 (X, its scale and zero point, Y's, y_min, y_max)}}
    %y = onnx.node "QLinearRequantize"(%x, %s, %z, %s, %z, %z, %z, %z) {domain = "npc", name = "rq", outputs = ["y"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<ui8>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Of npc's 16-bit codes (here an average's), Y may be 16-bit only as the
// codes' own parameters: a clamp of them (a lone Relu's, from
// onnx-fuse-qdq). Another scale, or a factor, is refused.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.03125> : tensor<f32>
    %sy2 = onnx.constant "sy2" dense<0.0625> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    %lo = onnx.constant "lo" dense<160> : tensor<ui16>
    %hi = onnx.constant "hi" dense<65535> : tensor<ui16>
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sy, %zy) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>) -> !onnx.value
    // expected-error @+1 {{node 'rq' (QLinearRequantize): npc's 16-bit codes are only clamped here: Y's parameters must be X's (scale 0.03125, zero point 160, uint16), with no factor or divisor}}
    %y = onnx.node "QLinearRequantize"(%p, %sy, %zy, %sy2, %zy, %lo, %hi) {domain = "npc", name = "rq", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui16>, tensor<f32>, tensor<ui16>, tensor<ui16>, tensor<ui16>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.03125> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    %lo = onnx.constant "lo" dense<160> : tensor<ui16>
    %hi = onnx.constant "hi" dense<65535> : tensor<ui16>
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sy, %zy) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>) -> !onnx.value
    // expected-error @+1 {{node 'rq2' (QLinearRequantize): npc's 16-bit codes are only clamped here: Y's parameters must be X's (scale 0.03125, zero point 160, uint16), with no factor or divisor}}
    %y = onnx.node "QLinearRequantize"(%p, %sy, %zy, %sy, %zy, %lo, %hi) {domain = "npc", name = "rq2", outputs = ["y"], attrs = {factor = 2.0 : f32}}
        : (!onnx.value, tensor<f32>, tensor<ui16>, tensor<f32>, tensor<ui16>, tensor<ui16>, tensor<ui16>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Its clamp is taken within the codes' own range (0 to 4080 here), which
// y_min above it leaves empty.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.03125> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    %lo = onnx.constant "lo" dense<4081> : tensor<ui16>
    %hi = onnx.constant "hi" dense<65535> : tensor<ui16>
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sy, %zy) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>) -> !onnx.value
    // expected-error @+1 {{node 'rq' (QLinearRequantize): y_min and y_max leave no code of npc's 16-bit codes (0 to 4080)}}
    %y = onnx.node "QLinearRequantize"(%p, %sy, %zy, %sy, %zy, %lo, %hi) {domain = "npc", name = "rq", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui16>, tensor<f32>, tensor<ui16>, tensor<ui16>, tensor<ui16>) -> !onnx.value
    return %y : !onnx.value
  }
}
