// RUN: npc-opt %s -split-input-file -qg-fold-clamps | FileCheck %s
// RUN: npc-opt %s -split-input-file -qg-fold-clamps -qg-legalize-integer | FileCheck %s --check-prefix=LEGAL

!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!y = !quant.uniform<u8:f32, 1.0:3>

// A ReLU6 after the convolution's own QuantizeLinear: a rescale to the same
// type clamping to [3, 9]. The convolution clamps at [5, 255] already, so
// it clamps at [clamp(5, 3, 9), clamp(255, 3, 9)] = [5, 9] and the rescale
// goes; the module still legalizes.
// CHECK-LABEL: func.func @relu6
// CHECK: %[[C:.*]] = qg.conv2d {{.*}}clamp_max = 9 : i32, clamp_min = 5 : i32
// CHECK-NOT: qg.rescale
// CHECK: return %[[C]]
// LEGAL-LABEL: func.func @relu6
// LEGAL: qg.conv2d {{.*}}clamp_max = 9 : i32, clamp_min = 5 : i32{{.*}}multiplier
func.func @relu6(%x: tensor<1x1x3x3x!x>) -> tensor<1x1x2x2x!y> {
  %w = qg.constant dense<1> : tensor<1x1x2x2xi8> : tensor<1x1x2x2x!w>
  %c = qg.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1, clamp_min = 5 : i32, clamp_max = 255 : i32}
      : (tensor<1x1x3x3x!x>, tensor<1x1x2x2x!w>) -> tensor<1x1x2x2x!y>
  %r = qg.rescale %c {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<1x1x2x2x!y> -> tensor<1x1x2x2x!y>
  return %r : tensor<1x1x2x2x!y>
}

