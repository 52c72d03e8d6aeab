// RUN: npc-opt %s -split-input-file -verify-diagnostics

// The nmap dialect checks `nmap.tiles`: one #nmap.tile per tile of
// `ntile.tiles`, each with the same number of input windows; no negative
// core, address or size, at least one copy of a buffer and one of the
// parameters; every core exists in the module's target; every buffer lies
// inside core memory; no two buffers on one core share a byte while both
// hold data. Lifetimes come
// from @main's graph (bufferLifetimes; shared-buffers-invalid.mlir); the
// functions here are not @main, so every buffer counts as holding data
// throughout and any shared byte is refused.

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @valid(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // Two tiles on cores 0 and 3 (the last of 4); the second tile's output
    // [1016, 1024) ends exactly at the end of the 1024-byte memory.
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 0, 4] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>, #nmap.tile<core = 3, params = (0, 8), inputs = [(8, 4)], output = (1016, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @fewer_cores_than_tiles(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.tiles' needs one #nmap.tile per tile of 'ntile.tiles' (2), got 1}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 0, 4] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @more_cores_than_tiles(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.tiles' needs one #nmap.tile per tile of 'ntile.tiles' (1), got 2}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>, #nmap.tile<core = 1, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @cores_without_tiles(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.tiles' needs one #nmap.tile per tile of 'ntile.tiles' (0), got 1}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @not_tile_attrs(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // Placements are #nmap.tile, not arrays of numbers.
  // expected-error @+1 {{'nmap.tiles' must be an array of #nmap.tile}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [array<i64: 0, 0, 8, 8, 8, 16, 8>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @ragged_inputs(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // Every tile of a layer has the same input windows.
  // expected-error @+1 {{tile 1 has 0 input windows, tile 0 has 1}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 0, 4] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>, #nmap.tile<core = 1, params = (0, 8), inputs = [], output = (8, 4)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @no_output(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // A tile without its output buffer does not parse.
  // expected-error @+1 {{expected ','}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)]>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  func.func @core_outside_grid(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // A 2x2 grid has cores 0..3.
    // expected-error @+1 {{tile 1 is placed on core 4, outside the 2x2 grid}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 0, 4] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 3, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>, #nmap.tile<core = 4, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 3 : i64, grid_rows = 2 : i64}} {
  func.func @negative_core(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{a tile's core index must not be negative, got -1}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = -1, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @default_target_grid(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // Without npc.target the northpole grid applies: cores 0..255.
  // expected-error @+1 {{tile 0 is placed on core 256, outside the 16x16 grid}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 256, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @output_beyond_memory(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // Output [1020, 1028) on a 1024-byte core.
    // expected-error @+1 {{buffer [1020, 1028) on core 2 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 2, params = (0, 8), inputs = [(8, 8)], output = (1020, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @input_beyond_memory(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // The second tile's input window [1024, 1028) starts at the end of memory.
    // expected-error @+1 {{buffer [1024, 1028) on core 1 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>, #ntile.box<[0, 0, 0, 4] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>, #nmap.tile<core = 1, params = (0, 8), inputs = [(1024, 4)], output = (16, 4)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @params_beyond_memory(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{buffer [0, 2048) on core 0 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 2048), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @negative_address(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{a buffer's address and bytes must not be negative, got (-8, 8)}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (-8, 8), inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @params_copies(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // Parameters are read in every frame and never rewritten: one copy.
  // expected-error @+1 {{parameters have one copy, read in every frame; got 2}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8) x 2, inputs = [(8, 8)], output = (16, 8)>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @copies_at_least_one(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{a buffer has at least 1 copy, got 0}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8) x 0>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @huge_copies(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // A copy count whose bytes would overflow 64 bits is refused, not wrapped.
  // expected-error @+1 {{buffer [16, beyond) on core 0 exceeds the core memory of 786432 bytes}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8) x 4611686018427387904>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

// Copies sit one after another, each 8-byte aligned: 3 copies of the 8-byte
// output at 1008 end at 1008 + 2 * 8 + 8 = 1032 > 1024.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 1 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @copies_overflow(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{buffer [1008, 1032) on core 0 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (1008, 8) x 3>]} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

// Two layers on core 0: the second one's output [10, 14) overlaps the first
// one's input window [8, 12). The error is on the later layer.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @overlap(%x: tensor<1x1x1x4x!q>) -> tensor<1x1x1x4x!q> {
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    // expected-error @+1 {{buffer output [10, 14) of tile 0 of layer 1 (qg.rescale) overlaps buffer input 0 [8, 12) of tile 0 of layer 0 (qg.rescale) on core 0}}
    %s = qg.rescale %r {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (24, 8), inputs = [(32, 4)], output = (10, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %s : tensor<1x1x1x4x!q>
  }
}

// -----

// Ring copies count: the input's 3 copies span [8, 8 + 2 * 8 + 4) = [8, 28),
// which reaches the output at [24, 28).
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @ring_overlap(%x: tensor<1x1x1x4x!q>) -> tensor<1x1x1x4x!q> {
    // expected-error @+1 {{buffer output [24, 28) of tile 0 of layer 0 (qg.rescale) overlaps buffer input 0 [8, 28) of tile 0 of layer 0 (qg.rescale) on core 0}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4) x 3], output = (24, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %r : tensor<1x1x1x4x!q>
  }
}

// -----

// The overlap check, run by the block's first mapped op, reads the later
// ops' placements before their own checks: a later op whose ring would
// overflow 64 bits takes no part in it and reports itself, rather than
// wrapping into a bogus overlap.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @later_op_overflows(%x: tensor<1x1x1x4x!q>) -> tensor<1x1x1x4x!q> {
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 4)], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    // expected-error @+1 {{buffer [24, beyond) on core 0 exceeds the core memory of 1024 bytes}}
    %s = qg.rescale %r {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (32, 8), inputs = [(24, 8) x 2305843009213693953], output = (40, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %s : tensor<1x1x1x4x!q>
  }
}

