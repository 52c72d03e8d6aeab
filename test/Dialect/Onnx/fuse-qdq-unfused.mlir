// RUN: npc-opt %s -split-input-file --onnx-fuse-qdq | FileCheck %s

// Clusters onnx-fuse-qdq leaves alone. npc-convert-onnx-to-qg, which has
// no QDQ fusion of its own, refuses each float operator left between a
// DequantizeLinear and a QuantizeLinear at that operator (with its checks'
// reason where they find one); nodes it converts where they are (moves,
// QuantizeLinear of a float constant, ...) it converts.

// A Conv with per-channel float ops after it (a QAT export's ConvBn) whose
// output has a second reader.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Conv"
// CHECK: onnx.node "Add"
// CHECK-NOT: QLinearConv
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y2", "c2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<-128> : tensor<1x1x1x1xsi8>
    %k = onnx.constant "k" dense<1.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c2 = onnx.node "Conv"(%xd, %wd) {name = "conv2", outputs = ["c2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%c2, %k) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y2, %c2 : !onnx.value, !onnx.value
  }
}

// -----

// A QuantizeLinear to a type the conversion refuses (output_dtype float8),
// and one quantizing per channel.
// CHECK-LABEL: func.func @main
// CHECK-COUNT-2: onnx.node "Conv"
// CHECK-NOT: QLinearConv
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %s2 = onnx.constant "s2" dense<[0.5, 0.25]> : tensor<2xf32>
    %z2 = onnx.constant "z2" dense<0> : tensor<2xsi8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s) {name = "qy", outputs = ["y"], attrs = {output_dtype = 17 : i64}}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %c2 = onnx.node "Conv"(%xd, %wd) {name = "conv2", outputs = ["c2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%c2, %s2, %z2) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<2xf32>, tensor<2xsi8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A product read by a QuantizeLinear and by the return: the
// QuantizeLinear's cluster fuses and the MatMul stays for the graph output
// (keptForOtherReaders; the conversion refuses it there). The product
// after it, with a Relu below opset 11, fuses, the Relu's clamp its
// inputs y_min, y_max (fuse-qdq.mlir).
// CHECK-LABEL: func.func @main
// CHECK: %[[M:.*]] = onnx.node "MatMul"({{.*}}) {name = "mm", outputs = ["m"]}
// CHECK: onnx.node "QLinearMatMul"({{.*}}) {name = "mm", outputs = ["mq"]
// CHECK: onnx.node "QLinearMatMul"({{.*}}) {domain = "npc", name = "mm2", outputs = ["y"]
// CHECK-NOT: "Relu"
// CHECK: return %{{.*}}, %[[M]]
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "m"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x2xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wd) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["mq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %m2 = onnx.node "MatMul"(%xd, %wd) {name = "mm2", outputs = ["m2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%m2) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %m : !onnx.value, !onnx.value
  }
}

// -----

// An Add of a float constant (no DequantizeLinear).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Add"
// CHECK-NOT: QLinear
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %f = onnx.constant "f" dense<1.0> : tensor<1x2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "Add"(%xd, %f) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<1x2xf32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y2 : !onnx.value
  }
}

// -----

