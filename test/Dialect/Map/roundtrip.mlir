// RUN: npc-opt %s | npc-opt | FileCheck %s

// #nmap.tile prints as it parses: a buffer's ring copies as ` x N`, none for
// one copy; a standalone #nmap.buffer keeps its prefix.

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
// CHECK-LABEL: func.func @placed
// CHECK: nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4) x 3], output = (32, 4)>, #nmap.tile<core = 3, params = (0, 8), inputs = [(8, 4)], output = (16, 4) x 2>]
func.func @placed(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 0, 4] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4) x 3], output = (32, 4) x 1>, #nmap.tile<core = 3, params = (0, 8), inputs = [(8, 4)], output = (16, 4) x 2>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// CHECK-LABEL: func.func @buffer
// CHECK: test.buffer = #nmap.buffer<(1024, 300) x 2>
func.func @buffer() attributes {test.buffer = #nmap.buffer<(1024, 300) x 2>} {
  return
}

// A tile that streams its parameters (npc-map-to-cores stream-weights)
// prints `params = streamed from K`.
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
// CHECK-LABEL: func.func @streamed
// CHECK: nmap.tiles = [#nmap.tile<core = 0, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>, #nmap.tile<core = 1, params = streamed from 0, inputs = [(0, 25)], output = (32, 45)>]
func.func @streamed(%x: tensor<1x1x6x5x!a>) -> tensor<1x3x6x5x!c> {
  %w = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
  %y = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 3, 5]>, #ntile.box<[0, 0, 3, 0] to [1, 3, 6, 5]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>, #nmap.tile<core = 1, params = streamed from 0, inputs = [(0, 25)], output = (32, 45)>]} : (tensor<1x1x6x5x!a>, tensor<3x1x3x3x!w>) -> tensor<1x3x6x5x!c>
  return %y : tensor<1x3x6x5x!c>
}
