// RUN: npc-opt %s -split-input-file -verify-diagnostics

// Buffers may share bytes only where their lifetimes, in layer positions,
// do not meet (docs/mapping.md, "Buffers that share memory"). a = rescale(x)
// and b = rescale(a) on core 0: a's output lives from a to its reader b
// (positions 0 to 1), b's from 1 to the host (past the last layer). The two
// outputs in the same bytes would both hold data at position 1.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x4x!q>) -> tensor<1x1x1x4x!q> {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    // expected-error @+1 {{buffer output [16, 20) of tile 0 of layer 1 (qg.rescale) overlaps buffer output [16, 20) of tile 0 of layer 0 (qg.rescale) on core 0 while both hold data}}
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(32, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %b : tensor<1x1x1x4x!q>
  }
}

// -----

// b's input window (position 1 only) in the bytes of a's (position 0
// only) is fine; in the bytes of a's parameters it is not: parameters live
// throughout and share bytes with nothing.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x4x!q>) -> tensor<1x1x1x4x!q> {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(8, 4)], output = (40, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    // expected-error @+1 {{buffer input 0 [4, 8) of tile 0 of layer 2 (qg.rescale) overlaps buffer parameters [0, 8) of tile 0 of layer 0 (qg.rescale) on core 0}}
    %c = qg.rescale %b {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (48, 8), inputs = [(4, 4)], output = (56, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %c : tensor<1x1x1x4x!q>
  }
}
