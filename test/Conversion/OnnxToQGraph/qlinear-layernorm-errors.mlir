// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// npc's QLinearLayerNormalization (onnx-fuse-qdq's DQ -> LayerNormalization
// -> Q) reads Scale and B as LayerNormalization does: constants with one
// value or one per element of the last axis, which it normalizes.
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %g = onnx.constant "g" dense<[1.0, 2.0]> : tensor<2xf32>
    %none = onnx.none
    // expected-error @+1 {{node 'ln' (LayerNormalization): Scale has 2 values, expected 3}}
    %y = onnx.node "QLinearLayerNormalization"(%x, %s, %z, %g, %none, %s, %z) {domain = "npc", name = "ln", outputs = ["y"], source_op_type = "LayerNormalization"}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<2xf32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %g = onnx.constant "g" dense<1.0> : tensor<f32>
    %none = onnx.none
    // expected-error @+1 {{node 'ln' (QLinearLayerNormalization): only LayerNormalization over the last axis is supported (axis 0 of rank 2)}}
    %y = onnx.node "QLinearLayerNormalization"(%x, %s, %z, %g, %none, %s, %z) {domain = "npc", name = "ln", outputs = ["y"], attrs = {axis = 0 : i64}}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Its Scale is a constant, not an activation.
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %none = onnx.none
    // expected-error @+1 {{node 'ln' (QLinearLayerNormalization): Scale must be a constant (an initializer, or DequantizeLinear of one)}}
    %y = onnx.node "QLinearLayerNormalization"(%x, %s, %z, %x, %none, %s, %z) {domain = "npc", name = "ln", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<2x3xui8>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's nodes take what they state, no more.
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %g = onnx.constant "g" dense<1.0> : tensor<f32>
    %axes = onnx.constant "axes" dense<[0]> : tensor<1xsi64>
    %none = onnx.none
    // expected-error @+1 {{node 'ln' (QLinearLayerNormalization): has 8 inputs; it takes 7 (X, its scale and zero point, Scale, B, Y's) or 9 (and y_min, y_max)}}
    %y = onnx.node "QLinearLayerNormalization"(%x, %s, %z, %g, %none, %s, %z, %z) {domain = "npc", name = "ln", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, none, tensor<f32>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    %y2 = onnx.node "QLinearReduceSum"(%x, %s, %z, %s, %z, %axes) {domain = "npc", name = "sum", outputs = ["y2"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<1xsi64>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %axes = onnx.constant "axes" dense<[0]> : tensor<1xsi64>
    // expected-error @+1 {{node 'sum' (QLinearReduceSum): has 6 inputs; it takes 5 or 7 (X, its scale and zero point, Y's, y_min, y_max)}}
    %y = onnx.node "QLinearReduceSum"(%x, %s, %z, %s, %z, %axes) {domain = "npc", name = "sum", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<1xsi64>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// torch's layer norm as arithmetic: a gamma that does not fit the last
// axis (a valid broadcast to [2, 5] here, not a layer norm of x) is refused
// at the chain's last node with the message a LayerNormalization gets,
// with and without the fusion (which does not know x's length).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x1xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["out0"]} {
    %c_sx = onnx.constant "sx" dense<0.1> : tensor<f32>
    %c_zx = onnx.constant "zx" dense<128> : tensor<ui8>
    %v0 = onnx.node "QuantizeLinear"(%x, %c_sx, %c_zx) {name = "qx", outputs = ["qx_o"]} : (tensor<2x1xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %v1 = onnx.node "DequantizeLinear"(%v0, %c_sx, %c_zx) {name = "dqx", outputs = ["dqx_o"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c_two = onnx.constant "two" dense<2.000000e+00> : tensor<f32>
    %c_eps = onnx.constant "eps" dense<1.000000e-05> : tensor<f32>
    %v2 = onnx.node "ReduceMean"(%v1) {name = "mean", outputs = ["mean_o"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %v3 = onnx.node "Sub"(%v1, %v2) {name = "sub", outputs = ["sub_o"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %v4 = onnx.node "Pow"(%v3, %c_two) {name = "pow", outputs = ["pow_o"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v5 = onnx.node "ReduceMean"(%v4) {name = "var", outputs = ["var_o"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %v6 = onnx.node "Add"(%v5, %c_eps) {name = "add_eps", outputs = ["add_eps_o"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v7 = onnx.node "Sqrt"(%v6) {name = "sqrt", outputs = ["sqrt_o"]} : (!onnx.value) -> !onnx.value
    %v8 = onnx.node "Div"(%v3, %v7) {name = "div", outputs = ["div_o"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %c_g = onnx.constant "g" dense<[1.000000e+00, 1.500000e+00, 2.000000e+00, 2.500000e+00, 3.000000e+00]> : tensor<5xf32>
    // expected-error @+1 {{node 'gamma' (Mul): Scale has 5 values, expected 1}}
    %v9 = onnx.node "Mul"(%v8, %c_g) {name = "gamma", outputs = ["gamma_o"]} : (!onnx.value, tensor<5xf32>) -> !onnx.value
    %c_qy_s = onnx.constant "qy_s" dense<0.25> : tensor<f32>
    %c_qy_z = onnx.constant "qy_z" dense<100> : tensor<ui8>
    %v10 = onnx.node "QuantizeLinear"(%v9, %c_qy_s, %c_qy_z) {name = "qy", outputs = ["qy_o"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c_sy_o = onnx.constant "sy_o" dense<0.25> : tensor<f32>
    %c_zy_o = onnx.constant "zy_o" dense<100> : tensor<ui8>
    %v11 = onnx.node "DequantizeLinear"(%v10, %c_sy_o, %c_zy_o) {name = "dqy", outputs = ["dqy_o"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %v11 : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<2x3xui8>, %b: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["a", "b"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    // expected-error @+1 {{node 'sub' (QLinearSub): has 9 inputs; it takes 8 (A, its scale and zero point, B's, C's)}}
    %y = onnx.node "QLinearSub"(%a, %s, %z, %b, %s, %z, %s, %z, %z) {domain = "npc", name = "sub", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
