// RUN: npc-opt %s -split-input-file --onnx-fold-constants | FileCheck %s
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fold-constants | FileCheck %s
// What the conversion makes or says on npc compile's route, and that
// folding twice changes none of it.
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -mlir-print-debuginfo > %t.once 2>&1 || true
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -mlir-print-debuginfo > %t.twice 2>&1 || true
// RUN: diff %t.once %t.twice
// RUN: FileCheck %s --check-prefix=QG < %t.once
// RUN: FileCheck %s --check-prefix=ERR < %t.once

// torch's x.view(x.size(0), -1): Shape -> Gather -> Unsqueeze -> Concat
// -> Reshape. Shape reads x's codes' type (a graph input's, checked);
// the chain folds to the constant [1, -1], named after the Concat's
// output, and the Reshape of the dequantized x, left as it is, gets the
// type [1, 16] (ONNX 1.12's inference leaves it untyped).
// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.node "Shape"
// CHECK-NOT: onnx.node "Gather"
// CHECK-NOT: onnx.node "Unsqueeze"
// CHECK-NOT: onnx.node "Concat"
// CHECK: %[[SHAPE:.*]] = onnx.constant "cat" dense<[1, -1]> : tensor<2xsi64>
// CHECK: onnx.node "Reshape"(%{{.*}}, %[[SHAPE]]) {name = "view", outputs = ["v"]} : (tensor<1x4x2x2xf32>, tensor<2xsi64>) -> tensor<1x16xf32>
// QG-LABEL: func.func @main
// QG: qg.reshape %arg0 : tensor<1x4x2x2xui8> -> tensor<1x16xui8>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4x2x2xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %i0 = onnx.constant "i0" dense<0> : tensor<si64>
    %a0 = onnx.constant "a0" dense<0> : tensor<1xsi64>
    %m1 = onnx.constant "m1" dense<-1> : tensor<1xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4x2x2xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x4x2x2xf32>
    %sh = onnx.node "Shape"(%x) {name = "shape", outputs = ["sh"]} : (tensor<1x4x2x2xui8>) -> tensor<4xsi64>
    %n = onnx.node "Gather"(%sh, %i0) {name = "gather", outputs = ["n"], attrs = {axis = 0 : i64}}
        : (tensor<4xsi64>, tensor<si64>) -> tensor<si64>
    %n1 = onnx.node "Unsqueeze"(%n, %a0) {name = "unsq", outputs = ["n1"]}
        : (tensor<si64>, tensor<1xsi64>) -> tensor<1xsi64>
    %cat = onnx.node "Concat"(%n1, %m1) {name = "concat", outputs = ["cat"], attrs = {axis = 0 : i64}}
        : (tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %v = onnx.node "Reshape"(%xd, %cat) {name = "view", outputs = ["v"]} : (tensor<1x4x2x2xf32>, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%v, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Arithmetic on constants with numpy broadcasting, as ONNX computes it in
// float32: Add([1, 2], [[0.5], [0.25]]) (a Constant node is an
// onnx.constant of its value) and Div(7, 2) in int64; Where of
// an Equal picks per element; ConstantOfShape fills; Cast truncates.
// CHECK-LABEL: func.func @main
// CHECK-DAG: onnx.constant "sum" dense<{{\[}}[1.500000e+00, 2.500000e+00], [1.250000e+00, 2.250000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: onnx.constant "q" dense<3> : tensor<si64>
// CHECK-DAG: onnx.constant "w" dense<[5, 0, 5]> : tensor<3xsi64>
// CHECK-DAG: onnx.constant "fill" dense<7> : tensor<2x3xsi8>
// CHECK-DAG: onnx.constant "t" dense<[2, -1]> : tensor<2xsi32>
// int8 100 + 100 wraps to -56 as in ONNX; int64 2^53 + 1 is not 2^53
// (compared as integers, not through a double); a [0, 5] flattens to
// [0, 5].
// CHECK-DAG: onnx.constant "wrap" dense<-56> : tensor<si8>
// CHECK-DAG: onnx.constant "ne" dense<false> : tensor<i1>
// CHECK-DAG: onnx.constant "flat" dense<> : tensor<0x5xf32>
// CHECK-NOT: "Constant"
// A graph output stays a node (the conversion decides what it is).
// CHECK: onnx.node "Identity"(%{{.*}}) {name = "out", outputs = ["y"]}
// CHECK-NOT: onnx.node
// ERR: error: graph output 'y' is a constant
module attributes {onnx.opset = 13 : i64} {
  func.func @main() -> (!onnx.value)
      attributes {npc.input_names = [], npc.output_names = ["y"]} {
    %a = onnx.node "Constant"() {name = "ca", outputs = ["a"], attrs = {value = dense<[1.0, 2.0]> : tensor<2xf32>}} : () -> tensor<2xf32>
    %b = onnx.constant "b" dense<[[0.5], [0.25]]> : tensor<2x1xf32>
    %seven = onnx.constant "seven" dense<7> : tensor<si64>
    %two = onnx.constant "two" dense<2> : tensor<si64>
    %e = onnx.constant "e" dense<[1, 2, 1]> : tensor<3xsi64>
    %one = onnx.constant "one" dense<1> : tensor<si64>
    %five = onnx.constant "five" dense<5> : tensor<si64>
    %zero = onnx.constant "zero" dense<0> : tensor<1xsi64>
    %shape = onnx.constant "shape" dense<[2, 3]> : tensor<2xsi64>
    %f = onnx.constant "f" dense<[2.75, -1.5]> : tensor<2xf32>
    %sum = onnx.node "Add"(%a, %b) {name = "add", outputs = ["sum"]} : (tensor<2xf32>, tensor<2x1xf32>) -> !onnx.value
    %q = onnx.node "Div"(%seven, %two) {name = "div", outputs = ["q"]} : (tensor<si64>, tensor<si64>) -> !onnx.value
    %eq = onnx.node "Equal"(%e, %one) {name = "eq", outputs = ["eq"]} : (tensor<3xsi64>, tensor<si64>) -> !onnx.value
    %w = onnx.node "Where"(%eq, %five, %zero) {name = "where", outputs = ["w"]}
        : (!onnx.value, tensor<si64>, tensor<1xsi64>) -> !onnx.value
    %fill = onnx.node "ConstantOfShape"(%shape) {name = "cos", outputs = ["fill"], attrs = {value = dense<7> : tensor<1xsi8>}}
        : (tensor<2xsi64>) -> !onnx.value
    %t = onnx.node "Cast"(%f) {name = "cast", outputs = ["t"], attrs = {to = 6 : i64}} : (tensor<2xf32>) -> !onnx.value
    %h = onnx.constant "h" dense<100> : tensor<si8>
    %wrap = onnx.node "Add"(%h, %h) {name = "wrapadd", outputs = ["wrap"]} : (tensor<si8>, tensor<si8>) -> !onnx.value
    %big = onnx.constant "big" dense<9007199254740993> : tensor<si64>
    %big2 = onnx.constant "big2" dense<9007199254740992> : tensor<si64>
    %ne = onnx.node "Equal"(%big, %big2) {name = "eqbig", outputs = ["ne"]} : (tensor<si64>, tensor<si64>) -> !onnx.value
    %empty = onnx.constant "empty" dense<> : tensor<0x5xf32>
    %flat = onnx.node "Flatten"(%empty) {name = "flatten", outputs = ["flat"], attrs = {axis = 1 : i64}} : (tensor<0x5xf32>) -> !onnx.value
    %y = onnx.node "Identity"(%sum) {name = "out", outputs = ["y"]} : (!onnx.value) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Pow of a MaxPool by a Constant node's float scalar is a Pow by a float
// scalar as one by an initializer is (the pool then runs on the codes, and
// the Pow is a table of them), with and without onnx-fold-constants, which
// makes the Constant node an onnx.constant (seed 11's case 1456, whose
// exponent was an initializer only after the pass). sqrt of a negative
// value is NaN, code -128, as onnxruntime gives it.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "e" dense<5.000000e-01> : tensor<f32>
// QG-LABEL: func.func @main
// QG: qg.max_pool
// QG: qg.table %{{.*}} {table = array<i32: 57, 94, 109, 120, 127,
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %s = onnx.constant "s" dense<0.0442596897> : tensor<f32>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<si8>) -> tensor<1x1x2x2xsi8>
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> tensor<1x1x2x2xf32>
    %m = onnx.node "MaxPool"(%d) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 2, 2>}}
        : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
    %e = onnx.node "Constant"() {name = "ce", outputs = ["e"], attrs = {value = dense<0.5> : tensor<f32>}} : () -> tensor<f32>
    %p = onnx.node "Pow"(%m, %e) {name = "pow", outputs = ["p"]} : (tensor<1x1x1x1xf32>, tensor<f32>) -> tensor<1x1x1x1xf32>
    %s2 = onnx.constant "s2" dense<0.0057537118> : tensor<f32>
    %z2 = onnx.constant "z2" dense<57> : tensor<si8>
    %y = onnx.node "QuantizeLinear"(%p, %s2, %z2) {name = "qy", outputs = ["y"]}
        : (tensor<1x1x1x1xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}
