// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s
// Its output is a fixed point: fusing it again changes nothing.
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq --onnx-fuse-qdq | FileCheck %s
// What the conversion makes of it on npc compile's route (fold, fuse,
// convert; the conversion has no QDQ fusion of its own).
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s --check-prefix=QG

// DQ -> Conv (float bias) -> Relu -> Q: a QLinearConv with the bias in int32
// at s_x s_w (0.5 / (0.5 * 0.25) = 4, -1 / 0.125 = -8), then a Clip of the
// codes from Q(0) = the zero point 3. Names and op types are the file's.
// The weight's DequantizeLinear goes; the activation's stays for the
// conversion to check x's type.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: onnx.node "DequantizeLinear"(%[[XQ]],
// CHECK-NOT: name = "dqw"
// CHECK: %[[B:.*]] = onnx.constant "conv.bias_int32" dense<[4, -8]> : tensor<2xsi32>
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"(%[[XQ]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[B]])
// CHECK-SAME: attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}, name = "conv", outputs = ["c"], source_op_type = "Conv"
// CHECK: %[[MIN:.*]] = onnx.constant "relu.min" dense<3> : tensor<ui8>
// CHECK: %[[R:.*]] = onnx.node "Clip"(%[[C]], %[[MIN]]) {name = "relu", outputs = ["yq"], source_op_type = "Relu"}
// CHECK-NOT: "Relu"
// CHECK-NOT: "Conv"
// CHECK: onnx.node "DequantizeLinear"(%[[R]],

// QG-LABEL: func.func @main
// QG: qg.constant dense<[4, -8]> : tensor<2xi32>
// QG: qg.conv2d {{.*}} {clamp_max = 255 : i32, clamp_min = 3 : i32, dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x4x4x!quant.uniform<u8:f32, 5.000000e-01:10>>, tensor<2x1x3x3x!quant.uniform<i8:f32, 2.500000e-01>>, tensor<2xi32>) -> tensor<1x2x4x4x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG-NOT: qg.rescale
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[1, 2, 1], [0, 0, 0], [-1, -2, -1]]], [[[3, 0, -3], [0, 0, 0], [1, 1, 1]]]]> : tensor<2x1x3x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %bias = onnx.constant "bias" dense<[0.5, -1.0]> : tensor<2xf32>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x3x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %bias) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}}
        : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Per-channel weight (axis 0), the bias a DequantizeLinear of int32 at
// s_x s_w[c] (onnxruntime's quantizer): the same integers, 7 and -3. Clip(0, 6)
// quantizes to codes Q(0) = 3 and Q(6) = 3 + 6 / 0.5 = 15.

// CHECK-LABEL: func.func @main
// CHECK: %[[B:.*]] = onnx.constant "conv.bias_int32" dense<[7, -3]> : tensor<2xsi32>
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"({{.*}}, %[[B]]) {name = "conv", outputs = ["c"], source_op_type = "Conv"}
// CHECK: %[[MIN:.*]] = onnx.constant "clip.min" dense<3> : tensor<si8>
// CHECK: %[[MAX:.*]] = onnx.constant "clip.max" dense<15> : tensor<si8>
// CHECK: onnx.node "Clip"(%[[C]], %[[MIN]], %[[MAX]]) {name = "clip", outputs = ["yq"], source_op_type = "Clip"}
// CHECK-NOT: name = "dqb"

// QG-LABEL: func.func @main
// QG: qg.constant dense<[7, -3]> : tensor<2xi32>
// QG: qg.conv2d {{.*}} {clamp_max = 15 : i32, clamp_min = 3 : i32, {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<[0.25, 0.125]> : tensor<2xf32>
    %zw = onnx.constant "zw" dense<[0, 0]> : tensor<2xsi8>
    %b = onnx.constant "b" dense<[7, -3]> : tensor<2xsi32>
    %sb = onnx.constant "sb" dense<[0.125, 0.0625]> : tensor<2xf32>
    %zb = onnx.constant "zb" dense<[0, 0]> : tensor<2xsi32>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<6.0> : tensor<f32>
    %sy = onnx.constant "sy" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"], attrs = {axis = 0 : i64}}
        : (tensor<2x1x1x1xsi8>, tensor<2xf32>, tensor<2xsi8>) -> !onnx.value
    %bd = onnx.node "DequantizeLinear"(%b, %sb, %zb) {name = "dqb", outputs = ["bd"], attrs = {axis = 0 : i64}}
        : (tensor<2xsi32>, tensor<2xf32>, tensor<2xsi32>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %bd) {name = "conv", outputs = ["c"]}
        : (!onnx.value, !onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Clip"(%c, %lo, %hi) {name = "clip", outputs = ["r"]}
        : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// Gemm with alpha 2, beta 0.5 and transB: QGemm of com.microsoft, alpha kept,
// beta folded into the int32 C: round(0.5 * c / (0.5 * 0.25 * 2)) = 2, -6.

// CHECK-LABEL: func.func @main
// CHECK: %[[NONE:.*]] = onnx.constant "fc.bias_int32" dense<[2, -6]> : tensor<2xsi32>
// CHECK: onnx.node "QGemm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[NONE]], %{{.*}}, %{{.*}}) {attrs = {alpha = 2.000000e+00 : f32, transB = 1 : i64}, domain = "com.microsoft", name = "fc", outputs = ["yq"], source_op_type = "Gemm"}

// QG-LABEL: func.func @main
// QG: qg.constant dense<[2, -6]> : tensor<2xi32>
// QG: qg.matmul {{.*}} -> tensor<1x2x!quant.uniform<u8:f32, 1.000000e+00:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1, 2, 3], [-1, 0, 1]]> : tensor<2x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %c = onnx.constant "c" dense<[1.0, -3.0]> : tensor<2xf32>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Gemm"(%xd, %wd, %c) {name = "fc", outputs = ["g"],
           attrs = {alpha = 2.0 : f32, beta = 0.5 : f32, transB = 1 : i64}}
        : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%g, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// MatMul of two dequantized activations (attention's Q K^T): QLinearMatMul
// of both, each DequantizeLinear kept. A MatMul by a constant: QLinearMatMul
// with the weight.

// CHECK-LABEL: func.func @main
// CHECK-COUNT-2: onnx.node "DequantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "QLinearMatMul"(%arg0, %{{.*}}, %{{.*}}, %arg1, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {name = "qk", outputs = ["p"], source_op_type = "MatMul"}
// CHECK: onnx.node "DequantizeLinear"(%[[P]],
// CHECK-NOT: onnx.node "DequantizeLinear"
// CHECK: onnx.node "QLinearMatMul"(%[[P]], {{.*}}) {name = "proj", outputs = ["y"], source_op_type = "MatMul"}

