// RUN: npc-opt %s -npc-map-to-cores="band-rows=1 stream-weights=true" | FileCheck %s --check-prefix=MAP
// RUN: npc-opt %s -npc-map-to-cores="band-rows=1 stream-weights=true" -npc-schedule-noc | FileCheck %s --check-prefix=NOC
// RUN: npc-opt %s -npc-map-to-cores="band-rows=1" | FileCheck %s --check-prefix=RESIDENT

// Streamed weights (docs/mapping.md): with stream-weights, a MAC layer's
// row tile keeps no copy of its layer's weights; it streams those of the
// tile with the same channels that starts at row 0 over the model NoC
// while it computes. A 3x3 convolution, 1 -> 3 channels, on a 3 x 1 grid
// at 16 MACs per cycle (mac_array_depth 0): three row tiles of 3 rows x 5
// columns x 3 channels x 9 = 405 MACs, 26 cycles each; the load cap
// (26) puts one on each of cores 0, 1, 2. Parameters: 27 weights at 2 bits
// (8 bytes) + bias, multiplier and shift (3 x 12) = 44 bytes.

// Tile 0 holds them at (0, 44); tiles 1 and 2 hold none, so their input
// windows start at 0.
// MAP: qg.conv2d
// MAP-SAME: nmap.tiles = [#nmap.tile<core = 0, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>, #nmap.tile<core = 1, params = streamed from 0, inputs = [(0, 25)], output = (32, 45)>, #nmap.tile<core = 2, params = streamed from 0, inputs = [(0, 20)], output = (24, 45)>]

// The model NoC moves 4 bytes per cycle here: a stream of 44 bytes holds
// each link of its route 11 cycles. Tile 1 starts at 4 (its window has
// arrived) and holds link 0 -> 1 until 15; tile 2, ready at 6, streams
// over the same link (0 -> 1 -> 2) and waits for it: it starts at 15.
// NOC: noc.compute @conv2d_0.0 {core = 0 : i64, end = 28 : i64, layer = 0 : i64, macs = 405 : i64, start = 2 : i64
// NOC: noc.compute @conv2d_0.1 {core = 1 : i64, end = 30 : i64, layer = 0 : i64, macs = 405 : i64, start = 4 : i64
// NOC: noc.compute @conv2d_0.2 {core = 2 : i64, end = 41 : i64, layer = 0 : i64, macs = 405 : i64, start = 15 : i64

// Without stream-weights every tile holds its copy.
// RESIDENT: nmap.tiles = [#nmap.tile<core = 0, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>, #nmap.tile<core = 1, params = (0, 44), inputs = [(48, 25)], output = (80, 45)>, #nmap.tile<core = 2, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>]

!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "stream", mac_array_depth = 0 : i64, macs_per_cycle_int8 = 16 : i64, grid_cols = 3 : i64, grid_rows = 1 : i64, noc = {model = {link_bytes_per_cycle = 4 : i64}}}} {
  func.func @main(%arg0: tensor<1x1x9x5x!a>) -> tensor<1x3x9x5x!c> {
    %1 = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
    %2 = qg.conv2d %arg0, %1 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 3, 5]>, #ntile.box<[0, 0, 3, 0] to [1, 3, 6, 5]>, #ntile.box<[0, 0, 6, 0] to [1, 3, 9, 5]>], pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>} : (tensor<1x1x9x5x!a>, tensor<3x1x3x3x!w>) -> tensor<1x3x9x5x!c>
    return %2 : tensor<1x3x9x5x!c>
  }
}
