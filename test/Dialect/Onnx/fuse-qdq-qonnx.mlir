// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s --check-prefix=QG

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

// Scales of one value in tensors of rank 2 and 4, where x's rank comes
// from what lies before: a Flatten (2), a Reshape to a constant shape of
// two values (2), a Mish (x's, 4), a MatMul of x (4) by a 2-D weight (4,
// ONNX's rule). Each Quant is split and fuses: three tables and a
// QLinearMatMul, no Quant left.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qa", outputs = ["a.codes"]
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qb", outputs = ["b.codes"]
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qc", outputs = ["c.codes"]
// CHECK: onnx.node "QLinearMatMul"({{.*}}) {name = "mm", outputs = ["d.codes"]
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: qg.reshape
// QG-NEXT: qg.table
// QG-NEXT: qg.reshape
// QG-NEXT: qg.table
// QG-NEXT: qg.table
// QG-NEXT: qg.constant dense<{{\[\[}}2, -1, 0], [1, 3, -2]]>
// QG-NEXT: qg.matmul
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c", "d"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %shape = onnx.constant "shape" dense<[2, 4]> : tensor<2xsi64>
    %w = onnx.constant "w" dense<[[1.0, -0.5, 0.0], [0.5, 1.5, -1.0]]> : tensor<2x3xf32>
    %ys2 = onnx.constant "ys2" dense<0.25> : tensor<1x1xf32>
    %yz2 = onnx.constant "yz2" dense<0.0> : tensor<1x1xf32>
    %ys4 = onnx.constant "ys4" dense<0.25> : tensor<1x1x1x1xf32>
    %yz4 = onnx.constant "yz4" dense<0.0> : tensor<1x1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %f = onnx.node "Flatten"(%xd) {name = "flat", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %fs = onnx.node "Sigmoid"(%f) {name = "sig", outputs = ["fs"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Quant"(%fs, %ys2, %yz2, %b8) {domain = "qonnx.custom_op.general", name = "qa", outputs = ["a"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %r = onnx.node "Reshape"(%xd, %shape) {name = "reshape", outputs = ["r"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %rt = onnx.node "Tanh"(%r) {name = "tanh", outputs = ["rt"]} : (!onnx.value) -> !onnx.value
    %b = onnx.node "Quant"(%rt, %ys2, %yz2, %b8) {domain = "qonnx.custom_op.general", name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m = onnx.node "Mish"(%xd) {name = "mish", outputs = ["m"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Quant"(%m, %ys4, %yz4, %b8) {domain = "qonnx.custom_op.general", name = "qc", outputs = ["c"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>, tensor<f32>) -> !onnx.value
    %wd = onnx.node "Quant"(%w, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qw", outputs = ["wd"]}
        : (tensor<2x3xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %mm = onnx.node "MatMul"(%xd, %wd) {name = "mm", outputs = ["mm"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %d = onnx.node "Quant"(%mm, %ys4, %yz4, %b8) {domain = "qonnx.custom_op.general", name = "qd", outputs = ["d"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>, tensor<f32>) -> !onnx.value
    return %a, %b, %c, %d : !onnx.value, !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// The same through a Squeeze by constant axes (rank 3), a ReduceMax
// without keepdims over one axis (3, then a Tanh after the fused
// reduction) and an Expand that changes no shape (4): each Quant is
// split and each function becomes a table.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qe", outputs = ["e.codes"]
// CHECK: onnx.node "QLinearReduceMax"({{.*}}) {attrs = {axes = array<i64: -1>, keepdims = 0 : i64}, domain = "npc", name = "rmax"
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qf", outputs = ["f.codes"]
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qg", outputs = ["g.codes"]
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: qg.reshape
// QG-NEXT: qg.table
// QG-NEXT: qg.reduce
// QG-NEXT: qg.reshape
// QG-NEXT: qg.table
// QG-NEXT: qg.table
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["e", "f", "g"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %axes = onnx.constant "axes" dense<[0]> : tensor<1xsi64>
    %one = onnx.constant "one" dense<[1]> : tensor<1xsi64>
    %ys3 = onnx.constant "ys3" dense<0.25> : tensor<1x1x1xf32>
    %yz3 = onnx.constant "yz3" dense<0.0> : tensor<1x1x1xf32>
    %ys4 = onnx.constant "ys4" dense<0.25> : tensor<1x1x1x1xf32>
    %yz4 = onnx.constant "yz4" dense<0.0> : tensor<1x1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %sq = onnx.node "Squeeze"(%xd, %axes) {name = "squeeze", outputs = ["sq"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %ss = onnx.node "Sigmoid"(%sq) {name = "sig", outputs = ["ss"]} : (!onnx.value) -> !onnx.value
    %e = onnx.node "Quant"(%ss, %ys3, %yz3, %b8) {domain = "qonnx.custom_op.general", name = "qe", outputs = ["e"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<f32>) -> !onnx.value
    %rm = onnx.node "ReduceMax"(%xd) {name = "rmax", outputs = ["rm"], attrs = {axes = array<i64: -1>, keepdims = 0 : i64}} : (!onnx.value) -> !onnx.value
    %rq = onnx.node "Quant"(%rm, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qr", outputs = ["rq"]}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %rt = onnx.node "Tanh"(%rq) {name = "tanh", outputs = ["rt"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Quant"(%rt, %ys3, %yz3, %b8) {domain = "qonnx.custom_op.general", name = "qf", outputs = ["f"]}
        : (!onnx.value, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<f32>) -> !onnx.value
    %ex = onnx.node "Expand"(%xd, %one) {name = "expand", outputs = ["ex"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %xs = onnx.node "Sigmoid"(%ex) {name = "sig2", outputs = ["xs"]} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Quant"(%xs, %ys4, %yz4, %b8) {domain = "qonnx.custom_op.general", name = "qg", outputs = ["g"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>, tensor<f32>) -> !onnx.value
    return %e, %f, %g : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// Reshapes to shapes computed as exporters write them, which the
// conversion folds (foldShapeOp): torch FX's flatten (Shape -> Slice ->
// Concat with [-1]: rank 2), `x.view(x.size(0), -1)` (Shape -> Gather of
// index 0 -> Unsqueeze -> Concat: rank 2), and a Slice from -3 by steps of
// 2 (indices 1 and 3 of x's 4: with [-1], rank 3). Each Quant after them
// has parameters of that rank: each is split and its function becomes a
// table.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qa", outputs = ["a.codes"]
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qb", outputs = ["b.codes"]
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qc", outputs = ["c.codes"]
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: qg.reshape {{.*}} -> tensor<1x8x!quant
// QG-NEXT: qg.table
// QG-NEXT: qg.reshape {{.*}} -> tensor<1x8x!quant
// QG-NEXT: qg.table
// QG-NEXT: qg.reshape {{.*}} -> tensor<2x2x2x!quant
// QG-NEXT: qg.table
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %zero = onnx.constant "zero" dense<[0]> : tensor<1xsi64>
    %one = onnx.constant "one" dense<[1]> : tensor<1xsi64>
    %from = onnx.constant "from" dense<[-3]> : tensor<1xsi64>
    %far = onnx.constant "far" dense<[100]> : tensor<1xsi64>
    %two = onnx.constant "two" dense<[2]> : tensor<1xsi64>
    %rest = onnx.constant "rest" dense<[-1]> : tensor<1xsi64>
    %first = onnx.constant "first" dense<0> : tensor<si64>
    %ys2 = onnx.constant "ys2" dense<0.25> : tensor<1x1xf32>
    %yz2 = onnx.constant "yz2" dense<0.0> : tensor<1x1xf32>
    %ys3 = onnx.constant "ys3" dense<0.25> : tensor<1x1x1xf32>
    %yz3 = onnx.constant "yz3" dense<0.0> : tensor<1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %sh = onnx.node "Shape"(%xd) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Slice"(%sh, %zero, %one, %zero) {name = "slice", outputs = ["n"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %fs = onnx.node "Concat"(%n, %rest) {name = "cat", outputs = ["fs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %f = onnx.node "Reshape"(%xd, %fs) {name = "flatten", outputs = ["f"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %fa = onnx.node "Sigmoid"(%f) {name = "sig", outputs = ["fa"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Quant"(%fa, %ys2, %yz2, %b8) {domain = "qonnx.custom_op.general", name = "qa", outputs = ["a"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %g = onnx.node "Gather"(%sh, %first) {name = "size0", outputs = ["g"]} : (!onnx.value, tensor<si64>) -> !onnx.value
    %gu = onnx.node "Unsqueeze"(%g, %zero) {name = "unsq", outputs = ["gu"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %vs = onnx.node "Concat"(%gu, %rest) {name = "cat2", outputs = ["vs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %v = onnx.node "Reshape"(%xd, %vs) {name = "view", outputs = ["v"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %vt = onnx.node "Tanh"(%v) {name = "tanh", outputs = ["vt"]} : (!onnx.value) -> !onnx.value
    %b = onnx.node "Quant"(%vt, %ys2, %yz2, %b8) {domain = "qonnx.custom_op.general", name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %odd = onnx.node "Slice"(%sh, %from, %far, %zero, %two) {name = "slice2", outputs = ["odd"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %cs = onnx.node "Concat"(%odd, %rest) {name = "cat3", outputs = ["cs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %r = onnx.node "Reshape"(%xd, %cs) {name = "reshape", outputs = ["r"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %rs = onnx.node "Sigmoid"(%r) {name = "sig2", outputs = ["rs"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Quant"(%rs, %ys3, %yz3, %b8) {domain = "qonnx.custom_op.general", name = "qc", outputs = ["c"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<f32>) -> !onnx.value
    return %a, %b, %c : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// Shape arithmetic the length of which is found without walking every
// path: a shape written as Concat(c, c) thirty times over from an empty
// Slice of x's shape (2^30 paths, each value once; helper-64's hang), then
// Concat with [-1]: rank 1, so the Quant of rank-1 parameters after the
// Reshape is split; and a Slice by a step of INT64_MAX from index 1 (index
// 1 alone; the conversion's fold overflowed there), with [-1]: rank 2.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qa", outputs = ["a.codes"]
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qb", outputs = ["b.codes"]
// CHECK-NOT: "Quant"(
// QG-LABEL: func.func @main
// QG: qg.reshape {{.*}} -> tensor<8x!quant
// QG-NEXT: qg.table
// QG-NEXT: qg.reshape {{.*}} -> tensor<2x4x!quant
// QG-NEXT: qg.table
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %zero = onnx.constant "zero" dense<[0]> : tensor<1xsi64>
    %one = onnx.constant "one" dense<[1]> : tensor<1xsi64>
    %rest = onnx.constant "rest" dense<[-1]> : tensor<1xsi64>
    %big = onnx.constant "big" dense<[9223372036854775807]> : tensor<1xsi64>
    %ys1 = onnx.constant "ys1" dense<0.25> : tensor<1xf32>
    %yz1 = onnx.constant "yz1" dense<0.0> : tensor<1xf32>
    %ys2 = onnx.constant "ys2" dense<0.25> : tensor<1x1xf32>
    %yz2 = onnx.constant "yz2" dense<0.0> : tensor<1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %sh = onnx.node "Shape"(%xd) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    %c0 = onnx.node "Slice"(%sh, %zero, %zero) {name = "empty", outputs = ["c0"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %c1 = onnx.node "Concat"(%c0, %c0) {name = "cat1", outputs = ["c1"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c2 = onnx.node "Concat"(%c1, %c1) {name = "cat2", outputs = ["c2"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c3 = onnx.node "Concat"(%c2, %c2) {name = "cat3", outputs = ["c3"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c4 = onnx.node "Concat"(%c3, %c3) {name = "cat4", outputs = ["c4"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c5 = onnx.node "Concat"(%c4, %c4) {name = "cat5", outputs = ["c5"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c6 = onnx.node "Concat"(%c5, %c5) {name = "cat6", outputs = ["c6"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c7 = onnx.node "Concat"(%c6, %c6) {name = "cat7", outputs = ["c7"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c8 = onnx.node "Concat"(%c7, %c7) {name = "cat8", outputs = ["c8"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c9 = onnx.node "Concat"(%c8, %c8) {name = "cat9", outputs = ["c9"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c10 = onnx.node "Concat"(%c9, %c9) {name = "cat10", outputs = ["c10"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c11 = onnx.node "Concat"(%c10, %c10) {name = "cat11", outputs = ["c11"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c12 = onnx.node "Concat"(%c11, %c11) {name = "cat12", outputs = ["c12"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c13 = onnx.node "Concat"(%c12, %c12) {name = "cat13", outputs = ["c13"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c14 = onnx.node "Concat"(%c13, %c13) {name = "cat14", outputs = ["c14"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c15 = onnx.node "Concat"(%c14, %c14) {name = "cat15", outputs = ["c15"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c16 = onnx.node "Concat"(%c15, %c15) {name = "cat16", outputs = ["c16"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c17 = onnx.node "Concat"(%c16, %c16) {name = "cat17", outputs = ["c17"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c18 = onnx.node "Concat"(%c17, %c17) {name = "cat18", outputs = ["c18"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c19 = onnx.node "Concat"(%c18, %c18) {name = "cat19", outputs = ["c19"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c20 = onnx.node "Concat"(%c19, %c19) {name = "cat20", outputs = ["c20"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c21 = onnx.node "Concat"(%c20, %c20) {name = "cat21", outputs = ["c21"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c22 = onnx.node "Concat"(%c21, %c21) {name = "cat22", outputs = ["c22"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c23 = onnx.node "Concat"(%c22, %c22) {name = "cat23", outputs = ["c23"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c24 = onnx.node "Concat"(%c23, %c23) {name = "cat24", outputs = ["c24"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c25 = onnx.node "Concat"(%c24, %c24) {name = "cat25", outputs = ["c25"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c26 = onnx.node "Concat"(%c25, %c25) {name = "cat26", outputs = ["c26"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c27 = onnx.node "Concat"(%c26, %c26) {name = "cat27", outputs = ["c27"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c28 = onnx.node "Concat"(%c27, %c27) {name = "cat28", outputs = ["c28"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c29 = onnx.node "Concat"(%c28, %c28) {name = "cat29", outputs = ["c29"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %c30 = onnx.node "Concat"(%c29, %c29) {name = "cat30", outputs = ["c30"], attrs = {axis = 0 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %fs = onnx.node "Concat"(%c30, %rest) {name = "cat", outputs = ["fs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %f = onnx.node "Reshape"(%xd, %fs) {name = "flat", outputs = ["f"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %fa = onnx.node "Sigmoid"(%f) {name = "sig", outputs = ["fa"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Quant"(%fa, %ys1, %yz1, %b8) {domain = "qonnx.custom_op.general", name = "qa", outputs = ["a"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1xf32>, tensor<1xf32>, tensor<f32>) -> !onnx.value
    %n = onnx.node "Slice"(%sh, %one, %rest, %zero, %big) {name = "step", outputs = ["n"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %rs = onnx.node "Concat"(%n, %rest) {name = "cat2", outputs = ["rs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %r = onnx.node "Reshape"(%xd, %rs) {name = "reshape", outputs = ["r"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %rt = onnx.node "Tanh"(%r) {name = "tanh", outputs = ["rt"]} : (!onnx.value) -> !onnx.value
    %b = onnx.node "Quant"(%rt, %ys2, %yz2, %b8) {domain = "qonnx.custom_op.general", name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    return %a, %b : !onnx.value, !onnx.value
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
