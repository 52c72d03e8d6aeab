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

// -----

// A default-domain node must have the inputs its operator takes at the
// module's opset (ONNX's operator schemas), for the operators npc converts;
// an extra one was ignored, a missing one read as absent.
module attributes {onnx.opset = 13 : i64} {
  func.func @conv_four_inputs(%x: tensor<1x1x2x2xf32>, %w: tensor<1x1x1x1xf32>) {
    // expected-error @+1 {{node 'conv' (Conv): has 4 inputs; it takes 2 to 3 (X, W, B)}}
    %y = onnx.node "Conv"(%x, %w, %w, %w) {name = "conv", outputs = ["y"]} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>) -> !onnx.value
    return
  }
}

// -----

// Where the count changed between opsets, the message names the opset:
// Unsqueeze's axes are an input from opset 13 on.
module attributes {onnx.opset = 13 : i64} {
  func.func @unsqueeze_without_axes(%x: tensor<2xf32>) {
    // expected-error @+1 {{node 'u' (Unsqueeze): has 1 input; at opset 13 it takes 2 (data, axes)}}
    %y = onnx.node "Unsqueeze"(%x) {name = "u", outputs = ["y"], attrs = {axes = array<i64: 0>}} : (tensor<2xf32>) -> !onnx.value
    return
  }
}

// -----

// An attribute ONNX made an input is invalid from that opset on (it would
// be read with the other form's meaning, or dropped): Clip's bounds from
// opset 11 (here in a chain a table would have taken, its clamp gone),
// ReduceMean's axes from 18, Split's sizes from 13.
module attributes {onnx.opset = 13 : i64} {
  func.func @clip_bounds_as_attributes(%x: tensor<1x4xf32>) {
    // expected-error @+1 {{node 'clip' (Clip): min and max are inputs from opset 11 on (this model's is 13), not attributes}}
    %c = onnx.node "Clip"(%x) {name = "clip", outputs = ["c"], attrs = {min = 0.0 : f32, max = 0.5 : f32}} : (tensor<1x4xf32>) -> !onnx.value
    return
  }
}

// -----

module attributes {onnx.opset = 18 : i64} {
  func.func @reduce_mean_axes_attribute(%x: tensor<2x4xf32>) {
    // expected-error @+1 {{node 'mean' (ReduceMean): axes is an input from opset 18 on (this model's is 18), not an attribute}}
    %m = onnx.node "ReduceMean"(%x) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (tensor<2x4xf32>) -> !onnx.value
    return
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @split_sizes_attribute(%x: tensor<4xf32>) {
    // expected-error @+1 {{node 'split' (Split): split is an input from opset 13 on (this model's is 13), not an attribute}}
    %a, %b = onnx.node "Split"(%x) {name = "split", outputs = ["a", "b"], attrs = {split = array<i64: 1, 3>}} : (tensor<4xf32>) -> (!onnx.value, !onnx.value)
    return
  }
}

// -----

// Before that opset the attribute is the form: ReduceMean's axes at 17.
module attributes {onnx.opset = 17 : i64} {
  func.func @reduce_mean_axes_attribute_at_17(%x: tensor<2x4xf32>) {
    %m = onnx.node "ReduceMean"(%x) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (tensor<2x4xf32>) -> !onnx.value
    return
  }
}

// -----

// An omitted input (onnx.none) counts: QLinearMatMul takes all eight.
module attributes {onnx.opset = 13 : i64} {
  func.func @qlinearmatmul_seven(%a: tensor<2x2xui8>, %s: tensor<f32>, %z: tensor<ui8>) {
    // expected-error @+1 {{node 'mm' (QLinearMatMul): has 7 inputs; it takes 8 (a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point)}}
    %y = onnx.node "QLinearMatMul"(%a, %s, %z, %a, %s, %z, %s) {name = "mm", outputs = ["y"]} : (tensor<2x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>) -> !onnx.value
    return
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @concat_of_nothing() {
    // expected-error @+1 {{node 'c' (Concat): has 0 inputs; it takes at least 1 (inputs)}}
    %y = onnx.node "Concat"() {name = "c", outputs = ["y"], attrs = {axis = 0 : i64}} : () -> !onnx.value
    return
  }
}

// -----

// A node that keeps its input's shape states that shape: passes read a
// rank through it from either side.
module attributes {onnx.opset = 13 : i64} {
  func.func @stated_shape(%x: tensor<2x3xui8>) {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    // expected-error @+1 {{node 'dq' (DequantizeLinear): its output is stated as 'tensor<3x2xf32>', but the operator keeps its input's shape ('tensor<2x3xui8>')}}
    %y = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq", outputs = ["y"]}
        : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<3x2xf32>
    return
  }
}

// -----

func.func @stated_shape_quant(%x: tensor<2x3xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{node 'q' (Quant): its output is stated as 'tensor<6xf32>', but the operator keeps its input's shape ('tensor<2x3xf32>')}}
  %y = onnx.node "Quant"(%x, %s, %s, %s) {domain = "qonnx.custom_op.general", name = "q", outputs = ["y"]}
      : (tensor<2x3xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<6xf32>
  return
}
