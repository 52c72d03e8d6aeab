// RUN: npc-opt %s -npc-tile-layers | FileCheck %s --check-prefix=DEFAULT
// RUN: npc-opt %s -npc-tile-layers="min-parallel-cycles=0" | FileCheck %s --check-prefix=ALWAYS
// RUN: npc-opt %s -npc-tile-layers="min-parallel-cycles=1" | FileCheck %s --check-prefix=ONE

// A layer gets `parallel` (16) tiles only as far as each keeps
// min-parallel-cycles (16) compute cycles: cutting a small layer finer only
// adds transfers. The rescale on 1x4x64 is 256 vector elements; at
// northpole's vector rate (2048 / 8 = 256 per cycle) that is 1 cycle: one
// tile by default. min-parallel-cycles=0 restores `parallel` for every
// layer: 16 tiles, 4 along dimension 1 times 4 along dimension 2, each
// 1 x 1 x 16. min-parallel-cycles=1 allows ceil(1 / 1) = 1 tile as well.
// DEFAULT: qg.rescale
// DEFAULT-SAME: ntile.tiles = [#ntile.box<[0, 0, 0] to [1, 4, 64]>]
// ALWAYS: qg.rescale
// ALWAYS-SAME: ntile.tiles = [#ntile.box<[0, 0, 0] to [1, 1, 16]>, #ntile.box<[0, 1, 0] to [1, 2, 16]>,
// ALWAYS-SAME: #ntile.box<[0, 3, 48] to [1, 4, 64]>]
// ONE: ntile.tiles = [#ntile.box<[0, 0, 0] to [1, 4, 64]>]
!x = !quant.uniform<u8:f32, 5.000000e-01:10>
!y = !quant.uniform<u8:f32, 1.000000e+00:3>
module attributes {npc.target = {name = "northpole"}} {
  func.func @main(%arg0: tensor<1x4x64x!x>) -> tensor<1x4x64x!y> {
    %0 = qg.rescale %arg0 {multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<1x4x64x!x> -> tensor<1x4x64x!y>
    return %0 : tensor<1x4x64x!y>
  }
}
