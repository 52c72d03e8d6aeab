// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -qg-legalize-integer | FileCheck %s --check-prefix=LEGAL

// Attention in the QDQ form: MatMul of two dequantized activations (scores
// = Q K^T, K^T a Transpose of the dequantized view) is qg.batch_matmul;
// Softmax between a DQ and a Q is qg.softmax; the second MatMul (A V) is
// another qg.batch_matmul. Each takes its output type from its Q.
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.quantize %{{.*}} : tensor<1x2x4x8xf32> -> tensor<1x2x4x8x!quant.uniform<u8:f32, {{.*}}:128>>
// CHECK: %[[KT:.*]] = qg.transpose %[[X]] {perm = array<i64: 0, 1, 3, 2>}
// CHECK: %[[S:.*]] = qg.batch_matmul %[[X]], %[[KT]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : (tensor<1x2x4x8x!quant.uniform<u8:f32, {{.*}}:128>>, tensor<1x2x8x4x!quant.uniform<u8:f32, {{.*}}:128>>) -> tensor<1x2x4x4x!quant.uniform<u8:f32, 2.500000e-01:128>>
// CHECK: %[[P:.*]] = qg.softmax %[[S]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x2x4x4x!quant.uniform<u8:f32, 2.500000e-01:128>> -> tensor<1x2x4x4x!quant.uniform<u8:f32, 3.906250e-03>>
// CHECK: %[[C:.*]] = qg.batch_matmul %[[P]], %[[X]] {{.*}} -> tensor<1x2x4x8x!quant.uniform<u8:f32, {{.*}}:128>>
// CHECK: qg.dequantize %[[C]]
// Legalized: 0.05 * 0.05 / 0.25 = 0.01 at float32's 0.05 (python:
// round(float(np.float32(0.05))**2 / 0.25 * 2**37)) and 2^-8 * 0.05 / 0.05 =
// 2^30 * 2^-38; exp(-0.25 d) in units of 2^-30 (E[1] = round(2**30 *
// math.exp(-0.25))); 1 / 2^-8 = 2^30 * 2^-22.
// LEGAL: qg.batch_matmul {{.*}}multiplier = array<i32: 1374389576>, shift = array<i32: 37>
// LEGAL: qg.softmax {{.*}}exp_table = array<i32: 1073741824, 836230973, {{.*}}>, multiplier = array<i32: 1073741824>, shift = array<i32: 22>
// LEGAL: qg.batch_matmul {{.*}}multiplier = array<i32: 1073741824>, shift = array<i32: 38>
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<1x2x4x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<128> : tensor<ui8>
    %ss = onnx.constant "ss" dense<0.25> : tensor<f32>
    %sp = onnx.constant "sp" dense<0.00390625> : tensor<f32>
    %zp = onnx.constant "zp" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4x8xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %kt = onnx.node "Transpose"(%xd) {name = "kt", outputs = ["kt"], attrs = {perm = array<i64: 0, 1, 3, 2>}}
        : (!onnx.value) -> !onnx.value
    %s = onnx.node "MatMul"(%xd, %kt) {name = "qk", outputs = ["s"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sq = onnx.node "QuantizeLinear"(%s, %ss, %zx) {name = "qs", outputs = ["sq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sd = onnx.node "DequantizeLinear"(%sq, %ss, %zx) {name = "dqs", outputs = ["sd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "Softmax"(%sd) {name = "softmax", outputs = ["p"], attrs = {axis = -1 : i64}}
        : (!onnx.value) -> !onnx.value
    %pq = onnx.node "QuantizeLinear"(%p, %sp, %zp) {name = "qp", outputs = ["pq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %pd = onnx.node "DequantizeLinear"(%pq, %sp, %zp) {name = "dqp", outputs = ["pd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "MatMul"(%pd, %xd) {name = "av", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%c, %sx, %zx) {name = "qc", outputs = ["cq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%cq, %sx, %zx) {name = "dqc", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// LayerNormalization (opset 17) with float Scale and B initializers: one
// qg.layer_norm carrying gamma and beta; legalization derives the integers.
// CHECK-LABEL: func.func @main
// CHECK: qg.layer_norm %{{.*}} {beta = array<f32: 5.000000e-01, -2.500000e-01, 0.000000e+00>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 2.000000e+00, -1.000000e+00>} : tensor<2x3x!quant.uniform<u8:f32, {{.*}}:128>> -> tensor<2x3x!quant.uniform<u8:f32, 2.500000e-01:100>>
// gamma / 0.25 = [4, 8, -4] and beta / 0.25 = [2, -1, 0] at Q = 26 (8 * 2^26 =
// 2^29); epsilon: float32(1e-5) / float32(0.1)^2 * 3^2 * 4^24 = 618475257 * 2^12.
// LEGAL: qg.layer_norm {{.*}}beta_fixed = array<i32: 134217728, -67108864, 0>{{.*}}epsilon_fixed = 618475257 : i32, {{.*}}gamma_fixed = array<i32: 268435456, 536870912, -268435456>, norm_shifts = array<i32: 26, 24, 12>
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.1> : tensor<f32>
    %zx = onnx.constant "zx" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %g = onnx.constant "g" dense<[1.0, 2.0, -1.0]> : tensor<3xf32>
    %b = onnx.constant "b" dense<[0.5, -0.25, 0.0]> : tensor<3xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %n = onnx.node "LayerNormalization"(%xd, %g, %b) {name = "ln", outputs = ["n"], attrs = {axis = -1 : i64}}
        : (!onnx.value, tensor<3xf32>, tensor<3xf32>) -> !onnx.value
    %nq = onnx.node "QuantizeLinear"(%n, %sy, %zy) {name = "qn", outputs = ["nq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%nq, %sy, %zy) {name = "dqn", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// nn.Linear on a 3-D input as torch exports it: MatMul, then Add of the
// bias. The Add is the MatMul's bias (one qg.matmul, bias 0.5 / (0.1 *
// 0.25) = 20). Gather of index 0 on an activation (a ViT's class token,
// x[:, 0]) is a qg.slice and a qg.reshape dropping the axis. Expand to the
// shape it has folds away; Equal, Where and Pow of constants fold.
// CHECK-LABEL: func.func @main
// CHECK: %[[M:.*]] = qg.matmul %{{.*}}, %{{.*}}, %{{.*}} {{.*}} : (tensor<1x3x2x{{.*}}>, tensor<2x2x{{.*}}>, tensor<2xi32>) -> tensor<1x3x2x{{.*}}>
// CHECK: %[[S:.*]] = qg.slice %[[M]] {starts = array<i64: 0, 0, 0>, steps = array<i64: 1, 1, 1>} : tensor<1x3x2x{{.*}}> -> tensor<1x1x2x{{.*}}>
// CHECK: %[[R:.*]] = qg.reshape %[[S]] : tensor<1x1x2x{{.*}}> -> tensor<1x2x{{.*}}>
// CHECK: qg.dequantize %[[R]]
// CHECK-NOT: qg.
// LEGAL: qg.matmul {{.*}}folded_bias = array<i32: 20, 20>
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<1x3x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.1> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1, 0], [0, 1]]> : tensor<2x2xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %bias = onnx.constant "bias" dense<[0.5, 0.5]> : tensor<2xf32>
    %i0 = onnx.constant "i0" dense<0> : tensor<si64>
    %one = onnx.constant "one" dense<1> : tensor<3xsi64>
    %shape = onnx.constant "shape" dense<[1, 3, 2]> : tensor<3xsi64>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x3x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %eq = onnx.node "Equal"(%one, %shape) {name = "eq", outputs = ["eq"]}
        : (tensor<3xsi64>, tensor<3xsi64>) -> !onnx.value
    %where = onnx.node "Where"(%eq, %one, %shape) {name = "where", outputs = ["where"]}
        : (!onnx.value, tensor<3xsi64>, tensor<3xsi64>) -> !onnx.value
    %pow = onnx.node "Pow"(%two, %two) {name = "pow", outputs = ["pow"]}
        : (tensor<f32>, tensor<f32>) -> !onnx.value
    %xe = onnx.node "Expand"(%xd, %where) {name = "expand", outputs = ["xe"]}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %mm = onnx.node "MatMul"(%xe, %wd) {name = "linear", outputs = ["mm"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %add = onnx.node "Add"(%mm, %bias) {name = "linear_bias", outputs = ["add"]}
        : (!onnx.value, tensor<2xf32>) -> !onnx.value
    %aq = onnx.node "QuantizeLinear"(%add, %sx, %zx) {name = "qa", outputs = ["aq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %ad = onnx.node "DequantizeLinear"(%aq, %sx, %zx) {name = "dqa", outputs = ["ad"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Gather"(%ad, %i0) {name = "cls", outputs = ["g"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<si64>) -> !onnx.value
    return %g : !onnx.value
  }
}

// -----

// LayerNorm as torch writes it below opset 17: ReduceMean, Sub, Pow 2,
// ReduceMean, Add epsilon, Sqrt, Div, Mul gamma, Add beta over the last
// axis (the exponent and epsilon as Constant nodes the walk has not reached
// when it meets the first ReduceMean). One qg.layer_norm, as for
// LayerNormalization.
// CHECK-LABEL: func.func @main
// CHECK: qg.quantize
// CHECK-NEXT: %[[N:.*]] = qg.layer_norm %{{.*}} {beta = array<f32: 5.000000e-01, -2.500000e-01, 0.000000e+00>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 2.000000e+00, -1.000000e+00>}
// CHECK-NEXT: qg.dequantize %[[N]]
module attributes {onnx.opset = 14 : i64} {
  func.func @main(%x: tensor<2x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.1> : tensor<f32>
    %zx = onnx.constant "zx" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %g = onnx.constant "g" dense<[1.0, 2.0, -1.0]> : tensor<3xf32>
    %b = onnx.constant "b" dense<[0.5, -0.25, 0.0]> : tensor<3xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mean = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["mean"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %mean) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %two = onnx.node "Constant"() {name = "two", outputs = ["two"], attrs = {value = dense<2.0> : tensor<f32>}}
        : () -> !onnx.value
    %sq = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["sq"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %var = onnx.node "ReduceMean"(%sq) {name = "var", outputs = ["var"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %eps = onnx.node "Constant"() {name = "eps", outputs = ["eps"], attrs = {value = dense<1.0e-5> : tensor<f32>}}
        : () -> !onnx.value
    %ve = onnx.node "Add"(%var, %eps) {name = "add_eps", outputs = ["ve"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%n, %g) {name = "gamma", outputs = ["m"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %a = onnx.node "Add"(%m, %b) {name = "beta", outputs = ["a"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %aq = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qa", outputs = ["aq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%aq, %sy, %zy) {name = "dqa", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same with gamma of rank 3 ([1, 1, 3]) on x of rank 3: ONNX's result
// keeps x's shape, as npc's does (of a higher rank than x's it is an
// error: Dialect/Onnx/fuse-qdq-errors.mlir). onnx-fuse-qdq, which does not
// know x's rank, leaves the chain to this conversion.
// CHECK-LABEL: func.func @main
// CHECK: qg.layer_norm %{{.*}} {beta = array<f32: 0.000000e+00, 0.000000e+00, 0.000000e+00>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 2.000000e+00, -1.000000e+00>} : tensor<1x2x3x!quant.uniform<u8:f32, {{.*}}:128>> -> tensor<1x2x3x!quant.uniform<u8:f32, 2.500000e-01:100>>
module attributes {onnx.opset = 14 : i64} {
  func.func @main(%x: tensor<1x2x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.1> : tensor<f32>
    %zx = onnx.constant "zx" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %g = onnx.constant "g" dense<[[[1.0, 2.0, -1.0]]]> : tensor<1x1x3xf32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-5> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mean = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["mean"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %mean) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sq = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["sq"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %var = onnx.node "ReduceMean"(%sq) {name = "var", outputs = ["var"], attrs = {axes = array<i64: -1>}}
        : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%var, %eps) {name = "add_eps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%n, %g) {name = "gamma", outputs = ["m"]} : (!onnx.value, tensor<1x1x3xf32>) -> !onnx.value
    %aq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qa", outputs = ["aq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%aq, %sy, %zy) {name = "dqa", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
