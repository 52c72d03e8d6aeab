// The same ops and errors when onnx-fuse-qdq runs first (a linear Resize
// then reaches the conversion as npc's QLinearResize):
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics | FileCheck %s

// Resize (nearest, PyTorch's nn.Upsample at opset 13: asymmetric, floor,
// scales [1, 1, 2, 3]) between a DequantizeLinear and a QuantizeLinear of
// the same parameters: one qg.resize on the codes, factors (height, width).
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x2x3x4xf32> -> tensor<1x2x3x4x!quant.uniform<u8:f32, 0.10000000149011612:128>>
// CHECK: %[[R:.*]] = qg.resize %[[Q]] {factors = array<i64: 2, 3>} : tensor<1x2x3x4x!quant.uniform<u8:f32, 0.10000000149011612:128>> -> tensor<1x2x6x12x!quant.uniform<u8:f32, 0.10000000149011612:128>>
// CHECK: qg.dequantize %[[R]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x3x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %scales = onnx.constant "scales" dense<[1.0, 1.0, 2.0, 3.0]> : tensor<4xf32>
    %none = onnx.none
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x3x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Resize"(%d, %none, %scales) {name = "up", outputs = ["r"],
           attrs = {coordinate_transformation_mode = "asymmetric", mode = "nearest", nearest_mode = "floor"}}
        : (!onnx.value, none, tensor<4xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %s, %z) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// half_pixel (the default) with floor reads input row 0 for output row 2:
// not a repetition, refused at the node.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x3x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %scales = onnx.constant "scales" dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
    %none = onnx.none
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x3x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'up' (Resize): coordinate_transformation_mode 'half_pixel' with nearest_mode 'floor' reads input row 0 for output row 2, not 1: npc resizes by repeating each pixel}}
    %r = onnx.node "Resize"(%d, %none, %scales) {name = "up", outputs = ["r"], attrs = {nearest_mode = "floor"}}
        : (!onnx.value, none, tensor<4xf32>) -> !onnx.value
    return %r : !onnx.value
  }
}

// -----

// Mode linear computes: DQ -> Resize -> Q is one qg.resize_linear. At
// half_pixel with scale 2 on 2 -> 4 the input coordinate of output o is
// (o + 1/2) / 2 - 1/2 = (2 o - 1) / 4: step 2, offset -1, denominator 4.
// (test/Dialect/QGraph/legalize.mlir derives its multiplier.)
// CHECK-LABEL: func.func @main
// CHECK: qg.resize_linear %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, coord_den = array<i64: 4, 4>, coord_offset = array<i64: -1, -1>, coord_step = array<i64: 2, 2>} : tensor<1x1x2x2x{{.*}}> -> tensor<1x1x4x4x!quant.uniform<u8:f32, 1.000000e+00:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %scales = onnx.constant "scales" dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
    %none = onnx.none
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Resize"(%d, %none, %scales) {name = "up", outputs = ["r"], attrs = {mode = "linear"}}
        : (!onnx.value, none, tensor<4xf32>) -> !onnx.value
    %rq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qr", outputs = ["rq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%rq, %sy, %zy) {name = "dqr", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A scale that gives no output extent (NaN) and sizes past what npc checks
// row by row are refused at the node (the extent was converted from NaN,
// undefined, and 2^62 rows were walked one by one).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %sx = onnx.constant "sx" dense<5.000000e-01> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %nan = onnx.constant "nan" dense<[1.0, 1.0, 0x7FC00000, 2.0]> : tensor<4xf32>
    %huge = onnx.constant "huge" dense<[1, 4, 4611686018427387904, 4]> : tensor<4xsi64>
    %none = onnx.none
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x4x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'up' (Resize): scale nan gives no output extent}}
    %a = onnx.node "Resize"(%xq, %none, %nan) {name = "up", outputs = ["a"]} : (!onnx.value, none, tensor<4xf32>) -> !onnx.value
    return %a, %a : !onnx.value, !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["b"]} {
    %sx = onnx.constant "sx" dense<5.000000e-01> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %huge = onnx.constant "huge" dense<[1, 4, 4611686018427387904, 4]> : tensor<4xsi64>
    %none = onnx.none
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x4x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'up' (Resize): output extent 4611686018427387904 is out of range (at most 2^24)}}
    %b = onnx.node "Resize"(%xq, %none, %none, %huge) {name = "up", outputs = ["b"]} : (!onnx.value, none, none, tensor<4xsi64>) -> !onnx.value
    return %b : !onnx.value
  }
}

