// RUN: npc-opt %s -split-input-file -verify-diagnostics

// noc.schedule is verified against the module's npc.target. Here: 2 x 2
// grid, default NoC (256 bytes per link per cycle, 1 cycle per hop), so a
// transfer of <= 256 bytes over h links takes 1 + h cycles. Links: core * 4
// + dir (0 E, 1 W, 2 S, 3 N); frame buffer in 16, out 17.

// A valid timetable: frame buffer -> core 0, tile (0,0) on core 0, core 0 ->
// core 1 (east, link 0), tile (1,0) on core 1, core 1 -> frame buffer (west
// from core 1 = link 5, then 17: 1 + 2 = 3 cycles, 8 -> 11 = the length). Transfers on one link back to back (link 0
// is used over [3,5) and [5,7)) do not collide, and neither do transfers on
// different NoCs (the partial-sum NoC, noc = 1, uses link 0 over [3,5) too).
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 11 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, consumer = @layer0.0, operand = 0 : i64}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 2 : i64, end = 3 : i64, macs = 16 : i64}
    noc.transfer {id = 1 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 3 : i64, arrive = 5 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, consumer = @layer1.0, operand = 0 : i64}
    noc.transfer {id = 2 : i64, noc = 1 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 3 : i64, arrive = 5 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, consumer = @layer1.0, operand = 1 : i64}
    noc.transfer {id = 3 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 5 : i64, arrive = 7 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, consumer = @layer1.0, operand = 2 : i64}
    noc.compute @layer1.0 {layer = 1 : i64, tile = 0 : i64, core = 1 : i64, start = 7 : i64, end = 8 : i64, macs = 16 : i64}
    noc.transfer {id = 4 : i64, noc = 0 : i64, src = 1 : i64, dst = -1 : i64, bytes = 16 : i64, start = 8 : i64, arrive = 11 : i64, route = array<i64: 5, 17>, tensor = 2 : i64, box = array<i64: 0, 16>, producer = @layer1.0, operand = -1 : i64}
  }
}

// -----

// Y before X: core 0 (0,0) -> core 3 (1,1) must go east from core 0 (link 0)
// then south from core 1 (1*4+2 = 6), not south first (link 2, then 8).
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    // expected-error @+1 {{'noc.transfer' op route is not the mesh's X-then-Y path from 0 to 3}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 3 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 3 : i64, route = array<i64: 2, 8>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// To the frame buffer from core 1 the route must first reach core 0 (link 5).
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    // expected-error @+1 {{'noc.transfer' op route is not the mesh's X-then-Y path from 1 to -1}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 1 : i64, dst = -1 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 17>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = -1 : i64}
  }
}

// -----

// A copy within one core has no links.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    // expected-error @+1 {{'noc.transfer' op route is not the mesh's X-then-Y path from 2 to 2}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 2 : i64, dst = 2 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 8>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// Without npc.target the 16 x 16 northpole grid applies: the frame buffer
// links are 4 * 256 = 1024 (in) and 1025 (out), so link 16 is wrong here.
module {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op route is not the mesh's X-then-Y path from -1 to 0}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// 16 bytes over one link: 1 + 1 = 2 cycles, not 1.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    // expected-error @+1 {{'noc.transfer' op takes 1 cycles; the cost rule gives 2}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 2 : i64, arrive = 3 : i64, route = array<i64: 0>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// 600 bytes over 2 links (east, then south from core 1): ceil(600/256) = 3
// + 2 = 5 cycles; 4 is too few.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 4 : i64} {
    // expected-error @+1 {{'noc.transfer' op takes 4 cycles; the cost rule gives 5}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 3 : i64, bytes = 600 : i64, start = 0 : i64, arrive = 4 : i64, route = array<i64: 0, 6>, tensor = 0 : i64, box = array<i64: 0, 600>, operand = 0 : i64}
  }
}

// -----

// The rule uses the NoC's own parameters: on the instruction NoC (noc = 3,
// 64 bytes per cycle by default) 100 bytes over one link take
// ceil(100/64) = 2 + 1 = 3 cycles, not the activation NoC's 1 + 1 = 2.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op takes 2 cycles; the cost rule gives 3}}
    noc.transfer {id = 0 : i64, noc = 3 : i64, src = 0 : i64, dst = 1 : i64, bytes = 100 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 0>, tensor = 0 : i64, box = array<i64: 0, 100>, operand = 0 : i64}
  }
}

// -----

