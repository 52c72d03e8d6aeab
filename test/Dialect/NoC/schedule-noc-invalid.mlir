// RUN: npc-opt %s -split-input-file -npc-schedule-noc -verify-diagnostics

// Scheduling needs the mapping: a tiled layer without nmap attributes.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module {
  func.func @main(%a: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{layer 'rescale_0' is not tiled and mapped; run npc-tile-layers and npc-map-to-cores first}}
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %0 : tensor<1x1x1x8x!q>
  }
}

// -----

// Nor tiled nor mapped: the second layer is reported, the first is fine.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module {
  func.func @main(%a: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    // expected-error @+1 {{layer 'rescale_1' is not tiled and mapped; run npc-tile-layers and npc-map-to-cores first}}
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %1 : tensor<1x1x1x8x!q>
  }
}

// -----

// expected-error @+1 {{target: noc.activation.link_bytes_per_cycle must be >= 1, got 0}}
module attributes {npc.target = {noc = {activation = {link_bytes_per_cycle = 0 : i64}}}} {
  func.func @main() {
    return
  }
}

// -----

// expected-error @+1 {{module has no @main}}
module {
}

// -----

// Buffers that share bytes run frames one at a time, so the scheduler adds
// no copies; a program that does not fit above them is still an error. As
// in schedule-noc-shared-buffers.mlir, but c's output at 1016 leaves 4
// bytes of the 1024-byte core for a program of 224 (32 per instruction).
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
// expected-error @+1 {{core 0 needs 1244 bytes for its buffers and program; a core has 1024}}
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x4x!q>, %y: tensor<1x1x1x4x!q>) -> (tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>) {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(32, 4)], output = (40, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %c = qg.rescale %y {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (48, 8), inputs = [(8, 4)], output = (1016, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %b, %c : tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>
  }
}
