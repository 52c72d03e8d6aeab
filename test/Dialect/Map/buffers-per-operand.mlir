// RUN: npc-opt %s -split-input-file -verify-diagnostics
//
// Regression test (fixed): the nmap verifier checked only that every tile
// had the same number of buffers, not that each tile has one input window
// per activation operand of its layer (parameters, one window per input,
// output). A conv tile with only (params, output) verifies, and
// npc-schedule-noc / npc-emit-programs then happily schedule a transfer into
// an input buffer that was never allocated; the manifest reader
// (Manifest.cpp, input_addrs size check) rejects such a layer only at run
// time. Expected: the verifier rejects both ops below.

!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
func.func @conv_without_input_buffer(%arg0: tensor<1x1x2x2x!x>) -> tensor<1x1x2x2x!y> {
  %0 = qg.constant dense<1> : tensor<1x1x1x1xi8> : tensor<1x1x1x1x!w>
  // One activation operand: 3 pairs per tile are needed, 2 are given.
  // expected-error @+1 {{'nmap.tiles' needs one input window per activation operand: its tiles have 0, the layer has 1 inputs}}
  %1 = qg.conv2d %arg0, %0 {dilations = array<i64: 1, 1>, folded_bias = array<i32: -10>, group = 1 : i64, multiplier = array<i32: 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 31>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 2, 2]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 16), inputs = [], output = (16, 4)>]} : (tensor<1x1x2x2x!x>, tensor<1x1x1x1x!w>) -> tensor<1x1x2x2x!y>
  return %1 : tensor<1x1x2x2x!y>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @rescale_with_extra_buffer(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // One activation operand: 3 pairs per tile, 4 are given.
  // expected-error @+1 {{'nmap.tiles' needs one input window per activation operand: its tiles have 2, the layer has 1 inputs}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8), (16, 8)], output = (24, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}
