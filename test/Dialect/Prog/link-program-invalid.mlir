// RUN: npc-opt %s -split-input-file -npc-link-program -verify-diagnostics

// Linking needs the timetable and its programs.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
// expected-error @+1 {{expects one noc.schedule and its programs: run npc-schedule-noc and npc-emit-programs first}}
module attributes {npc.target = {name = "quad", grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  func.func @main(%a: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %0 : tensor<1x1x1x8x!q>
  }
}

// -----

// Buffers up to byte 1016 of a 1024-byte core fit, but the program (five
// 16-byte instructions) sits above them and does not.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
// expected-error @+1 {{core (0, 0) needs 1016 bytes of buffers and 80 bytes of program; a core has 1024 bytes; of its 1 tile the largest: 'rescale_0' tile 0 (24 bytes).}}
module attributes {npc.target = {name = "tiny", grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%a: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(1000, 8)], output = (1008, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %0 : tensor<1x1x1x8x!q>
  }
  noc.schedule attributes {cycles = 5 : i64} {
    noc.transfer {arrive = 2 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, bytes = 8 : i64, consumer = @rescale_0.0, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 0 : i64, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}
    noc.compute @rescale_0.0 {core = 0 : i64, end = 3 : i64, layer = 0 : i64, macs = 8 : i64, start = 2 : i64, tile = 0 : i64}
    noc.transfer {arrive = 5 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, bytes = 8 : i64, dst = -1 : i64, id = 1 : i64, noc = 0 : i64, operand = -1 : i64, producer = @rescale_0.0, route = array<i64: 17>, src = 0 : i64, start = 3 : i64, tensor = 1 : i64}
  }
  prog.core attributes {core = -1 : i64} {
    prog.wait_until 0
    prog.send 0
    prog.wait_until 5
    prog.recv 1
  }
  prog.core attributes {core = 0 : i64} {
    prog.wait_until 2
    prog.recv 0
    prog.compute 0, 0
    prog.wait_until 3
    prog.send 1
  }
}