// -----

// A linear Resize by sizes (2x3 -> 3x5 at align_corners: o (i - 1) /
// (o' - 1), 1/2 and 2/4 = 1/2 per output step) with a Relu before its
// QuantizeLinear: the clamp starts at y's zero point 3.
// CHECK-LABEL: func.func @main
// CHECK: qg.resize_linear %{{.*}} {clamp_max = 255 : i32, clamp_min = 3 : i32, coord_den = array<i64: 2, 2>, coord_offset = array<i64: 0, 0>, coord_step = array<i64: 1, 1>} : tensor<1x1x2x3x{{.*}}> -> tensor<1x1x3x5x!quant.uniform<u8:f32, 2.500000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %sizes = onnx.constant "sizes" dense<[1, 1, 3, 5]> : tensor<4xsi64>
    %none = onnx.none
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x1x2x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Resize"(%d, %none, %none, %sizes) {name = "up", outputs = ["r"],
           attrs = {mode = "linear", coordinate_transformation_mode = "align_corners"}}
        : (!onnx.value, none, none, tensor<4xsi64>) -> !onnx.value
    %a = onnx.node "Relu"(%r) {name = "relu", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %rq = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qr", outputs = ["rq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%rq, %sy, %zy) {name = "dqr", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A linear scale that gives no whole size (3 * 1.5) is refused at the
// Resize, fused or not.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x3x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %scales = onnx.constant "scales" dense<[1.0, 1.0, 1.5, 1.0]> : tensor<4xf32>
    %none = onnx.none
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x1x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'up' (Resize): scale 1.5 of 3 is no whole size; give `sizes` for mode linear}}
    %r = onnx.node "Resize"(%d, %none, %scales) {name = "up", outputs = ["r"], attrs = {mode = "linear"}}
        : (!onnx.value, none, tensor<4xf32>) -> !onnx.value
    %rq = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qr", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %rq : !onnx.value
  }
}

// -----

// npc's QLinearResize written by hand: it interpolates linearly, and takes
// eight inputs.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %scales = onnx.constant "scales" dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
    %none = onnx.none
    // expected-error @+1 {{node 'near' (QLinearResize): mode 'nearest' is not supported: QLinearResize interpolates linearly}}
    %a = onnx.node "QLinearResize"(%x, %s, %z, %none, %scales, %none, %s, %z) {domain = "npc", name = "near", outputs = ["a"], attrs = {mode = "nearest"}}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>, none, tensor<4xf32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %a : !onnx.value, !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %scales = onnx.constant "scales" dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
    %none = onnx.none
    // expected-error @+1 {{node 'short' (QLinearResize): has 7 inputs; it takes 8 (X, its scale and zero point, roi, scales, sizes, Y's)}}
    %a = onnx.node "QLinearResize"(%x, %s, %z, %none, %scales, %s, %z) {domain = "npc", name = "short", outputs = ["a"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>, none, tensor<4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a : !onnx.value
  }
}

// -----

// Below opset 11 Resize has no roi or sizes: QLinearResize, which takes
// them, is refused there.
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %scales = onnx.constant "scales" dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
    %none = onnx.none
    // expected-error @+1 {{node 'old' (QLinearResize): needs opset 11 or later (Resize's roi, scales and sizes inputs)}}
    %a = onnx.node "QLinearResize"(%x, %s, %z, %none, %scales, %none, %s, %z) {domain = "npc", name = "old", outputs = ["a"], attrs = {mode = "linear"}}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>, none, tensor<4xf32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a : !onnx.value
  }
}
