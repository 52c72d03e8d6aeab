// RUN: npc-opt %s -split-input-file -verify-diagnostics
//
// Regression test (fixed): TileDialect::verifyOperationAttribute streams the attribute name (a
// StringAttr) into the diagnostic, which prints it with its own quotes:
//   unknown ntile attribute '"ntile.tile"'
// instead of
//   unknown ntile attribute 'ntile.tile'
// (stream attr.getName().getValue() instead).

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @unknown_attr(%x: tensor<4x!q>) -> tensor<4x!q> {
  // expected-error @+1 {{unknown ntile attribute 'ntile.tile'}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tile = [array<i64: 0, 4>]} : tensor<4x!q> -> tensor<4x!q>
  return %r : tensor<4x!q>
}
