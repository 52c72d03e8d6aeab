// RUN: npc-opt %s -npc-tile-layers -verify-diagnostics

// A compute layer with a scalar result has no dimension to tile along: a
// diagnostic at the layer, not a crash (it crashed npc-tile-layers).
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @main(%x: tensor<!q>) -> tensor<!q> {
  // expected-error @+1 {{layer 'rescale_0' has a scalar (rank-0) result; layers are tiled along their output's dimensions, so a chip layer needs rank 1 or more}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>} : tensor<!q> -> tensor<!q>
  return %r : tensor<!q>
}
