// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq --onnx-fuse-qdq | FileCheck %s
// What the conversion makes of it on npc compile's route (fold, fuse,
// convert; the conversion has no QDQ fusion of its own).
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s --check-prefix=QG

// Clusters that fuse because the module states its values' types (as the
// importer does, from ONNX's shape inference): the shapes and ranks
// onnx-fuse-qdq needs are read from the types, which the conversion
// checks (Conversion/OnnxToQGraph/stated-types.mlir). fuse-qdq-unfused.mlir
// has each of them untyped, where they stay for the conversion.

// A PRelu per channel (slope [2, 1, 1]) on reshaped codes, with a
// QuantizeLinear of another input between: x's shape [1, 2, 3, 3] is the
// Reshape's stated one, so the slope's check is decided here (it passes),
// and the chain is one table per channel. Entry 0 (x = (0 - 10) * 0.5 =
// -5): channel 0 -5 * 0.5 / 0.5 + 10 = 5, channel 1 -5 * 0.25 / 0.5 =
// -2.5, to even -2, + 10 = 8.
// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.node "PRelu"
// CHECK: onnx.node "QLinearLookup"(%{{.*}}) {attrs = {slope_of = {{.*}}}, domain = "npc", name = "qy"{{.*}} -> tensor<1x2x3x3xui8>
// CHECK-NOT: onnx.node "PRelu"
// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {channel_axis = 1 : i64, table = array<i32: 5, 8, 6, 8,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (tensor<1x2x3x3xui8>, tensor<1x4xui8>)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %shape = onnx.constant "shape" dense<[1, 2, 3, 3]> : tensor<4xsi64>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x3x3xui8>
    %x4 = onnx.node "Reshape"(%x, %shape) {name = "reshape", outputs = ["x4"]}
        : (tensor<1x2x3x3xui8>, tensor<4xsi64>) -> tensor<1x2x3x3xui8>
    %xd = onnx.node "DequantizeLinear"(%x4, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x3x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x2x3x3xf32>
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
    %c = onnx.node "QuantizeLinear"(%o, %s, %z) {name = "qo", outputs = ["c"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x4xui8>
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x3x3xui8>
    return %y, %c : tensor<1x2x3x3xui8>, tensor<1x4xui8>
  }
}

// -----

// A layer norm written as arithmetic whose gamma has rank 3 ([1, 1, 4]),
// of x behind a Squeeze: x's rank 3 is the Squeeze's stated type, so
// gamma's rank is allowed and the chain fuses.
// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.node "ReduceMean"
// CHECK: onnx.node "QLinearLayerNormalization"{{.*}}name = "mul"{{.*}} -> tensor<3x2x4xui8>
// CHECK-NOT: onnx.node "ReduceMean"
// QG-LABEL: func.func @main
// QG: qg.layer_norm %{{.*}} {beta = array<f32: 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00>, clamp_max = 255 : i32, clamp_min = 0 : i32, epsilon = 9.99999974E-6 : f32, gamma = array<f32: 1.000000e+00, 5.000000e-01, 2.000000e+00, 1.000000e+00>} : tensor<3x2x4x!quant.uniform<u8:f32, 0.05000000074505806:128>> -> tensor<3x2x4x!quant.uniform<u8:f32, 6.250000e-02:128>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x0: tensor<3x1x2x4xui8>) -> (tensor<3x2x4xui8>)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %x = onnx.node "Squeeze"(%x0) {name = "squeeze", outputs = ["xs"]} : (tensor<3x1x2x4xui8>) -> tensor<3x2x4xui8>
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-05> : tensor<f32>
    %gam = onnx.constant "gam" dense<[[[1.0, 0.5, 2.0, 1.0]]]> : tensor<1x1x4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<3x2x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<3x2x4xf32>
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (tensor<3x2x4xf32>) -> tensor<3x2x1xf32>
    %d = onnx.node "Sub"(%xd, %m) {name = "sub", outputs = ["d"]} : (tensor<3x2x4xf32>, tensor<3x2x1xf32>) -> tensor<3x2x4xf32>
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (tensor<3x2x4xf32>, tensor<f32>) -> tensor<3x2x4xf32>
    %v = onnx.node "ReduceMean"(%p) {name = "var", outputs = ["v"], attrs = {axes = array<i64: -1>}} : (tensor<3x2x4xf32>) -> tensor<3x2x1xf32>
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (tensor<3x2x1xf32>, tensor<f32>) -> tensor<3x2x1xf32>
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (tensor<3x2x1xf32>) -> tensor<3x2x1xf32>
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (tensor<3x2x4xf32>, tensor<3x2x1xf32>) -> tensor<3x2x4xf32>
    %mg = onnx.node "Mul"(%n, %gam) {name = "mul", outputs = ["mg"]} : (tensor<3x2x4xf32>, tensor<1x1x4xf32>) -> tensor<3x2x4xf32>
    %y = onnx.node "QuantizeLinear"(%mg, %sy, %z) {name = "qy", outputs = ["y"]} : (tensor<3x2x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<3x2x4xui8>
    return %y : tensor<3x2x4xui8>
  }
}