// QG-LABEL: func.func @main
// QG: qg.batch_matmul {{.*}} -> tensor<1x2x2x!quant.uniform<u8:f32, 2.000000e+00:5>>
// QG: qg.matmul {{.*}} -> tensor<1x2x1x!quant.uniform<u8:f32, 1.000000e+00>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x3xui8>, %b: tensor<1x3x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["a", "b"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sp = onnx.constant "sp" dense<2.0> : tensor<f32>
    %zp = onnx.constant "zp" dense<5> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1], [-1]]> : tensor<2x1xsi8>
    %sw = onnx.constant "sw" dense<0.5> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bd = onnx.node "DequantizeLinear"(%b, %s, %z) {name = "dqb", outputs = ["bd"]}
        : (tensor<1x3x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "MatMul"(%ad, %bd) {name = "qk", outputs = ["m"]}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %pq = onnx.node "QuantizeLinear"(%m, %sp, %zp) {name = "qp", outputs = ["p"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %pd = onnx.node "DequantizeLinear"(%pq, %sp, %zp) {name = "dqp", outputs = ["pd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %o = onnx.node "MatMul"(%pd, %wd) {name = "proj", outputs = ["o"]}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%o, %sy, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// onnxruntime's contrib QLinear nodes: Add of an activation and a
// dequantized constant, then Relu (QLinearAdd, a Clip from Q(0) = 3); an
// AveragePool with its attributes, a GlobalAveragePool; a Concat, whose Y
// parameters come first. Constants' DequantizeLinear nodes go once unread.

// CHECK-LABEL: func.func @main
// CHECK: %[[ADD:.*]] = onnx.node "QLinearAdd"(%arg0, %{{.*}}, %{{.*}}, %[[K:.*]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "com.microsoft", name = "add", outputs = ["sum"], source_op_type = "Add"}
// CHECK: onnx.node "Clip"(%[[ADD]], %{{.*}}) {name = "relu", outputs = ["y"], source_op_type = "Relu"}
// CHECK: %[[P:.*]] = onnx.node "QLinearAveragePool"(%arg0, %{{.*}}, %{{.*}}, %[[SY:.*]], %[[ZY:.*]]) {attrs = {count_include_pad = 1 : i64, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}, domain = "com.microsoft", name = "pool", outputs = ["pq"], source_op_type = "AveragePool"}
// CHECK: onnx.node "QLinearGlobalAveragePool"(%[[P]], %[[SY]], %[[ZY]], %{{.*}}, %{{.*}}) {domain = "com.microsoft", name = "gap", outputs = ["g"], source_op_type = "GlobalAveragePool"}
// CHECK: onnx.node "QLinearConcat"(%[[SY]], %[[ZY]], %arg0, %{{.*}}, %{{.*}}, %[[K]], %{{.*}}, %{{.*}}) {attrs = {axis = 2 : i64}, domain = "com.microsoft", name = "cat", outputs = ["c"], source_op_type = "Concat"}
// CHECK-NOT: name = "dqk"

// QG-LABEL: func.func @main
// QG: qg.constant dense<{{\[\[\[\[}}4, 4]], {{\[\[}}-4, 4]]]]> : tensor<1x2x1x2xi8> : tensor<1x2x1x2x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.add {{.*}}, {{.*}} {clamp_max = 255 : i32, clamp_min = 3 : i32} : (tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-01:10>>, tensor<1x2x1x2x!quant.uniform<i8:f32, 2.500000e-01>>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG: qg.avg_pool {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, count_include_pad = true, kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-01:10>> -> tensor<1x2x3x3x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG: qg.avg_pool {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, count_include_pad = false, kernel = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : tensor<1x2x3x3x!quant.uniform<u8:f32, 1.000000e+00:3>> -> tensor<1x2x1x1x!quant.uniform<u8:f32, 5.000000e-01:10>>
// QG: qg.constant dense<{{\[\[\[\[}}4, 4]], {{\[\[}}-4, 4]]]]> : tensor<1x2x1x2xi8> : tensor<1x2x1x2x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.rescale {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-01:10>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG: qg.rescale {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x2x1x2x!quant.uniform<i8:f32, 2.500000e-01>> -> tensor<1x2x1x2x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG: qg.concat {{.*}}, {{.*}} {axis = 2 : i64} : (tensor<1x2x2x2x!quant.uniform<u8:f32, 1.000000e+00:3>>, tensor<1x2x1x2x!quant.uniform<u8:f32, 1.000000e+00:3>>) -> tensor<1x2x3x2x!quant.uniform<u8:f32, 1.000000e+00:3>>

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x2x2xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["a"], npc.output_names = ["y", "g", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "k" dense<[[[[4, 4]], [[-4, 4]]]]> : tensor<1x2x1x2xsi8>
    %sk = onnx.constant "sk" dense<0.25> : tensor<f32>
    %zk = onnx.constant "zk" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %kd = onnx.node "DequantizeLinear"(%k, %sk, %zk) {name = "dqk", outputs = ["kd"]}
        : (tensor<1x2x1x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %sum = onnx.node "Add"(%ad, %kd) {name = "add", outputs = ["sum"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%sum) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "AveragePool"(%ad) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = 1 : i64}}
        : (!onnx.value) -> !onnx.value
    %pq = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qp", outputs = ["pq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %pd = onnx.node "DequantizeLinear"(%pq, %sy, %zy) {name = "dqp", outputs = ["pd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "GlobalAveragePool"(%pd) {name = "gap", outputs = ["g0"]} : (!onnx.value) -> !onnx.value
    %gq = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qg", outputs = ["g"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "Concat"(%ad, %kd) {name = "cat", outputs = ["c0"], attrs = {axis = 2 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qc", outputs = ["c"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %gq, %cq : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// A classifier head: GlobalAveragePool -> Flatten -> Gemm in QDQ form. The
// DequantizeLinear moves after the Flatten (moving commutes with
// dequantizing per tensor), so the Gemm fuses.

// CHECK-LABEL: func.func @main
// CHECK: %[[G:.*]] = onnx.node "QLinearGlobalAveragePool"
// CHECK: %[[F:.*]] = onnx.node "Flatten"(%[[G]]) {name = "flat", outputs = ["f"]}
// CHECK: onnx.node "DequantizeLinear"(%[[F]], %{{.*}}, %{{.*}}) {name = "dqg", outputs = ["f"]}
// CHECK: onnx.node "QGemm"(%[[F]], {{.*}}) {attrs = {transB = 1 : i64}, domain = "com.microsoft", name = "fc", outputs = ["y"], source_op_type = "Gemm"}

// QG-LABEL: func.func @main
// QG: qg.avg_pool
// QG: qg.reshape {{.*}} : tensor<1x2x1x1x!quant.uniform<u8:f32, 5.000000e-01:10>> -> tensor<1x2x!quant.uniform<u8:f32, 5.000000e-01:10>>
// QG: qg.matmul {{.*}} -> tensor<1x3x!quant.uniform<u8:f32, 1.000000e+00:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1, 2], [-1, 0], [3, 3]]> : tensor<3x2xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %gq = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qg", outputs = ["gq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%gq, %s, %z) {name = "dqg", outputs = ["gd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %f = onnx.node "Flatten"(%gd) {name = "flat", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<3x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %fc = onnx.node "Gemm"(%f, %wd) {name = "fc", outputs = ["fc"], attrs = {transB = 1 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%fc, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A GlobalAveragePool read by a QuantizeLinear, then a Conv, then another
// QuantizeLinear: the conversion fuses the first QuantizeLinear with the
// pool, makes the pool 16-bit codes where the Conv (the first reader that
// takes such codes) is, and requantizes those codes for the second. The
// fusion states the same: onnxruntime's node at the first QuantizeLinear,
// npc's 16-bit node before the Conv, read by the Conv and by the last
// QuantizeLinear.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "com.microsoft", name = "gap", outputs = ["y"], source_op_type = "GlobalAveragePool"}
// CHECK: %[[W:.*]] = onnx.node "QLinearGlobalAveragePool"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"} : ({{.*}}, tensor<f32>, tensor<si16>) -> !onnx.value
// CHECK: onnx.node "QLinearConv"(%[[W]], {{.*}}) {name = "conv", outputs = ["y2"], source_op_type = "Conv"}
// CHECK: onnx.node "QLinearRequantize"(%[[W]], {{.*}}) {domain = "npc", name = "qy3", outputs = ["y3"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "GlobalAveragePool"

// QG-LABEL: func.func @main
// QG: qg.avg_pool %{{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32
// QG: qg.avg_pool %{{.*}} {clamp_max = 2032 : i32, clamp_min = -2048 : i32
// QG: qg.conv2d
// QG: qg.rescale %{{.*}} : tensor<1x1x1x1x!quant.uniform<i16<-2048:2032>:f32, 3.125000e-02>> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2", "y3"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y3 = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy3", outputs = ["y3"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2, %y3 : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// The same 16-bit average also divided by one value of shape [1, 1, 1]
// (rank 3, x's is 4) before a QuantizeLinear: one QLinearRequantize of
// those codes with the divisor, as the conversion reads the Div of them
// (seed 11's case 359). The divisor is in the rescale's input scale:
// 0.03125 / 4 = 0.0078125.

// CHECK-LABEL: func.func @main
// CHECK: %[[W:.*]] = onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
// CHECK: onnx.node "QLinearConv"(%[[W]], {{.*}}) {name = "conv", outputs = ["y2"], source_op_type = "Conv"}
// CHECK: onnx.node "QLinearRequantize"(%[[W]], {{.*}}) {attrs = {divisor = 4.000000e+00 : f32}, domain = "npc", name = "div", outputs = ["y3"], source_op_type = "Div"}
// CHECK-NOT: onnx.node "Div"

// QG-LABEL: func.func @main
// QG: qg.conv2d
// QG: %[[C:.*]] = qg.storage_cast %{{.*}} : tensor<1x1x1x1x!quant.uniform<i16<-2048:2032>:f32, 3.125000e-02>> -> tensor<1x1x1x1x!quant.uniform<i16:f32, 7.812500e-03>>
// QG: qg.rescale %[[C]] {clamp_max = 127 : i32, clamp_min = -128 : i32} : tensor<1x1x1x1x!quant.uniform<i16:f32, 7.812500e-03>> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y2", "y3"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x1x1xsi8>
    %k = onnx.constant "k" dense<4.0> : tensor<1x1x1xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %d = onnx.node "Div"(%p, %k) {name = "div", outputs = ["d"]} : (!onnx.value, tensor<1x1x1xf32>) -> !onnx.value
    %y3 = onnx.node "QuantizeLinear"(%d, %s, %z) {name = "qy3", outputs = ["y3"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y2, %y3 : !onnx.value, !onnx.value
  }
}

// -----

// A Concat -> Relu -> Q: QLinearConcat rescales each input to Y clamped
// to Y's range; the Relu's clamp becomes y_min, y_max of npc's node of
// that name (onnxruntime's has none). A Concat of npc's 16-bit codes (a
// table a Concat reads with no QuantizeLinear between) and 8-bit codes,
// then a Clip: npc's node too, which reads those codes.

// CHECK-LABEL: func.func @main
// CHECK: %[[LO:.*]] = onnx.constant "relu.min" dense<0> : tensor<si8>
// CHECK: %[[HI:.*]] = onnx.constant "relu.max" dense<127> : tensor<si8>
// CHECK: onnx.node "QLinearConcat"(%{{.*}}, %{{.*}}, %arg0, %{{.*}}, %{{.*}}, %arg0, %{{.*}}, %{{.*}}, %[[LO]], %[[HI]]) {attrs = {axis = 1 : i64}, domain = "npc", name = "cat", outputs = ["y"], source_op_type = "Concat"}
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%arg0, {{.*}}) -> !onnx.value
// CHECK: %[[LO2:.*]] = onnx.constant "clip.min" dense<-2> : tensor<si8>
// CHECK: %[[HI2:.*]] = onnx.constant "clip.max" dense<2> : tensor<si8>
// CHECK: onnx.node "QLinearConcat"(%{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}, %arg0, %{{.*}}, %{{.*}}, %[[LO2]], %[[HI2]]) {attrs = {axis = 1 : i64}, domain = "npc", name = "cat2", outputs = ["y2"], source_op_type = "Concat"} : (tensor<f32>, tensor<si8>, !onnx.value, tensor<f32>, tensor<ui16>, tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<si8>, tensor<si8>)
// CHECK-NOT: onnx.node "Concat"
// CHECK-NOT: onnx.node "Relu"
// CHECK-NOT: onnx.node "Clip"

// QG-LABEL: func.func @main
// QG: qg.concat
// QG: qg.rescale %{{.*}} {clamp_max = 127 : i32, clamp_min = 0 : i32}
// QG: qg.table
// QG: qg.rescale %{{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32} : tensor<1x2x!quant.uniform<u16:f32, {{.*}}>>
// QG: qg.concat
// QG: qg.rescale %{{.*}} {clamp_max = 2 : i32, clamp_min = -2 : i32}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %lo = onnx.constant "lo" dense<-1.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<1.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Concat"(%xd, %xd) {name = "cat", outputs = ["c"], attrs = {axis = 1 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %c2 = onnx.node "Concat"(%t, %xd) {name = "cat2", outputs = ["c2"], attrs = {axis = 1 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %r2 = onnx.node "Clip"(%c2, %lo, %hi) {name = "clip", outputs = ["r2"]} : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r2, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// shufflenet's channel split, as torch exports it: two Slices of the
// dequantized activation with bounds computed from its Shape (the
// conversion folds them), concatenated the other way round. Each Slice moves
// before the DequantizeLinear, so the Concat fuses; so does FX's flatten, a
// Reshape to a shape made of the activation's Shape, before a
// requantization.

// CHECK-LABEL: func.func @main
// CHECK: %[[SH:.*]] = onnx.node "Shape"(%[[XD:.*]]) {name = "shape"
// CHECK: %[[A:.*]] = onnx.node "Slice"(%arg0, %{{.*}}, %[[H:.*]], %{{.*}}) {name = "lo"
// CHECK: onnx.node "DequantizeLinear"(%[[A]], %{{.*}}, %{{.*}}) {name = "dqx", outputs = ["a"]}
// CHECK: %[[B:.*]] = onnx.node "Slice"(%arg0, %[[H]], %{{.*}}, %{{.*}}) {name = "hi"
// CHECK: onnx.node "QLinearConcat"(%{{.*}}, %{{.*}}, %[[B]], %{{.*}}, %{{.*}}, %[[A]], %{{.*}}, %{{.*}}) {attrs = {axis = 1 : i64}, domain = "com.microsoft", name = "cat"
// CHECK: %[[R:.*]] = onnx.node "Reshape"(%arg0, %{{.*}}) {name = "flat"
// CHECK: onnx.node "QLinearRequantize"(%[[R]],
// CHECK-NOT: onnx.node "QuantizeLinear"

// QG-LABEL: func.func @main
// QG: %[[LO:.*]] = qg.slice %arg0 {starts = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x4x2x2xui8> -> tensor<1x2x2x2xui8>
// QG: %[[HI:.*]] = qg.slice %arg0 {starts = array<i64: 0, 2, 0, 0>, {{.*}}-> tensor<1x2x2x2xui8>
// QG: %[[HC:.*]] = qg.storage_cast %[[HI]]
// QG: %[[LC:.*]] = qg.storage_cast %[[LO]]
// QG: %[[HR:.*]] = qg.rescale %[[HC]]
// QG: %[[LR:.*]] = qg.rescale %[[LC]]
// QG: qg.concat %[[HR]], %[[LR]] {axis = 1 : i64}
// QG: qg.reshape %arg0 : tensor<1x4x2x2xui8> -> tensor<1x16xui8>
// QG: qg.rescale {{.*}} -> tensor<1x16x!quant.uniform<u8:f32, 2.500000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4x2x2xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "f"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %one = onnx.constant "one" dense<1> : tensor<1xsi64>
    %two = onnx.constant "two" dense<2> : tensor<1xsi64>
    %zero = onnx.constant "zero" dense<0> : tensor<1xsi64>
    %minus = onnx.constant "minus" dense<-1> : tensor<1xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sh = onnx.node "Shape"(%xd) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Gather"(%sh, %one) {name = "channels", outputs = ["c"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %h = onnx.node "Div"(%c, %two) {name = "half", outputs = ["h"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %e = onnx.node "Mul"(%h, %two) {name = "end", outputs = ["e"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %a = onnx.node "Slice"(%xd, %zero, %h, %one) {name = "lo", outputs = ["a"]}
        : (!onnx.value, tensor<1xsi64>, !onnx.value, tensor<1xsi64>) -> !onnx.value
    %b = onnx.node "Slice"(%xd, %h, %e, %one) {name = "hi", outputs = ["b"]}
        : (!onnx.value, !onnx.value, !onnx.value, tensor<1xsi64>) -> !onnx.value
    %cat = onnx.node "Concat"(%b, %a) {name = "cat", outputs = ["cat"], attrs = {axis = 1 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%cat, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %n = onnx.node "Slice"(%sh, %zero, %one, %zero) {name = "batch", outputs = ["n"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %fs = onnx.node "Concat"(%n, %minus) {name = "flat_shape", outputs = ["fs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %f = onnx.node "Reshape"(%xd, %fs) {name = "flat", outputs = ["f"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %fq = onnx.node "QuantizeLinear"(%f, %sy, %zy) {name = "qf", outputs = ["fq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %fq : !onnx.value, !onnx.value
  }
}

// -----

// Split of a dequantized activation: the Split moves to x's codes, with a
// copy of the DequantizeLinear on each part, named as the part. The width
// 4 splits 1 + 3; the first part is requantized (to 0.25, 3), the second
// is read as it is by the Add, which fuses to a QLinearAdd of both parts'
// codes.

// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]]:2 = onnx.node "Split"(%arg0, %{{.*}}) {attrs = {axis = 3 : i64}, name = "spl", outputs = ["a", "b"]}
// CHECK: onnx.node "DequantizeLinear"(%[[P]]#0, %{{.*}}, %{{.*}}) {name = "dqx", outputs = ["a"]}
// CHECK: onnx.node "DequantizeLinear"(%[[P]]#1, %{{.*}}, %{{.*}}) {name = "dqx", outputs = ["b"]}
// CHECK: %[[A:.*]] = onnx.node "QLinearRequantize"(%[[P]]#0,
// CHECK: onnx.node "QLinearAdd"(%[[A]], %{{.*}}, %{{.*}}, %[[P]]#1, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "com.microsoft", name = "add"
// CHECK-NOT: onnx.node "QuantizeLinear"

// QG-LABEL: func.func @main
// QG: %[[A:.*]] = qg.slice %arg0 {starts = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x2x2x4xui8> -> tensor<1x2x2x1xui8>
// QG: %[[B:.*]] = qg.slice %arg0 {starts = array<i64: 0, 0, 0, 1>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x2x2x4xui8> -> tensor<1x2x2x3xui8>
// QG: qg.rescale {{.*}} -> tensor<1x2x2x1x!quant.uniform<u8:f32, 2.500000e-01:3>>
// QG: qg.add {{.*}} -> tensor<1x2x2x3x!quant.uniform<u8:f32, 2.500000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %sizes = onnx.constant "sizes" dense<[1, 3]> : tensor<2xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p:2 = onnx.node "Split"(%xd, %sizes) {name = "spl", outputs = ["a", "b"], attrs = {axis = 3 : i64}}
        : (!onnx.value, tensor<2xsi64>) -> (!onnx.value, !onnx.value)
    %aq = onnx.node "QuantizeLinear"(%p#0, %sy, %zy) {name = "qa", outputs = ["aq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %ad = onnx.node "DequantizeLinear"(%aq, %sy, %zy) {name = "dqa", outputs = ["ad"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sum = onnx.node "Add"(%ad, %p#1) {name = "add", outputs = ["sum"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%sum, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// x's DequantizeLinear reads a QuantizeLinear of a float constant, which
// folds to integer codes (1 / 0.5 = 2, ...; FoldQuantizeOfConstant): a
// constant x, which QLinearConv takes as its input's codes (dequantizedOperand of a constant) and
// the conversion materializes.

// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = onnx.constant "xq" dense<{{\[\[\[\[}}2, 4], [6, 8]]]]> : tensor<1x1x2x2xsi8>
// CHECK: onnx.node "QLinearConv"(%[[X]], {{.*}}) {name = "conv", outputs = ["yq"], source_op_type = "Conv"}

// QG-LABEL: func.func @main
// QG: qg.constant dense<{{\[\[\[\[}}2, 4], [6, 8]]]]> : tensor<1x1x2x2xi8> : tensor<1x1x2x2x!quant.uniform<i8:f32, 5.000000e-01>>
// QG: qg.conv2d {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%in: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["in"], npc.output_names = ["y"]} {
    %xf = onnx.constant "xf" dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%xf, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// One DequantizeLinear is both weight and bias (bias 0.25, -0.5 over
// s_x s_w = 0.125: 2, -4): fused, and the node erased once.

// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "conv.bias_int32" dense<[2, -4]> : tensor<2xsi32>
// CHECK: onnx.node "QLinearConv"
// CHECK-NOT: name = "dqw"

// QG-LABEL: func.func @main
// QG: qg.constant dense<[2, -4]> : tensor<2xi32>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %wd) {name = "conv", outputs = ["c"]}
        : (!onnx.value, !onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// torch's FX export writes a bias's zero points as Cast(ConstantOfShape):
// the fusion reads them as the conversion folds them (int32 zeros); both
// go with the bias's DequantizeLinear, since nothing reads them any more.
// Scales as Constant nodes.

// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.node "ConstantOfShape"
// CHECK-NOT: onnx.node "Cast"
// CHECK: onnx.constant "conv.bias_int32" dense<[8, -3]> : tensor<2xsi32>
// CHECK: onnx.node "QLinearConv"
// CHECK-NOT: name = "dqb"

// QG-LABEL: func.func @main
// QG: qg.constant dense<[8, -3]> : tensor<2xi32>
// QG: qg.conv2d
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.node "Constant"() {name = "sx", outputs = ["sx"], attrs = {value = dense<0.5> : tensor<f32>}} : () -> !onnx.value
    %zx = onnx.node "Constant"() {name = "zx", outputs = ["zx"], attrs = {value = dense<10> : tensor<ui8>}} : () -> !onnx.value
    %w = onnx.constant "w" dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<[0.25, 0.125]> : tensor<2xf32>
    %zw = onnx.constant "zw" dense<0> : tensor<2xsi8>
    %b = onnx.constant "b" dense<[8, -3]> : tensor<2xsi32>
    %sb = onnx.constant "sb" dense<[0.125, 0.0625]> : tensor<2xf32>
    %n = onnx.constant "n" dense<2> : tensor<1xsi64>
    %zeros = onnx.node "ConstantOfShape"(%n) {name = "zeros", outputs = ["zeros"], attrs = {value = dense<0> : tensor<1xsi64>}}
        : (tensor<1xsi64>) -> !onnx.value
    %zb = onnx.node "Cast"(%zeros) {name = "cast", outputs = ["zb"], attrs = {to = 6 : i64}} : (!onnx.value) -> !onnx.value
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xui8>, !onnx.value, !onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"], attrs = {axis = 0 : i64}}
        : (tensor<2x1x1x1xsi8>, tensor<2xf32>, tensor<2xsi8>) -> !onnx.value
    %bd = onnx.node "DequantizeLinear"(%b, %sb, %zb) {name = "dqb", outputs = ["bd"], attrs = {axis = 0 : i64}}
        : (tensor<2xsi32>, tensor<2xf32>, !onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %bd) {name = "conv", outputs = ["c"]}
        : (!onnx.value, !onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A QAT weight: DequantizeLinear(QuantizeLinear(float W)). Its codes are
// known at compile time (1.0 / 0.5 = 2, -1.0 / 0.5 = -2): the QuantizeLinear
// folds into an initializer named after its output, the float weight goes,
// and the Conv fuses.

// CHECK-LABEL: func.func @main
// CHECK-NOT: "wf"
// CHECK: %[[WQ:.*]] = onnx.constant "wq" dense<{{\[\[\[\[}}2]]], {{\[\[\[}}-2]]]]> : tensor<2x1x1x1xsi8>
// CHECK-NOT: QuantizeLinear
// CHECK: onnx.node "QLinearConv"(%arg0, %{{.*}}, %{{.*}}, %[[WQ]],

// QG-LABEL: func.func @main
// QG: qg.constant dense<{{\[\[\[\[}}2]]], {{\[\[\[}}-2]]]]> : tensor<2x1x1x1xi8>
// QG: qg.conv2d
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %wf = onnx.constant "wf" dense<[[[[1.0]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>
    %sw = onnx.constant "sw" dense<[0.5, 0.5]> : tensor<2xf32>
    %zw = onnx.constant "zw" dense<0> : tensor<2xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wq = onnx.node "QuantizeLinear"(%wf, %sw, %zw) {name = "wq", outputs = ["wq"], attrs = {axis = 0 : i64}}
        : (tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<2xsi8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%wq, %sw, %zw) {name = "dqw", outputs = ["wd"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<2xf32>, tensor<2xsi8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A ResNet stem's MaxPool between DQ and Q (the same parameters here; the
// second pool, with ceil_mode=1 as squeezenet's, requantizes to Q's): npc's
// QLinearMaxPool with the pool's attributes, name and op type; the
// conversion makes the max pool (of x's codes read with the DQ's
// parameters; ceil_mode as end padding) and, where the parameters change,
// a rescale, as without the fusion.

// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = onnx.node "QLinearMaxPool"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}, domain = "npc", name = "pool", outputs = ["y"], source_op_type = "MaxPool"}
// CHECK: onnx.node "QLinearMaxPool"(%arg0, {{.*}} name = "pool2"
// CHECK-NOT: onnx.node "MaxPool"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0
// QG-NEXT: qg.max_pool %[[X]] {dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x2x8x8x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<1x2x4x4x!quant.uniform<u8:f32, 5.000000e-01:3>>
// QG: %[[M:.*]] = qg.max_pool %{{.*}} {dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>}
// QG-NEXT: qg.rescale %[[M]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x2x4x4x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<1x2x4x4x!quant.uniform<u8:f32, 2.500000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x8x8xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z2 = onnx.constant "z2" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x8x8xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p2 = onnx.node "MaxPool"(%xd) {name = "pool2", outputs = ["p2"],
           attrs = {ceil_mode = 1 : i64, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%p2, %s2, %z2) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// Softmax (opset 11: axis 1 unless given) and ReduceMean between DQ and
// Q: onnxruntime's QLinearSoftmax and QLinearReduceMean, with the axis and
// the axes as attributes; the same qg.softmax and qg.reduce either way.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearSoftmax"(%arg0, {{.*}}) {attrs = {axis = 1 : i64}, domain = "com.microsoft", name = "softmax", outputs = ["y"], source_op_type = "Softmax"}
// CHECK: onnx.node "QLinearReduceMean"(%arg0, {{.*}}) {attrs = {axes = array<i64: -1>, keepdims = 0 : i64}, domain = "com.microsoft", name = "mean", outputs = ["mq"], source_op_type = "ReduceMean"}
// CHECK-NOT: onnx.node "Softmax"
// CHECK-NOT: onnx.node "ReduceMean"

// QG-LABEL: func.func @main
// QG: qg.softmax %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<2x8x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<2x8x!quant.uniform<u8:f32, 3.906250e-03>>
// QG: %[[R:.*]] = qg.reduce %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "mean"} : tensor<2x8x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<2x1x!quant.uniform<u8:f32, 5.000000e-01:3>>
// QG-NEXT: qg.reshape %[[R]] : tensor<2x1x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<2x!quant.uniform<u8:f32, 5.000000e-01:3>>
module attributes {onnx.opset = 11 : i64} {
  func.func @main(%x: tensor<2x8xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "m"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<2x8xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sm = onnx.node "Softmax"(%xd) {name = "softmax", outputs = ["sm"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%sm, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["mm"], attrs = {axes = array<i64: -1>, keepdims = 0 : i64}}
        : (!onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["mq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %mq : !onnx.value, !onnx.value
  }
}

// -----

// From opset 18 ReduceMean's axes are an input: the same QLinearReduceMean
// with them as an attribute, and the same qg.reduce.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearReduceMean"(%arg0, {{.*}}) {attrs = {axes = array<i64: -1>, keepdims = 0 : i64}, domain = "com.microsoft", name = "mean", outputs = ["mq"], source_op_type = "ReduceMean"}
// CHECK-NOT: onnx.node "ReduceMean"

// QG-LABEL: func.func @main
// QG: %[[R:.*]] = qg.reduce %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "mean"} : tensor<2x8x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<2x1x!quant.uniform<u8:f32, 5.000000e-01:3>>
// QG-NEXT: qg.reshape %[[R]] : tensor<2x1x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<2x!quant.uniform<u8:f32, 5.000000e-01:3>>
module attributes {onnx.opset = 18 : i64} {
  func.func @main(%x: tensor<2x8xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["m"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %axes = onnx.constant "axes" dense<[-1]> : tensor<1xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<2x8xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd, %axes) {name = "mean", outputs = ["mm"], attrs = {keepdims = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["mq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %mq : !onnx.value
  }
}

// -----

// Lone activations and a requantization between DQ and Q, as torch FX and
// onnxruntime write MobileNetV2's ReLU6: npc's QLinearRequantize (x's and
// y's parameters, then the activation's bounds in y's codes), named as
// the activation (a requantization alone: as the QuantizeLinear).
// `relu6` changes the parameters (0.5:3 -> 0.25:0): one rescale whose clamp
// is Q(0) = 0 .. Q(6) = 24; `same` keeps them: a rescale that only clamps
// (Q(0) = 3 .. 255), which qg-fold-clamps later folds into the producer;
// `requant` is a rescale over y's whole range.

// CHECK-LABEL: func.func @main
// CHECK: %[[LO:.*]] = onnx.constant "relu6.min" dense<0> : tensor<ui8>
// CHECK: %[[HI:.*]] = onnx.constant "relu6.max" dense<24> : tensor<ui8>
// CHECK: onnx.node "QLinearRequantize"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[LO]], %[[HI]]) {domain = "npc", name = "relu6", outputs = ["y"], source_op_type = "Clip"}
// CHECK: %[[MIN:.*]] = onnx.constant "same.min" dense<3> : tensor<ui8>
// CHECK: %[[MAX:.*]] = onnx.constant "same.max" dense<255> : tensor<ui8>
// CHECK: onnx.node "QLinearRequantize"(%arg0, {{.*}}, %[[MIN]], %[[MAX]]) {domain = "npc", name = "same", outputs = ["y2"], source_op_type = "Relu"}
// CHECK: onnx.node "QLinearRequantize"(%arg0, %{{[0-9]+}}, %{{[0-9]+}}, %{{[0-9]+}}, %{{[0-9]+}}) {domain = "npc", name = "requant", outputs = ["y3"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "QuantizeLinear"
// CHECK-NOT: onnx.node "Clip"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0
// QG-NEXT: qg.rescale %[[X]] {clamp_max = 24 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<1x4x!quant.uniform<u8:f32, 2.500000e-01>>
// QG: qg.rescale %{{.*}} {clamp_max = 255 : i32, clamp_min = 3 : i32} : tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:3>>
// QG: qg.rescale %{{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32} : tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<1x4x!quant.uniform<i8:f32, 1.000000e+00>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2", "y3"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z2 = onnx.constant "z2" dense<0> : tensor<ui8>
    %s3 = onnx.constant "s3" dense<1.0> : tensor<f32>
    %z3 = onnx.constant "z3" dense<0> : tensor<si8>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<6.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Clip"(%xd, %lo, %hi) {name = "relu6", outputs = ["r"]}
        : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s2, %z2) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r2 = onnx.node "Relu"(%xd) {name = "same", outputs = ["r2"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r2, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y3 = onnx.node "QuantizeLinear"(%xd, %s3, %z3) {name = "requant", outputs = ["y3"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2, %y3 : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// torch's QAT export clips each QuantizeLinear's codes again (Q -> Clip(, 127)
// -> DQ): a Clip that alone reads Q, by scalars of Y's type, joins the
// activation's integer Clip: clamp(clamp(v, 3, 255), 0, 127) is
// clamp(v, 3, 127), named as the Relu, defining the QAT Clip's output; the
// conversion narrows the convolution's clamp to it, as it did in two steps.

// CHECK-LABEL: func.func @main
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"
// CHECK: %[[MIN:.*]] = onnx.constant "relu.min" dense<3> : tensor<ui8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu.max" dense<127> : tensor<ui8>
// CHECK: %[[R:.*]] = onnx.node "Clip"(%[[C]], %[[MIN]], %[[MAX]]) {name = "relu", outputs = ["yc"], source_op_type = "Relu"}
// CHECK-NOT: qat_clip
// CHECK: return %[[R]]

// QG-LABEL: func.func @main
// QG: qg.conv2d {{.*}} {clamp_max = 127 : i32, clamp_min = 3 : i32,
// QG-NOT: qg.rescale
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["yc"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x3x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %hi = onnx.constant "hi" dense<127> : tensor<ui8>
    %none = onnx.none
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x3x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %yc = onnx.node "Clip"(%y, %none, %hi) {name = "qat_clip", outputs = ["yc"]}
        : (!onnx.value, none, tensor<ui8>) -> !onnx.value
    return %yc : !onnx.value
  }
}

// -----

// The same where Q's codes have another reader (here a graph output): the
// QAT Clip cannot join the activation's (the other reader reads the codes
// before it), so it stays, reading the integer Clip of the Relu (3..255),
// which names Q's output; the conversion narrows the convolution's clamp
// by the Relu's and makes the QAT Clip a rescale of those codes clamped
// to its own bounds (0..127), as it did without the fusion.

// CHECK-LABEL: func.func @main
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"
// CHECK: %[[MIN:.*]] = onnx.constant "relu.min" dense<3> : tensor<ui8>
// CHECK: %[[R:.*]] = onnx.node "Clip"(%[[C]], %[[MIN]]) {name = "relu", outputs = ["y"], source_op_type = "Relu"}
// CHECK: %[[Q:.*]] = onnx.node "Clip"(%[[R]], %{{.*}}, %{{.*}}) {name = "qat_clip", outputs = ["yc"]}
// CHECK: return %[[Q]], %[[R]]

// QG-LABEL: func.func @main
// QG: %[[C:.*]] = qg.conv2d {{.*}} {clamp_max = 255 : i32, clamp_min = 3 : i32,
// QG: qg.rescale %[[C]] {clamp_max = 127 : i32, clamp_min = 0 : i32}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["yc", "y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x3x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %hi = onnx.constant "hi" dense<127> : tensor<ui8>
    %none = onnx.none
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x3x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %yc = onnx.node "Clip"(%y, %none, %hi) {name = "qat_clip", outputs = ["yc"]}
        : (!onnx.value, none, tensor<ui8>) -> !onnx.value
    return %yc, %y : !onnx.value, !onnx.value
  }
}

// -----

// A QAT export's ConvBn: Conv (float bias) -> Div by the factor torch
// multiplied into the weight -> k - y -> BatchNormalization -> Relu -> Q,
// folded per channel into y = a conv + b (the conversion's rule):
//   Div [2, 4]:          a = [0.5, 0.25],   b = [0, 0]
//   Sub [1, 2] - y:      a = [-0.5, -0.25], b = [1, 2]
//   BN, k = gamma / sqrt(var + 1) = [2 / 2, 1 / 1] = [1, 1]:
//                        b = b k + beta - mean k = [1 + 0.5, 2 - 1] = [1.5, 1]
// The weight scales become 0.25 |a| = [0.125, 0.0625], the codes mirrored
// about the zero point 0 ([2] -> [-2], [-3] -> [3]), the bias a bias + b =
// [1 * -0.5 + 1.5, -0.5 * -0.25 + 1] = [1, 1.125], in int32 at s_x s_w:
// 1 / (0.5 * 0.125) = 16 and 1.125 / (0.5 * 0.0625) = 36.

// The chain, the weight and its DequantizeLinear go.
// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.constant "w"
// CHECK-NOT: "Div"
// CHECK-NOT: "Sub"
// CHECK-NOT: "BatchNormalization"
// CHECK: %[[B:.*]] = onnx.constant "conv.bias_int32" dense<[16, 36]> : tensor<2xsi32>
// CHECK: %[[W:.*]] = onnx.constant "conv.weight_folded" dense<{{\[\[\[\[}}-2]]], {{\[\[\[}}3]]]]> : tensor<2x1x1x1xsi8>
// CHECK: %[[SW:.*]] = onnx.constant "conv.weight_scale_folded" dense<[1.250000e-01, 6.250000e-02]> : tensor<2xf32>
// CHECK: %[[ZW:.*]] = onnx.constant "conv.weight_zero_point_folded" dense<0> : tensor<2xsi8>
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"(%{{.*}}, %{{.*}}, %{{.*}}, %[[W]], %[[SW]], %[[ZW]], %{{.*}}, %{{.*}}, %[[B]])
// CHECK-SAME: name = "conv", outputs = ["c"], source_op_type = "Conv"
// CHECK: onnx.node "Clip"(%[[C]], %{{.*}}) {name = "relu", outputs = ["yq"], source_op_type = "Relu"}

// QG-LABEL: func.func @main
// QG: qg.constant dense<{{\[\[\[\[}}-2]]], {{\[\[\[}}3]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!quant.uniform<i8:f32:0, {1.250000e-01,6.250000e-02}>>
// QG: qg.constant dense<[16, 36]> : tensor<2xi32>
// QG: qg.conv2d {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32
// QG-NOT: qg.rescale
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[2]]], [[[-3]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %bias = onnx.constant "bias" dense<[1.0, -0.5]> : tensor<2xf32>
    %d = onnx.constant "d" dense<[[[[2.0]], [[4.0]]]]> : tensor<1x2x1x1xf32>
    %k = onnx.constant "k" dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
    %g = onnx.constant "gamma" dense<[2.0, 1.0]> : tensor<2xf32>
    %beta = onnx.constant "beta" dense<[0.5, 0.0]> : tensor<2xf32>
    %mean = onnx.constant "mean" dense<[0.0, 1.0]> : tensor<2xf32>
    %var = onnx.constant "var" dense<[3.0, 0.0]> : tensor<2xf32>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %bias) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 1, 1>}}
        : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %cd = onnx.node "Div"(%c, %d) {name = "div", outputs = ["cd"]}
        : (!onnx.value, tensor<1x2x1x1xf32>) -> !onnx.value
    %ks = onnx.node "Sub"(%k, %cd) {name = "sub", outputs = ["ks"]}
        : (tensor<2x1x1xf32>, !onnx.value) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%ks, %g, %beta, %mean, %var) {name = "bn", outputs = ["bn"],
           attrs = {epsilon = 1.0 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %r = onnx.node "Relu"(%bn) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// DQ -> MaxPool read by a Conv and an Add (eager QAT's stem pool and the
// first residual): the pool moves before the DequantizeLinear, onto the
// codes, as the conversion runs it (max commutes with dequantization), so
// the Conv and the Add read a dequantized activation and fuse.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK-NOT: onnx.node "MaxPool"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: onnx.node "DequantizeLinear"(%[[P]], %{{.*}}, %{{.*}}) {name = "dqx", outputs = ["p"]}
// CHECK-NOT: onnx.node "Conv"
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"(%[[P]],
// CHECK-NOT: onnx.node "Add"
// CHECK: onnx.node "QLinearAdd"(%[[P]], %{{.*}}, %{{.*}}, %[[C]],
// CHECK-NOT: onnx.node "Conv"
// CHECK-NOT: onnx.node "Add"

// QG-LABEL: func.func @main
// QG: %[[Q:.*]] = qg.quantize
// QG: %[[M:.*]] = qg.max_pool %[[Q]]
// QG: %[[C:.*]] = qg.conv2d %[[M]]
// QG: qg.add %[[M]], %[[C]]
// QG-NOT: qg.max_pool
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<2> : tensor<1x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %sc = onnx.constant "sc" dense<0.25> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zx) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%c, %sc, %zx) {name = "qc", outputs = ["cq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%cq, %sc, %zx) {name = "dqc", outputs = ["cd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "Add"(%p, %cd) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sx, %zx) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// DQ -> MaxPool -> Div by a float scalar -> Q: the pool moves onto the
// codes (the conversion runs it there, where it is, when a Mul, Sub or Div
// by a float scalar reads it), and the Div fuses with the QuantizeLinear
// into npc's QLinearRequantize of the pool's codes, the divisor its
// attribute: the codes read at x's scale over 2, then one rescale to Y's,
// as the conversion made of the pending pool.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK-NOT: onnx.node "MaxPool"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: onnx.node "DequantizeLinear"(%[[P]], %{{.*}}, %{{.*}}) {name = "dqx", outputs = ["p"]}
// CHECK: onnx.node "QLinearRequantize"(%[[P]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {divisor = 2.000000e+00 : f32}, domain = "npc", name = "div", outputs = ["y"], source_op_type = "Div"}
// CHECK-NOT: onnx.node "Div"

// QG-LABEL: func.func @main
// QG: %[[Q:.*]] = qg.quantize
// QG: %[[M:.*]] = qg.max_pool %[[Q]]
// QG: %[[H:.*]] = qg.storage_cast %[[M]] : {{.*}} -> tensor<1x1x2x2x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.rescale %[[H]] {clamp_max = 127 : i32, clamp_min = -128 : i32} : {{.*}} -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.20000000298023224>>
// QG-NOT: qg.max_pool
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.2> : tensor<f32>
    %k = onnx.constant "k" dense<2.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %d = onnx.node "Div"(%p, %k) {name = "div", outputs = ["d"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%d, %sy, %zx) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// DQ -> MaxPool -> Sub of a float scalar -> Q (int4): the pool moves onto
// the codes and the Sub is a function of them, one QLinearLookup of the
// pool's codes (the conversion refused it of the pending pool: "input B
// must come from a DequantizeLinear"). Entry e (code e for e < 8, e - 16
// above), numpy float32: q(0.5 * code - 3, 0.5, 0) clipped to int4.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: %[[T:.*]] = onnx.constant "qy.table" dense<[-6, -5, -4, -3, -2, -1, 0, 1, -8, -8, -8, -8, -8, -8, -8, -7]> : tensor<16xsi4>
// CHECK: onnx.node "QLinearLookup"(%[[P]], %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "Sub"

// QG-LABEL: func.func @main
// QG: %[[M:.*]] = qg.max_pool
// QG: qg.table %[[M]] {table = array<i32: -6, -5, -4, -3, -2, -1, 0, 1, -8, -8, -8, -8, -8, -8, -8, -7>}
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %k = onnx.constant "k" dense<3.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %s = onnx.node "Sub"(%p, %k) {name = "sub", outputs = ["s"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%s, %sx, %zx) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    return %y : !onnx.value
  }
}
// -----

// DQ -> MaxPool read by a QuantizeLinear and by a Conv: the pool moves
// onto the codes, as the conversion runs it where it is; the
// QuantizeLinear requantizes the pooled codes (npc's QLinearRequantize,
// named as it), and the Conv reads them too: one pool, where the
// conversion used to pool twice (QLinearMaxPool's pool for the
// QuantizeLinear, then again for the Conv).

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: onnx.node "QLinearRequantize"(%[[P]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK: onnx.node "QLinearConv"(%[[P]],
// CHECK-NOT: onnx.node "MaxPool"
// CHECK-NOT: onnx.node "QLinearMaxPool"

// QG-LABEL: func.func @main
// QG: %[[Q:.*]] = qg.quantize
// QG: %[[M:.*]] = qg.max_pool %[[Q]]
// QG: qg.rescale %[[M]] {clamp_max = 127 : i32, clamp_min = -128 : i32} : tensor<1x1x2x2x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<1x1x2x2x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.conv2d %[[M]]
// QG-NOT: qg.max_pool
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "c"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %w = onnx.constant "w" dense<2> : tensor<1x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %sy, %zx) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zx) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%c, %sy, %zx) {name = "qc", outputs = ["cq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %cq : !onnx.value, !onnx.value
  }
}

// -----

// DQ -> MaxPool read by a Sigmoid, by the Mul of the pool and the
// Sigmoid (SiLU of the pool) and by a Pow by 2 (int4): the pool moves
// onto the codes, and each function of it is one table of the pooled
// codes. Of the pending pool the conversion used to make the Sigmoid a
// 16-bit table and multiply (two roundings); now, as of any dequantized
// activation, one. Entry e (code e for e < 8, e - 16 above), numpy
// float32: q(x * sigmoid(x), 0.5, 0) and q(x ** 2, 0.5, 0) clipped to
// int4, x = 0.5 * code.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: %[[T:.*]] = onnx.constant "qy.table" dense<[0, 1, 1, 2, 4, 5, 6, 7, 0, 0, 0, 0, 0, -1, -1, 0]> : tensor<16xsi4>
// CHECK: onnx.node "QLinearLookup"(%[[P]], %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK: %[[T2:.*]] = onnx.constant "qy2.table" dense<[0, 0, 2, 4, 7, 7, 7, 7, 7, 7, 7, 7, 7, 4, 2, 0]> : tensor<16xsi4>
// CHECK: onnx.node "QLinearLookup"(%[[P]], %{{.*}}, %{{.*}}, %[[T2]], %{{.*}}, %{{.*}}) {domain = "npc", name = "qy2", outputs = ["y2"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "Sigmoid"
// CHECK-NOT: onnx.node "Pow"

// QG-LABEL: func.func @main
// QG: %[[M:.*]] = qg.max_pool
// QG-NEXT: qg.table %[[M]] {table = array<i32: 0, 1, 1, 2, 4, 5, 6, 7, 0, 0, 0, 0, 0, -1, -1, 0>}
// QG-NEXT: qg.table %[[M]] {table = array<i32: 0, 0, 2, 4, 7, 7, 7, 7, 7, 7, 7, 7, 7, 4, 2, 0>}
// QG-NOT: qg.mul
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %g = onnx.node "Sigmoid"(%p) {name = "gate", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%p, %g) {name = "silu", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %sx, %zx) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %sq = onnx.node "Pow"(%p, %two) {name = "square", outputs = ["sq"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%sq, %sx, %zx) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// DQ -> MaxPool -> PRelu with a slope per channel (int4): the pool moves
// onto the codes and the PRelu is a table per channel of the pooled
// codes (the conversion refused a PRelu of the pending pool: "input must
// be a dequantized activation"). Entry e (code e for e < 8, e - 16
// above), numpy float32: q(prelu(0.5 * code, slope), 0.5, 0) clipped to
// int4, slope 0.5: [0..7, -4, -4, -3, -2, -2, -2, -1, 0], slope -1:
// [0..7, 7, 7, 6, 5, 4, 3, 2, 1] (entries interleaved by channel).

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: %[[T:.*]] = onnx.constant "qy.table" dense<{{.*}}> : tensor<16x2x1x1xsi4>
// CHECK: onnx.node "QLinearLookup"(%[[P]], %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {attrs = {slope_of = {{.*}}}, domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: %[[M:.*]] = qg.max_pool
// QG-NEXT: qg.table %[[M]] {channel_axis = 1 : i64, table = array<i32: 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, -4, 7, -4, 7, -3, 6, -2, 5, -2, 4, -2, 3, -1, 2, 0, 1>}
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %k = onnx.constant "slope" dense<[[[0.5]], [[-1.0]]]> : tensor<2x1x1xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %r = onnx.node "PRelu"(%p, %k) {name = "prelu", outputs = ["r"]} : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %sx, %zx) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// DQ -> MaxPool read by the Mul of the pool and itself and by a
// QuantizeLinear: the pool moves onto the codes (of the view the Mul of
// two activations is the product of the pooled codes, as of the pending
// pool), and the Mul and the QuantizeLinear fuse on them.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: onnx.node "QLinearMul"(%[[P]], %{{.*}}, %{{.*}}, %[[P]], {{.*}}) {domain = "com.microsoft", name = "mul"
// CHECK: onnx.node "QLinearRequantize"(%[[P]], {{.*}}name = "qy2"

// QG-LABEL: func.func @main
// QG: %[[M:.*]] = qg.max_pool
// QG: qg.mul %[[M]], %[[M]]
// QG-NOT: qg.max_pool
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>}} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Mul"(%p, %p) {name = "mul", outputs = ["g"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// DQ -> MaxPool read by an AveragePool and a ReduceMax, each then
// quantized: the pool moves onto the codes (the conversion runs it there,
// where it is, for any float operator that only views its input: the
// pools and reductions too), and the readers fuse: onnxruntime's
// QLinearAveragePool and npc's QLinearReduceMax, both of the pool's codes.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: onnx.node "QLinearAveragePool"(%[[P]], {{.*}}) {attrs = {kernel_shape = array<i64: 3, 3>}, domain = "com.microsoft", name = "avg", outputs = ["y"], source_op_type = "AveragePool"}
// CHECK: onnx.node "QLinearReduceMax"(%[[P]], {{.*}}) {attrs = {axes = array<i64: 2, 3>}, domain = "npc", name = "max", outputs = ["m"], source_op_type = "ReduceMax"}
// CHECK-NOT: onnx.node "AveragePool"
// CHECK-NOT: onnx.node "ReduceMax"

// QG-LABEL: func.func @main
// QG: %[[Q:.*]] = qg.quantize
// QG: %[[M:.*]] = qg.max_pool %[[Q]] {{.*}} -> tensor<1x1x3x3x!quant.uniform<i8:f32, 5.000000e-01>>
// QG: qg.avg_pool %[[M]] {{.*}} -> tensor<1x1x1x1x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.reduce %[[M]] {clamp_max = 127 : i32, clamp_min = -128 : i32, mode = "max"} {{.*}} -> tensor<1x1x1x1x!quant.uniform<i8:f32, 5.000000e-01>>
// QG-NOT: qg.max_pool
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "m"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>}}
        : (!onnx.value) -> !onnx.value
    %a = onnx.node "AveragePool"(%p) {name = "avg", outputs = ["a"],
           attrs = {kernel_shape = array<i64: 3, 3>}} : (!onnx.value) -> !onnx.value
    %m = onnx.node "ReduceMax"(%p) {name = "max", outputs = ["mx"],
           attrs = {axes = array<i64: 2, 3>}} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zx) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %sx, %zx) {name = "qm", outputs = ["m"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %mq : !onnx.value, !onnx.value
  }
}

// -----

// DQ -> MaxPool -> Neg -> Q: a function of one input reads the pool, so
// the pool moves onto the codes and the function becomes a table of the
// pooled codes (the conversion, without the fusion, pools at the MaxPool
// and makes the same table). Entries: -code at scale 0.5 into scale 0.5,
// clamped: 0, -1, -2, ... for codes 0 to 127, then 127, 127, 126, ... 1
// for codes -128 to -1.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: onnx.constant "qy.table" dense<"0x00FFFEFD{{[0-9A-F]*}}82817F7F7E{{[0-9A-F]*}}0201"> : tensor<256xsi8>
// CHECK: onnx.node "QLinearLookup"(%[[P]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "Neg"

// QG-LABEL: func.func @main
// QG: %[[Q:.*]] = qg.quantize
// QG-NEXT: %[[M:.*]] = qg.max_pool %[[Q]] {{.*}} -> tensor<1x1x3x3x!quant.uniform<i8:f32, 5.000000e-01>>
// QG-NEXT: qg.table %[[M]] {table = array<i32: 0, -1, -2, {{.*}}, -126, -127, 127, 127, 126, {{.*}}, 2, 1>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>}}
        : (!onnx.value) -> !onnx.value
    %n = onnx.node "Neg"(%p) {name = "neg", outputs = ["n"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%n, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same pool with a DequantizeLinear of other parameters than its
// QuantizeLinear (scale 0.125 for codes made at 0.5; helper-51): the pool
// still moves onto the codes, and the conversion, with or without the
// fusion, pools them as the QuantizeLinear typed them, then casts to the
// DequantizeLinear's parameters where the average reads them.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {{.*}}name = "pool", outputs = ["p"]}
// CHECK: onnx.node "QLinearGlobalAveragePool"(%[[P]], {{.*}}) {domain = "com.microsoft", name = "gap", outputs = ["y"], source_op_type = "GlobalAveragePool"}

// QG-LABEL: func.func @main
// QG: %[[Q:.*]] = qg.quantize %arg0 : tensor<1x1x2x2xf32> -> tensor<1x1x2x2x!quant.uniform<i8:f32, 5.000000e-01>>
// QG-NEXT: %[[M:.*]] = qg.max_pool %[[Q]] {{.*}} -> tensor<1x1x2x2x!quant.uniform<i8:f32, 5.000000e-01>>
// QG-NEXT: %[[C:.*]] = qg.storage_cast %[[M]] : {{.*}} -> tensor<1x1x2x2x!quant.uniform<i8:f32, 1.250000e-01>>
// QG-NEXT: qg.avg_pool %[[C]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s2 = onnx.constant "s2" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s2, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"], attrs = {kernel_shape = array<i64: 1, 1>}}
        : (!onnx.value) -> !onnx.value
    %a = onnx.node "GlobalAveragePool"(%p) {name = "gap", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A QAT weight (QuantizeLinear of a float initializer: 1.0 at 0.5 is code
// 2) under a BatchNormalization of factor 1: its fake-quantization goes with
// the folded cluster, nothing reads it.

// CHECK-LABEL: func.func @main
// CHECK-NOT: "QuantizeLinear"
// CHECK-NOT: onnx.constant "wf"
// CHECK: onnx.constant "conv.weight_folded" dense<2> : tensor<1x1x1x1xsi8>
// CHECK: onnx.constant "conv.weight_scale_folded" dense<5.000000e-01> : tensor<1xf32>
// CHECK: onnx.node "QLinearConv"
// CHECK-NOT: "QuantizeLinear"

// QG-LABEL: func.func @main
// QG: qg.constant dense<2> : tensor<1x1x1x1xi8> : tensor<1x1x1x1x!quant.uniform<i8:f32, 5.000000e-01>>
// QG: qg.conv2d
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %wf = onnx.constant "wf" dense<1.0> : tensor<1x1x1x1xf32>
    %one = onnx.constant "one" dense<1.0> : tensor<1xf32>
    %zero = onnx.constant "zero" dense<0.0> : tensor<1xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wq = onnx.node "QuantizeLinear"(%wf, %s, %z) {name = "qw", outputs = ["wq"]}
        : (tensor<1x1x1x1xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%wq, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%c, %one, %zero, %zero, %one) {name = "bn", outputs = ["bn"],
           attrs = {epsilon = 0.0 : f32}}
        : (!onnx.value, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// DQ -> MatMul -> Add of a constant row -> Q (torch's nn.Linear on a 3-D
// input): npc's QLinearMatMul with the Add's constant as its int32 bias at
// s_a s_b = 0.5 * 0.25: [0.5, -1, 0.25] / 0.125 = [4, -8, 2], the constant
// second or first.

// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.node "Add"
// CHECK: %[[B:.*]] = onnx.constant "mm.bias_int32" dense<[4, -8, 2]> : tensor<3xsi32>
// CHECK: onnx.node "QLinearMatMul"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[B]]) {domain = "npc", name = "mm", outputs = ["y"], source_op_type = "MatMul"}
// CHECK: %[[B2:.*]] = onnx.constant "mm2.bias_int32" dense<[4, -8, 2]> : tensor<3xsi32>
// CHECK: onnx.node "QLinearMatMul"({{.*}}, %[[B2]]) {domain = "npc", name = "mm2", outputs = ["y2"], source_op_type = "MatMul"}
// CHECK-NOT: onnx.node "Add"
// CHECK-NOT: onnx.node "MatMul"

// QG-LABEL: func.func @main
// QG: qg.constant dense<[4, -8, 2]> : tensor<3xi32>
// QG: qg.matmul {{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32}
// QG: qg.constant dense<[4, -8, 2]> : tensor<3xi32>
// QG: qg.matmul
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %c = onnx.constant "c" dense<[0.5, -1.0, 0.25]> : tensor<3xf32>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wd) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%m, %c) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %m2 = onnx.node "MatMul"(%xd, %wd) {name = "mm2", outputs = ["m2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a2 = onnx.node "Add"(%c, %m2) {name = "add2", outputs = ["a2"]} : (tensor<3xf32>, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%a2, %sy, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// torch's QAT nn.Linear on a 3-D input: the weight (per output row, axis 0)
// is read through Transpose(DequantizeLinear). The Transpose moves onto the
// constant, the DequantizeLinear after it quantized along axis 1 (the
// conversion's permuted weight), and goes with the MatMul + Add fused, bias
// [0.5, 1, 0.25] / (0.5 [0.25, 0.5, 0.125]) = [4, 4, 4].

// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.node "Transpose"(%{{.*}}) {attrs = {perm = array<i64: 1, 0>}, name = "t", outputs = ["wt"]} : (tensor<3x2xsi8>)
// CHECK: %[[B:.*]] = onnx.constant "mm.bias_int32" dense<4> : tensor<3xsi32>
// CHECK: onnx.node "QLinearMatMul"(%arg0, %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[B]]) {domain = "npc", name = "mm"

// QG-LABEL: func.func @main
// QG: qg.constant dense<{{\[\[}}1, 3, 5], [2, 4, 6]]> : tensor<2x3xi8> : tensor<2x3x!quant.uniform<i8:f32:1, {2.500000e-01,5.000000e-01,1.250000e-01}>>
// QG: qg.constant dense<4> : tensor<3xi32>
// QG: qg.matmul
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xsi8>
    %sw = onnx.constant "sw" dense<[0.25, 0.5, 0.125]> : tensor<3xf32>
    %zw = onnx.constant "zw" dense<0> : tensor<3xsi8>
    %c = onnx.constant "c" dense<[0.5, 1.0, 0.25]> : tensor<3xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"], attrs = {axis = 0 : i64}}
        : (tensor<3x2xsi8>, tensor<3xf32>, tensor<3xsi8>) -> !onnx.value
    %wt = onnx.node "Transpose"(%wd) {name = "t", outputs = ["wt"], attrs = {perm = array<i64: 1, 0>}}
        : (!onnx.value) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wt) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%m, %c) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Zero points left out. A QuantizeLinear's type is its output_dtype (int4
// here; else uint8), which the fused node's y zero point states; a
// DequantizeLinear's is its input's, as the fused node's omitted x zero
// point means. A DequantizeLinear of an int8 constant without one reads it
// as int8 in QLinearAdd too.

// CHECK-LABEL: func.func @main
// CHECK: %[[Z4:.*]] = onnx.constant "qy.zero_point" dense<0> : tensor<si4>
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[Z4]]) {name = "conv"
// CHECK: %[[Z8:.*]] = onnx.constant "qy2.zero_point" dense<0> : tensor<ui8>
// CHECK: %[[NONE:.*]] = onnx.none
// CHECK: %[[C2:.*]] = onnx.node "QLinearConv"(%[[C]], %{{.*}}, %[[NONE]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[Z8]]) {name = "conv2"
// CHECK: onnx.node "Clip"(%[[C2]], %{{.*}}) {name = "relu"
// CHECK-NOT: QuantizeLinear

// QG-LABEL: func.func @main
// QG: %[[C:.*]] = qg.conv2d {{.*}} {clamp_max = 7 : i32, clamp_min = -8 : i32{{.*}} -> tensor<1x2x2x2x!quant.uniform<i4:f32, 5.000000e-01>>
// QG: qg.conv2d %[[C]], {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32{{.*}} -> tensor<1x1x2x2x!quant.uniform<u8:f32, 5.000000e-01>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xsi8>
    %w2 = onnx.constant "w2" dense<[[[[1]], [[1]]]]> : tensor<1x2x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %w2d = onnx.node "DequantizeLinear"(%w2, %s, %z) {name = "dqw2", outputs = ["w2d"]}
        : (tensor<1x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s) {name = "qy", outputs = ["y"], attrs = {output_dtype = 22 : i64}}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %yd = onnx.node "DequantizeLinear"(%y, %s) {name = "dqy", outputs = ["yd"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %c2 = onnx.node "Conv"(%yd, %w2d) {name = "conv2", outputs = ["c2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c2) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r, %s) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    return %y2 : !onnx.value
  }
}

// -----

// CHECK-LABEL: func.func @main
// CHECK: %[[K:.*]] = onnx.constant "k" {{.*}} : tensor<1x2x1x2xsi8>
// CHECK: %[[NONE:.*]] = onnx.none
// CHECK: onnx.node "QLinearAdd"(%arg0, %{{.*}}, %{{.*}}, %[[K]], %{{.*}}, %[[NONE]], %{{.*}}, %{{.*}}) {domain = "com.microsoft", name = "add"

// QG-LABEL: func.func @main
// QG: qg.constant dense<{{\[\[\[\[}}-4, 4]], {{\[\[}}-100, 4]]]]> : tensor<1x2x1x2xi8> : tensor<1x2x1x2x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %k = onnx.constant "k" dense<[[[[-4, 4]], [[-100, 4]]]]> : tensor<1x2x1x2xsi8>
    %sk = onnx.constant "sk" dense<0.25> : tensor<f32>
    %kd = onnx.node "DequantizeLinear"(%k, %sk) {name = "dqk", outputs = ["kd"]}
        : (tensor<1x2x1x2xsi8>, tensor<f32>) -> !onnx.value
    %sum = onnx.node "Add"(%ad, %kd) {name = "add", outputs = ["sum"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%sum, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Reductions without a QOperator form: ReduceSum (opset 13: axes an input,
// made the attribute) and ReduceMax become npc's QLinearReduceSum and
// QLinearReduceMax; LayerNormalization (opset 17) with a float Scale and a
// B dequantized from integers becomes npc's QLinearLayerNormalization,
// Scale and B as they were.

// CHECK-LABEL: func.func @main
// CHECK: %[[G:.*]] = onnx.constant "g"
// CHECK: onnx.node "QLinearReduceSum"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {axes = array<i64: 1>, keepdims = 0 : i64}, domain = "npc", name = "sum", outputs = ["ys"], source_op_type = "ReduceSum"}
// CHECK: onnx.node "QLinearReduceMax"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {axes = array<i64: -1>}, domain = "npc", name = "max", outputs = ["ym"], source_op_type = "ReduceMax"}
// CHECK: %[[BD:.*]] = onnx.node "DequantizeLinear"(%{{.*}}) {name = "dqb"
// CHECK: onnx.node "QLinearLayerNormalization"(%arg0, %{{.*}}, %{{.*}}, %[[G]], %[[BD]], %{{.*}}, %{{.*}}) {attrs = {axis = -1 : i64, epsilon = 1.000000e-03 : f32}, domain = "npc", name = "ln", outputs = ["yn"], source_op_type = "LayerNormalization"}
// CHECK-NOT: onnx.node "Reduce
// CHECK-NOT: onnx.node "LayerNormalization"

// sum: 2x3 -> 2 at scale 0.5 (zero point 10) into scale 1 (zero point 3);
// max over the last axis keeps the dimension; the layer norm's beta is
// [-2, 0, 2] * 0.25.
// QG-LABEL: func.func @main
// QG: %[[S:.*]] = qg.reduce %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "sum"} : tensor<2x3x!quant.uniform<u8:f32, 5.000000e-01:10>> -> tensor<2x1x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG: qg.reshape %[[S]] : tensor<2x1x!quant.uniform<u8:f32, 1.000000e+00:3>> -> tensor<2x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG: qg.reduce %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "max"} : tensor<2x3x!quant.uniform<u8:f32, 5.000000e-01:10>> -> tensor<2x1x!quant.uniform<u8:f32, 1.000000e+00:3>>
// QG: qg.layer_norm %{{.*}} {beta = array<f32: -5.000000e-01, 0.000000e+00, 5.000000e-01>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 1.000000e-03 : f32, gamma = array<f32: 1.000000e+00, 2.000000e+00, -1.000000e+00>}
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["ys", "ym", "yn"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %axes = onnx.constant "axes" dense<[1]> : tensor<1xsi64>
    %g = onnx.constant "g" dense<[1.0, 2.0, -1.0]> : tensor<3xf32>
    %bq = onnx.constant "bq" dense<[-2, 0, 2]> : tensor<3xsi8>
    %sb = onnx.constant "sb" dense<0.25> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sum = onnx.node "ReduceSum"(%xd, %axes) {name = "sum", outputs = ["sum"], attrs = {keepdims = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %ys = onnx.node "QuantizeLinear"(%sum, %sy, %zy) {name = "qs", outputs = ["ys"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %max = onnx.node "ReduceMax"(%xd) {name = "max", outputs = ["max"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %ym = onnx.node "QuantizeLinear"(%max, %sy, %zy) {name = "qm", outputs = ["ym"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bd = onnx.node "DequantizeLinear"(%bq, %sb) {name = "dqb", outputs = ["bd"]}
        : (tensor<3xsi8>, tensor<f32>) -> !onnx.value
    %n = onnx.node "LayerNormalization"(%xd, %g, %bd) {name = "ln", outputs = ["n"], attrs = {axis = -1 : i64, epsilon = 1.0e-3 : f32}}
        : (!onnx.value, tensor<3xf32>, !onnx.value) -> !onnx.value
    %yn = onnx.node "QuantizeLinear"(%n, %sy, %zy) {name = "qn", outputs = ["yn"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %ys, %ym, %yn : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// DepthToSpace, SpaceToDepth and a Resize by nearest neighbour move codes
// as the conversion moves them: the DequantizeLinear goes after each, and
// the Conv reading the DepthToSpace fuses. A linear Resize is arithmetic:
// with its QuantizeLinear it becomes npc's QLinearResize (X's parameters,
// roi, scales, sizes omitted, Y's), one qg.resize_linear.

// CHECK-LABEL: func.func @main
// CHECK: %[[DQ:.*]] = onnx.node "DequantizeLinear"(%arg0,
// CHECK: %[[D2S:.*]] = onnx.node "DepthToSpace"(%arg0) {attrs = {blocksize = 2 : i64}, name = "d2s"
// CHECK: onnx.node "QLinearConv"(%[[D2S]],
// CHECK: %[[S2D:.*]] = onnx.node "SpaceToDepth"(%arg0)
// CHECK: onnx.node "DequantizeLinear"(%[[S2D]],
// CHECK: %[[UP:.*]] = onnx.node "Resize"(%arg0, %{{.*}}, %{{.*}}) {name = "up"
// CHECK: onnx.node "DequantizeLinear"(%[[UP]],
// CHECK: %[[NONE:.*]] = onnx.none
// CHECK: onnx.node "QLinearResize"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[NONE]], %{{.*}}, %{{.*}}) {attrs = {mode = "linear"}, domain = "npc", name = "lin", outputs = ["l"], source_op_type = "Resize"}

// QG-LABEL: func.func @main
// QG: qg.conv2d
// QG: qg.resize %{{.*}} {factors = array<i64: 2, 2>}
// QG: qg.resize_linear %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, coord_den = array<i64: 4, 4>, coord_offset = array<i64: -1, -1>, coord_step = array<i64: 2, 2>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4x2x2xui8>) -> (!onnx.value, !onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["c", "s", "u", "l"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %roi = onnx.constant "roi" dense<> : tensor<0xf32>
    %sc = onnx.constant "sc" dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DepthToSpace"(%xd) {name = "d2s", outputs = ["d"], attrs = {blocksize = 2 : i64}}
        : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%d, %wd) {name = "conv", outputs = ["cv"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qc", outputs = ["c"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sd = onnx.node "SpaceToDepth"(%xd) {name = "s2d", outputs = ["s"], attrs = {blocksize = 2 : i64}}
        : (!onnx.value) -> !onnx.value
    %u = onnx.node "Resize"(%xd, %roi, %sc) {name = "up", outputs = ["u"]}
        : (!onnx.value, tensor<0xf32>, tensor<4xf32>) -> !onnx.value
    %l = onnx.node "Resize"(%xd, %roi, %sc) {name = "lin", outputs = ["lr"], attrs = {mode = "linear"}}
        : (!onnx.value, tensor<0xf32>, tensor<4xf32>) -> !onnx.value
    %lq = onnx.node "QuantizeLinear"(%l, %s, %z) {name = "ql", outputs = ["l"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %cq, %sd, %u, %lq : !onnx.value, !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// torch's LayerNorm below opset 17 written as arithmetic, here without gamma
// and beta: npc's QLinearLayerNormalization with the chain's epsilon and a
// Scale of 1 it makes; every node of the chain goes. The same chain over
// axis 1 written positively fuses too: x is a graph input of rank 2, so
// this level knows that axis 1 is the last (rankOf; where it does not know
// the rank, the chain stays: fuse-qdq-unfused.mlir).

// CHECK-LABEL: func.func @main
// CHECK: %[[ONE:.*]] = onnx.constant "div.scale" dense<1.000000e+00> : tensor<1xf32>
// CHECK: onnx.node "QLinearLayerNormalization"(%arg0, %{{.*}}, %{{.*}}, %[[ONE]], %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {epsilon = 9.99999974E-6 : f32}, domain = "npc", name = "div", outputs = ["y"], source_op_type = "Div"}
// CHECK-NOT: name = "sqrt"
// CHECK: onnx.node "QLinearLayerNormalization"(%arg0, {{.*}} name = "div2", outputs = ["y2"], source_op_type = "Div"}
// CHECK-NOT: onnx.node "ReduceMean"

// QG-LABEL: func.func @main
// QG: qg.layer_norm %{{.*}} {beta = array<f32: 0.000000e+00, 0.000000e+00, 0.000000e+00>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 1.000000e+00, 1.000000e+00>}
// QG: qg.layer_norm %{{.*}} {beta = array<f32: 0.000000e+00, 0.000000e+00, 0.000000e+00>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 1.000000e+00, 1.000000e+00>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-5> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mean = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["mean"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %mean) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sq = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["sq"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %var = onnx.node "ReduceMean"(%sq) {name = "var", outputs = ["var"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%var, %eps) {name = "add_eps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%n, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd2 = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx2", outputs = ["xd2"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mean2 = onnx.node "ReduceMean"(%xd2) {name = "mean2", outputs = ["mean2"], attrs = {axes = array<i64: 1>}}
        : (!onnx.value) -> !onnx.value
    %d2 = onnx.node "Sub"(%xd2, %mean2) {name = "sub2", outputs = ["d2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sq2 = onnx.node "Pow"(%d2, %two) {name = "pow2", outputs = ["sq2"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %var2 = onnx.node "ReduceMean"(%sq2) {name = "var2", outputs = ["var2"], attrs = {axes = array<i64: 1>}}
        : (!onnx.value) -> !onnx.value
    %ve2 = onnx.node "Add"(%var2, %eps) {name = "add_eps2", outputs = ["ve2"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd2 = onnx.node "Sqrt"(%ve2) {name = "sqrt2", outputs = ["sd2"]} : (!onnx.value) -> !onnx.value
    %n2 = onnx.node "Div"(%d2, %sd2) {name = "div2", outputs = ["n2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%n2, %sy, %zy) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// The same chain with gamma of rank 3 ([1, 1, 4]) on x of rank 3, a graph
// input: this level knows x's rank, so gamma's is no higher and the chain
// fuses, gamma as Scale as the file has it; the conversion reads its four
// values (one of a higher rank than x's is an error there,
// fuse-qdq-errors.mlir; where x's rank is not known here, the chain
// stays, fuse-qdq-unfused.mlir).

// CHECK-LABEL: func.func @main
// CHECK: %[[GAM:.*]] = onnx.constant "gam" {{.*}} : tensor<1x1x4xf32>
// CHECK: onnx.node "QLinearLayerNormalization"(%arg0, %{{.*}}, %{{.*}}, %[[GAM]], %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {epsilon = 9.99999974E-6 : f32}, domain = "npc", name = "mul", outputs = ["y"], source_op_type = "Mul"}
// CHECK-NOT: onnx.node "ReduceMean"

// QG-LABEL: func.func @main
// QG: qg.layer_norm %{{.*}} {beta = array<f32: 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 5.000000e-01, 2.000000e+00, 1.000000e+00>} : tensor<1x2x4x!quant.uniform<u8:f32, 0.05000000074505806:128>> -> tensor<1x2x4x!quant.uniform<u8:f32, 6.250000e-02:128>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-05> : tensor<f32>
    %gam = onnx.constant "gam" dense<[[[1.0, 0.5, 2.0, 1.0]]]> : tensor<1x1x4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<1x2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v = onnx.node "ReduceMean"(%p) {name = "var", outputs = ["v"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mg = onnx.node "Mul"(%n, %gam) {name = "mul", outputs = ["mg"]} : (!onnx.value, tensor<1x1x4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%mg, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// From opset 18 ReduceMean's axes are input 1: the same chain (here with
// gamma and beta) written so fuses alike, with the axis -1 or, x's rank
// known, 1; the axes constants go with their nodes.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLayerNormalization"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {epsilon = 9.99999974E-6 : f32}, domain = "npc", name = "add", outputs = ["y"], source_op_type = "Add"}
// CHECK: onnx.node "QLinearLayerNormalization"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {epsilon = 9.99999974E-6 : f32}, domain = "npc", name = "add2", outputs = ["y2"], source_op_type = "Add"}
// CHECK-NOT: onnx.node "ReduceMean"

// QG-LABEL: func.func @main
// QG: qg.layer_norm %{{.*}} {beta = array<f32: 5.000000e-01, 0.000000e+00, -5.000000e-01>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 2.000000e+00, 5.000000e-01>}
// QG: qg.layer_norm %{{.*}} {beta = array<f32: 5.000000e-01, 0.000000e+00, -5.000000e-01>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 2.000000e+00, 5.000000e-01>}
module attributes {onnx.opset = 18 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-5> : tensor<f32>
    %gam = onnx.constant "gam" dense<[1.0, 2.0, 0.5]> : tensor<3xf32>
    %bet = onnx.constant "bet" dense<[0.5, 0.0, -0.5]> : tensor<3xf32>
    %last = onnx.constant "last" dense<-1> : tensor<1xsi64>
    %one = onnx.constant "one" dense<1> : tensor<1xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mean = onnx.node "ReduceMean"(%xd, %last) {name = "mean", outputs = ["mean"]}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %mean) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sq = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["sq"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %var = onnx.node "ReduceMean"(%sq, %last) {name = "var", outputs = ["var"]}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %ve = onnx.node "Add"(%var, %eps) {name = "add_eps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g = onnx.node "Mul"(%n, %gam) {name = "mul", outputs = ["g"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %b = onnx.node "Add"(%g, %bet) {name = "add", outputs = ["b"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%b, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd2 = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx2", outputs = ["xd2"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mean2 = onnx.node "ReduceMean"(%xd2, %one) {name = "mean2", outputs = ["mean2"]}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %d2 = onnx.node "Sub"(%xd2, %mean2) {name = "sub2", outputs = ["d2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sq2 = onnx.node "Pow"(%d2, %two) {name = "pow2", outputs = ["sq2"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %var2 = onnx.node "ReduceMean"(%sq2, %one) {name = "var2", outputs = ["var2"]}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %ve2 = onnx.node "Add"(%var2, %eps) {name = "add_eps2", outputs = ["ve2"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd2 = onnx.node "Sqrt"(%ve2) {name = "sqrt2", outputs = ["sd2"]} : (!onnx.value) -> !onnx.value
    %n2 = onnx.node "Div"(%d2, %sd2) {name = "div2", outputs = ["n2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g2 = onnx.node "Mul"(%n2, %gam) {name = "mul2", outputs = ["g2"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %b2 = onnx.node "Add"(%g2, %bet) {name = "add2", outputs = ["b2"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%b2, %sy, %zy) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A PRelu with a slope per channel ([3, 1]) of x's codes transposed
// ([1, 2, 3] -> [1, 3, 2]), with a node between it and its QuantizeLinear
// (the Identity): this level knows x's shape through the Transpose
// (knownShape), so the slope's check is decided here, and passes (channel
// axis 1), and the chain fuses, as the conversion makes it. The table per
// channel k at code c is Q(prelu((c - 128) / 2, slope[k])) at 1/4: c = 0
// gives 0, 64, 0 (slopes 1/2, 1/4, 2: -32, -16, -128 clamped), c = 1 gives
// 1, 64, 0 (-15.875 / 0.25 = -63.5, half to even), c = 2 gives 2, 65, 0.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = {{.*}}}, domain = "npc", name = "qy"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {channel_axis = 1 : i64, table = array<i32: 0, 64, 0, 1, 64, 0, 2, 65, 0,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x3xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "t2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %slope = onnx.constant "slope" dense<[[0.5], [0.25], [2.0]]> : tensor<3x1xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %t = onnx.node "Transpose"(%xq) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 2, 1>}}
        : (!onnx.value) -> !onnx.value
    %td = onnx.node "DequantizeLinear"(%t, %s, %z) {name = "dqt", outputs = ["td"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%td, %slope) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<3x1xf32>) -> !onnx.value
    %t2 = onnx.node "Identity"(%t) {name = "other", outputs = ["t2"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %sy, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %t2 : !onnx.value, !onnx.value
  }
}

// -----

// Gather of an activation by constant indices (a ViT's class token,
// x[:, 0]) and an Expand to the shape it has move codes: the
// DequantizeLinear goes after each, and the QuantizeLinear is a
// requantization of the gathered codes.

// CHECK-LABEL: func.func @main
// CHECK: %[[G:.*]] = onnx.node "Gather"(%arg0, %{{.*}}) {attrs = {axis = 1 : i64}, name = "cls"
// CHECK: %[[E:.*]] = onnx.node "Expand"(%[[G]], %{{.*}}) {name = "expand"
// CHECK: onnx.node "QLinearRequantize"(%[[E]],

// QG-LABEL: func.func @main
// QG: qg.slice %arg0 {starts = array<i64: 0, 0, 0>, steps = array<i64: 1, 1, 1>} : tensor<1x3x2xui8> -> tensor<1x1x2xui8>
// QG: qg.reshape %{{.*}} : tensor<1x1x2xui8> -> tensor<1x2xui8>
// QG: qg.rescale {{.*}} -> tensor<1x2x!quant.uniform<u8:f32, 0.20000000298023224:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.2> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %i0 = onnx.constant "i0" dense<0> : tensor<si64>
    %shape = onnx.constant "shape" dense<[1, 2]> : tensor<2xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x3x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Gather"(%xd, %i0) {name = "cls", outputs = ["g"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<si64>) -> !onnx.value
    %e = onnx.node "Expand"(%g, %shape) {name = "expand", outputs = ["e"]}
        : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%e, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Sub of two dequantized operands (an activation, a constant's codes):
// npc's QLinearSub, QLinearAdd's form, which the conversion makes the
// subtracting qg.add it made of the QDQ form.

// CHECK-LABEL: func.func @main
// CHECK: %[[K:.*]] = onnx.constant "k"
// CHECK: onnx.node "QLinearSub"(%arg0, %{{.*}}, %{{.*}}, %arg1, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "sub", outputs = ["y"], source_op_type = "Sub"}
// CHECK: onnx.node "QLinearSub"(%arg0, %{{.*}}, %{{.*}}, %[[K]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "subk"
// CHECK-NOT: onnx.node "Sub"

// QG-LABEL: func.func @main
// QG: qg.add %{{.*}}, %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32, subtract} : (tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:10>>, tensor<1x4x!quant.uniform<u8:f32, 2.500000e-01:3>>) -> tensor<1x4x!quant.uniform<u8:f32, 1.000000e+00:128>>
// QG: %[[KC:.*]] = qg.constant dense<{{\[\[}}1, 2, 3, 4]]> : tensor<1x4xi8> : tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.add %{{.*}}, %[[KC]] {clamp_max = 255 : i32, clamp_min = 0 : i32, subtract}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x4xui8>, %b: tensor<1x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["a", "b"], npc.output_names = ["y", "yk"]} {
    %sa = onnx.constant "sa" dense<0.5> : tensor<f32>
    %za = onnx.constant "za" dense<10> : tensor<ui8>
    %sb = onnx.constant "sb" dense<0.25> : tensor<f32>
    %zb = onnx.constant "zb" dense<3> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<128> : tensor<ui8>
    %k = onnx.constant "k" dense<[[1, 2, 3, 4]]> : tensor<1x4xsi8>
    %ad = onnx.node "DequantizeLinear"(%a, %sa, %za) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bd = onnx.node "DequantizeLinear"(%b, %sb, %zb) {name = "dqb", outputs = ["bd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %kd = onnx.node "DequantizeLinear"(%k, %sb) {name = "dqk", outputs = ["kd"]}
        : (tensor<1x4xsi8>, tensor<f32>) -> !onnx.value
    %d = onnx.node "Sub"(%ad, %bd) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%d, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %dk = onnx.node "Sub"(%ad, %kd) {name = "subk", outputs = ["dk"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yk = onnx.node "QuantizeLinear"(%dk, %sy, %zy) {name = "qyk", outputs = ["yk"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %yk : !onnx.value, !onnx.value
  }
}

// -----

// ViT's class token: a dequantized constant expanded to the batch, then
// concatenated with the patches. The DequantizeLinear moves after the
// Expand (the conversion folds either to the same constant) and the
// Concat fuses, reading the expanded codes; its zero point says their
// type.

// CHECK-LABEL: func.func @main
// CHECK: %[[E:.*]] = onnx.node "Expand"(%{{.*}}, %{{.*}}) {name = "expand"
// CHECK: onnx.node "QLinearConcat"(%{{.*}}, %{{.*}}, %[[E]], %{{.*}}, %{{.*}}, %arg0, %{{.*}}, %{{.*}}) {attrs = {axis = 1 : i64}, domain = "com.microsoft", name = "cat"

// QG-LABEL: func.func @main
// QG: %[[CLS:.*]] = qg.constant dense<{{\[\[\[}}1, 2, 3], [1, 2, 3]]]> : tensor<1x2x3xi8> : tensor<1x2x3x!quant.uniform<i8:f32, 5.000000e-01:-1>>
// QG: qg.concat %[[CLS]], %{{.*}} {axis = 1 : i64
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4x3xi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<-1> : tensor<si8>
    %cls = onnx.constant "cls" dense<[[[1, 2, 3]]]> : tensor<1x1x3xsi8>
    %one = onnx.constant "one" dense<1> : tensor<1xsi64>
    %two = onnx.constant "two" dense<[1, 2, 1]> : tensor<3xsi64>
    %shape = onnx.node "Mul"(%two, %one) {name = "shape", outputs = ["shape"]}
        : (tensor<3xsi64>, tensor<1xsi64>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%cls, %s, %z) {name = "dqc", outputs = ["cd"]}
        : (tensor<1x1x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %e = onnx.node "Expand"(%cd, %shape) {name = "expand", outputs = ["e"]}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4x3xi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Concat"(%e, %xd) {name = "cat", outputs = ["c"], attrs = {axis = 1 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "q", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Pad of a dequantized activation (a TF-style explicit pad before a
// Conv): npc's QLinearPad of x's codes and parameters (then the Pad's
// inputs), a copy of the DequantizeLinear after it, and the Conv fuses
// reading that. The conversion pads with x's zero point either way.

// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = onnx.node "QLinearPad"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "pad", outputs = ["p"], source_op_type = "Pad"}
// CHECK: onnx.node "QLinearConv"(%[[P]],

// QG-LABEL: func.func @main
// QG: %[[PAD:.*]] = qg.pad %{{.*}} {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : tensor<1x1x2x2x!quant.uniform<u8:f32, 5.000000e-01:10>> -> tensor<1x1x4x4x!quant.uniform<u8:f32, 5.000000e-01:10>>
// QG: qg.conv2d %[[PAD]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x3x3xsi8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %pads = onnx.constant "pads" dense<[0, 0, 1, 1, 0, 0, 1, 1]> : tensor<8xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "Pad"(%xd, %pads) {name = "pad", outputs = ["p"]}
        : (!onnx.value, tensor<8xsi64>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x3x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "q", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Relu or Clip after a softmax, a ReduceSum or ReduceMax, or a layer norm:
// its clamp in Y's codes (Clip [0.1, 0.9] at 0.01:30 is [40, 120]) becomes
// the fused node's inputs y_min and y_max (QLinearSoftmax then npc's). A
// Clip of Q's codes after it ([0, 100], torch's QAT) stays: the conversion
// narrows the node's clamp to [40, 100] as it does without the fusion (or
// rescales, where a reshape ends the node). A ReduceMean with a Relu is
// npc's QLinearReduceMean with bounds [30, 255] (a 16-bit Y would make it
// the 16-bit average; this one's is 8-bit).

// CHECK-LABEL: func.func @main
// CHECK: %[[LO:.*]] = onnx.constant "clip.min" dense<40> : tensor<ui8>
// CHECK: %[[HI:.*]] = onnx.constant "clip.max" dense<120> : tensor<ui8>
// CHECK: onnx.node "QLinearSoftmax"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[LO]], %[[HI]]) {attrs = {axis = -1 : i64}, domain = "npc", name = "sm", outputs = ["a"]
// CHECK: %[[LO2:.*]] = onnx.constant "clip2.min" dense<40> : tensor<ui8>
// CHECK: %[[HI2:.*]] = onnx.constant "clip2.max" dense<120> : tensor<ui8>
// CHECK: %[[LN:.*]] = onnx.node "QLinearLayerNormalization"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[LO2]], %[[HI2]]) {domain = "npc", name = "ln", outputs = ["b"]
// CHECK: onnx.node "Clip"(%[[LN]], %{{.*}}, %{{.*}}) {name = "qclip"
// CHECK: %[[LO3:.*]] = onnx.constant "relu3.min" dense<30> : tensor<ui8>
// CHECK: %[[HI3:.*]] = onnx.constant "relu3.max" dense<255> : tensor<ui8>
// CHECK: onnx.node "QLinearReduceMean"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[LO3]], %[[HI3]]) {attrs = {axes = array<i64: 1>}, domain = "npc", name = "mean", outputs = ["c"], source_op_type = "ReduceMean"}
// CHECK-NOT: "ReduceMean"

// QG-LABEL: func.func @main
// QG: qg.softmax %{{.*}} {clamp_max = 120 : i32, clamp_min = 40 : i32}
// QG: qg.layer_norm %{{.*}} {beta = {{.*}}, clamp_max = 100 : i32, clamp_min = 40 : i32
// QG: qg.reduce %{{.*}} {clamp_max = 255 : i32, clamp_min = 30 : i32, mode = "mean"}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x4xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "bc", "c"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<100> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.01> : tensor<f32>
    %zy = onnx.constant "zy" dense<30> : tensor<ui8>
    %g = onnx.constant "g" dense<[1.0, 2.0, 0.5, 1.0]> : tensor<4xf32>
    %bb = onnx.constant "bb" dense<[0.0, 0.1, 0.2, 0.3]> : tensor<4xf32>
    %lo = onnx.constant "lo" dense<0.1> : tensor<f32>
    %hi = onnx.constant "hi" dense<0.9> : tensor<f32>
    %c0 = onnx.constant "c0" dense<0> : tensor<ui8>
    %c100 = onnx.constant "c100" dense<100> : tensor<ui8>
    %d = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["d"]} : (tensor<2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %o = onnx.node "Softmax"(%d) {name = "sm", outputs = ["o"]} : (!onnx.value) -> !onnx.value
    %r = onnx.node "Clip"(%o, %lo, %hi) {name = "clip", outputs = ["r"]} : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qa", outputs = ["a"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %n = onnx.node "LayerNormalization"(%d, %g, %bb) {name = "ln", outputs = ["n"]} : (!onnx.value, tensor<4xf32>, tensor<4xf32>) -> !onnx.value
    %r2 = onnx.node "Clip"(%n, %lo, %hi) {name = "clip2", outputs = ["r2"]} : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%r2, %sy, %zy) {name = "qb", outputs = ["b"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bc = onnx.node "Clip"(%b, %c0, %c100) {name = "qclip", outputs = ["bc"]} : (!onnx.value, tensor<ui8>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%d) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: 1>}} : (!onnx.value) -> !onnx.value
    %r3 = onnx.node "Relu"(%m) {name = "relu3", outputs = ["r3"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "QuantizeLinear"(%r3, %sy, %zy) {name = "qc", outputs = ["c"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %bc, %c : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// A MaxPool only float operators read (here a Conv) runs on x's codes where it is,
// not where its reader is: the fusion moves it before a copy of the
// DequantizeLinear, and the conversion makes it there too (before conv1,
// which comes between the pool and the Conv reading it).

// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[X]])
// CHECK: onnx.node "DequantizeLinear"(%[[P]],

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: %[[P:.*]] = qg.max_pool %[[X]]
// QG-NEXT: qg.storage_cast %arg1
// QG: qg.conv2d %[[P]],
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x1x2x2xf32>, %u: tensor<1x1x2x2xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "u"], npc.output_names = ["y", "v"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["x"]} : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"], attrs = {kernel_shape = array<i64: 1, 1>}} : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %ud = onnx.node "DequantizeLinear"(%u, %s, %z) {name = "dqu", outputs = ["ud"]} : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c1 = onnx.node "Conv"(%ud, %wd) {name = "conv1", outputs = ["c1"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %v = onnx.node "QuantizeLinear"(%c1, %s, %z) {name = "qv", outputs = ["v"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %v : !onnx.value, !onnx.value
  }
}

// -----

// The same for a MaxPool a Transpose and a MatMul read (the pool times its
// transpose): the pool and the Transpose move onto x's codes, and the
// MatMul fuses to a QLinearMatMul of both.

// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[X]])
// CHECK: %[[T:.*]] = onnx.node "Transpose"(%[[P]])
// CHECK: onnx.node "QLinearMatMul"(%[[P]], %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {name = "mm"
// CHECK-NOT: onnx.node "MatMul"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: %[[P:.*]] = qg.max_pool %[[X]]
// QG-NEXT: %[[T:.*]] = qg.transpose %[[P]]
// QG: qg.batch_matmul %[[P]], %[[T]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x1x3x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sy = onnx.constant "sy" dense<2.0> : tensor<f32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["x"]} : (tensor<1x1x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"], attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>}} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Transpose"(%p) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 1, 3, 2>}} : (!onnx.value) -> !onnx.value
    %m = onnx.node "MatMul"(%p, %t) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A ConvBn whose negative factor (gamma -1 over sqrt(1 + 1e-5)) mirrors the
// weight code -128 to 128, past int8: the weight becomes int16 codes
// (applyChannelAffine, as the conversion widens it) at scale
// 0.5 * 0.999995 = 0.499997497 in float32, and npc's QLinearConv reads
// them (onnxruntime's takes 8-bit weights).

// CHECK-LABEL: func.func @main
// CHECK: %[[W:.*]] = onnx.constant "conv.weight_folded" dense<128> : tensor<1x1x1x1xsi16>
// CHECK: %[[S:.*]] = onnx.constant "conv.weight_scale_folded" dense<0.499997497> : tensor<1xf32>
// CHECK: %[[Z:.*]] = onnx.constant "conv.weight_zero_point_folded" dense<0> : tensor<1xsi16>
// CHECK: onnx.node "QLinearConv"(%arg0, %{{.*}}, %{{.*}}, %[[W]], %[[S]], %[[Z]], %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "conv"
// CHECK-NOT: "BatchNormalization"

// QG-LABEL: func.func @main
// QG: %[[W:.*]] = qg.constant dense<128> : tensor<1x1x1x1xi16> : tensor<1x1x1x1x!quant.uniform<i16:f32, 0.49999749660491943>>
// QG: qg.conv2d %{{.*}}, %[[W]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<-128> : tensor<1x1x1x1xsi8>
    %g = onnx.constant "gamma" dense<-1.0> : tensor<1xf32>
    %zero = onnx.constant "zero" dense<0.0> : tensor<1xf32>
    %one = onnx.constant "one" dense<1.0> : tensor<1xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%c, %g, %zero, %zero, %one) {name = "bn", outputs = ["bn"]}
        : (!onnx.value, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Conv read by two QuantizeLinears, one past a Relu: one QLinearConv per
// QuantizeLinear, each where its QuantizeLinear is, as the conversion
// emits one qg.conv2d per QuantizeLinear; the bias 0.25 / (0.5 * 0.5) = 1,
// -0.5 / 0.25 = -2 in each, the Relu a Clip from Y2's zero point 4.

// CHECK-LABEL: func.func @main
// CHECK: %[[C1:.*]] = onnx.node "QLinearConv"(%arg0, %[[S:[^,]*]], %[[Z:[^,]*]], %{{.*}}, %{{.*}}, %{{.*}}, %[[S]], %[[Z]], %{{.*}}) {name = "conv", outputs = ["y"], source_op_type = "Conv"}
// CHECK: %[[C2:.*]] = onnx.node "QLinearConv"(%arg0, %{{.*}}) {name = "conv", outputs = ["c"], source_op_type = "Conv"}
// CHECK: %[[MIN:.*]] = onnx.constant "relu.min" dense<4> : tensor<ui8>
// CHECK: %[[R:.*]] = onnx.node "Clip"(%[[C2]], %[[MIN]]) {name = "relu", outputs = ["y2"], source_op_type = "Relu"}
// CHECK-NOT: "Conv"
// CHECK: return %[[C1]], %[[R]]

// QG-LABEL: func.func @main
// QG: qg.constant dense<[1, -2]> : tensor<2xi32>
// QG: qg.conv2d {{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32, {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01>>
// QG: qg.constant dense<[1, -2]> : tensor<2xi32>
// QG: qg.conv2d {{.*}} {clamp_max = 255 : i32, clamp_min = 4 : i32, {{.*}} -> tensor<1x2x2x2x!quant.uniform<u8:f32, 2.500000e-01:4>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z2 = onnx.constant "z2" dense<4> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[2]]], [[[-1]]]]> : tensor<2x1x1x1xsi8>
    %b = onnx.constant "b" dense<[0.25, -0.5]> : tensor<2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %b) {name = "conv", outputs = ["c"]}
        : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r, %s2, %z2) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A Mul by a scalar read by two QuantizeLinears, one past a Relu: one npc
// QLinearRequantize per QuantizeLinear, each named as the Mul (where the
// conversion makes its rescale); the Relu's bounds 0..127 in Y2's codes.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearRequantize"(%arg0, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}) {attrs = {factor = 5.000000e-01 : f32}, domain = "npc", name = "mul", outputs = ["y"], source_op_type = "Mul"}
// CHECK: %[[MIN:.*]] = onnx.constant "relu.min" dense<0> : tensor<si8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu.max" dense<127> : tensor<si8>
// CHECK: onnx.node "QLinearRequantize"(%arg0, {{.*}}, %[[MIN]], %[[MAX]]) {attrs = {factor = 5.000000e-01 : f32}, domain = "npc", name = "mul", outputs = ["y2"], source_op_type = "Mul"}
// CHECK-NOT: "Mul"
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: qg.rescale {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u8:f32, 2.500000e-01:128>> -> tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:128>>
// QG: qg.rescale {{.*}} {clamp_max = 127 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u8:f32, 2.500000e-01:128>> -> tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z2 = onnx.constant "z2" dense<0> : tensor<si8>
    %k = onnx.constant "k" dense<0.5> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Relu"(%m) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r, %s2, %z2) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A lone ReLU6 read by two QuantizeLinears: one npc QLinearRequantize per
// QuantizeLinear, each named as the Clip, where the conversion makes a
// rescale of the one pending activation both read; the bounds 6 / 0.5 =
// 12 and 6 / 0.25 = 24 in each Y's codes.

// CHECK-LABEL: func.func @main
// CHECK: %[[MAX:.*]] = onnx.constant "relu6.max" dense<12> : tensor<ui8>
// CHECK: %[[Y:.*]] = onnx.node "QLinearRequantize"(%arg0, {{.*}}, %[[MAX]]) {domain = "npc", name = "relu6", outputs = ["y"], source_op_type = "Clip"}
// CHECK: %[[MAX2:.*]] = onnx.constant "relu6.max" dense<24> : tensor<ui8>
// CHECK: %[[Y2:.*]] = onnx.node "QLinearRequantize"(%arg0, {{.*}}, %[[MAX2]]) {domain = "npc", name = "relu6", outputs = ["y2"], source_op_type = "Clip"}
// CHECK-NOT: "Clip"(
// CHECK: return %[[Y]], %[[Y2]]

// QG-LABEL: func.func @main
// QG: qg.rescale {{.*}} {clamp_max = 12 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01>> -> tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01>>
// QG: qg.rescale {{.*}} {clamp_max = 24 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01>> -> tensor<1x4x!quant.uniform<u8:f32, 2.500000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<6.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Clip"(%xd, %lo, %hi) {name = "relu6", outputs = ["r"]}
        : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// Before opset 11 a Clip's bounds are attributes: a lone one between DQ and
// Q still becomes npc's QLinearRequantize, its bounds 0 and 6 / 0.5 = 12
// as inputs y_min, y_max (no Clip node, so no opset question).

// CHECK-LABEL: func.func @main
// CHECK: %[[MIN:.*]] = onnx.constant "relu6.min" dense<0> : tensor<ui8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu6.max" dense<12> : tensor<ui8>
// CHECK: onnx.node "QLinearRequantize"(%arg0, {{.*}}, %[[MIN]], %[[MAX]]) {domain = "npc", name = "relu6", outputs = ["y"], source_op_type = "Clip"}
// CHECK-NOT: "Clip"(

// QG-LABEL: func.func @main
// QG: qg.rescale {{.*}} {clamp_max = 12 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01>> -> tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01>>
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Clip"(%xd) {name = "relu6", outputs = ["r"], attrs = {min = 0.0 : f32, max = 6.0 : f32}}
        : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Before opset 11, a Clip or Relu after a product: no integer Clip can
// follow the fused node (Clip's bounds are attributes), so npc's
// QLinearConv and QLinearMatMul take the clamp as inputs y_min, y_max
// after the bias slot (none where there is no bias): Clip(0, 6) at scale
// 0.5 is codes 0..12, Clip(1, 6) 2..12. The conversion clamps the product
// itself, as it does without the fusion.

// CHECK-LABEL: func.func @main
// CHECK: %[[B:.*]] = onnx.constant "conv.bias_int32" dense<4> : tensor<1xsi32>
// CHECK: %[[MIN:.*]] = onnx.constant "relu6.min" dense<0> : tensor<ui8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu6.max" dense<12> : tensor<ui8>
// CHECK: onnx.node "QLinearConv"(%arg0, {{.*}}, %[[B]], %[[MIN]], %[[MAX]]) {domain = "npc", name = "conv", outputs = ["y"], source_op_type = "Conv"}
// CHECK: %[[MIN2:.*]] = onnx.constant "clip.min" dense<2> : tensor<ui8>
// CHECK: %[[MAX2:.*]] = onnx.constant "clip.max" dense<12> : tensor<ui8>
// CHECK: %[[NONE:.*]] = onnx.none
// CHECK: onnx.node "QLinearMatMul"(%arg1, {{.*}}, %[[NONE]], %[[MIN2]], %[[MAX2]]) {domain = "npc", name = "mm", outputs = ["y2"], source_op_type = "MatMul"}
// CHECK-NOT: "Clip"(

// QG-LABEL: func.func @main
// QG: qg.conv2d {{.*}} {clamp_max = 12 : i32, clamp_min = 0 : i32,
// QG: qg.batch_matmul {{.*}} {clamp_max = 12 : i32, clamp_min = 2 : i32}
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>, %a: tensor<2x2xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "a"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %bias = onnx.constant "bias" dense<1.0> : tensor<1xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %bias) {name = "conv", outputs = ["c"]}
        : (!onnx.value, !onnx.value, tensor<1xf32>) -> !onnx.value
    %r = onnx.node "Clip"(%c) {name = "relu6", outputs = ["r"], attrs = {min = 0.0 : f32, max = 6.0 : f32}}
        : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "MatMul"(%ad, %ad) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mc = onnx.node "Clip"(%m) {name = "clip", outputs = ["mc"], attrs = {min = 1.0 : f32, max = 6.0 : f32}}
        : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%mc, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A MaxPool of a graph input's dequantized codes: npc's QLinearMaxPool of
// the codes with x's parameters for Y's too (MaxPool of the integer input
// would read them as plain integers), then a copy of the DequantizeLinear,
// which the Conv fuses with; the conversion makes the max pool of x's
// codes with no rescale. A MaxPool a Relu reads fuses with the Relu and
// the QuantizeLinear (QLinearMaxPool with y_min, y_max; the conversion
// joins the Relu to the pool).
// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = onnx.node "QLinearMaxPool"(%arg0, %[[S:.*]], %[[Z:.*]], %[[S]], %[[Z]]) {attrs = {kernel_shape = array<i64: 2, 2>}, domain = "npc", name = "pool", outputs = ["p"], source_op_type = "MaxPool"}
// CHECK: onnx.node "DequantizeLinear"(%[[P]], %[[S]], %[[Z]]) {name = "dqx", outputs = ["p"]}
// CHECK: %[[Q:.*]] = onnx.node "QLinearConv"(%[[P]], {{.*}}) {name = "conv", outputs = ["y"]
// CHECK: onnx.node "QLinearMaxPool"(%[[Q]], {{.*}}) {attrs = {kernel_shape = array<i64: 2, 2>}, domain = "npc", name = "pool2", outputs = ["y2"], source_op_type = "MaxPool"}
// CHECK-NOT: "MaxPool"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0
// QG: %[[P:.*]] = qg.max_pool %[[X]] {{.*}} -> tensor<1x1x3x3x!quant.uniform<i8:f32, 5.000000e-01>>
// QG: %[[C:.*]] = qg.conv2d %[[P]]
// QG: %[[P2:.*]] = qg.max_pool %[[C]]
// QG-NEXT: qg.rescale %[[P2]] {clamp_max = 127 : i32, clamp_min = 0 : i32}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x4x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>}} : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %d2 = onnx.node "DequantizeLinear"(%y, %s, %z) {name = "dq2", outputs = ["d2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p2 = onnx.node "MaxPool"(%d2) {name = "pool2", outputs = ["p2"],
           attrs = {kernel_shape = array<i64: 2, 2>}} : (!onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%p2) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// The same of int8 codes whose DequantizeLinear omits its zero point, and
// a MaxPool that is also a graph output: the zero point becomes explicit,
// 0 of x's type (npc's node would read an omitted Y zero point as uint8),
// and the output reads the copy of the DequantizeLinear, which the
// conversion dequantizes as it did the pool's codes.
// CHECK-LABEL: func.func @main
// CHECK: %[[Z:.*]] = onnx.constant "pool.zero_point" dense<0> : tensor<si8>
// CHECK: %[[P:.*]] = onnx.node "QLinearMaxPool"(%arg0, %[[S:.*]], %[[Z]], %[[S]], %[[Z]]) {attrs = {kernel_shape = array<i64: 2, 2>}, domain = "npc", name = "pool", outputs = ["p"], source_op_type = "MaxPool"}
// CHECK: %[[D:.*]] = onnx.node "DequantizeLinear"(%[[P]], %[[S]]) {name = "dqx", outputs = ["p"]}
// CHECK: %[[Q:.*]] = onnx.node "QLinearConv"(%[[P]], {{.*}}) {name = "conv", outputs = ["y"]
// CHECK: return %[[Q]], %[[D]]

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0
// QG: %[[P:.*]] = qg.max_pool %[[X]] {{.*}} -> tensor<1x1x3x3x!quant.uniform<i8:f32, 5.000000e-01>>
// QG: %[[C:.*]] = qg.conv2d %[[P]]
// QG: %[[Y:.*]] = qg.storage_cast %[[C]]
// QG: %[[D:.*]] = qg.dequantize %[[P]] : tensor<1x1x3x3x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<1x1x3x3xf32>
// QG: return %[[Y]], %[[D]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "p"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<2> : tensor<1x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x4x4xsi8>, tensor<f32>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"],
           attrs = {kernel_shape = array<i64: 2, 2>}} : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %p : !onnx.value, !onnx.value
  }
}

// -----

// A MaxPool of codes whose DequantizeLinear omits its zero point, read by
// a Sigmoid before a Conv: the pool moves onto the codes, and the copy of
// the DequantizeLinear after it knows their type (uint8: storageOf sees
// through the MaxPool), so the Sigmoid becomes the Conv's 16-bit lookup.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[P:.*]] = onnx.node "MaxPool"(%[[XQ]]) {attrs = {kernel_shape = array<i64: 2, 2>}, name = "pool", outputs = ["p"]}
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%[[P]], {{.*}}) {domain = "npc", name = "conv", outputs = ["g"], source_op_type = "Conv"}
// CHECK: onnx.node "QLinearConv"(%[[T]], {{.*}}) {name = "conv", outputs = ["y"], source_op_type = "Conv"}
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG: %[[P:.*]] = qg.max_pool %[[X]]
// QG: %[[T:.*]] = qg.table %[[P]] {{.*}} -> tensor<1x2x3x3x!quant.uniform<u16:f32, 1.5259021893143654E-5>>
// QG: qg.conv2d %[[T]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]], [[2]]], [[[-3]], [[-2]]]]> : tensor<2x2x1x1xsi8>
    %xq = onnx.node "QuantizeLinear"(%x, %s) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4x4xf32>, tensor<f32>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"], attrs = {kernel_shape = array<i64: 2, 2>}} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Sigmoid"(%p) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%g, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Relu of codes whose zero point is the lowest code changes nothing; one
// that is also a graph output goes too, its readers reading the
// DequantizeLinear: the Sigmoid becomes a table, the QuantizeLinear a
// requantization, and the return the DequantizeLinear's value, which the
// conversion dequantizes as it did the Relu's (the output keeps its name,
// the function's).
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// CHECK: %[[D:.*]] = onnx.node "DequantizeLinear"(%[[XQ]]
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qy"
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%[[XQ]], {{.*}}) {domain = "npc", name = "qy2"
// CHECK-NOT: "Relu"
// CHECK: return %[[D]], %[[T]], %[[R]]

// QG-LABEL: func.func @main
// QG-SAME: npc.output_names = ["r", "y", "y2"]
// QG: %[[X:.*]] = qg.quantize %arg0
// QG: qg.table %[[X]]
// QG: qg.rescale %[[X]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01>> -> tensor<1x4x!quant.uniform<u8:f32, 2.500000e-01>>
// QG: %[[D:.*]] = qg.dequantize %[[X]]
// QG: return %[[D]],
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["r", "y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Sigmoid"(%r) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %y2 = onnx.node "QuantizeLinear"(%r, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %r, %y, %y2 : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// An average read by a product and also a graph output: npc's 16-bit
// average before the Conv, whose DequantizeLinear the return reads; the
// conversion dequantizes those codes there, as it returned the average it
// kept in them without the fusion.
// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "npc", name = "gap", outputs = ["p"]
// CHECK: %[[D:.*]] = onnx.node "DequantizeLinear"(%[[P]],
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"(%[[P]],
// CHECK: return %[[D]], %[[C]]

// QG-LABEL: func.func @main
// QG: %[[P:.*]] = qg.avg_pool {{.*}} -> tensor<1x1x1x1x!quant.uniform<i16<-2048:2032>:f32, 3.125000e-02>>
// QG: qg.conv2d %[[P]]
// QG: %[[D:.*]] = qg.dequantize %[[P]]
// QG: return %[[D]],
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["p", "y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %p, %y : !onnx.value, !onnx.value
  }
}

// -----

// A Sigmoid read by an Expand that a ReduceMean and a QuantizeLinear
// read: the Expand moves before the function (elementwise, so the same
// values) and onto x's codes; the Sigmoid of the expanded codes is read
// by a float operator, so it becomes npc's lookup into 16-bit codes named
// as that reader, which the QuantizeLinear requantizes and the mean
// averages: the qg the conversion made of the file when it fused QDQ
// itself (it passed the function through the Expand, which changes no
// shape, and made the 16-bit table at the ReduceMean).
// CHECK-LABEL: func.func @main
// CHECK: %[[E:.*]] = onnx.node "Expand"(%arg0, %{{.*}}) {name = "expand", outputs = ["e"]}
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%[[E]], {{.*}}) {domain = "npc", name = "mean", outputs = ["g"], source_op_type = "ReduceMean"}
// CHECK: onnx.node "QLinearRequantize"(%[[T]], {{.*}}) {domain = "npc", name = "qy"
// CHECK: onnx.node "QLinearReduceMean"(%[[T]], {{.*}}) {domain = "npc", name = "mean", outputs = ["y2"]
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} -> tensor<1x4x!quant.uniform<u16:f32, 1.5259021893143654E-5>>
// QG: qg.rescale %[[T]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x4x!quant.uniform<u16:f32, 1.5259021893143654E-5>> -> tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:128>>
// QG: qg.reduce %[[T]] {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "mean"}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %shape = onnx.constant "shape" dense<[1, 4]> : tensor<2xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %e = onnx.node "Expand"(%g, %shape) {name = "expand", outputs = ["e"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%e) {name = "mean", outputs = ["m"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%e, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// The same for a Concat of an Expand of a Sigmoid and of a Tanh, and a
// MatMul of an Expand of a Sigmoid and of an average: each Sigmoid, now
// of the expanded codes, is a lookup into 16-bit codes named as its
// reader, the Concat and the MatMul fuse (the qg the conversion made of
// the file when it fused QDQ itself).
// CHECK-LABEL: func.func @main
// CHECK: %[[E:.*]] = onnx.node "Expand"(%arg0,
// CHECK: %[[S:.*]] = onnx.node "QLinearLookup"(%[[E]], {{.*}}) {domain = "npc", name = "cat", outputs = ["g"]
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%arg0, {{.*}}) {domain = "npc", name = "cat", outputs = ["t"]
// CHECK: onnx.node "QLinearConcat"({{.*}}, %[[S]], {{.*}}, %[[T]], {{.*}}) {attrs = {axis = 1 : i64}, domain = "npc", name = "cat"
// CHECK: %[[E2:.*]] = onnx.node "Expand"(%arg1,
// CHECK: %[[S2:.*]] = onnx.node "QLinearLookup"(%[[E2]], {{.*}}) {domain = "npc", name = "mm", outputs = ["g2"]
// CHECK: onnx.node "QLinearMatMul"(%[[S2]], {{.*}}) {name = "mm", outputs = ["y2"]
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[S:.*]] = qg.table %{{.*}} -> tensor<1x2x2x2x!quant.uniform<u16:f32, 1.5259021893143654E-5>>
// QG: %[[T:.*]] = qg.table %{{.*}} -> tensor<1x2x2x2x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// QG: %[[RS:.*]] = qg.rescale %[[S]]
// QG: %[[RT:.*]] = qg.rescale %[[T]]
// QG: qg.concat %[[RS]], %[[RT]] {axis = 1 : i64}
// QG: qg.batch_matmul
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>, %x3: tensor<1x2x3x1xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "x3"], npc.output_names = ["y", "py", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %shape = onnx.constant "shape" dense<[1, 2, 2, 2]> : tensor<4xsi64>
    %shape3 = onnx.constant "shape3" dense<[1, 2, 3, 1]> : tensor<4xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %x3d = onnx.node "DequantizeLinear"(%x3, %s, %z) {name = "dqx3", outputs = ["x3d"]}
        : (tensor<1x2x3x1xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %e = onnx.node "Expand"(%g, %shape) {name = "expand", outputs = ["e"]} : (!onnx.value, tensor<4xsi64>) -> !onnx.value
    %t = onnx.node "Tanh"(%xd) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Concat"(%e, %t) {name = "cat", outputs = ["c"], attrs = {axis = 1 : i64}} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %py = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qp", outputs = ["py"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g2 = onnx.node "Sigmoid"(%x3d) {name = "sig2", outputs = ["g2"]} : (!onnx.value) -> !onnx.value
    %e2 = onnx.node "Expand"(%g2, %shape3) {name = "expand2", outputs = ["e2"]} : (!onnx.value, tensor<4xsi64>) -> !onnx.value
    %m = onnx.node "MatMul"(%e2, %p) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %py, %y2 : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// The same for a Sigmoid -> Relu chain behind an Expand (a Relu of a
// function grows its chain): the Expand moves before both.
// CHECK-LABEL: func.func @main
// CHECK: %[[E:.*]] = onnx.node "Expand"(%arg0, %{{.*}}) {name = "expand", outputs = ["e"]}
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%[[E]], {{.*}}) {domain = "npc", name = "mean", outputs = ["r"], source_op_type = "ReduceMean"}
// CHECK: onnx.node "QLinearReduceMean"(%[[T]], {{.*}}) {domain = "npc", name = "mean", outputs = ["y"]
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} -> tensor<1x4x!quant.uniform<u16:f32, 1.5259021893143654E-5>>
// QG: qg.reduce %[[T]] {clamp_max = 255 : i32, clamp_min = 0 : i32, mode = "mean"}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %shape = onnx.constant "shape" dense<[1, 4]> : tensor<2xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%g) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %e = onnx.node "Expand"(%r, %shape) {name = "expand", outputs = ["e"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%e) {name = "mean", outputs = ["m"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Sigmoid read by a MatMul and also a graph output: its 16-bit lookup
// named as the MatMul, which the output reads dequantized, as the
// conversion dequantized the table it made there.
// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%arg0, {{.*}}) {domain = "npc", name = "mm", outputs = ["g"], source_op_type = "MatMul"}
// CHECK: %[[D:.*]] = onnx.node "DequantizeLinear"(%[[T]], {{.*}}) {name = "mm.in0.dq", outputs = ["g"]}
// CHECK: %[[M:.*]] = onnx.node "QLinearMatMul"(%[[T]], {{.*}}) {name = "mm", outputs = ["y"], source_op_type = "MatMul"}
// CHECK: return %[[M]], %[[D]]
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} -> tensor<1x4x!quant.uniform<u16:f32, 1.5259021893143654E-5>>
// QG: %[[M:.*]] = qg.matmul %[[T]]
// QG: %[[Y:.*]] = qg.storage_cast %[[M]]
// QG: %[[D:.*]] = qg.dequantize %[[T]] : tensor<1x4x!quant.uniform<u16:f32, 1.5259021893143654E-5>> -> tensor<1x4xf32>
// QG: return %[[Y]], %[[D]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "g"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<4x3xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<4x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "MatMul"(%g, %wd) {name = "mm", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %g : !onnx.value, !onnx.value
  }
}

// -----

// The same for a Gemm: npc's QGemm, y_min and y_max after C (its int32
// bias: 1.0 / (0.5 * 0.5) = 4).
// CHECK-LABEL: func.func @main
// CHECK: %[[MIN:.*]] = onnx.constant "relu6.min" dense<0> : tensor<ui8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu6.max" dense<12> : tensor<ui8>
// CHECK: onnx.node "QGemm"(%arg0, {{.*}}, %[[MIN]], %[[MAX]]) {attrs = {transB = 1 : i64}, domain = "npc", name = "gemm", outputs = ["y"], source_op_type = "Gemm"}

// QG-LABEL: func.func @main
// QG: qg.matmul {{.*}} {clamp_max = 12 : i32, clamp_min = 0 : i32}
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<3x2xsi8>
    %b = onnx.constant "b" dense<1.0> : tensor<3xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<3x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Gemm"(%xd, %wd, %b) {name = "gemm", outputs = ["c"], attrs = {transB = 1 : i64}}
        : (!onnx.value, !onnx.value, tensor<3xf32>) -> !onnx.value
    %r = onnx.node "Clip"(%c) {name = "relu6", outputs = ["r"], attrs = {min = 0.0 : f32, max = 6.0 : f32}}
        : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A MaxPool with a Relu before its QuantizeLinear: npc's QLinearMaxPool
// with the Relu's bounds as y_min, y_max (Q(0) = the zero point 3 up to
// 255); the conversion makes the pool and one rescale that clamps, as
// it makes the two without the fusion.

// CHECK-LABEL: func.func @main
// CHECK: %[[MIN:.*]] = onnx.constant "relu.min" dense<3> : tensor<ui8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu.max" dense<255> : tensor<ui8>
// CHECK: onnx.node "QLinearMaxPool"(%arg0, {{.*}}, %[[MIN]], %[[MAX]]) {attrs = {kernel_shape = array<i64: 2, 2>}, domain = "npc", name = "pool", outputs = ["y"], source_op_type = "MaxPool"}
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[P:.*]] = qg.max_pool
// QG-NEXT: qg.rescale %[[P]] {clamp_max = 255 : i32, clamp_min = 3 : i32}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "MaxPool"(%xd) {name = "pool", outputs = ["p"], attrs = {kernel_shape = array<i64: 2, 2>}}
        : (!onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%p) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}


// -----

// A BatchNormalization with no Conv before it, then a Relu: npc's
// QLinearBatchNormalization with the Relu's clamp as y_min, y_max. The
// conversion makes it (with or without the fusion) a depthwise 1x1
// convolution: with epsilon 1, k = scale / sqrt(var + 1) = [1, -1], the
// weight codes +-127 at scale |k| / 127, the bias (B - mean k) / (0.5 / 127)
// = [-127, 254], and the Relu clamps at Y's zero point 3.

// CHECK-LABEL: func.func @main
// CHECK: %[[G:.*]] = onnx.constant "g"
// CHECK: %[[B:.*]] = onnx.constant "b"
// CHECK: %[[MEAN:.*]] = onnx.constant "mean"
// CHECK: %[[VAR:.*]] = onnx.constant "var"
// CHECK: %[[LO:.*]] = onnx.constant "relu.min" dense<3> : tensor<ui8>
// CHECK: %[[HI:.*]] = onnx.constant "relu.max" dense<255> : tensor<ui8>
// CHECK: onnx.node "QLinearBatchNormalization"(%arg0, %{{.*}}, %{{.*}}, %[[G]], %[[B]], %[[MEAN]], %[[VAR]], %{{.*}}, %{{.*}}, %[[LO]], %[[HI]]) {attrs = {epsilon = 1.000000e+00 : f32, momentum = 0.899999976 : f32}, domain = "npc", name = "bn", outputs = ["y"], source_op_type = "BatchNormalization"}
// CHECK-NOT: onnx.node "BatchNormalization"
// CHECK-NOT: onnx.node "Relu"

// QG-LABEL: func.func @main
// QG: %[[W:.*]] = qg.constant dense<{{\[\[\[\[}}127]]], {{\[\[\[}}-127]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.0078740157480314959,0.0078740157480314959}>>
// QG: %[[BIAS:.*]] = qg.constant dense<[-127, 254]> : tensor<2xi32>
// QG: qg.conv2d %{{.*}}, %[[W]], %[[BIAS]] {clamp_max = 255 : i32, clamp_min = 3 : i32, dilations = array<i64: 1, 1>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x2x!quant.uniform<u8:f32, 5.000000e-01:10>>, {{.*}}) -> tensor<1x2x1x2x!quant.uniform<u8:f32, 2.500000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %g = onnx.constant "g" dense<[2.0, -1.0]> : tensor<2xf32>
    %b = onnx.constant "b" dense<[0.5, 1.0]> : tensor<2xf32>
    %mean = onnx.constant "mean" dense<[1.0, 0.0]> : tensor<2xf32>
    %var = onnx.constant "var" dense<[3.0, 0.0]> : tensor<2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%xd, %g, %b, %mean, %var) {name = "bn", outputs = ["bn"],
        attrs = {epsilon = 1.0 : f32, momentum = 0.9 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %r = onnx.node "Relu"(%bn) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Attributes that change nothing here: QuantizeLinear's saturate (opset
// 19; for float8 outputs only) and block_size 0 (opset 21: no blocks) on
// either node. The cluster fuses as without them.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearMatMul"(%arg0, {{.*}}) {name = "mm", outputs = ["y"], source_op_type = "MatMul"}
// CHECK-NOT: onnx.node "MatMul"

// QG-LABEL: func.func @main
// QG: qg.matmul %{{.*}}, %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32} : (tensor<3x2x!quant.uniform<u8:f32, 5.000000e-01:10>>, tensor<2x2x!quant.uniform<i8:f32, 2.500000e-01>>) -> tensor<3x2x!quant.uniform<u8:f32, 2.000000e+00:10>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<3x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<2.0> : tensor<f32>
    %w = onnx.constant "w" dense<[[1, 2], [3, 4]]> : tensor<2x2xsi8>
    %ws = onnx.constant "ws" dense<0.25> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"], attrs = {block_size = 0 : i64}}
        : (tensor<3x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %ws) {name = "dqw", outputs = ["wd"], attrs = {axis = 1 : i64, block_size = 0 : i64}}
        : (tensor<2x2xsi8>, tensor<f32>) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wd) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %sy, %z) {name = "qy", outputs = ["y"], attrs = {block_size = 0 : i64, saturate = 1 : i64}}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A DequantizeLinear without a zero point after the fused BatchNormalization
// reads its Y zero point's type (yZeroPointOf), so the Sigmoid after it
// fuses too (helper-42).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearBatchNormalization"
// CHECK: onnx.node "QLinearLookup"
// CHECK-NOT: onnx.node "Sigmoid"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xsi8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y3"]} {
    %c0_sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %v1_0 = onnx.node "DequantizeLinear"(%x, %c0_sx) {name = "dqx", outputs = ["dqx"]} : (tensor<1x2x2x2xsi8>, tensor<f32>) -> !onnx.value
    %c2_g = onnx.constant "g" dense<[1.5, -0.7]> : tensor<2xf32>
    %c3_b = onnx.constant "b" dense<[0.1, 1.0]> : tensor<2xf32>
    %c4_m = onnx.constant "m" dense<[0.2, -0.3]> : tensor<2xf32>
    %c5_v = onnx.constant "v" dense<[1.0, 0.5]> : tensor<2xf32>
    %v6_0 = onnx.node "BatchNormalization"(%v1_0, %c2_g, %c3_b, %c4_m, %c5_v) {name = "bn", outputs = ["bn"]} : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %c7_sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %c8_zy = onnx.constant "zy" dense<-3> : tensor<si8>
    %v9_0 = onnx.node "QuantizeLinear"(%v6_0, %c7_sy, %c8_zy) {name = "qy", outputs = ["qy"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %c10_s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %v11_0 = onnx.node "DequantizeLinear"(%v9_0, %c10_s2) {name = "dq2", outputs = ["dq2"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v12_0 = onnx.node "Sigmoid"(%v11_0) {name = "sig", outputs = ["sig"]} : (!onnx.value) -> !onnx.value
    %c13_s3 = onnx.constant "s3" dense<0.125> : tensor<f32>
    %c14_z3 = onnx.constant "z3" dense<0> : tensor<si8>
    %v15_0 = onnx.node "QuantizeLinear"(%v12_0, %c13_s3, %c14_z3) {name = "q3", outputs = ["q3"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %v15_0 : !onnx.value
  }
}

// -----

// A Relu of a dequantized activation nothing reads goes: the conversion
// holds it for a reader and refuses nothing there. A Clip nothing reads
// stays (its bounds the conversion checks).
// CHECK-LABEL: func.func @main
// CHECK-NOT: "Relu"
// CHECK: onnx.node "Clip"
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.rescale %[[X]]
// QG-NEXT: qg.storage_cast
// QG-NEXT: return
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "unread_relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Clip"(%xd, %lo) {name = "unread_clip", outputs = ["c"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%xd, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// One value of rank 3 against x of rank 4 (the graph input's) keeps x's
// shape: a requantization, and an offset in a chain (a table), fuse. Of a
// higher rank than x's, the conversion refuses them (fuse-qdq-errors.mlir).
// The table from code 0: (0.5 c + 0.75) / 0.25 = 2 c + 3.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearRequantize"(%arg0, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}) {attrs = {factor = 7.500000e-01 : f32}, domain = "npc", name = "mul", outputs = ["y"], source_op_type = "Mul"}
// CHECK: onnx.node "QLinearLookup"(%arg0, {{.*}}) {domain = "npc", name = "qy2", outputs = ["y2"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Mul"
// CHECK-NOT: "Add"

// (No label of its own: the labels above pair with the modules in order.)
// QG: func.func @main(%arg0: tensor<1x2x2x2xsi8>) -> (tensor<1x2x2x2xi8>, tensor<1x2x2x2xi8>) attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]}
// QG: qg.rescale {{.*}} : tensor<1x2x2x2x!quant.uniform<i8:f32, 3.750000e-01>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.table %{{.*}} {table = array<i32: 3, 5, 7, 9, {{.*}}>} : tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 2.500000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %k = onnx.constant "k" dense<0.75> : tensor<1x1x1xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<1x1x1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s2, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "Add"(%k, %xd) {name = "add", outputs = ["a"]} : (tensor<1x1x1xf32>, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%a, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// An AveragePool with an attribute it does not have (channels_last, which
// QLinearAveragePool would read): the conversion reads only an
// AveragePool's own, and so does the fused node (ownAttrs).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearAveragePool"({{.*}}) {attrs = {kernel_shape = array<i64: 2, 2>}, domain = "com.microsoft", name = "pool", outputs = ["y"], source_op_type = "AveragePool"}
// QG: qg.avg_pool
// QG-SAME: kernel = array<i64: 2, 2>
// QG-SAME: -> tensor<1x2x4x4x!quant.uniform<u8:f32, 1.000000e+00:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x5x5xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x5x5xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "AveragePool"(%ad) {name = "pool", outputs = ["p"], attrs = {kernel_shape = array<i64: 2, 2>, channels_last = 1 : i64}} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Gemm whose A is a DequantizeLinear of an integer initializer
// (dequantizedOperand of a constant), transposed, with alpha 2 and beta 0.5: QGemm of the
// constant codes. The conversion transposes them and folds alpha into the
// weight scale (0.25 * 2) and beta * C into the bias at 0.5 * 0.5:
// 0.5 * [1, -3] / 0.25 = [2, -6].
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QGemm"(%{{.*}}) {attrs = {alpha = 2.000000e+00 : f32, transA = 1 : i64, transB = 1 : i64}, domain = "com.microsoft", name = "fc", outputs = ["y"], source_op_type = "Gemm"} : (tensor<3x2xsi8>,
// QG: qg.transpose %{{.*}} {perm = array<i64: 1, 0>} : tensor<3x2x!quant.uniform<i8:f32, 5.000000e-01:1>> -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:1>>
// QG: qg.constant dense<[2, -6]> : tensor<2xi32>
// QG: qg.matmul {{.*}} -> tensor<2x2x!quant.uniform<i8:f32, 5.000000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%in: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["in"], npc.output_names = ["y"]} {
    %a = onnx.constant "a" dense<[[1, 4], [2, 5], [3, 6]]> : tensor<3x2xsi8>
    %sa = onnx.constant "sa" dense<0.5> : tensor<f32>
    %za = onnx.constant "za" dense<1> : tensor<si8>
    %w = onnx.constant "w" dense<[[1, 2, 3], [-1, 0, 1]]> : tensor<2x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<si8>
    %ad = onnx.node "DequantizeLinear"(%a, %sa, %za) {name = "dqa", outputs = ["ad"]} : (tensor<3x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %cc = onnx.constant "cc" dense<[1.0, -3.0]> : tensor<2xf32>
    %g = onnx.node "Gemm"(%ad, %wd, %cc) {name = "fc", outputs = ["g"], attrs = {transA = 1 : i64, transB = 1 : i64, alpha = 2.0 : f32, beta = 0.5 : f32}} : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%g, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A GlobalAveragePool with an attribute it does not have: fused without it
// (ownAttrs), as the conversion reads none.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearGlobalAveragePool"(%{{.*}}) {domain = "com.microsoft", name = "gap", outputs = ["y"], source_op_type = "GlobalAveragePool"}
// QG: qg.avg_pool {{.*}} -> tensor<1x2x1x1x!quant.uniform<u8:f32, 1.000000e+00:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x4x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x4x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%ad) {name = "gap", outputs = ["p"], attrs = {channels_last = 1 : i64}} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
