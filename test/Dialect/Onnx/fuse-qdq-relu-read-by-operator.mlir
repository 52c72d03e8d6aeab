// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s
// Its output is a fixed point: fusing it again changes nothing.
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq --onnx-fuse-qdq | FileCheck %s
// What the conversion makes of it on npc compile's route (fold, fuse,
// convert; the conversion has no QDQ fusion of its own).
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s --check-prefix=QG

// A lone Relu of a dequantized activation that a float operator reads
// with no QuantizeLinear between: the conversion clamps x's codes below at
// the zero point where the operator is (max(dequantized, 0) is exactly the
// dequantized view of those codes); onnx-fuse-qdq states it as npc's
// QLinearRequantize to x's own parameters with y_min the zero point,
// named as the Relu, and a DequantizeLinear of it, which the reader's own
// fusion takes.

// A Concat of a lone Relu and a Sigmoid: the conversion clamps the Relu's
// int4 codes (zero point 0: 0..7) there first, then makes the Sigmoid's
// 16-bit table; the fusion states both before the Concat in that order.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[MIN:.*]] = onnx.constant "relu.y_min" dense<0> : tensor<si4>
// CHECK: %[[MAX:.*]] = onnx.constant "relu.y_max" dense<7> : tensor<si4>
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%[[XQ]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[MIN]], %[[MAX]]) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "cat", outputs = ["s"], source_op_type = "Concat"}
// CHECK: onnx.node "QLinearConcat"(%{{.*}}, %{{.*}}, %[[R]], %{{.*}}, %{{.*}}, %[[L]],
// CHECK-NOT: "Relu"
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG: %[[G:.*]] = qg.quantize %arg1
// QG: %[[R:.*]] = qg.rescale %[[X]] {clamp_max = 7 : i32, clamp_min = 0 : i32} : tensor<1x8x!quant.uniform<i4:f32, 5.000000e-01>> -> tensor<1x8x!quant.uniform<i4:f32, 5.000000e-01>>
// QG: %[[T:.*]] = qg.table %[[G]]
// QG: %[[R2:.*]] = qg.rescale %[[R]]
// QG: %[[T2:.*]] = qg.rescale %[[T]]
// QG: qg.concat %[[R2]], %[[T2]]
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x8xf32>, %g: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "g"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sg = onnx.constant "sg" dense<0.75> : tensor<f32>
    %zg = onnx.constant "zg" dense<3> : tensor<ui4>
    %sy = onnx.constant "sy" dense<0.05> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %gq = onnx.node "QuantizeLinear"(%g, %sg, %zg) {name = "qg", outputs = ["gq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%gq, %sg, %zg) {name = "dqg", outputs = ["gd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %s = onnx.node "Sigmoid"(%gd) {name = "gate", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Concat"(%r, %s) {name = "cat", outputs = ["m"], attrs = {axis = 1 : i64}} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Relu of uint8 codes at zero point 0 keeps every code: the conversion
// passes x's codes through it (no clamp), and the fusion drops it
// (DropIdentityRelu), so the pool and its QuantizeLinear fuse on x's codes.
// A later product of it and a function of x reads it as x on both routes
// (helper-44's case, where the conversion used to make a no-op clamp).
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.node "QLinearMaxPool"(%[[XQ]], {{.*}}) {attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}, domain = "npc", name = "pool", outputs = ["yq"], source_op_type = "MaxPool"}
// CHECK-NOT: onnx.node "Relu"
// CHECK-NOT: onnx.node "QLinearRequantize"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0 : tensor<1x1x4x4xf32> -> tensor<1x1x4x4x!quant.uniform<u8:f32, 5.000000e-01>>
// QG-NEXT: %[[P:.*]] = qg.max_pool %[[X]]
// QG-NEXT: qg.rescale %[[P]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : {{.*}} -> tensor<1x1x2x2x!quant.uniform<u8:f32, 2.500000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %p = onnx.node "MaxPool"(%r) {name = "pool", outputs = ["p"], attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A lone Relu a BatchNormalization reads (no Conv before it to fold into):
// the codes clamped at x's zero point 10, then npc's
// QLinearBatchNormalization of them, which the conversion makes a
// depthwise 1x1 convolution: with epsilon 1, k = scale / sqrt(var + 1) =
// [1, -1], the weight codes +-127 at scale |k| / 127 and the bias
// (B - mean k) / (0.5 / 127) = [-127, 254].
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[MIN:.*]] = onnx.constant "act.y_min" dense<10> : tensor<ui8>
// CHECK: %[[MAX:.*]] = onnx.constant "act.y_max" dense<255> : tensor<ui8>
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%[[XQ]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[MIN]], %[[MAX]]) {domain = "npc", name = "act", outputs = ["r"], source_op_type = "Relu"}
// CHECK: onnx.node "QLinearBatchNormalization"(%[[R]], {{.*}}) {attrs = {epsilon = 1.000000e+00 : f32}, domain = "npc", name = "bn", outputs = ["y"], source_op_type = "BatchNormalization"}
// CHECK-NOT: "Relu"
// CHECK-NOT: "BatchNormalization"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG: %[[R:.*]] = qg.rescale %[[X]] {clamp_max = 255 : i32, clamp_min = 10 : i32}
// QG: %[[W:.*]] = qg.constant dense<{{\[\[\[\[}}127]]], {{\[\[\[}}-127]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.0078740157480314959,0.0078740157480314959}>>
// QG: %[[B:.*]] = qg.constant dense<[-127, 254]> : tensor<2xi32>
// QG: qg.conv2d %[[R]], %[[W]], %[[B]] {clamp_max = 255 : i32, clamp_min = 0 : i32, {{.*}}group = 2 : i64{{.*}} : (tensor<1x2x1x2x!quant.uniform<u8:f32, 5.000000e-01:10>>, {{.*}}) -> tensor<1x2x1x2x!quant.uniform<u8:f32, 2.500000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %g = onnx.constant "g" dense<[2.0, -1.0]> : tensor<2xf32>
    %b = onnx.constant "b" dense<[0.5, 1.0]> : tensor<2xf32>
    %mean = onnx.constant "mean" dense<[1.0, 0.0]> : tensor<2xf32>
    %var = onnx.constant "var" dense<[3.0, 0.0]> : tensor<2xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x1x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "act", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%r, %g, %b, %mean, %var) {name = "bn", outputs = ["bn"],
        attrs = {epsilon = 1.0 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A lone Relu read by a function of one input (Neg): the conversion clamps
// x's codes (zero point -10) first, where the function is, and the
// function starts a chain of them; the fusion puts the clamp there and
// the chain becomes a table of the clamped codes. Entries: -(code + 10)
// at scale 0.5 into scale 0.5, clamped: -10, -11, -12 for codes 0, 1, 2;
// -7, -8, -9 for codes -3, -2, -1.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[MIN:.*]] = onnx.constant "relu.y_min" dense<-10> : tensor<si8>
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%[[XQ]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[MIN]], %{{.*}}) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: onnx.constant "qy.table" dense<"0xF6F5F4{{[0-9A-F]*}}F9F8F7"> : tensor<256xsi8>
// CHECK: onnx.node "QLinearLookup"(%[[R]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Relu"
// CHECK-NOT: "Neg"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: %[[R:.*]] = qg.rescale %[[X]] {clamp_max = 127 : i32, clamp_min = -10 : i32}
// QG-NEXT: qg.table %[[R]] {table = array<i32: -10, -11, -12, {{.*}}, -7, -8, -9>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<-10> : tensor<si8>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Neg"(%r) {name = "neg", outputs = ["n"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%n, %s, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Relu of codes whose zero point is the lowest code (uint8, 0) changes
// nothing: the conversion passes x's codes through it, and the fusion
// drops it, so the Add reads x's DequantizeLinear and fuses (QLinearAdd of
// x's codes), with no clamp of them before it.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[GQ:.*]] = onnx.node "QuantizeLinear"(%arg1
// CHECK: onnx.node "QLinearAdd"(%[[XQ]], %{{.*}}, %{{.*}}, %[[GQ]], {{.*}}) {domain = "com.microsoft", name = "add", outputs = ["y"], source_op_type = "Add"}
// CHECK-NOT: "Relu"
// CHECK-NOT: QLinearRequantize

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: %[[G:.*]] = qg.quantize %arg1
// QG-NEXT: qg.add %[[X]], %[[G]]
// QG-NOT: qg.rescale
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>, %g: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "g"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zg = onnx.constant "zg" dense<128> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %gq = onnx.node "QuantizeLinear"(%g, %s, %zg) {name = "qg", outputs = ["gq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%gq, %s, %zg) {name = "dqg", outputs = ["gd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%r, %gd) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %zg) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Hard-swish of such a Relu, relu(x) * hardsigmoid(relu(x)): with the Relu
// dropped it is one chain of x, one table. Entries (numpy float32, x =
// code * 0.05 into scale 0.05): 0 1 1 2 2 3 3 4 for codes 0 to 7, 252 253
// 254 255 for codes 252 to 255.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.constant "qy.table" dense<"0x0001010202030304{{[0-9A-F]*}}FCFDFEFF"> : tensor<256xui8>
// CHECK: onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Relu"
// CHECK-NOT: "HardSigmoid"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 0, 1, 1, 2, 2, 3, 3, 4, {{.*}}, 252, 253, 254, 255>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %h = onnx.node "HardSigmoid"(%r) {name = "hsig", outputs = ["h"], attrs = {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32}} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%r, %h) {name = "hswish", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same for npc's 16-bit codes (zero point 0 of uint16): a Sigmoid
// that a GlobalAveragePool reads is a 16-bit table there; a Relu of it
// after the pool changes nothing, so its QuantizeLinear requantizes those
// codes, as the QuantizeLinear's QLinearRequantize (no clamp), not the
// Relu's.
// CHECK-LABEL: func.func @main
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "gap"
// CHECK: onnx.node "QLinearRequantize"(%[[L]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "qy2", outputs = ["y2"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table
// QG: qg.avg_pool %[[T]]
// QG: qg.rescale %[[T]] {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x1x2x2x!quant.uniform<u16:f32, {{.*}}>> -> tensor<1x1x2x2x!quant.uniform<u8:f32, 2.500000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %zm = onnx.constant "zm" dense<128> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %zm) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %zm) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "GlobalAveragePool"(%g) {name = "gap", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s2, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Relu"(%g) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A lone Relu of npc's 16-bit codes (a Tanh's int16 table, made where a
// GlobalAveragePool reads it; zero point 0 above the lowest code) that
// another GlobalAveragePool reads: the conversion clamps those codes at
// the zero point there; the fusion states it as npc's QLinearRequantize
// to the codes' own 16-bit parameters, and the pool reads its codes.
// CHECK-LABEL: func.func @main
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "gap"
// CHECK: %[[MIN:.*]] = onnx.constant "relu.y_min" dense<0> : tensor<si16>
// CHECK: %[[MAX:.*]] = onnx.constant "relu.y_max" dense<32767> : tensor<si16>
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%[[L]], %[[S:.*]], %[[Z:.*]], %[[S]], %[[Z]], %[[MIN]], %[[MAX]]) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: onnx.node "QLinearGlobalAveragePool"(%[[R]], %[[S]], %[[Z]], {{.*}}) {domain = "npc", name = "gap2"
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table
// QG: qg.avg_pool %[[T]]
// QG: %[[R:.*]] = qg.rescale %[[T]] {clamp_max = 32767 : i32, clamp_min = 0 : i32} : tensor<1x1x2x2x!quant.uniform<i16:f32, 3.0518509447574615E-5>> -> tensor<1x1x2x2x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// QG: qg.avg_pool %[[R]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %zm = onnx.constant "zm" dense<128> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %zm) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %zm) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Tanh"(%xd) {name = "tanh", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "GlobalAveragePool"(%g) {name = "gap", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s2, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%g) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %a2 = onnx.node "GlobalAveragePool"(%r) {name = "gap2", outputs = ["a2"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%a2, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// The same for an average's 16-bit codes (1/16 of x's step, uint16 of
// range 0..4080, zero point 2048) that a Conv reads, its Relu read by
// another Conv: the clamp stays within the codes' own range (y_max states
// the type's largest code: the average's zero point does not carry the
// range).
// CHECK-LABEL: func.func @main
// CHECK: %[[A:.*]] = onnx.node "QLinearGlobalAveragePool"
// CHECK: onnx.node "QLinearConv"(%[[A]], {{.*}}name = "conv"
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%[[A]], {{.*}}) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: onnx.node "QLinearConv"(%[[R]], {{.*}}name = "conv2"
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[A:.*]] = qg.avg_pool
// QG: qg.conv2d %[[A]]
// QG: %[[R:.*]] = qg.rescale %[[A]] {clamp_max = 4080 : i32, clamp_min = 2048 : i32} : tensor<1x1x1x1x!quant.uniform<u16<0:4080>:f32, 3.125000e-02:2048>> -> tensor<1x1x1x1x!quant.uniform<u16<0:4080>:f32, 3.125000e-02:2048>>
// QG: qg.conv2d %[[R]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %zm = onnx.constant "zm" dense<128> : tensor<ui8>
    %w = onnx.constant "w" dense<2> : tensor<1x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %zm) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %zm) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%a, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s2, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%a) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %c2 = onnx.node "Conv"(%r, %wd) {name = "conv2", outputs = ["c2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%c2, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// The same with x int8 at zero point -128: the average's int16 codes (range
// -2048..2032) have their zero point at their lowest code, so the clamp
// keeps every code; the conversion still makes it, on both routes, as it
// makes a lone Relu's (helper-65: the fused route made none).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearRequantize"({{.*}}) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}

// QG-LABEL: func.func @main
// QG: %[[A:.*]] = qg.avg_pool
// QG: %[[R:.*]] = qg.rescale %[[A]] {clamp_max = 2032 : i32, clamp_min = -2048 : i32} : tensor<1x1x1x1x!quant.uniform<i16<-2048:2032>:f32, 3.125000e-02:-2048>> -> tensor<1x1x1x1x!quant.uniform<i16<-2048:2032>:f32, 3.125000e-02:-2048>>
// QG: qg.conv2d %[[R]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %zm = onnx.constant "zm" dense<-128> : tensor<si8>
    %w = onnx.constant "w" dense<2> : tensor<1x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %zm) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %zm) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%a, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s2, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%a) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %c2 = onnx.node "Conv"(%r, %wd) {name = "conv2", outputs = ["c2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%c2, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A lone Relu a ReduceMean reads, the mean read by its QuantizeLinear
// alone (no Sub(relu, mean) begins a layer norm there): x's codes clamped
// at the zero point (-3), then the mean of them.
// CHECK-LABEL: func.func @main
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"({{.*}}) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: onnx.node "QLinearReduceMean"(%[[R]], {{.*}}) {attrs = {axes = array<i64: 1>}, domain = "com.microsoft", name = "mean"
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: %[[R:.*]] = qg.rescale %[[X]] {clamp_max = 127 : i32, clamp_min = -3 : i32}
// QG-NEXT: qg.reduce %[[R]] {clamp_max = 127 : i32, clamp_min = -128 : i32, mode = "mean"}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<-3> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "ReduceMean"(%r) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: 1>}}
        : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A lone Relu of a graph input's codes read by a Conv and also a graph
// output: the conversion clamps x's codes where the Conv is, as for codes
// a QuantizeLinear made, and dequantizes that clamp for the output; the
// fusion states the clamp, and the output reads its DequantizeLinear.
// CHECK-LABEL: func.func @main
// CHECK: %[[MIN:.*]] = onnx.constant "relu.y_min" dense<-3> : tensor<si8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu.y_max" dense<127> : tensor<si8>
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%arg0, %[[S:.*]], %[[Z:.*]], %[[S]], %[[Z]], %[[MIN]], %[[MAX]]) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: %[[D:.*]] = onnx.node "DequantizeLinear"(%[[R]], %[[S]], %[[Z]]) {name = "conv.in0.dq", outputs = ["r"]}
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"(%[[R]], {{.*}}) {name = "conv", outputs = ["y"], source_op_type = "Conv"}
// CHECK: return %[[C]], %[[D]]
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0
// QG: %[[R:.*]] = qg.rescale %[[X]] {clamp_max = 127 : i32, clamp_min = -3 : i32} : tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01:-3>>
// QG: %[[C:.*]] = qg.conv2d %[[R]]
// QG: %[[Y:.*]] = qg.storage_cast %[[C]]
// QG: %[[D:.*]] = qg.dequantize %[[R]]
// QG: return %[[Y]], %[[D]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "r"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<-3> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]], [[-2]]], [[[3]], [[2]]]]> : tensor<2x2x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zy) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%r, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %r : !onnx.value, !onnx.value
  }
}

