// Fusing first (onnx-fuse-qdq writes each chain as npc's QLinearLookup with
// the same table) must not change the result.
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics | FileCheck %s --implicit-check-not=onnx.node

// Elementwise float functions between DequantizeLinear and QuantizeLinear
// (docs/semantics.md, "Lookup tables"): each is one qg.table on the input
// codes, entry e for the code whose low bits are e (so for a signed 4-bit
// input the codes 0..7, then -8..-1). Every entry below was computed
// independently of npc from the ONNX definition of the function and the
// quantization rule: x = float32(c - zx) * sx, v = f(x) in float32,
// y = clamp(round_half_even(v / sy) + zy). The inputs are 4-bit (opset 21)
// so that the whole table can be checked and worked out by hand. Unless a
// comment says so, no value v / sy lies within 0.01 of a half-step tie, so
// the libm's last bit cannot move an entry.

// HardSwish, x * max(0, min(1, x / 6 + 1 / 2)). uint4 codes 0..15 at scale
// 0.5, zero point 8: x = -4, -3.5, ..., 3.5. f is 0 for x <= -3 and x for
// x >= 3; in between -2.5 * 1/12 = -0.2083, -2 * 1/6 = -0.3333, -1.5 * 1/4
// = -0.375, -1/3, -0.2083, 0, 0.2917, 0.6667, 1.125, 1.6667, 2.2917. At
// scale 1/16: -3.33, -5.33, -6, -5.33, -3.33, 0, 4.67, 10.67, 18, 26.67,
// 36.67, 48 (x = 3) and 56, each rounded, plus the zero point 16.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>>
// CHECK: qg.table %[[Q]] {table = array<i32: 16, 16, 16, 13, 11, 10, 11, 13, 16, 21, 27, 34, 43, 53, 64, 72>} : tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>> -> tensor<1x16x!quant.uniform<u8:f32, 6.250000e-02:16>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<8> : tensor<ui4>
    %sy0 = onnx.constant "sy0" dense<0.0625> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<16> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %f0 = onnx.node "HardSwish"(%d) {name = "hardswish", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// LeakyRelu with alpha 0.25 (attribute), int4 input at scale 1: entries for
// codes 0..7 are x = 0..7, at output scale 0.5 the codes 0, 2, ..., 14.
// Codes -8..-1 give 0.25 x = -2, -1.75, ..., -0.25, i.e. -4, -3.5, -3,
// -2.5, -2, -1.5, -1, -0.5 steps: exact ties, rounded half to even to -4,
// -4, -3, -2, -2, -2, -1, 0 (half away from zero would give -3 and -1 for
// -2.5 and -0.5).
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<i4:f32, 1.000000e+00>>
// CHECK: qg.table %[[Q]] {table = array<i32: 0, 2, 4, 6, 8, 10, 12, 14, -4, -4, -3, -2, -2, -2, -1, 0>} : tensor<1x16x!quant.uniform<i4:f32, 1.000000e+00>> -> tensor<1x16x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<1.0> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy0 = onnx.constant "sy0" dense<0.5> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<0> : tensor<si8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %f0 = onnx.node "LeakyRelu"(%d) {name = "leakyrelu", outputs = ["f0"], attrs = {alpha = 0.25 : f32}} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// Softplus, log(1 + exp(x)), x = -4..3.5 as for HardSwish, output scale 1/32:
// 32 f = 0.58, 0.95, 1.55, 2.52, 4.06, 6.45, 10.02, 15.17, 22.18 (x = 0:
// 32 ln 2), 31.17, 42.02, 54.45, 68.06, 82.52, 97.55, 112.95.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>>
// CHECK: qg.table %[[Q]] {table = array<i32: 1, 1, 2, 3, 4, 6, 10, 15, 22, 31, 42, 54, 68, 83, 98, 113>} : tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>> -> tensor<1x16x!quant.uniform<u8:f32, 3.125000e-02>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<8> : tensor<ui4>
    %sy0 = onnx.constant "sy0" dense<0.03125> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<0> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %f0 = onnx.node "Softplus"(%d) {name = "softplus", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// Softsign, x / (1 + |x|), int4 input at scale 1 (codes 0..7, -8..-1), output
// scale 1/64: 64 f = 0, 32, 42.67, 48, 51.2, 53.33, 54.86, 56, then -56.89
// (x = -8), -56, -54.86, -53.33, -51.2, -48, -42.67, -32.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<i4:f32, 1.000000e+00>>
// CHECK: qg.table %[[Q]] {table = array<i32: 0, 32, 43, 48, 51, 53, 55, 56, -57, -56, -55, -53, -51, -48, -43, -32>} : tensor<1x16x!quant.uniform<i4:f32, 1.000000e+00>> -> tensor<1x16x!quant.uniform<i8:f32, 1.562500e-02>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<1.0> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy0 = onnx.constant "sy0" dense<0.015625> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<0> : tensor<si8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %f0 = onnx.node "Softsign"(%d) {name = "softsign", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// Mish, x * tanh(softplus(x)), x = -4..3.5, output scale 1/32, zero point 16:
// 32 f = -2.32, -3.33, -4.66, -6.30, -8.08, -9.54, -9.71 (x = -1, near the
// minimum -0.3088), -7.06, 0, 12.01, 27.68, 44.91, 62.21, 79.08, 95.57,
// 111.81, rounded and plus 16.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>>
// CHECK: qg.table %[[Q]] {table = array<i32: 14, 13, 11, 10, 8, 6, 6, 9, 16, 28, 44, 61, 78, 95, 112, 128>} : tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>> -> tensor<1x16x!quant.uniform<u8:f32, 3.125000e-02:16>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<8> : tensor<ui4>
    %sy0 = onnx.constant "sy0" dense<0.03125> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<16> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %f0 = onnx.node "Mish"(%d) {name = "mish", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// Elu, x for x >= 0, alpha (exp(x) - 1) below: the default alpha 1 and the
// attribute alpha 0.5, one table each from the same input codes. x = -4..3.5,
// output scale 1/32: x >= 0 gives 32 x = 0, 16, ..., 112; alpha 1 gives 32
// (e^x - 1) = -31.41, -31.03, -30.41, -29.37, -27.67, -24.86, -20.23, -12.59;
// alpha 0.5 half of these, -15.71, -15.52, -15.20, -14.69, -13.83, -12.43,
// -10.11, -6.30.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>>
// CHECK: qg.table %[[Q]] {table = array<i32: -31, -31, -30, -29, -28, -25, -20, -13, 0, 16, 32, 48, 64, 80, 96, 112>} : tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>> -> tensor<1x16x!quant.uniform<i8:f32, 3.125000e-02>>
// CHECK: qg.table %[[Q]] {table = array<i32: -16, -16, -15, -15, -14, -12, -10, -6, 0, 16, 32, 48, 64, 80, 96, 112>} : tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>> -> tensor<1x16x!quant.uniform<i8:f32, 3.125000e-02>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y0", "y1"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<8> : tensor<ui4>
    %sy0 = onnx.constant "sy0" dense<0.03125> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<0> : tensor<si8>
    %sy1 = onnx.constant "sy1" dense<0.03125> : tensor<f32>
    %zy1 = onnx.constant "zy1" dense<0> : tensor<si8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %f0 = onnx.node "Elu"(%d) {name = "elu0", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %f1 = onnx.node "Elu"(%d) {name = "elu1", outputs = ["f1"], attrs = {alpha = 0.5 : f32}} : (!onnx.value) -> !onnx.value
    %fq1 = onnx.node "QuantizeLinear"(%f1, %sy1, %zy1) {name = "qf1", outputs = ["fq1"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y1 = onnx.node "DequantizeLinear"(%fq1, %sy1, %zy1) {name = "dqf1", outputs = ["y1"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y0, %y1 : !onnx.value, !onnx.value
  }
}

// -----

// Neg into int4 at the same scale 1: codes 0..7 become 0..-7, codes -8..-1
// become 8..1, and 8 saturates to 7, the int4 maximum.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<i4:f32, 1.000000e+00>>
// CHECK: qg.table %[[Q]] {table = array<i32: 0, -1, -2, -3, -4, -5, -6, -7, 7, 7, 6, 5, 4, 3, 2, 1>} : tensor<1x16x!quant.uniform<i4:f32, 1.000000e+00>> -> tensor<1x16x!quant.uniform<i4:f32, 1.000000e+00>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<1.0> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy0 = onnx.constant "sy0" dense<1.0> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<0> : tensor<si4>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %f0 = onnx.node "Neg"(%d) {name = "neg", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// Abs, int4 input at scale 0.5 with zero point -1: codes 0..7 are x = 0.5..4,
// codes -8..-1 are x = -3.5..0; at output scale 0.25 |x| is 2, 4, ..., 16,
// then 14, 12, ..., 2, 0.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<i4:f32, 5.000000e-01:-1>>
// CHECK: qg.table %[[Q]] {table = array<i32: 2, 4, 6, 8, 10, 12, 14, 16, 14, 12, 10, 8, 6, 4, 2, 0>} : tensor<1x16x!quant.uniform<i4:f32, 5.000000e-01:-1>> -> tensor<1x16x!quant.uniform<u8:f32, 2.500000e-01>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<-1> : tensor<si4>
    %sy0 = onnx.constant "sy0" dense<0.25> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<0> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %f0 = onnx.node "Abs"(%d) {name = "abs", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// Reciprocal, x = -4..3.5, output scale 1/32: 32 / x = -8, -9.14, -10.67,
// -12.8, -16, -21.33, -32, -64; x = 0 gives +inf, which QuantizeLinear
// saturates to the int8 maximum 127; then 64, 32, 21.33, 16, 12.8, 10.67,
// 9.14.
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>>
// CHECK: qg.table %[[Q]] {table = array<i32: -8, -9, -11, -13, -16, -21, -32, -64, 127, 64, 32, 21, 16, 13, 11, 9>} : tensor<1x16x!quant.uniform<u4:f32, 5.000000e-01:8>> -> tensor<1x16x!quant.uniform<i8:f32, 3.125000e-02>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x16xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<8> : tensor<ui4>
    %sy0 = onnx.constant "sy0" dense<0.03125> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<0> : tensor<si8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x16xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %f0 = onnx.node "Reciprocal"(%d) {name = "reciprocal", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// LeakyRelu with the default alpha 0.01 on a uint8 input (256 entries) at
// scale 0.25, zero point 128 (x = -32..31.75), output scale 0.125, zero
// point 8. Codes 0..2 (x = -32, -31.75, -31.5): 0.01 x / 0.125 = -2.56,
// -2.54, -2.52, so 5. Code 3 (x = -31.25): float32(0.01) * -31.25 rounds
// to exactly -0.3125, -2.5 steps, a tie: 6 (half to even), and code 103
// (x = -6.25) is -0.5 steps: 8. From code 128 (x = 0) up, 8 + 2 (c - 128)
// until it saturates at 255 (code 252 on). The regex {{([0-9]+, ){N}()}}
// skips N entries (the empty group keeps the closing braces apart).
// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize %{{.*}} : tensor<1x8xf32> -> tensor<1x8x!quant.uniform<u8:f32, 2.500000e-01:128>>
// CHECK: qg.table %[[Q]] {table = array<i32: 5, 5, 5, 6, {{([0-9]+, ){99}()}}8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 10, 12, 14, 16, 18, 20, 22, {{([0-9]+, ){119}()}}255>} : tensor<1x8x!quant.uniform<u8:f32, 2.500000e-01:128>> -> tensor<1x8x!quant.uniform<u8:f32, 1.250000e-01:8>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<0.25> : tensor<f32>
    %zx = onnx.constant "zx" dense<128> : tensor<ui8>
    %sy0 = onnx.constant "sy0" dense<0.125> : tensor<f32>
    %zy0 = onnx.constant "zy0" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %f0 = onnx.node "LeakyRelu"(%d) {name = "leakyrelu", outputs = ["f0"]} : (!onnx.value) -> !onnx.value
    %fq0 = onnx.node "QuantizeLinear"(%f0, %sy0, %zy0) {name = "qf0", outputs = ["fq0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y0 = onnx.node "DequantizeLinear"(%fq0, %sy0, %zy0) {name = "dqf0", outputs = ["y0"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y0 : !onnx.value
  }
}

// -----

// A table needs an input of at most 8 bits: a 32-bit activation (int32
// DequantizeLinear) is refused at the function.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xsi32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %d = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xsi32>, tensor<f32>, tensor<si32>) -> !onnx.value
    // expected-error @+1 {{node 'softsign' (Softsign): a lookup table needs an input of at most 8 bits, not 32}}
    %f = onnx.node "Softsign"(%d) {name = "softsign", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%f, %s, %zy) {name = "qf", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Nor can a table follow per-axis input parameters (one scale per channel
// would be one table per channel).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<[0.5, 0.25, 0.5, 0.5]> : tensor<4xf32>
    %z = onnx.constant "z" dense<[1, 2, 3, 4]> : tensor<4xui8>
    %sy = onnx.constant "sy" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"], attrs = {axis = 1 : i64}}
        : (tensor<1x4xf32>, tensor<4xf32>, tensor<4xui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dqx", outputs = ["xd"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<4xf32>, tensor<4xui8>) -> !onnx.value
    // expected-error @+1 {{node 'elu' (Elu): input must be quantized per tensor}}
    %f = onnx.node "Elu"(%d) {name = "elu", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%f, %sy, %zy) {name = "qf", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Softplus where e^x overflows float (x >= 89): log(1 + e^x) is x there, as
// onnxruntime computes it (x + log1p(e^-x) for x > 0). uint8 at scale 1,
// zero point 0 in and out: entry c is round(softplus(c)) = 1 (0.69), 1
// (1.31), then c (c + log1p(e^-c) < c + 0.13), up to 255; npc once gave 255
// from code 89 on.
// CHECK-LABEL: func.func @main
// CHECK: qg.table %{{.*}} {table = array<i32: 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %f = onnx.node "Softplus"(%d) {name = "softplus", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%f, %s, %z) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %s, %z) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// An average a Flatten reads with no QuantizeLinear is npc's 16-bit average
// (a product might read it); a function of it has no table: the message
// says why its input is 16-bit.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.004> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Flatten"(%g) {name = "flat", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'sig' (Sigmoid): a lookup table needs an input of at most 8 bits, not 16 (npc keeps an average or function that no QuantizeLinear quantizes in 16 bits; quantize it first)}}
    %t = onnx.node "Sigmoid"(%f) {name = "sig", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%t, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
