// RUN: npc-opt %s -split-input-file -npc-tile-layers="parallel=2 one-dimension=false min-parallel-cycles=0" | FileCheck %s --check-prefix=P2
// RUN: npc-opt %s -split-input-file -npc-tile-layers="parallel=4 one-dimension=false min-parallel-cycles=0" | FileCheck %s --check-prefix=P4
// RUN: npc-opt %s -split-input-file -npc-tile-layers="one-dimension=false min-parallel-cycles=0" | FileCheck %s --check-prefix=P16
// (These single-layer models span several cores; one-dimension=false tests the
// least-total rule itself. least-total.mlir tests the one-dimension default.
// The targets have mac_array_depth 0, every MAC counted; lane-aligned.mlir
// tests channel cuts in whole lanes of the MAC array.)

// The rule (lib/Dialect/Tile/Transforms/TileLayers.cpp): a layer's output is
// split into cs channel tiles x rs row tiles (NCHW: C = dim 1, R = dim 2;
// matrices: C = last dim, R = the one before). cs and rs range over powers
// of two below the extent, and the extent itself. Channel tile i, row tile j
// is [i*C/cs, (i+1)*C/cs) x [j*R/rs, (j+1)*R/rs); channel tiles are outer.
// Candidates need cs*rs >= want = min(parallel, C*R) tiles (or the full
// split); once one fits, candidates with more than 4*want tiles are skipped.
// Among candidates whose largest tile fits half a core, the least total
// memory (sum over tiles of parameters + input window with halo + output)
// wins; ties go to fewer tiles, then to the first in (cs, rs) order.
// Parameters of a tile: its centered weights packed at the fewest of 2, 4,
// 8 or 16 bits that hold every weight of the layer, rounded up to 4 bytes,
// then 4 bytes each of bias, multiplier and shift per output channel. The
// weights here are all 100, so 8 bits: one byte per weight.

// Conv 3x3 pad 1, 2 -> 4 channels on 16x16 (u8 activations, i8 weights) on a
// 1024-byte core: half a core is 512 bytes. A tile of k channels and r rows:
// params ceil4(18k) + 12k (k=4: 120, k=2: 60, k=1: 32); input 2 channels x
// 16 columns x (r + 1 halo row at an image edge, r + 2 inside; 16 if r = 16);
// output k*r*16. (cs, rs): largest tile / total:
//   (1,2) 120+288+512 = 920 / -    (1,4) 120+192+256 = 568 / -
//   (1,8) 120+128+128 = 376 / 2*344 + 6*376 = 2944
//   (2,1) 60+512+512 = 1084 / -    (2,2) 60+288+256 = 604 / -
//   (2,4) 60+192+128 = 380 / 2*(2*348 + 2*380) = 2912
//   (4,1) 32+512+256 = 800 / -     (4,2) 32+288+128 = 448 / 8*448 = 3584
// parallel=2 (want 2, at most 8 tiles): (2,4) has the least total: 2 channel
// tiles x 4 row tiles, a row split forced by the small memory.
// P2-LABEL: name = "rows"
// P2: qg.conv2d
// P2-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 4, 16]>, #ntile.box<[0, 0, 4, 0] to [1, 2, 8, 16]>,
// P2-SAME: #ntile.box<[0, 0, 8, 0] to [1, 2, 12, 16]>, #ntile.box<[0, 0, 12, 0] to [1, 2, 16, 16]>,
// P2-SAME: #ntile.box<[0, 2, 0, 0] to [1, 4, 4, 16]>, #ntile.box<[0, 2, 4, 0] to [1, 4, 8, 16]>,
// P2-SAME: #ntile.box<[0, 2, 8, 0] to [1, 4, 12, 16]>, #ntile.box<[0, 2, 12, 0] to [1, 4, 16, 16]>]
//
// parallel=4 (want 4, at most 16 tiles) adds (1,16) 4416, (2,8) 3904 and
// (4,4) 4352: (2,4) with 2912 still wins, the same 8 tiles.
// P4-LABEL: name = "rows"
// P4: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 4, 16]>, #ntile.box<[0, 0, 4, 0] to [1, 2, 8, 16]>,
// P4-SAME: #ntile.box<[0, 0, 8, 0] to [1, 2, 12, 16]>, #ntile.box<[0, 0, 12, 0] to [1, 2, 16, 16]>,
// P4-SAME: #ntile.box<[0, 2, 0, 0] to [1, 4, 4, 16]>, #ntile.box<[0, 2, 4, 0] to [1, 4, 8, 16]>,
// P4-SAME: #ntile.box<[0, 2, 8, 0] to [1, 4, 12, 16]>, #ntile.box<[0, 2, 12, 0] to [1, 4, 16, 16]>]
//
// parallel=16 (want 16): (1,16) 4416, (2,8) 60+96+64 = 220 at the edges and
// 60+128+64 = 252 inside: 2*(2*220 + 6*252) = 3904, (2,16) 5888, (4,4) 4352, (4,8) 5888,
// (4,16) 8960. (2,8) wins: 2 channel tiles x 8 row tiles of 2 rows.
// P16-LABEL: name = "rows"
// P16: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 2, 16]>, #ntile.box<[0, 0, 2, 0] to [1, 2, 4, 16]>,
// P16-SAME: #ntile.box<[0, 2, 14, 0] to [1, 4, 16, 16]>]
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

