// RUN: npc-opt %s -split-input-file --onnx-fold-constants | FileCheck %s
// What onnx-fold-constants leaves as it is, for the conversion to evaluate
// or refuse with its own message, the same with and without the pass.
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --npc-convert-onnx-to-qg --verify-diagnostics
// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg --verify-diagnostics

// An index out of range: an error, not a fold.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Gather"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %d = onnx.constant "d" dense<[1, 4]> : tensor<2xsi64>
    %i = onnx.constant "i" dense<5> : tensor<1xsi64>
    // expected-error @+1 {{node 'g' (Gather): index 5 is out of range}}
    %g = onnx.node "Gather"(%d, %i) {name = "g", outputs = ["g"]} : (tensor<2xsi64>, tensor<1xsi64>) -> !onnx.value
    %y = onnx.node "Reshape"(%x, %g) {name = "r", outputs = ["y"]} : (tensor<1x4xf32>, !onnx.value) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A stated type the value does not have: the conversion names it.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Add"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %a = onnx.constant "a" dense<[1, 4]> : tensor<2xsi64>
    %b = onnx.constant "b" dense<0> : tensor<si64>
    // expected-error @+1 {{node 'add' (Add): output 's' is stated as tensor<3xsi64>, but it is an integer tensor of shape [2]}}
    %s = onnx.node "Add"(%a, %b) {name = "add", outputs = ["s"]} : (tensor<2xsi64>, tensor<si64>) -> tensor<3xsi64>
    %y = onnx.node "Reshape"(%x, %s) {name = "r", outputs = ["y"]} : (tensor<1x4xf32>, tensor<3xsi64>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The shape of a float operator's output (its type is not one the
// conversion checks: it may be taken away by onnx-fuse-qdq).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Shape"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x4xf32>
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (tensor<1x4xf32>) -> tensor<1x4xf32>
    // expected-error @+1 {{node 'shape' (Shape): the shape of a float operator's output is known only after its QuantizeLinear}}
    %sh = onnx.node "Shape"(%r) {name = "shape", outputs = ["sh"]} : (tensor<1x4xf32>) -> tensor<2xsi64>
    %v = onnx.node "Reshape"(%xd, %sh) {name = "view", outputs = ["v"]} : (tensor<1x4xf32>, tensor<2xsi64>) -> tensor<1x4xf32>
    %y = onnx.node "QuantizeLinear"(%v, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A cast to a type npc does not evaluate.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Cast"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %a = onnx.constant "a" dense<[1.0, 4.0]> : tensor<2xf32>
    // expected-error @+1 {{node 'cast' (Cast): Cast to float16 is not supported}}
    %c = onnx.node "Cast"(%a) {name = "cast", outputs = ["c"], attrs = {to = 10 : i64}} : (tensor<2xf32>) -> !onnx.value
    %y = onnx.node "Reshape"(%x, %c) {name = "r", outputs = ["y"]} : (tensor<1x4xf32>, !onnx.value) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A zero point's narrowed range, which a folded constant would drop; and
// a result over 65,536 elements (not shape arithmetic: the conversion
// makes it and counts it against npc's limit on constants).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Identity"
// CHECK: onnx.node "ConstantOfShape"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si4> {narrowed_range = array<i64: -7, 7>}
    %zi = onnx.node "Identity"(%z) {name = "zid", outputs = ["zi"]} : (tensor<si4>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %zi) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, !onnx.value) -> !onnx.value
    %shape = onnx.constant "shape" dense<[300, 300]> : tensor<2xsi64>
    %big = onnx.node "ConstantOfShape"(%shape) {name = "cos", outputs = ["bigf"], attrs = {value = dense<0> : tensor<1xsi8>}}
        : (tensor<2xsi64>) -> !onnx.value
    return %y : !onnx.value
  }
}
