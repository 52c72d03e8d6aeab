// A prog.core left over from an earlier run (here core 7, which issues none
// of the timetable's events) no longer matches the timetable, so the module
// does not verify; npc-emit-programs replaces every program, and its output
// verifies. The stale input can only be read with the parser's verifier off.
// RUN: not npc-opt %s 2>&1 | FileCheck %s --check-prefix=STALE
// RUN: npc-opt %s --mlir-very-unsafe-disable-verifier-on-parsing -npc-emit-programs | FileCheck %s

// STALE: error: 'noc.transfer' op is never sent: no program of core -1 has prog.send 0

// CHECK-NOT: core = 7
// CHECK:      prog.core attributes {core = -1 : i64} {
// CHECK-NEXT:   prog.wait_until 0
// CHECK-NEXT:   prog.send 0
// CHECK-NEXT:   prog.wait_until 5
// CHECK-NEXT:   prog.recv 1
// CHECK-NEXT: }
// CHECK-NEXT: prog.core attributes {core = 0 : i64} {
// CHECK-NEXT:   prog.wait_until 2
// CHECK-NEXT:   prog.recv 0
// CHECK-NEXT:   prog.compute 0, 0
// CHECK-NEXT:   prog.wait_until 3
// CHECK-NEXT:   prog.send 1
// CHECK-NEXT: }
// CHECK-NOT: core = 7
module attributes {npc.target = {name = "replace", grid_cols = 2 : i64, grid_rows = 1 : i64}} {
  prog.core attributes {core = 7 : i64} {
    prog.wait_until 1
  }
  noc.schedule attributes {cycles = 5 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 8>, tensor = 0 : i64, box = array<i64: 0, 16>, consumer = @layer0.0, operand = 0 : i64}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 2 : i64, end = 3 : i64, macs = 16 : i64}
    noc.transfer {id = 1 : i64, noc = 0 : i64, src = 0 : i64, dst = -1 : i64, bytes = 16 : i64, start = 3 : i64, arrive = 5 : i64, route = array<i64: 9>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, operand = -1 : i64}
  }
}
