// RUN: npc-opt %s -npc-search-mapping -verify-diagnostics

// When no variant fits, the default mapping runs on the module itself and
// says why (the case of test/Dialect/Map/map-to-cores-invalid.mlir: three
// 696-byte tiles, program included, on two 1024-byte cores).
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%a: tensor<1x1x1x296x!q>, %b: tensor<1x1x1x296x!q>, %c: tensor<1x1x1x296x!q>) -> (tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>) {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    %1 = qg.rescale %b {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    // expected-error @+1 {{model does not fit: layer 'rescale_2' tile 0 needs 696 bytes (parameters 8, input 296, output 296, program up to 96); the largest free space on a core is 328 of 1024 bytes (656 bytes free on the whole chip)}}
    %2 = qg.rescale %c {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 296]>]} : tensor<1x1x1x296x!q> -> tensor<1x1x1x296x!q>
    return %0, %1, %2 : tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>, tensor<1x1x1x296x!q>
  }
}
