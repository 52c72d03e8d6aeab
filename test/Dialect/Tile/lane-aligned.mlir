// RUN: npc-opt %s -npc-tile-layers="parallel=4 one-dimension=false min-parallel-cycles=0" | FileCheck %s
// RUN: npc-opt %s -npc-tile-layers="parallel=4 one-dimension=false min-parallel-cycles=0 lane-aligned=false" | FileCheck %s --check-prefix=NARROW

// With a MAC array geometry (the default: 64 deep x 32 lanes at INT8,
// docs/target.md) a tile with fewer output channels than the lanes pays for
// the empty ones, so npc-tile-layers cuts a MAC layer's channels in units
// of 32 (lane-aligned, the default) while such a split fits; the rest of
// the rule is tile-layers.mlir's (want = 4 tiles here, least total memory).
//
// conv 1x1, 256 -> 64 channels over 2x2 pixels; weights all 100 (8 bits,
// one byte each), then 12 bytes of bias, multiplier and shift per channel.
//
// Lane-aligned: 2 channel units x 2 rows is the only split into 4 tiles:
// 32 channels x 1 row each. Each pixel's 256-deep vector takes 4 passes of
// 64 and its 32 outputs one of 32 lanes: 2 pixels x 4 x 1 = 8 cycles a
// tile, 32 in all, as the layer whole (4 x 4 x 2).
// CHECK: qg.conv2d
// CHECK-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 32, 1, 2]>, #ntile.box<[0, 0, 1, 0] to [1, 32, 2, 2]>, #ntile.box<[0, 32, 0, 0] to [1, 64, 1, 2]>, #ntile.box<[0, 32, 1, 0] to [1, 64, 2, 2]>]
//
// Any channel count: 4 x 1 takes the least memory, 4 tiles of 16 channels
// (parameters 16 x 256 + 16 x 12 = 4288, input 256 x 4 = 1024, output 64:
// 5376 each, 21,504 in all, against 2 x 2's 4 x (8576 + 512 + 64) =
// 36,608). Each tile is 4 pixels x 4 passes x 1 = 16 cycles with half its
// lanes empty: 64 in all.
// NARROW: qg.conv2d
// NARROW-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 16, 2, 2]>, #ntile.box<[0, 16, 0, 0] to [1, 32, 2, 2]>, #ntile.box<[0, 32, 0, 0] to [1, 48, 2, 2]>, #ntile.box<[0, 48, 0, 0] to [1, 64, 2, 2]>]
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "lanes", grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  func.func @main(%arg0: tensor<1x256x2x2x!a>) -> tensor<1x64x2x2x!c> {
    %w = qg.constant dense<100> : tensor<64x256x1x1xi8> : tensor<64x256x1x1x!w>
    %0 = qg.conv2d %arg0, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33>, strides = array<i64: 1, 1>} : (tensor<1x256x2x2x!a>, tensor<64x256x1x1x!w>) -> tensor<1x64x2x2x!c>
    return %0 : tensor<1x64x2x2x!c>
  }
}
