// RUN: npc-opt %s --split-input-file --npc-convert-onnx-to-qg --verify-diagnostics | FileCheck %s

// PRelu with a slope per channel (torch's nn.PReLU(C), the slope [C, 1, 1])
// is one qg.table per channel. Worked out by hand: uint2 codes 0..3 at
// scale 1, zero point 2, are -2, -1, 0, 1; channel 0 (slope 0.5) gives
// -1, -0.5, 0, 1 and channel 1 (slope 0.25) -0.5, -0.25, 0, 1; at scale
// 0.25, zero point 8: 4, 6, 8, 12 and 6, 7, 8, 12. Entry e of channel c is
// at e * 2 + c.
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.table %[[Q]] {channel_axis = 1 : i64, table = array<i32: 4, 6, 6, 7, 8, 8, 12, 12>} : tensor<1x2x1x3x!quant.uniform<u2:f32, 1.000000e+00:2>> -> tensor<1x2x1x3x!quant.uniform<u8:f32, 2.500000e-01:8>>
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A slope that varies along two axes is not one function per channel.
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5, 0.1, 0.2]], [[0.25, 0.3, 0.4]]]> : tensor<2x1x3xf32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [2, 1, 3] must be one value or one per channel of the input [1, 2, 1, 3] (one axis other than the first)}}
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x3xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %s, %z) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Two per-channel functions along different axes are not one table per channel.
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x3x1xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %k1 = onnx.constant "slope1" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %k2 = onnx.constant "slope2" dense<[[0.5], [0.1], [0.2]]> : tensor<3x1xf32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x3x1xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p1 = onnx.node "PRelu"(%d, %k1) {name = "prelu1", outputs = ["p1"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    // expected-error @+1 {{node 'prelu2' (PRelu): a chain of functions may vary along one axis only}}
    %p2 = onnx.node "PRelu"(%p1, %k2) {name = "prelu2", outputs = ["p2"]}
        : (!onnx.value, tensor<3x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p2, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %s, %z) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A quantized slope (a DequantizeLinear of codes) is not a float constant.
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %kq = onnx.constant "slope_q" dense<[[[64]], [[32]]]> : tensor<2x1x1xui8>
    %ks = onnx.constant "slope_s" dense<0.0078125> : tensor<f32>
    %kz = onnx.constant "slope_z" dense<0> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %k = onnx.node "DequantizeLinear"(%kq, %ks, %kz) {name = "slope_dq", outputs = ["k"]}
        : (tensor<2x1x1xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope must be a float constant}}
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %s, %z) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
