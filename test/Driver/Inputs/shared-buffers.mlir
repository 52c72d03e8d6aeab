!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%x: tensor<1x1x1x4x!q>, %y: tensor<1x1x1x4x!q>) -> (tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>) {
    %a = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %b = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(32, 4)], output = (40, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    %c = qg.rescale %y {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (48, 8), inputs = [(8, 4)], output = (56, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %b, %c : tensor<1x1x1x4x!q>, tensor<1x1x1x4x!q>
  }
}
