// onnx-fuse-qdq states such an average as npc's node of onnxruntime's name
// with a 16-bit Y; the conversion makes the same qg of it.
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s --check-prefix=FUSED

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

// FUSED-LABEL: func.func @main
// FUSED: %[[XQ:.*]] = onnx.node "QuantizeLinear"
// FUSED: %[[SY:.*]] = onnx.constant "gap.y_scale" dense<3.125000e-02> : tensor<f32>
// FUSED: %[[ZY:.*]] = onnx.constant "gap.y_zero_point" dense<160> : tensor<ui16>
// FUSED: %[[P:.*]] = onnx.node "QLinearGlobalAveragePool"(%[[XQ]], %{{.*}}, %{{.*}}, %[[SY]], %[[ZY]]) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
// FUSED: %[[F:.*]] = onnx.node "Flatten"(%[[P]])
// FUSED: onnx.node "DequantizeLinear"(%[[F]], %[[SY]], %[[ZY]])
// FUSED: onnx.node "QGemm"(%[[F]], %[[SY]], %[[ZY]],
// FUSED-NOT: onnx.node "Gemm"
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

// -----

// int8 codes (zero point -3) averaged by an opset-18 ReduceMean (axes an
// input, kept dimensions) that a 1x1 Conv reads, a squeeze-excite pool:
// scale 0.5 / 16, zero point -3 * 16 = -48, range -128 * 16 .. 127 * 16 in
// int16 (a mean over H and W is an average pool). The fused node takes the
// axes as its attribute.

// CHECK-LABEL: func.func @main
// CHECK: %[[M:.*]] = qg.avg_pool %{{.*}} {clamp_max = 2032 : i32, clamp_min = -2048 : i32
// CHECK-SAME: -> tensor<1x2x1x1x!quant.uniform<i16<-2048:2032>:f32, 3.125000e-02:-48>>
// CHECK: qg.conv2d %[[M]], %{{.*}} {clamp_max = 127 : i32, clamp_min = -128 : i32
// CHECK-SAME: (tensor<1x2x1x1x!quant.uniform<i16<-2048:2032>:f32, 3.125000e-02:-48>>

// FUSED-LABEL: func.func @main
// FUSED: onnx.constant "mean.y_zero_point" dense<-48> : tensor<si16>
// FUSED: %[[M:.*]] = onnx.node "QLinearReduceMean"({{.*}}) {attrs = {axes = array<i64: 2, 3>}, domain = "npc", name = "mean"
// FUSED: onnx.node "QLinearConv"(%[[M]],
// FUSED-NOT: onnx.node "Conv"
module attributes {onnx.opset = 18 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<-3> : tensor<si8>
    %axes = onnx.constant "axes" dense<[2, 3]> : tensor<2xsi64>
    %w = onnx.constant "w" dense<[[[[1]], [[2]]], [[[-3]], [[4]]]]> : tensor<2x2x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd, %axes) {name = "mean", outputs = ["m"]}
        : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%m, %wd) {name = "se", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// An average a QuantizeLinear reads after the Conv: the codes are made at
// the Conv (firstCodesReader) and the QuantizeLinear requantizes them. One
// of a DequantizeLinear without a zero point, whose zero point is then 0 of
// x's type (uint8, the type of the QuantizeLinear's codes, whatever that
// node's own zero point): Y's zero point 0 too, the omitted one stays
// omitted.

// CHECK-LABEL: func.func @main
// CHECK: qg.avg_pool {{.*}} -> tensor<1x2x1x1x!quant.uniform<u16<0:4080>:f32, 3.125000e-02:160>>
// CHECK: qg.avg_pool {{.*}} -> tensor<1x2x1x1x!quant.uniform<u16<0:4080>:f32, 3.125000e-02>>

// FUSED-LABEL: func.func @main
// FUSED: onnx.constant "gap.y_zero_point" dense<160> : tensor<ui16>
// FUSED: %[[G:.*]] = onnx.node "QLinearGlobalAveragePool"({{.*}}) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
// FUSED: onnx.node "QLinearConv"(%[[G]],
// FUSED: onnx.node "QLinearRequantize"(%[[G]], {{.*}}) {domain = "npc", name = "qp", outputs = ["pq"], source_op_type = "QuantizeLinear"}
// FUSED: onnx.constant "gap2.y_zero_point" dense<0> : tensor<ui16>
// FUSED: onnx.node "QLinearGlobalAveragePool"({{.*}}) {domain = "npc", name = "gap2", outputs = ["p2"], source_op_type = "GlobalAveragePool"} : (!onnx.value, tensor<f32>, none, tensor<f32>, tensor<ui16>)
// FUSED-NOT: onnx.node "GlobalAveragePool"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "p", "y2"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[1]], [[2]]], [[[-3]], [[4]]]]> : tensor<2x2x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %pq = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qp", outputs = ["pq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd2 = onnx.node "DequantizeLinear"(%xq, %sx) {name = "dqx2", outputs = ["xd2"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %p2 = onnx.node "GlobalAveragePool"(%xd2) {name = "gap2", outputs = ["p2"]} : (!onnx.value) -> !onnx.value
    %c2 = onnx.node "Conv"(%p2, %wd) {name = "conv2", outputs = ["c2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%c2, %sy, %zy) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %pq, %y2 : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// The average is made where it is, with and without the fusion: before a
// requantization of x that comes between it and its reader (the conversion
// made it at its first reader; the fusion's node sits at the average).

// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = qg.avg_pool
// CHECK-NEXT: qg.rescale
// CHECK: qg.conv2d %[[P]],

// FUSED-LABEL: func.func @main
// FUSED: onnx.node "QLinearGlobalAveragePool"
// FUSED-NEXT: onnx.node "QLinearRequantize"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "r"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %r = onnx.node "QuantizeLinear"(%xd, %sy, %zy) {name = "requant", outputs = ["r"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %r : !onnx.value, !onnx.value
  }
}

// -----

// npc's 16-bit codes read by a DequantizeLinear without a zero point:
// zero of their own type, as the conversion reads one omitted on a QLinear
// input, so the fused Conv reads them as the DequantizeLinear did.

// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = qg.avg_pool {{.*}} -> tensor<1x2x1x1x!quant.uniform<u16<0:4080>:f32, 3.125000e-02>>
// CHECK: qg.conv2d %[[P]],
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sp = onnx.constant "sp" dense<0.03125> : tensor<f32>
    %zp = onnx.constant "zp" dense<0> : tensor<ui16>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %p = onnx.node "QLinearGlobalAveragePool"(%x, %s, %z, %sp, %zp) {domain = "npc", name = "gap", outputs = ["p"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui16>) -> !onnx.value
    %pd = onnx.node "DequantizeLinear"(%p, %sp) {name = "dqp", outputs = ["pd"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%pd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
