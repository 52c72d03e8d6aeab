// RUN: npc-opt %s -split-input-file -npc-schedule-noc=pipeline=false | FileCheck %s

// The rules (ChipModel.cpp, ScheduleNoC.cpp), on a 2 x 2 grid with the default
// NoC (256 bytes per link per cycle, 1 cycle per hop) and 2048 MACs/cycle:
// - core index y * 2 + x; directed link id core * 4 + dir (0 E, 1 W, 2 S,
//   3 N); frame buffer in = 4 * 4 = 16, out = 17, attached at core 0.
// - route: X first, then Y; from the frame buffer: link 16 then core 0 ->
//   dst; to the frame buffer: src -> core 0 then link 17.
// - duration = ceil(bytes / 256) + hops; a copy within a core has no hops.
// - a transfer starts when its producer tile has ended (graph inputs at 0)
//   and each link of its route is free for ceil(bytes / 256) cycles from
//   start + its position on the route (hops before it); a tile starts when
//   its last input has arrived and its core is free; it takes
//   ceil(MACs / 2048) cycles (conv, matmul) or ceil(elements / 256) (others)
//   on the first two targets, which have mac_array_depth 0; the last one
//   has a MAC array geometry.
// - tiles in program order; graph outputs go back to the frame buffer last.
// - frames one after another here (pipeline=false); schedule-noc-pipelined.mlir
//   tests overlapping frames.
//
// Layers (tiled and mapped by hand), images are 16 x 20 = 320 bytes:
//   0 rescale          1 tile  on core 0
//   1 conv 3x3, 1->2   2 tiles (one channel each) on cores 1 and 3
//   2 conv 1x1, 2->1   1 tile  on core 2
//   3 rescale          1 tile  on core 2 (its input is a local copy)

// CHECK-LABEL: noc.schedule attributes {cycles = 24 : i64}
// Input frame to core 0 over link 16: ceil(320/256) = 2 + 1 hop = 3 cycles.
// CHECK-NEXT: noc.transfer {arrive = 3 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, consumer = @rescale_0.0, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 0 : i64, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}
// Rescale: 320 elements at 2048/8 = 256 per cycle: 2 cycles, 3 -> 5.
// CHECK-NEXT: noc.compute @rescale_0.0 {core = 0 : i64, end = 5 : i64, layer = 0 : i64, macs = 320 : i64, start = 3 : i64, tile = 0 : i64}
// Both conv tiles need the whole rescale output: one multicast from core 0
// to core 1 (east, link 0) and core 3 (links 0 then 6, south from core 1).
// It uses links 0 and 6 once and lasts as long as the longer route:
// 2 + 2 hops = 4 cycles, 5 -> 9, for both members.
// CHECK-NEXT: noc.transfer {arrive = 9 : i64, {{.*}} consumer = @conv2d_1.0, dst = 1 : i64, id = 1 : i64, multicast = 0 : i64, {{.*}} producer = @rescale_0.0, route = array<i64: 0>, src = 0 : i64, start = 5 : i64, tensor = 1 : i64}
// CHECK-NEXT: noc.transfer {arrive = 9 : i64, {{.*}} consumer = @conv2d_1.1, dst = 3 : i64, id = 2 : i64, multicast = 0 : i64, {{.*}} producer = @rescale_0.0, route = array<i64: 0, 6>, src = 0 : i64, start = 5 : i64, tensor = 1 : i64}
// 320 outputs x 9 MACs = 2880 -> 2 cycles, both from 9.
// CHECK-NEXT: noc.compute @conv2d_1.0 {core = 1 : i64, end = 11 : i64, layer = 1 : i64, macs = 2880 : i64, start = 9 : i64, tile = 0 : i64}
// CHECK-NEXT: noc.compute @conv2d_1.1 {core = 3 : i64, end = 11 : i64, layer = 1 : i64, macs = 2880 : i64, start = 9 : i64, tile = 1 : i64}
// Channel 0 from core 1 (1,0) -> core 2 (0,1): west from core 1 = 5, then
// south from core 0 = 2: 11 + 2 + 2 = 15.
// CHECK-NEXT: noc.transfer {arrive = 15 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, consumer = @conv2d_2.0, dst = 2 : i64, id = 3 : i64, {{.*}} producer = @conv2d_1.0, route = array<i64: 5, 2>, src = 1 : i64, start = 11 : i64, tensor = 2 : i64}
// Channel 1 from core 3 (1,1) -> core 2 (0,1): west from core 3 = 13;
// 11 + 2 + 1 = 14.
// CHECK-NEXT: noc.transfer {arrive = 14 : i64, box = array<i64: 0, 1, 0, 0, 1, 2, 16, 20>, bytes = 320 : i64, consumer = @conv2d_2.0, dst = 2 : i64, id = 4 : i64, {{.*}} producer = @conv2d_1.1, route = array<i64: 13>, src = 3 : i64, start = 11 : i64, tensor = 2 : i64}
// Starts at the last arrival, 15; 320 x 2 = 640 MACs -> 1 cycle.
// CHECK-NEXT: noc.compute @conv2d_2.0 {core = 2 : i64, end = 16 : i64, layer = 2 : i64, macs = 640 : i64, start = 15 : i64, tile = 0 : i64}
// Local copy on core 2: no links, 2 cycles.
// CHECK-NEXT: noc.transfer {arrive = 18 : i64, {{.*}} dst = 2 : i64, id = 5 : i64, {{.*}} route = array<i64>, src = 2 : i64, start = 16 : i64, tensor = 3 : i64}
// CHECK-NEXT: noc.compute @rescale_3.0 {core = 2 : i64, end = 20 : i64, layer = 3 : i64, macs = 320 : i64, start = 18 : i64, tile = 0 : i64}
// Graph output from core 2 (0,1) to the frame buffer: north from core 2 =
// 2*4+3 = 11, then out link 17: 2 + 2 = 4 cycles, 20 -> 24 = the schedule's
// length.
// CHECK-NEXT: noc.transfer {arrive = 24 : i64, {{.*}} dst = -1 : i64, id = 6 : i64, noc = 0 : i64, operand = -1 : i64, producer = @rescale_3.0, route = array<i64: 11, 17>, src = 2 : i64, start = 20 : i64, tensor = 4 : i64}
// CHECK-NEXT: {{^  \}$}}

