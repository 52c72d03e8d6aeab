// RUN: npc-opt %s -npc-tile-layers="parallel=16 min-parallel-cycles=0" | FileCheck %s
// RUN: npc-opt %s -npc-tile-layers="parallel=16 min-parallel-cycles=0 fill-span=true" | FileCheck %s --check-prefix=FILL

// A depthwise 1x1 convolution (a standalone BatchNorm becomes one) of 4
// channels over 16 x 1 pixels, on 16 cores. With the MAC array's geometry
// (64 deep x 32 lanes) each pixel of each channel is one pass using one
// lane: 64 cycles, the whole model's work, so the layer spans all 16 cores
// (span 64 / (64 / 16) = 16), and parallel=16 asks for 16 tiles.
//
// By default the one-dimensional cut goes the way that takes less memory:
// channels (each tile holds its own channel's input; rows would copy the
// parameters), and channels give only 4 pieces: 4 tiles of 16 cycles.
// CHECK: qg.conv2d
// CHECK-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 16, 1]>, #ntile.box<[0, 1, 0, 0] to [1, 2, 16, 1]>, #ntile.box<[0, 2, 0, 0] to [1, 3, 16, 1]>, #ntile.box<[0, 3, 0, 0] to [1, 4, 16, 1]>]
//
// With fill-span, 4 channels are too few for a span of 16 and the 16 rows
// are not: 16 tiles of one row and all 4 channels, 4 cycles each.
// FILL: qg.conv2d
// FILL-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 4, 1, 1]>, #ntile.box<[0, 0, 1, 0] to [1, 4, 2, 1]>, #ntile.box<[0, 0, 2, 0] to [1, 4, 3, 1]>,
// FILL-SAME: #ntile.box<[0, 0, 15, 0] to [1, 4, 16, 1]>]
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "sixteen", grid_cols = 4 : i64, grid_rows = 4 : i64}} {
  func.func @main(%arg0: tensor<1x4x16x1x!a>) -> tensor<1x4x16x1x!c> {
    %w = qg.constant dense<100> : tensor<4x1x1x1xi8> : tensor<4x1x1x1x!w>
    %0 = qg.conv2d %arg0, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: 0, 0, 0, 0>, group = 4 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 33, 33, 33, 33>, strides = array<i64: 1, 1>} : (tensor<1x4x16x1x!a>, tensor<4x1x1x1x!w>) -> tensor<1x4x16x1x!c>
    return %0 : tensor<1x4x16x1x!c>
  }
}
