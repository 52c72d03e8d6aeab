// RUN: npc-opt %s --npc-convert-onnx-to-qg | FileCheck %s

// An average read by a product with no QuantizeLinear between (torchvision's
// quantizable models in eager QAT: the pool -> Flatten -> Linear of
// shufflenet_v2 and mobilenet_v3_large) gets codes at 1/16 of its input's
// step: scale 0.5 / 16 = 0.03125, zero point 10 * 16 = 160, range 0..255 * 16
// in 16-bit storage. The Flatten keeps them; the matmul reads them.

// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = qg.avg_pool %{{.*}} {clamp_max = 4080 : i32, clamp_min = 0 : i32
// CHECK-SAME: -> tensor<1x2x1x1x!quant.uniform<u16<0:4080>:f32, 3.125000e-02:160>>
// CHECK: %[[F:.*]] = qg.reshape %[[P]] {{.*}} -> tensor<1x2x!quant.uniform<u16<0:4080>:f32, 3.125000e-02:160>>
// CHECK: qg.matmul %[[F]], %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32}
// CHECK-SAME: -> tensor<1x3x!quant.uniform<u8:f32, 1.250000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1, 2, 3], [-4, 5, -6]]> : tensor<2x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Flatten"(%p) {name = "flatten", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Gemm"(%f, %wd) {name = "fc", outputs = ["g"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%g, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
