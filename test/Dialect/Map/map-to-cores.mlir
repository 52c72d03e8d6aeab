// RUN: npc-opt %s -split-input-file -npc-map-to-cores=band-rows=1 | FileCheck %s

// The rule (lib/Dialect/Map/Transforms/MapToCores.cpp): cores are filled in
// snake order (here band-rows=1: row 0 left to right, row 1 right to left,
// ...), core index y * cols + x, with the tiles in program order. A tile
// stays on the current core while the core's compute load stays within a
// cap and its memory fits, else it goes on the next core. The cap is the
// least that places every tile, searched from max(longest tile,
// ceil(total cycles / cores)). Consecutive tiles of one MAC layer on one
// core merge into one tile when their union is a box (ntile.tiles is
// rewritten): along channels always, along other dimensions only when the
// parameters are at least 15% of the tile's bytes (row-merge-percent). Tiles of other layers (rescale, add, pooling) do not merge;
// they count no memory while filling and move to the nearest core with room
// if their core overflows. The targets here have mac_array_depth 0: a tile
// takes ceil(MACs / 2048) cycles (conv, matmul) or ceil(elements / 256)
// (others); test/Dialect/NoC/schedule-noc.mlir has the MAC array geometry. On its core a tile's buffers
// are stacked on top of what is already there: parameters, then each input
// window, then the output, each starting 8-byte aligned. nmap.tiles gives
// each tile's core and (address, bytes) of each buffer. The input IR is tiled by hand so that only the
// mapping is tested.

// 3 x 2 grid: snake order 0 1 2 | 5 4 3. Eight tiles of one cycle each:
// cap = max(1, ceil(8 / 6)) = 2, and it places everything.
//
// rescale 1x1x4x5, 4 row tiles of 5 elements, 1 cycle each: two per core
// on cores 0 and 1. Parameters: multiplier + shift = 8 bytes; input window
// = output = 5 bytes. On each core: params [0, 8), input at 8, output at
// 16; params 24, input 32, output 40.
// CHECK-LABEL: name = "snake"
// CHECK: qg.rescale
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 5)], output = (16, 5)>, #nmap.tile<core = 0, params = (24, 8), inputs = [(32, 5)], output = (40, 5)>, #nmap.tile<core = 1, params = (0, 8), inputs = [(8, 5)], output = (16, 5)>, #nmap.tile<core = 1, params = (24, 8), inputs = [(32, 5)], output = (40, 5)>]
//
// conv 3x3 pad 1, 1 -> 3 channels, 3 channel tiles of 180 MACs (1 cycle).
// Core 1 is at the cap: tile 0 goes on core 2, tiles 1 and 2 merge into it
// (channels 0-3: 540 MACs, still 1 cycle). Parameters: 27 weights, all 1,
// packed at 2 bits (the fewest of 2, 4, 8, 16 that hold every centered
// weight) = 7 bytes, rounded up to 8; then bias, multiplier, shift (3 x 4
// each) = 44. Input window: the whole 1x1x4x5 input = 20; output 60.
//   params at 0, input at 48, output at 48 + 24 = 72; top 136.
// CHECK: qg.conv2d
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 2, params = (0, 44), inputs = [(48, 20)], output = (72, 60)>]
// CHECK-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 4, 5]>]
//
// add(conv, rescale) broadcasting 1x1x4x5 over 1x3x4x5, one tile of 1
// cycle: core 2 (load 1) takes it. Parameters: 2 multipliers + 1 shift =
// 12. Inputs in operand order: the conv output (60 bytes), the rescale
// output (20 bytes, the broadcast dimension is not split); output 60.
//   params [136, 148), input 0 at 152, input 1 at 152+64 = 216, output at
//   216+24 = 240.
// CHECK: qg.add
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 2, params = (136, 12), inputs = [(152, 60), (216, 20)], output = (240, 60)>]
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!b = !quant.uniform<u8:f32, 2.500000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "snake", mac_array_depth = 0 : i64, grid_cols = 3 : i64, grid_rows = 2 : i64}} {
  func.func @main(%arg0: tensor<1x1x4x5x!a>) -> tensor<1x3x4x5x!c> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 29>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 5]>, #ntile.box<[0, 0, 1, 0] to [1, 1, 2, 5]>, #ntile.box<[0, 0, 2, 0] to [1, 1, 3, 5]>, #ntile.box<[0, 0, 3, 0] to [1, 1, 4, 5]>]} : tensor<1x1x4x5x!a> -> tensor<1x1x4x5x!b>
    %1 = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
    %2 = qg.conv2d %0, %1 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 4, 5]>, #ntile.box<[0, 1, 0, 0] to [1, 2, 4, 5]>, #ntile.box<[0, 2, 0, 0] to [1, 3, 4, 5]>], pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>} : (tensor<1x1x4x5x!b>, tensor<3x1x3x3x!w>) -> tensor<1x3x4x5x!c>
    %3 = qg.add %2, %0 {multiplier = array<i32: 1073741824, 268435456>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 4, 5]>]} : (tensor<1x3x4x5x!c>, tensor<1x1x4x5x!b>) -> tensor<1x3x4x5x!c>
    return %3 : tensor<1x3x4x5x!c>
  }
}

