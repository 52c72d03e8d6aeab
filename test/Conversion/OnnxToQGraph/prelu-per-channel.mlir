// onnx-fuse-qdq makes such a chain npc's QLinearLookup with a table per
// channel; the conversion checks the slope against x's shape there, and
// says so at the PRelu.
// RUN: npc-opt %s --split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg --verify-diagnostics | FileCheck %s

// PRelu with a slope per channel (torch's nn.PReLU(C), the slope [C, 1, 1])
// is one qg.table per channel. Worked out by hand: uint2 codes 0..3 at
// scale 1, zero point 2, are -2, -1, 0, 1; channel 0 (slope 0.5) gives
// -1, -0.5, 0, 1 and channel 1 (slope 0.25) -0.5, -0.25, 0, 1; at scale
// 0.25, zero point 8: 4, 6, 8, 12 and 6, 7, 8, 12. Entry e of channel c is
// at e * 2 + c.
// CHECK-LABEL: func.func @main
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
// onnx-fuse-qdq does not know x's shape: it fuses, and the conversion
// says so at the PRelu, which the fused node names.
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

// Two per-channel functions along different axes are not one table per
// channel (onnx-fuse-qdq leaves two slopes of rank above 0 to the walk).
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

// -----

// Equal slopes per channel are one table: channel 0's above, 4, 6, 8, 12.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.table %[[Q]] {table = array<i32: 4, 6, 8, 12>} : tensor<1x2x1x3x!quant.uniform<u2:f32, 1.000000e+00:2>> -> tensor<1x2x1x3x!quant.uniform<u8:f32, 2.500000e-01:8>>
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.5]]]> : tensor<2x1x1xf32>
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

// One slope of rank 1 ([1], torch's nn.PReLU() in some exports): one table.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.table %[[Q]] {table = array<i32: 4, 6, 8, 12>} : tensor<1x2x1x3x!quant.uniform<u2:f32, 1.000000e+00:2>> -> tensor<1x2x1x3x!quant.uniform<u8:f32, 2.500000e-01:8>>
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[0.5]> : tensor<1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Slopes that differ where x is never negative (zero point 0: codes 0..3
// are 0, 1, 2, 3, which PRelu keeps): every channel's table is the same,
// 8, 12, 16, 20, so it is one table.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.table %[[Q]] {table = array<i32: 8, 12, 16, 20>} : tensor<1x2x1x3x!quant.uniform<u2:f32, 1.000000e+00>> -> tensor<1x2x1x3x!quant.uniform<u8:f32, 2.500000e-01:8>>
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui2>
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

// A PRelu of a chain that begins with a Mul by a scalar (0.5): the slope
// is checked against x's shape (the Mul's pending output has none of its
// own). Codes 0..3 are -2, -1, 0, 1, halved -1, -0.5, 0, 0.5; channel 0
// (slope 0.5) -0.5, -0.25, 0, 0.5 and channel 1 (0.25) -0.25, -0.125, 0,
// 0.5; at scale 0.25, zero point 8 (half to even): 6, 7, 8, 10 and 7, 8,
// 8, 10.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: qg.table %[[Q]] {channel_axis = 1 : i64, table = array<i32: 6, 7, 7, 8, 8, 8, 10, 10>}
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %h = onnx.constant "h" dense<0.5> : tensor<f32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %m = onnx.node "Mul"(%d, %h) {name = "half", outputs = ["m"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %p = onnx.node "PRelu"(%m, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A PRelu after a lone Relu is not in a chain (the Relu is pending on the
// codes); it says so, not that the slope does not fit a shape.
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %r = onnx.node "Relu"(%d) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): input must be a dequantized activation of at most 8 bits (per tensor)}}
    %p = onnx.node "PRelu"(%r, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    return %q2 : !onnx.value
  }
}

// -----

// The same slope along two axes when a MaxPool reads the PRelu (a 16-bit
// table per channel in onnx-fuse-qdq): said at the PRelu on both routes.
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
    %m = onnx.node "MaxPool"(%p) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (!onnx.value) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %q2 : !onnx.value
  }
}

// -----

// The same slope when a Split reads the PRelu (the table is made before
// the Split in onnx-fuse-qdq): said at the PRelu on both routes.
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
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
    %parts:2 = onnx.node "Split"(%p) {name = "split", outputs = ["p0", "p1"], attrs = {axis = 1 : i64}}
        : (!onnx.value) -> (!onnx.value, !onnx.value)
    %a = onnx.node "QuantizeLinear"(%parts#0, %s, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%parts#1, %s, %z) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b : !onnx.value, !onnx.value
  }
}

// -----