!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!b = !quant.uniform<u8:f32, 2.500000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "quad", mac_array_depth = 0 : i64, grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  func.func @main(%arg0: tensor<1x1x16x20x!a>) -> tensor<1x1x16x20x!c> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 29>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 16, 20]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 320)], output = (328, 320)>]} : tensor<1x1x16x20x!a> -> tensor<1x1x16x20x!b>
    %1 = qg.constant dense<1> : tensor<2x1x3x3xi8> : tensor<2x1x3x3x!w>
    %2 = qg.conv2d %0, %1 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 16, 20]>, #ntile.box<[0, 1, 0, 0] to [1, 2, 16, 20]>], nmap.tiles = [#nmap.tile<core = 1, params = (0, 16), inputs = [(16, 320)], output = (336, 320)>, #nmap.tile<core = 3, params = (0, 16), inputs = [(16, 320)], output = (336, 320)>]} : (tensor<1x1x16x20x!b>, tensor<2x1x3x3x!w>) -> tensor<1x2x16x20x!c>
    %3 = qg.constant dense<1> : tensor<1x2x1x1xi8> : tensor<1x2x1x1x!w>
    %4 = qg.conv2d %2, %3 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -6>, group = 1 : i64, multiplier = array<i32: 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 31>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 16, 20]>], nmap.tiles = [#nmap.tile<core = 2, params = (0, 16), inputs = [(16, 640)], output = (656, 320)>]} : (tensor<1x2x16x20x!c>, tensor<1x2x1x1x!w>) -> tensor<1x1x16x20x!c>
    %5 = qg.rescale %4 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 16, 20]>], nmap.tiles = [#nmap.tile<core = 2, params = (976, 8), inputs = [(984, 320)], output = (1304, 320)>]} : tensor<1x1x16x20x!c> -> tensor<1x1x16x20x!c>
    return %5 : tensor<1x1x16x20x!c>
  }
}

// -----

