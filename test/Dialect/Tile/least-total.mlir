// RUN: npc-opt %s -npc-tile-layers="parallel=1 one-dimension=false" | FileCheck %s
//
// The documented rule (docs/tiling.md): among candidates whose largest tile
// fits half a core and that give at least `parallel` tiles, the one with the
// least total memory, whatever the enumeration order.
//
// Conv 3x3 pad 1, 2 -> 4 channels on 16x16, 1024-byte core (half: 512),
// 8-bit weights; footprints as in tile-layers.mlir. parallel=1. Candidates:
//   (1,1) 1656 > 512, (1,2) 920, (1,4) 568: do not fit;
//   (1,8) fits, total 2944; (2,1) 1084, (2,2) 604: do not fit;
//   (2,4) fits, total 2912 < 2944; (4,1) 800: does not fit.
// Least total: (2,4), the same tiles as parallel=2.
// CHECK: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 4, 16]>, #ntile.box<[0, 0, 4, 0] to [1, 2, 8, 16]>,
// CHECK-SAME: #ntile.box<[0, 2, 12, 0] to [1, 4, 16, 16]>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32:0, {2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01}>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "rows", mac_array_depth = 0 : i64, grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%arg0: tensor<1x2x16x16x!x>) -> tensor<1x4x16x16x!y> {
    %0 = qg.constant dense<100> : tensor<4x2x3x3xi8> : tensor<4x2x3x3x!w>
    %1 = qg.constant dense<0> : tensor<4xi32> : tensor<4xi32>
    %2 = qg.conv2d %arg0, %0, %1 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -18000, -18000, -18000, -18000>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33, 33>, strides = array<i64: 1, 1>} : (tensor<1x2x16x16x!x>, tensor<4x2x3x3x!w>, tensor<4xi32>) -> tensor<1x4x16x16x!y>
    return %2 : tensor<1x4x16x16x!y>
  }
}

// RUN: npc-opt %s -npc-tile-layers=parallel=1 | FileCheck %s --check-prefix=ONE
// With one-dimension (the default): the layer is the whole model, so it
// spans all 4 cores. Cut 4 ways with two copies of every activation buffer:
// by channels a piece holds the whole input (512) and 256 output bytes:
// 2 x 768 > 1024, no; by rows a piece holds 120 bytes of parameters, a
// 6-row window (192) and 4 rows of output (256): 120 + 2 x 448 = 1016 fits.
// So rows only: (1,1) 1656, (1,2) 920, (1,4) 568 do not fit half a core;
// (1,8) does (total 2944), (1,16) too but takes more. 8 row tiles.
// ONE: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 4, 2, 16]>, #ntile.box<[0, 0, 2, 0] to [1, 4, 4, 16]>,
// ONE-SAME: #ntile.box<[0, 0, 14, 0] to [1, 4, 16, 16]>]
