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
