// RUN: npc-opt %s -split-input-file -verify-diagnostics
//
// Regression test (fixed): ScheduleOp::verify (NoCOps.cpp) runs before the verifiers of the
// noc.transfer ops inside it (MLIR verifies an op before its regions), yet
// it trusts their fields:
// - `noc` indexes TargetDesc::noc[4] unchecked (nocParams). noc = 4 reads
//   past the array: npc-opt dies with SIGFPE in transferCycles (division by
//   a garbage link width); noc = 7 reports "takes 2 cycles; the cost rule
//   gives 140730902819489".
// - `producer`/`consumer` are read as [0] and [1] without a size check:
//   producer = array<i64: 0> reports "producer tile (0, 94880208699904) is
//   never computed" (a different garbage number each run); an empty
//   producer array reads out of bounds (crashed in our runs). (They are
//   symbols of noc.compute ops now: number arrays no longer verify.)
// Expected: the transfer's own diagnostics, as below. Fix: move the
// schedule-wide checks to verifyRegions() (hasRegionVerifier = 1), or check
// the fields in ScheduleOp::verify.

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op noc 4 is not one of the four NoCs}}
    noc.transfer {id = 0 : i64, noc = 4 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op noc 7 is not one of the four NoCs}}
    noc.transfer {id = 0 : i64, noc = 7 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 16>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 1 : i64, start = 0 : i64, end = 1 : i64, macs = 16 : i64}
    // expected-error @+1 {{attribute 'producer' failed to satisfy constraint: flat symbol reference attribute}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 1 : i64, arrive = 3 : i64, route = array<i64: 5>, tensor = 0 : i64, box = array<i64: 0, 16>, producer = array<i64: 0>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 3 : i64} {
    // expected-error @+1 {{attribute 'producer' failed to satisfy constraint: flat symbol reference attribute}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 1 : i64, arrive = 3 : i64, route = array<i64: 5>, tensor = 0 : i64, box = array<i64: 0, 16>, producer = array<i64>, operand = 0 : i64}
  }
}
