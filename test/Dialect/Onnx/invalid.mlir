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

// -----

func.func @narrowed_range_on_floats() {
  // expected-error @+1 {{'onnx.constant' op narrowed_range needs integer codes of at most 16 bits, got 'f32'}}
  %z = onnx.constant "z" dense<0.0> : tensor<f32> {narrowed_range = array<i64: 0, 7>}
  return
}

// -----

func.func @narrowed_range_reversed() {
  // expected-error @+1 {{'onnx.constant' op narrowed_range must be two bounds lo <= hi}}
  %z = onnx.constant "z" dense<0> : tensor<si4> {narrowed_range = array<i64: 7, -7>}
  return
}

// -----

func.func @narrowed_range_past_type() {
  // expected-error @+1 {{'onnx.constant' op narrowed_range [-9, 7] is not inside 'si4''s [-8, 7]}}
  %z = onnx.constant "z" dense<0> : tensor<si4> {narrowed_range = array<i64: -9, 7>}
  return
}

// -----

func.func @narrowed_range_value_outside() {
  // expected-error @+1 {{'onnx.constant' op value 15 is outside narrowed_range [0, 14]}}
  %z = onnx.constant "z" dense<[3, 15]> : tensor<2xui4> {narrowed_range = array<i64: 0, 14>}
  return
}