// -----

// Memory moves a tile on. 2 x 1 grid of 1280-byte cores, order 0 1. Each
// tile also needs room for its program: at most a wait and an instruction
// for each of its compute, receives and sends (16 bytes each).
// rescale of 1x1x1x496 as one tile: 2 cycles, 8 + 496 + 496 = 1000 bytes
// and a program of up to 8 x 16 = 128 (one receive, the compute, a send to
// each of the next layer's two tiles): 1128 on core 0. Cap = max(2,
// ceil(4 / 2)) = 2.
// CHECK-LABEL: name = "skip"
// CHECK: qg.rescale
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 496)], output = (504, 496)>]
// The next rescale in two tiles of 248 columns (1 cycle, 504 bytes and a
// program of up to 6 x 16 = 96 each: 600). Memory is too tight for second
// copies, so the fill counts single ones. Tile 0 exceeds core 0's cap, so
// core 1. Tile 1 joins it (load 2, 1200 bytes <= 1280) but does not merge:
// the tiles differ along the width, not the channels, and their parameters
// (8 bytes) are under 15% of a tile's buffers.
// CHECK: qg.rescale
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 248)], output = (256, 248)>, #nmap.tile<core = 1, params = (504, 8), inputs = [(512, 248)], output = (760, 248)>]
// CHECK-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 248]>, #ntile.box<[0, 0, 0, 248] to [1, 1, 1, 496]>]
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {name = "skip", mac_array_depth = 0 : i64, grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1280 : i64}} {
  func.func @main(%arg0: tensor<1x1x1x496x!a>) -> tensor<1x1x1x496x!a> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 496]>]} : tensor<1x1x1x496x!a> -> tensor<1x1x1x496x!a>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 248]>, #ntile.box<[0, 0, 0, 248] to [1, 1, 1, 496]>]} : tensor<1x1x1x496x!a> -> tensor<1x1x1x496x!a>
    return %1 : tensor<1x1x1x496x!a>
  }
}

// -----

