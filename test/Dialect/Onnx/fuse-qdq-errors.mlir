// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// After fusion, errors still name the node and the op type the file had.

// A Clip whose range is empty (min 5 > max -5) is not fused; the conversion
// refuses it at the Conv, as without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %lo = onnx.constant "lo" dense<5.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<-5.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): Clip range is empty after quantization}}
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Clip"(%c, %lo, %hi) {name = "clip", outputs = ["r"]}
        : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A fused Conv whose input is not 4-D: refused by the QLinearConv it
// became, under the name and op type of the file's Conv.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): only 2-D convolution (NCHW input, OIHW weight) is supported; input has rank 3, weight rank 4}}
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The zero point of x's DequantizeLinear differs from x's type: the
// DequantizeLinear stays through the fusion, so the conversion still says so.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %zu = onnx.constant "zu" dense<0> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    // expected-error @+1 {{node 'dqx' (DequantizeLinear): zero point type uint8 differs from the input type int8}}
    %xd = onnx.node "DequantizeLinear"(%x, %s, %zu) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// With beta 0 the conversion ignores C but still refuses a float activation
// there: the cluster is not fused, so it says so at the Gemm.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3xui8>, %cin: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "cin"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1, 2, 3], [-1, 0, 1]]> : tensor<2x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'fc' (Gemm): input 'cin' is a float tensor; npc needs a quantized network (QDQ or QOperator)}}
    %g = onnx.node "Gemm"(%xd, %wd, %cin) {name = "fc", outputs = ["g"], attrs = {beta = 0.0 : f32, transB = 1 : i64}}
        : (!onnx.value, !onnx.value, tensor<1x2xf32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%g, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}
