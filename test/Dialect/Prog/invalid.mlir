// RUN: npc-opt %s -split-input-file -verify-diagnostics

// A program runs forward in time: its prog.wait_until cycles never go back.
// Waiting twice for the same cycle is allowed.
prog.core attributes {core = 0 : i64} {
  prog.wait_until 2
  prog.recv 0
  prog.wait_until 2
  prog.compute 0, 0
  prog.wait_until 5
  prog.send 1
}

// -----

prog.core attributes {core = 3 : i64} {
  prog.wait_until 5
  prog.send 1
  // expected-error @+1 {{'prog.wait_until' op waits for cycle 3 after already waiting for 5: a program runs forward in time}}
  prog.wait_until 3
  prog.recv 2
}

// -----

// Only waits are ordered: sends and receives between them carry no cycle.
prog.core attributes {core = -1 : i64} {
  prog.wait_until 0
  prog.send 0
  prog.wait_until 10
  prog.recv 4
  prog.wait_until 12
  prog.send 3
  // expected-error @+1 {{'prog.wait_until' op waits for cycle 11 after already waiting for 12: a program runs forward in time}}
  prog.wait_until 11
}

// -----

// Cycles start at 0.
prog.core attributes {core = 1 : i64} {
  // expected-error @+1 {{'prog.wait_until' op waits for cycle -1 after already waiting for 0: a program runs forward in time}}
  prog.wait_until -1
}

// -----

// -1 is the frame-buffer controller; nothing lies below it.
// expected-error @+1 {{'prog.core' op core index must be >= -1 (-1: frame buffer)}}
prog.core attributes {core = -2 : i64} {
  prog.wait_until 0
}

// -----

// Instructions live in a prog.core.
func.func @f() {
  // expected-error @+1 {{'prog.send' op expects parent op 'prog.core'}}
  prog.send 0
  return
}