// A producer without bounds (clamp attributes absent) and ranges that do
// not meet: an add clamped to [200, 255] then to [3, 9] gives 9 everywhere,
// [clamp(200, 3, 9), clamp(255, 3, 9)] = [9, 9].
// CHECK-LABEL: func.func @disjoint
// CHECK: %[[A:.*]] = qg.add %arg0, %arg1 {clamp_max = 9 : i32, clamp_min = 9 : i32}
// CHECK: %[[B:.*]] = qg.add %[[A]], %arg1 {clamp_max = 9 : i32, clamp_min = 3 : i32}
// CHECK-NOT: qg.rescale
// CHECK: return %[[B]]
func.func @disjoint(%a: tensor<4x!y>, %b: tensor<4x!y>) -> tensor<4x!y> {
  %s = qg.add %a, %b {clamp_min = 200 : i32, clamp_max = 255 : i32} : (tensor<4x!y>, tensor<4x!y>) -> tensor<4x!y>
  %r = qg.rescale %s {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<4x!y> -> tensor<4x!y>
  %t = qg.add %r, %b : (tensor<4x!y>, tensor<4x!y>) -> tensor<4x!y>
  %u = qg.rescale %t {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<4x!y> -> tensor<4x!y>
  return %u : tensor<4x!y>
}

// -----

!y = !quant.uniform<u8:f32, 1.0:3>
!z = !quant.uniform<u8:f32, 2.0:3>

// Left alone: codes another op reads too (narrowing would clamp them for
// it), a rescale that changes the type (it computes), producers without a
// clamp (a max pool; the host's qg.quantize), and a graph input.
// CHECK-LABEL: func.func @kept
// CHECK: %[[S:.*]] = qg.add %arg0, %arg1 {clamp_max = 255 : i32, clamp_min = 0 : i32}
// CHECK: qg.rescale %[[S]] {clamp_max = 9 : i32, clamp_min = 3 : i32} : tensor<1x1x4x4x!quant.uniform<u8:f32, 1.000000e+00:3>> -> tensor<1x1x4x4x!quant.uniform<u8:f32, 1.000000e+00:3>>
// CHECK: qg.rescale %[[S]] {clamp_max = 9 : i32, clamp_min = 3 : i32} : tensor<1x1x4x4x!quant.uniform<u8:f32, 1.000000e+00:3>> -> tensor<1x1x4x4x!quant.uniform<u8:f32, 2.000000e+00:3>>
// CHECK: %[[P:.*]] = qg.max_pool
// CHECK: qg.rescale %[[P]]
// CHECK: qg.rescale %arg0
// CHECK: %[[Q:.*]] = qg.quantize %arg2
// CHECK-NOT: clamp
// CHECK-NEXT: qg.rescale %[[Q]] {clamp_max = 9 : i32, clamp_min = 3 : i32}
func.func @kept(%a: tensor<1x1x4x4x!y>, %b: tensor<1x1x4x4x!y>, %f: tensor<4xf32>)
    -> (tensor<1x1x4x4x!y>, tensor<1x1x4x4x!z>, tensor<1x1x2x2x!y>, tensor<1x1x4x4x!y>, tensor<4x!y>) {
  %s = qg.add %a, %b {clamp_min = 0 : i32, clamp_max = 255 : i32} : (tensor<1x1x4x4x!y>, tensor<1x1x4x4x!y>) -> tensor<1x1x4x4x!y>
  %r = qg.rescale %s {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<1x1x4x4x!y> -> tensor<1x1x4x4x!y>
  %q = qg.rescale %s {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<1x1x4x4x!y> -> tensor<1x1x4x4x!z>
  %p = qg.max_pool %a {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x1x4x4x!y> -> tensor<1x1x2x2x!y>
  %pr = qg.rescale %p {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<1x1x2x2x!y> -> tensor<1x1x2x2x!y>
  %ar = qg.rescale %a {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<1x1x4x4x!y> -> tensor<1x1x4x4x!y>
  %fq = qg.quantize %f : tensor<4xf32> -> tensor<4x!y>
  %fr = qg.rescale %fq {clamp_min = 3 : i32, clamp_max = 9 : i32} : tensor<4x!y> -> tensor<4x!y>
  return %r, %q, %pr, %ar, %fr : tensor<1x1x4x4x!y>, tensor<1x1x4x4x!z>, tensor<1x1x2x2x!y>, tensor<1x1x4x4x!y>, tensor<4x!y>
}

// -----

!s = !quant.uniform<i8:f32, 0.5:-20>
!u = !quant.uniform<u8:f32, 0.5:10>

// Signed codes (an int8 ReLU at the zero point -20: [-20, 127]) and a
// rescale with only an upper bound (the lower one absent: no bound) read
// their bounds signed: [clamp(-128, -20, 127), clamp(127, -20, 127)] =
// [-20, 127], and the add's [0, 255] under [INT32_MIN, 200] is [0, 200].
// CHECK-LABEL: func.func @signed
// CHECK: %[[A:.*]] = qg.add %arg0, %arg1 {clamp_max = 127 : i32, clamp_min = -20 : i32}
// CHECK: %[[B:.*]] = qg.add %arg2, %arg3 {clamp_max = 200 : i32, clamp_min = 0 : i32}
// CHECK-NOT: qg.rescale
// CHECK: return %[[A]], %[[B]]
func.func @signed(%a: tensor<4x!s>, %b: tensor<4x!s>, %c: tensor<4x!u>, %d: tensor<4x!u>)
    -> (tensor<4x!s>, tensor<4x!u>) {
  %s = qg.add %a, %b {clamp_min = -128 : i32, clamp_max = 127 : i32} : (tensor<4x!s>, tensor<4x!s>) -> tensor<4x!s>
  %r = qg.rescale %s {clamp_min = -20 : i32, clamp_max = 127 : i32} : tensor<4x!s> -> tensor<4x!s>
  %t = qg.add %c, %d {clamp_min = 0 : i32, clamp_max = 255 : i32} : (tensor<4x!u>, tensor<4x!u>) -> tensor<4x!u>
  %q = qg.rescale %t {clamp_max = 200 : i32} : tensor<4x!u> -> tensor<4x!u>
  return %r, %q : tensor<4x!s>, tensor<4x!u>
}
