// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s
// The conversion makes the same qg with and without the fusion, locations
// included.
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s --check-prefix=QG
// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -mlir-print-debuginfo > %t.unfused
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq --npc-convert-onnx-to-qg -mlir-print-debuginfo > %t.fused
// RUN: diff %t.unfused %t.fused

// QONNX's Quant is split into QuantizeLinear -> DequantizeLinear, its
// range kept as the zero point's narrowed_range; the pairs then fuse as any
// other. Here: a narrow 8-bit input, a narrow 4-bit weight per output
// channel (folded to codes), a 3-bit unsigned output after a Relu.
// CHECK-LABEL: func.func @main
// CHECK: %[[S:.*]] = onnx.constant "qx.scale" dense<5.000000e-02> : tensor<f32>
// CHECK: %[[Z:.*]] = onnx.constant "qx.zero_point" dense<0> : tensor<si8> {narrowed_range = array<i64: -127, 127>}
// CHECK: %[[X:.*]] = onnx.node "QuantizeLinear"(%arg0, %[[S]], %[[Z]]) {name = "qx", outputs = ["xq.codes"], source_op_type = "Quant"}
// CHECK: onnx.constant "qw.scale" dense<[1.250000e-01, 6.250000e-02]> : tensor<2xf32>
// CHECK: onnx.constant "qw.zero_point" dense<0> : tensor<2xsi4> {narrowed_range = array<i64: -7, 7>}
// CHECK: onnx.constant "wq.codes" dense<{{\[\[\[\[}}4]], {{\[\[}}-2]]], {{\[\[\[}}2]], {{\[\[}}7]]]]> : tensor<2x2x1x1xsi4>
// CHECK: onnx.constant "qy.zero_point" dense<0> : tensor<ui4> {narrowed_range = array<i64: 0, 7>}
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"(%[[X]], %[[S]], %[[Z]],
// CHECK-SAME: name = "conv"
// CHECK: %[[R:.*]] = onnx.node "Clip"(%[[C]], %{{.*}}) {name = "relu", outputs = ["y.codes"], source_op_type = "Relu"}
// CHECK: %[[Y:.*]] = onnx.node "DequantizeLinear"(%[[R]], {{.*}}) {name = "qy", outputs = ["y"], source_op_type = "Quant"}
// CHECK-NOT: "Quant"(
// CHECK: return %[[Y]]
// QG-LABEL: func.func @main
// QG: qg.quantize %arg0 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<i8<-127:127>:f32, 0.05000000074505806>>
// QG: qg.constant dense<{{.*}}> : tensor<2x2x1x1xi4> : tensor<2x2x1x1x!quant.uniform<i4<-7:7>:f32:0, {1.250000e-01,6.250000e-02}>>
// QG: qg.conv2d {{.*}} {clamp_max = 7 : i32, clamp_min = 0 : i32,
// QG-SAME: -> tensor<1x2x4x4x!quant.uniform<u4<0:7>:f32, 0.10000000149011612>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %xq = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xq"], attrs = {narrow = 1 : i64}}
        : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %w = onnx.constant "w" dense<[[[[0.5]], [[-0.25]]], [[[0.125]], [[1.0]]]]> : tensor<2x2x1x1xf32>
    %ws = onnx.constant "ws" dense<[[[[0.125]]], [[[0.0625]]]]> : tensor<2x1x1x1xf32>
    %b4 = onnx.constant "b4" dense<4.0> : tensor<f32>
    %wq = onnx.node "Quant"(%w, %ws, %z, %b4) {domain = "qonnx.custom_op.general", name = "qw", outputs = ["wq"], attrs = {narrow = 1 : i64}}
        : (tensor<2x2x1x1xf32>, tensor<2x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %c = onnx.node "Conv"(%xq, %wq) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %ys = onnx.constant "ys" dense<0.1> : tensor<f32>
    %b3 = onnx.constant "b3" dense<3.0> : tensor<f32>
    %y = onnx.node "Quant"(%r, %ys, %z, %b3) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// 5-bit inputs (FINN's domain too) added into a narrow 6-bit output, then
// requantized to 2 bits: QLinearAdd, npc's QLinearRequantize.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qa.zero_point" dense<2> : tensor<si8> {narrowed_range = array<i64: -16, 15>}
// CHECK: onnx.node "QuantizeLinear"(%arg1, {{.*}}) {name = "qb", outputs = ["bq.codes"], source_op_type = "Quant"}
// CHECK: onnx.constant "qy.zero_point" dense<2> : tensor<si8> {narrowed_range = array<i64: -31, 31>}
// CHECK: %[[ADD:.*]] = onnx.node "QLinearAdd"({{.*}}) {domain = "com.microsoft", name = "add", outputs = ["y.codes"], source_op_type = "Add"}
// CHECK: onnx.constant "qr.zero_point" dense<0> : tensor<ui2>{{$}}
// CHECK: onnx.node "QLinearRequantize"(%[[ADD]], {{.*}}) {domain = "npc", name = "qr", outputs = ["r.codes"], source_op_type = "Quant"}
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: %[[A:.*]] = qg.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8<-16:15>:f32, 2.500000e-01:2>>
// QG: qg.add %[[A]], %{{.*}} {clamp_max = 31 : i32, clamp_min = -31 : i32}
// QG-SAME: -> tensor<1x4x!quant.uniform<i8<-31:31>:f32, 5.000000e-01:2>>
// QG: qg.rescale %{{.*}} {clamp_max = 3 : i32, clamp_min = 0 : i32}
// QG-SAME: -> tensor<1x4x!quant.uniform<u2:f32, 1.000000e+00>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["a", "b"], npc.output_names = ["y", "r"]} {
    %s = onnx.constant "s" dense<0.25> : tensor<f32>
    %z = onnx.constant "z" dense<2.0> : tensor<f32>
    %b5 = onnx.constant "b5" dense<5.0> : tensor<f32>
    %aq = onnx.node "Quant"(%a, %s, %z, %b5) {domain = "qonnx.custom_op.general", name = "qa", outputs = ["aq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %bq = onnx.node "Quant"(%b, %s, %z, %b5) {domain = "finn.custom_op.general", name = "qb", outputs = ["bq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %sum = onnx.node "Add"(%aq, %bq) {name = "add", outputs = ["sum"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %ys = onnx.constant "ys" dense<0.5> : tensor<f32>
    %b6 = onnx.constant "b6" dense<6.0> : tensor<f32>
    %y = onnx.node "Quant"(%sum, %ys, %z, %b6) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {narrow = 1 : i64}}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %rs = onnx.constant "rs" dense<1.0> : tensor<f32>
    %b2 = onnx.constant "b2" dense<2.0> : tensor<f32>
    %z0 = onnx.constant "z0" dense<0.0> : tensor<f32>
    %r = onnx.node "Quant"(%y, %rs, %z0, %b2) {domain = "qonnx.custom_op.general", name = "qr", outputs = ["r"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y, %r : !onnx.value, !onnx.value
  }
}

// -----

// One scale of shape [1] after a float operator (a Relu of a Quant): per
// tensor. The Relu's rank is the graph input's, 4, at least the scale's,
// which the conversion checks; so that Quant is split too, and the Relu
// between the pairs becomes npc's QLinearRequantize (the conversion
// refused this Quant before 2026-12-05: "must broadcast to the input").
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0, {{.*}}) {name = "qx", outputs = ["xq.codes"], source_op_type = "Quant"}
// CHECK: onnx.constant "qy.scale" dense<1.000000e-01> : tensor<f32>
// CHECK: onnx.node "QLinearRequantize"(%[[XQ]], {{.*}}) {domain = "npc", name = "relu", outputs = ["y.codes"], source_op_type = "Relu"}
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: qg.rescale %{{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32}
// QG-SAME: -> tensor<1x2x4x4x!quant.uniform<u8:f32, 0.10000000149011612>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %xq = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %r = onnx.node "Relu"(%xq) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %ys = onnx.constant "ys" dense<[0.1]> : tensor<1xf32>
    %y = onnx.node "Quant"(%r, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A full-range Quant states no narrowed_range, and a QAT ConvBn of a
// QONNX weight (Conv -> Div -> BatchNormalization -> Relu) folds into a
// QLinearConv, as it does for an ordinary weight.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qx.zero_point" dense<0> : tensor<ui8>{{$}}
// CHECK: onnx.constant "conv.weight_folded" dense<{{\[\[\[\[}}2]]], {{\[\[\[}}4]]]]> : tensor<2x1x1x1xsi8>
// CHECK: onnx.constant "conv.weight_scale_folded" dense<[1.875000e-01, 5.000000e-01]> : tensor<2xf32>
// CHECK: onnx.node "QLinearConv"
// CHECK-NOT: "BatchNormalization"
// QG-LABEL: func.func @main
// QG: qg.constant dense<{{.*}}> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!quant.uniform<i8:f32:0, {1.875000e-01,5.000000e-01}>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %w = onnx.constant "w" dense<[[[[0.5]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zero = onnx.constant "zero" dense<0.0> : tensor<2xf32>
    %d = onnx.constant "d" dense<[[[[2.0]], [[0.5]]]]> : tensor<1x2x1x1xf32>
    %g = onnx.constant "gamma" dense<[3.0, -1.0]> : tensor<2xf32>
    %beta = onnx.constant "beta" dense<[1.0, 0.5]> : tensor<2xf32>
    %mean = onnx.constant "mean" dense<[0.5, -2.0]> : tensor<2xf32>
    %var = onnx.constant "var" dense<[3.0, 0.0]> : tensor<2xf32>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %xd = onnx.node "Quant"(%x, %sx, %zx, %b8) {name = "qx", outputs = ["xd"], domain = "qonnx.custom_op.general", attrs = {signed = 0 : i64}}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %wd = onnx.node "Quant"(%w, %sw, %zx, %b8) {name = "qw", outputs = ["wd"], domain = "qonnx.custom_op.general"}
        : (tensor<2x1x1x1xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd, %zero) {name = "conv", outputs = ["c"], attrs = {kernel_shape = array<i64: 1, 1>}}
        : (!onnx.value, !onnx.value, tensor<2xf32>) -> !onnx.value
    %cd = onnx.node "Div"(%c, %d) {name = "div", outputs = ["cd"]} : (!onnx.value, tensor<1x2x1x1xf32>) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%cd, %g, %beta, %mean, %var) {name = "bn", outputs = ["bn"], attrs = {epsilon = 1.0 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %r = onnx.node "Relu"(%bn) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "Quant"(%r, %sy, %zx, %b8) {name = "qy", outputs = ["y"], domain = "qonnx.custom_op.general", attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A narrow 4-bit Quant weight (range -7..7) in a ConvBn: codes 4 and -6
// at scale 0.25; gamma 2 doubles channel 0's scale, gamma -1 mirrors
// channel 1's codes to 6, inside the range, so the folded zero point
// keeps it and the conversion's weight type is i4<-7:7>.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "conv.weight_folded" dense<{{\[\[\[\[}}4]]], {{\[\[\[}}6]]]]> : tensor<2x1x1x1xsi4>
// CHECK: onnx.constant "conv.weight_scale_folded" dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf32>
// CHECK: onnx.constant "conv.weight_zero_point_folded" dense<0> : tensor<2xsi4> {narrowed_range = array<i64: -7, 7>}
// CHECK: onnx.node "QLinearConv"
// CHECK-NOT: "BatchNormalization"
// QG-LABEL: func.func @main
// QG: qg.constant dense<{{.*}}> : tensor<2x1x1x1xi4> : tensor<2x1x1x1x!quant.uniform<i4<-7:7>:f32:0, {5.000000e-01,2.500000e-01}>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %b4 = onnx.constant "b4" dense<4.0> : tensor<f32>
    %w = onnx.constant "w" dense<[[[[1.0]]], [[[-1.5]]]]> : tensor<2x1x1x1xf32>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %g = onnx.constant "gamma" dense<[2.0, -1.0]> : tensor<2xf32>
    %zero = onnx.constant "zero" dense<0.0> : tensor<2xf32>
    %one = onnx.constant "one" dense<1.0> : tensor<2xf32>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %xd = onnx.node "Quant"(%x, %sx, %zx, %b8) {name = "qx", outputs = ["xd"], domain = "qonnx.custom_op.general", attrs = {signed = 0 : i64}}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %wd = onnx.node "Quant"(%w, %sw, %zx, %b4) {name = "qw", outputs = ["wd"], domain = "qonnx.custom_op.general", attrs = {narrow = 1 : i64}}
        : (tensor<2x1x1x1xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"], attrs = {kernel_shape = array<i64: 1, 1>}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%c, %g, %zero, %zero, %one) {name = "bn", outputs = ["bn"], attrs = {epsilon = 0.0 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %y = onnx.node "Quant"(%bn, %sy, %zx, %b8) {name = "qy", outputs = ["y"], domain = "qonnx.custom_op.general", attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same with zero point 2: -2.25 / 0.25 + 2 = -7, which gamma -1
// mirrors to 2 * 2 + 7 = 11, past the range and past int4: int16 codes
// of the full range, npc's QLinearConv.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "conv.weight_folded" dense<11> : tensor<1x1x1x1xsi16>
// CHECK: onnx.constant "conv.weight_zero_point_folded" dense<2> : tensor<1xsi16>{{$}}
// CHECK: onnx.node "QLinearConv"({{.*}}) {attrs = {kernel_shape = array<i64: 1, 1>}, domain = "npc", name = "conv"
// QG-LABEL: func.func @main
// QG: qg.constant dense<11> : tensor<1x1x1x1xi16> : tensor<1x1x1x1x!quant.uniform<i16:f32, 2.500000e-01:2>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %b4 = onnx.constant "b4" dense<4.0> : tensor<f32>
    %zw = onnx.constant "zw" dense<2.0> : tensor<f32>
    %w = onnx.constant "w" dense<-2.25> : tensor<1x1x1x1xf32>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %g = onnx.constant "gamma" dense<-1.0> : tensor<1xf32>
    %zero = onnx.constant "zero" dense<0.0> : tensor<1xf32>
    %one = onnx.constant "one" dense<1.0> : tensor<1xf32>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %xd = onnx.node "Quant"(%x, %sx, %zx, %b8) {name = "qx", outputs = ["xd"], domain = "qonnx.custom_op.general", attrs = {signed = 0 : i64}}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %wd = onnx.node "Quant"(%w, %sw, %zw, %b4) {name = "qw", outputs = ["wd"], domain = "qonnx.custom_op.general", attrs = {narrow = 1 : i64}}
        : (tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"], attrs = {kernel_shape = array<i64: 1, 1>}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%c, %g, %zero, %zero, %one) {name = "bn", outputs = ["bn"], attrs = {epsilon = 0.0 : f32}}
        : (!onnx.value, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> !onnx.value
    %y = onnx.node "Quant"(%bn, %sy, %zx, %b8) {name = "qy", outputs = ["y"], domain = "qonnx.custom_op.general", attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A graph input of a dynamic batch, quantized per channel along its
// static axis 1: split (its rank and that extent are known here).
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qx.scale" dense<[5.000000e-02, 1.000000e-01]> : tensor<2xf32>
// CHECK: onnx.node "QuantizeLinear"(%arg0, {{.*}}) {attrs = {axis = 1 : i64}, name = "qx", outputs = ["y.codes"], source_op_type = "Quant"}
// CHECK: onnx.node "DequantizeLinear"({{.*}}) {attrs = {axis = 1 : i64}, name = "qx", outputs = ["y"], source_op_type = "Quant"}
// QG-LABEL: func.func @main
// QG: qg.quantize %arg0 : tensor<?x2x4x4xf32> -> tensor<?x2x4x4x!quant.uniform<i8:f32:1, {0.05000000074505806,0.10000000149011612}>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<?x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<[[[[0.05]], [[0.1]]]]> : tensor<1x2x1x1xf32>
    %z = onnx.constant "z" dense<0.0> : tensor<1xf32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %y = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["y"]}
        : (tensor<?x2x4x4xf32>, tensor<1x2x1x1xf32>, tensor<1xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Quant after a float operator (x's shape unknown here) with one scale
// of rank 4: split, since x's rank is known to be 4 (the graph input's,
// kept by the Transpose's perm and the Sigmoid), and read per tensor, as
// the conversion reads it; the Sigmoid then becomes a table,
// rint(sigmoid(c * 0.5) / 0.25) from code 0: 2, 2, 3, 3, 4.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qy.scale" dense<2.500000e-01> : tensor<f32>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qy", outputs = ["y.codes"], source_op_type = "Quant"}
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {table = array<i32: 2, 2, 3, 3, 4,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1x1xf32>
    %yz = onnx.constant "yz" dense<0.0> : tensor<1x1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %t = onnx.node "Transpose"(%xd) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 1, 3, 2>}} : (!onnx.value) -> !onnx.value
    %r = onnx.node "Sigmoid"(%t) {name = "sig", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "Quant"(%r, %ys, %yz, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same after a Split and a Gather by a scalar index: the parts keep
// x's rank (4) and the Gather drops its axis (3), so one scale of rank 3
// is split and read per tensor; the Sigmoid becomes the same table.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qy.scale" dense<2.500000e-01> : tensor<f32>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qy", outputs = ["y.codes"], source_op_type = "Quant"}
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {table = array<i32: 2, 2, 3, 3, 4,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "w"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %i = onnx.constant "i" dense<0> : tensor<si64>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1xf32>
    %yz = onnx.constant "yz" dense<0.0> : tensor<1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %p:2 = onnx.node "Split"(%xd) {name = "split", outputs = ["p0", "p1"], attrs = {axis = 1 : i64}}
        : (!onnx.value) -> (!onnx.value, !onnx.value)
    %g = onnx.node "Gather"(%p#0, %i) {name = "g", outputs = ["g"], attrs = {axis = 1 : i64}} : (!onnx.value, tensor<si64>) -> !onnx.value
    %r = onnx.node "Sigmoid"(%g) {name = "sig", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "Quant"(%r, %ys, %yz, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<f32>) -> !onnx.value
    %w = onnx.node "Quant"(%p#1, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qw", outputs = ["w"]}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y, %w : !onnx.value, !onnx.value
  }
}
