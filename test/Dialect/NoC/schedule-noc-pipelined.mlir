// RUN: npc-opt %s -npc-schedule-noc | FileCheck %s

// Overlapping frames (the default). Frame f runs the timetable f * period
// cycles after frame 0, so every core and link is reserved modulo the
// period. The period starts at the busiest core's compute load and grows
// (by 3%, at least 1 cycle) until everything finds room.
//
// 2 x 1 grid (link ids: core * 4 + dir, 0 E, 1 W; frame buffer in 8, out 9).
// Two chained rescales of 512 elements, one tile each: A on core 0, B on
// core 1, 2 cycles each (256 elements per cycle), so the period starts at 2.
// A transfer holds each link of its route for ceil(512/256) = 2 cycles, one
// hop later per link, so at period 2 everything finds room:
//   input on link 8 [0, 2), arriving at 2 + 1 hop = 3; A [3, 5);
//   A -> B on link 0 [5, 7), arriving at 8; B [8, 10); the output west on
//   link 5 [10, 12) then out on link 9 [11, 13), arriving at 10 + 2 + 2 = 14.
// One frame takes 14 cycles and a new frame starts every 2. (The host link
// is made fast enough to take a frame's 512 bytes each way in 1 cycle: its
// own floor on the period is schedule-noc-host-link.mlir's.)
// Buffer copies: frame f + 1 writes every buffer 2 cycles after frame f, so
// a buffer whose data lives L cycles needs ceil(L / 2) copies:
//   A's input:  written from 0 (transfer start), read until 5 (A ends): 3.
//   A's output: written from 3 (A starts), read until 8 (arrival at B): 3.
//   B's input:  5 .. 10: 3.  B's output: 8 .. 14: 3.
// The buffers are laid out again with the copies (parameters 8 bytes, then
// three 512-byte inputs, then three 512-byte outputs).
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512) x 3], output = (1544, 512) x 3>]
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 512) x 3], output = (1544, 512) x 3>]
//
// CHECK: noc.schedule attributes {cycles = 14 : i64, period = 2 : i64}
// CHECK-NEXT: noc.transfer {arrive = 3 : i64, {{.*}} route = array<i64: 8>, src = -1 : i64, start = 0 : i64
// CHECK-NEXT: noc.compute @rescale_0.0 {core = 0 : i64, end = 5 : i64, layer = 0 : i64, macs = 512 : i64, start = 3 : i64, tile = 0 : i64}
// CHECK-NEXT: noc.transfer {arrive = 8 : i64, {{.*}} route = array<i64: 0>, src = 0 : i64, start = 5 : i64
// CHECK-NEXT: noc.compute @rescale_1.0 {core = 1 : i64, end = 10 : i64, layer = 1 : i64, macs = 512 : i64, start = 8 : i64, tile = 0 : i64}
// CHECK-NEXT: noc.transfer {arrive = 14 : i64, {{.*}} route = array<i64: 5, 9>, src = 1 : i64, start = 10 : i64
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, host_link_bytes_per_second = 1.0e12 : f64}} {
  func.func @main(%arg0: tensor<1x1x1x512x!a>) -> tensor<1x1x1x512x!a> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    return %1 : tensor<1x1x1x512x!a>
  }
}