// -----

// Two PRelus per channel with slopes of different shapes ([2, 1, 1], then
// [1, 2, 1, 1]) after a MaxPool of int2 codes: the pooled codes' stated
// shape [1, 2, 1, 2] takes both along axis 1, so both checks pass here
// and the chain is one table per channel. x = code - 2 (scale 1), y =
// v / 0.25 + 8: channel 0 (0.5 * 0.5) gives 6, 7, 8, 12 for codes 0..3;
// channel 1 (0.25 * 0.5) 7, 8 (-0.5 to even 0), 8, 12; interleaved by
// channel.
// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.node "PRelu"
// CHECK: onnx.node "QLinearLookup"{{.*}}name = "q2"{{.*}} -> tensor<1x2x1x2xui8>
// CHECK-NOT: onnx.node "PRelu"
// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {channel_axis = 1 : i64, table = array<i32: 6, 7, 7, 8, 8, 8, 12, 12>}
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> tensor<1x2x1x2xf32>
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k0 = onnx.constant "slope0" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %k1 = onnx.constant "slope1" dense<[[[[0.5]], [[0.5]]]]> : tensor<1x2x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> tensor<1x2x1x3xui2>
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (tensor<1x2x1x3xui2>, tensor<f32>, tensor<ui2>) -> tensor<1x2x1x3xf32>
    %m = onnx.node "MaxPool"(%d) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (tensor<1x2x1x3xf32>) -> tensor<1x2x1x2xf32>
    %p0 = onnx.node "PRelu"(%m, %k0) {name = "prelu0", outputs = ["p0"]}
        : (tensor<1x2x1x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x1x2xf32>
    %p1 = onnx.node "PRelu"(%p0, %k1) {name = "prelu1", outputs = ["p1"]}
        : (tensor<1x2x1x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x1x2xf32>
    %q2 = onnx.node "QuantizeLinear"(%p1, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (tensor<1x2x1x2xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x1x2xui8>
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x2x1x2xf32>
    return %y : tensor<1x2x1x2xf32>
  }
}

// -----

// x @ x forty times over, each product's Quant with a scale of one value
// of rank 2, typed (as the importer types a QONNX graph): each split
// reads its product's rank from the type, where rankOf's search stops 64
// nodes up (fuse-qdq-qonnx.mlir has it untyped), so all forty fuse.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearMatMul"({{.*}}) {name = "m1"
// CHECK: onnx.node "QLinearMatMul"({{.*}}) {name = "m40"
// CHECK-NOT: onnx.node "MatMul"
// QG-LABEL: func.func @main
// QG-COUNT-40: qg.batch_matmul
// QG-NOT: qg.batch_matmul
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<4x4xf32>) -> (tensor<4x4xf32>) attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %s2 = onnx.constant "s2" dense<0.5> : tensor<1x1xf32>
    %z2 = onnx.constant "z2" dense<0.0> : tensor<1x1xf32>
    %q0 = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "q0", outputs = ["q0"]} : (tensor<4x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<4x4xf32>
    %m1 = onnx.node "MatMul"(%q0, %q0) {name = "m1", outputs = ["m1"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q1 = onnx.node "Quant"(%m1, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q1", outputs = ["q1"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m2 = onnx.node "MatMul"(%q1, %q1) {name = "m2", outputs = ["m2"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q2 = onnx.node "Quant"(%m2, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q2", outputs = ["q2"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m3 = onnx.node "MatMul"(%q2, %q2) {name = "m3", outputs = ["m3"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q3 = onnx.node "Quant"(%m3, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q3", outputs = ["q3"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m4 = onnx.node "MatMul"(%q3, %q3) {name = "m4", outputs = ["m4"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q4 = onnx.node "Quant"(%m4, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q4", outputs = ["q4"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m5 = onnx.node "MatMul"(%q4, %q4) {name = "m5", outputs = ["m5"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q5 = onnx.node "Quant"(%m5, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q5", outputs = ["q5"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m6 = onnx.node "MatMul"(%q5, %q5) {name = "m6", outputs = ["m6"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q6 = onnx.node "Quant"(%m6, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q6", outputs = ["q6"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m7 = onnx.node "MatMul"(%q6, %q6) {name = "m7", outputs = ["m7"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q7 = onnx.node "Quant"(%m7, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q7", outputs = ["q7"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m8 = onnx.node "MatMul"(%q7, %q7) {name = "m8", outputs = ["m8"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q8 = onnx.node "Quant"(%m8, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q8", outputs = ["q8"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m9 = onnx.node "MatMul"(%q8, %q8) {name = "m9", outputs = ["m9"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q9 = onnx.node "Quant"(%m9, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q9", outputs = ["q9"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m10 = onnx.node "MatMul"(%q9, %q9) {name = "m10", outputs = ["m10"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q10 = onnx.node "Quant"(%m10, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q10", outputs = ["q10"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m11 = onnx.node "MatMul"(%q10, %q10) {name = "m11", outputs = ["m11"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q11 = onnx.node "Quant"(%m11, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q11", outputs = ["q11"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m12 = onnx.node "MatMul"(%q11, %q11) {name = "m12", outputs = ["m12"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q12 = onnx.node "Quant"(%m12, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q12", outputs = ["q12"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m13 = onnx.node "MatMul"(%q12, %q12) {name = "m13", outputs = ["m13"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q13 = onnx.node "Quant"(%m13, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q13", outputs = ["q13"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m14 = onnx.node "MatMul"(%q13, %q13) {name = "m14", outputs = ["m14"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q14 = onnx.node "Quant"(%m14, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q14", outputs = ["q14"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m15 = onnx.node "MatMul"(%q14, %q14) {name = "m15", outputs = ["m15"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q15 = onnx.node "Quant"(%m15, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q15", outputs = ["q15"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m16 = onnx.node "MatMul"(%q15, %q15) {name = "m16", outputs = ["m16"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q16 = onnx.node "Quant"(%m16, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q16", outputs = ["q16"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m17 = onnx.node "MatMul"(%q16, %q16) {name = "m17", outputs = ["m17"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q17 = onnx.node "Quant"(%m17, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q17", outputs = ["q17"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m18 = onnx.node "MatMul"(%q17, %q17) {name = "m18", outputs = ["m18"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q18 = onnx.node "Quant"(%m18, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q18", outputs = ["q18"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m19 = onnx.node "MatMul"(%q18, %q18) {name = "m19", outputs = ["m19"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q19 = onnx.node "Quant"(%m19, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q19", outputs = ["q19"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m20 = onnx.node "MatMul"(%q19, %q19) {name = "m20", outputs = ["m20"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q20 = onnx.node "Quant"(%m20, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q20", outputs = ["q20"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m21 = onnx.node "MatMul"(%q20, %q20) {name = "m21", outputs = ["m21"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q21 = onnx.node "Quant"(%m21, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q21", outputs = ["q21"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m22 = onnx.node "MatMul"(%q21, %q21) {name = "m22", outputs = ["m22"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q22 = onnx.node "Quant"(%m22, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q22", outputs = ["q22"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m23 = onnx.node "MatMul"(%q22, %q22) {name = "m23", outputs = ["m23"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q23 = onnx.node "Quant"(%m23, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q23", outputs = ["q23"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m24 = onnx.node "MatMul"(%q23, %q23) {name = "m24", outputs = ["m24"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q24 = onnx.node "Quant"(%m24, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q24", outputs = ["q24"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m25 = onnx.node "MatMul"(%q24, %q24) {name = "m25", outputs = ["m25"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q25 = onnx.node "Quant"(%m25, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q25", outputs = ["q25"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m26 = onnx.node "MatMul"(%q25, %q25) {name = "m26", outputs = ["m26"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q26 = onnx.node "Quant"(%m26, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q26", outputs = ["q26"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m27 = onnx.node "MatMul"(%q26, %q26) {name = "m27", outputs = ["m27"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q27 = onnx.node "Quant"(%m27, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q27", outputs = ["q27"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m28 = onnx.node "MatMul"(%q27, %q27) {name = "m28", outputs = ["m28"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q28 = onnx.node "Quant"(%m28, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q28", outputs = ["q28"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m29 = onnx.node "MatMul"(%q28, %q28) {name = "m29", outputs = ["m29"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q29 = onnx.node "Quant"(%m29, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q29", outputs = ["q29"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m30 = onnx.node "MatMul"(%q29, %q29) {name = "m30", outputs = ["m30"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q30 = onnx.node "Quant"(%m30, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q30", outputs = ["q30"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m31 = onnx.node "MatMul"(%q30, %q30) {name = "m31", outputs = ["m31"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q31 = onnx.node "Quant"(%m31, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q31", outputs = ["q31"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m32 = onnx.node "MatMul"(%q31, %q31) {name = "m32", outputs = ["m32"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q32 = onnx.node "Quant"(%m32, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q32", outputs = ["q32"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m33 = onnx.node "MatMul"(%q32, %q32) {name = "m33", outputs = ["m33"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q33 = onnx.node "Quant"(%m33, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q33", outputs = ["q33"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m34 = onnx.node "MatMul"(%q33, %q33) {name = "m34", outputs = ["m34"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q34 = onnx.node "Quant"(%m34, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q34", outputs = ["q34"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m35 = onnx.node "MatMul"(%q34, %q34) {name = "m35", outputs = ["m35"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q35 = onnx.node "Quant"(%m35, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q35", outputs = ["q35"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m36 = onnx.node "MatMul"(%q35, %q35) {name = "m36", outputs = ["m36"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q36 = onnx.node "Quant"(%m36, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q36", outputs = ["q36"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m37 = onnx.node "MatMul"(%q36, %q36) {name = "m37", outputs = ["m37"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q37 = onnx.node "Quant"(%m37, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q37", outputs = ["q37"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m38 = onnx.node "MatMul"(%q37, %q37) {name = "m38", outputs = ["m38"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q38 = onnx.node "Quant"(%m38, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q38", outputs = ["q38"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m39 = onnx.node "MatMul"(%q38, %q38) {name = "m39", outputs = ["m39"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q39 = onnx.node "Quant"(%m39, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q39", outputs = ["q39"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %m40 = onnx.node "MatMul"(%q39, %q39) {name = "m40", outputs = ["m40"]} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q40 = onnx.node "Quant"(%m40, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q40", outputs = ["q40"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    %y = onnx.node "Quant"(%q40, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "y", outputs = ["y"]} : (tensor<4x4xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> tensor<4x4xf32>
    return %y : tensor<4x4xf32>
  }
}
