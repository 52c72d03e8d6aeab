// RUN: npc-opt %s -split-input-file -npc-attach-target='target=small' | FileCheck %s --check-prefix=SMALL
// RUN: npc-opt %s -split-input-file -npc-attach-target | FileCheck %s --check-prefix=KEEP
// RUN: not npc-opt %s -split-input-file -npc-attach-target='target=nonesuch' 2>&1 | FileCheck %s --check-prefix=BAD

// With a target name, the module gets that target (the built-in `small`:
// 4x4 cores of 64 KiB), replacing the one it had. Without one, a module
// keeps its target and a module without one gets northpole's 16x16 grid.

// SMALL: module attributes {npc.target = {{{.*}}core_memory_bytes = 65536 : i64{{.*}}grid_cols = 4 : i64, grid_rows = 4 : i64{{.*}}name = "small"
// KEEP: module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 3 : i64}}
module attributes {npc.target = {grid_cols = 2 : i64, grid_rows = 3 : i64}} {
}

// -----

// SMALL: module attributes {npc.target = {{{.*}}name = "small"
// KEEP: module attributes {npc.target = {{{.*}}core_memory_bytes = 786432 : i64{{.*}}grid_cols = 16 : i64, grid_rows = 16 : i64{{.*}}name = "northpole"
module {
}

// BAD: error: target 'nonesuch' is neither a built-in target (northpole, small) nor a readable JSON file
