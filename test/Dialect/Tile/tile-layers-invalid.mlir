// RUN: npc-opt %s -split-input-file -npc-tile-layers -verify-diagnostics

// Rescale of 1x1x1x600 on a 1024-byte core: C = R = 1, so the only tile is
// the whole layer: multiplier + shift 8 bytes, input 600, output 600 = 1208.
!f = !quant.uniform<u8:f32, 5.000000e-01:10>
!g = !quant.uniform<u8:f32, 2.500000e-01:10>
module attributes {npc.target = {name = "tiny", core_memory_bytes = 1024 : i64}} {
  func.func @main(%arg0: tensor<1x1x1x600x!f>) -> tensor<1x1x1x600x!g> {
    // expected-error @+1 {{layer 'rescale_0' needs 1208 bytes for its smallest tile (parameters 8, input 600, output 600) but a core has 1024 bytes}}
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 29>} : tensor<1x1x1x600x!f> -> tensor<1x1x1x600x!g>
    return %0 : tensor<1x1x1x600x!g>
  }
}

// -----

// Matrix product [2, 600] x [600, 2] on a 1024-byte core, default parallel
// 16: want = min(16, 2*2) = 4 tiles, so the only candidate is 2 x 2 tiles of
// one element. Each needs 600 weight bytes (the weights, 100, need 8 bits)
// + 12 (bias, multiplier, shift) = 612, one input row of 600 and 1 output
// byte: 1213. The layer is the second one, so its default name is matmul_1.
!f = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!g = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "tiny", core_memory_bytes = 1024 : i64}} {
  func.func @main(%arg0: tensor<2x600x!f>) -> tensor<2x2x!g> {
    %r = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>} : tensor<2x600x!f> -> tensor<2x600x!f>
    %0 = qg.constant dense<100> : tensor<600x2xi8> : tensor<600x2x!w>
    // expected-error @+1 {{layer 'matmul_1' needs 1213 bytes for its smallest tile (parameters 612, input 600, output 1) but a core has 1024 bytes}}
    %1 = qg.matmul %r, %0 {folded_bias = array<i32: -600000, -600000>, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 32, 32>} : (tensor<2x600x!f>, tensor<600x2x!w>) -> tensor<2x2x!g>
    return %1 : tensor<2x2x!g>
  }
}

// -----

// The target dictionary follows the JSON rules: wrong types and unknown keys
// are errors.
// expected-error @+1 {{target: grid_cols must be an integer, got "x"}}
module attributes {npc.target = {grid_cols = "x"}} {
  func.func @main() {
    return
  }
}

// -----

// expected-error @+1 {{target: unknown key 'grid_colums'}}
module attributes {npc.target = {grid_colums = 3 : i64}} {
  func.func @main() {
    return
  }
}

// -----

// expected-error @+1 {{target: core_memory_bytes must be >= 1024, got 12}}
module attributes {npc.target = {core_memory_bytes = 12 : i64}} {
  func.func @main() {
    return
  }
}

// -----

// expected-error @+1 {{module has no @main}}
module {
  func.func @other() {
    return
  }
}

// -----

// A rescale without its multiplier is not legalized.
!f = !quant.uniform<u8:f32, 5.000000e-01:10>
!g = !quant.uniform<u8:f32, 2.500000e-01:10>
// expected-error @+1 {{'qg.rescale' is not legalized: run qg-legalize-integer first}}
module {
  func.func @main(%arg0: tensor<1x1x1x6x!f>) -> tensor<1x1x1x6x!g> {
    %0 = qg.rescale %arg0 : tensor<1x1x1x6x!f> -> tensor<1x1x1x6x!g>
    return %0 : tensor<1x1x1x6x!g>
  }
}
