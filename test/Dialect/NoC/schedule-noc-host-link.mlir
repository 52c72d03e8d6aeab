// RUN: npc-opt %s -npc-schedule-noc | FileCheck %s --check-prefix=FLOOR
// RUN: sed 's/host_link_bytes_per_second = 4.096e+10 : f64/host_link_bytes_per_second = 8.0e+09 : f64/' %s | npc-opt -npc-schedule-noc | FileCheck %s --check-prefix=SLOW

// The host link brings a frame's inputs and takes its outputs, one frame
// per period each way (docs/target.md), so the period starts at
// ceil(bytes x clock_hz / host_link_bytes_per_second) if that is more than
// the busiest core's load. The network is schedule-noc-pipelined.mlir's:
// two chained 512-element rescales on a 2 x 1 grid, 2 cycles each, one
// frame 14 cycles long (input on link 8 [0, 2), A [3, 5), A -> B on link 0
// [5, 7), B [8, 10), output on links 5 and 9, arriving at 14).
//
// At 4.096e10 bytes/s and 400 MHz, 512 bytes take 512 x 4e8 / 4.096e10 = 5
// cycles each way: the period starts at 5 instead of 2, and everything
// finds room there with the same times. Buffer copies at period 5:
//   A's input [0, 5): 1; A's output [3, 8): 1; B's input [5, 10): 1;
//   B's output [8, 14): ceil(6 / 5) = 2. (A single copy prints no ` x 1`.)
// FLOOR: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]
// FLOOR: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 512)], output = (520, 512) x 2>]
// FLOOR: noc.schedule attributes {cycles = 14 : i64, period = 5 : i64}
// FLOOR-NEXT: noc.transfer {arrive = 3 : i64, {{.*}} route = array<i64: 8>, src = -1 : i64, start = 0 : i64
// FLOOR-NEXT: noc.compute @rescale_0.0 {core = 0 : i64, end = 5 : i64, layer = 0 : i64, macs = 512 : i64, start = 3 : i64, tile = 0 : i64}
//
// At the default 8e9 bytes/s, ceil(512 x 4e8 / 8e9) = ceil(25.6) = 26
// cycles, more than a frame's 14: frames would not overlap, so the
// timetable has no period (npc-link-program then runs one frame at a time,
// host link included: a period of 26 + 14 + 26 = 66).
// SLOW: noc.schedule attributes {cycles = 14 : i64} {
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, host_link_bytes_per_second = 4.096e+10 : f64}} {
  func.func @main(%arg0: tensor<1x1x1x512x!a>) -> tensor<1x1x1x512x!a> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    return %1 : tensor<1x1x1x512x!a>
  }
}