// Two transfers on link 0 (core 0 east) of the activation NoC: frame buffer
// -> core 1 holds link 16 over [0,1) and link 0, one hop later, over [1,2);
// core 0 -> core 1 starting at 1 holds link 0 over [1,2) too. (Starting at
// 2 it would not collide: a link is held for the bytes' cycles only.)
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 1 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 3 : i64, route = array<i64: 16, 0>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
    // expected-error @+1 {{'noc.transfer' op collides with another transfer or stream on link 0 of NoC activation at cycle 1}}
    noc.transfer {id = 1 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 1 : i64, arrive = 3 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// The ops listed in the other order; the overlap is on link 6 (core 1
// south) only: 300 bytes from core 0 hold link 0 over [0,2) and link 6 over
// [1,3); the transfer from core 1 holds link 6 over [2,3). The one whose
// hold starts later is reported.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 4 : i64} {
    // expected-error @+1 {{'noc.transfer' op collides with another transfer or stream on link 6 of NoC activation at cycle 2}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 1 : i64, dst = 3 : i64, bytes = 16 : i64, start = 2 : i64, arrive = 4 : i64, route = array<i64: 6>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
    noc.transfer {id = 1 : i64, noc = 0 : i64, src = 0 : i64, dst = 3 : i64, bytes = 300 : i64, start = 0 : i64, arrive = 4 : i64, route = array<i64: 0, 6>, tensor = 1 : i64, box = array<i64: 0, 300>, operand = 0 : i64}
  }
}

// -----

// A transfer into tile (1,0) arrives at 5, but the tile starts at 4.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 3 : i64, macs = 16 : i64}
    // expected-error @+1 {{'noc.transfer' op arrives at cycle 5 after its consumer starts at 4}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 3 : i64, arrive = 5 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, consumer = @layer1.0, operand = 0 : i64}
    noc.compute @layer1.0 {layer = 1 : i64, tile = 0 : i64, core = 1 : i64, start = 4 : i64, end = 5 : i64, macs = 16 : i64}
  }
}

// -----

// A transfer out of tile (0,0) leaves at 2, but the tile only ends at 3.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 3 : i64, macs = 16 : i64}
    // expected-error @+1 {{'noc.transfer' op starts at cycle 2 before its producer ends at 3}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 2 : i64, arrive = 4 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, consumer = @layer1.0, operand = 0 : i64}
    noc.compute @layer1.0 {layer = 1 : i64, tile = 0 : i64, core = 1 : i64, start = 4 : i64, end = 5 : i64, macs = 16 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    // expected-error @+1 {{'noc.transfer' op producer @layer0.1 is not a tile computed in this timetable}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 2 : i64, arrive = 4 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.1, consumer = @layer1.0, operand = 0 : i64}
    noc.compute @layer1.0 {layer = 1 : i64, tile = 0 : i64, core = 1 : i64, start = 4 : i64, end = 5 : i64, macs = 16 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    // expected-error @+1 {{'noc.transfer' op consumer @layer2.0 is not a tile computed in this timetable}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, consumer = @layer2.0, operand = 0 : i64}
  }
}

// -----

// Tiles on core 0 over [0,4) and [3,5) overlap at cycle 3 (reported on the
// schedule). Tiles on different cores may overlap, and [5,6) right after
// [3,5) on core 0 is fine.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  // expected-error @+1 {{'noc.schedule' op core 0 computes two tiles at cycle 3}}
  noc.schedule attributes {cycles = 6 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 4 : i64, macs = 16 : i64}
    noc.compute @layer0.1 {layer = 0 : i64, tile = 1 : i64, core = 1 : i64, start = 0 : i64, end = 4 : i64, macs = 16 : i64}
    noc.compute @layer1.0 {layer = 1 : i64, tile = 0 : i64, core = 0 : i64, start = 3 : i64, end = 5 : i64, macs = 16 : i64}
    noc.compute @layer1.1 {layer = 1 : i64, tile = 1 : i64, core = 0 : i64, start = 5 : i64, end = 6 : i64, macs = 16 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 6 : i64} {
    // expected-error @+1 {{'noc.compute' op core 4 is outside the grid}}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 4 : i64, start = 0 : i64, end = 4 : i64, macs = 16 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 6 : i64} {
    // expected-error @+1 {{'noc.compute' op core -1 is outside the grid}}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = -1 : i64, start = 0 : i64, end = 4 : i64, macs = 16 : i64}
  }
}

// -----

