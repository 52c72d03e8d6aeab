// RUN: npc-opt %s -split-input-file -verify-diagnostics
//
// Regression test (fixed): MapDialect::verifyOperationAttribute tests `addr + bytes >
// core_memory_bytes` in int64_t. With addr or bytes near 2^63 the sum
// overflows (undefined behaviour; in practice it wraps negative) and the
// buffer is accepted although it lies far outside the 1024-byte memory.
// Expected: the "exceeds the core memory" error. Compare `bytes >
// memory - addr` after checking both are >= 0.

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @huge_address(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error-re @+1 {{buffer [9223372036854775807, {{.*}}) on core 0 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (9223372036854775807, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @huge_size(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error-re @+1 {{buffer [16, {{.*}}) on core 0 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 9223372036854775807)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}
