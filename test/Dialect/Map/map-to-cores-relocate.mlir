// RUN: npc-opt %s -npc-map-to-cores | FileCheck %s

// Tiles of layers off the MAC array count no memory while filling and then
// move off a core whose memory overflows, to the nearest core with room
// within the load cap. Memory while filling counts two copies of every
// activation buffer, and room for each tile's program: at most a wait and
// an instruction for each of its receive, compute and send, 96 bytes here.
// 2 x 1 grid of 1152-byte cores; three one-cycle tiles, so the cap is
// max(1, ceil(3 / 2)) = 2.
//   matmul_0 [1,200] x [200,1]: 200 weights of 1 at 2 bits = 50 bytes, then
//     bias, multiplier, shift: 64; input 2 x 200, output 2 x 8: 480 bytes,
//     576 with its program. Core 0, load 1.
//   rescale_1 of 200 elements: load 2 on core 0, counted as 0 bytes. Its
//     real size, 8 + 2 x 200 + 2 x 200 + 96 = 904, overflows core 0
//     (576 + 904).
//   matmul_2 [1,10] x [10,1]: load 3 > 2 on core 0, so core 1 (64 + 96 = 160
//     bytes).
// rescale_1 moves to core 1: 160 + 904 <= 1152, load 1 + 1 <= 2.
// The layout uses single copies (the scheduler adds copies later):
//   core 0: matmul_0 params [0, 64), input at 64, output at 264.
//   core 1: rescale_1 params [0, 8), input at 8, output at 208 (top 408);
//           matmul_2 params at 408, input at 424, output at 440.
// CHECK: qg.matmul {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 64), inputs = [(64, 200)], output = (264, 1)>]
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 200)], output = (208, 200)>]
// CHECK: qg.matmul {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (408, 16), inputs = [(424, 10)], output = (440, 1)>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
!w = !quant.uniform<i8:f32, 5.000000e-01>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1152 : i64}} {
  func.func @main(%a: tensor<1x200x!x>, %b: tensor<1x1x1x200x!x>, %c: tensor<1x10x!x>) -> (tensor<1x1x!y>, tensor<1x1x1x200x!x>, tensor<1x1x!y>) {
    %w0 = qg.constant dense<1> : tensor<200x1xi8> : tensor<200x1x!w>
    %0 = qg.matmul %a, %w0 {folded_bias = array<i32: -2000>, multiplier = array<i32: 1073741824>, shift = array<i32: 32>, ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>]} : (tensor<1x200x!x>, tensor<200x1x!w>) -> tensor<1x1x!y>
    %1 = qg.rescale %b {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 200]>]} : tensor<1x1x1x200x!x> -> tensor<1x1x1x200x!x>
    %w2 = qg.constant dense<1> : tensor<10x1xi8> : tensor<10x1x!w>
    %2 = qg.matmul %c, %w2 {folded_bias = array<i32: -100>, multiplier = array<i32: 1073741824>, shift = array<i32: 32>, ntile.tiles = [#ntile.box<[0, 0] to [1, 1]>]} : (tensor<1x10x!x>, tensor<10x1x!w>) -> tensor<1x1x!y>
    return %0, %1, %2 : tensor<1x1x!y>, tensor<1x1x1x200x!x>, tensor<1x1x!y>
  }
}