// -----

// A Concat of a lone Relu of a graph input's codes and those codes.
// CHECK-LABEL: func.func @main
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%arg0, {{.*}}) {domain = "npc", name = "relu_c", outputs = ["cr"], source_op_type = "Relu"}
// CHECK: onnx.node "QLinearConcat"(%{{.*}}, %{{.*}}, %[[R]], %{{.*}}, %{{.*}}, %arg0, %{{.*}}, %{{.*}}) {attrs = {axis = 1 : i64}, domain = "com.microsoft", name = "cat", outputs = ["zq"], source_op_type = "Concat"}
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0
// QG: %[[R:.*]] = qg.rescale %[[X]] {clamp_max = 127 : i32, clamp_min = -3 : i32}
// QG: %[[X2:.*]] = qg.storage_cast %arg0
// QG: qg.concat %[[R]], %[[X2]] {axis = 1 : i64}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%c: tensor<1x8xsi8>) -> !onnx.value
      attributes {npc.input_names = ["c"], npc.output_names = ["z"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<-3> : tensor<si8>
    %cd = onnx.node "DequantizeLinear"(%c, %s, %z) {name = "dqc", outputs = ["cd"]}
        : (tensor<1x8xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %cr = onnx.node "Relu"(%cd) {name = "relu_c", outputs = ["cr"]} : (!onnx.value) -> !onnx.value
    %cc = onnx.node "Concat"(%cr, %cd) {name = "cat", outputs = ["cc"], attrs = {axis = 1 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %zq = onnx.node "QuantizeLinear"(%cc, %s, %z) {name = "qz", outputs = ["zq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %zq : !onnx.value
  }
}

// -----

// An average read by a QuantizeLinear and by a MatMul as its second
// input, the first a lone Relu of a graph input's codes: the conversion
// clamps those codes first, then makes the average's 16-bit codes, while
// it takes the MatMul's inputs in order; the fusion states them in that
// order (the Relu's at the MatMul, which comes first, then the average's,
// FuseMeanReadByProduct), and the QuantizeLinear fuses on its own.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "com.microsoft", name = "gap", outputs = ["y"]
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%arg1, {{.*}}) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: %[[P:.*]] = onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "npc", name = "gap", outputs = ["p"], source_op_type = "GlobalAveragePool"}
// CHECK: onnx.node "QLinearMatMul"(%[[R]], %{{.*}}, %{{.*}}, %[[P]], {{.*}}) {name = "mm", outputs = ["y2"], source_op_type = "MatMul"}
// CHECK-NOT: "Relu"
// CHECK-NOT: "MatMul"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0
// QG: qg.avg_pool %[[X]] {clamp_max = 255 : i32
// QG: %[[X2:.*]] = qg.storage_cast %arg1
// QG: %[[R:.*]] = qg.rescale %[[X2]] {clamp_max = 127 : i32, clamp_min = 0 : i32}
// QG: %[[P:.*]] = qg.avg_pool {{.*}} -> tensor<1x2x1x1x!quant.uniform<u16<0:4080>:f32, 3.125000e-02:160>>
// QG: qg.batch_matmul %[[R]], %[[P]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>, %x2: tensor<1x2x3x1xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "x2"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<0.25> : tensor<f32>
    %z2 = onnx.constant "z2" dense<0> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %x2d = onnx.node "DequantizeLinear"(%x2, %s2, %z2) {name = "dqx2", outputs = ["x2d"]}
        : (tensor<1x2x3x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%x2d) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "MatMul"(%r, %p) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A lone Relu of a graph input's int8 codes whose DequantizeLinear omits
// its zero point (0 of int8): the same clamp, Y's zero point stated (0 of
// x's type; npc's node would read an omitted one as uint8).
// CHECK-LABEL: func.func @main
// CHECK: %[[Z:.*]] = onnx.constant "relu.zero_point" dense<0> : tensor<si8>
// CHECK: %[[MIN:.*]] = onnx.constant "relu.y_min" dense<0> : tensor<si8>
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"(%arg0, %[[S:.*]], %{{.*}}, %[[S]], %[[Z]], %[[MIN]], %{{.*}}) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: onnx.node "QLinearConv"(%[[R]], %[[S]], %[[Z]], {{.*}}) {name = "conv", outputs = ["y"], source_op_type = "Conv"}

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.storage_cast %arg0 : tensor<1x2x2x2xsi8> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01>>
// QG: %[[R:.*]] = qg.rescale %[[X]] {clamp_max = 127 : i32, clamp_min = 0 : i32}
// QG: qg.conv2d %[[R]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]], [[-2]]], [[[3]], [[2]]]]> : tensor<2x2x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xsi8>, tensor<f32>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zy) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%r, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}
