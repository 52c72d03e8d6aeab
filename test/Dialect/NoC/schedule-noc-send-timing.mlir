// RUN: npc-opt %s -npc-schedule-noc | FileCheck %s
// RUN: npc-opt %s "-npc-schedule-noc=send-timing=wait-in-smaller" | FileCheck %s
// RUN: npc-opt %s "-npc-schedule-noc=send-timing=asap" | FileCheck %s --check-prefix=ASAP
// RUN: not npc-opt %s "-npc-schedule-noc=send-timing=late" 2>&1 | FileCheck %s --check-prefix=BAD

// Where a block sent to one tile waits for the tile's other inputs
// (docs/noc.md). A residual add on core 1 of a 2 x 1 grid whose cores have
// 5,400 bytes: `a` (core 0) is ready long before `b3`, the end of a chain
// b1 -> b2 -> b3 on core 1; core 0 also runs a chain c1 -> c2 -> c3 to a
// second output. Every layer is 512 elements: 2 cycles of compute, and a
// 512-byte block takes 2 cycles on a link plus 1 per hop (a copy within a
// core 2 cycles). Each core has 8 cycles of compute, so the period starts
// at 8. A buffer that lives L cycles needs ceil(L / 8) copies; a core's
// program takes 16 bytes per event and per distinct cycle of its events
// (schedule-noc-relocate.mlir).
//
// The timetable at period 8 (both timings place the same transfers and
// tiles but the one from `a` to the add):
//   core 0: x -> a over link 8 [0, 3); a [3, 5); x -> c1 over link 8 (busy
//     [0, 4) with the inputs of a and b1) [4, 7); c1 [7, 9); copy [9, 11);
//     c2 at 11 = 3 mod 8 would meet a: [13, 15); copy [15, 17); c3
//     [17, 19); c3 -> frame buffer over link 9 [19, 22).
//   core 1: x -> b1 over links 8, 0 [2, 6); b1 [6, 8); copy [8, 10); b2
//     [10, 12); copy [12, 14); b3 at 14 = 6 mod 8 would meet b1: [16, 18);
//     copy [18, 20); add [20, 22); add -> frame buffer over links 5, 9
//     [22, 26).
//
// Sent at once (asap), a -> add leaves at 5 and arrives at 8: the add's
// window for `a` lives 5 -> 22, 17 cycles, 3 copies. Core 1 then holds
// b1, b2, b3 (8 + 512 + 512 bytes each, one copy of everything) and the
// add (16 + 3 x 512 + 512 + 512): 5,672 bytes, and a program of 13 events
// at 9 cycles (352 bytes): 6,024 > 5,400. No tile can move: core 0's 8
// cycles fill the period.
//
// Waiting in the smaller buffer: the window (512 bytes) is not smaller
// than a's output (512 bytes), so the block leaves to arrive when b3 ends,
// at 18: it leaves at 15 (link 0 is free at 15 and 16 = 7, 0 mod 8; x ->
// b1 holds it at 3, 4). The window lives 15 -> 22: one copy, and core 1
// holds 4,648 bytes and 352 of program: 5,000. a's output now lives
// 3 -> 18: 2 copies; core 0 holds a (8 + 512 + 2 x 512), c1, c2, c3
// (1,032 each): 4,640 bytes and a program of 12 events at 8 cycles (320
// bytes): 4,960. Period 8 fits.
// CHECK: %0 = qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512) x 2>]
// CHECK: qg.add {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (3096, 16), inputs = [(3112, 512), (3624, 512)], output = (4136, 512)>]
// CHECK: noc.schedule attributes {cycles = 26 : i64, period = 8 : i64}
// CHECK: noc.transfer {arrive = 18 : i64, {{.*}} consumer = @add_4.0, dst = 1 : i64, {{.*}} operand = 0 : i64, producer = @rescale_0.0, route = array<i64: 0>, src = 0 : i64, start = 15 : i64
// CHECK-NEXT: noc.transfer {arrive = 20 : i64, {{.*}} consumer = @add_4.0, {{.*}} operand = 1 : i64, producer = @rescale_3.0, route = array<i64>, src = 1 : i64, start = 18 : i64
// CHECK-NEXT: noc.compute @add_4.0 {core = 1 : i64, end = 22 : i64, layer = 4 : i64, macs = 512 : i64, start = 20 : i64, tile = 0 : i64}
//
// Sent at once only, the period grows until the copies fit: at 15 the
// chain on core 1 runs as early as its data allow (b3 [14, 16), add
// [18, 20)), and the window for `a`, 5 -> 20, needs one copy.
// ASAP: qg.add {{.*}}nmap.tiles = [#nmap.tile<core = 1, params = (3096, 16), inputs = [(3112, 512), (3624, 512)], output = (4136, 512)>]
// ASAP: noc.schedule attributes {cycles = 24 : i64, period = 15 : i64}
// ASAP: noc.transfer {arrive = 8 : i64, {{.*}} consumer = @add_4.0, {{.*}} operand = 0 : i64, {{.*}} start = 5 : i64
// ASAP: noc.compute @add_4.0 {core = 1 : i64, end = 20 : i64, layer = 4 : i64, macs = 512 : i64, start = 18 : i64, tile = 0 : i64}
//
// BAD: error: npc-schedule-noc: send-timing 'late': must be asap, wait-in-smaller or auto
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, host_link_bytes_per_second = 1.0e12 : f64, core_memory_bytes = 5400 : i64}} {
  func.func @main(%x: tensor<1x1x1x512x!a>) -> (tensor<1x1x1x512x!a>, tensor<1x1x1x512x!a>) {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %b1 = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 1, params = (0, 8), inputs = [(8, 512)], output = (520, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %b2 = qg.rescale %b1 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 1, params = (1032, 8), inputs = [(1040, 512)], output = (1552, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %b3 = qg.rescale %b2 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 1, params = (2064, 8), inputs = [(2072, 512)], output = (2584, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %s = qg.add %a, %b3 {multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 1, params = (3096, 16), inputs = [(3112, 512), (3624, 512)], output = (4136, 512)>]} : (tensor<1x1x1x512x!a>, tensor<1x1x1x512x!a>) -> tensor<1x1x1x512x!a>
    %c1 = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (1032, 8), inputs = [(1040, 512)], output = (1552, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %c2 = qg.rescale %c1 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (2064, 8), inputs = [(2072, 512)], output = (2584, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    %c3 = qg.rescale %c2 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 512]>], nmap.tiles = [#nmap.tile<core = 0, params = (3096, 8), inputs = [(3104, 512)], output = (3616, 512)>]} : tensor<1x1x1x512x!a> -> tensor<1x1x1x512x!a>
    return %s, %c3 : tensor<1x1x1x512x!a>, tensor<1x1x1x512x!a>
  }
}