// -----

// Zero bytes take no room, however many copies: an empty window at the end
// of memory is inside it.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @empty_ring_at_the_end(%x: tensor<1x1x1x4x!q>) -> tensor<1x1x1x4x!q> {
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 4]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(1024, 0) x 2], output = (16, 4)>]} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %r : tensor<1x1x1x4x!q>
  }
}

// -----

// Streamed parameters (`params = streamed from K`) name another tile of
// the layer that holds its own with the same slice: tiles of a MAC layer
// that differ in rows only.
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
func.func @streams_from_itself(%x: tensor<1x1x6x5x!a>) -> tensor<1x3x6x5x!c> {
  %w = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
  // expected-error @+1 {{tile 1 streams its parameters from tile 1, itself}}
  %y = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 3, 5]>, #ntile.box<[0, 0, 3, 0] to [1, 3, 6, 5]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>, #nmap.tile<core = 1, params = streamed from 1, inputs = [(0, 25)], output = (32, 45)>]} : (tensor<1x1x6x5x!a>, tensor<3x1x3x3x!w>) -> tensor<1x3x6x5x!c>
  return %y : tensor<1x3x6x5x!c>
}

// -----

!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
func.func @streams_from_nowhere(%x: tensor<1x1x6x5x!a>) -> tensor<1x3x6x5x!c> {
  %w = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
  // expected-error @+1 {{tile 1 streams its parameters from tile 2, which the layer does not have}}
  %y = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 3, 5]>, #ntile.box<[0, 0, 3, 0] to [1, 3, 6, 5]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>, #nmap.tile<core = 1, params = streamed from 2, inputs = [(0, 25)], output = (32, 45)>]} : (tensor<1x1x6x5x!a>, tensor<3x1x3x3x!w>) -> tensor<1x3x6x5x!c>
  return %y : tensor<1x3x6x5x!c>
}