// -----

// Parameters dominate: conv 3x3 pad 1, 8 -> 8 channels on 3x3, 1024-byte
// core. k channels: params 72k + 12k = 84k, the input window is every input
// channel: 8 x 3 x (rows read) bytes, output 3k x rows. A row split copies
// all the weights into every tile; a channel split only the small input.
//   (1,2) 672+48+24 = 744 / 672+72+48 = 792 > 512, (1,3) 768 > 512: never fit.
//   (2,1) 336+72+36 = 444, total 888     (2,2) 1656   (2,3) 2424
//   (4,1) 168+72+18 = 258, total 1032    (4,2) 1896   (4,3) 2760
//   (8,1) 84+72+9 = 165, total 1320      (8,2) 2376   (8,3) 3432
// parallel=2: (2,1) wins with 888 (2 tiles of 4 channels).
// parallel=4: (4,1) wins with 1032 (4 tiles of 2 channels).
// parallel=16: want 16, only (8,2) and (8,3): (8,2) with 2376; R=3 splits
// into rows [0,1) and [1,3).
// P2-LABEL: name = "params"
// P2: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 4, 3, 3]>, #ntile.box<[0, 4, 0, 0] to [1, 8, 3, 3]>]
// P4-LABEL: name = "params"
// P4: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 3, 3]>, #ntile.box<[0, 2, 0, 0] to [1, 4, 3, 3]>,
// P4-SAME: #ntile.box<[0, 4, 0, 0] to [1, 6, 3, 3]>, #ntile.box<[0, 6, 0, 0] to [1, 8, 3, 3]>]
// P16-LABEL: name = "params"
// P16: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 3]>, #ntile.box<[0, 0, 1, 0] to [1, 1, 3, 3]>,
// P16-SAME: #ntile.box<[0, 7, 1, 0] to [1, 8, 3, 3]>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "params", mac_array_depth = 0 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%arg0: tensor<1x8x3x3x!x>) -> tensor<1x8x3x3x!y> {
    %0 = qg.constant dense<100> : tensor<8x8x3x3xi8> : tensor<8x8x3x3x!w>
    %1 = qg.conv2d %arg0, %0 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -72000, -72000, -72000, -72000, -72000, -72000, -72000, -72000>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 32, 32, 32, 32, 32, 32, 32, 32>, strides = array<i64: 1, 1>} : (tensor<1x8x3x3x!x>, tensor<8x8x3x3x!w>) -> tensor<1x8x3x3x!y>
    return %1 : tensor<1x8x3x3x!y>
  }
}

// -----

