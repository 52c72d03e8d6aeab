// RUN: npc-opt %s -split-input-file -qg-legalize-integer '-qg-split-reductions=layers=fc=3' | FileCheck %s
// RUN: npc-opt %s -split-input-file -qg-legalize-integer '-qg-split-reductions=layers=fc=3 align=1' | FileCheck %s --check-prefix=ALIGN1
// RUN: npc-opt %S/Inputs/matmul-4x2.mlir -qg-legalize-integer '-qg-split-reductions=layers=rows=2 align=1' | FileCheck %s --check-prefix=ROWS

// K = 200 in 3 parts: ceil(200 / 3) = 67 rows, a multiple of 64 -> 128,
// so 2 parts: rows [0, 128) and [128, 200). The first takes the bias
// (folded_bias = 7 - 10 * 128 per column: the input zero point times the
// part's weights) and gives i32 partial sums; the second adds them, folds
// -10 * 72 and requantizes with the original's multiplier and shift.
// CHECK-LABEL: func.func @main
// CHECK: %[[B:.*]] = qg.constant dense<[7, -7, 0, 1]>
// CHECK: %[[W0:.*]] = qg.constant dense<1> : tensor<128x4xi8> : tensor<128x4x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK: %[[P0:.*]] = qg.matmul %arg0, %[[W0]], %[[B]] {folded_bias = array<i32: -1273, -1287, -1280, -1279>, reduction_offset = 0 : i64} : {{.*}} -> tensor<1x4xi32>
// CHECK: %[[W1:.*]] = qg.constant dense<1> : tensor<72x4xi8>
// CHECK: %[[P1:.*]] = qg.matmul %arg0, %[[W1]] partial %[[P0]] {folded_bias = array<i32: -720, -720, -720, -720>, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, reduction_offset = 128 : i64, shift = array<i32: 33, 33, 33, 33>}
// CHECK: return %[[P1]]
// With align=1, three parts of 67, 67 and 66 rows.
// ALIGN1: reduction_offset = 0 : i64
// ALIGN1: reduction_offset = 67 : i64
// ALIGN1: reduction_offset = 134 : i64
// ALIGN1-NOT: reduction_offset
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @main(%x: tensor<1x200x!x>) -> tensor<1x4x!y> {
  %w = qg.constant dense<1> : tensor<200x4xi8> : tensor<200x4x!w>
  %b = qg.constant dense<[7, -7, 0, 1]> : tensor<4xi32> : tensor<4xi32>
  %m = qg.matmul %x, %w, %b : (tensor<1x200x!x>, tensor<200x4x!w>, tensor<4xi32>) -> tensor<1x4x!y> loc("fc")
  return %m : tensor<1x4x!y>
}

// Stored bytes are sliced by rows: of a 4x2 weight, the first part holds
// rows 0 and 1, the second rows 2 and 3.
// ROWS: qg.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi8>
// ROWS: qg.matmul {{.*}}reduction_offset = 0 : i64
// ROWS: qg.constant dense<{{\[}}[5, 6], [7, 8]]> : tensor<2x2xi8>
// ROWS: qg.matmul {{.*}}partial{{.*}}reduction_offset = 2 : i64
