// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s
// Its output is a fixed point: fusing it again changes nothing.
// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq --onnx-fuse-qdq | FileCheck %s
// What the conversion makes of it on npc compile's route (fold, fuse,
// convert; the conversion has no QDQ fusion of its own).
// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg | FileCheck %s --check-prefix=QG

// SiLU, x * sigmoid(x), of an int4 activation (scale 0.5): one
// QLinearLookup named as the QuantizeLinear, its table Y's code for each
// code of x (entry e: code e for e < 8, e - 16 above), computed in numpy
// float32: q(x * 1 / (1 + exp(-x)), 0.05, 100). The chain's nodes go;
// x's DequantizeLinear stays (the conversion checks it).

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.node "DequantizeLinear"(%[[XQ]],
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "Mul"
// CHECK: %[[T:.*]] = onnx.constant "qy.table" dense<[100, 106, 115, 125, 135, 146, 157, 168, 99, 98, 97, 96, 95, 95, 95, 96]> : tensor<16xui8>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%[[XQ]], %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {domain = "npc", name = "qy", outputs = ["yq"], source_op_type = "QuantizeLinear"}
// CHECK: onnx.node "DequantizeLinear"(%[[L]],

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 100, 106, 115, 125, 135, 146, 157, 168, 99, 98, 97, 96, 95, 95, 95, 96>} : tensor<1x8x!quant.uniform<i4:f32, 5.000000e-01>> -> tensor<1x8x!quant.uniform<u8:f32, 0.05000000074505806:100>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.05> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %s) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// HardSigmoid (alpha 1/6) of the int4 activation into uint4 codes (scale
// 1/15): the table holds uint4 codes, numpy float32 again.

// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qy.table" dense<[7, 9, 10, 11, 12, 14, 15, 15, 0, 0, 0, 1, 2, 4, 5, 6]> : tensor<16xui4>
// CHECK: onnx.node "QLinearLookup"
// CHECK-NOT: "HardSigmoid"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 7, 9, 10, 11, 12, 14, 15, 15, 0, 0, 0, 1, 2, 4, 5, 6>} : tensor<1x8x!quant.uniform<i4:f32, 5.000000e-01>> -> tensor<1x8x!quant.uniform<u4:f32, 0.066666670143604279>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.0666666701> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui4>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %h = onnx.node "HardSigmoid"(%xd) {name = "hsig", outputs = ["h"], attrs = {alpha = 0.166666672 : f32}} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%h, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// torch's Gelu, x * 0.5 * (1 + erf(x / sqrt(2))), with the scalar ops on
// either side, and Clip(1 - sigmoid(x), 0.1, 0.8) / 0.5 (opset 13 Clip
// bounds as inputs), each of a uint8 activation: one lookup each. The
// tables' first entries are numpy float32's.

// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qg.table" {{.*}} : tensor<256xsi8>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qg", outputs = ["gq"], source_op_type = "QuantizeLinear"}
// CHECK: onnx.constant "qh.table" {{.*}} : tensor<256xui8>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qh", outputs = ["hq"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Erf"
// CHECK-NOT: "Clip"
// CHECK-NOT: "Div"
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize
// QG-NEXT: %[[G:.*]] = qg.table %[[X]] {table = array<i32: 0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 8, 9, 9,
// QG-SAME: -> tensor<1x8x!quant.uniform<i8:f32, 0.019999999552965164>>
// QG-NEXT: %[[H:.*]] = qg.table %[[X]] {table = array<i32: 50, 50, 49, 49, 48, 48, 47, 47, 46, 46, 45, 45, 44, 44, 43, 43,
// QG-SAME: -> tensor<1x8x!quant.uniform<u8:f32, 0.019999999552965164>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["g", "h"]} {
    %sx = onnx.constant "sx" dense<0.02> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.02> : tensor<f32>
    %zg = onnx.constant "zg" dense<0> : tensor<si8>
    %zh = onnx.constant "zh" dense<0> : tensor<ui8>
    %sqrt2 = onnx.constant "sqrt2" dense<1.41421354> : tensor<f32>
    %one = onnx.constant "one" dense<1.0> : tensor<f32>
    %half = onnx.constant "half" dense<0.5> : tensor<f32>
    %lo = onnx.constant "lo" dense<0.1> : tensor<f32>
    %hi = onnx.constant "hi" dense<0.8> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "Div"(%xd, %sqrt2) {name = "div", outputs = ["d"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %e = onnx.node "Erf"(%d) {name = "erf", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%one, %e) {name = "add", outputs = ["a"]} : (tensor<f32>, !onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %a) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g = onnx.node "Mul"(%half, %m) {name = "mulhalf", outputs = ["gf"]} : (tensor<f32>, !onnx.value) -> !onnx.value
    %gq = onnx.node "QuantizeLinear"(%g, %sy, %zg) {name = "qg", outputs = ["gq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%gq, %sy, %zg) {name = "dqg", outputs = ["g"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %sg = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["sg"]} : (!onnx.value) -> !onnx.value
    %om = onnx.node "Sub"(%one, %sg) {name = "sub", outputs = ["om"]} : (tensor<f32>, !onnx.value) -> !onnx.value
    %c = onnx.node "Clip"(%om, %lo, %hi) {name = "clip", outputs = ["c"]} : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %hs = onnx.node "Div"(%c, %half) {name = "div2", outputs = ["hs"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %hq = onnx.node "QuantizeLinear"(%hs, %sy, %zh) {name = "qh", outputs = ["hq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %hd = onnx.node "DequantizeLinear"(%hq, %sy, %zh) {name = "dqh", outputs = ["h"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %gd, %hd : !onnx.value, !onnx.value
  }
}

// -----

// A squeeze-excite gate as FX exports it, x * sigmoid(g) with no
// QuantizeLinear after the Sigmoid: the conversion makes the Sigmoid a
// 16-bit table where the Mul reads it; the fusion states that as npc's
// QLinearLookup named as the Mul, into uint16 codes at scale
// max|f| / 65535 rounded to float32, then a DequantizeLinear of them, and
// the Mul fuses into QLinearMul of x's and those codes. Table and scale
// computed in numpy float32: sigmoid((c - 3) * 0.75) for the uint4 codes
// c, scale float32(max / 65535), codes rint(v / scale).

// CHECK-LABEL: func.func @main
// CHECK: %[[GQ:.*]] = onnx.node "QuantizeLinear"(%arg1
// CHECK: %[[S:.*]] = onnx.constant "se_mul.in1.y_scale" dense<1.52571392E-5> : tensor<f32>
// CHECK: %[[Z:.*]] = onnx.constant "se_mul.in1.y_zero_point" dense<0> : tensor<ui16>
// CHECK: %[[T:.*]] = onnx.constant "se_mul.in1.table" dense<[6249, 11957, 21028, 32772, 44515, 53586, 59294, 62435, 64037, 64823, 65201, 65381, 65466, 65507, 65526, 65535]> : tensor<16xui16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%[[GQ]], %{{.*}}, %{{.*}}, %[[T]], %[[S]], %[[Z]]) {domain = "npc", name = "se_mul", outputs = ["s"], source_op_type = "Mul"}
// CHECK: onnx.node "QLinearMul"(%{{.*}}, %{{.*}}, %{{.*}}, %[[L]], %[[S]], %[[Z]], %{{.*}}, %{{.*}}) {domain = "com.microsoft", name = "se_mul"
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[G:.*]] = qg.quantize %arg1
// QG-NEXT: %[[T:.*]] = qg.table %[[G]] {table = array<i32: 6249, 11957, 21028, 32772, 44515, 53586, 59294, 62435, 64037, 64823, 65201, 65381, 65466, 65507, 65526, 65535>} : tensor<1x8x!quant.uniform<u4:f32, 7.500000e-01:3>> -> tensor<1x8x!quant.uniform<u16:f32, 1.5257139239110984E-5>>
// QG-NEXT: qg.mul %{{.*}}, %[[T]] {clamp_max = 255 : i32, clamp_min = 0 : i32}
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
    %s = onnx.node "Sigmoid"(%gd) {name = "gate", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %s) {name = "se_mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Tanh of an int4 activation read by a Conv: its values are negative too,
// so int16 codes at scale max|f| / 32767 (numpy float32: tanh(c * 0.5)
// for the int4 codes c); the Conv fuses into QLinearConv of those codes.

// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "conv.in0.y_scale" dense<3.04980422E-5> : tensor<f32>
// CHECK: onnx.constant "conv.in0.table" dense<[0, 15152, 24972, 29679, 31609, 32350, 32627, 32729, -32767, -32729, -32627, -32350, -31609, -29679, -24972, -15152]> : tensor<16xsi16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "conv", outputs = ["t"], source_op_type = "Conv"}
// CHECK: onnx.node "QLinearConv"(%[[L]],
// CHECK-NOT: "Tanh"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} {table = array<i32: 0, 15152, 24972, 29679, 31609, 32350, 32627, 32729, -32767, -32729, -32627, -32350, -31609, -29679, -24972, -15152>} : tensor<1x1x1x8x!quant.uniform<i4:f32, 5.000000e-01>> -> tensor<1x1x1x8x!quant.uniform<i16:f32, 3.0498042178805918E-5>>
// QG: qg.conv2d %[[T]],
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x1x1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %w = onnx.constant "w" dense<64> : tensor<1x1x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.015625> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.05> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Tanh"(%xd) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Conv"(%t, %wd) {name = "conv", outputs = ["c"], attrs = {kernel_shape = [1, 1]}} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Two chains a Mul reads, tanh(x) * sigmoid(g), the Sigmoid written first:
// both tables are made where the Mul is, in operand order (the
// conversion's), so the Tanh's lookup comes first; then the Mul fuses,
// reading their codes, and their DequantizeLinears, unread, go.

// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "se_mul", outputs = ["t"]
// CHECK: %[[S:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "se_mul", outputs = ["s"]
// CHECK-NOT: se_mul.in
// CHECK: onnx.node "QLinearMul"(%[[T]], {{[^,]*}}, {{[^,]*}}, %[[S]],

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} -> tensor<1x8x!quant.uniform<i16:f32, 3.0498042178805918E-5>>
// QG-NEXT: %[[S:.*]] = qg.table %{{.*}} -> tensor<1x8x!quant.uniform<u16:f32, 1.5257139239110984E-5>>
// QG-NEXT: qg.mul %[[T]], %[[S]]
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
    %s = onnx.node "Sigmoid"(%gd) {name = "gate", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Tanh"(%xd) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%t, %s) {name = "se_mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Sigmoid read by a ReduceMean, then a Relu: the 16-bit table where the
// ReduceMean reads it (the same table as the squeeze-excite gate's above:
// same function, same uint4 parameters), then npc's QLinearReduceMean of
// those codes (onnxruntime's takes 8 bits) with the Relu's bounds as
// y_min, y_max: Q(0) = the zero point -100 up to 127.

// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.constant "mean.in0.table" dense<[6249, 11957, 21028, 32772, 44515, 53586, 59294, 62435, 64037, 64823, 65201, 65381, 65466, 65507, 65526, 65535]> : tensor<16xui16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}, %[[T]], {{.*}}) {domain = "npc", name = "mean", outputs = ["s"], source_op_type = "ReduceMean"}
// CHECK: %[[MIN:.*]] = onnx.constant "relu.min" dense<-100> : tensor<si8>
// CHECK: %[[MAX:.*]] = onnx.constant "relu.max" dense<127> : tensor<si8>
// CHECK: onnx.node "QLinearReduceMean"(%[[L]], {{.*}}, %[[MIN]], %[[MAX]]) {attrs = {axes = array<i64: 1>}, domain = "npc", name = "mean", outputs = ["yq"], source_op_type = "ReduceMean"}
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "Relu"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table {{.*}} -> tensor<1x8x!quant.uniform<u16:f32, 1.5257139239110984E-5>>
// QG-NEXT: qg.reduce %[[T]] {clamp_max = 127 : i32, clamp_min = -100 : i32, mode = "mean"} : tensor<1x8x!quant.uniform<u16:f32, 1.5257139239110984E-5>> -> tensor<1x1x!quant.uniform<i8:f32, 0.0099999997764825821:-100>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%g: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["g"], npc.output_names = ["y"]} {
    %sg = onnx.constant "sg" dense<0.75> : tensor<f32>
    %zg = onnx.constant "zg" dense<3> : tensor<ui4>
    %sy = onnx.constant "sy" dense<0.01> : tensor<f32>
    %zy = onnx.constant "zy" dense<-100> : tensor<si8>
    %gq = onnx.node "QuantizeLinear"(%g, %sg, %zg) {name = "qg", outputs = ["gq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%gq, %sg, %zg) {name = "dqg", outputs = ["gd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%gd) {name = "gate", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "ReduceMean"(%s) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: 1>}}
        : (!onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%m) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// The same table reshaped, then a Clip from 0.01: the Reshape moves the
// 16-bit codes, and npc's QLinearRequantize takes them to Y's with the
// Clip's bounds, round(0.01 / 0.01) - 100 = -99 up to 127.

// CHECK-LABEL: func.func @main
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "reshape", outputs = ["s"], source_op_type = "Reshape"}
// CHECK: %[[R:.*]] = onnx.node "Reshape"(%[[L]],
// CHECK: %[[MIN:.*]] = onnx.constant "clip.min" dense<-99> : tensor<si8>
// CHECK: %[[MAX:.*]] = onnx.constant "clip.max" dense<127> : tensor<si8>
// CHECK: onnx.node "QLinearRequantize"(%[[R]], {{.*}}, %[[MIN]], %[[MAX]]) {domain = "npc", name = "clip", outputs = ["yq"], source_op_type = "Clip"}
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "Clip"(

// QG-LABEL: func.func @main
// QG: %[[R:.*]] = qg.reshape {{.*}} -> tensor<1x2x4x!quant.uniform<u16:f32, 1.5257139239110984E-5>>
// QG-NEXT: qg.rescale %[[R]] {clamp_max = 127 : i32, clamp_min = -99 : i32} : tensor<1x2x4x!quant.uniform<u16:f32, 1.5257139239110984E-5>> -> tensor<1x2x4x!quant.uniform<i8:f32, 0.0099999997764825821:-100>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%g: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["g"], npc.output_names = ["y"]} {
    %sg = onnx.constant "sg" dense<0.75> : tensor<f32>
    %zg = onnx.constant "zg" dense<3> : tensor<ui4>
    %sy = onnx.constant "sy" dense<0.01> : tensor<f32>
    %zy = onnx.constant "zy" dense<-100> : tensor<si8>
    %shape = onnx.constant "shape" dense<[1, 2, 4]> : tensor<3xsi64>
    %gq = onnx.node "QuantizeLinear"(%g, %sg, %zg) {name = "qg", outputs = ["gq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%gq, %sg, %zg) {name = "dqg", outputs = ["gd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%gd) {name = "gate", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Reshape"(%s, %shape) {name = "reshape", outputs = ["t"]} : (!onnx.value, tensor<3xsi64>) -> !onnx.value
    %r = onnx.node "Clip"(%t, %sy) {name = "clip", outputs = ["r"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A Sigmoid of an int4 graph input whose DequantizeLinear has no zero
// point: 0 of the input's type, int4, so a table of 16 entries (entry e:
// code e for e < 8, e - 16 above), computed in numpy float32 as
// clip(rint(sigmoid(c * 0.5) / 2^-8), 0, 255); the lookup's x zero point
// stays omitted.

// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.constant "qy.table" dense<[128, 159, 187, 209, 225, 237, 244, 248, 5, 8, 12, 19, 31, 47, 69, 97]> : tensor<16xui8>
// CHECK: %[[N:.*]] = onnx.none
// CHECK: onnx.node "QLinearLookup"(%arg0, %{{[^,]*}}, %[[N]], %[[T]], {{.*}}) {domain = "npc", name = "qy", outputs = ["yq"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {table = array<i32: 128, 159, 187, 209, 225, 237, 244, 248, 5, 8, 12, 19, 31, 47, 69, 97>} : tensor<1x8x!quant.uniform<i4:f32, 5.000000e-01>> -> tensor<1x8x!quant.uniform<u8:f32, 3.906250e-03>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x8xsi4>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x8xsi4>, tensor<f32>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%s, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A Sigmoid read by a DepthToSpace: the conversion makes the 16-bit table
// where the move reads it (the squeeze-excite gate's table above), so the
// fusion states it there; the move then carries the codes and the
// QuantizeLinear requantizes them (npc's QLinearRequantize).

// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.constant "d2s.in0.table" dense<[6249, 11957, 21028, 32772, 44515, 53586, 59294, 62435, 64037, 64823, 65201, 65381, 65466, 65507, 65526, 65535]> : tensor<16xui16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}, %[[T]], {{.*}}) {domain = "npc", name = "d2s", outputs = ["s"], source_op_type = "DepthToSpace"}
// CHECK: %[[M:.*]] = onnx.node "DepthToSpace"(%[[L]]) {attrs = {blocksize = 2 : i64}, name = "d2s", outputs = ["t"]}
// CHECK: onnx.node "QLinearRequantize"(%[[M]], {{.*}}) {domain = "npc", name = "qy", outputs = ["yq"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: qg.table
// QG: qg.transpose
// QG: qg.rescale {{.*}} {clamp_max = 255 : i32, clamp_min = 0 : i32} : tensor<1x1x2x4x!quant.uniform<u16:f32, 1.5257139239110984E-5>> -> tensor<1x1x2x4x!quant.uniform<u8:f32, 3.906250e-03>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%g: tensor<1x4x1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["g"], npc.output_names = ["y"]} {
    %sg = onnx.constant "sg" dense<0.75> : tensor<f32>
    %zg = onnx.constant "zg" dense<3> : tensor<ui4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %gq = onnx.node "QuantizeLinear"(%g, %sg, %zg) {name = "qg", outputs = ["gq"]}
        : (tensor<1x4x1x2xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%gq, %sg, %zg) {name = "dqg", outputs = ["gd"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%gd) {name = "gate", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "DepthToSpace"(%s) {name = "d2s", outputs = ["t"], attrs = {blocksize = 2 : i64}} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%t, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A DequantizeLinear without a zero point of a fused QLinearConv's codes
// (int8: its y zero point's type), then a Sigmoid: a table of the 256
// int8 codes read with zero point 0 (ONNX's, whatever Q's zero point -3
// was), from code 0 on rint(sigmoid(c * 0.5) * 256): 128, 159, 187, 209
// (0x80 0x9F 0xBB 0xD1).

// CHECK-LABEL: func.func @main
// CHECK: %[[C:.*]] = onnx.node "QLinearConv"
// CHECK: %[[T:.*]] = onnx.constant "qy.table" dense<"0x809FBBD1
// CHECK: %[[N:.*]] = onnx.none
// CHECK: onnx.node "QLinearLookup"(%[[C]], %{{[^,]*}}, %[[N]], %[[T]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {table = array<i32: 128, 159, 187, 209,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<2> : tensor<1x1x1x1xsi8>
    %sc = onnx.constant "sc" dense<0.5> : tensor<f32>
    %zc = onnx.constant "zc" dense<-3> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%c, %sc, %zc) {name = "qc", outputs = ["cq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%cq, %sc) {name = "dqc", outputs = ["cd"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%cd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%g, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Sigmoid read by a QuantizeLinear, then a Conv, then another
// QuantizeLinear: the conversion makes the first QuantizeLinear's 8-bit
// table, the Conv's 16-bit table where the Conv is, and requantizes those
// codes for the last. The fusion states the same: the chain keeps its
// first reader, the Conv and what follows read npc's 16-bit codes.

// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"(%arg0, {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"} : ({{.*}}, tensor<256xui8>, tensor<f32>, tensor<ui8>)
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%arg0, {{.*}}) {domain = "npc", name = "conv", outputs = ["g"], source_op_type = "Conv"} : ({{.*}}, tensor<256xui16>, tensor<f32>, tensor<ui16>)
// CHECK: onnx.node "QLinearConv"(%[[T]], {{.*}}) {name = "conv", outputs = ["y2"], source_op_type = "Conv"}
// CHECK: onnx.node "QLinearRequantize"(%[[T]], {{.*}}) {domain = "npc", name = "qy3", outputs = ["y3"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "Sigmoid"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} -> tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-01:10>>
// QG: qg.table {{.*}} -> tensor<1x2x2x2x!quant.uniform<u16:f32, {{.*}}>>
// QG: qg.conv2d
// QG: qg.rescale %{{.*}} : tensor<1x2x2x2x!quant.uniform<u16:f32, {{.*}}>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-01:10>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2", "y3"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[[[1]], [[2]]], [[[-3]], [[4]]]]> : tensor<2x2x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "Conv"(%g, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y3 = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qy3", outputs = ["y3"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %y2, %y3 : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// A Concat that reads one Sigmoid twice: one 16-bit table, made where the
// Concat is, which it reads at both inputs (the conversion makes the table
// at the first and reads its codes at the second).

// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.node "QLinearLookup"(%arg0, {{.*}}) {domain = "npc", name = "cat", outputs = ["g"], source_op_type = "Concat"}
// CHECK-NOT: QLinearLookup
// CHECK: onnx.node "QLinearConcat"(%{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}, %arg0, %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {attrs = {axis = 1 : i64}, domain = "npc", name = "cat", outputs = ["y"], source_op_type = "Concat"}

// QG-LABEL: func.func @main
// QG: qg.table
// QG-NOT: qg.table
// QG: qg.concat
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Concat"(%g, %xd, %g) {name = "cat", outputs = ["c"], attrs = {axis = 1 : i64}}
        : (!onnx.value, !onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Functions read by several QuantizeLinears, of an int4 activation (scale
// 0.5): a Sigmoid read by two, a Tanh read by one and by a Relu before
// another (the chain grows by it, a function of its own). One
// QLinearLookup per QuantizeLinear, named as it, where the conversion
// makes its table; the tables computed in numpy float32:
// q(sigmoid(x), 1/16) and q(sigmoid(x), 1/8) as uint4, q(tanh(x), 1/8) as
// int4, q(max(tanh(x), 0), 1/16) as uint4.

// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.constant "qa.table" dense<[8, 10, 12, 13, 14, 15, 15, 15, 0, 0, 1, 1, 2, 3, 4, 6]> : tensor<16xui4>
// CHECK: %[[A:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qa", outputs = ["a"], source_op_type = "QuantizeLinear"}
// CHECK: onnx.constant "qb.table" dense<[4, 5, 6, 7, 7, 7, 8, 8, 0, 0, 0, 1, 1, 1, 2, 3]> : tensor<16xui4>
// CHECK: %[[B:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qb", outputs = ["b"], source_op_type = "QuantizeLinear"}
// CHECK: onnx.constant "qc.table" dense<[0, 4, 6, 7, 7, 7, 7, 7, -8, -8, -8, -8, -8, -7, -6, -4]> : tensor<16xsi4>
// CHECK: %[[C:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qc", outputs = ["c"], source_op_type = "QuantizeLinear"}
// CHECK: onnx.constant "qd.table" dense<[0, 7, 12, 14, 15, 15, 15, 15, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<16xui4>
// CHECK: %[[D:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qd", outputs = ["d"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "Tanh"
// CHECK-NOT: "Relu"
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]]

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 8, 10, 12, 13, 14, 15, 15, 15, 0, 0, 1, 1, 2, 3, 4, 6>} : {{.*}} -> tensor<1x8x!quant.uniform<u4:f32, 6.250000e-02>>
// QG: qg.table {{.*}} {table = array<i32: 4, 5, 6, 7, 7, 7, 8, 8, 0, 0, 0, 1, 1, 1, 2, 3>} : {{.*}} -> tensor<1x8x!quant.uniform<u4:f32, 1.250000e-01>>
// QG: qg.table {{.*}} {table = array<i32: 0, 4, 6, 7, 7, 7, 7, 7, -8, -8, -8, -8, -8, -7, -6, -4>} : {{.*}} -> tensor<1x8x!quant.uniform<i4:f32, 1.250000e-01>>
// QG: qg.table {{.*}} {table = array<i32: 0, 7, 12, 14, 15, 15, 15, 15, 0, 0, 0, 0, 0, 0, 0, 0>} : {{.*}} -> tensor<1x8x!quant.uniform<u4:f32, 6.250000e-02>>
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> (!onnx.value, !onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c", "d"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sa = onnx.constant "sa" dense<0.0625> : tensor<f32>
    %sb = onnx.constant "sb" dense<0.125> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui4>
    %zc = onnx.constant "zc" dense<0> : tensor<si4>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %sg = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["sg"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%sg, %sa, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%sg, %sb, %z) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    %t = onnx.node "Tanh"(%xd) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "QuantizeLinear"(%t, %sb, %zc) {name = "qc", outputs = ["c"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %r = onnx.node "Relu"(%t) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %d = onnx.node "QuantizeLinear"(%r, %sa, %z) {name = "qd", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui4>) -> !onnx.value
    return %a, %b, %c, %d : !onnx.value, !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// A MatMul of a Sigmoid's 16-bit table and an average, whose other reader
// is a QuantizeLinear before it. The walk passes the average while the
// MatMul's first input is still the Sigmoid (which the conversion makes
// first); once that is the table's codes, the next walk puts npc's
// average before the MatMul, after the table, in the conversion's order,
// and the QuantizeLinear fuses with the float average to onnxruntime's
// 8-bit node.

// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "com.microsoft", name = "gap", outputs = ["p"]
// CHECK: %[[S:.*]] = onnx.node "QLinearLookup"(%arg1, {{.*}}) {domain = "npc", name = "mm", outputs = ["s"]
// CHECK: %[[M:.*]] = onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "npc", name = "gap", outputs = ["m"]
// CHECK: %[[Y:.*]] = onnx.node "QLinearMatMul"(%[[S]], {{[^,]*}}, {{[^,]*}}, %[[M]],
// CHECK: return %[[P]], %[[Y]]

// QG-LABEL: func.func @main
// QG: qg.avg_pool {{.*}} -> tensor<1x2x1x1x!quant.uniform<u8:f32, 6.250000e-02>>
// QG: %[[T:.*]] = qg.table
// QG: %[[A:.*]] = qg.avg_pool {{.*}} -> tensor<1x2x1x1x!quant.uniform<u16<0:4080>:f32, 1.562500e-02:160>>
// QG: qg.batch_matmul %[[T]], %[[A]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>, %g: tensor<1x2x3x1xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "g"], npc.output_names = ["p", "y"]} {
    %sx = onnx.constant "sx" dense<0.25> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %sg = onnx.constant "sg" dense<0.125> : tensor<f32>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["m"]} : (!onnx.value) -> !onnx.value
    %gd = onnx.node "DequantizeLinear"(%g, %sg, %z) {name = "dqg", outputs = ["gd"]}
        : (tensor<1x2x3x1xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%gd) {name = "sig", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %p = onnx.node "QuantizeLinear"(%m, %sy, %z) {name = "qp", outputs = ["p"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %mm = onnx.node "MatMul"(%s, %m) {name = "mm", outputs = ["mm"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%mm, %sy, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %p, %y : !onnx.value, !onnx.value
  }
}

// -----

// A PRelu with a slope per channel (nn.PReLU(2): [2, 1, 1]) of uint2 codes
// at zero point 2: the table's shape is [codes of x] ++ the slope's shape,
// entry e of channel c at e * 2 + c (qg.table's layout; values worked out
// in test/Conversion/OnnxToQGraph/prelu-per-channel.mlir), and the node
// names the PRelu (slope_of), where the conversion checks the slope
// against x's shape.
// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.constant "q2.table" dense<{{\[\[\[\[}}4]], {{\[\[}}6]]], {{\[\[\[}}6]], {{\[\[}}7]]], {{\[\[\[}}8]], {{\[\[}}8]]], {{\[\[\[}}12]], {{\[\[}}12]]]]> : tensor<4x2x1x1xui8>
// CHECK: onnx.node "QLinearLookup"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "q2"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 4, 6, 6, 7, 8, 8, 12, 12>}
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same PRelu read by a MaxPool, with no QuantizeLinear between: a
// 16-bit table per channel (wideTableParams over both channels' values,
// -1 .. 1: int16 at scale 1 / 32767), made before the pool and named as
// its input, with slope_of. Channel 0 (slope 0.5): -1, -0.5, 0, 1 ->
// -32767, -16384, 0, 32767; channel 1 (0.25): -0.5, -0.25, 0, 1 ->
// -16384, -8192, 0, 32767 (-16383.5 and -8191.75 rounded to nearest).
// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.constant "pool.in0.table" dense<{{\[\[\[\[}}-32767]], {{\[\[}}-16384]]], {{\[\[\[}}-16384]], {{\[\[}}-8192]]], {{\[\[\[}}0]], {{\[\[}}0]]], {{\[\[\[}}32767]], {{\[\[}}32767]]]]> : tensor<4x2x1x1xsi16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "pool"
// CHECK: onnx.node "QLinearMaxPool"(%[[L]],
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: -32767, -16384, -16384, -8192, 0, 0, 32767, 32767>} : {{.*}} -> tensor<1x2x1x3x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// QG-NEXT: qg.max_pool
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %m = onnx.node "MaxPool"(%p) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (!onnx.value) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Two PRelus per channel in one chain, of codes pooled (x's shape is not
// known here), with slopes of one shape ([2, 1, 1]): the walk checks each
// against x's shape, which the first one's check, at the fused node
// (slope_of), decides for both. Slopes 0.5 then 0.5 on channel 0, 0.25
// then 0.5 on channel 1: x (uint2 at zero point 2) -2, -1, 0, 1 ->
// -0.5, -0.25, 0, 1 -> 6, 7, 8, 12 at (0.25, 8); channel 1 -0.25, -0.125,
// 0, 1 -> 7, 8 (-0.5 rounds to even), 8, 12.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "MaxPool"
// CHECK: %[[T:.*]] = onnx.constant "q2.table" dense<{{\[\[\[\[}}6]], {{\[\[}}7]]], {{\[\[\[}}7]], {{\[\[}}8]]], {{\[\[\[}}8]], {{\[\[}}8]]], {{\[\[\[}}12]], {{\[\[}}12]]]]> : tensor<4x2x1x1xui8>
// CHECK: onnx.node "QLinearLookup"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "q2"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.max_pool
// QG-NEXT: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 6, 7, 7, 8, 8, 8, 12, 12>}
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k0 = onnx.constant "slope0" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %k1 = onnx.constant "slope1" dense<[[[0.5]], [[0.5]]]> : tensor<2x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %m = onnx.node "MaxPool"(%d) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (!onnx.value) -> !onnx.value
    %p0 = onnx.node "PRelu"(%m, %k0) {name = "prelu0", outputs = ["p0"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %p1 = onnx.node "PRelu"(%p0, %k1) {name = "prelu1", outputs = ["p1"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p1, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The second slope one value of rank 1 ([1]), at most the first's rank:
// it passes whenever the first does. The same table.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "MaxPool"
// CHECK: %[[T:.*]] = onnx.constant "q2.table" dense<{{\[\[\[\[}}6]], {{\[\[}}7]]], {{\[\[\[}}7]], {{\[\[}}8]]], {{\[\[\[}}8]], {{\[\[}}8]]], {{\[\[\[}}12]], {{\[\[}}12]]]]> : tensor<4x2x1x1xui8>
// CHECK: onnx.node "QLinearLookup"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "q2"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.max_pool
// QG-NEXT: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 6, 7, 7, 8, 8, 8, 12, 12>}
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k0 = onnx.constant "slope0" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %k1 = onnx.constant "slope1" dense<0.5> : tensor<1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %m = onnx.node "MaxPool"(%d) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (!onnx.value) -> !onnx.value
    %p0 = onnx.node "PRelu"(%m, %k0) {name = "prelu0", outputs = ["p0"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %p1 = onnx.node "PRelu"(%p0, %k1) {name = "prelu1", outputs = ["p1"]}
        : (!onnx.value, tensor<1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p1, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same PRelu read by two QuantizeLinears: a table per channel for
// each. The second follows the first's table, which checks the slope
// where the walk does (at the PRelu), so nothing before it can fail
// first. qa (0.25, 8): 4, 6, 6, 7, 8, 8, 12, 12 as above; qb (0.5, 8):
// channel 0 -1, -0.5, 0, 1 -> 6, 7, 8, 10; channel 1 -0.5, -0.25, 0, 1
// -> 7, 8 (-0.5 rounds to even), 8, 10.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "qa"
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "qb"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 4, 6, 6, 7, 8, 8, 12, 12>}
// QG: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 6, 7, 7, 8, 8, 8, 10, 10>}
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %sa = onnx.constant "sa" dense<0.25> : tensor<f32>
    %sb = onnx.constant "sb" dense<0.5> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%p, %sa, %zy) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%p, %sb, %zy) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b : !onnx.value, !onnx.value
  }
}

// -----

// The same PRelu read by a QuantizeLinear and then by a MaxPool (torch's
// `fq(prelu(x))` before `fq(max_pool2d(prelu(x)))`): the walk reaches
// the QuantizeLinear before the pool makes the function 16-bit codes, so
// the QuantizeLinear gets its 8-bit table per channel (0.25, 8: as
// above), and the pool its 16-bit one (as for the pool alone), which
// follows the first table's check of the slope.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qa.table" dense<{{\[\[\[\[}}4]], {{\[\[}}6]]], {{\[\[\[}}6]], {{\[\[}}7]]], {{\[\[\[}}8]], {{\[\[}}8]]], {{\[\[\[}}12]], {{\[\[}}12]]]]> : tensor<4x2x1x1xui8>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "qa"
// CHECK: onnx.constant "pool.in0.table" dense<{{\[\[\[\[}}-32767]], {{\[\[}}-16384]]], {{\[\[\[}}-16384]], {{\[\[}}-8192]]], {{\[\[\[}}0]], {{\[\[}}0]]], {{\[\[\[}}32767]], {{\[\[}}32767]]]]> : tensor<4x2x1x1xsi16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "pool"
// CHECK: onnx.node "QLinearMaxPool"(%[[L]],
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 4, 6, 6, 7, 8, 8, 12, 12>} : {{.*}} -> tensor<1x2x1x3x!quant.uniform<u8:f32, 2.500000e-01:8>>
// QG-NEXT: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: -32767, -16384, -16384, -8192, 0, 0, 32767, 32767>} : {{.*}} -> tensor<1x2x1x3x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// QG-NEXT: qg.max_pool
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %sa = onnx.constant "sa" dense<0.25> : tensor<f32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%p, %sa, %zy) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "MaxPool"(%p) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (!onnx.value) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %y : !onnx.value, !onnx.value
  }
}

// -----

// One slope value in a tensor of rank 1 (torch's nn.PReLU()) on x of a
// known rank (4) at least the slope's: the slope's check cannot fail, so
// the chain fuses whatever lies between (here another input's
// QuantizeLinear). uint2 codes -2, -1, 0, 1 -> -1, -0.5, 0, 1 -> 4, 6, 8, 12.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QuantizeLinear"(%arg1
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "qy"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 4, 6, 8, 12>}
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[0.5]> : tensor<1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<1xf32>) -> !onnx.value
    %c = onnx.node "QuantizeLinear"(%o, %sy, %zy) {name = "qo", outputs = ["c"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}

// -----

// The same slope of one value, of rank 4, on the codes of a QLinearConv an
// earlier match made (rank 4, as its input's: rankOf knows the nodes the
// fusion writes), with another input's QuantizeLinear between: the check
// cannot fail, so the chain fuses. int8 codes c at scale 0.5 -> 0.5 c,
// times 0.25 below 0, at scale 0.25: 2 c (clamped at 127) from code 0,
// 0.5 c rounded to even below (-128 -> -64, -127 -> -64, -1 -> 0).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearConv"
// CHECK: onnx.node "QuantizeLinear"(%arg1
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "qy"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 0, 2, 4, 6, {{.*}}, 124, 126, 127, 127, {{.*}}, -64, -64, -63, {{.*}}, -2, -2, -1, 0>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<2> : tensor<1x1x1x1xsi8>
    %sc = onnx.constant "sc" dense<0.5> : tensor<f32>
    %k = onnx.constant "slope" dense<0.25> : tensor<1x1x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %cv = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["cv"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %cq = onnx.node "QuantizeLinear"(%cv, %sc, %z) {name = "qc", outputs = ["cq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%cq, %sc, %z) {name = "dqc", outputs = ["cd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "PRelu"(%cd, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<1x1x1x1xf32>) -> !onnx.value
    %c = onnx.node "QuantizeLinear"(%o, %sy, %zy) {name = "qo", outputs = ["c"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}

// -----

// The same PRelu split along its channels (torch's `torch.split(prelu(x),
// 1, dim=1)`): the Split moves its data as a Slice does, so the same
// 16-bit table is made before it (named as the Split) and the Split moves
// onto its codes; each part is requantized by its QuantizeLinear.
// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.constant "split.in0.table" dense<{{\[\[\[\[}}-32767]], {{\[\[}}-16384]]], {{\[\[\[}}-16384]], {{\[\[}}-8192]]], {{\[\[\[}}0]], {{\[\[}}0]]], {{\[\[\[}}32767]], {{\[\[}}32767]]]]> : tensor<4x2x1x1xsi16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]], %{{.*}}, %{{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "split"
// CHECK: %[[S:.*]]:2 = onnx.node "Split"(%[[L]], %{{.*}}) {attrs = {axis = 1 : i64}, name = "split"
// CHECK: onnx.node "QLinearRequantize"(%[[S]]#0,
// CHECK: onnx.node "QLinearRequantize"(%[[S]]#1,
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: -32767, -16384, -16384, -8192, 0, 0, 32767, 32767>} : {{.*}} -> tensor<1x2x1x3x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// QG-NEXT: qg.slice %[[T]] {{.*}} -> tensor<1x1x1x3x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// QG-NEXT: qg.slice %[[T]] {{.*}} -> tensor<1x1x1x3x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// QG-NEXT: qg.rescale
// QG-NEXT: qg.rescale
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %sizes = onnx.constant "sizes" dense<[1, 1]> : tensor<2xsi64>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %p = onnx.node "PRelu"(%d, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %parts:2 = onnx.node "Split"(%p, %sizes) {name = "split", outputs = ["p0", "p1"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<2xsi64>) -> (!onnx.value, !onnx.value)
    %a = onnx.node "QuantizeLinear"(%parts#0, %sy, %zy) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%parts#1, %sy, %zy) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b : !onnx.value, !onnx.value
  }
}

// -----

// A DequantizeLinear without a zero point of a Cast of codes to their own
// type (int8 here; the conversion refuses any other Cast of codes) reads
// the codes' type, so its zero point is int8's 0 and the SiLU fuses into
// one QLinearLookup of the Cast's output. Table entry e is code e's
// (e < 128): q(0.5 e * sigmoid(0.5 e), 0.25, -128) = -128, -127, -125, ...
// CHECK-LABEL: func.func @main
// CHECK: %[[C:.*]] = onnx.node "Cast"(%{{.*}}) {attrs = {to = 3 : i64}, name = "cast"
// CHECK: onnx.node "QLinearLookup"(%[[C]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "qy"
// CHECK-NOT: onnx.node "Sigmoid"
// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: -128, -127, -125, -123,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<-128> : tensor<si8>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["x"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Cast"(%x) {name = "cast", outputs = ["c"], attrs = {to = 3 : i64}} : (!onnx.value) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%c, %s) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "gate", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %g) {name = "silu", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same through a Pad: npc's QLinearPad of x's codes keeps the
// DequantizeLinear's omitted zero point omitted, which means x's type
// (uint8, from the QuantizeLinear without one), so the SiLU of the padded
// codes fuses too. Entry e: q(0.5 e * sigmoid(0.5 e), 0.25, 10) = 10, 11,
// 13, ...
// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = onnx.node "QLinearPad"(%{{.*}}) {domain = "npc", name = "pad"
// CHECK: onnx.node "QLinearLookup"(%[[P]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {domain = "npc", name = "qy"
// CHECK-NOT: onnx.node "Sigmoid"
// QG-LABEL: func.func @main
// QG: %[[P:.*]] = qg.pad
// QG-NEXT: qg.table %[[P]] {table = array<i32: 10, 11, 13, 15,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x1x1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<10> : tensor<ui8>
    %pads = onnx.constant "pads" dense<[0, 0, 0, 1, 0, 0, 0, 1]> : tensor<8xsi64>
    %x = onnx.node "QuantizeLinear"(%xf, %s) {name = "qx", outputs = ["x"]}
        : (tensor<1x1x1x2xf32>, tensor<f32>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %p = onnx.node "Pad"(%xd, %pads) {name = "pad", outputs = ["p"]} : (!onnx.value, tensor<8xsi64>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%p) {name = "gate", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%p, %g) {name = "silu", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A PRelu per channel a Conv reads, its weight's DequantizeLinear between
// them (as torch writes it): the chain still fuses to a 16-bit table per
// channel before the Conv, which fuses reading it.
// CHECK-LABEL: func.func @main
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "conv"
// CHECK: onnx.node "QLinearConv"(%[[L]],
// CHECK-NOT: onnx.node "PRelu"
// QG-LABEL: func.func @main
// QG: qg.table {{.*}}channel_axis = 1 : i64
// QG: qg.conv2d
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %ws = onnx.constant "ws" dense<0.1> : tensor<f32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %ws) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>) -> !onnx.value
    %cv = onnx.node "Conv"(%p, %wd) {name = "conv", outputs = ["cv"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%cv, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A PRelu per channel with Constant nodes between it and its
// QuantizeLinear (the scale and zero point, as some exporters write
// them): the conversion reads their values ahead and refuses nothing
// there, so the chain fuses.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "qy"
// CHECK-NOT: onnx.node "PRelu"
// QG-LABEL: func.func @main
// QG: qg.table {{.*}}channel_axis = 1 : i64
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %sy = onnx.node "Constant"() {name = "sy_c", outputs = ["sy"], attrs = {value = dense<0.25> : tensor<f32>}} : () -> !onnx.value
    %zy = onnx.node "Constant"() {name = "zy_c", outputs = ["zy"], attrs = {value = dense<97> : tensor<ui8>}} : () -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, !onnx.value, !onnx.value) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Sigmoid a BatchNormalization reads (no Conv before it to fold into):
// the conversion makes the Sigmoid a 16-bit table where the
// BatchNormalization is (u16, zero point 0, scale 1/65535 as a float32:
// 1.5259021893143654e-5, a little below), then the BatchNormalization a
// depthwise 1x1 convolution of those codes; the fusion states the table as
// npc's QLinearLookup named as the reader and the BatchNormalization as
// npc's QLinearBatchNormalization of its codes. With epsilon 1,
// k = scale / sqrt(var + 1) = [1, -1]: the weight codes +-127 at scale
// 1/127, the bias (B - mean k) / (s_t / 127) = [-0.5, 1] * 127 / s_t =
// [-4161472.50097, 8322945.0019], to the nearest integer.
// CHECK-LABEL: func.func @main
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%arg0, {{.*}}) {domain = "npc", name = "bn", outputs = ["r"], source_op_type = "BatchNormalization"} : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>, tensor<256xui16>, tensor<f32>, tensor<ui16>)
// CHECK: onnx.node "QLinearBatchNormalization"(%[[L]], {{.*}}) {attrs = {epsilon = 1.000000e+00 : f32}, domain = "npc", name = "bn", outputs = ["y"], source_op_type = "BatchNormalization"} : (!onnx.value, tensor<f32>, tensor<ui16>,
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "BatchNormalization"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table {{.*}} -> tensor<1x2x1x2x!quant.uniform<u16:f32, 1.5259021893143654E-5>>
// QG: %[[W:.*]] = qg.constant dense<{{\[\[\[\[}}127]]], {{\[\[\[}}-127]]]]> : tensor<2x1x1x1xi8>
// QG: %[[B:.*]] = qg.constant dense<[-4161473, 8322945]> : tensor<2xi32>
// QG: qg.conv2d %[[T]], %[[W]], %[[B]] {clamp_max = 255 : i32, clamp_min = 0 : i32, {{.*}}group = 2 : i64{{.*}} -> tensor<1x2x1x2x!quant.uniform<u8:f32, 2.500000e-01:3>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %g = onnx.constant "g" dense<[2.0, -1.0]> : tensor<2xf32>
    %b = onnx.constant "b" dense<[0.5, 1.0]> : tensor<2xf32>
    %mean = onnx.constant "mean" dense<[1.0, 0.0]> : tensor<2xf32>
    %var = onnx.constant "var" dense<[3.0, 0.0]> : tensor<2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Sigmoid"(%xd) {name = "act", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %bn = onnx.node "BatchNormalization"(%r, %g, %b, %mean, %var) {name = "bn", outputs = ["bn"],
        attrs = {epsilon = 1.0 : f32}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A SiLU read by a Reshape whose shape torch FX computes from the SiLU's
// own Shape (flatten: Shape -> Slice -> Concat -> Reshape), the Shape
// first: the conversion folds the Shape from the chain's shape, making
// nothing, then makes the 16-bit table where the Reshape is; the fusion
// states it there (the Shape still reads the float chain). The table is
// int16 at 63.5 / 32767 = 0.00193792535 (silu(63.5) the largest value):
// code 1 (x = 0.5) holds 0.5 sigmoid(0.5) / s = 160.6 -> 161, code 2
// (x = 1) 0.7311 / s = 377.2 -> 377.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[SH:.*]] = onnx.node "Shape"(%{{.*}}) {name = "shape"
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "flat", outputs = ["m"], source_op_type = "Reshape"} : (!onnx.value, tensor<f32>, tensor<si8>, tensor<256xsi16>, tensor<f32>, tensor<si16>)
// CHECK: %[[R:.*]] = onnx.node "Reshape"(%[[L]], %{{.*}}) {name = "flat", outputs = ["r"]}
// CHECK: onnx.node "QLinearRequantize"(%[[R]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} {table = array<i32: 0, 161, 377, {{.*}} -> tensor<2x3x2x!quant.uniform<i16:f32, 0.0019379253499209881>>
// QG-NEXT: %[[R:.*]] = qg.reshape %[[T]] {{.*}} -> tensor<2x6x!quant.uniform<i16:f32, 0.0019379253499209881>>
// QG-NEXT: qg.rescale %[[R]] {clamp_max = 127 : i32, clamp_min = -128 : i32} {{.*}} -> tensor<2x6x!quant.uniform<i8:f32, 2.500000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x3x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %st = onnx.constant "st" dense<0> : tensor<1xsi64>
    %en = onnx.constant "en" dense<1> : tensor<1xsi64>
    %m1 = onnx.constant "m1" dense<-1> : tensor<1xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x3x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "gate", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %g) {name = "silu", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sh = onnx.node "Shape"(%m) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    %sl = onnx.node "Slice"(%sh, %st, %en) {name = "slice", outputs = ["sl"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %c = onnx.node "Concat"(%sl, %m1) {name = "cat", outputs = ["c"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %r = onnx.node "Reshape"(%m, %c) {name = "flat", outputs = ["r"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %sy, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same SiLU flattened as torch 1.13 exports `x.view(x.size(0), -1)`
// with a dynamic batch: Shape -> Gather -> Unsqueeze -> Concat -> Reshape
// (the batch fixed to 1 here, as npc needs). The Shape comes first again,
// and the table is made where the Reshape is, with the same entries.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.node "Shape"(%{{.*}}) {name = "shape"
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "flat", outputs = ["m"], source_op_type = "Reshape"} : (!onnx.value, tensor<f32>, tensor<si8>, tensor<256xsi16>, tensor<f32>, tensor<si16>)
// CHECK: %[[R:.*]] = onnx.node "Reshape"(%[[L]], %{{.*}}) {name = "flat", outputs = ["r"]}
// CHECK: onnx.node "QLinearRequantize"(%[[R]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} {table = array<i32: 0, 161, 377, {{.*}} -> tensor<2x3x2x!quant.uniform<i16:f32, 0.0019379253499209881>>
// QG-NEXT: %[[R:.*]] = qg.reshape %[[T]] {{.*}} -> tensor<2x6x!quant.uniform<i16:f32, 0.0019379253499209881>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x3x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %i0 = onnx.constant "i0" dense<0> : tensor<si64>
    %ax = onnx.constant "ax" dense<0> : tensor<1xsi64>
    %m1 = onnx.constant "m1" dense<-1> : tensor<1xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x3x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "gate", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %g) {name = "silu", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %sh = onnx.node "Shape"(%m) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Gather"(%sh, %i0) {name = "gather", outputs = ["n"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<si64>) -> !onnx.value
    %sl = onnx.node "Unsqueeze"(%n, %ax) {name = "unsqueeze", outputs = ["sl"]}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %c = onnx.node "Concat"(%sl, %m1) {name = "cat", outputs = ["c"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %r = onnx.node "Reshape"(%m, %c) {name = "flat", outputs = ["r"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %sy, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// 40 nested SiLUs, v = v * sigmoid(v), with no QuantizeLinear between:
// each node reads the one before twice, so the chain's function is a DAG
// whose tree has 2^40 leaves. The conversion shares each node's function
// and evaluates it once per table entry (remembered, FunctionTables.cpp);
// before, it copied and evaluated the tree (20 levels took 28 s, 24 did
// not end in a minute). onnx-fuse-qdq fuses it: chainOf visits each shared
// node once (it once followed every path, and left so deep a chain to the
// conversion). The table's entries match numpy's float32 of silu applied
// 40 times to code * 0.5, quantized at 0.5: codes 0 to 9 fall to 0, 10 to
// 3, 127 stays 127 (sigmoid(63.5) is 1), the negative codes give 0.
// CHECK-LABEL: func.func @main
// CHECK-NOT: onnx.node "Mul"
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: onnx.node "Sigmoid"

// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {table = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 8, 10, 12, 13, 15, 16, 17, 18, 19, {{.*}}, 120, 121, 122, 123, 124, 125, 126, 127, 0, 0, 0, 0, {{.*}}>} : tensor<1x8x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<1x8x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %c = onnx.constant "c" dense<0.5> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %v0 = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["v0"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g1 = onnx.node "Sigmoid"(%v0) {name = "g1", outputs = ["g1"]} : (!onnx.value) -> !onnx.value
    %v1 = onnx.node "Mul"(%v0, %g1) {name = "m1", outputs = ["v1"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g2 = onnx.node "Sigmoid"(%v1) {name = "g2", outputs = ["g2"]} : (!onnx.value) -> !onnx.value
    %v2 = onnx.node "Mul"(%v1, %g2) {name = "m2", outputs = ["v2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g3 = onnx.node "Sigmoid"(%v2) {name = "g3", outputs = ["g3"]} : (!onnx.value) -> !onnx.value
    %v3 = onnx.node "Mul"(%v2, %g3) {name = "m3", outputs = ["v3"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g4 = onnx.node "Sigmoid"(%v3) {name = "g4", outputs = ["g4"]} : (!onnx.value) -> !onnx.value
    %v4 = onnx.node "Mul"(%v3, %g4) {name = "m4", outputs = ["v4"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g5 = onnx.node "Sigmoid"(%v4) {name = "g5", outputs = ["g5"]} : (!onnx.value) -> !onnx.value
    %v5 = onnx.node "Mul"(%v4, %g5) {name = "m5", outputs = ["v5"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g6 = onnx.node "Sigmoid"(%v5) {name = "g6", outputs = ["g6"]} : (!onnx.value) -> !onnx.value
    %v6 = onnx.node "Mul"(%v5, %g6) {name = "m6", outputs = ["v6"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g7 = onnx.node "Sigmoid"(%v6) {name = "g7", outputs = ["g7"]} : (!onnx.value) -> !onnx.value
    %v7 = onnx.node "Mul"(%v6, %g7) {name = "m7", outputs = ["v7"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g8 = onnx.node "Sigmoid"(%v7) {name = "g8", outputs = ["g8"]} : (!onnx.value) -> !onnx.value
    %v8 = onnx.node "Mul"(%v7, %g8) {name = "m8", outputs = ["v8"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g9 = onnx.node "Sigmoid"(%v8) {name = "g9", outputs = ["g9"]} : (!onnx.value) -> !onnx.value
    %v9 = onnx.node "Mul"(%v8, %g9) {name = "m9", outputs = ["v9"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g10 = onnx.node "Sigmoid"(%v9) {name = "g10", outputs = ["g10"]} : (!onnx.value) -> !onnx.value
    %v10 = onnx.node "Mul"(%v9, %g10) {name = "m10", outputs = ["v10"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g11 = onnx.node "Sigmoid"(%v10) {name = "g11", outputs = ["g11"]} : (!onnx.value) -> !onnx.value
    %v11 = onnx.node "Mul"(%v10, %g11) {name = "m11", outputs = ["v11"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g12 = onnx.node "Sigmoid"(%v11) {name = "g12", outputs = ["g12"]} : (!onnx.value) -> !onnx.value
    %v12 = onnx.node "Mul"(%v11, %g12) {name = "m12", outputs = ["v12"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g13 = onnx.node "Sigmoid"(%v12) {name = "g13", outputs = ["g13"]} : (!onnx.value) -> !onnx.value
    %v13 = onnx.node "Mul"(%v12, %g13) {name = "m13", outputs = ["v13"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g14 = onnx.node "Sigmoid"(%v13) {name = "g14", outputs = ["g14"]} : (!onnx.value) -> !onnx.value
    %v14 = onnx.node "Mul"(%v13, %g14) {name = "m14", outputs = ["v14"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g15 = onnx.node "Sigmoid"(%v14) {name = "g15", outputs = ["g15"]} : (!onnx.value) -> !onnx.value
    %v15 = onnx.node "Mul"(%v14, %g15) {name = "m15", outputs = ["v15"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g16 = onnx.node "Sigmoid"(%v15) {name = "g16", outputs = ["g16"]} : (!onnx.value) -> !onnx.value
    %v16 = onnx.node "Mul"(%v15, %g16) {name = "m16", outputs = ["v16"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g17 = onnx.node "Sigmoid"(%v16) {name = "g17", outputs = ["g17"]} : (!onnx.value) -> !onnx.value
    %v17 = onnx.node "Mul"(%v16, %g17) {name = "m17", outputs = ["v17"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g18 = onnx.node "Sigmoid"(%v17) {name = "g18", outputs = ["g18"]} : (!onnx.value) -> !onnx.value
    %v18 = onnx.node "Mul"(%v17, %g18) {name = "m18", outputs = ["v18"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g19 = onnx.node "Sigmoid"(%v18) {name = "g19", outputs = ["g19"]} : (!onnx.value) -> !onnx.value
    %v19 = onnx.node "Mul"(%v18, %g19) {name = "m19", outputs = ["v19"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g20 = onnx.node "Sigmoid"(%v19) {name = "g20", outputs = ["g20"]} : (!onnx.value) -> !onnx.value
    %v20 = onnx.node "Mul"(%v19, %g20) {name = "m20", outputs = ["v20"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g21 = onnx.node "Sigmoid"(%v20) {name = "g21", outputs = ["g21"]} : (!onnx.value) -> !onnx.value
    %v21 = onnx.node "Mul"(%v20, %g21) {name = "m21", outputs = ["v21"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g22 = onnx.node "Sigmoid"(%v21) {name = "g22", outputs = ["g22"]} : (!onnx.value) -> !onnx.value
    %v22 = onnx.node "Mul"(%v21, %g22) {name = "m22", outputs = ["v22"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g23 = onnx.node "Sigmoid"(%v22) {name = "g23", outputs = ["g23"]} : (!onnx.value) -> !onnx.value
    %v23 = onnx.node "Mul"(%v22, %g23) {name = "m23", outputs = ["v23"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g24 = onnx.node "Sigmoid"(%v23) {name = "g24", outputs = ["g24"]} : (!onnx.value) -> !onnx.value
    %v24 = onnx.node "Mul"(%v23, %g24) {name = "m24", outputs = ["v24"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g25 = onnx.node "Sigmoid"(%v24) {name = "g25", outputs = ["g25"]} : (!onnx.value) -> !onnx.value
    %v25 = onnx.node "Mul"(%v24, %g25) {name = "m25", outputs = ["v25"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g26 = onnx.node "Sigmoid"(%v25) {name = "g26", outputs = ["g26"]} : (!onnx.value) -> !onnx.value
    %v26 = onnx.node "Mul"(%v25, %g26) {name = "m26", outputs = ["v26"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g27 = onnx.node "Sigmoid"(%v26) {name = "g27", outputs = ["g27"]} : (!onnx.value) -> !onnx.value
    %v27 = onnx.node "Mul"(%v26, %g27) {name = "m27", outputs = ["v27"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g28 = onnx.node "Sigmoid"(%v27) {name = "g28", outputs = ["g28"]} : (!onnx.value) -> !onnx.value
    %v28 = onnx.node "Mul"(%v27, %g28) {name = "m28", outputs = ["v28"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g29 = onnx.node "Sigmoid"(%v28) {name = "g29", outputs = ["g29"]} : (!onnx.value) -> !onnx.value
    %v29 = onnx.node "Mul"(%v28, %g29) {name = "m29", outputs = ["v29"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g30 = onnx.node "Sigmoid"(%v29) {name = "g30", outputs = ["g30"]} : (!onnx.value) -> !onnx.value
    %v30 = onnx.node "Mul"(%v29, %g30) {name = "m30", outputs = ["v30"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g31 = onnx.node "Sigmoid"(%v30) {name = "g31", outputs = ["g31"]} : (!onnx.value) -> !onnx.value
    %v31 = onnx.node "Mul"(%v30, %g31) {name = "m31", outputs = ["v31"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g32 = onnx.node "Sigmoid"(%v31) {name = "g32", outputs = ["g32"]} : (!onnx.value) -> !onnx.value
    %v32 = onnx.node "Mul"(%v31, %g32) {name = "m32", outputs = ["v32"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g33 = onnx.node "Sigmoid"(%v32) {name = "g33", outputs = ["g33"]} : (!onnx.value) -> !onnx.value
    %v33 = onnx.node "Mul"(%v32, %g33) {name = "m33", outputs = ["v33"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g34 = onnx.node "Sigmoid"(%v33) {name = "g34", outputs = ["g34"]} : (!onnx.value) -> !onnx.value
    %v34 = onnx.node "Mul"(%v33, %g34) {name = "m34", outputs = ["v34"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g35 = onnx.node "Sigmoid"(%v34) {name = "g35", outputs = ["g35"]} : (!onnx.value) -> !onnx.value
    %v35 = onnx.node "Mul"(%v34, %g35) {name = "m35", outputs = ["v35"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g36 = onnx.node "Sigmoid"(%v35) {name = "g36", outputs = ["g36"]} : (!onnx.value) -> !onnx.value
    %v36 = onnx.node "Mul"(%v35, %g36) {name = "m36", outputs = ["v36"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g37 = onnx.node "Sigmoid"(%v36) {name = "g37", outputs = ["g37"]} : (!onnx.value) -> !onnx.value
    %v37 = onnx.node "Mul"(%v36, %g37) {name = "m37", outputs = ["v37"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g38 = onnx.node "Sigmoid"(%v37) {name = "g38", outputs = ["g38"]} : (!onnx.value) -> !onnx.value
    %v38 = onnx.node "Mul"(%v37, %g38) {name = "m38", outputs = ["v38"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g39 = onnx.node "Sigmoid"(%v38) {name = "g39", outputs = ["g39"]} : (!onnx.value) -> !onnx.value
    %v39 = onnx.node "Mul"(%v38, %g39) {name = "m39", outputs = ["v39"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g40 = onnx.node "Sigmoid"(%v39) {name = "g40", outputs = ["g40"]} : (!onnx.value) -> !onnx.value
    %v40 = onnx.node "Mul"(%v39, %g40) {name = "m40", outputs = ["v40"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%v40, %s, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// sigmoid(x) + Expand(x), the Expand changing no shape (helper-52): the
// conversion's Expand keeps x's value, so the Add grows the chain of x
// into one 8-bit table; the fusion, which moves the Expand onto the codes,
// takes its output for the same codes (sameCodes) and writes that table
// too, not a 16-bit table of the Sigmoid added to x. Entries: (sigmoid(x)
// + x) / 0.25 at x = code * 0.5: 2, 4.49 -> 4, 6.92 -> 7, 9.27 -> 9.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"} : (!onnx.value, tensor<f32>, tensor<si8>, tensor<256xsi8>,
// CHECK-NOT: "Add"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} {table = array<i32: 2, 4, 7, 9, {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01>>
// QG-NEXT: qg.storage_cast %[[T]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %sh = onnx.constant "sh" dense<[1, 4]> : tensor<2xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %e = onnx.node "Expand"(%xd, %sh) {name = "exp", outputs = ["e"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %a = onnx.node "Add"(%g, %e) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A part of a Split of x's codes, dequantized without a zero point: its
// type is x's, uint8 (QuantizeLinear without one), so the chain's table
// has 256 entries. Neg at scale 1 into scale 1, zero point 255: entry e
// is 255 - e.
// CHECK-LABEL: func.func @main
// CHECK: %[[S:.*]]:2 = onnx.node "Split"(%[[XQ:[^,]*]],
// CHECK: onnx.constant "qy.table" dense<"0xFFFEFDFCFBFA{{[0-9A-F]*}}050403020100"> : tensor<256xui8>
// CHECK: onnx.node "QLinearLookup"(%[[S]]#1, {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Neg"

// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {table = array<i32: 255, 254, 253, {{.*}}, 2, 1, 0>} : tensor<1x3x!quant.uniform<u8:f32, 1.000000e+00>> -> tensor<1x3x!quant.uniform<u8:f32, 1.000000e+00:255>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value, !onnx.value) attributes {npc.input_names = ["x"], npc.output_names = ["a", "y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<255> : tensor<ui8>
    %sizes = onnx.constant "sizes" dense<[1, 3]> : tensor<2xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %s) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %parts:2 = onnx.node "Split"(%xd, %sizes) {name = "split", outputs = ["a", "b"], attrs = {axis = 1 : i64}} : (!onnx.value, tensor<2xsi64>) -> (!onnx.value, !onnx.value)
    %n = onnx.node "Neg"(%parts#1) {name = "neg", outputs = ["n"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%n, %s, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %parts#0, %y : !onnx.value, !onnx.value
  }
}

// -----

// SiLU, then an Expand to the shape it has, then two QuantizeLinears
// (scales 0.25 and 0.5): the conversion passes the chain's function
// through such an Expand. The fusion expands x's codes where the Expand
// was (one node for both, with its name: the conversion checks it there)
// and makes each QuantizeLinear a table of them. Entries for codes 0 to 5
// (x = code * 0.5), numpy float32 of x * sigmoid(x) quantized: 0 1 3 5 7 9
// at 0.25, 0 1 1 2 4 5 at 0.5.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[E:.*]] = onnx.node "Expand"(%[[XQ]], %{{.*}}) {name = "exp", outputs = ["e"]}
// CHECK-NOT: "Expand"
// CHECK: onnx.constant "qy.table" dense<"0x000103050709{{[0-9A-F]*}}"> : tensor<256xsi8>
// CHECK: onnx.node "QLinearLookup"(%[[E]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK: onnx.constant "qy2.table" dense<"0x000101020405{{[0-9A-F]*}}"> : tensor<256xsi8>
// CHECK: onnx.node "QLinearLookup"(%[[E]], {{.*}}) {domain = "npc", name = "qy2", outputs = ["y2"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "Mul"
// CHECK-NOT: "Expand"

// QG-LABEL: func.func @main
// QG: qg.table %{{.*}} {table = array<i32: 0, 1, 3, 5, 7, 9, {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01>>
// QG: qg.table %{{.*}} {table = array<i32: 0, 1, 1, 2, 4, 5, {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 5.000000e-01>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> (!onnx.value, !onnx.value) attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %sh = onnx.constant "sh" dense<[1, 4]> : tensor<2xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %g) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %e = onnx.node "Expand"(%m, %sh) {name = "exp", outputs = ["e"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%e, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%e, %s, %z) {name = "qy2", outputs = ["y2"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// sigmoid(x) + requantized x, requantized with the parameters x's codes
// already have: the conversion's requantization returns x's codes
// themselves, so the Add grows the chain of x into one 8-bit table; the
// fusion takes those codes for x's too (sameCodes looks behind such a
// requantization) and writes that table, not a 16-bit table of the
// Sigmoid added to them. Entries as in the Expand case above: 2, 4, 7, 9.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"} : (!onnx.value, tensor<f32>, tensor<si8>, tensor<256xsi8>,
// CHECK-NOT: "Add"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} {table = array<i32: 2, 4, 7, 9, {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01>>
// QG-NEXT: qg.storage_cast %[[T]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %rq = onnx.node "QuantizeLinear"(%xd, %s, %z) {name = "qr", outputs = ["rq"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %rd = onnx.node "DequantizeLinear"(%rq, %s, %z) {name = "dqr", outputs = ["rd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "Add"(%g, %rd) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same with the requantization written as a Clip(0, 6) of x between a
// QuantizeLinear and DequantizeLinear of x's own parameters (uint8 at
// 0.01: 0 to 2.55, so the clamp keeps every code): the fusion's
// QLinearRequantize clamps to 0..255, which the conversion drops, so it
// too reads x's codes (helper-55). One table of x * sigmoid(x) at 0.25:
// codes 0 to 22 give 0 (0.22 * sigmoid(0.22) / 0.25 = 0.49), code 23
// gives 1 (0.51).
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.constant "qy.table" dense<"0x000000000000000000000000000000000000000000000001{{[0-9A-F]*}}"> : tensor<256xui8>
// CHECK: onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Mul"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, {{.*}} -> tensor<1x4x!quant.uniform<u8:f32, 2.500000e-01>>
// QG-NOT: qg.mul
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.01> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<6.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "Clip"(%xd, %lo, %hi) {name = "clip", outputs = ["c"]} : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %rq = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qr", outputs = ["rq"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %rd = onnx.node "DequantizeLinear"(%rq, %s, %z) {name = "dqr", outputs = ["rd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%g, %rd) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Sigmoid times a DequantizeLinear of a constant (a quantized weight):
// no function of that grows the chain, so the conversion takes the Mul as
// a float operator, making the Sigmoid's 16-bit table there; the fusion
// states it (QLinearLookup named as the Mul, u16 at float32(1/65535):
// 32768, 40793, 47910, 53580 for codes 0 to 3, numpy) and the Mul fuses
// to QLinearMul of those codes and the weight's.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.constant "mul.in0.table" dense<"0x0080599F26BB4CD1{{[0-9A-F]*}}"> : tensor<256xui16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "mul", outputs = ["g"], source_op_type = "Mul"}
// CHECK: onnx.node "QLinearMul"(%[[L]], {{.*}}) {domain = "com.microsoft", name = "mul", outputs = ["y"], source_op_type = "Mul"}
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table %{{.*}} {table = array<i32: 32768, 40793, 47910, 53580,
// QG: %[[W:.*]] = qg.constant dense<{{\[\[}}1, 2, 3, 4]]>
// QG-NEXT: qg.mul %[[T]], %[[W]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %w = onnx.constant "w" dense<[[1, 2, 3, 4]]> : tensor<1x4xsi8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %z) {name = "dqw", outputs = ["wd"]} : (tensor<1x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%g, %wd) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A chain whose inner node two of its links read, s = sigmoid(x) in
// sigmoid(s) * s, read by a Transpose: one 16-bit table where the move
// reads it, as the conversion makes it. Entries (numpy float32, x = code *
// 0.5, codes 0 to 7 then -8 to -1): round(f / (max f / 65535)).
// CHECK-LABEL: func.func @main
// CHECK: %[[T:.*]] = onnx.constant "t.in0.table" dense<[28972, 37709, 45939, 52798, 57968, 61586, 63991, 65535, 845, 1384, 2260, 3665, 5879, 9263, 14191, 20851]> : tensor<16xui16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}, %[[T]], {{.*}}) {domain = "npc", name = "t", outputs = ["m"], source_op_type = "Transpose"}
// CHECK: %[[M:.*]] = onnx.node "Transpose"(%[[L]])
// CHECK: onnx.node "QLinearRequantize"(%[[M]], {{.*}}) {domain = "npc", name = "qy"
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "Mul"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 28972, 37709, 45939, 52798, 57968, 61586, 63991, 65535, 845, 1384, 2260, 3665, 5879, 9263, 14191, 20851>}
// QG-NEXT: qg.transpose
// QG-NEXT: qg.rescale
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Sigmoid"(%s) {name = "g", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%g, %s) {name = "m", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %t = onnx.node "Transpose"(%m) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 2, 1>}} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%t, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A SiLU read by a ReduceMean and, after it, by a Transpose: no Sub(silu,
// mean) begins a layer norm there, so the 16-bit table is made where the
// mean reads it, and the Transpose reads its codes. Entries (numpy
// float32, codes 0 to 7 then -8 to -1 at 0.5): round(f / (max |f| / 32767)).
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "mean.in0.table" dense<[0, 3002, 7051, 11828, 16990, 22283, 27562, 32767, -694, -989, -1372, -1829, -2299, -2639, -2594, -1821]> : tensor<16xsi16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "mean", outputs = ["m"], source_op_type = "ReduceMean"}
// CHECK: onnx.node "QLinearReduceMean"(%[[L]],
// CHECK: onnx.node "Transpose"(%[[L]])
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[T:.*]] = qg.table {{.*}} {table = array<i32: 0, 3002, 7051, 11828, 16990, 22283, 27562, 32767, -694, -989, -1372, -1829, -2299, -2639, -2594, -1821>}
// QG-NEXT: qg.reduce %[[T]] {{.*}} mode = "mean"
// QG-NEXT: qg.transpose %[[T]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "t"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "g", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %g) {name = "silu", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "ReduceMean"(%m) {name = "mean", outputs = ["r"], attrs = {axes = array<i64: 2>}} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %t = onnx.node "Transpose"(%m) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 2, 1>}} : (!onnx.value) -> !onnx.value
    %tq = onnx.node "QuantizeLinear"(%t, %sy, %zy) {name = "qt", outputs = ["tq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq, %tq : !onnx.value, !onnx.value
  }
}

// -----

// An Elu read by an Erf (whose QuantizeLinear comes last) and, after it, by
// a Reshape: the Erf grows a chain of the Elu and leaves it a function, so
// the Reshape's 16-bit table is made where it reads it, and the Erf's
// QuantizeLinear makes its own 8-bit table of x's codes. Entries (numpy
// float32, codes 0 to 7 then -8 to -1 at 0.5): round(elu / (max |elu| /
// 32767)), and round(erf(elu) * 128) clamped to 127.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "flat.in0.table" dense<[0, 4681, 9362, 14043, 18724, 23405, 28086, 32767, -9191, -9079, -8896, -8594, -8095, -7273, -5918, -3684]> : tensor<16xsi16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "flat", outputs = ["e"], source_op_type = "Reshape"}
// CHECK: onnx.node "Reshape"(%[[L]],
// CHECK: onnx.constant "qy.table" dense<[0, 67, 108, 124, 127, 127, 127, 127, -107, -106, -105, -103, -100, -93, -80, -54]> : tensor<16xsi8>
// CHECK-NOT: "Elu"
// CHECK-NOT: "Erf"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 0, 4681, 9362, 14043, 18724, 23405, 28086, 32767, -9191, -9079, -8896, -8594, -8095, -7273, -5918, -3684>}
// QG-NEXT: qg.reshape
// QG-NEXT: qg.rescale
// QG-NEXT: qg.table {{.*}} {table = array<i32: 0, 67, 108, 124, 127, 127, 127, 127, -107, -106, -105, -103, -100, -93, -80, -54>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "r"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.0078125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %shape = onnx.constant "shape" dense<[1, 8]> : tensor<2xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %e = onnx.node "Elu"(%xd) {name = "elu", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Erf"(%e) {name = "erf", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %r = onnx.node "Reshape"(%e, %shape) {name = "flat", outputs = ["r"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %rq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qr", outputs = ["rq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%f, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq, %rq : !onnx.value, !onnx.value
  }
}

// -----

// An Add of a chain, tanh(x), and npc's 16-bit codes (a Sigmoid's table
// that a Transpose moved): no chain grows from 16-bit codes, so the
// conversion takes the Add as a float operator, making tanh's 16-bit
// table where it reads it; the fusion states it there, and the Add of the
// two 16-bit operands is a QLinearAdd. Tanh's entries (numpy float32,
// codes 0 to 7 then -8 to -1 at 0.5): round(tanh / (max |tanh| / 32767)).
// CHECK-LABEL: func.func @main
// CHECK: %[[M:.*]] = onnx.node "Transpose"
// CHECK: onnx.constant "add.in0.table" dense<[0, 15152, 24972, 29679, 31609, 32350, 32627, 32729, -32767, -32729, -32627, -32350, -31609, -29679, -24972, -15152]> : tensor<16xsi16>
// CHECK: %[[L:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "add", outputs = ["g"], source_op_type = "Add"}
// CHECK: onnx.node "QLinearAdd"(%[[L]], {{.*}}, %[[M]],
// CHECK-NOT: "Tanh"

// QG-LABEL: func.func @main
// QG: %[[M:.*]] = qg.transpose
// QG-NEXT: %[[T:.*]] = qg.table {{.*}} {table = array<i32: 0, 15152, 24972, 29679, 31609, 32350, 32627, 32729, -32767, -32729, -32627, -32350, -31609, -29679, -24972, -15152>}
// QG-NEXT: qg.add %[[T]], %[[M]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.015625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Transpose"(%s) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 1>}} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Tanh"(%xd) {name = "g", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%g, %t) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A Sigmoid read by a QuantizeLinear and by functions of it, one of which
// (the Tanh) a Flatten reads before the Mul of the two: the conversion
// makes the Tanh 16-bit codes at the Flatten, so the Mul is no function of
// x and makes the Sigmoid 16-bit codes too, which the QuantizeLinear
// after it requantizes; so the Sigmoid's QuantizeLinear is no 8-bit table
// of x (helper-40), but a requantization of the Mul's table.
// CHECK-LABEL: func.func @main
// CHECK: %[[F:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "flat", outputs = ["t"], source_op_type = "Flatten"}
// CHECK: %[[S:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "mul", outputs = ["sg"], source_op_type = "Mul"}
// CHECK: onnx.node "QLinearRequantize"(%[[S]], {{.*}}) {domain = "npc", name = "qa"
// CHECK: onnx.node "QLinearMul"(%[[F]], {{.*}}, %[[S]],
// CHECK-NOT: "Sigmoid"

// QG-LABEL: func.func @main
// QG: %[[F:.*]] = qg.table
// QG-NEXT: qg.reshape %[[F]]
// QG: %[[S:.*]] = qg.table
// QG-NEXT: qg.rescale %[[S]]
// QG-NEXT: qg.mul %[[F]], %[[S]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c"]} {
    %s = onnx.constant "s" dense<0.0625> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x8xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sg = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["sg"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Tanh"(%sg) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Flatten"(%t) {name = "flat", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%t, %sg) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%sg, %sy, %zy) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %c = onnx.node "QuantizeLinear"(%f, %sy, %zy) {name = "qc", outputs = ["c"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b, %c : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// x + sigmoid(sigmoid(x)), its x requantized to its own parameters behind
// an Expand to its own shape: the same codes to the conversion (the Expand
// changes no shape, the requantization nothing), so the chain grows by the
// Add into one 8-bit table at the QuantizeLinear, not a 16-bit table read
// by a QLinearAdd (helper-58). Entries (numpy float32, codes 0 to 7 then
// -8 to -1 at 0.5): round(f * 256) clamped to [0, 255].
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "yq.table" dense<[159, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 24]> : tensor<16xui8>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "yq", outputs = ["yq"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: QLinearAdd

// QG-LABEL: func.func @main
// QG: qg.quantize
// QG-NEXT: qg.table {{.*}} {table = array<i32: 159, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 24>}
// QG-NOT: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y0"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %s1 = onnx.constant "s1" dense<0.5> : tensor<f32>
    %z1 = onnx.constant "z1" dense<0> : tensor<si4>
    %esh = onnx.constant "esh" dense<[1, 2, 4]> : tensor<3xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Sigmoid"(%s) {name = "g", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %e = onnx.node "Expand"(%xd, %esh) {name = "e", outputs = ["e"]} : (!onnx.value, tensor<3xsi64>) -> !onnx.value
    %xr = onnx.node "QuantizeLinear"(%e, %s1, %z1) {name = "xr", outputs = ["xr"]} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %s1, %z1) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %g) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "yq", outputs = ["yq"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// relu(x) + 0.75: the Relu's codes clamped at x's zero point (-2), then a
// table of them, as for a function of a lone Relu. Before, the conversion
// alone refused the Add ("input B must come from a DequantizeLinear") and
// accepted it after the fusion (helper-58). Entries: code c reads (c + 2)
// * 0.5, so q((c + 2) * 0.5 + 0.75, 0.25) = 2c + 7, at least 0.
// CHECK-LABEL: func.func @main
// CHECK: %[[R:.*]] = onnx.node "QLinearRequantize"({{.*}}) {domain = "npc", name = "relu", outputs = ["r"], source_op_type = "Relu"}
// CHECK: onnx.constant "qy.table" dense<[7, 9, 11, 13, 15, 17, 19, 21, 0, 0, 0, 0, 0, 1, 3, 5]> : tensor<16xui8>
// CHECK: onnx.node "QLinearLookup"(%[[R]], {{.*}}) {domain = "npc", name = "qy"

// QG-LABEL: func.func @main
// QG: %[[R:.*]] = qg.rescale %{{.*}} {clamp_max = 7 : i32, clamp_min = -2 : i32}
// QG-NEXT: qg.table %[[R]] {table = array<i32: 7, 9, 11, 13, 15, 17, 19, 21, 0, 0, 0, 0, 0, 1, 3, 5>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<-2> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %k = onnx.constant "k" dense<0.75> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%r, %k) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// Hard swish of a PRelu with a slope per channel, the PRelu read twice
// (by the HardSigmoid and the Mul): one slope, so one table per channel.
// Entries (numpy float32, codes 0 to 7 then -8 to -1 at 0.5; channel 0's
// slope 0.5, channel 1's 0.25): round(p * hardsigmoid(p) * 8).
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "qy.table" dense<{{\[\[}}0, 0], [2, 2], [5, 5], [9, 9], [13, 13], [18, 18], [24, 24], [28, 28], [-3, -3], [-3, -2], [-3, -2], [-3, -2], [-3, -2], [-2, -1], [-2, -1], [-1, 0]]> : tensor<16x2xsi8>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = {{.*}}}, domain = "npc", name = "qy"
// CHECK-NOT: "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 0, 0, 2, 2, 5, 5, 9, 9, 13, 13, 18, 18, 24, 24, 28, 28, -3, -3, -3, -2, -3, -2, -3, -2, -3, -2, -2, -1, -2, -1, -1, 0>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.125> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %slope = onnx.constant "slope" dense<[0.5, 0.25]> : tensor<2xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %p = onnx.node "PRelu"(%xd, %slope) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2xf32>) -> !onnx.value
    %h = onnx.node "HardSigmoid"(%p) {name = "gate", outputs = ["h"], attrs = {alpha = 0.1666666716337204 : f32, beta = 0.5 : f32}} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%p, %h) {name = "hswish", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A Sigmoid read by its QuantizeLinear and, before it, by a Tanh nothing
// reads: the walk grows the Tanh's function and leaves the Sigmoid's, so
// the QuantizeLinear's table is made; then the unread Tanh, a chain
// nothing reads, goes. Entries: round(sigmoid(c * 0.5) * 256).
// CHECK-LABEL: func.func @main
// CHECK-NOT: "Tanh"
// CHECK: onnx.constant "qy.table" dense<[128, 159, 187, 209, 225, 237, 244, 248, 5, 8, 12, 19, 31, 47, 69, 97]> : tensor<16xui8>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "qy"
// CHECK-NOT: "Tanh"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 128, 159, 187, 209, 225, 237, 244, 248, 5, 8, 12, 19, 31, 47, 69, 97>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x8xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Tanh"(%s) {name = "unread", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%s, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A PRelu whose slope has rank 1 (one value), read by an Add after another
// softmax: the slope's check at the PRelu cannot fail when x's rank is at
// least 1, and x's rank is known through the QLinearSoftmax the first walk
// wrote (a node of the fusion's own, of input 0's rank), so the table is
// made at the Add although a node the conversion checks lies between.
// CHECK-LABEL: func.func @main
// CHECK: %[[B:.*]] = onnx.node "QLinearSoftmax"({{.*}}) {{.*}} name = "sm_b"
// CHECK: %[[P:.*]] = onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = {{.*}}}, domain = "npc", name = "add", outputs = ["p"], source_op_type = "Add"}
// CHECK: onnx.node "QLinearAdd"(%[[B]], {{.*}}, %[[P]],
// CHECK-NOT: "PRelu"

// QG-LABEL: func.func @main
// QG: qg.softmax
// QG: qg.softmax
// QG: qg.table
// QG: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.125> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %ss = onnx.constant "ss" dense<0.00390625> : tensor<f32>
    %zs = onnx.constant "zs" dense<0> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0078125> : tensor<f32>
    %slope = onnx.constant "slope" dense<[0.25]> : tensor<1xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<2x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "Softmax"(%xd) {name = "sm_a", outputs = ["a"]} : (!onnx.value) -> !onnx.value
    %aq = onnx.node "QuantizeLinear"(%a, %ss, %zs) {name = "qa", outputs = ["aq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %ad = onnx.node "DequantizeLinear"(%aq, %ss, %zs) {name = "dqa", outputs = ["ad"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%ad, %slope) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<1xf32>) -> !onnx.value
    %b = onnx.node "Softmax"(%xd) {name = "sm_b", outputs = ["b"]} : (!onnx.value) -> !onnx.value
    %bq = onnx.node "QuantizeLinear"(%b, %ss, %zs) {name = "qb", outputs = ["bq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bd = onnx.node "DequantizeLinear"(%bq, %ss, %zs) {name = "dqb", outputs = ["bd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %s = onnx.node "Add"(%bd, %p) {name = "add", outputs = ["s"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%s, %sy, %zs) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// n = tanh(x) read by a Mul of it and g = sigmoid(x), then by a Reshape;
// g read first by a Transpose, which makes g 16-bit codes: so the Mul
// grows no chain of n (g is no function of x by then) and makes n's
// 16-bit table itself, which the Reshape then reads. A reader that would
// grow a chain counts only if nothing made that chain's nodes codes
// before it (helper-59).
// CHECK-LABEL: func.func @main
// CHECK: %[[G:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "t", outputs = ["g"], source_op_type = "Transpose"}
// CHECK: %[[N:.*]] = onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "u", outputs = ["n"], source_op_type = "Mul"}
// CHECK: onnx.node "Reshape"(%[[N]],
// CHECK: onnx.node "QLinearMul"(%[[N]], {{.*}}, %[[G]],

// QG-LABEL: func.func @main
// QG: %[[G:.*]] = qg.table
// QG-NEXT: qg.transpose %[[G]]
// QG-NEXT: %[[N:.*]] = qg.table
// QG-NEXT: qg.reshape %[[N]]
// QG: qg.mul %[[N]], %[[G]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y0", "y1", "y2"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %shape = onnx.constant "shape" dense<[1, 8]> : tensor<2xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %n = onnx.node "Tanh"(%xd) {name = "n", outputs = ["n"]} : (!onnx.value) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "g", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Transpose"(%g) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 2, 1>}} : (!onnx.value) -> !onnx.value
    %u = onnx.node "Mul"(%n, %g) {name = "u", outputs = ["u"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Reshape"(%n, %shape) {name = "r", outputs = ["r"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %y0 = onnx.node "QuantizeLinear"(%t, %sy, %zy) {name = "y0", outputs = ["y0"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y1 = onnx.node "QuantizeLinear"(%u, %sy, %zy) {name = "y1", outputs = ["y1"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "y2", outputs = ["y2"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y0, %y1, %y2 : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// A Concat of x, hardsigmoid(s) and s, s = sigmoid(x): s is the end of one
// operand and inside the other; the conversion makes each operand's 16-bit
// table in operand order, and so does the fusion. Entries as above.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "cat.in1.table" dense<[56647, 58960, 61010, 62644, 63838, 64656, 65193, 65535, 47546, 47760, 48102, 48638, 49457, 50651, 52284, 54335]> : tensor<16xui16>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "cat", outputs = ["h"], source_op_type = "Concat"}
// CHECK: onnx.constant "cat.in2.table" dense<[33757, 42025, 49357, 55198, 59466, 62392, 64312, 65535, 1214, 1979, 3202, 5121, 8048, 12316, 18157, 25489]> : tensor<16xui16>
// CHECK: onnx.node "QLinearLookup"({{.*}}) {domain = "npc", name = "cat", outputs = ["s"], source_op_type = "Concat"}
// CHECK: onnx.node "QLinearConcat"
// CHECK-NOT: "Sigmoid"
// CHECK-NOT: "HardSigmoid"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {table = array<i32: 56647, 58960, 61010, 62644, 63838, 64656, 65193, 65535, 47546, 47760, 48102, 48638, 49457, 50651, 52284, 54335>}
// QG-NEXT: qg.table {{.*}} {table = array<i32: 33757, 42025, 49357, 55198, 59466, 62392, 64312, 65535, 1214, 1979, 3202, 5121, 8048, 12316, 18157, 25489>}
// QG: qg.concat
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %h = onnx.node "HardSigmoid"(%s) {name = "h", outputs = ["h"]} : (!onnx.value) -> !onnx.value
    %c = onnx.node "Concat"(%xd, %h, %s) {name = "cat", outputs = ["c"], attrs = {axis = 1 : i64}} : (!onnx.value, !onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// An activation plus a float scalar is a function of it (the conversion's
// elementwiseBinary, from 2026-12-06; before, it refused the Add): hard
// swish written as torch code, x * relu6(x + 3) / 6, becomes one table.
// Entries (numpy float32, x = code * 0.5 into scale 0.25): 0 1 3 4 7 9 12
// 14 for codes 0 to 7, and 0 0 0 -1 -1 -2 -1 -1 for codes -8 to -1.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.constant "qy.table" dense<"0x0001030407090C0E{{[0-9A-F]*}}000000FFFFFEFFFF"> : tensor<256xsi8>
// CHECK: onnx.node "QLinearLookup"(%[[XQ]], {{.*}}) {domain = "npc", name = "qy", outputs = ["y"], source_op_type = "QuantizeLinear"}
// CHECK-NOT: "Add"
// CHECK-NOT: "Clip"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 0, 1, 3, 4, 7, 9, 12, 14, {{.*}}, 0, 0, 0, -1, -1, -2, -1, -1>}
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %three = onnx.constant "three" dense<3.0> : tensor<f32>
    %zero = onnx.constant "zero" dense<0.0> : tensor<f32>
    %six = onnx.constant "six" dense<6.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "Add"(%xd, %three) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %c = onnx.node "Clip"(%a, %zero, %six) {name = "relu6", outputs = ["c"]} : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %c) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %d = onnx.node "Div"(%m, %six) {name = "div", outputs = ["d"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%d, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same activation times a float scalar alone stays a requantization
// (npc's QLinearRequantize with its factor), not a table.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearRequantize"({{.*}}) {attrs = {factor = 3.000000e+00 : f32}, domain = "npc", name = "mul"
// CHECK-NOT: QLinearLookup

// QG-LABEL: func.func @main
// QG: qg.quantize
// QG-NOT: qg.table
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %k = onnx.constant "k" dense<3.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// x + sigmoid(x) where x is read back through a QuantizeLinear to x's own
// parameters: the same codes, though the QuantizeLinear states axis and
// saturate and the DequantizeLinear an axis (a scale of one value has no
// axis; saturate is for float8). So the Add is a function of x, one table
// (numpy float32: q(x + 1 / (1 + exp(-x)), 1/256, 0), x = 0.5 * code), and
// both routes make it; the fusion read the attributes as other codes and
// made a qg.add of two tables before.
// CHECK-LABEL: func.func @main
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: %[[XR:.*]] = onnx.node "QLinearRequantize"(%[[XQ]],
// CHECK: onnx.constant "qy.table" dense<[128, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<16xui8>
// CHECK: onnx.node "QLinearLookup"(%[[XR]],
// CHECK-NOT: QLinearAdd

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 128, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0>}
// QG-NOT: qg.add
module attributes {onnx.opset = 19 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"], attrs = {axis = 2 : i64}} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %xr = onnx.node "QuantizeLinear"(%xd, %sx, %zx) {name = "xr", outputs = ["xr"], attrs = {axis = 1 : i64, saturate = 1 : i64}} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %zx) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A GELU nothing reads (the exporter left it unused), one of whose inner
// nodes (the Erf) a QuantizeLinear reads: the QuantizeLinear's table is
// made (numpy float32: q(erf(x / sqrt(2)), 0.25, 0), x = 0.5 * code), then
// the chain, read by nothing else, goes with its constants; the conversion
// makes nothing of it either.
// CHECK-LABEL: func.func @main
// CHECK-NOT: "half"
// CHECK: %[[XQ:.*]] = onnx.node "QuantizeLinear"(%arg0
// CHECK: onnx.constant "qe.table" dense<"0x000203030404
// CHECK-SAME: FCFCFDFDFE">
// CHECK: onnx.node "QLinearLookup"(%[[XQ]],
// CHECK-NOT: "Erf"
// CHECK-NOT: "Mul"
// CHECK-NOT: "Add"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 0, 2, 3, 3, 4, 4, 4,
// QG-SAME: -4, -4, -3, -3, -2>}
// QG-NEXT: qg.rescale %[[X]]
// QG-NOT: qg.table
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %r2 = onnx.constant "r2" dense<1.41421354> : tensor<f32>
    %one = onnx.constant "one" dense<1.0> : tensor<f32>
    %half = onnx.constant "half" dense<0.5> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %d = onnx.node "Div"(%xd, %r2) {name = "div", outputs = ["d"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %e = onnx.node "Erf"(%d) {name = "erf", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%e, %one) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %a) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %g = onnx.node "Mul"(%m, %half) {name = "gelu", outputs = ["g"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %ye = onnx.node "QuantizeLinear"(%e, %sy, %z) {name = "qe", outputs = ["ye"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%xd, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// x + sigmoid(x) where x's QuantizeLinear and DequantizeLinear omit the
// zero point (uint8 0) and the copy is requantized to the same parameters
// stated (found by helper-60): the same codes, so one table of x (entry c:
// q(0.5 c + sigmoid(0.5 c), 1/256, 0) = 128 at c = 0, else past 255), on
// both routes; the fusion made a qg.add of two before.
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearAdd

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 128, 255, 255, 255,
// QG-NOT: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %xr = onnx.node "QuantizeLinear"(%xd, %sx, %zy) {name = "xr", outputs = ["xr"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %zy) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same with x's zero point narrowed to [0, 254] on both sides of the
// requantization: npc's QLinearRequantize to a narrowed zero point that
// X has too changes nothing (found by helper-60).
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearAdd

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 128, 255, 255, 255,
// QG-NOT: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<ui8> {narrowed_range = array<i64: 0, 254>}
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xr = onnx.node "QuantizeLinear"(%xd, %sx, %zx) {name = "xr", outputs = ["xr"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %zx) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A PRelu per channel on a graph input's codes, with a node the conversion
// might refuse (another input's QuantizeLinear) between it and the fused
// table: x's shape [1, 2, 3, 3] is known here, so the slope's check
// (channelAxisOf, the conversion's) is decided here and passes, and the
// chain fuses (fuse-qdq-unfused.mlir has the same with x reshaped). Table
// per code c and channel k, numpy float32: q(prelu(0.5 (c - 10), [0.5,
// 0.25][k]), 0.5, 10).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QuantizeLinear"(%arg1
// CHECK: onnx.node "QLinearLookup"({{.*}}) {attrs = {slope_of = #loc{{[0-9]*}}}, domain = "npc", name = "qy"
// CHECK-NOT: onnx.node "PRelu"

// QG-LABEL: func.func @main
// QG: qg.table {{.*}} {channel_axis = 1 : i64, table = array<i32: 5, 8, 6, 8, 6, 8, 6, 8, 7, 8, 8, 9, 8, 9, 8, 9, 9, 10, 10, 10, 10, 10, 11, 11,
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<2x1x1xf32>) -> !onnx.value
    %c = onnx.node "QuantizeLinear"(%o, %s, %z) {name = "qo", outputs = ["c"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}

// -----

// A Clip that clamps nothing (-1000 .. 1000) on int8 codes narrowed to
// [-127, 127], then a QuantizeLinear to the same parameters: npc's
// QLinearRequantize whose y_min, y_max are the narrowed range's ends, which
// changes nothing to the conversion (emitRescale compares with the
// narrowed range); so one table of x, as without the fusion (helper-61:
// compared with the type's full range, the fusion made a qg.add of two).
// Entries as above: 128 at code 0, 255 above, 0 below.
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearAdd

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 128, 255, 255,
// QG-NOT: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8> {narrowed_range = array<i64: -127, 127>}
    %z1 = onnx.constant "z1" dense<0> : tensor<si8> {narrowed_range = array<i64: -127, 127>}
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %lo = onnx.constant "lo" dense<-1000.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<1000.0> : tensor<f32>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Clip"(%xd, %lo, %hi) {name = "c", outputs = ["c"]} : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %xr = onnx.node "QuantizeLinear"(%c, %sx, %z1) {name = "xr", outputs = ["xr"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %z1) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same codes times 1.0 (npc's QLinearRequantize with a factor) are
// new codes to the conversion: emitScaled makes them of the type's full
// range, then rescales to the narrowed one. So x + sigmoid(x) of them is
// a qg.add of the rescaled codes and a 16-bit table, on both routes
// (helper-61).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearRequantize"({{.*}}) {attrs = {factor = 1.000000e+00 : f32}
// CHECK: onnx.node "QLinearAdd"

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: %[[C:.*]] = qg.storage_cast %[[X]]
// QG-NEXT: %[[R:.*]] = qg.rescale %[[C]] {clamp_max = 127 : i32, clamp_min = -127 : i32}
// QG-NEXT: %[[T:.*]] = qg.table %[[X]]
// QG-NEXT: qg.add %[[R]], %[[T]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8> {narrowed_range = array<i64: -127, 127>}
    %z1 = onnx.constant "z1" dense<0> : tensor<si8> {narrowed_range = array<i64: -127, 127>}
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %one = onnx.constant "one" dense<1.0> : tensor<f32>
    %c = onnx.node "Mul"(%xd, %one) {name = "c", outputs = ["c"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %xr = onnx.node "QuantizeLinear"(%c, %sx, %z1) {name = "xr", outputs = ["xr"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %z1) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's QLinearRequantize to x's own parameters, written by hand, is the
// same codes to the conversion with an empty attribute dictionary and a narrowed zero point (no factor), so x + sigmoid(x) of it is one table on
// both routes (helper-62; entries as above).
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearAdd

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 128, 255, 255,
// QG-NOT: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8> {narrowed_range = array<i64: -127, 127>}
    %z1 = onnx.constant "z1" dense<0> : tensor<si8> {narrowed_range = array<i64: -127, 127>}
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %xr = onnx.node "QLinearRequantize"(%xq, %sx, %zx, %sx, %z1) {domain = "npc", name = "xr", outputs = ["xr"], attrs = {}} : (!onnx.value, tensor<f32>, tensor<si8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %z1) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's QLinearRequantize to x's own parameters, written by hand, is the
// same codes to the conversion with factor 1 and a narrowed_range that is the type's full range (no narrowing), so x + sigmoid(x) of it is one table on
// both routes (helper-62; entries as above).
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearAdd

// QG-LABEL: func.func @main
// QG: %[[X:.*]] = qg.quantize %arg0
// QG-NEXT: qg.table %[[X]] {table = array<i32: 128, 255, 255,
// QG-NOT: qg.add
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8> {narrowed_range = array<i64: -128, 127>}
    %z1 = onnx.constant "z1" dense<0> : tensor<si8> {narrowed_range = array<i64: -128, 127>}
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %xr = onnx.node "QLinearRequantize"(%xq, %sx, %zx, %sx, %z1) {domain = "npc", name = "xr", outputs = ["xr"], attrs = {factor = 1.0 : f32}} : (!onnx.value, tensor<f32>, tensor<si8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %z1) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}