// The schedule's length must cover its last event (the transfer ends at 2).
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  // expected-error @+1 {{'noc.schedule' op cycles 1 is before the last event at 2}}
  noc.schedule attributes {cycles = 1 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// A bad npc.target is reported by the schedule that needs it.
module attributes {npc.target = {grid_cols = 0 : i64}} {
  // expected-error @+1 {{'noc.schedule' op target: grid_cols must be >= 1, got 0}}
  noc.schedule attributes {cycles = 1 : i64} {
  }
}

// -----

// Per-op checks of noc.transfer and noc.compute.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op needs bytes > 0 and 0 <= start < arrive}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 0 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// A negative start. (start == arrive cannot reach this check: the schedule
// verifier, which runs first, rejects its duration of 0.)
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op needs bytes > 0 and 0 <= start < arrive}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = -2 : i64, arrive = 0 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op box needs lo and hi bounds}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16, 4>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // Consumers are named by symbol, not by (layer, tile) numbers.
    // expected-error @+1 {{attribute 'consumer' failed to satisfy constraint: flat symbol reference attribute}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, consumer = array<i64: 0, 0>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 4 : i64} {
    // expected-note @+1 {{see existing symbol definition here}}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 1 : i64, macs = 16 : i64}
    // Each tile's symbol is unique in its schedule.
    // expected-error @+1 {{redefinition of symbol named 'layer0.0'}}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 1 : i64, core = 1 : i64, start = 0 : i64, end = 1 : i64, macs = 16 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.compute' op needs 0 <= start < end}}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 2 : i64, end = 2 : i64, macs = 16 : i64}
  }
}

// -----

// Pipelined frames: with a period of 4, frame f + 1 runs [4, 6) on core 0
// where frame f's second tile runs: the tiles at [0, 2) and [4, 6) collide
// modulo the period although they do not within one frame.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  // expected-error @+1 {{'noc.schedule' op core 0 computes two tiles at cycle 4 (frames overlap every 4 cycles)}}
  noc.schedule attributes {cycles = 6 : i64, period = 4 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 2 : i64, macs = 16 : i64}
    noc.compute @layer1.0 {layer = 1 : i64, tile = 0 : i64, core = 0 : i64, start = 4 : i64, end = 6 : i64, macs = 16 : i64}
  }
}

// -----

// A link busy over [0, 3) and [4, 7) with a period of 4: [4, 7) is [0, 3)
// of the next period, where frame f + 1's first transfer runs.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 7 : i64, period = 4 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 512 : i64, start = 0 : i64, arrive = 3 : i64, route = array<i64: 0>, tensor = 0 : i64, box = array<i64: 0, 512>, operand = 0 : i64}
    // expected-error @+1 {{'noc.transfer' op collides with another transfer or stream on link 0 of NoC activation at cycle 4 (frames overlap every 4 cycles)}}
    noc.transfer {id = 1 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 512 : i64, start = 4 : i64, arrive = 7 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 512>, operand = 0 : i64}
  }
}

// -----

// Members of one multicast must agree: this one starts a cycle later.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 3 : i64, route = array<i64: 0>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64, multicast = 0 : i64}
    // expected-error @+1 {{'noc.transfer' op differs from the first transfer of multicast 0 in source, box, start, arrival or NoC}}
    noc.transfer {id = 1 : i64, noc = 0 : i64, src = 0 : i64, dst = 3 : i64, bytes = 16 : i64, start = 1 : i64, arrive = 4 : i64, route = array<i64: 0, 6>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64, multicast = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  // expected-error @+1 {{'noc.schedule' op period 0 must be at least 1 cycle}}
  noc.schedule attributes {cycles = 2 : i64, period = 0 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 2 : i64, macs = 16 : i64}
  }
}

// -----

// A tile of 3 cycles cannot repeat every 2 cycles on one core.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  // expected-error @+1 {{'noc.schedule' op core 0 computes a tile of 3 cycles, longer than the period of 2}}
  noc.schedule attributes {cycles = 3 : i64, period = 2 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 3 : i64, macs = 16 : i64}
  }
}

// -----

// 768 bytes over one hop: link 0 carries them for 3 cycles (arriving at
// 3 + 1), longer than a period of 2.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 4 : i64, period = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op occupies link 0 for 3 cycles, longer than the period of 2}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 768 : i64, start = 0 : i64, arrive = 4 : i64, route = array<i64: 0>, tensor = 0 : i64, box = array<i64: 0, 768>, operand = 0 : i64}
  }
}

// -----

// The partial-sum NoC carries a split reduction's partial sums from tile to
// tile: a one-hop transfer to the frame buffer (core 0's port, link 17) is
// not one.
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    // expected-error @+1 {{'noc.transfer' op is on the partial-sum NoC, but feeds no tile}}
    noc.transfer {id = 0 : i64, noc = 1 : i64, src = 0 : i64, dst = -1 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 17>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = -1 : i64}
  }
}
