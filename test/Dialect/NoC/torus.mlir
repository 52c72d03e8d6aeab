// RUN: npc-opt %s -split-input-file -verify-diagnostics | FileCheck %s

// On a 4x1 torus, core 0 reaches core 3 in one hop west over the
// wrap-around link (link 4 * 0 + 1 = 1): 1 cycle for 16 bytes + 1 hop.
// CHECK: noc.transfer {{.*}}route = array<i64: 1>
module attributes {npc.target = {topology = "torus", grid_cols = 4 : i64, grid_rows = 1 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 3 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 1>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// The mesh's three hops east (links 0, 4, 8) are not the torus' route.
module attributes {npc.target = {topology = "torus", grid_cols = 4 : i64, grid_rows = 1 : i64}} {
  noc.schedule attributes {cycles = 4 : i64} {
    // expected-error @+1 {{'noc.transfer' op route is not the torus's X-then-Y path from 0 to 3}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 3 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 4 : i64, route = array<i64: 0, 4, 8>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

// And the wrap-around link does not exist on a mesh.
module attributes {npc.target = {grid_cols = 4 : i64, grid_rows = 1 : i64}} {
  noc.schedule attributes {cycles = 2 : i64} {
    // expected-error @+1 {{'noc.transfer' op route is not the mesh's X-then-Y path from 0 to 3}}
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = 0 : i64, dst = 3 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 1>, tensor = 0 : i64, box = array<i64: 0, 16>, operand = 0 : i64}
  }
}

// -----

module attributes {npc.target = {topology = "ring", grid_cols = 4 : i64, grid_rows = 1 : i64}} {
  // expected-error @+1 {{'noc.schedule' op target: topology must be "mesh" or "torus", got "ring"}}
  noc.schedule attributes {cycles = 2 : i64} {
  }
}
