// RUN: npc-opt %s -npc-schedule-noc='pipeline=false' -npc-emit-programs -npc-link-program | FileCheck %s --implicit-check-not=qg. --implicit-check-not=noc. --implicit-check-not=func.
// RUN: npc-opt %s -npc-schedule-noc='pipeline=false' -npc-emit-programs -npc-link-program | npc-opt | FileCheck %s --check-prefix=ROUNDTRIP

// npc-link-program replaces the graph, its placement and the timetable by
// the program the artifact holds. One qg.rescale of 8 elements on core 0 of
// a 2 x 2 grid: its parameters at 0 (8 bytes), its input window at 8 and
// its output at 16, as nmap.tiles says; no pipelining, one copy each.
// One frame at a time includes the host link (docs/target.md): 8 bytes in
// and 8 out take ceil(8 x 4e8 / 8e9) = 1 cycle each way, so the period is
// 1 + the frame's 5 cycles + 1 (the input over one link arrives at 1 + 1
// hop = 2, the rescale takes [2, 3), the output arrives at 3 + 1 + 1 = 5).

// CHECK:      prog.frame {cycles = 5 : i64, period = 7 : i64}
// The graph input lives in the frame buffer; layer 0 writes tensor 1.
// CHECK-NEXT: prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
// CHECK-NEXT: prog.tensor {kind = "uint8", producer = 0 : i64, shape = array<i64: 1, 1, 1, 8>}
// CHECK-NEXT: prog.layer "rescale_0" attributes {geometry = {{{.*}}input_zero_points = array<i64: 10>{{.*}}kind_name = "rescale"{{.*}}output_zero_point = 10 : i64{{.*}}}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
// Parameters: no weights or biases (2-bit weight field, empty), one
// multiplier at offset 0 and one shift at offset 4, 8 bytes.
// CHECK-NEXT:   prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = [[END:[0-9]+]] : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = [[START:[0-9]+]] : i64}
// CHECK-NEXT: }
// In from the frame buffer (link 16 of a 2 x 2 mesh), out to it (link 17).
// CHECK-NEXT: prog.transfer {arrive = [[START]] : i64, {{.*}}dst = 0 : i64, id = 0 : i64, {{.*}}route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}
// CHECK-NEXT: prog.transfer {{{.*}}dst = -1 : i64, id = 1 : i64, {{.*}}route = array<i64: 17>, src = 0 : i64, start = [[END]] : i64, tensor = 1 : i64}
// CHECK-NEXT: prog.host "npc.input_names0" {axis = -1 : i64, converts_float = false, host_kind = "uint8", {{.*}}tensor = 0 : i64
// CHECK-NEXT: prog.host "npc.output_names0" {{{.*}}output, {{.*}}tensor = 1 : i64
// CHECK-NEXT: prog.core attributes {core = -1 : i64} {
// CHECK:      prog.core attributes {core = 0 : i64, memory = dense_resource<core0> : tensor<8xi8>} {
// CHECK-NEXT:   prog.wait_until [[START]]
// CHECK-NEXT:   prog.recv 0
// CHECK-NEXT:   prog.compute 0, 0
// CHECK-NEXT:   prog.wait_until [[END]]
// CHECK-NEXT:   prog.send 1
// CHECK-NEXT: }
// The memory image: after the blob's 4-byte alignment word, the multiplier
// 2^30 and the shift 30 as little-endian int32.
// CHECK: core0: "0x01000000000000401E000000"

// The linked module reads back unchanged.
// ROUNDTRIP: prog.core attributes {core = 0 : i64, memory = dense_resource<core0> : tensor<8xi8>} {
// ROUNDTRIP: core0: "0x01000000000000401E000000"

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {name = "quad", grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  func.func @main(%a: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %0 : tensor<1x1x1x8x!q>
  }
}
