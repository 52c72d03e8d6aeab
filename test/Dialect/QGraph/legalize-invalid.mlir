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