// Row tiles and halos: each input window gets one transfer per producer tile
// whose output box intersects it, carrying just the intersection. The
// frame-buffer link and the mesh links are shared, so transfers wait.
// rescale 1x1x4x4 in 2 row tiles on cores 0, 1; conv 3x3 pad 1 in 2 row
// tiles on cores 3, 2. A conv tile of rows [0,2) reads rows [0,3), one of
// rows [2,4) reads rows [1,4). All transfers are <= 256 bytes: 1 cycle + hops,
// and each link of a route is held for that 1 cycle only, one cycle later
// per hop (the link at position i from start + i).
// CHECK-LABEL: noc.schedule attributes {cycles = 13 : i64}
// Graph input rows [0,2) to core 0 over link 16 (held [0, 1)): 0 -> 2.
// CHECK-NEXT: noc.transfer {arrive = 2 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 2, 4>, bytes = 8 : i64, {{.*}} dst = 0 : i64, {{.*}} route = array<i64: 16>, src = -1 : i64, start = 0 : i64,
// CHECK-NEXT: noc.compute @rescale_0.0 {core = 0 : i64, end = 3 : i64, layer = 0 : i64, macs = 8 : i64, start = 2 : i64, tile = 0 : i64}
// Rows [2,4) to core 1 over 16 then east from core 0 (0): link 16 is free
// again at 1 (held [1, 2), link 0 [2, 3)): 1 -> 1 + 1 + 2 = 4.
// CHECK-NEXT: noc.transfer {arrive = 4 : i64, box = array<i64: 0, 0, 2, 0, 1, 1, 4, 4>, bytes = 8 : i64, {{.*}} dst = 1 : i64, {{.*}} route = array<i64: 16, 0>, src = -1 : i64, start = 1 : i64,
// CHECK-NEXT: noc.compute @rescale_0.1 {core = 1 : i64, end = 5 : i64, layer = 0 : i64, macs = 8 : i64, start = 4 : i64, tile = 1 : i64}
// Conv tile 0 (core 3) needs rows [0,3): rows [0,2) from core 0 via links 0
// (core 0 east, [3, 4)) and 6 (core 1 south, [4, 5)); ready at 3: 3 -> 6.
// CHECK-NEXT: noc.transfer {arrive = 6 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 2, 4>, bytes = 8 : i64, consumer = @conv2d_1.0, dst = 3 : i64, {{.*}} producer = @rescale_0.0, route = array<i64: 0, 6>, src = 0 : i64, start = 3 : i64,
// ... and the halo row [2,3) from core 1 over link 6: ready at 5, link 6
// free then: 5 -> 7.
// CHECK-NEXT: noc.transfer {arrive = 7 : i64, box = array<i64: 0, 0, 2, 0, 1, 1, 3, 4>, bytes = 4 : i64, consumer = @conv2d_1.0, dst = 3 : i64, {{.*}} producer = @rescale_0.1, route = array<i64: 6>, src = 1 : i64, start = 5 : i64,
// 2 x 4 outputs x 9 = 72 MACs: 1 cycle.
// CHECK-NEXT: noc.compute @conv2d_1.0 {core = 3 : i64, end = 8 : i64, layer = 1 : i64, macs = 72 : i64, start = 7 : i64, tile = 0 : i64}
// Conv tile 1 (core 2) needs rows [1,4): the halo row [1,2) from core 0
// south (2): 3 -> 5 ...
// CHECK-NEXT: noc.transfer {arrive = 5 : i64, box = array<i64: 0, 0, 1, 0, 1, 1, 2, 4>, bytes = 4 : i64, consumer = @conv2d_1.1, dst = 2 : i64, {{.*}} route = array<i64: 2>, src = 0 : i64, start = 3 : i64,
// ... and rows [2,4) from core 1: west (5, [5, 6)) then south from core 0
// (2, [6, 7)); ready at 5: 5 -> 8.
// CHECK-NEXT: noc.transfer {arrive = 8 : i64, box = array<i64: 0, 0, 2, 0, 1, 1, 4, 4>, bytes = 8 : i64, consumer = @conv2d_1.1, dst = 2 : i64, {{.*}} route = array<i64: 5, 2>, src = 1 : i64, start = 5 : i64,
// CHECK-NEXT: noc.compute @conv2d_1.1 {core = 2 : i64, end = 9 : i64, layer = 1 : i64, macs = 72 : i64, start = 8 : i64, tile = 1 : i64}
// Outputs to the frame buffer, in tile order. Core 3 (1,1): west (13, [8,
// 9)), north from core 2 (11, [9, 10)), out (17, [10, 11)): 8 -> 8 + 1 + 3 = 12.
// CHECK-NEXT: noc.transfer {arrive = 12 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 2, 4>, {{.*}} dst = -1 : i64, {{.*}} route = array<i64: 13, 11, 17>, src = 3 : i64, start = 8 : i64,
// Core 2: north (11), out (17), ready at 9, but link 11 is held at [9, 10)
// by the transfer before: 10 -> 13.
// CHECK-NEXT: noc.transfer {arrive = 13 : i64, box = array<i64: 0, 0, 2, 0, 1, 1, 4, 4>, {{.*}} dst = -1 : i64, {{.*}} route = array<i64: 11, 17>, src = 2 : i64, start = 10 : i64,
// CHECK-NEXT: {{^  \}$}}
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!b = !quant.uniform<u8:f32, 2.500000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "halo", mac_array_depth = 0 : i64, grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  func.func @main(%arg0: tensor<1x1x4x4x!a>) -> tensor<1x1x4x4x!c> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 29>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 2, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 1, 4, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>, #nmap.tile<core = 1, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x4x4x!a> -> tensor<1x1x4x4x!b>
    %1 = qg.constant dense<1> : tensor<1x1x3x3xi8> : tensor<1x1x3x3x!w>
    %2 = qg.conv2d %0, %1 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90>, group = 1 : i64, multiplier = array<i32: 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 2, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 1, 4, 4]>], nmap.tiles = [#nmap.tile<core = 3, params = (0, 16), inputs = [(16, 12)], output = (32, 8)>, #nmap.tile<core = 2, params = (0, 16), inputs = [(16, 12)], output = (32, 8)>]} : (tensor<1x1x4x4x!b>, tensor<1x1x3x3x!w>) -> tensor<1x1x4x4x!c>
    return %2 : tensor<1x1x4x4x!c>
  }
}

