// RUN: npc-opt %s -npc-schedule-noc='max-attempts=0' | FileCheck %s --check-prefix=FIT
// RUN: sed 's/core_memory_bytes = 12376/core_memory_bytes = 12375/' %s | npc-opt -npc-schedule-noc='max-attempts=0' | FileCheck %s --check-prefix=TIGHT

// Past the fine steps, the period search grows by 25% a step; when a step
// fits, it halves the gap to the last period that did not, down to 1%
// (memory-tight networks fit only far above the busiest core's load).
// max-attempts=0 goes straight to the 25% steps.
//
// Two chained rescales of 4096 elements on a 2 x 1 grid (16 cycles each at
// 256 elements per cycle; every transfer 16 cycles per link, 1 per hop):
//   input on link 8 [0, 16), arriving at 17; A on core 0 [17, 33);
//   A -> B on link 0 [33, 49), arriving at 50; B on core 1 [50, 66);
//   output on links 5 and 9, arriving at 66 + 16 + 2 = 84.
// Buffers live: A's input [0, 33) and output [17, 50), B's input [33, 66)
// and output [50, 84): ceil(33 / p), ceil(33 / p), ceil(33 / p) and
// ceil(34 / p) copies at period p. Each core holds 8 bytes of parameters,
// its copies of 4096 bytes, and a program of (3 events + 2 cycles) x 16 =
// 80 bytes. The host link is made fast (2 cycles a frame each way).
//
// First case: 12,376 bytes per core = 8 + 3 x 4096 + 80: at most 3 copies a core.
// A needs p >= 33 (1 + 1; at p < 33, 2 + 2); B too (1 + 2 at 33).
// Steps: 16, 20, 25, 31 fail, 38 fits; then 34 fits, 32 fails, 33 fits.
// FIT: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4096)], output = (4104, 4096)>]
// FIT: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 4096)], output = (4104, 4096) x 2>]
// FIT: noc.schedule attributes {cycles = 84 : i64, period = 33 : i64}
//
// Second case, one byte less: B's 3 copies no longer fit, so B needs p >= 34
// (1 + 1). Then 34 fits, 32 and 33 fail.
// TIGHT: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4096)], output = (4104, 4096)>]
// TIGHT: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 4096)], output = (4104, 4096)>]
// TIGHT: noc.schedule attributes {cycles = 84 : i64, period = 34 : i64}
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 12376 : i64, host_link_bytes_per_second = 1.0e+12 : f64}} {
  func.func @main(%arg0: tensor<1x1x1x4096x!a>) -> tensor<1x1x1x4096x!a> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4096]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4096)], output = (4104, 4096)>]} : tensor<1x1x1x4096x!a> -> tensor<1x1x1x4096x!a>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4096]>], nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 4096)], output = (4104, 4096)>]} : tensor<1x1x1x4096x!a> -> tensor<1x1x1x4096x!a>
    return %1 : tensor<1x1x1x4096x!a>
  }
}
