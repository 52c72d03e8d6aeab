// RUN: npc-opt %s -split-input-file -verify-diagnostics

// The nmap dialect checks, on `nmap.cores`: one core per tile of
// `ntile.tiles`; `nmap.buffers` holds the same number of (address, bytes)
// pairs for every tile, at least two (parameters and output); every core
// exists in the module's target; every buffer lies inside core memory; no
// two buffers on one core share a byte while both hold data. Lifetimes come
// from @main's graph (bufferLifetimes; shared-buffers-invalid.mlir); the
// functions here are not @main, so every buffer counts as holding data
// throughout and any shared byte is refused.

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @valid(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // Two tiles on cores 0 and 3 (the last of 4); the second tile's output
    // [1016, 1024) ends exactly at the end of the 1024-byte memory.
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>, array<i64: 0, 0, 0, 4, 1, 1, 1, 8>], nmap.cores = array<i64: 0, 3>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4, 0, 8, 8, 4, 1016, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @fewer_cores_than_tiles(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.cores' needs one core per tile of 'ntile.tiles'}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>, array<i64: 0, 0, 0, 4, 1, 1, 1, 8>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @more_cores_than_tiles(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.cores' needs one core per tile of 'ntile.tiles'}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 0, 1>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4, 0, 8, 8, 4, 16, 4>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @cores_without_tiles(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.cores' needs one core per tile of 'ntile.tiles'}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 8, 8, 8, 16, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @no_buffers(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.buffers' needs (address, bytes) for the parameters, each input and the output of every tile}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 0>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @ragged_buffers(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // Two tiles, 10 values: not the same number of pairs per tile.
  // expected-error @+1 {{'nmap.buffers' needs (address, bytes) for the parameters, each input and the output of every tile}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>, array<i64: 0, 0, 0, 4, 1, 1, 1, 8>], nmap.cores = array<i64: 0, 1>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4, 0, 8, 8, 4>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @one_buffer_per_tile(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // One pair per tile: there must be at least parameters and output.
  // expected-error @+1 {{'nmap.buffers' needs (address, bytes) for the parameters, each input and the output of every tile}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  func.func @core_outside_grid(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // A 2x2 grid has cores 0..3.
    // expected-error @+1 {{tile 1 is placed on core 4, outside the 2x2 grid}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>, array<i64: 0, 0, 0, 4, 1, 1, 1, 8>], nmap.cores = array<i64: 3, 4>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4, 0, 8, 8, 4, 16, 4>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 3 : i64, grid_rows = 2 : i64}} {
  func.func @negative_core(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{tile 0 is placed on core -1, outside the 3x2 grid}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: -1>, nmap.buffers = array<i64: 0, 8, 8, 8, 16, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @default_target_grid(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // Without npc.target the northpole grid applies: cores 0..255.
  // expected-error @+1 {{tile 0 is placed on core 256, outside the 16x16 grid}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 256>, nmap.buffers = array<i64: 0, 8, 8, 8, 16, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @output_beyond_memory(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // Output [1020, 1028) on a 1024-byte core.
    // expected-error @+1 {{buffer [1020, 1028) on core 2 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 2>, nmap.buffers = array<i64: 0, 8, 8, 8, 1020, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @input_beyond_memory(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // The second tile's input window [1024, 1028) starts at the end of memory.
    // expected-error @+1 {{buffer [1024, 1028) on core 1 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>, array<i64: 0, 0, 0, 4, 1, 1, 1, 8>], nmap.cores = array<i64: 0, 1>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4, 0, 8, 1024, 4, 16, 4>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @params_beyond_memory(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{buffer [0, 2048) on core 0 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 2048, 8, 8, 16, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @negative_address(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{buffer [-8, 0) on core 0 exceeds the core memory of 786432 bytes}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: -8, 8, 8, 8, 16, 8>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

// nmap.copies: one count per input and one for the output of every tile
// (here 1 input: 2 per tile, 4 in all).
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @copies_count(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.copies' needs one count per input and one for the output of every tile}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>, array<i64: 0, 0, 0, 4, 1, 1, 1, 8>], nmap.cores = array<i64: 0, 1>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4, 0, 8, 8, 4, 16, 4>, nmap.copies = array<i64: 2, 2, 2>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @copies_at_least_one(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.copies' counts must be at least 1, got 0}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 8, 8, 8, 16, 8>, nmap.copies = array<i64: 1, 0>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @copies_without_cores(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
  // expected-error @+1 {{'nmap.copies' needs 'nmap.cores'}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, nmap.copies = array<i64: 1, 1>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
  return %r : tensor<1x1x1x8x!q>
}

// -----

// Copies sit one after another, each 8-byte aligned: 3 copies of the 8-byte
// output at 1008 end at 1008 + 2 * 8 + 8 = 1032 > 1024.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 1 : i64, grid_rows = 1 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @copies_overflow(%x: tensor<1x1x1x8x!q>) -> tensor<1x1x1x8x!q> {
    // expected-error @+1 {{buffer [1008, 1032) on core 0 exceeds the core memory of 1024 bytes}}
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 8, 8, 8, 1008, 8>, nmap.copies = array<i64: 1, 3>} : tensor<1x1x1x8x!q> -> tensor<1x1x1x8x!q>
    return %r : tensor<1x1x1x8x!q>
  }
}

// -----

// Two layers on core 0: the second one's output [10, 14) overlaps the first
// one's input window [8, 12). The error is on the later layer.
!q = !quant.uniform<u8:f32, 5.000000e-01:10>
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64, core_memory_bytes = 1024 : i64}} {
  func.func @overlap(%x: tensor<1x1x1x4x!q>) -> tensor<1x1x1x4x!q> {
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 8, 8, 4, 16, 4>} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    // expected-error @+1 {{buffer output [10, 14) of tile 0 of layer 1 (qg.rescale) overlaps buffer input 0 [8, 12) of tile 0 of layer 0 (qg.rescale) on core 0}}
    %s = qg.rescale %r {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 24, 8, 32, 4, 10, 4>} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
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
    %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, ntile.tiles = [array<i64: 0, 0, 0, 0, 1, 1, 1, 4>], nmap.cores = array<i64: 0>, nmap.buffers = array<i64: 0, 8, 8, 4, 24, 4>, nmap.copies = array<i64: 3, 1>} : tensor<1x1x1x4x!q> -> tensor<1x1x1x4x!q>
    return %r : tensor<1x1x1x4x!q>
  }
}
