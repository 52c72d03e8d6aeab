// The same ops and errors when onnx-fuse-qdq runs first (a lookup then
// reaches the conversion as npc's QLinearGather of the table's codes):
// RUN: npc-opt %s --split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg --verify-diagnostics | FileCheck %s
// RUN: npc-opt %s --split-input-file --onnx-fuse-qdq | FileCheck %s --check-prefix=FUSED

// FUSED-LABEL: func.func @main
// FUSED: %[[C:.*]] = onnx.constant "/emb/Gather.codes" dense<{{\[\[}}-1, 2, 7], [3, 1, 127]]> : tensor<2x3xsi8>
// FUSED: onnx.node "QLinearGather"(%[[C]], %{{.*}}, %{{.*}}, %arg0) {domain = "npc", name = "/emb/Gather", outputs = ["q"], source_op_type = "Gather"}
// FUSED-NOT: QuantizeLinear

// An embedding lookup as torch exports nn.Embedding with its output
// fake-quantized: Gather of a float table by int64 token ids, then
// QuantizeLinear. The ids become int32 (the host narrows them) and the
// Gather one qg.gather of the table quantized with the QuantizeLinear's
// parameters. Worked out by hand at scale 0.5, zero point 1 (int8):
// [-1.0, 0.26, 3.0] -> round_half_even([-2, 0.52, 6]) + 1 = [-1, 2, 7];
// [0.75, -0.25, 100.0] -> [1.5, -0.5, 200] -> [2, 0, 201 saturated to 127]
// + 1 = [3, 1, 127].
// CHECK-LABEL: func.func @main(%arg0: tensor<1x4xi32>)
// CHECK: %[[T:.*]] = qg.constant dense<{{\[\[}}-1, 2, 7], [3, 1, 127]]> : tensor<2x3xi8> : tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:1>>
// CHECK: qg.gather %arg0, %[[T]] : (tensor<1x4xi32>, tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:1>>) -> tensor<1x4x3x!quant.uniform<i8:f32, 5.000000e-01:1>>
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%ids: tensor<1x4xi64>) -> !onnx.value
      attributes {npc.input_names = ["ids"], npc.output_names = ["y"]} {
    %t = onnx.constant "emb.weight" dense<[[-1.0, 0.26, 3.0], [0.75, -0.25, 100.0]]> : tensor<2x3xf32>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<1> : tensor<si8>
    %g = onnx.node "Gather"(%t, %ids) {name = "/emb/Gather", outputs = ["g"]}
        : (tensor<2x3xf32>, tensor<1x4xi64>) -> !onnx.value
    %q = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "q", outputs = ["q"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A table quantized per row (a dequantized constant, as a QAT embedding's
// fake-quantized weight exports): its values as DequantizeLinear gives them,
// [[2, -4] x 0.5, [10, 1] x 0.25] = [[1, -2], [2.5, 0.25]], quantized at
// scale 0.5: [[2, -4], [5, 0]] (0.5 rounds to even).
// CHECK-LABEL: func.func @main(%arg0: tensor<3xi32>)
// CHECK: %[[T:.*]] = qg.constant dense<{{\[\[}}2, -4], [5, 0]]> : tensor<2x2xi8> : tensor<2x2x!quant.uniform<i8:f32, 5.000000e-01>>
// CHECK: qg.gather %arg0, %[[T]] : (tensor<3xi32>, tensor<2x2x!quant.uniform<i8:f32, 5.000000e-01>>) -> tensor<3x2x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%ids: tensor<3xi64>) -> !onnx.value
      attributes {npc.input_names = ["ids"], npc.output_names = ["y"]} {
    %tq = onnx.constant "wq" dense<[[2, -4], [10, 1]]> : tensor<2x2xsi8>
    %ts = onnx.constant "ws" dense<[0.5, 0.25]> : tensor<2xf32>
    %tz = onnx.constant "wz" dense<0> : tensor<2xsi8>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %t = onnx.node "DequantizeLinear"(%tq, %ts, %tz) {name = "w_dq", outputs = ["w"], attrs = {axis = 0 : i64}}
        : (tensor<2x2xsi8>, tensor<2xf32>, tensor<2xsi8>) -> !onnx.value
    %g = onnx.node "Gather"(%t, %ids) {name = "emb", outputs = ["g"]}
        : (!onnx.value, tensor<3xi64>) -> !onnx.value
    %q = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "q", outputs = ["q"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A table indexed along its width is not an embedding lookup.
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%ids: tensor<1x4xi64>) -> !onnx.value
      attributes {npc.input_names = ["ids"], npc.output_names = ["y"]} {
    %t = onnx.constant "emb.weight" dense<[[-1.0, 0.26, 3.0], [0.75, -0.25, 100.0]]> : tensor<2x3xf32>
    // expected-error @+1 {{node '/emb/Gather' (Gather): an embedding lookup (a constant table indexed by an integer input) needs a table [rows, width] indexed along axis 0; got [2, 3], axis 1}}
    %g = onnx.node "Gather"(%t, %ids) {name = "/emb/Gather", outputs = ["g"], attrs = {axis = 1 : i64}}
        : (tensor<2x3xf32>, tensor<1x4xi64>) -> !onnx.value
    return %g : !onnx.value
  }
}

// -----

// A Relu between the lookup and its QuantizeLinear clamps the table's
// codes at the zero point 1: [-1, 2, 7] -> [1, 2, 7]. A Clip of the codes
// after the QuantizeLinear (torch's QAT) rescales the gathered codes to
// [0, 5]. The fused form has the Relu in its table and leaves that Clip.
// CHECK-LABEL: func.func @main(%arg0: tensor<1x4xi32>)
// CHECK: %[[T:.*]] = qg.constant dense<{{\[\[}}1, 2, 7], [3, 1, 127]]> : tensor<2x3xi8> : tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:1>>
// CHECK: %[[G:.*]] = qg.gather %arg0, %[[T]]
// CHECK: qg.rescale %[[G]] {clamp_max = 5 : i32, clamp_min = 0 : i32}
// FUSED-LABEL: func.func @main
// FUSED: onnx.constant "/emb/Gather.codes" dense<{{\[\[}}1, 2, 7], [3, 1, 127]]> : tensor<2x3xsi8>
// FUSED: %[[G:.*]] = onnx.node "QLinearGather"
// FUSED: onnx.node "Clip"(%[[G]],
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%ids: tensor<1x4xi64>) -> !onnx.value
      attributes {npc.input_names = ["ids"], npc.output_names = ["y"]} {
    %t = onnx.constant "emb.weight" dense<[[-1.0, 0.26, 3.0], [0.75, -0.25, 100.0]]> : tensor<2x3xf32>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<1> : tensor<si8>
    %lo = onnx.constant "lo" dense<0> : tensor<si8>
    %hi = onnx.constant "hi" dense<5> : tensor<si8>
    %g = onnx.node "Gather"(%t, %ids) {name = "/emb/Gather", outputs = ["g"]}
        : (tensor<2x3xf32>, tensor<1x4xi64>) -> !onnx.value
    %r = onnx.node "Relu"(%g) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %q = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "q", outputs = ["q"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Clip"(%q, %lo, %hi) {name = "clip", outputs = ["c"]}
        : (!onnx.value, tensor<si8>, tensor<si8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%c, %s, %z) {name = "dq", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's QLinearGather written by hand: its data are an integer constant,
// its indices an integer input, and it takes four inputs.
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%ids: tensor<3xi64>) -> !onnx.value
      attributes {npc.input_names = ["ids"], npc.output_names = ["y"]} {
    %t = onnx.constant "t" dense<[[1.0, 2.0]]> : tensor<1x2xf32>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    // expected-error @+1 {{node 'emb' (QLinearGather): data must be an integer constant (an embedding table's codes)}}
    %g = onnx.node "QLinearGather"(%t, %s, %z, %ids) {domain = "npc", name = "emb", outputs = ["y"]}
        : (tensor<1x2xf32>, tensor<f32>, tensor<si8>, tensor<3xi64>) -> !onnx.value
    return %g : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %t = onnx.constant "t" dense<[[1, 2]]> : tensor<1x2xsi8>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    // expected-error @+1 {{node 'emb' (QLinearGather): indices must be an integer input (token ids)}}
    %g = onnx.node "QLinearGather"(%t, %s, %z, %x) {domain = "npc", name = "emb", outputs = ["y"]}
        : (tensor<1x2xsi8>, tensor<f32>, tensor<si8>, tensor<3xf32>) -> !onnx.value
    return %g : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 17 : i64} {
  func.func @main(%ids: tensor<3xi64>) -> !onnx.value
      attributes {npc.input_names = ["ids"], npc.output_names = ["y"]} {
    %t = onnx.constant "t" dense<[[1, 2]]> : tensor<1x2xsi8>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    // expected-error @+1 {{node 'emb' (QLinearGather): has 3 inputs; it takes 4 (data, its scale and zero point, indices)}}
    %g = onnx.node "QLinearGather"(%t, %s, %ids) {domain = "npc", name = "emb", outputs = ["y"]}
        : (tensor<1x2xsi8>, tensor<f32>, tensor<3xi64>) -> !onnx.value
    return %g : !onnx.value
  }
}
