// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// A QLinearLookup's table holds Y's codes, one per code of X; X of at
// most 8 bits, X and Y per tensor.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x4xsi4>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %t = onnx.constant "t" dense<1> : tensor<16xsi8>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    // expected-error @+1 {{node 'lookup' (QLinearLookup): table must hold Y's codes (uint8), not int8}}
    %l = onnx.node "QLinearLookup"(%x, %s, %zx, %t, %s, %zy) {domain = "npc", name = "lookup", outputs = ["yq"]}
        : (tensor<1x4xsi4>, tensor<f32>, tensor<si4>, tensor<16xsi8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %l : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x4xsi4>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %t = onnx.constant "t" dense<1> : tensor<256xui8>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    // expected-error @+1 {{node 'lookup' (QLinearLookup): table of shape [256] must have one entry per code of X (16)}}
    %l = onnx.node "QLinearLookup"(%x, %s, %zx, %t, %s, %zy) {domain = "npc", name = "lookup", outputs = ["yq"]}
        : (tensor<1x4xsi4>, tensor<f32>, tensor<si4>, tensor<256xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %l : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x4xsi32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si32>
    %t = onnx.constant "t" dense<1> : tensor<256xui8>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    // expected-error @+1 {{node 'lookup' (QLinearLookup): a lookup table needs an input of at most 8 bits}}
    %l = onnx.node "QLinearLookup"(%x, %s, %zx, %t, %s, %zy) {domain = "npc", name = "lookup", outputs = ["yq"]}
        : (tensor<1x4xsi32>, tensor<f32>, tensor<si32>, tensor<256xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %l : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s2 = onnx.constant "s2" dense<[0.5, 0.25]> : tensor<2xf32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %z2 = onnx.constant "z2" dense<0> : tensor<2xui8>
    %t = onnx.constant "t" dense<1> : tensor<256xui8>
    // expected-error @+1 {{node 'lookup' (QLinearLookup): scale has 2 values; this input is quantized per tensor (one scale)}}
    %l = onnx.node "QLinearLookup"(%x, %s2, %z2, %t, %s, %z) {domain = "npc", name = "lookup", outputs = ["yq"]}
        : (tensor<1x2xui8>, tensor<2xf32>, tensor<2xui8>, tensor<256xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %l : !onnx.value
  }
}

// -----

// A table of more than one entry per code (onnx-fuse-qdq writes one per
// channel for a PRelu) must broadcast against X as a PRelu's slope does.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %t = onnx.constant "t" dense<1> : tensor<256x3xui8>
    // expected-error @+1 {{node 'lookup' (QLinearLookup): each code's entry in the table of shape [3] must be one value or one per channel of the input [1, 2] (one axis other than the first)}}
    %l = onnx.node "QLinearLookup"(%x, %s, %z, %t, %s, %z) {domain = "npc", name = "lookup", outputs = ["yq"]}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>, tensor<256x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %l : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x0xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %t = onnx.constant "t" dense<1> : tensor<256x0xui8>
    // expected-error @+1 {{node 'lookup' (QLinearLookup): table of shape [256, 0] must have one entry per code of X (256)}}
    %l = onnx.node "QLinearLookup"(%x, %s, %z, %t, %s, %z) {domain = "npc", name = "lookup", outputs = ["yq"]}
        : (tensor<1x0xui8>, tensor<f32>, tensor<ui8>, tensor<256x0xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %l : !onnx.value
  }
}
