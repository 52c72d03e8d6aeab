// RUN: npc-opt %s -split-input-file -verify-diagnostics
//
// Regression test (a verifier gap, fixed): ScheduleOp::verify checks that every noc.compute runs
// on a core of the grid, but not a transfer's `src`/`dst`. On a 2 x 2 grid
// (cores 0..3) a transfer from "core 5" (x 1, y 2) to core 0 verifies when
// its route is the X-then-Y walk from (1, 2): west from core 5 = link 21,
// north from core 4 = 19, north from core 2 = 11. Links 16..19 of the
// nonexistent core 4 alias the frame-buffer links 16 (in) and 17 (out).
// Nor is a transfer's `src` required to be the core its producer tile ran
// on, or its `dst` the core of its consumer tile, so a timetable can
// move data out of a core that never computed it.
// Expected: an error on each transfer below (any message; the regex accepts
// any text).

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    // expected-error-re @+1 {{{{.+}}}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 5 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 4 : i64, route = array<i64: 21, 19, 11>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 0 : i64, end = 1 : i64, macs = 16 : i64}
    // Tile (0, 0) ran on core 0, but the transfer of its output leaves core 2
    // (route: north from core 2 = 11, then the frame-buffer link 17).
    // expected-error-re @+1 {{{{.+}}}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 2 : i64, dst = -1 : i64, bytes = 16 : i64, start = 1 : i64, arrive = 4 : i64, route = array<i64: 11, 17>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, operand = -1 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 5 : i64} {
    // Tile (0, 0) runs on core 3, but its input is delivered to core 0.
    // expected-error-re @+1 {{{{.+}}}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, consumer = @layer0.0, operand = 0 : i64}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 3 : i64, start = 2 : i64, end = 3 : i64, macs = 16 : i64}
  }
}
