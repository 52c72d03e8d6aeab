// RUN: npc-opt %s --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s --implicit-check-not=qg.mul --implicit-check-not=qg.rescale

// A chain of float elementwise ops of one dequantized activation, here SiLU
// as torch exports it (x * sigmoid(x)), is one qg.table on the input codes:
// no qg.mul and no 16-bit intermediate. Its entries equal onnxruntime's
// (python/tests/test_function_chains.py checks every code).
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: %[[T:.*]] = qg.table %[[Q]] {table = array<i32: {{[0-9, ]+}}>} : tensor<1x8x!quant.uniform<u8:f32, {{.*}}:128>> -> tensor<1x8x!quant.uniform<u8:f32, {{.*}}:20>>
// CHECK: qg.dequantize %[[T]]
module attributes {onnx.opset = 14 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.04> : tensor<f32>
    %zy = onnx.constant "zy" dense<20> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sig = onnx.node "Sigmoid"(%d) {name = "sig", outputs = ["sig"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%d, %sig) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
