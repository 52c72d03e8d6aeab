// RUN: npc-opt %s "-npc-tile-layers=parallel=1 one-dimension=false" | FileCheck %s --check-prefix=TOTAL
// RUN: npc-opt %s "-npc-tile-layers=parallel=1 one-dimension=false least-params=true" | FileCheck %s --check-prefix=PARAMS
//
// least-params tiles for buffers that share memory (npc-map-to-cores
// reuse-buffers, docs/tiling.md): parameters stay for the whole frame, a
// layer's input windows only at its layer and its output until its reader.
// Two 1x1 convolutions 16 -> 16 channels on 4x4 in a chain, 1024-byte cores
// (half: 512), 2 x 2 grid (4096 bytes). A tile's parameters take 16 bytes
// per output channel, its window 16 bytes per input channel per row of 4,
// its output 4 bytes per channel per row. Candidates (channels, rows) whose
// tile fits half a core, per layer:
//   (1, 2): 256 + 128 + 128 = 512, total 1024, parameters 512;
//   (2, 1): 128 + 256 + 128 = 512, total 1024, parameters 256;
//   (2, 2): 320 each, total 1280, parameters 256; (4, 1): 384 each, total
//   1536, parameters 256; (1, 1) 768 does not fit.
// Least total memory: (1, 2) and (2, 1) tie; the first, rows.
// TOTAL: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 16, 2, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 16, 4, 4]>]
// TOTAL: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 16, 2, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 16, 4, 4]>]
// With least-params the estimated peak is all parameters plus the
// activations live at the fullest position (the second layer: the first's
// output 256, the second's windows and output). Both (1, 2): 1024 + 256 +
// 256 + 256 = 1792. Capping a layer's activations (windows and outputs) at
// 1024 bytes and taking the fewest parameters under it (then the least
// total): (2, 1), 256 per layer; its windows hold the whole input twice:
// 512 + 256 + 512 + 256 = 1536, the least, kept. (Caps of 128 to 512 give
// (1, 2) again; 2048 and 4096 give (2, 1).)
// PARAMS: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 8, 4, 4]>, #ntile.box<[0, 8, 0, 0] to [1, 16, 4, 4]>]
// PARAMS: ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 8, 4, 4]>, #ntile.box<[0, 8, 0, 0] to [1, 16, 4, 4]>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32:0, {2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01}>
module attributes {npc.target = {name = "params", mac_array_depth = 0 : i64, grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%arg0: tensor<1x16x4x4x!x>) -> tensor<1x16x4x4x!x> {
    %w = qg.constant dense<1> : tensor<16x16x1x1xi8> : tensor<16x16x1x1x!w>
    %b = qg.constant dense<0> : tensor<16xi32> : tensor<16xi32>
    %0 = qg.conv2d %arg0, %w, %b {dilations = array<i64: 1, 1>, folded_bias = array<i32: -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4x!x>, tensor<16x16x1x1x!w>, tensor<16xi32>) -> tensor<1x16x4x4x!x>
    %1 = qg.conv2d %0, %w, %b {dilations = array<i64: 1, 1>, folded_bias = array<i32: -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160, -160>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4x!x>, tensor<16x16x1x1x!w>, tensor<16xi32>) -> tensor<1x16x4x4x!x>
    return %1 : tensor<1x16x4x4x!x>
  }
}
