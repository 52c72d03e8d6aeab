// RUN: npc-opt %s -split-input-file -npc-emit-programs | FileCheck %s

// The rule (lib/Dialect/Prog/Transforms/EmitPrograms.cpp): every core that
// appears in the timetable, and the frame buffer as core -1, gets one
// prog.core, in increasing core order. Its events are sorted by cycle; at
// one cycle, receives come first, then the tile's compute, then sends. Each
// new cycle is preceded by one prog.wait_until. A transfer is a prog.send on
// its source at `start` and a prog.recv on its destination at `arrive`
// (both on the same core for a local copy); a tile is a prog.compute
// (layer, tile) on its core at `start`.

// The timetable that npc-schedule-noc builds for the 4-layer chain of
// test/Dialect/NoC/schedule-noc.mlir (2 x 2 grid).
// CHECK-LABEL: name = "quad"
// Frame buffer: sends the input (transfer 0) at 0, receives the output
// (transfer 6) at 26.
// CHECK:      prog.core attributes {core = -1 : i64} {
// CHECK-NEXT:   prog.wait_until 0
// CHECK-NEXT:   prog.send 0
// CHECK-NEXT:   prog.wait_until 26
// CHECK-NEXT:   prog.recv 6
// CHECK-NEXT: }
// Core 0: input arrives at 3 and the rescale starts at 3 (receive first);
// sends to core 1 at 5 and to core 3 at 8.
// CHECK-NEXT: prog.core attributes {core = 0 : i64} {
// CHECK-NEXT:   prog.wait_until 3
// CHECK-NEXT:   prog.recv 0
// CHECK-NEXT:   prog.compute 0, 0
// CHECK-NEXT:   prog.wait_until 5
// CHECK-NEXT:   prog.send 1
// CHECK-NEXT:   prog.wait_until 8
// CHECK-NEXT:   prog.send 2
// CHECK-NEXT: }
// CHECK-NEXT: prog.core attributes {core = 1 : i64} {
// CHECK-NEXT:   prog.wait_until 8
// CHECK-NEXT:   prog.recv 1
// CHECK-NEXT:   prog.compute 1, 0
// CHECK-NEXT:   prog.wait_until 10
// CHECK-NEXT:   prog.send 3
// CHECK-NEXT: }
// Core 2: both channels arrive (14, 17), conv 1x1 at 17, the local copy
// (transfer 5) is sent at 18 and received at 20 by the same core, the last
// rescale starts at 20 and its output leaves at 22.
// CHECK-NEXT: prog.core attributes {core = 2 : i64} {
// CHECK-NEXT:   prog.wait_until 14
// CHECK-NEXT:   prog.recv 3
// CHECK-NEXT:   prog.wait_until 17
// CHECK-NEXT:   prog.recv 4
// CHECK-NEXT:   prog.compute 2, 0
// CHECK-NEXT:   prog.wait_until 18
// CHECK-NEXT:   prog.send 5
// CHECK-NEXT:   prog.wait_until 20
// CHECK-NEXT:   prog.recv 5
// CHECK-NEXT:   prog.compute 3, 0
// CHECK-NEXT:   prog.wait_until 22
// CHECK-NEXT:   prog.send 6
// CHECK-NEXT: }
// CHECK-NEXT: prog.core attributes {core = 3 : i64} {
// CHECK-NEXT:   prog.wait_until 12
// CHECK-NEXT:   prog.recv 2
// CHECK-NEXT:   prog.compute 1, 1
// CHECK-NEXT:   prog.wait_until 14
// CHECK-NEXT:   prog.send 4
// CHECK-NEXT: }
// CHECK-NEXT: }
module attributes {npc.target = {name = "quad", grid_cols = 2 : i64, grid_rows = 2 : i64}} {
  noc.schedule attributes {cycles = 26 : i64} {
    noc.transfer {arrive = 3 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, consumer = @layer0.0, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 0 : i64, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}
    noc.compute @layer0.0 {core = 0 : i64, end = 5 : i64, layer = 0 : i64, macs = 320 : i64, start = 3 : i64, tile = 0 : i64}
    noc.transfer {arrive = 8 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, consumer = @layer1.0, dst = 1 : i64, id = 1 : i64, noc = 0 : i64, operand = 0 : i64, producer = @layer0.0, route = array<i64: 0>, src = 0 : i64, start = 5 : i64, tensor = 1 : i64}
    noc.compute @layer1.0 {core = 1 : i64, end = 10 : i64, layer = 1 : i64, macs = 2880 : i64, start = 8 : i64, tile = 0 : i64}
    noc.transfer {arrive = 12 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, consumer = @layer1.1, dst = 3 : i64, id = 2 : i64, noc = 0 : i64, operand = 0 : i64, producer = @layer0.0, route = array<i64: 0, 6>, src = 0 : i64, start = 8 : i64, tensor = 1 : i64}
    noc.compute @layer1.1 {core = 3 : i64, end = 14 : i64, layer = 1 : i64, macs = 2880 : i64, start = 12 : i64, tile = 1 : i64}
    noc.transfer {arrive = 14 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, consumer = @layer2.0, dst = 2 : i64, id = 3 : i64, noc = 0 : i64, operand = 0 : i64, producer = @layer1.0, route = array<i64: 5, 2>, src = 1 : i64, start = 10 : i64, tensor = 2 : i64}
    noc.transfer {arrive = 17 : i64, box = array<i64: 0, 1, 0, 0, 1, 2, 16, 20>, bytes = 320 : i64, consumer = @layer2.0, dst = 2 : i64, id = 4 : i64, noc = 0 : i64, operand = 0 : i64, producer = @layer1.1, route = array<i64: 13>, src = 3 : i64, start = 14 : i64, tensor = 2 : i64}
    noc.compute @layer2.0 {core = 2 : i64, end = 18 : i64, layer = 2 : i64, macs = 640 : i64, start = 17 : i64, tile = 0 : i64}
    noc.transfer {arrive = 20 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, consumer = @layer3.0, dst = 2 : i64, id = 5 : i64, noc = 0 : i64, operand = 0 : i64, producer = @layer2.0, route = array<i64>, src = 2 : i64, start = 18 : i64, tensor = 3 : i64}
    noc.compute @layer3.0 {core = 2 : i64, end = 22 : i64, layer = 3 : i64, macs = 320 : i64, start = 20 : i64, tile = 0 : i64}
    noc.transfer {arrive = 26 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 16, 20>, bytes = 320 : i64, dst = -1 : i64, id = 6 : i64, noc = 0 : i64, operand = -1 : i64, producer = @layer3.0, route = array<i64: 11, 17>, src = 2 : i64, start = 22 : i64, tensor = 4 : i64}
  }
}

