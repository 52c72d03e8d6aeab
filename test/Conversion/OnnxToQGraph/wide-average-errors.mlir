// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

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

// -----

// An average only products read is made where it is, so its error comes
// before one of a later node, with and without the fusion (which puts npc's
// node there).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "f"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'mean' (ReduceMean): axis 5 is out of range for rank 4}}
    %p = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["p"], attrs = {axes = array<i64: 5>}} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Foo"(%xd) {name = "foo", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %f : !onnx.value, !onnx.value
  }
}

// -----

// npc's average takes X, its scale and zero point, and Y's.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.03125> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    // expected-error @+1 {{node 'gap' (QLinearGlobalAveragePool): has 6 inputs; it takes 5 (X, its scale and zero point, Y's)}}
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sy, %zy, %zy) {domain = "npc", name = "gap", outputs = ["p"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>, tensor<ui16>) -> !onnx.value
    return %p : !onnx.value
  }
}

// -----

// ConvInteger reads 8-bit (or narrower) codes: a user's 16-bit input is refused.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui16>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xui8>
    // expected-error @+1 {{node 'ci' (ConvInteger): input type uint16 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %y = onnx.node "ConvInteger"(%x, %w) {name = "ci", outputs = ["y"]}
        : (tensor<1x1x2x2xui16>, tensor<1x1x1x1xui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The 16-bit average takes no y_min, y_max (its clamp is its range).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.03125> : tensor<f32>
    %zy = onnx.constant "zy" dense<160> : tensor<ui16>
    %lo = onnx.constant "lo" dense<0> : tensor<ui16>
    %hi = onnx.constant "hi" dense<65535> : tensor<ui16>
    // expected-error @+1 {{node 'avg' (QLinearReduceMean): has 7 inputs; it takes 5 (X, its scale and zero point, Y's) as npc's 16-bit average}}
    %p = onnx.node "QLinearReduceMean"(%x, %s, %z, %sy, %zy, %lo, %hi) {domain = "npc", name = "avg", outputs = ["p"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>, tensor<ui16>, tensor<ui16>) -> !onnx.value
    return %p : !onnx.value
  }
}
