// RUN: npc-opt %s -split-input-file -verify-diagnostics

func.func @outputs_count(%x: tensor<2xf32>) {
  // expected-error @+1 {{'onnx.node' op names 2 outputs but has 1 results}}
  %y = onnx.node "Relu"(%x) {name = "r", outputs = ["y", "z"]} : (tensor<2xf32>) -> !onnx.value
  return
}

// -----

func.func @empty_op_type(%x: tensor<2xf32>) {
  // expected-error @+1 {{'onnx.node' op has an empty op_type}}
  %y = onnx.node ""(%x) {name = "r", outputs = ["y"]} : (tensor<2xf32>) -> !onnx.value
  return
}
