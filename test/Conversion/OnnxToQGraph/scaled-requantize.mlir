// The same ops and errors when onnx-fuse-qdq runs first: DQ -> Mul or Div
// by a float scalar -> [Relu | Clip] -> Q reaches the conversion as npc's
// QLinearRequantize with the constant as its factor or divisor.
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics | FileCheck %s
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s --check-prefix=FUSED

// Attention's scores times 1/sqrt(16), as torch writes it: Mul by Pow(16,
// -0.5) = 0.25. The codes are read at 0.5 * 0.25 = 0.125 and rescaled to
// Y's 0.1:3. A Div by 4 (a [1] constant) with a Relu is the same rescale,
// clamped at Y's zero point.
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.storage_cast %arg0 : tensor<1x4xui8> -> tensor<1x4x!quant.uniform<u8:f32, 5.000000e-01:128>>
// CHECK: %[[S:.*]] = qg.storage_cast %[[X]] : {{.*}} -> tensor<1x4x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.rescale %[[S]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : {{.*}} -> tensor<1x4x!quant.uniform<u8:f32, 0.10000000149011612:3>>
// CHECK: qg.storage_cast %{{.*}} -> tensor<1x4x!quant.uniform<u8:f32, 1.250000e-01:128>>
// CHECK: qg.rescale %{{.*}} {clamp_max = 255 : i32, clamp_min = 3 : i32}
// FUSED-LABEL: func.func @main
// FUSED: onnx.node "QLinearRequantize"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {attrs = {factor = 2.500000e-01 : f32}, domain = "npc", name = "mul", outputs = ["a"], source_op_type = "Mul"}
// FUSED: %[[LO:.*]] = onnx.constant "relu.min" dense<3> : tensor<ui8>
// FUSED: %[[HI:.*]] = onnx.constant "relu.max" dense<255> : tensor<ui8>
// FUSED: onnx.node "QLinearRequantize"(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[LO]], %[[HI]]) {attrs = {divisor = 4.000000e+00 : f32}, domain = "npc", name = "div", outputs = ["b"], source_op_type = "Div"}
// FUSED-NOT: "QuantizeLinear"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.1> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %d = onnx.constant "d" dense<16.0> : tensor<f32>
    %e = onnx.constant "e" dense<-0.5> : tensor<f32>
    %four = onnx.constant "four" dense<4.0> : tensor<1xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %k = onnx.node "Pow"(%d, %e) {name = "pow", outputs = ["k"]} : (tensor<f32>, tensor<f32>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qm", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %v = onnx.node "Div"(%xd, %four) {name = "div", outputs = ["v"]} : (!onnx.value, tensor<1xf32>) -> !onnx.value
    %r = onnx.node "Relu"(%v) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %vq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qv", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %mq, %vq : !onnx.value, !onnx.value
  }
}

// -----

// The constant first (a Mul's only): the same. A factor that is not
// positive is refused at the Mul, fused or not.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %k = onnx.constant "k" dense<-2.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'mul' (Mul): a constant factor must be positive and finite, got -2}}
    %m = onnx.node "Mul"(%k, %xd) {name = "mul", outputs = ["m"]} : (tensor<f32>, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %mq : !onnx.value
  }
}

// -----

// A Div by a divisor of 0 is refused at the Div (1/0 is no factor).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %k = onnx.constant "k" dense<0.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'div' (Div): a constant factor must be positive and finite, got inf}}
    %m = onnx.node "Div"(%xd, %k) {name = "div", outputs = ["m"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %mq : !onnx.value
  }
}

// -----

// npc's QLinearRequantize written by hand with both attributes.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    // expected-error @+1 {{node 'rq' (QLinearRequantize): has both factor and divisor; it takes at most one}}
    %r = onnx.node "QLinearRequantize"(%x, %s, %z, %s, %z) {domain = "npc", name = "rq", outputs = ["a"], attrs = {factor = 2.0 : f32, divisor = 2.0 : f32}}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %r : !onnx.value
  }
}

// -----

// A factor that takes the scale out of float32's range (0.5 * 1.4e-45) is
// refused at the Mul, fused or not (its quantized type cannot exist).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %k = onnx.constant "k" dense<1.4e-45> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'mul' (Mul): a constant factor of 1.40129846e-45 gives the scale 7.00649232e-46, out of float32's range}}
    %m = onnx.node "Mul"(%xd, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %mq : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["a"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    // expected-error @+1 {{node 'rq' (QLinearRequantize): factor must be a float}}
    %r = onnx.node "QLinearRequantize"(%x, %s, %z, %s, %z) {domain = "npc", name = "rq", outputs = ["a"], attrs = {factor = 2 : i64}}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %r : !onnx.value
  }
}
