// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// The conversion has no QDQ fusion of its own: a float operator between
// DequantizeLinear and QuantizeLinear that onnx-fuse-qdq did not make one
// integer operator (here the fusion did not run) is refused at the
// operator, with the reason its checks find in the cluster, else that the
// fusion did not make it.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): onnx-fuse-qdq did not make it, its DequantizeLinear and the QuantizeLinear after it one integer operator; npc converts a QDQ cluster only so fused}}
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'sig' (Sigmoid): onnx-fuse-qdq did not make the chain of float functions that ends here one lookup table; npc converts a QDQ cluster only so fused}}
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The cluster's own checks come first: a weight from no initializer, a
// QuantizeLinear per channel after a function.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>, %w: tensor<1x1x1x1xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x", "w"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): weight must be a DequantizeLinear of an initializer}}
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<[0.5, 0.25, 0.5, 0.25]> : tensor<4xf32>
    %z2 = onnx.constant "z2" dense<0> : tensor<4xui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'qy' (QuantizeLinear): the QuantizeLinear after a function must be per tensor}}
    %y = onnx.node "QuantizeLinear"(%g, %s2, %z2) {name = "qy", outputs = ["y"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<4xf32>, tensor<4xui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
