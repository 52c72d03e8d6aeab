// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg --verify-diagnostics
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg --verify-diagnostics

// What the evaluator of nodes on constants (ConstantFolding.h) refuses,
// said at the node by the conversion on both routes: onnx-fold-constants
// leaves such a node for it.

// Two inputs of a Concat on constants whose extents differ off the axis (the
// copy would read past the second).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[[1, 2]]> : tensor<1x2xsi64>
    %b = onnx.constant "b" dense<[[3, 4, 5]]> : tensor<1x3xsi64>
    // expected-error @+1 {{node 'cat' (Concat): inputs of shapes [1, 2] and [1, 3] differ off axis 0}}
    %e = onnx.node "Concat"(%a, %b) {name = "cat", outputs = ["e"], attrs = {axis = 0 : i64}} : (tensor<1x2xsi64>, tensor<1x3xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Reshape to a shape whose element count int64 does not hold.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[1, 2]> : tensor<2xsi64>
    %b = onnx.constant "b" dense<[4611686018427387904, 4]> : tensor<2xsi64>
    // expected-error @+1 {{node 'r' (Reshape): shape [4611686018427387904, 4] has more elements than int64 holds}}
    %e = onnx.node "Reshape"(%a, %b) {name = "r", outputs = ["e"]} : (tensor<2xsi64>, tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// An integer division by zero.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[1, 2]> : tensor<2xsi64>
    %b = onnx.constant "b" dense<[1, 0]> : tensor<2xsi64>
    // expected-error @+1 {{node 'd' (Div): integer division by zero}}
    %e = onnx.node "Div"(%a, %b) {name = "d", outputs = ["e"]} : (tensor<2xsi64>, tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Shapes that do not broadcast.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[1, 2]> : tensor<2xsi64>
    %b = onnx.constant "b" dense<[1, 0, 3]> : tensor<3xsi64>
    // expected-error @+1 {{node 'add' (Add): shapes [2] and [3] do not broadcast}}
    %e = onnx.node "Add"(%a, %b) {name = "add", outputs = ["e"]} : (tensor<2xsi64>, tensor<3xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Slice of a 1-D constant by two starts.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[1, 2, 3]> : tensor<3xsi64>
    %st = onnx.constant "st" dense<[0, 1]> : tensor<2xsi64>
    %en = onnx.constant "en" dense<[2]> : tensor<1xsi64>
    // expected-error @+1 {{node 'sl' (Slice): starts and ends must hold one value}}
    %e = onnx.node "Slice"(%a, %st, %en) {name = "sl", outputs = ["e"]} : (tensor<3xsi64>, tensor<2xsi64>, tensor<1xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// An Expand to a negative extent.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[1, 2]> : tensor<2xsi64>
    %sh = onnx.constant "sh" dense<[-2, 2]> : tensor<2xsi64>
    // expected-error @+1 {{node 'ex' (Expand): shape [-2, 2] has a negative extent}}
    %e = onnx.node "Expand"(%a, %sh) {name = "ex", outputs = ["e"]} : (tensor<2xsi64>, tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A ConstantOfShape of a negative extent.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sh = onnx.constant "sh" dense<[3, -1]> : tensor<2xsi64>
    // expected-error @+1 {{node 'cos' (ConstantOfShape): shape entry -1 is not a size}}
    %e = onnx.node "ConstantOfShape"(%sh) {name = "cos", outputs = ["e"]} : (tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Reshape's 0 (copy the input's extent) past the input's rank.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[1, 2]> : tensor<2xsi64>
    %sh = onnx.constant "sh" dense<[2, 0]> : tensor<2xsi64>
    // expected-error @+1 {{node 'r0' (Reshape): shape entry 0 refers to a missing input dimension}}
    %e = onnx.node "Reshape"(%a, %sh) {name = "r0", outputs = ["e"]} : (tensor<2xsi64>, tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Gather of a constant along an axis it does not have.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[1, 2]> : tensor<2xsi64>
    %i = onnx.constant "i" dense<0> : tensor<si64>
    // expected-error @+1 {{node 'g' (Gather): axis out of range or indices not integers}}
    %e = onnx.node "Gather"(%a, %i) {name = "g", outputs = ["e"], attrs = {axis = 1 : i64}} : (tensor<2xsi64>, tensor<si64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Transpose of a constant whose perm lists an axis twice (the copy would
// read past the constant).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<[[1, 2], [3, 4]]> : tensor<2x2xsi64>
    // expected-error @+1 {{node 't' (Transpose): perm lists axis 0 twice}}
    %e = onnx.node "Transpose"(%a) {name = "t", outputs = ["e"], attrs = {perm = array<i64: 0, 0>}} : (tensor<2x2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// An Add of bool tensors (ONNX's Add takes numbers).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %a = onnx.constant "a" dense<true> : tensor<2xi1>
    // expected-error @+1 {{node 'add' (Add): Add of bool tensors is not defined}}
    %e = onnx.node "Add"(%a, %a) {name = "add", outputs = ["e"]} : (tensor<2xi1>, tensor<2xi1>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