// -----

!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
func.func @streams_from_a_stream(%x: tensor<1x1x6x5x!a>) -> tensor<1x3x6x5x!c> {
  %w = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
  // expected-error @+1 {{tile 0 streams its parameters from tile 1, which streams its own}}
  %y = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 3, 5]>, #ntile.box<[0, 0, 3, 0] to [1, 3, 6, 5]>], nmap.tiles = [#nmap.tile<core = 0, params = streamed from 1, inputs = [(0, 20)], output = (24, 45)>, #nmap.tile<core = 1, params = streamed from 0, inputs = [(0, 25)], output = (32, 45)>]} : (tensor<1x1x6x5x!a>, tensor<3x1x3x3x!w>) -> tensor<1x3x6x5x!c>
  return %y : tensor<1x3x6x5x!c>
}

// -----

// Channel tiles have different slices: 1 and 2 of the 3 output channels.
!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
func.func @streams_another_slice(%x: tensor<1x1x6x5x!a>) -> tensor<1x3x6x5x!c> {
  %w = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
  // expected-error @+1 {{tile 1 streams the parameters of tile 0, which are not its own slice (a MAC layer's tiles that differ in rows only share one)}}
  %y = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 6, 5]>, #ntile.box<[0, 1, 0, 0] to [1, 3, 6, 5]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 16), inputs = [(16, 30)], output = (48, 30)>, #nmap.tile<core = 1, params = streamed from 0, inputs = [(0, 30)], output = (32, 60)>]} : (tensor<1x1x6x5x!a>, tensor<3x1x3x3x!w>) -> tensor<1x3x6x5x!c>
  return %y : tensor<1x3x6x5x!c>
}

// -----

// A layer off the MAC array streams nothing.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @streams_off_the_mac_array(%x: tensor<1x1x2x8x!q>) -> tensor<1x1x2x8x!q> {
  // expected-error @+1 {{tile 1 streams the parameters of tile 0, which are not its own slice}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 1, 1, 8]>, #ntile.box<[0, 0, 1, 0] to [1, 1, 2, 8]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 8), inputs = [(8, 8)], output = (16, 8)>, #nmap.tile<core = 1, params = streamed from 0, inputs = [(0, 8)], output = (8, 8)>]} : tensor<1x1x2x8x!q> -> tensor<1x1x2x8x!q>
  return %r : tensor<1x1x2x8x!q>
}

// -----

!a = !quant.uniform<u8:f32, 5.000000e-01:10>
!w = !quant.uniform<i8:f32, 5.000000e-01>
!c = !quant.uniform<u8:f32, 1.000000e+00:3>
func.func @streams_from_a_negative_index(%x: tensor<1x1x6x5x!a>) -> tensor<1x3x6x5x!c> {
  %w = qg.constant dense<1> : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!w>
  // expected-error @+1 {{a tile streams its parameters from a tile index >= 0, got -1}}
  %y = qg.conv2d %x, %w {dilations = array<i64: 1, 1>, folded_bias = array<i32: -90, -90, -90>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, pads = array<i64: 1, 1, 1, 1>, shift = array<i32: 33, 33, 33>, strides = array<i64: 1, 1>, ntile.tiles = [#ntile.box<[0, 0, 0, 0] to [1, 3, 3, 5]>, #ntile.box<[0, 0, 3, 0] to [1, 3, 6, 5]>], nmap.tiles = [#nmap.tile<core = 0, params = (0, 44), inputs = [(48, 20)], output = (72, 45)>, #nmap.tile<core = 1, params = streamed from -1, inputs = [(0, 25)], output = (32, 45)>]} : (tensor<1x1x6x5x!a>, tensor<3x1x3x3x!w>) -> tensor<1x3x6x5x!c>
  return %y : tensor<1x3x6x5x!c>
}
