// RUN: npc-opt %s -npc-schedule-noc | FileCheck %s
// RUN: sed 's/grid_cols = 2 : i64/grid_cols = 1 : i64/' %s | npc-opt -npc-schedule-noc | FileCheck %s --check-prefix=ONE

// Buffer copies that overflow a core move tiles (docs/noc.md): the model of
// schedule-noc-pipelined.mlir, two chained rescales of 512 elements, 2
// cycles each, but the mapper put both on core 0 of a 2 x 1 grid whose
// cores have 3,700 bytes. The period starts at core 0's load, 4.
//
// At period 4 with both on core 0: input [0, 2) on link 8, arriving at 3;
// A [3, 5); A -> B within the core [5, 7); B [9, 11) (modulo 4 it must miss
// A's [3, 5)); out [11, 13) on link 9, arriving at 14. Copies (ceil(live /
// 4)): A's input 0..5: 2, A's output 3..7: 1, B's input 5..11: 2, B's
// output 9..14: 2. Core 0 then holds 8 + 2 x 512 + 512 (A) + 8 + 2 x 512 +
// 2 x 512 (B) = 3,600 bytes and a program of 6 events at 5 cycles (16
// bytes each): 3,776 > 3,700.
//
// Core 0's largest tile (B, 2,056 bytes with its copies) stays; A moves to
// core 1 (the nearest with room), and period 4 is tried again: input on
// links 8 then 0 (east) [0, 4), arriving at 4; A on core 1 [4, 6); A -> B
// west on link 5 [6, 8), arriving at 9; B [9, 11); out arriving at 14.
// Every buffer lives 5 or 6 cycles: 2 copies each, 2,056 bytes and a
// program of 3 events at 2 cycles (80 bytes) on each core.
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 512) x 2], output = (1032, 512) x 2>]
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512) x 2], output = (1032, 512) x 2>]
// CHECK: noc.schedule attributes {cycles = 14 : i64, period = 4 : i64}
// CHECK-NEXT: noc.transfer {arrive = 4 : i64, {{.*}} dst = 1 : i64, {{.*}} route = array<i64: 8, 0>, src = -1 : i64, start = 0 : i64
// CHECK-NEXT: noc.compute @rescale_0.0 {core = 1 : i64, end = 6 : i64, layer = 0 : i64, macs = 512 : i64, start = 4 : i64, tile = 0 : i64}
// CHECK-NEXT: noc.transfer {arrive = 9 : i64, {{.*}} dst = 0 : i64, {{.*}} route = array<i64: 5>, src = 1 : i64, start = 6 : i64
// CHECK-NEXT: noc.compute @rescale_1.0 {core = 0 : i64, end = 11 : i64, layer = 1 : i64, macs = 512 : i64, start = 9 : i64, tile = 0 : i64}
// CHECK-NEXT: noc.transfer {arrive = 14 : i64, {{.*}} route = array<i64: 9>, src = 0 : i64, start = 11 : i64
//
// With one core nothing can move, and the period grows until the copies
// fit: at 5, B runs [10, 12) (modulo 5 it must miss A's [3, 5)); A's input
// lives 0..5 and its output 3..7: 1 copy each; B's input 5..12: 2; its
// output 10..15: 1. 1,032 + 1,544 bytes and the program fit.
// ONE: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0,
// ONE: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (1032, 8), inputs = [(1040, 512) x 2], output = (2064, 512)>]
// ONE: noc.schedule attributes {cycles = 15 : i64, period = 5 : i64}
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, host_link_bytes_per_second = 1.0e12 : f64, core_memory_bytes = 3700 : i64}} {
  func.func @main(%arg0: tensor<1x1x1x512x!a>) -> tensor<1x1x1x512x!a> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (1032, 8), inputs = [(1040, 512)], output = (1552, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    return %1 : tensor<1x1x1x512x!a>
  }
}
