// RUN: npc-opt %s -split-input-file -npc-map-to-cores -verify-diagnostics

// The model does not fit: 2 x 1 grid of 1024-byte cores, three independent
// one-tile rescales, 296 wide. A tile needs 8 bytes of parameters + input
// + output, each buffer starting 8-byte aligned: 8 + 296 + 296 = 600, and
// room for its program: at most a wait and an instruction for each of its
// receive (from the frame buffer), compute and send (to it), 6 x 16 = 96;
// 696 in all. Filling in order needs three cores, so each tile takes the
// first core with room: rescale_0 on core 0 and rescale_1 on core 1 (328
// bytes left on each); rescale_2 finds no room, with 656 bytes free in
// total. Cut in two it fits no better (its halves' parts end at one
// element that does not fit), so the tile is reported as it was. The
// model's tiles need 3 x 696 = 2088 bytes against the chip's 2048; with no
// weights to narrow, only a larger target helps.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%a: tensor<1x1x1x296x!q>, %b: tensor<1x1x1x296x!q>, %c: tensor<1x1x1x296x!q>) -> (tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>) {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    %1 = qg.rescale %b {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    // expected-error @+1 {{model does not fit: layer 'rescale_2' tile 0 needs 696 bytes (parameters 8, input 296, output 296, program up to 96); the largest free space on a core is 328 of 1024 bytes (656 bytes free on the whole chip); as tiled, the model's tiles need 2088 bytes in all (buffers, one copy each, and programs) against 2048 on the chip (2 cores of 1024); the largest layers: 'rescale_0' 696 (8-bit), 'rescale_1' 696 (8-bit), 'rescale_2' 696 (8-bit). What may help: a target with more cores or more memory per core}}
    %2 = qg.rescale %c {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    return %0, %1, %2 : tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>
  }
}

// -----

// Mapping needs the tiling first.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module {
  func.func @main(%a: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{layer 'rescale_0' has no ntile.tiles; run npc-tile-layers first}}
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %0 : tensor<1x1x1x8x!q>
  }
}

// -----

// expected-error @+1 {{target: grid_rows must be >= 1, got 0}}
module attributes {npc.target = {grid_rows = 0 : i64}} {
  func.func @main() {
    return
  }
}