// A slope per channel that fits, and a Split whose sizes do not add up to
// the axis: said at the Split on both routes (after the table is made).
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %sizes = onnx.constant "sizes" dense<[1, 2]> : tensor<2xsi64>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    // expected-error @+1 {{node 'split' (Split): split sizes do not add up to the axis (2) over the node's 2 outputs}}
    %parts:2 = onnx.node "Split"(%p, %sizes) {name = "split", outputs = ["p0", "p1"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<2xsi64>) -> (!onnx.value, !onnx.value)
    %a = onnx.node "QuantizeLinear"(%parts#0, %s, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%parts#1, %s, %z) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b : !onnx.value, !onnx.value
  }
}

// -----

// A slope that is not per channel (x's last axis, 3, is not the slope's 2)
// and another failing node between the PRelu and its QuantizeLinear: the
// PRelu's error comes first on both routes. The walk reports the slope at
// the PRelu, the fused table where it is made, so onnx-fuse-qdq leaves
// such a chain to the walk when anything that may fail comes between
// (helper-45).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[0.5, 0.25]> : tensor<2xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [2] must be one value or one per channel of the input [1, 2, 3, 3]}}
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2xf32>) -> !onnx.value
    %c = onnx.node "Cast"(%o) {name = "badcast", outputs = ["c"], attrs = {to = 7 : i64}} : (tensor<1x4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}

// -----

// The same slope read by two QuantizeLinears with the failing node between
// them: onnx-fuse-qdq makes both tables (the second may follow anything,
// since the first checks the slope where the walk does); the PRelu's error
// comes first on both routes.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["a", "b", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[0.5, 0.25]> : tensor<2xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [2] must be one value or one per channel of the input [1, 2, 3, 3]}}
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2xf32>) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "Cast"(%o) {name = "badcast", outputs = ["c"], attrs = {to = 7 : i64}} : (tensor<1x4xf32>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b, %c : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// One slope value of rank 1 on a scalar x (rank 0): not a slope that
// broadcasts, with a failing node between: the PRelu's error first on
// both routes (onnx-fuse-qdq leaves the chain to the walk: x's rank,
// known here, is below the slope's).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<f32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[0.5]> : tensor<1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<f32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [1] must be one value or one per channel of the input []}}
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<1xf32>) -> !onnx.value
    %c = onnx.node "Cast"(%o) {name = "badcast", outputs = ["c"], attrs = {to = 7 : i64}} : (tensor<1x4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}

// -----

// One slope value of rank 2 on x of rank 1 that the fusion cannot see:
// x is a product of an activation of rank 1 and an Add of two one-value
// constants of rank 1, which the conversion folds to a scalar, so the
// PRelu's error comes first on both routes (helper-47). (Constants of a
// higher rank than the activation are an error at the Mul: errors.mlir.)
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%af: tensor<4xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["a", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %c1 = onnx.constant "c1" dense<1.0> : tensor<1xf32>
    %c2 = onnx.constant "c2" dense<0.5> : tensor<1xf32>
    %k = onnx.constant "slope" dense<[[0.5]]> : tensor<1x1xf32>
    %qa = onnx.node "QuantizeLinear"(%af, %s, %z) {name = "qa", outputs = ["qa"]}
        : (tensor<4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %da = onnx.node "DequantizeLinear"(%qa, %s, %z) {name = "da", outputs = ["da"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %kk = onnx.node "Add"(%c1, %c2) {name = "kk", outputs = ["kk"]} : (tensor<1xf32>, tensor<1xf32>) -> !onnx.value
    %m = onnx.node "Mul"(%da, %kk) {name = "m", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %qm = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["qm"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%qm, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [1, 1] must be one value or one per channel of the input [4] (one axis other than the first)}}
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<1x1xf32>) -> !onnx.value
    %c = onnx.node "Cast"(%o) {name = "badcast", outputs = ["c"], attrs = {to = 7 : i64}} : (tensor<1x4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}

// -----

// A constant of a type the conversion refuses (where it is) between the
// PRelu and its QuantizeLinear: not one that cannot fail, so the PRelu's
// error comes first on both routes (helper-47).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>) -> (!onnx.value, tensor<2xi64>)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[0.5, 0.25]> : tensor<2xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [2] must be one value or one per channel of the input [1, 2, 3, 3]}}
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2xf32>) -> !onnx.value
    %c = onnx.constant "c64" dense<1> : tensor<2xi64>
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, tensor<2xi64>
  }
}

// -----

// The same with a Conv reading the PRelu (a 16-bit table per channel in
// onnx-fuse-qdq); the weight's DequantizeLinear between may stay.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[0.5, 0.25]> : tensor<2xf32>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %ws = onnx.constant "ws" dense<0.1> : tensor<f32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [2] must be one value or one per channel of the input [1, 2, 3, 3]}}
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2xf32>) -> !onnx.value
    %c = onnx.node "Cast"(%o) {name = "badcast", outputs = ["c"], attrs = {to = 7 : i64}} : (tensor<1x4xf32>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %ws) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>) -> !onnx.value
    %cv = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["cv"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%cv, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}
