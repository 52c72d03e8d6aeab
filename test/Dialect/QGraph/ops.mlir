// RUN: npc-opt %s | npc-opt | FileCheck %s
// Round trip of every op through the printer and parser.

!in = !quant.uniform<u8:f32, 0.05:128>
!w = !quant.uniform<i8:f32:0, {0.01, 0.02}>
!out = !quant.uniform<u8:f32, 0.1>

// CHECK-LABEL: func.func @all_ops
func.func @all_ops(%arg0: tensor<1x3x4x4xf32>, %raw: tensor<1x2x4x4xui8>) -> (tensor<1x2x2x2xf32>, tensor<1x4x4x4xui8>) {
  // CHECK: qg.quantize %{{.*}} : tensor<1x3x4x4xf32> -> tensor<1x3x4x4x!quant.uniform<u8:f32, 5.000000e-02:128>>
  %q = qg.quantize %arg0 : tensor<1x3x4x4xf32> -> tensor<1x3x4x4x!in>
  // CHECK: qg.constant dense<1> : tensor<2x3x3x3xi8> : tensor<2x3x3x3x!quant.uniform<i8:f32:0, {1.000000e-02,2.000000e-02}>>
  %w = qg.constant dense<1> : tensor<2x3x3x3xi8> : tensor<2x3x3x3x!w>
  %b = qg.constant dense<[1, 2]> : tensor<2xi32> : tensor<2xi32>
  // CHECK: qg.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
  %c = qg.conv2d %q, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1}
      : (tensor<1x3x4x4x!in>, tensor<2x3x3x3x!w>, tensor<2xi32>) -> tensor<1x2x4x4x!out>
  // CHECK: qg.max_pool
  %m = qg.max_pool %c {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!out> -> tensor<1x2x2x2x!out>
  // CHECK: qg.avg_pool
  %a = qg.avg_pool %c {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = false}
      : tensor<1x2x4x4x!out> -> tensor<1x2x2x2x!out>
  // CHECK: qg.add
  %s = qg.add %m, %a : (tensor<1x2x2x2x!out>, tensor<1x2x2x2x!out>) -> tensor<1x2x2x2x!out>
  // CHECK: qg.dequantize
  %f = qg.dequantize %s : tensor<1x2x2x2x!out> -> tensor<1x2x2x2xf32>
  // CHECK: qg.storage_cast
  %r = qg.storage_cast %raw : tensor<1x2x4x4xui8> -> tensor<1x2x4x4x!out>
  // CHECK: qg.concat
  %cat = qg.concat %c, %r {axis = 1} : (tensor<1x2x4x4x!out>, tensor<1x2x4x4x!out>) -> tensor<1x4x4x4x!out>
  // CHECK: qg.rescale
  %rs = qg.rescale %cat {clamp_min = 10 : i32} : tensor<1x4x4x4x!out> -> tensor<1x4x4x4x!out>
  // CHECK: qg.reshape
  %flat = qg.reshape %rs : tensor<1x4x4x4x!out> -> tensor<1x64x!out>
  %w2 = qg.constant dense<0> : tensor<64x2xi8> : tensor<64x2x!quant.uniform<i8:f32, 0.5>>
  // CHECK: qg.matmul
  %mm = qg.matmul %flat, %w2 : (tensor<1x64x!out>, tensor<64x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!out>
  // CHECK: qg.transpose {{.*}} {perm = array<i64: 1, 0>}
  %t = qg.transpose %mm {perm = array<i64: 1, 0>} : tensor<1x2x!out> -> tensor<2x1x!out>
  %back = qg.reshape %flat : tensor<1x64x!out> -> tensor<1x4x4x4x!out>
  %o = qg.storage_cast %back : tensor<1x4x4x4x!out> -> tensor<1x4x4x4xui8>
  return %f, %o : tensor<1x2x2x2xf32>, tensor<1x4x4x4xui8>
}