// Parameter bytes follow the weights' packed width. Four one-tile matmuls
// [1,10] x [10,1] on a 4 x 1 grid (one per core, in order 0 1 2 3); each
// has 10 centered weights, then 12 bytes of bias, multiplier and shift.
//   weights 1:   2 bits -> 20 bits = 3 bytes -> 4:  params 16
//   weights 7:   4 bits -> 5 bytes -> 8:             params 20
//   weights 8:   8 bits (7 is the 4-bit maximum) -> 10 -> 12: params 24
//   weights 100 with zero point -100, centered 200: 16 bits -> 20: params 32
// Input (10 bytes) and output (1 byte) follow at the next multiple of 8.
// CHECK-LABEL: name = "bits"
// CHECK: qg.matmul
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 0, params = (0, 16), inputs = [(16, 10)], output = (32, 1)>]
// CHECK: qg.matmul
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 1, params = (0, 20), inputs = [(24, 10)], output = (40, 1)>]
// CHECK: qg.matmul
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 2, params = (0, 24), inputs = [(24, 10)], output = (40, 1)>]
// CHECK: qg.matmul
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 3, params = (0, 32), inputs = [(32, 10)], output = (48, 1)>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!z = !quant.uniform<i8:f32, 5.000000e-01:-100>
module attributes {npc.target = {name = "bits", mac_array_depth = 0 : i64, grid_cols = 4 : i64, grid_rows = 1 : i64}} {
  func.func @main(%arg0: tensor<1x10x!x>) -> (tensor<1x1x!y>, tensor<1x1x!y>, tensor<1x1x!y>, tensor<1x1x!y>) {
    %w0 = qg.constant dense<1> : tensor<10x1xi8> : tensor<10x1x!w>
    %0 = qg.matmul %arg0, %w0 {folded_bias = array<i32: -100>, multiplier = array<i32: 1073741824>, shift = array<i32: 32>, ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>]} : (tensor<1x10x!x>, tensor<10x1x!w>) -> tensor<1x1x!y>
    %w1 = qg.constant dense<7> : tensor<10x1xi8> : tensor<10x1x!w>
    %1 = qg.matmul %arg0, %w1 {folded_bias = array<i32: -700>, multiplier = array<i32: 1073741824>, shift = array<i32: 32>, ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>]} : (tensor<1x10x!x>, tensor<10x1x!w>) -> tensor<1x1x!y>
    %w2 = qg.constant dense<8> : tensor<10x1xi8> : tensor<10x1x!w>
    %2 = qg.matmul %arg0, %w2 {folded_bias = array<i32: -800>, multiplier = array<i32: 1073741824>, shift = array<i32: 32>, ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>]} : (tensor<1x10x!x>, tensor<10x1x!w>) -> tensor<1x1x!y>
    %w3 = qg.constant dense<100> : tensor<10x1xi8> : tensor<10x1x!z>
    %3 = qg.matmul %arg0, %w3 {folded_bias = array<i32: -20000>, multiplier = array<i32: 1073741824>, shift = array<i32: 32>, ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>]} : (tensor<1x10x!x>, tensor<10x1x!z>) -> tensor<1x1x!y>
    return %0, %1, %2, %3 : tensor<1x1x!y>, tensor<1x1x!y>, tensor<1x1x!y>, tensor<1x1x!y>
  }
}

// -----

// A tile that finds no core with room is split in two until its parts fit.
// 2 x 1 grid of 1024-byte cores. Each one-tile rescale needs its buffers
// (8 + w + w, 8-byte aligned) and up to 96 bytes of program (a wait and an
// instruction for its receive, compute and send). rescale_0 and rescale_1
// (296 wide: 696 bytes) fill in order on cores 0 and 1 and leave 328 bytes
// on each; the fill cannot place rescale_2 (200 wide: 8 + 200 + 200 + 96 =
// 504), so each tile takes the first core with room, and rescale_2 is cut
// into two 100-wide halves (8 + 104 + 104 + 96 = 312 <= 328), one per core,
// each above the 600 bytes of buffers already there: parameters at 600,
// input at 608, output at 712.
// CHECK-LABEL: name = "split"
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0,
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 1,
// CHECK: qg.rescale
// CHECK-SAME: nmap.tiles = [#nmap.tile<core = 0, params = (600, 8), inputs = [(608, 100)], output = (712, 100)>, #nmap.tile<core = 1, params = (600, 8), inputs = [(608, 100)], output = (712, 100)>]
// CHECK-SAME: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 100]>, #ntile.box<[0, 0, 0, 100] to [1, 1, 1, 200]>]
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {name = "split", mac_array_depth = 0 : i64, grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%a: tensor<1x1x1x296x!q>, %b: tensor<1x1x1x296x!q>, %c: tensor<1x1x1x200x!q>) -> (tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>, tensor<1x1x1x200x!q>) {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    %1 = qg.rescale %b {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    %2 = qg.rescale %c {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 200]>]} : tensor<1x1x1x200x!q> -> tensor<1x1x1x200x!q>
    return %0, %1, %2 : tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>, tensor<1x1x1x200x!q>
  }
}
