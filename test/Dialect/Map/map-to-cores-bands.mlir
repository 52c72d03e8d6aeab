// RUN: npc-opt %s -npc-map-to-cores | FileCheck %s

// The default snake runs through bands of 4 rows, column by column: on a
// 2 x 8 grid, band 0 is rows 0-3 and band 1 rows 4-7. Band 0 goes left to
// right: column 0 down (cores 0, 2, 4, 6), column 1 up (7, 5, 3, 1). Band 1
// goes right to left: column 1 down (9, 11, 13, 15), column 0 up (14, 12,
// 10, 8). Nine rescales of 256 elements, one tile (1 cycle) each: the cap
// is max(1, ceil(9 / 16)) = 1, one tile per core in that order.
// CHECK: nmap.tiles = [#nmap.tile<core = 0,
// CHECK: nmap.tiles = [#nmap.tile<core = 2,
// CHECK: nmap.tiles = [#nmap.tile<core = 4,
// CHECK: nmap.tiles = [#nmap.tile<core = 6,
// CHECK: nmap.tiles = [#nmap.tile<core = 7,
// CHECK: nmap.tiles = [#nmap.tile<core = 5,
// CHECK: nmap.tiles = [#nmap.tile<core = 3,
// CHECK: nmap.tiles = [#nmap.tile<core = 1,
// CHECK: nmap.tiles = [#nmap.tile<core = 9,
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 8 : i64}} {
  func.func @main(%a: tensor<1x1x1x256x!q>) -> tensor<1x1x1x256x!q> {
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %1 = qg.rescale %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %2 = qg.rescale %1 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %3 = qg.rescale %2 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %4 = qg.rescale %3 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %5 = qg.rescale %4 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %6 = qg.rescale %5 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %7 = qg.rescale %6 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    %8 = qg.rescale %7 {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 256]>]} : tensor<1x1x1x256x!q> -> tensor<1x1x1x256x!q>
    return %8 : tensor<1x1x1x256x!q>
  }
}
