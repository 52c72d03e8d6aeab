// RUN: npc-opt %s -split-input-file -qg-legalize-integer '-qg-split-reductions=layers=matmul_0=2' -verify-diagnostics

// K = 64 in 2 parts of a multiple of 64 rows is one part.
// (Layers without a location name go by <op>_<position>, as in reports.)
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
func.func @main(%x: tensor<1x64x!x>) -> tensor<1x2x!x> {
  %w = qg.constant dense<1> : tensor<64x2xi8> : tensor<64x2x!w>
  // expected-error @+1 {{cannot split its reduction into 2 parts: K=64 in 2 parts of a multiple of 64 rows gives 1 part}}
  %m = qg.matmul %x, %w : (tensor<1x64x!x>, tensor<64x2x!w>) -> tensor<1x2x!x>
  return %m : tensor<1x2x!x>
}

// -----
// A part already.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
func.func @main(%x: tensor<1x256x!x>) -> tensor<1x2x!x> {
  %w = qg.constant dense<1> : tensor<128x2xi8> : tensor<128x2x!w>
  // expected-error @+1 {{cannot split its reduction into 2 parts: it is a part of a split reduction already}}
  %m = qg.matmul %x, %w {reduction_offset = 64 : i64} : (tensor<1x256x!x>, tensor<128x2x!w>) -> tensor<1x2x!x>
  return %m : tensor<1x2x!x>
}

// -----
// No layer of that name (the module is the error's place).
!x = !quant.uniform<u8:f32, 0.5:10>
// expected-error @below {{qg-split-reductions: no layer named 'matmul_0'}}
module {
func.func @none(%x: tensor<4x!x>) -> tensor<4x!x> {
  return %x : tensor<4x!x>
}
}

// -----
// The op verifier: a part reads K' columns from its offset, within K.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
func.func @main(%x: tensor<1x100x!x>) -> tensor<1x2x!x> {
  %w = qg.constant dense<1> : tensor<64x2xi8> : tensor<64x2x!w>
  // expected-error @+1 {{weight K=64 from reduction_offset 64 exceeds input K=100}}
  %m = qg.matmul %x, %w {reduction_offset = 64 : i64} : (tensor<1x100x!x>, tensor<64x2x!w>) -> tensor<1x2x!x>
  return %m : tensor<1x2x!x>
}

// -----
// Partial sums without an offset are no part of a split reduction.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
func.func @main(%x: tensor<1x64x!x>, %p: tensor<1x2xi32>) -> tensor<1x2x!x> {
  %w = qg.constant dense<1> : tensor<64x2xi8> : tensor<64x2x!w>
  // expected-error @+1 {{partial sums need reduction_offset (a part of a split reduction)}}
  %m = qg.matmul %x, %w partial %p : (tensor<1x64x!x>, tensor<64x2x!w>, tensor<1x2xi32>) -> tensor<1x2x!x>
  return %m : tensor<1x2x!x>
}

// -----
// A negative offset (the attribute is read signed).
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
func.func @main(%x: tensor<1x100x!x>) -> tensor<1x2x!x> {
  %w = qg.constant dense<1> : tensor<64x2xi8> : tensor<64x2x!w>
  // expected-error @+1 {{weight K=64 from reduction_offset -5 exceeds input K=100}}
  %m = qg.matmul %x, %w {reduction_offset = -5 : i64} : (tensor<1x100x!x>, tensor<64x2x!w>) -> tensor<1x2x!x>
  return %m : tensor<1x2x!x>
}

// -----
// A batched weight does not split.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
func.func @main(%x: tensor<2x1x256x!x>) -> tensor<2x1x2x!x> {
  %w = qg.constant dense<1> : tensor<2x256x2xi8> : tensor<2x256x2x!w>
  // expected-error @+1 {{cannot split its reduction into 2 parts: its weight is not one constant matrix}}
  %m = qg.matmul %x, %w : (tensor<2x1x256x!x>, tensor<2x256x2x!w>) -> tensor<2x1x2x!x>
  return %m : tensor<2x1x2x!x>
}
