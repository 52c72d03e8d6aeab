// RUN: not npc-opt %s --npc-convert-onnx-to-qg 2>&1 | FileCheck %s
// RUN: not npc-opt %s --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg 2>&1 | FileCheck %s

// A product's stated rank that is wrong: a MatMul of [2, 3] by [3, 4]
// stated as [1, 2, 4], with a bias of rank 3 after it. The conversion
// checks a float operator's stated type only at its QuantizeLinear,
// which the fusion may take away with the operator, so onnx-fuse-qdq
// does not read it (checkedType): it finds the product's rank 2 from its
// inputs, leaves the bias, and the conversion refuses it on both routes.
// Read, the rank would have folded the bias into the product
// (helper-73's holes, of layer norms, PRelus and Muls alike).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%af: tensor<2x3xf32>) -> tensor<1x2x4xui8>
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<3x4xui8>
    %bias = onnx.constant "bias" dense<[[[1.0, 2.0, 3.0, 4.0]]]> : tensor<1x1x4xf32>
    %a = onnx.node "QuantizeLinear"(%af, %s, %z) {name = "qa", outputs = ["aq"]}
        : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<2x3xf32>
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<3x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<3x4xf32>
    %m = onnx.node "MatMul"(%ad, %wd) {name = "mm", outputs = ["m"]}
        : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<1x2x4xf32>
    // CHECK: error: node 'add' (Add): input 'bias' of shape [1, 1, 4], the bias of 'mm', has a higher rank than the product (2), whose shape npc's result keeps: give it rank 2 or less
    %b = onnx.node "Add"(%m, %bias) {name = "add", outputs = ["b"]}
        : (tensor<1x2x4xf32>, tensor<1x1x4xf32>) -> tensor<1x2x4xf32>
    %y = onnx.node "QuantizeLinear"(%b, %s, %z) {name = "qy", outputs = ["y"]}
        : (tensor<1x2x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x4xui8>
    return %y : tensor<1x2x4xui8>
  }
}
