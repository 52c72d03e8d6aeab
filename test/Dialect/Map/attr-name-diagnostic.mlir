// RUN: npc-opt %s -split-input-file -verify-diagnostics
//
// Regression test (fixed): MapDialect::verifyOperationAttribute streams the attribute name (a
// StringAttr) into its diagnostics, which prints it with its own quotes:
//   unknown nmap attribute '"nmap.core"'
//   '"nmap.tiles"' must be an array of #nmap.tile
// instead of 'nmap.core' / 'nmap.tiles'.

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @unknown_attr(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{unknown nmap attribute 'nmap.core'}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.core = array<i64: 0>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @not_i64(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.tiles' must be an array of #nmap.tile}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = array<i64: 0, 8, 8, 8, 16, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}
