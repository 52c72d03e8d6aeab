// RUN: npc-opt %s "-npc-map-to-cores=reuse-buffers=true" | FileCheck %s
// RUN: not npc-opt %s -npc-map-to-cores 2>&1 | FileCheck %s --check-prefix=RESIDENT
// RUN: npc-opt %s "-npc-map-to-cores=reuse-buffers=true" -npc-schedule-noc | FileCheck %s --check-prefix=SCHED

// A chain a = rescale(x), b = rescale(a), c = rescale(b) of 200 bytes each
// on one core of 1024 bytes. A tile takes 8 bytes of parameters, a 200-byte
// input window and a 200-byte output, and up to 96 bytes of program (a
// receive, its compute and a send, with a wait each: 6 x 16); all three
// resident need 3 x 504 = 1512 bytes.
// RESIDENT: error: model does not fit: layer 'rescale_2' tile 0 needs 504 bytes

// With reuse-buffers, buffers whose lifetimes (in layer positions) do not
// meet share bytes, each at the lowest 8-aligned address free of those it
// meets: parameters live throughout; a's window at 0, a's output 0 to 1,
// b's window at 1, b's output 1 to 2, c's window at 2, c's output 2 to the
// host. In order:
//   a: parameters [0, 8), window [8, 208), output [208, 408);
//   b: parameters [408, 416), window [8, 208) (a's window is done),
//      output [416, 616);
//   c: parameters [616, 624), window [8, 208), output [208, 408) (a's
//      output is done by then).
// 624 bytes of buffers and 288 of program fit the core.
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 200)], output = (208, 200)>]
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (408, 8), inputs = [(8, 200)], output = (416, 200)>]
// CHECK: qg.rescale {{.*}}nmap.tiles = [#nmap.tile<core = 0, params = (616, 8), inputs = [(8, 200)], output = (208, 200)>]

// Frames then run one at a time: the timetable has no period.
// SCHED: noc.schedule attributes {cycles = {{[0-9]+}} : i64} {
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 1 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x200x!q>) -> tensor<1x1x1x200x!q> {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 200]>]} : tensor<1x1x1x200x!q> -> tensor<1x1x1x200x!q>
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 200]>]} : tensor<1x1x1x200x!q> -> tensor<1x1x1x200x!q>
    %c = qg.rescale %b {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 200]>]} : tensor<1x1x1x200x!q> -> tensor<1x1x1x200x!q>
    return %c : tensor<1x1x1x200x!q>
  }
}
