// RUN: npc-opt %s -split-input-file -verify-diagnostics

// The ntile dialect checks that `ntile.tiles` partitions the result:
// one #ntile.box of the result's rank per tile, as many upper bounds as
// lower ones, every tile non-empty and inside the output, no
// two tiles overlapping, and together covering every element.

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @valid(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // Two channel tiles and one channel split by rows: a partition.
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 4, 4]>, #ntile.box<[0, 1, 0, 0] to [1, 2, 1, 4]>, #ntile.box<[0, 1, 1, 0] to [1, 2, 4, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @overlap(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // Rows [0,3) and [2,4) share row 2.
  // expected-error @+1 {{tiles 0 and 1 overlap}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 3, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 2, 4, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @overlap_later(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // Tile 2 (all of channel 1) overlaps tile 1 (channel 1, rows 0-1), not tile 0.
  // expected-error @+1 {{tiles 1 and 2 overlap}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 4, 4]>, #ntile.box<[0, 1, 0, 0] to [1, 2, 2, 4]>, #ntile.box<[0, 1, 0, 0] to [1, 2, 4, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @not_covered(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // Channel 0 only: 16 of the 32 elements.
  // expected-error @+1 {{tiles cover 16 of 32 output elements}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 4, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @hole(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // Rows 0-1 and 3 of both channels: row 2 (2 x 4 = 8 elements) is missing.
  // expected-error @+1 {{tiles cover 24 of 32 output elements}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 2, 4]>, #ntile.box<[0, 0, 3, 0] to [1, 2, 4, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @wrong_bound_count(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // The result has rank 4; tile 1 is a box of rank 3.
  // expected-error @+1 {{tile 1 must be a #ntile.box of rank 4}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 4, 4]>, #ntile.box<[0, 1, 0] to [1, 2, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @not_a_box(%x: tensor<4x!q>) -> tensor<4x!q> {
  // Bounds as a bare array are not a box.
  // expected-error @+1 {{tile 0 must be a #ntile.box of rank 1}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 4>]} : tensor<4x!q> -> tensor<4x!q>
  return %r : tensor<4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @ragged_box(%x: tensor<4x!q>) -> tensor<4x!q> {
  // expected-error @+1 {{a box needs as many upper bounds as lower bounds, got 1 and 2}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0] to [4, 1]>]} : tensor<4x!q> -> tensor<4x!q>
  return %r : tensor<4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @outside(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // Channel 1 extended to 3, past the 2 channels of the output.
  // expected-error @+1 {{tile 1 [0:1, 1:3, 0:4, 0:4] is empty or outside the output [0:1, 0:2, 0:4, 0:4]}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 4, 4]>, #ntile.box<[0, 1, 0, 0] to [1, 3, 4, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @negative_lo(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // expected-error @+1 {{tile 0 [0:1, 0:2, -1:4, 0:4] is empty or outside the output [0:1, 0:2, 0:4, 0:4]}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, -1, 0] to [1, 2, 4, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @empty_tile(%x: tensor<1x2x4x4x!q>) -> tensor<1x2x4x4x!q> {
  // Rows [2,2) hold nothing: an empty tile is rejected even though the
  // other tile alone covers the output.
  // expected-error @+1 {{tile 1 [0:1, 0:2, 2:2, 0:4] is empty or outside the output}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 2, 4, 4]>, #ntile.box<[0, 0, 2, 0] to [1, 2, 2, 4]>]} : tensor<1x2x4x4x!q> -> tensor<1x2x4x4x!q>
  return %r : tensor<1x2x4x4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @no_tiles(%x: tensor<4x!q>) -> tensor<4x!q> {
  // expected-error @+1 {{'ntile.tiles' must be a non-empty array on an op with one tensor result}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = []} : tensor<4x!q> -> tensor<4x!q>
  return %r : tensor<4x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @not_array(%x: tensor<4x!q>) -> tensor<4x!q> {
  // expected-error @+1 {{'ntile.tiles' must be a non-empty array on an op with one tensor result}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = array<i64: 0, 4>} : tensor<4x!q> -> tensor<4x!q>
  return %r : tensor<4x!q>
}

// -----

// A tile that fits no core: parameters (multiplier and shift, 4 bytes each)
// + input 600 + output 600 = 1208 bytes against a 1024-byte core. The
// mapping pass never sees it: the ntile verifier rejects it.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 1 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @main(%a: tensor<1x1x1x600x!q>) -> tensor<1x1x1x600x!q> {
    // expected-error @+1 {{tile 0 [0:1, 0:1, 0:1, 0:600] needs 1208 bytes (parameters 8, input 600, output 600); a core of target 'northpole' has 1024 bytes}}
    %0 = qg.rescale %a {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 600]>]} : tensor<1x1x1x600x!q> -> tensor<1x1x1x600x!q>
    return %0 : tensor<1x1x1x600x!q>
  }
}
