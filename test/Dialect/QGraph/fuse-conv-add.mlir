// RUN: npc-opt %s -qg-legalize-integer -qg-fuse-conv-add | FileCheck %s
// RUN: npc-opt %s -qg-legalize-integer -qg-fuse-conv-add -mlir-print-debuginfo | FileCheck %s --check-prefix=LOC

!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32:0, {0.25, 0.125}>
!y = !quant.uniform<u8:f32, 1.0:3>
!r = !quant.uniform<u8:f32, 0.5:7>
!o = !quant.uniform<u8:f32, 2.0:1>

// The convolution of legalize.mlir (folded_bias -93, 33; multipliers 2^30
// with shifts 33, 34) and an add of its result (scale 1 / 2 -> 2^30 * 2^-31)
// and a residual (0.5 / 2 -> 2^29 * 2^-31): one op, the convolution's
// result type and clamp kept, the add's multipliers in its operand order,
// named after both nodes.
// CHECK-LABEL: func.func @fuse
// CHECK-NOT: qg.conv2d {
// CHECK-NOT: qg.add
// CHECK: qg.conv2d_add %arg0, %{{.*}}, %arg1 {add_multiplier = array<i32: 1073741824, 536870912>, add_shift = 31 : i32, clamp_max = 200 : i32, clamp_min = 0 : i32, conv_clamp_max = 255 : i32, conv_clamp_min = 3 : i32, conv_operand = 0 : i64, conv_type = !quant.uniform<u8:f32, 1.000000e+00:3>, dilations = array<i64: 1, 1>, folded_bias = array<i32: -93, 33>, group = 1 : i64, multiplier = array<i32: 1073741824, 1073741824>, pads = array<i64: 0, 0, 0, 0>, shift = array<i32: 33, 34>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3x!quant.uniform<u8:f32, 5.000000e-01:10>>, tensor<2x1x2x2x!quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>>, tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-01:7>>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 2.000000e+00:1>>
// CHECK-NOT: qg.add
// LOC: loc("conv_1+add_2"(#{{.*}}))
func.func @fuse(%x: tensor<1x1x3x3x!x>, %r: tensor<1x2x2x2x!r>) -> tensor<1x2x2x2x!o> {
  %w = qg.constant dense<[[[[1, 2], [3, 4]]], [[[-1, -1], [-1, -1]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!w>
  %b = qg.constant dense<[7, -7]> : tensor<2xi32> : tensor<2xi32>
  %c = qg.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1, clamp_min = 3 : i32}
      : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>, tensor<2xi32>) -> tensor<1x2x2x2x!y> loc("conv_1"("Conv"))
  %s = qg.add %c, %r {clamp_min = 0 : i32, clamp_max = 200 : i32} : (tensor<1x2x2x2x!y>, tensor<1x2x2x2x!r>) -> tensor<1x2x2x2x!o> loc("add_2"("Add"))
  return %s : tensor<1x2x2x2x!o>
}

// The convolution as the add's second operand: conv_operand 1, the
// multipliers still in the add's order.
// CHECK-LABEL: func.func @fuse_rhs
// CHECK: qg.conv2d_add %arg0, %{{.*}}, %arg1 {add_multiplier = array<i32: 536870912, 1073741824>, {{.*}}conv_operand = 1 : i64
func.func @fuse_rhs(%x: tensor<1x1x3x3x!x>, %r: tensor<1x2x2x2x!r>) -> tensor<1x2x2x2x!o> {
  %w = qg.constant dense<[[[[1, 2], [3, 4]]], [[[-1, -1], [-1, -1]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!w>
  %c = qg.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1}
      : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>) -> tensor<1x2x2x2x!y>
  %s = qg.add %r, %c : (tensor<1x2x2x2x!r>, tensor<1x2x2x2x!y>) -> tensor<1x2x2x2x!o>
  return %s : tensor<1x2x2x2x!o>
}

// The convolution's result is used elsewhere too: it stays a tensor, no
// fusion.
// CHECK-LABEL: func.func @two_uses
// CHECK: qg.conv2d %arg0
// CHECK: qg.add
// CHECK-NOT: qg.conv2d_add
func.func @two_uses(%x: tensor<1x1x3x3x!x>, %r: tensor<1x2x2x2x!r>) -> (tensor<1x2x2x2x!o>, tensor<1x2x2x2x!y>) {
  %w = qg.constant dense<[[[[1, 2], [3, 4]]], [[[-1, -1], [-1, -1]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!w>
  %c = qg.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1}
      : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>) -> tensor<1x2x2x2x!y>
  %s = qg.add %c, %r : (tensor<1x2x2x2x!y>, tensor<1x2x2x2x!r>) -> tensor<1x2x2x2x!o>
  return %s, %c : tensor<1x2x2x2x!o>, tensor<1x2x2x2x!y>
}

// A broadcast residual (one value per channel) is not the output's shape:
// no fusion.
// CHECK-LABEL: func.func @broadcast
// CHECK: qg.conv2d %arg0
// CHECK: qg.add
// CHECK-NOT: qg.conv2d_add
func.func @broadcast(%x: tensor<1x1x3x3x!x>, %r: tensor<1x2x1x1x!r>) -> tensor<1x2x2x2x!o> {
  %w = qg.constant dense<[[[[1, 2], [3, 4]]], [[[-1, -1], [-1, -1]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!w>
  %c = qg.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1}
      : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>) -> tensor<1x2x2x2x!y>
  %s = qg.add %c, %r : (tensor<1x2x2x2x!y>, tensor<1x2x1x1x!r>) -> tensor<1x2x2x2x!o>
  return %s : tensor<1x2x2x2x!o>
}
