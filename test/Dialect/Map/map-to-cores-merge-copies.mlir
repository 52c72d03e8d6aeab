// RUN: npc-opt %s -npc-map-to-cores | FileCheck %s

// When the model fits only with single copies of its activation buffers,
// neighbouring tiles of a layer still merge only while the merged tile
// would fit a core with two copies (docs/mapping.md): a pipelined frame
// needs a second copy of a long-lived window, and a merged tile can never
// have one if it is too big, while separate tiles can be spread.
//
// 3 x 1 grid of 1,500-byte cores; no MAC-array geometry (a tile costs
// ceil(MACs / 2048) cycles). Each tile counts a program of 96 bytes (a
// receive, a compute and a send, each with its wait, 16 bytes each).
//   rescale_0 of 512 elements, 2 cycles: 8 + 512 + 512 + 96 = 1,128 bytes
//     with single copies, 2,152 with two: two copies fit no core, so the
//     mapper falls back to single copies.
//   matmul_1 [1,800] x [800,2] in two one-column tiles of 1 cycle: each
//     holds 800 weights of 2 bits (200 bytes) and 12 bytes of bias,
//     multiplier and shift (216 aligned), its 800-byte input window and a
//     1-byte output (8 aligned): 1,120 bytes, 1,928 with two copies.
// The load cap is max(longest 2, ceil(4 / 3)) = 2: rescale_0 fills core 0,
// matmul_1's first tile goes to core 1 (load 1), its second would join it
// (load 2). Merged they would take 424 + 800 + 8 + 96 = 1,328 bytes with
// single copies, but 424 + 2 x 800 + 2 x 8 + 96 = 2,136 with two (>
// 1,500): they stay apart, and the second tile, 1,120 bytes more on core 1
// (2,240 in all), goes to core 2. (Without the rule they merge on core 1.)
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]
// CHECK: qg.matmul {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (0, 212), inputs = [(216, 800)], output = (1016, 1)>, #nmap.tile<core = 2, params = (0, 212), inputs = [(216, 800)], output = (1016, 1)>], ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>, #ntile.box<[0, 1] to [1, 2]>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
!w = !quant.uniform<i8:f32, 5.000000e-01>
module attributes {npc.target = {grid_cols = 3 : i64, grid_rows = 1 : i64, core_memory_bytes = 1500 : i64, mac_array_depth = 0 : i64}} {
  func.func @main(%a: tensor<1x800x!x>, %b: tensor<1x1x1x512x!x>) -> (tensor<1x1x1x512x!x>, tensor<1x2x!y>) {
    %0 = qg.rescale %b {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>]} : tensor<1x1x1x512x!x> -> tensor<1x1x1x512x!x>
    %w1 = qg.constant dense<1> : tensor<800x2xi8> : tensor<800x2x!w>
    %1 = qg.matmul %a, %w1 {folded_bias = array<i32: -8000, -8000>, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 32, 32>, ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>, #ntile.box<[0, 1] to [1, 2]>]} : (tensor<1x800x!x>, tensor<800x2x!w>) -> tensor<1x2x!y>
    return %0, %1 : tensor<1x1x1x512x!x>, tensor<1x2x!y>
  }
}