// -----

// Three events on core 0 at cycle 4, listed in the timetable as send,
// compute, receive: the program has them as receive, compute, send.
// 2 x 1 grid: frame buffer links 8 (in) and 9 (out).
// CHECK-LABEL: name = "order"
// CHECK:      prog.core attributes {core = -1 : i64} {
// CHECK-NEXT:   prog.wait_until 0
// CHECK-NEXT:   prog.send 0
// CHECK-NEXT:   prog.wait_until 2
// CHECK-NEXT:   prog.send 1
// CHECK-NEXT:   prog.wait_until 10
// CHECK-NEXT:   prog.recv 3
// CHECK-NEXT: }
// CHECK-NEXT: prog.core attributes {core = 0 : i64} {
// CHECK-NEXT:   prog.wait_until 2
// CHECK-NEXT:   prog.recv 0
// CHECK-NEXT:   prog.compute 0, 0
// CHECK-NEXT:   prog.wait_until 4
// CHECK-NEXT:   prog.recv 1
// CHECK-NEXT:   prog.compute 0, 1
// CHECK-NEXT:   prog.send 2
// CHECK-NEXT: }
// CHECK-NEXT: prog.core attributes {core = 1 : i64} {
// CHECK-NEXT:   prog.wait_until 6
// CHECK-NEXT:   prog.recv 2
// CHECK-NEXT:   prog.compute 1, 0
// CHECK-NEXT:   prog.wait_until 7
// CHECK-NEXT:   prog.send 3
// CHECK-NEXT: }
module attributes {npc.target = {name = "order", grid_cols = 2 : i64, grid_rows = 1 : i64}} {
  noc.schedule attributes {cycles = 10 : i64} {
    noc.transfer {id = 0 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 0 : i64, arrive = 2 : i64, route = array<i64: 8>, tensor = 0 : i64, box = array<i64: 0, 16>, consumer = @layer0.0, operand = 0 : i64}
    noc.compute @layer0.0 {layer = 0 : i64, tile = 0 : i64, core = 0 : i64, start = 2 : i64, end = 4 : i64, macs = 16 : i64}
    noc.transfer {id = 2 : i64, noc = 0 : i64, src = 0 : i64, dst = 1 : i64, bytes = 16 : i64, start = 4 : i64, arrive = 6 : i64, route = array<i64: 0>, tensor = 1 : i64, box = array<i64: 0, 16>, producer = @layer0.0, consumer = @layer1.0, operand = 0 : i64}
    noc.compute @layer0.1 {layer = 0 : i64, tile = 1 : i64, core = 0 : i64, start = 4 : i64, end = 5 : i64, macs = 16 : i64}
    noc.transfer {id = 1 : i64, noc = 0 : i64, src = -1 : i64, dst = 0 : i64, bytes = 16 : i64, start = 2 : i64, arrive = 4 : i64, route = array<i64: 8>, tensor = 0 : i64, box = array<i64: 16, 32>, consumer = @layer0.1, operand = 0 : i64}
    noc.compute @layer1.0 {layer = 1 : i64, tile = 0 : i64, core = 1 : i64, start = 6 : i64, end = 7 : i64, macs = 16 : i64}
    noc.transfer {id = 3 : i64, noc = 0 : i64, src = 1 : i64, dst = -1 : i64, bytes = 16 : i64, start = 7 : i64, arrive = 10 : i64, route = array<i64: 5, 9>, tensor = 2 : i64, box = array<i64: 0, 16>, producer = @layer1.0, operand = -1 : i64}
  }
}
