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
