// RUN: npc-opt %s -split-input-file -qg-legalize-integer -verify-diagnostics

!x = !quant.uniform<u8:f32, 1.0>
func.func @weight_not_constant(%x: tensor<1x4x!x>, %w: tensor<4x2x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x2x!x> {
  // expected-error @+1 {{weight must be a qg.constant to fold zero points}}
  %m = qg.matmul %x, %w : (tensor<1x4x!x>, tensor<4x2x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x2x!x>
  return %m : tensor<1x2x!x>
}

// -----
// 255 * 127 * 66400 > 2^31 - 1.
!x = !quant.uniform<u8:f32, 1.0>
func.func @overflow(%x: tensor<1x66400x!x>) -> tensor<1x1x!x> {
  %w = qg.constant dense<127> : tensor<66400x1xi8> : tensor<66400x1x!quant.uniform<i8:f32, 1.0>>
  // expected-error @+1 {{int32 accumulator may overflow for output channel 0}}
  %m = qg.matmul %x, %w : (tensor<1x66400x!x>, tensor<66400x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x!x>
  return %m : tensor<1x1x!x>
}

// -----
// A scale ratio of 2^32 cannot be a multiplier < 2^31 with shift >= 0.
func.func @huge_ratio(%x: tensor<4x!quant.uniform<u8:f32, 4294967296.0>>) -> tensor<4x!quant.uniform<u8:f32, 1.0>> {
  // expected-error @+1 {{requantization multiplier 4.294967e+09 is not representable}}
  %r = qg.rescale %x : tensor<4x!quant.uniform<u8:f32, 4294967296.0>> -> tensor<4x!quant.uniform<u8:f32, 1.0>>
  return %r : tensor<4x!quant.uniform<u8:f32, 1.0>>
}

// -----
// 255 * 255 * 33100 > 2^31 - 1: two activations' products overflow int32 too.
!x = !quant.uniform<u8:f32, 1.0>
func.func @batch_matmul_overflow(%a: tensor<1x1x33100x!x>, %b: tensor<1x33100x1x!x>) -> tensor<1x1x1x!x> {
  // expected-error @+1 {{int32 accumulator may overflow: K * max|lhs| * max|rhs| = 2152327500 > 2^31-1}}
  %m = qg.batch_matmul %a, %b : (tensor<1x1x33100x!x>, tensor<1x33100x1x!x>) -> tensor<1x1x1x!x>
  return %m : tensor<1x1x1x!x>
}

// -----
// gamma / s_out = 2^31: no fraction bits leave it below 2^30.
!x = !quant.uniform<u8:f32, 1.0:128>
func.func @layer_norm_gamma_too_large(%x: tensor<2x2x!x>) -> tensor<2x2x!x> {
  // expected-error @+1 {{gamma or beta over the output scale, 2.147484e+09, is not below 2^30}}
  %m = qg.layer_norm %x {gamma = array<f32: 2147483648.0, 1.0>, beta = array<f32: 0.0, 0.0>, epsilon = 0.0 : f32} : tensor<2x2x!x> -> tensor<2x2x!x>
  return %m : tensor<2x2x!x>
}

// -----
// 8421505 centred u8 codes of up to 255 each: the sum may pass 2^31 - 1.
!x = !quant.uniform<u8:f32, 1.0>
func.func @reduce_overflow(%x: tensor<1x8421505x!x>) -> tensor<1x1x!x> {
  // expected-error @+1 {{a sum of 8421505 elements may overflow int32}}
  %m = qg.reduce %x {mode = "sum"} : tensor<1x8421505x!x> -> tensor<1x1x!x>
  return %m : tensor<1x1x!x>
}

// -----
// A parameter the module carries already must be the one its types give
// (here folded_bias = -zx * sum(w) = -10 * 4 = -40 per channel): the
// reference interpreter derives it again, the executor runs the module's.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.5>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @hand_edited(%x: tensor<1x1x3x3x!x>) -> tensor<1x2x2x2x!y> {
  %w = qg.constant dense<1> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!w>
  // expected-error @+1 {{folded_bias array<i32: 0, 0> does not follow from the op's quantized types and constants, which give array<i32: -40, -40> (docs/semantics.md); remove it to derive it}}
  %c = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: 0, 0>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 32, 32>, strides = array<i64: 1, 1>}
      : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>) -> tensor<1x2x2x2x!y>
  return %c : tensor<1x2x2x2x!y>
}

// -----
// The same op with the parameters its types give passes unchanged.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.5>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @legalized_twice(%x: tensor<1x1x3x3x!x>) -> tensor<1x2x2x2x!y> {
  %w = qg.constant dense<1> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!w>
  %c = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: -40, -40>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 32, 32>, strides = array<i64: 1, 1>}
      : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>) -> tensor<1x2x2x2x!y>
  return %c : tensor<1x2x2x2x!y>
}
