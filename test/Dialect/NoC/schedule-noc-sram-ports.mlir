// RUN: npc-opt %s -npc-schedule-noc | FileCheck %s
// RUN: sed 's/sram_ports = 1 : i64/sram_ports = 8 : i64/' %s | npc-opt -npc-schedule-noc | FileCheck %s --check-prefix=EIGHT
// RUN: sed 's/sram_ports = 1 : i64/sram_ports = 0 : i64/' %s | npc-opt -npc-schedule-noc | sed 's/sram_ports = 0 : i64/sram_ports = 1 : i64/' > %t.tampered.mlir
// RUN: not npc-opt %t.tampered.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=VERIFY

// SRAM ports (docs/target.md): a tile's computation holds one port of its
// core for its duration; a transfer one of each core it reads or writes
// (its source and its destination; one for a copy within a core; a
// multicast each core once) from its start to its arrival (the frame
// buffer has none); at most sram_ports at once on a core, in every frame
// (modulo the period).
//
// The model of schedule-noc-pipelined.mlir: two chained rescales of 512
// elements, A on core 0 and B on core 1, 2 cycles each. Its events do not
// move (input [0, 3) into core 0, A [3, 5), A -> B [5, 8), B [8, 10), out
// of core 1 [10, 14)), but with one port per core every event on a core
// must have the port alone: core 0 holds it 3 + 2 + 3 = 8 cycles a frame,
// core 1 3 + 2 + 4 = 9, so the period is 9 (from 2, one cycle at a time),
// not the busiest core's 2. Modulo 9, core 1's port is busy [5, 8), [8,
// 9) + [0, 1), [1, 5): every cycle, once.
// CHECK: noc.schedule attributes {cycles = 14 : i64, period = 9 : i64}
// CHECK-NEXT: noc.transfer {arrive = 3 : i64, {{.*}} route = array<i64: 8>, src = -1 : i64, start = 0 : i64
// CHECK-NEXT: noc.compute @rescale_0.0 {core = 0 : i64, end = 5 : i64, layer = 0 : i64, macs = 512 : i64, start = 3 : i64, tile = 0 : i64}
// CHECK-NEXT: noc.transfer {arrive = 8 : i64, {{.*}} route = array<i64: 0>, src = 0 : i64, start = 5 : i64
// CHECK-NEXT: noc.compute @rescale_1.0 {core = 1 : i64, end = 10 : i64, layer = 1 : i64, macs = 512 : i64, start = 8 : i64, tile = 0 : i64}
// CHECK-NEXT: noc.transfer {arrive = 14 : i64, {{.*}} route = array<i64: 5, 9>, src = 1 : i64, start = 10 : i64
//
// With 8 ports (northpole's default) nothing waits: at period 2, core 1's
// holds stack 5 deep on odd cycles (cycles 5 and 7 of the transfer in, 9
// of B, 11 and 13 of the transfer out), within 8.
// EIGHT: noc.schedule attributes {cycles = 14 : i64, period = 2 : i64}
//
// The verifier counts the ports: the period-2 timetable under one port.
// Core 0's holds [0, 3), [3, 5), [5, 8) fold onto cycles 0 and 1 of the
// period four times each.
// VERIFY: error: 'noc.schedule' op core 0 holds 4 SRAM ports at cycle 0; the target has 1 (frames overlap every 2 cycles)
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, host_link_bytes_per_second = 1.0e12 : f64, sram_ports = 1 : i64}} {
  func.func @main(%arg0: tensor<1x1x1x512x!a>) -> tensor<1x1x1x512x!a> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    return %1 : tensor<1x1x1x512x!a>
  }
}