// A DequantizeLinear of an int16 constant (the DequantizeLinear refuses
// the type), and an AveragePool with an attribute of QLinearAveragePool's
// (channels_last).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Add"
// CHECK-NOT: QLinear
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %k = onnx.constant "k" dense<[[[[-4, 4]], [[-100, 4]]]]> : tensor<1x2x1x2xsi16>
    %sk = onnx.constant "sk" dense<0.25> : tensor<f32>
    %kd = onnx.node "DequantizeLinear"(%k, %sk) {name = "dqk", outputs = ["kd"]}
        : (tensor<1x2x1x2xsi16>, tensor<f32>) -> !onnx.value
    %sum = onnx.node "Add"(%ad, %kd) {name = "add", outputs = ["sum"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%sum, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Chains of functions left alone: a Sigmoid read by a QuantizeLinear and
// by the return (a reader other than a QuantizeLinear or a function of it
// may turn it into 16-bit codes first), a per-channel
// QuantizeLinear after a function, and a 32-bit activation (no table;
// the conversion says so).
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearLookup
// CHECK: onnx.node "Sigmoid"
// CHECK: onnx.node "Exp"
// CHECK: onnx.node "Sigmoid"
// CHECK-NOT: QLinearLookup
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xui8>, %w: tensor<1x2xsi32>)
      -> (!onnx.value, !onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "w"], npc.output_names = ["a", "b", "d", "f"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %z32 = onnx.constant "z32" dense<0> : tensor<si32>
    %s2 = onnx.constant "s2" dense<[0.5, 0.25]> : tensor<2xf32>
    %z2 = onnx.constant "z2" dense<0> : tensor<2xui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z32) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x2xsi32>, tensor<f32>, tensor<si32>) -> !onnx.value
    %sg = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["sg"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%sg, %s, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "exp", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %d = onnx.node "QuantizeLinear"(%e, %s2, %z2) {name = "qd", outputs = ["d"], attrs = {axis = 1 : i64}}
        : (!onnx.value, tensor<2xf32>, tensor<2xui8>) -> !onnx.value
    %sw = onnx.node "Sigmoid"(%wd) {name = "sigw", outputs = ["sw"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "QuantizeLinear"(%sw, %s, %z) {name = "qf", outputs = ["f"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %sg, %d, %f : !onnx.value, !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// Left alone (a review found each fused before): a DequantizeLinear of a
// constant the conversion folds (Reshape of an initializer) and this level
// does not, below opset 11 a Clip with inputs (the conversion checks them),
// and a function of a node's second output (the conversion defines only
// the first).
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearLookup
// CHECK: onnx.node "Sigmoid"
// CHECK: onnx.node "Clip"
// CHECK: onnx.node "Tanh"
// CHECK-NOT: QLinearLookup
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x8xui8>) -> (!onnx.value, !onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b", "c"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %c = onnx.constant "c" dense<[1, 2, 3, 4, 5, 6, 7, 8]> : tensor<8xui8>
    %shp = onnx.constant "shp" dense<[1, 8]> : tensor<2xsi64>
    %cr = onnx.node "Reshape"(%c, %shp) {name = "rs", outputs = ["cr"]} : (tensor<8xui8>, tensor<2xsi64>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%cr, %s, %z) {name = "dqc", outputs = ["cd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%cd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "QuantizeLinear"(%g, %s, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x8xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "exp", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %cl = onnx.node "Clip"(%e, %lo) {name = "clip", outputs = ["cl"], attrs = {max = 2.0 : f32}}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%cl, %s, %z) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %two:2 = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dq2", outputs = ["d0", "d1"]}
        : (tensor<1x8xui8>, tensor<f32>, tensor<ui8>) -> (!onnx.value, !onnx.value)
    %t = onnx.node "Tanh"(%two#1) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %cc = onnx.node "QuantizeLinear"(%t, %s, %z) {name = "qc", outputs = ["c"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b, %cc : !onnx.value, !onnx.value, !onnx.value
  }
}

// -----

// A lone activation left alone: a ReLU6 read by a QuantizeLinear and, as
// a graph output, by the return (the conversion refuses the float output
// there, after the QuantizeLinear's rescale).
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearRequantize
// CHECK: onnx.node "Clip"(%{{.*}}, %{{.*}}, %{{.*}}) {name = "relu6"
// CHECK-NOT: QLinearRequantize
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<6.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %r = onnx.node "Clip"(%xd, %lo, %hi) {name = "relu6", outputs = ["r"]}
        : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %r : !onnx.value, !onnx.value
  }
}

// -----

// A MatMul + Add whose constant is not a row ([3, 1] broadcasts along
// columns: an ordinary Add for the conversion), and one of two activations
// (the conversion refuses its Add).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "MatMul"
// CHECK: onnx.node "Add"
// CHECK: onnx.node "MatMul"
// CHECK: onnx.node "Add"
// CHECK-NOT: QLinearMatMul
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x3xsi8>
    %c = onnx.constant "c" dense<[[0.5], [1.0], [2.0]]> : tensor<3x1xf32>
    %r = onnx.constant "r" dense<1.0> : tensor<3xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x3x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wd) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%m, %c) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<3x1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %m2 = onnx.node "MatMul"(%xd, %xd) {name = "mm2", outputs = ["m2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a2 = onnx.node "Add"(%m2, %r) {name = "add2", outputs = ["a2"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%a2, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A Transpose of a blockwise-quantized constant (opset 21's block_size)
// stays where it is: swapping it would leave the conversion to report the
// block size on a transposed shape, not on the DequantizeLinear's own.
// CHECK-LABEL: func.func @main
// CHECK: %[[D:.*]] = onnx.node "DequantizeLinear"(%{{.*}}, %{{.*}}, %{{.*}}) {attrs = {axis = 0 : i64, block_size = 2 : i64}
// CHECK: onnx.node "Transpose"(%[[D]])
// CHECK-NOT: QLinearMatMul
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x2x4xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<4x4xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<2x4xf32>
    %zw = onnx.constant "zw" dense<0> : tensor<2x4xsi8>
    %c = onnx.constant "c" dense<0.5> : tensor<4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"], attrs = {axis = 0 : i64, block_size = 2 : i64}}
        : (tensor<4x4xsi8>, tensor<2x4xf32>, tensor<2x4xsi8>) -> !onnx.value
    %wt = onnx.node "Transpose"(%wd) {name = "t", outputs = ["wt"], attrs = {perm = array<i64: 1, 0>}}
        : (!onnx.value) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wt) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%m, %c) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A QuantizeLinear of a float constant to a type the conversion refuses
// (output_dtype float8) stays for it to say so, as does what reads it.
// CHECK-LABEL: func.func @main
// CHECK: onnx.constant "wf"
// CHECK: onnx.node "QuantizeLinear"
// CHECK: onnx.node "Conv"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %wf = onnx.constant "wf" dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wq = onnx.node "QuantizeLinear"(%wf, %s) {name = "wq", outputs = ["wq"], attrs = {output_dtype = 17 : i64}}
        : (tensor<2x1x1x1xf32>, tensor<f32>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%wq, %s) {name = "dqw", outputs = ["wd"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Slice whose bounds depend on an activation's values (not only its
// shape) stays after the DequantizeLinear: the conversion refuses it there.
// CHECK-LABEL: func.func @main
// CHECK: %[[D:.*]] = onnx.node "DequantizeLinear"(%arg0
// CHECK: onnx.node "Slice"(%[[D]],
// CHECK-NOT: QLinearRequantize
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>, %i: tensor<1xsi64>) -> !onnx.value
      attributes {npc.input_names = ["x", "i"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %one = onnx.constant "one" dense<1> : tensor<1xsi64>
    %four = onnx.constant "four" dense<4> : tensor<1xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %a = onnx.node "Slice"(%xd, %i, %four, %one) {name = "sl", outputs = ["a"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A QuantizeLinear of a float constant that is a graph output stays: the
// conversion says a graph output is a constant, at the graph.
// CHECK-LABEL: func.func @main
// CHECK: %[[W:.*]] = onnx.node "QuantizeLinear"
// CHECK: return %[[W]]
module attributes {onnx.opset = 13 : i64} {
  func.func @main() -> !onnx.value attributes {npc.input_names = [], npc.output_names = ["w"]} {
    %wf = onnx.constant "wf" dense<[1.0, 2.0]> : tensor<2xf32>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.node "QuantizeLinear"(%wf, %s, %z) {name = "q", outputs = ["w"]}
        : (tensor<2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    return %w : !onnx.value
  }
}

// -----

// A LayerNormalization without its Scale stays, for the conversion to say
// which input is missing.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "LayerNormalization"
// CHECK-NOT: QLinearLayerNormalization
module attributes {onnx.opset = 17 : i64} {
  func.func @main(%x: tensor<2x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["out0"]} {
    %c_sx = onnx.constant "sx" dense<0.1> : tensor<f32>
    %c_zx = onnx.constant "zx" dense<3> : tensor<ui8>
    %v0 = onnx.node "QuantizeLinear"(%x, %c_sx, %c_zx) {name = "qx", outputs = ["qx_o"]} : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %v1 = onnx.node "DequantizeLinear"(%v0, %c_sx, %c_zx) {name = "dqx", outputs = ["dqx_o"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %none2 = onnx.none
    %v3 = onnx.node "LayerNormalization"(%v1, %none2) {name = "ln", outputs = ["ln_o"]} : (!onnx.value, none) -> !onnx.value
    %c_sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %c_zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %v4 = onnx.node "QuantizeLinear"(%v3, %c_sy, %c_zy) {name = "qy", outputs = ["qy_o"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %v5 = onnx.node "DequantizeLinear"(%v4, %c_sy, %c_zy) {name = "dqy", outputs = ["dqy_o"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %v5 : !onnx.value
  }
}

// -----

// A QONNX Quant with a scale per channel after a float operator: this
// level does not know x's rank, which places the channel axis, so the
// Quant stays for the conversion (the first Quant, per tensor, is split).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QuantizeLinear"(%arg0, {{.*}}) {name = "qx", outputs = ["xq.codes"], source_op_type = "Quant"}
// CHECK: onnx.node "Relu"
// CHECK: onnx.node "Quant"(%{{.*}}) {attrs = {signed = 0 : i64}, domain = "qonnx.custom_op.general", name = "qy"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %xq = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %r = onnx.node "Relu"(%xq) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %ys = onnx.constant "ys" dense<[[[0.1]], [[0.2]]]> : tensor<2x1x1xf32>
    %y = onnx.node "Quant"(%r, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<2x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// One scale of rank 4 after a Gather by a scalar index, which drops an
// axis (x's rank 4, the Gather's 3): the Quant stays, for the conversion
// to refuse (fuse-qdq-errors.mlir).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Sigmoid"
// CHECK: onnx.node "Quant"(%{{.*}}) {attrs = {signed = 0 : i64}, domain = "qonnx.custom_op.general", name = "qy"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %i = onnx.constant "i" dense<0> : tensor<si64>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %g = onnx.node "Gather"(%xd, %i) {name = "g", outputs = ["g"], attrs = {axis = 1 : i64}} : (!onnx.value, tensor<si64>) -> !onnx.value
    %r = onnx.node "Sigmoid"(%g) {name = "sig", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "Quant"(%r, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// One scale of rank 4 after a Reshape to a constant shape of two values
// (rank 2): the Quant stays, for the conversion to refuse
// (fuse-qdq-errors.mlir).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Tanh"
// CHECK: onnx.node "Quant"(%{{.*}}) {domain = "qonnx.custom_op.general", name = "qy"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %shape = onnx.constant "shape" dense<[2, 4]> : tensor<2xsi64>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %r = onnx.node "Reshape"(%xd, %shape) {name = "reshape", outputs = ["r"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %t = onnx.node "Tanh"(%r) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "Quant"(%t, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same with the shape computed as torch FX's flatten writes it (Shape
// -> Slice -> Concat with [-1]: two values, rank 2): the Quant stays.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Tanh"
// CHECK: onnx.node "Quant"(%{{.*}}) {domain = "qonnx.custom_op.general", name = "qy"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %zero = onnx.constant "zero" dense<[0]> : tensor<1xsi64>
    %one = onnx.constant "one" dense<[1]> : tensor<1xsi64>
    %rest = onnx.constant "rest" dense<[-1]> : tensor<1xsi64>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %sh = onnx.node "Shape"(%xd) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Slice"(%sh, %zero, %one, %zero) {name = "slice", outputs = ["n"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>) -> !onnx.value
    %fs = onnx.node "Concat"(%n, %rest) {name = "cat", outputs = ["fs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %r = onnx.node "Reshape"(%xd, %fs) {name = "flatten", outputs = ["r"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %t = onnx.node "Tanh"(%r) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "Quant"(%t, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// One scale of rank 4 after a ReduceMax without keepdims over one axis
// (rank 3), whose Quant fuses: the last Quant stays, for the conversion to
// refuse (fuse-qdq-errors.mlir).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearReduceMax"
// CHECK: onnx.node "Tanh"
// CHECK: onnx.node "Quant"(%{{.*}}) {domain = "qonnx.custom_op.general", name = "qy"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %m = onnx.node "ReduceMax"(%xd) {name = "rmax", outputs = ["m"], attrs = {axes = array<i64: -1>, keepdims = 0 : i64}} : (!onnx.value) -> !onnx.value
    %mq = onnx.node "Quant"(%m, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qm", outputs = ["mq"]}
        : (!onnx.value, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %t = onnx.node "Tanh"(%mq) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "Quant"(%t, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A GlobalAveragePool read by a QuantizeLinear and by a Transpose: no
// reader makes it 16-bit codes (firstCodesReader), so the QuantizeLinear's
// cluster fuses and the pool stays for the Transpose (which the
// conversion refuses: the Transpose of a float output).
// CHECK-LABEL: func.func @main
// CHECK: %[[P:.*]] = onnx.node "GlobalAveragePool"
// CHECK: onnx.node "QLinearGlobalAveragePool"(%arg0, {{.*}}) {domain = "com.microsoft", name = "gap", outputs = ["y"], source_op_type = "GlobalAveragePool"}
// CHECK: onnx.node "Transpose"(%[[P]])
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Transpose"(%p) {name = "t", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%t, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A layer norm written as arithmetic on a Sigmoid that its ReduceMean and
// its Sub read: the conversion matches such a layer norm only on
// dequantized codes, so on the pending Sigmoid it refuses the Sub (the
// mean is a float output). A 16-bit table before the ReduceMean would make
// the layer norm match: the Sigmoid stays.
// CHECK-LABEL: func.func @main
// CHECK: %[[G:.*]] = onnx.node "Sigmoid"
// CHECK: onnx.node "ReduceMean"(%[[G]])
// CHECK: onnx.node "Sub"(%[[G]],
// CHECK-NOT: QLinearLookup
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-05> : tensor<f32>
    %gam = onnx.constant "gam" dense<[1.0, 0.5, 2.0, 1.0]> : tensor<4xf32>
    %bet = onnx.constant "bet" dense<[0.0, 0.25, 0.0, 0.5]> : tensor<4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<1x2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "ReduceMean"(%g) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%g, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v = onnx.node "ReduceMean"(%p) {name = "var", outputs = ["v"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mg = onnx.node "Mul"(%n, %gam) {name = "mul", outputs = ["mg"]} : (!onnx.value, tensor<4xf32>) -> !onnx.value
    %ab = onnx.node "Add"(%mg, %bet) {name = "add", outputs = ["ab"]} : (!onnx.value, tensor<4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%ab, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A node of no outputs (a fuzzed file's misspelt DequantizeLinear) is left
// alone; the fusion must not read a result it does not have.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "DequantizeLinearX"(%arg0, %{{.*}}) {name = "dq", outputs = []} : (tensor<2xsi8>, tensor<f32>) -> ()
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2xsi8>) -> tensor<2xsi8>
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    onnx.node "DequantizeLinearX"(%x, %s) {name = "dq", outputs = []} : (tensor<2xsi8>, tensor<f32>) -> ()
    return %x : tensor<2xsi8>
  }
}

// -----

// A lone BatchNormalization stays when its mean is an activation, or in
// training mode (the conversion refuses both at the node; see
// test/Conversion/OnnxToQGraph/errors.mlir).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "BatchNormalization"(%{{.*}}) {name = "bn_act"
// CHECK: onnx.node "BatchNormalization"(%{{.*}}) {attrs = {training_mode = 1 : i64}, name = "bn_train"
// CHECK-NOT: QLinearBatchNormalization
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x2xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y1", "y2"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %p = onnx.constant "p" dense<[1.0, 2.0]> : tensor<2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x1x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bn1 = onnx.node "BatchNormalization"(%xd, %p, %p, %xd, %p) {name = "bn_act", outputs = ["bn1"]}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, !onnx.value, tensor<2xf32>) -> !onnx.value
    %y1 = onnx.node "QuantizeLinear"(%bn1, %s, %z) {name = "q1", outputs = ["y1"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %bn2 = onnx.node "BatchNormalization"(%xd, %p, %p, %p, %p) {name = "bn_train", outputs = ["bn2"], attrs = {training_mode = 1 : i64}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%bn2, %s, %z) {name = "q2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y1, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A lone Relu a ReduceMean reads whose one reader is Sub(relu, mean) (the
// start of a layer norm written as arithmetic, which the conversion may
// match there only once the Relu is made) stays. (A lone Relu of a graph
// input's codes fuses: fuse-qdq-relu-read-by-operator.mlir.)
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearRequantize
// CHECK: onnx.node "Relu"
// CHECK: onnx.node "ReduceMean"
// CHECK: onnx.node "Sub"
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
    %d = onnx.node "Sub"(%r, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%d, %s, %z) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A PRelu slope of more than 16384 values (a table of 256 codes each,
// made before x's shape is known) is left to the walk, which checks it
// against x's shape first.
// CHECK-LABEL: func.func @main
// CHECK-NOT: QLinearLookup
// CHECK: onnx.node "PRelu"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %k = onnx.constant "slope" dense<0.25> : tensor<16385x1x1xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]}
        : (!onnx.value, tensor<16385x1x1xf32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A chain with a PRelu per channel stays for the walk when a node that
// the conversion might refuse (here a QuantizeLinear of another input)
// lies between the PRelu and where the fused table would be made, and x's
// shape is not known here (codes reshaped): the walk checks the slope at
// the PRelu, the fused node later, and the two errors would come in
// another order. (With x's shape known the check is decided here:
// fuse-qdq-function-chains.mlir, and with the Reshape's type stated,
// fuse-qdq-stated-types.mlir.)
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "PRelu"
// CHECK-NOT: onnx.node "QLinearLookup"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %shape = onnx.constant "shape" dense<[1, 2, 3, 3]> : tensor<4xsi64>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %x4 = onnx.node "Reshape"(%x, %shape) {name = "reshape", outputs = ["x4"]}
        : (!onnx.value, tensor<4xsi64>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x4, %s, %z) {name = "dqx", outputs = ["xd"]}
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

// A lone Relu read by a Shape before its reader: not made (the conversion
// refuses the Shape of a pending Relu; fuse-qdq-errors.mlir).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "Relu"
// CHECK-NOT: QLinearRequantize
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x3x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<-3> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %st = onnx.constant "st" dense<0> : tensor<1xsi64>
    %en = onnx.constant "en" dense<1> : tensor<1xsi64>
    %m1 = onnx.constant "m1" dense<-1> : tensor<1xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x3x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    
    %m = onnx.node "Relu"(%xd) {name = "relu", outputs = ["m"]} : (!onnx.value) -> !onnx.value
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

// A layer norm written as arithmetic whose gamma has rank 3 ([1, 1, 4])
// of x behind a Squeeze without axes: this level does not know x's rank
// (the axes of extent 1 go), which the conversion checks gamma's against
// (a higher one is an error there: fuse-qdq-errors.mlir), so the chain
// stays; on x of rank 3 the conversion makes its qg.layer_norm
// (Conversion/OnnxToQGraph/attention.mlir). On x of a rank this level
// knows, it fuses (fuse-qdq.mlir; behind a Squeeze of stated type,
// fuse-qdq-stated-types.mlir).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "ReduceMean"
// CHECK: onnx.node "Mul"
// CHECK-NOT: QLinearLayerNormalization
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x0: tensor<3x1x2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %x = onnx.node "Squeeze"(%x0) {name = "squeeze", outputs = ["xs"]} : (tensor<3x1x2x4xui8>) -> !onnx.value
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-05> : tensor<f32>
    %gam = onnx.constant "gam" dense<[[[1.0, 0.5, 2.0, 1.0]]]> : tensor<1x1x4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v = onnx.node "ReduceMean"(%p) {name = "var", outputs = ["v"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mg = onnx.node "Mul"(%n, %gam) {name = "mul", outputs = ["mg"]} : (!onnx.value, tensor<1x1x4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%mg, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Two PRelus per channel in one chain with slopes of different shapes
// ([2, 1, 1], then [1, 2, 1, 1] of a higher rank): the walk checks each
// against x's shape, which is not known here, and the first one's check
// does not decide the second's. They stay for the walk (with the pool's
// type stated, both are decided here: fuse-qdq-stated-types.mlir).
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "PRelu"
// CHECK: onnx.node "PRelu"
// CHECK-NOT: onnx.node "QLinearLookup"
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k0 = onnx.constant "slope0" dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32>
    %k1 = onnx.constant "slope1" dense<[[[[0.5]], [[0.5]]]]> : tensor<1x2x1x1xf32>
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
        : (!onnx.value, tensor<1x2x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p1, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Conv -> Relu read by a QuantizeLinear and by a Transpose (which the
// conversion refuses: the float output of a pending op): the
// QuantizeLinear's cluster fuses, as the conversion fuses it there, and
// the Conv and Relu stay for the Transpose (fuse-qdq-errors.mlir has its
// error).
// CHECK-LABEL: func.func @main
// CHECK: %[[C:.*]] = onnx.node "Conv"
// CHECK: %[[R:.*]] = onnx.node "Relu"(%[[C]])
// CHECK: %[[F:.*]] = onnx.node "QLinearConv"(%arg0, {{.*}}) {name = "conv", outputs = ["c"], source_op_type = "Conv"}
// CHECK: onnx.node "Clip"(%[[F]], %{{.*}}) {name = "relu", outputs = ["y"], source_op_type = "Relu"}
// CHECK-NOT: "QuantizeLinear"
// CHECK: onnx.node "Transpose"(%[[R]])
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "t"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<2x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Relu"(%c) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Transpose"(%r) {name = "transpose", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    return %y, %t : !onnx.value, !onnx.value
  }
}

// -----

// A Mul by a float scalar read by a QuantizeLinear and by a Transpose:
// the QuantizeLinear's requantization fuses (factor 0.25) and the Mul
// stays for the Transpose, which the conversion refuses.
// CHECK-LABEL: func.func @main
// CHECK: %[[M:.*]] = onnx.node "Mul"
// CHECK: onnx.node "QLinearRequantize"(%arg0, {{.*}}) {attrs = {factor = 2.500000e-01 : f32}, domain = "npc", name = "mul", outputs = ["y"], source_op_type = "Mul"}
// CHECK-NOT: "QuantizeLinear"
// CHECK: onnx.node "Transpose"(%[[M]])
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "t"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %k = onnx.constant "k" dense<0.25> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Transpose"(%m) {name = "transpose", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    return %y, %t : !onnx.value, !onnx.value
  }
}

// -----

// A layer norm written as arithmetic whose Div is read by a QuantizeLinear
// and by the gamma Mul (before another): the walk's chain ends at the Div
// (a node with two readers) and refuses the Mul of its float output.
// Fused for the first QuantizeLinear alone, the Div would keep one
// reader and the walk would match the longer chain (helper-71): the
// chain stays whole.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "ReduceMean"
// CHECK: %[[D:.*]] = onnx.node "Div"
// CHECK: onnx.node "QuantizeLinear"(%[[D]],
// CHECK: onnx.node "Mul"(%[[D]],
// CHECK-NOT: QLinearLayerNormalization
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%arg0: tensor<2x8xf32>) -> (!onnx.value, !onnx.value) attributes {npc.input_names = ["x"], npc.output_names = ["q_div_out", "q_gamma_out"]} {
    %0 = onnx.constant "c1" dense<5.000000e-02> : tensor<f32>
    %1 = onnx.constant "c2" dense<0> : tensor<si8>
    %2 = onnx.constant "c4" dense<5.000000e-02> : tensor<f32>
    %3 = onnx.constant "c5" dense<0> : tensor<si8>
    %4 = onnx.constant "c9" dense<2.000000e+00> : tensor<f32>
    %5 = onnx.constant "c12" dense<9.99999974E-6> : tensor<f32>
    %6 = onnx.constant "c16" dense<4.000000e-02> : tensor<f32>
    %7 = onnx.constant "c17" dense<0> : tensor<si8>
    %8 = onnx.constant "c19" dense<[5.000000e-01, 0.642857134, 0.785714268, 0.928571403, 1.07142854, 1.21428573, 1.35714281, 1.500000e+00]> : tensor<8xf32>
    %9 = onnx.constant "c21" dense<5.000000e-02> : tensor<f32>
    %10 = onnx.constant "c22" dense<0> : tensor<si8>
    %11 = onnx.node "QuantizeLinear"(%arg0, %0, %1) {name = "QuantizeLinear_3", outputs = ["QuantizeLinear_3_out"]} : (tensor<2x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %12 = onnx.node "DequantizeLinear"(%11, %2, %3) {name = "DequantizeLinear_6", outputs = ["DequantizeLinear_6_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %13 = onnx.node "ReduceMean"(%12) {attrs = {axes = array<i64: -1>, keepdims = 1 : i64}, name = "mean", outputs = ["mean_out"]} : (!onnx.value) -> !onnx.value
    %14 = onnx.node "Sub"(%12, %13) {name = "sub", outputs = ["sub_out"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %15 = onnx.node "Pow"(%14, %4) {name = "pow", outputs = ["pow_out"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %16 = onnx.node "ReduceMean"(%15) {attrs = {axes = array<i64: -1>, keepdims = 1 : i64}, name = "var", outputs = ["var_out"]} : (!onnx.value) -> !onnx.value
    %17 = onnx.node "Add"(%16, %5) {name = "addeps", outputs = ["addeps_out"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %18 = onnx.node "Sqrt"(%17) {name = "sqrt", outputs = ["sqrt_out"]} : (!onnx.value) -> !onnx.value
    %19 = onnx.node "Div"(%14, %18) {name = "div", outputs = ["div_out"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %20 = onnx.node "QuantizeLinear"(%19, %6, %7) {name = "q_div", outputs = ["q_div_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %21 = onnx.node "Mul"(%19, %8) {name = "gamma", outputs = ["gamma_out"]} : (!onnx.value, tensor<8xf32>) -> !onnx.value
    %22 = onnx.node "QuantizeLinear"(%21, %9, %10) {name = "q_gamma", outputs = ["q_gamma_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %20, %22 : !onnx.value, !onnx.value
  }
}

