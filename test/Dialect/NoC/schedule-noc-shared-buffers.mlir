// RUN: npc-opt %s -split-input-file -npc-schedule-noc | FileCheck %s

// Buffers that share bytes (npc-map-to-cores reuse-buffers): frames run one
// at a time, and a buffer's first write waits for the last access to the
// earlier buffer in its bytes. Three rescales of 4 bytes on core 0 of a
// 2 x 1 grid: a = rescale(x), b = rescale(a), c = rescale(y); outputs b
// and c. A 4-byte block from the frame buffer takes 2 cycles over link 8
// (a copy within a core 1), back to it over link 9 2 cycles; a rescale of 4
// elements 1 cycle. In layer positions c's input window lives at 2 only and
// a's at 0 only, so the two may share bytes 8 to 12; c's window then takes
// its block only after a has read its own: at cycle 3, the end of a's tile,
// rather than at 1, when link 8 is free (the case below).
//   x -> a's window [0, 2); a [2, 3); a -> b's window [3, 4); b [4, 5);
//   y -> c's window [3, 5); c [5, 6); b -> frame buffer [5, 7); c -> frame
//   buffer [6, 8).
// CHECK-LABEL: noc.schedule attributes {cycles = 8 : i64} {
// CHECK: noc.transfer {arrive = 2 : i64, {{.*}}, id = 0 : i64, {{.*}}, start = 0 : i64
// CHECK: noc.compute @rescale_0.0 {core = 0 : i64, end = 3 : i64, layer = 0 : i64, macs = 4 : i64, start = 2 : i64, tile = 0 : i64}
// CHECK: noc.transfer {arrive = 4 : i64, {{.*}}, id = 1 : i64, {{.*}}, start = 3 : i64
// CHECK: noc.compute @rescale_1.0 {core = 0 : i64, end = 5 : i64, layer = 1 : i64, macs = 4 : i64, start = 4 : i64, tile = 0 : i64}
// CHECK: noc.transfer {arrive = 5 : i64, {{.*}}, id = 2 : i64, {{.*}}, start = 3 : i64
// CHECK: noc.compute @rescale_2.0 {core = 0 : i64, end = 6 : i64, layer = 2 : i64, macs = 4 : i64, start = 5 : i64, tile = 0 : i64}
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x4x!q>, %y: tensor<1x1x1x4x!q>) -> (tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>) {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(32, 4)], output = (40, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %c = qg.rescale %y {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (48, 8), inputs = [(8, 4)], output = (56, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %b, %c : tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>
  }
}

// -----

// The same with c's window in bytes of its own: y -> c's window leaves at
// 1, once x's block has cleared link 8, and frames overlap every 3 cycles
// (the core's load).
// CHECK-LABEL: noc.schedule attributes {cycles = 7 : i64, period = 3 : i64} {
// CHECK: noc.transfer {arrive = 3 : i64, {{.*}}, id = 2 : i64, {{.*}}, start = 1 : i64
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x4x!q>, %y: tensor<1x1x1x4x!q>) -> (tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>) {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(32, 4)], output = (40, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %c = qg.rescale %y {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (48, 8), inputs = [(64, 4)], output = (56, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %b, %c : tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>
  }
}

// -----

// c's output in the bytes of a's output (a's lives at positions 0 to 1,
// c's from 2 to the host): c's tile writes it only after the last read of
// a's output, a -> b's window, arrives at 4; b has the core [4, 5), so c
// runs [5, 6) rather than [3, 4) (the case above). Its window, in bytes of
// its own, still takes y's block at 1.
// CHECK-LABEL: noc.schedule attributes {cycles = 8 : i64} {
// CHECK: noc.transfer {arrive = 4 : i64, {{.*}}, id = 1 : i64, {{.*}}, start = 3 : i64
// CHECK: noc.compute @rescale_1.0 {core = 0 : i64, end = 5 : i64, layer = 1 : i64, macs = 4 : i64, start = 4 : i64, tile = 0 : i64}
// CHECK: noc.transfer {arrive = 3 : i64, {{.*}}, id = 2 : i64, {{.*}}, start = 1 : i64
// CHECK: noc.compute @rescale_2.0 {core = 0 : i64, end = 6 : i64, layer = 2 : i64, macs = 4 : i64, start = 5 : i64, tile = 0 : i64}
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x4x!q>, %y: tensor<1x1x1x4x!q>) -> (tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>) {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(32, 4)], output = (40, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %c = qg.rescale %y {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (48, 8), inputs = [(64, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %b, %c : tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>
  }
}
