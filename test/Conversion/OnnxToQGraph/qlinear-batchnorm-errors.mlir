// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// DequantizeLinear -> BatchNormalization -> QuantizeLinear, which
// onnx-fuse-qdq makes npc's QLinearBatchNormalization, is refused at the
// BatchNormalization (emitBatchNorm checks it): its parameters hold one
// value per channel of an NCHW input.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %p = onnx.constant "p" dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'bn' (BatchNormalization): scale must hold one float per channel (2)}}
    %bn = onnx.node "BatchNormalization"(%xd, %p, %p, %p, %p) {name = "bn", outputs = ["bn"]}
        : (!onnx.value, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %p = onnx.constant "p" dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'bn' (BatchNormalization): only BatchNormalization on NCHW tensors is supported}}
    %bn = onnx.node "BatchNormalization"(%xd, %p, %p, %p, %p) {name = "bn", outputs = ["bn"]}
        : (!onnx.value, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A variance of -epsilon divides by zero.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %p = onnx.constant "p" dense<[1.0, 2.0]> : tensor<2xf32>
    %var = onnx.constant "var" dense<[1.0, -1.0]> : tensor<2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'bn' (BatchNormalization): channel 1 has no finite scale / sqrt(var + epsilon)}}
    %bn = onnx.node "BatchNormalization"(%xd, %p, %p, %p, %var) {name = "bn", outputs = ["bn"], attrs = {epsilon = 1.0 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %p = onnx.constant "p" dense<[1.0, 2.0]> : tensor<2xf32>
    // expected-error @+1 {{node 'bn' (QLinearBatchNormalization): has 8 inputs; it takes 9 (X, its scale and zero point, scale, B, input_mean, input_var, Y's) or 11 (and y_min, y_max)}}
    %y = onnx.node "QLinearBatchNormalization"(%x, %s, %z, %p, %p, %p, %p, %s) {domain = "npc", name = "bn", outputs = ["y"]}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's node in training mode is refused as the ONNX node is.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %p = onnx.constant "p" dense<[1.0, 2.0]> : tensor<2xf32>
    // expected-error @+1 {{node 'bn' (QLinearBatchNormalization): training_mode=1 is not supported (npc folds the running mean and variance; export the model in eval mode)}}
    %y = onnx.node "QLinearBatchNormalization"(%x, %s, %z, %p, %p, %p, %p, %s, %z)
           {domain = "npc", name = "bn", outputs = ["y"], attrs = {training_mode = 1 : i64}}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
