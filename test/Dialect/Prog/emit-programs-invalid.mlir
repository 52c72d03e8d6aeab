// RUN: npc-opt %s -split-input-file -npc-emit-programs -verify-diagnostics

// Programs are made from the timetable: without one there is nothing to emit.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
// expected-error @+1 {{expects exactly one noc.schedule; run npc-schedule-noc first}}
module {
  func.func @main(%a: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %0 : tensor<1x1x1x8x!q>
  }
}

// -----

// Two timetables are ambiguous.
// expected-error @+1 {{expects exactly one noc.schedule; run npc-schedule-noc first}}
module {
  noc.schedule attributes {cycles = 0 : i64} {
  }
  noc.schedule attributes {cycles = 0 : i64} {
  }
}