// -----

// The cost rule takes its numbers from npc.target: 4-byte links with 3
// cycles per hop, 16 MACs per cycle (so 16/8 = 2 elements per cycle on the
// vector unit) as a MAC array of reduction depth 4 x 16/4 = 4 output lanes.
// 2 x 1 grid: frame buffer in = 4*2 = 8, out = 9.
// matmul [2,5] x [5,3] then rescale, both on core 1.
// CHECK-LABEL: noc.schedule attributes {cycles = 26 : i64}
// 10 input bytes over links 8 and 0 (core 0 east): ceil(10/4) + 2*3 = 9.
// CHECK-NEXT: noc.transfer {arrive = 9 : i64, {{.*}} bytes = 10 : i64, {{.*}} dst = 1 : i64, {{.*}} route = array<i64: 8, 0>, src = -1 : i64, start = 0 : i64,
// 2 x 3 outputs x 5 = 30 MACs would be 2 cycles at 16 per cycle, but on the
// array each of the 2 rows of A takes ceil(5/4) = 2 passes of depth 4, and
// its 3 outputs fit the 4 lanes once: 2 x 2 x 1 = 4 cycles.
// CHECK-NEXT: noc.compute @matmul_0.0 {core = 1 : i64, end = 13 : i64, layer = 0 : i64, macs = 30 : i64, start = 9 : i64, tile = 0 : i64}
// Local copy of 6 bytes: ceil(6/4) = 2 cycles, no hops.
// CHECK-NEXT: noc.transfer {arrive = 15 : i64, {{.*}} bytes = 6 : i64, {{.*}} dst = 1 : i64, {{.*}} route = array<i64>, src = 1 : i64, start = 13 : i64,
// 6 elements at 2 per cycle: 3 cycles.
// CHECK-NEXT: noc.compute @rescale_1.0 {core = 1 : i64, end = 18 : i64, layer = 1 : i64, macs = 6 : i64, start = 15 : i64, tile = 0 : i64}
// Out: west from core 1 (1*4+1 = 5), then link 9: 2 + 2*3 = 8 cycles.
// CHECK-NEXT: noc.transfer {arrive = 26 : i64, {{.*}} bytes = 6 : i64, dst = -1 : i64, {{.*}} route = array<i64: 5, 9>, src = 1 : i64, start = 18 : i64,
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "slow", grid_cols = 2 : i64, grid_rows = 1 : i64, macs_per_cycle_int8 = 16 : i64, mac_array_depth = 4 : i64, noc = {activation = {link_bytes_per_cycle = 4 : i64, hop_latency_cycles = 3 : i64}}}} {
  func.func @main(%arg0: tensor<2x5x!x>) -> tensor<2x3x!y> {
    %0 = qg.constant dense<1> : tensor<5x3xi8> : tensor<5x3x!w>
    %1 = qg.matmul %arg0, %0 {folded_bias = array<i32: -50, -50, -50>, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, shift = array<i32: 32, 32, 32>, ntile.tiles = [#ntile.box<[0, 0] to [2, 3]>], nmap.tiles = [#nmap.tile<core = 1, params = (0, 40), inputs = [(40, 10)], output = (56, 6)>]} : (tensor<2x5x!x>, tensor<5x3x!w>) -> tensor<2x3x!y>
    %2 = qg.rescale %1 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0] to [2, 3]>], nmap.tiles = [#nmap.tile<core = 1, params = (64, 8), inputs = [(72, 6)], output = (80, 6)>]} : tensor<2x3x!y> -> tensor<2x3x!y>
    return %2 : tensor<2x3x!y>
  }
}
