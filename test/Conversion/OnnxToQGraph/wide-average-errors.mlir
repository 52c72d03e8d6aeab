// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// npc's averages of onnxruntime's names (onnx-fuse-qdq's, for an average a
// product reads) keep 1/16 of X's step in 16-bit codes: Y's scale and zero
// point must say so.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    // expected-error @+1 {{node 'gap' (GlobalAveragePool): npc's 16-bit average keeps 1/16 of X's step: Y's scale must be 0.03125 and its zero point 160 (uint16)}}
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sy, %zy) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>) -> !onnx.value
    return %p : !onnx.value
  }
}

// -----

// Its codes are read with their own parameters.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.03125> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    %zy2 = onnx.constant "zy2" dense<0> : tensor<ui16>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sy, %zy) {domain = "npc", name = "gap", outputs = ["p"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (QLinearConv): input 'p' is npc's 16-bit codes (scale 0.03125, zero point 160); it must be read with those}}
    %c = onnx.node "QLinearConv"(%p, %sy, %zy2, %w, %s, %zw, %s, %z) {name = "conv", outputs = ["c"]}
        : (!onnx.value, tensor<f32>, tensor<ui16>, tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %c : !onnx.value
  }
}

// -----

// Only npc's: onnxruntime's QLinearGlobalAveragePool has no 16-bit Y.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.03125> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    // expected-error @+1 {{node 'gap' (QLinearGlobalAveragePool): zero point type uint16 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sy, %zy) {domain = "com.microsoft", name = "gap", outputs = ["p"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>) -> !onnx.value
    return %p : !onnx.value
  }
}

// -----

// A user's 16-bit tensor is not npc's codes: its DequantizeLinear is refused.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x4xui16>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui16>
    // expected-error @+1 {{node 'dq' (DequantizeLinear): input type uint16 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %y = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["y"]}
        : (tensor<1x4xui16>, tensor<f32>, tensor<ui16>) -> !onnx.value
    return %y : !onnx.value
  }
}
