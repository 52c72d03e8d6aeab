// RUN: npc-opt %s --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s

// Quantization-aware training exports (torch FX, BatchNorm kept) write each
// conv as Conv, Div by the BatchNorm factor torch multiplied into the
// weight, BatchNormalization, Relu, QuantizeLinear. The Div and the
// BatchNormalization fold into the conv: per channel, y = a conv + b with
//   channel 0: a = (1 / 2) * 3 / sqrt(3 + 1) = 0.75, b = 1 - 0.5 * 1.5 = 0.25
//   channel 1: a = (1 / 0.5) * -1 / sqrt(0 + 1) = -2, b = 0.5 - (-2)(-1) = -1.5
// so the weight scales are 0.25 * |a| = 0.1875 and 0.5, channel 1's codes
// are mirrored (-128 -> 128, past int8: the weights are stored in 16 bits)
// and the bias is b / (s_x s_w'): 0.25 / (0.5 * 0.1875) = 2.67 -> 3 and
// -1.5 / (0.5 * 0.5) = -6.

// CHECK-LABEL: func.func @main
// CHECK: %[[Q:.*]] = qg.quantize
// CHECK: %[[W:.*]] = qg.constant dense<{{\[\[\[\[}}2]]], {{\[\[\[}}128]]]]> : tensor<2x1x1x1xi16> : tensor<2x1x1x1x!quant.uniform<i16:f32:0, {1.875000e-01,5.000000e-01}>>
// CHECK: %[[B:.*]] = qg.constant dense<[3, -6]> : tensor<2xi32>
// CHECK: qg.conv2d %[[Q]], %[[W]], %[[B]] {clamp_max = 255 : i32, clamp_min = 0 : i32
// CHECK-SAME: -> tensor<1x2x2x2x!quant.uniform<u8:f32, 1.250000e-01>>
// CHECK-NOT: qg.conv2d
// CHECK-NOT: qg.rescale
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[2]]], [[[-128]]]]> : tensor<2x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %zero = onnx.constant "zero" dense<0.0> : tensor<2xf32>
    %d = onnx.constant "d" dense<[[[[2.0]], [[0.5]]]]> : tensor<1x2x1x1xf32>
    %g = onnx.constant "gamma" dense<[3.0, -1.0]> : tensor<2xf32>
    %beta = onnx.constant "beta" dense<[1.0, 0.5]> : tensor<2xf32>
    %mean = onnx.constant "mean" dense<[0.5, -2.0]> : tensor<2xf32>
    %var = onnx.constant "var" dense<[3.0, 0.0]> : tensor<2xf32>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %zero) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 1, 1>}}
        : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %cd = onnx.node "Div"(%c, %d) {name = "div", outputs = ["cd"]}
        : (!onnx.value, tensor<1x2x1x1xf32>) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%cd, %g, %beta, %mean, %var) {name = "bn", outputs = ["bn"],
           attrs = {epsilon = 1.0 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %r = onnx.node "Relu"(%bn) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
