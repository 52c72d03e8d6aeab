// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg | FileCheck %s

// An omitted zero point of a QLinear node's input is 0 of that input's
// type (ONNX and onnxruntime type an input and its zero point alike). The
// contrib operators of one type T (QLinearAdd, ...) give Y A's type when
// Y's zero point is omitted, as onnxruntime infers it.

// CHECK-LABEL: func.func @main
// CHECK: qg.add {{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32} : (tensor<1x2x!quant.uniform<i8:f32, 5.000000e-01>>, tensor<1x2x!quant.uniform<i8:f32, 5.000000e-01>>) -> tensor<1x2x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2xsi8>, %b: tensor<1x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["a", "b"], npc.output_names = ["c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %none = onnx.none
    %c = onnx.node "QLinearAdd"(%a, %s, %none, %b, %s, %none, %s, %none) {domain = "com.microsoft", name = "add", outputs = ["c"]}
        : (tensor<1x2xsi8>, tensor<f32>, none, tensor<1x2xsi8>, tensor<f32>, none, tensor<f32>, none) -> !onnx.value
    return %c : !onnx.value
  }
}

// -----

// An int8 constant input without a zero point is read as int8 (-3), not as
// uint8's bits (253); QLinearConv's int8 x likewise, its y uint8.
// CHECK-LABEL: func.func @main
// CHECK: qg.constant dense<{{\[\[}}-3, 2]]> : tensor<1x2xi8> : tensor<1x2x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK: qg.add
// CHECK: qg.conv2d {{.*}} : (tensor<1x1x2x2x!quant.uniform<i8:f32, 5.000000e-01>>, {{.*}}) -> tensor<1x1x2x2x!quant.uniform<u8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2xui8>, %x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["a", "x"], npc.output_names = ["c", "y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %sk = onnx.constant "sk" dense<0.25> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %k = onnx.constant "k" dense<[[-3, 2]]> : tensor<1x2xsi8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %none = onnx.none
    %c = onnx.node "QLinearAdd"(%a, %s, %z, %k, %sk, %none, %s, %z) {domain = "com.microsoft", name = "add", outputs = ["c"]}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>, tensor<1x2xsi8>, tensor<f32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "QLinearConv"(%x, %s, %none, %w, %s, %zw, %s, %none) {name = "conv", outputs = ["y"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, none, tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>, tensor<f32>, none) -> !onnx.value
    return %c, %y : !onnx.value, !onnx.value
  }
}
