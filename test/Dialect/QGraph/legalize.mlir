// RUN: npc-opt %s -qg-legalize-integer | FileCheck %s

!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32:0, {0.25, 0.125}>
!y = !quant.uniform<u8:f32, 1.0:3>

// Scales are powers of two here, so every multiplier is exact:
// channel 0: 0.5*0.25/1 = 2^-3 -> 2^30 * 2^-33; channel 1: 2^-4 -> 2^30 * 2^-34.
// folded_bias = bias - zx * sum(w - zw) = [7 - 10*(1+2+3+4), -7 - 10*(-4)].
// CHECK-LABEL: func.func @conv
// CHECK: qg.conv2d {{.*}}folded_bias = array<i32: -93, 33>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824>{{.*}}shift = array<i32: 33, 34>
func.func @conv(%x: tensor<1x1x3x3x!x>) -> tensor<1x2x2x2x!y> {
  %w = qg.constant dense<[[[[1, 2], [3, 4]]], [[[-1, -1], [-1, -1]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!w>
  %b = qg.constant dense<[7, -7]> : tensor<2xi32> : tensor<2xi32>
  %c = qg.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1}
      : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>, tensor<2xi32>) -> tensor<1x2x2x2x!y>
  return %c : tensor<1x2x2x2x!y>
}

// Add: ratios 0.5 and 0.25 share the shift of the larger: 2^30 * 2^-31 and 2^29 * 2^-31.
// CHECK-LABEL: func.func @add
// CHECK: qg.add {{.*}}multiplier = array<i32: 1073741824, 536870912>, shift = array<i32: 31>
func.func @add(%a: tensor<4x!quant.uniform<u8:f32, 0.5>>, %b: tensor<4x!quant.uniform<u8:f32, 0.25>>) -> tensor<4x!y> {
  %s = qg.add %a, %b : (tensor<4x!quant.uniform<u8:f32, 0.5>>, tensor<4x!quant.uniform<u8:f32, 0.25>>) -> tensor<4x!y>
  return %s : tensor<4x!y>
}

// Sub: the same ratios, the second multiplier negated.
// CHECK-LABEL: func.func @sub
// CHECK: qg.add {{.*}}multiplier = array<i32: 1073741824, -536870912>, shift = array<i32: 31>, subtract}
func.func @sub(%a: tensor<4x!quant.uniform<u8:f32, 0.5>>, %b: tensor<4x!quant.uniform<u8:f32, 0.25>>) -> tensor<4x!y> {
  %s = qg.add %a, %b {subtract} : (tensor<4x!quant.uniform<u8:f32, 0.5>>, tensor<4x!quant.uniform<u8:f32, 0.25>>) -> tensor<4x!y>
  return %s : tensor<4x!y>
}

// Mul: one multiplier for 0.5 * 0.25 / 1.0 = 2^30 * 2^-33.
// CHECK-LABEL: func.func @mul
// CHECK: qg.mul {{.*}}multiplier = array<i32: 1073741824>, shift = array<i32: 33>
func.func @mul(%a: tensor<4x!quant.uniform<u8:f32, 0.5>>, %b: tensor<4x!quant.uniform<u8:f32, 0.25>>) -> tensor<4x!y> {
  %s = qg.mul %a, %b : (tensor<4x!quant.uniform<u8:f32, 0.5>>, tensor<4x!quant.uniform<u8:f32, 0.25>>) -> tensor<4x!y>
  return %s : tensor<4x!y>
}

// Average pool 1x2: ratio 1 divided by counts 1 and 2.
// CHECK-LABEL: func.func @avg
// CHECK: qg.avg_pool {{.*}}multiplier = array<i32: 1073741824, 1073741824>{{.*}}shift = array<i32: 30, 31>
func.func @avg(%x: tensor<1x1x2x2x!y>) -> tensor<1x1x2x1x!y> {
  %r = qg.avg_pool %x {kernel = array<i64: 1, 2>, strides = array<i64: 1, 2>, pads = array<i64: 0, 0, 0, 0>, count_include_pad = false}
      : tensor<1x1x2x2x!y> -> tensor<1x1x2x1x!y>
  return %r : tensor<1x1x2x1x!y>
}

// Rescale by 3/1: 0.75 * 2^2 -> 3221225472 does not fit int32, so 1.5*2^30 * 2^-29.
// CHECK-LABEL: func.func @rescale
// CHECK: qg.rescale {{.*}}multiplier = array<i32: 1610612736>, shift = array<i32: 29>
func.func @rescale(%x: tensor<4x!quant.uniform<u8:f32, 3.0>>) -> tensor<4x!y> {
  %r = qg.rescale %x : tensor<4x!quant.uniform<u8:f32, 3.0>> -> tensor<4x!y>
  return %r : tensor<4x!y>
}

// Batch matmul of two activations: one multiplier for 0.5 * 0.25 / 1.0 = 2^30 * 2^-33.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: qg.batch_matmul {{.*}}multiplier = array<i32: 1073741824>, shift = array<i32: 33>
func.func @batch_matmul(%a: tensor<2x3x4x!quant.uniform<u8:f32, 0.5>>, %b: tensor<2x4x5x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x5x!y> {
  %s = qg.batch_matmul %a, %b : (tensor<2x3x4x!quant.uniform<u8:f32, 0.5>>, tensor<2x4x5x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x5x!y>
  return %s : tensor<2x3x5x!y>
}

// Softmax of a 2-bit input at scale 0.5: E[d] = round(2^30 exp(-d / 2)), d in
// 0..3 (python: [round(2**30 * math.exp(-0.5 * d)) for d in range(4)]);
// 1 / s_out = 256 = 2^30 * 2^-22.
// CHECK-LABEL: func.func @softmax
// CHECK: qg.softmax {{.*}}exp_table = array<i32: 1073741824, 651257337, 395007542, 239584185>, multiplier = array<i32: 1073741824>, shift = array<i32: 22>
func.func @softmax(%x: tensor<3x8x!quant.uniform<i2:f32, 0.5>>) -> tensor<3x8x!quant.uniform<u8:f32, 0.00390625>> {
  %s = qg.softmax %x : tensor<3x8x!quant.uniform<i2:f32, 0.5>> -> tensor<3x8x!quant.uniform<u8:f32, 0.00390625>>
  return %s : tensor<3x8x!quant.uniform<u8:f32, 0.00390625>>
}

// LayerNorm: gamma / s_out = [2, 4], beta / s_out = [1, -1]; Q = 27 keeps
// 4 * 2^Q below 2^30. epsilon 2^-10 over s_in^2 = 2^-2, times L^2 = 4 and
// 4^24: 2^42 = 2^29 * 2^13 (mantissa below 2^30).
// CHECK-LABEL: func.func @layer_norm
// CHECK: qg.layer_norm {{.*}}beta_fixed = array<i32: 134217728, -134217728>, {{.*}}epsilon_fixed = 536870912 : i32, {{.*}}gamma_fixed = array<i32: 268435456, 536870912>, norm_shifts = array<i32: 27, 24, 13>
func.func @layer_norm(%x: tensor<3x2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<3x2x!quant.uniform<u8:f32, 0.5:128>> {
  %s = qg.layer_norm %x {gamma = array<f32: 1.0, 2.0>, beta = array<f32: 0.5, -0.5>, epsilon = 0.0009765625 : f32} : tensor<3x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<3x2x!quant.uniform<u8:f32, 0.5:128>>
  return %s : tensor<3x2x!quant.uniform<u8:f32, 0.5:128>>
}

// Reduce: mean over 4 elements at 0.5 -> 1.0 is 0.125 = 2^30 * 2^-33; max
// (and sum) keep the ratio 0.5 = 2^30 * 2^-31.
// CHECK-LABEL: func.func @reduce
// CHECK: qg.reduce {{.*}}mode = "mean", multiplier = array<i32: 1073741824>, shift = array<i32: 33>
// CHECK: qg.reduce {{.*}}mode = "max", multiplier = array<i32: 1073741824>, shift = array<i32: 31>
func.func @reduce(%x: tensor<2x4x3x!quant.uniform<u8:f32, 0.5:128>>) -> (tensor<2x1x3x!y>, tensor<2x4x1x!y>) {
  %m = qg.reduce %x {mode = "mean"} : tensor<2x4x3x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x1x3x!y>
  %n = qg.reduce %x {mode = "max"} : tensor<2x4x3x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4x1x!y>
  return %m, %n : tensor<2x1x3x!y>, tensor<2x4x1x!y>
}

// Bilinear resize: denominators 4 x 4, 0.5 / (1.0 * 16) = 2^-5 = 2^30 * 2^-35.
// CHECK-LABEL: func.func @resize_linear
// CHECK: qg.resize_linear {{.*}}multiplier = array<i32: 1073741824>, shift = array<i32: 35>
func.func @resize_linear(%x: tensor<1x1x2x2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x1x4x4x!y> {
  %r = qg.resize_linear %x {coord_step = array<i64: 2, 2>, coord_offset = array<i64: -1, -1>, coord_den = array<i64: 4, 4>} : tensor<1x1x2x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x1x4x4x!y>
  return %r : tensor<1x1x4x4x!y>
}