// Matrix product [4, 8] x [8, 6] -> [4, 6] on the default 768 KiB core:
// columns N = 6 are the "channels", rows M = 4 the rows. k columns, r rows:
// params 8k weights + 12k = 20k, input r x 8, output k x r. cs in {1,2,4,6}
// (4 column tiles are [0,1) [1,3) [3,4) [4,6)), rs in {1,2,4}. Totals:
//   (1,2) 296  (1,4) 536  (2,1) 208  (2,2) 328  (2,4) 568  (4,1) 272
//   (4,2) 392  (4,4) 632  (6,1) 336  (6,2) 456  (6,4) 696
// parallel=2: (2,1) with 208. parallel=4: (4,1) with 272.
// parallel=16: want 16, (4,4) 632 beats (6,4) 696: 4 column x 4 row tiles.
// P2-LABEL: name = "matmul"
// P2: qg.matmul
// P2-SAME: ntile.tiles = [#ntile.box<[0, 0] to [4, 3]>, #ntile.box<[0, 3] to [4, 6]>]
// P4-LABEL: name = "matmul"
// P4: ntile.tiles = [#ntile.box<[0, 0] to [4, 1]>, #ntile.box<[0, 1] to [4, 3]>, #ntile.box<[0, 3] to [4, 4]>, #ntile.box<[0, 4] to [4, 6]>]
// P16-LABEL: name = "matmul"
// P16: ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>, #ntile.box<[1, 0] to [2, 1]>, #ntile.box<[2, 0] to [3, 1]>, #ntile.box<[3, 0] to [4, 1]>,
// P16-SAME: #ntile.box<[0, 1] to [1, 3]>, #ntile.box<[1, 1] to [2, 3]>, #ntile.box<[2, 1] to [3, 3]>, #ntile.box<[3, 1] to [4, 3]>,
// P16-SAME: #ntile.box<[0, 3] to [1, 4]>, #ntile.box<[1, 3] to [2, 4]>, #ntile.box<[2, 3] to [3, 4]>, #ntile.box<[3, 3] to [4, 4]>,
// P16-SAME: #ntile.box<[0, 4] to [1, 6]>, #ntile.box<[1, 4] to [2, 6]>, #ntile.box<[2, 4] to [3, 6]>, #ntile.box<[3, 4] to [4, 6]>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "matmul", mac_array_depth = 0 : i64}} {
  func.func @main(%arg0: tensor<4x8x!x>) -> tensor<4x6x!y> {
    %0 = qg.constant dense<100> : tensor<8x6xi8> : tensor<8x6x!w>
    %1 = qg.matmul %arg0, %0 {folded_bias = array<i32: -8000, -8000, -8000, -8000, -8000, -8000>, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824>, shift = array<i32: 32, 32, 32, 32, 32, 32>} : (tensor<4x8x!x>, tensor<8x6x!w>) -> tensor<4x6x!y>
    return %1 : tensor<4x6x!y>
  }
}

// -----

// Every compute layer gets tiles; host-boundary ops and constants do not.
// Rescale on 1x1x4x4: C = 1, so only row splits. Its multiplier and shift
// (8 bytes) are copied into every tile: (1,2) 2 x (8+8+8) = 48 beats (1,4)
// 4 x (8+4+4) = 64 at parallel=2; at parallel=4 and 16 (want 4) (1,4) is
// the only candidate. The 2x2/2 max pool after it (output 1x1x2x2, want
// min(parallel, 2) = 2) has the single candidate (1,2).
// P2-LABEL: name = "layers"
// P2: qg.quantize
// P2-NOT: ntile.tiles
// P2: qg.rescale
// P2-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 2, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 1, 4, 4]>]
// P2: qg.max_pool
// P2-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 2]>, #ntile.box<[0, 0, 1, 0] to [1, 1, 2, 2]>]
// P2: qg.dequantize
// P2-NOT: ntile.tiles
// P2: return
// P4-LABEL: name = "layers"
// P4: qg.rescale
// P4-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 1, 0] to [1, 1, 2, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 1, 3, 4]>, #ntile.box<[0, 0, 3, 0] to [1, 1, 4, 4]>]
// P4: qg.max_pool
// P4-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 2]>, #ntile.box<[0, 0, 1, 0] to [1, 1, 2, 2]>]
// P16-LABEL: name = "layers"
// P16: qg.rescale
// P16-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 1, 0] to [1, 1, 2, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 1, 3, 4]>, #ntile.box<[0, 0, 3, 0] to [1, 1, 4, 4]>]
!f = !quant.uniform<u8:f32, 5.000000e-01:10>
!g = !quant.uniform<u8:f32, 2.500000e-01:10>
module attributes {npc.target = {name = "layers", mac_array_depth = 0 : i64}} {
  func.func @main(%arg0: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
    %0 = qg.quantize %arg0 : tensor<1x1x4x4xf32> -> tensor<1x1x4x4x!f>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 29>} : tensor<1x1x4x4x!f> -> tensor<1x1x4x4x!g>
    %2 = qg.max_pool %1 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x1x4x4x!g> -> tensor<1x1x2x2x!g>
    %3 = qg.dequantize %2 : tensor<1x1x2x2x!g> -> tensor<1x1x2x2xf32>
    return %3 : tensor<1x1x2x2xf32>
  }
}

// -----

// A layer that only fits a whole core: rescale of 1x1x1x300 on a 1024-byte
// core has the single candidate (1,1) of 8 + 300 + 300 = 608 bytes, more than
// half a core (512) but within 1024, so it is kept as one tile.
// P2-LABEL: name = "whole"
// P2: qg.rescale
// P2-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 300]>]
!f = !quant.uniform<u8:f32, 5.000000e-01:10>
!g = !quant.uniform<u8:f32, 2.500000e-01:10>
module attributes {npc.target = {name = "whole", mac_array_depth = 0 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%arg0: tensor<1x1x1x300x!f>) -> tensor<1x1x1x300x!g> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 29>} : tensor<1x1x1x300x!f> -> tensor<1x1x1x300x!g>
    return %0 : tensor<1x1x1x300x!g>
  }
}
