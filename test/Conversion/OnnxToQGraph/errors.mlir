// RUN: npc-opt %s -split-input-file --npc-convert-onnx-to-qg -verify-diagnostics

// Each error is at the node it is about and names it, its op type and why.

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    // expected-error @+1 {{node 'g' (GridSample): operator GridSample is not supported (npc imports QuantizeLinear, DequantizeLinear, QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger, in QDQ form Conv, Gemm, MatMul, Add, Sub, Mul, Div, ReduceMean, ReduceSum, ReduceMax, Softmax, LayerNormalization, AveragePool, GlobalAveragePool, MaxPool, Concat, BatchNormalization, Relu, Clip, Sigmoid, Tanh, HardSigmoid, HardSwish, LeakyRelu, Erf, Exp, Softplus, Softsign, Mish, Elu, Neg, Abs, Sqrt, Reciprocal, PRelu, Pow, Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Identity, Resize, Slice, Split, DepthToSpace, Pad, SpaceToDepth, Cast, and on constants ConstantOfShape, Shape, Gather, Slice, Concat, Equal, Where, Expand, Constant; docs/import.md)}}
    %y = onnx.node "GridSample"(%x) {name = "g", outputs = ["y"]} : (tensor<1x4xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Of another domain, only the contrib operators the table lists.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    // expected-error @+1 {{node 'a' (Attention): operator domain 'com.microsoft' is not supported (npc imports QLinearAdd, QLinearMul, QLinearGlobalAveragePool, QLinearSigmoid, QGemm, QLinearConcat, QLinearSoftmax, QLinearReduceMean, QLinearAveragePool and QLinearLeakyRelu of com.microsoft, and QLinearLookup, QLinearMaxPool, QLinearMatMul, QGemm, QLinearConv, QLinearRequantize, QLinearGlobalAveragePool, QLinearAveragePool, QLinearReduceMean, QLinearConcat, QLinearSub, QLinearResize, QLinearGather, QLinearPad, QLinearSoftmax, QLinearReduceSum, QLinearReduceMax, QLinearBatchNormalization and QLinearLayerNormalization of npc)}}
    %y = onnx.node "Attention"(%x) {domain = "com.microsoft", name = "a", outputs = ["y"]} : (tensor<1x4xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A scale must be a constant; the message says how to make an input one.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>, %s: tensor<f32>) -> !onnx.value
      attributes {npc.input_names = ["x", "scale_in"], npc.output_names = ["y"]} {
    // expected-error @+1 {{node 'q' (QuantizeLinear): scale ('scale_in') must be a constant initializer; freeze it with --bind scale_in=FILE.npy}}
    %y = onnx.node "QuantizeLinear"(%x, %s) {name = "q", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A float result must be quantized before it leaves the graph. (At zero
// point 0 of uint8 the Relu would change nothing, and x's dequantized
// codes would leave it.)
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["xq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "Relu"(%d) {name = "relu", outputs = ["y"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{graph output 'y' is the float output of node 'relu' (Relu); npc needs it quantized (QuantizeLinear, then DequantizeLinear)}}
    return %y : !onnx.value
  }
}

// -----

// The opset decides how nodes read (Clip's bounds, ReduceMean's axes): it
// must be stated.
module {
  // expected-error @+1 {{the module has no onnx.opset attribute (the ONNX opset its nodes follow)}}
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value {
    %y = onnx.node "Relu"(%x) {name = "relu", outputs = ["y"]} : (tensor<1x4xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Constants npc reads are f32, i1 and ONNX's signed and unsigned integers.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    // expected-error @+1 {{tensor 'h' has element type f16, which is not supported}}
    %h = onnx.constant "h" dense<1.0> : tensor<f16>
    %y = onnx.node "Relu"(%x) {name = "relu", outputs = ["y"]} : (tensor<1x4xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Only onnx-level ops (and the return) may stand in an onnx-level @main.
!q = !quant.uniform<i8:f32, 0.1>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    // expected-error @+1 {{'qg.constant' is not an onnx-level op (onnx.node, onnx.constant, onnx.none)}}
    %w = qg.constant dense<1> : tensor<2xi8> : tensor<2x!q>
    %y = onnx.node "Relu"(%x) {name = "relu", outputs = ["y"]} : (tensor<1x4xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Graph inputs have static shapes (the importer asks for --shape otherwise).
module attributes {onnx.opset = 13 : i64} {
  // expected-error @+1 {{graph input 'x' is not a ranked tensor}}
  func.func @main(%x: tensor<*xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %y = onnx.node "Relu"(%x) {name = "relu", outputs = ["y"]} : (tensor<*xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Div folded into the conv before it: a zero divisor is named.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %w = onnx.constant "w" dense<[[[[2]]], [[[3]]]]> : tensor<2x1x1x1xsi8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %d = onnx.constant "d" dense<[[[[2.0]], [[0.0]]]]> : tensor<1x2x1x1xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"],
           attrs = {kernel_shape = array<i64: 1, 1>}} : (!onnx.value, !onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'div' (Div): divisor of channel 1 is 0; it must be finite and not zero}}
    %cd = onnx.node "Div"(%c, %d) {name = "div", outputs = ["cd"]}
        : (!onnx.value, tensor<1x2x1x1xf32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%cd, %s, %z) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A BatchNormalization in training mode normalizes by its batch's own
// statistics: not folded with the running ones.
module attributes {onnx.opset = 14 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1x1xsi8>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %one = onnx.constant "one" dense<1.0> : tensor<2xf32>
    %zero = onnx.constant "zero" dense<0.0> : tensor<2xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'bn' (BatchNormalization): training_mode=1 is not supported (npc folds the running mean and variance; export the model in eval mode)}}
    %bn = onnx.node "BatchNormalization"(%c, %one, %zero, %zero, %one) {name = "bn", outputs = ["bn"],
           attrs = {training_mode = 1 : i64}}
        : (!onnx.value, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%bn, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A per-axis scale along an axis the tensor does not have.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<[0.5, 0.25]> : tensor<2xf32>
    %z = onnx.constant "z" dense<[0, 0]> : tensor<2xsi8>
    // expected-error @+1 {{node 'q' (QuantizeLinear): per-axis scale has 2 values but the axis is out of range for the tensor}}
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["y"], attrs = {axis = 7 : i64}}
        : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xsi8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A weight without a zero point of a type no zero point may have: not read
// as a 0-bit type (all zeros).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi64>
    %none = onnx.none
    // expected-error @+1 {{node 'conv' (QLinearConv): quantized type int64 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %y = onnx.node "QLinearConv"(%x, %s, %z, %w, %s, %none, %s, %z) {name = "conv", outputs = ["y"]}
        : (tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<1x1x1x1xsi64>, tensor<f32>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A 16-bit output_dtype without a zero point, as with one.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    // expected-error @+1 {{node 'q' (QuantizeLinear): output type uint16 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %y = onnx.node "QuantizeLinear"(%x, %s) {name = "q", outputs = ["y"], attrs = {output_dtype = 4 : i64}}
        : (tensor<1x2xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Reshape's shape must be integers (a Cast of Shape to float was read as
// garbage).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %shape = onnx.constant "shape" dense<[2.0, 2.0]> : tensor<2xf32>
    // expected-error @+1 {{node 'r' (Reshape): shape ('shape') must be an integer tensor}}
    %y = onnx.node "Reshape"(%x, %shape) {name = "r", outputs = ["y"]}
        : (tensor<1x4xui8>, tensor<2xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// An integer constant input is read in its own type: a zero point of
// another is an error, not a reinterpretation of its bits.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %k = onnx.constant "k" dense<[[-3, 2]]> : tensor<1x2xsi8>
    // expected-error @+1 {{node 'add' (QLinearAdd): input B is int8 but its zero point is uint8}}
    %c = onnx.node "QLinearAdd"(%a, %s, %z, %k, %s, %z, %s, %z) {domain = "com.microsoft", name = "add", outputs = ["c"]}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>, tensor<1x2xsi8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %c : !onnx.value
  }
}

// -----

// QGemm's B must be 2-D, said before its per-axis scales are read against
// a column count it does not have.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<2x2x1xsi8>
    %sw = onnx.constant "sw" dense<[0.5, 0.25]> : tensor<2xf32>
    %zw = onnx.constant "zw" dense<0> : tensor<2xsi8>
    %none = onnx.none
    // expected-error @+1 {{node 'g' (QGemm): Gemm B must be 2-D}}
    %y = onnx.node "QGemm"(%a, %s, %z, %w, %sw, %zw, %none, %s, %z) {domain = "com.microsoft", name = "g", outputs = ["y"]}
        : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2x1xsi8>, tensor<2xf32>, tensor<2xsi8>, none, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Squeeze's axes must be integers.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %axes = onnx.constant "axes" dense<[0.0]> : tensor<1xf32>
    // expected-error @+1 {{node 'sq' (Squeeze): axes ('axes') must be an integer tensor}}
    %y = onnx.node "Squeeze"(%x, %axes) {name = "sq", outputs = ["y"]}
        : (tensor<1x4xui8>, tensor<1xf32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A DequantizeLinear reads int2 to int32 codes: a uint32 (or bool) graph
// input is refused at it, with or without a zero point (its codes were
// once read as int32 and failed the qg verifier).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    // expected-error @+1 {{node 'dq' (DequantizeLinear): input of element type ui32 is no integer type DequantizeLinear reads (int2 to int32)}}
    %d = onnx.node "DequantizeLinear"(%x, %s) {name = "dq", outputs = ["d"]} : (tensor<1x4xui32>, tensor<f32>) -> !onnx.value
    %q = onnx.node "QuantizeLinear"(%d, %s) {name = "q", outputs = ["y"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    return %q : !onnx.value
  }
}

// -----

// Expand by a negative extent is refused (it aborted the conversion: a
// negative element count reached an allocation), and so is a shape of
// more elements than int64 holds.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %c = onnx.constant "c" dense<[[1, 2, 3, 4]]> : tensor<1x4xsi8>
    %shape = onnx.constant "shape" dense<[-2, 4]> : tensor<2xsi64>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %d = onnx.node "DequantizeLinear"(%c, %s, %z) {name = "dq", outputs = ["d"]} : (tensor<1x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'expand' (Expand): shape [-2, 4] has a negative extent}}
    %e = onnx.node "Expand"(%d, %shape) {name = "expand", outputs = ["y"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    return %e : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %c = onnx.constant "c" dense<[[1, 2, 3, 4]]> : tensor<1x4xsi8>
    %shape = onnx.constant "shape" dense<[4611686018427387904, 1, 4]> : tensor<3xsi64>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %d = onnx.node "DequantizeLinear"(%c, %s, %z) {name = "dq", outputs = ["d"]} : (tensor<1x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'expand' (Expand): shape [4611686018427387904, 1, 4] has more elements than int64 holds}}
    %e = onnx.node "Expand"(%d, %shape) {name = "expand", outputs = ["y"]} : (!onnx.value, tensor<3xsi64>) -> !onnx.value
    return %e : !onnx.value
  }
}

// -----

// Expand, Equal and Where take 2, 2 and 3 inputs (a third input of an
// Expand was ignored): onnx.node's verifier refuses another count at the
// node, before the conversion runs (inputCountProblem).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %shape = onnx.constant "shape" dense<[1, 4]> : tensor<2xsi64>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'expand' (Expand): has 3 inputs; it takes 2 (input, shape)}}
    %e = onnx.node "Expand"(%d, %shape, %shape) {name = "expand", outputs = ["y"]} : (!onnx.value, tensor<2xsi64>, tensor<2xsi64>) -> !onnx.value
    return %e : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %c = onnx.constant "c" dense<[1, 2]> : tensor<2xsi64>
    // expected-error @+1 {{node 'where' (Where): has 2 inputs; it takes 3 (condition, X, Y)}}
    %w = onnx.node "Where"(%c, %c) {name = "where", outputs = ["w"]} : (tensor<2xsi64>, tensor<2xsi64>) -> !onnx.value
    return %w : !onnx.value
  }
}

// -----

// onnxruntime's QLinear nodes take no inputs after Y's zero point: a node
// that has one would leave it unread (here the y_min, y_max that npc's
// QLinearSoftmax takes).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %lo = onnx.constant "lo" dense<10> : tensor<ui8>
    %hi = onnx.constant "hi" dense<200> : tensor<ui8>
    // expected-error @+1 {{node 'sm' (QLinearSoftmax): has 7 inputs; it takes at most 5 (X, its scale and zero point, Y's)}}
    %y = onnx.node "QLinearSoftmax"(%x, %s, %z, %s, %z, %lo, %hi) {domain = "com.microsoft", name = "sm", outputs = ["y"], attrs = {axis = -1 : i64}}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<ui8>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A QLinearConv's weight zero point has the weight's type.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %none = onnx.none
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<200> : tensor<ui8>
    %w = onnx.constant "w" dense<5> : tensor<2x2x1x1xsi8>
    // expected-error @+1 {{node 'conv' (QLinearConv): weight is int8 but its zero point is uint8}}
    %y = onnx.node "QLinearConv"(%x, %s, %z, %w, %sw, %zw, %s, %z) {name = "conv", outputs = ["y"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2x1x1xsi8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// onnxruntime's QLinearConv has an 8-bit weight; only npc's may be 16-bit.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %none = onnx.none
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<200> : tensor<si16>
    %w = onnx.constant "w" dense<5> : tensor<2x2x1x1xsi8>
    // expected-error @+1 {{node 'conv' (QLinearConv): zero point type int16 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %y = onnx.node "QLinearConv"(%x, %s, %z, %w, %sw, %zw, %s, %z) {name = "conv", outputs = ["y"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2x1x1xsi8>, tensor<f32>, tensor<si16>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// npc's 16-bit weight is int16 (onnx-fuse-qdq's widened ConvBn codes).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %none = onnx.none
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<ui16>
    %w = onnx.constant "w" dense<5> : tensor<2x2x1x1xui16>
    // expected-error @+1 {{node 'conv' (QLinearConv): a 16-bit weight must be int16 (a ConvBn's mirrored codes)}}
    %y = onnx.node "QLinearConv"(%x, %s, %z, %w, %sw, %zw, %s, %z) {domain = "npc", name = "conv", outputs = ["y"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<2x2x1x1xui16>, tensor<f32>, tensor<ui16>, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Clip's bounds are inputs from opset 11 on: attributes there would go
// unread, the clamp dropped.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'relu6' (Clip): min and max are inputs from opset 11 on (this model's is 13), not attributes}}
    %r = onnx.node "Clip"(%xd) {name = "relu6", outputs = ["r"], attrs = {min = 0.0 : f32, max = 6.0 : f32}}
        : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// ... and attributes before it: inputs there would go unread.
module attributes {onnx.opset = 10 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui8>
    %lo = onnx.constant "lo" dense<0.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'relu6' (Clip): min and max are attributes before opset 11 (this model's is 10), not inputs}}
    %r = onnx.node "Clip"(%xd, %lo) {name = "relu6", outputs = ["r"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A QuantizeLinear's output_dtype and zero point must name the same type.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<3> : tensor<ui4>
    // expected-error @+1 {{node 'qx' (QuantizeLinear): output_dtype int4 disagrees with the zero point's type uint4}}
    %y = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["y"], attrs = {output_dtype = 22 : i64}}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui4>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Shape arithmetic reads a Slice's starts, ends and steps as integers: a
// float one is an error at the Slice (it was read through an empty list
// of integers, and crashed).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %st = onnx.constant "st" dense<[0.0]> : tensor<1xf32>
    %en = onnx.constant "en" dense<[1]> : tensor<1xsi64>
    %rest = onnx.constant "rest" dense<[-1]> : tensor<1xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sh = onnx.node "Shape"(%xd) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'slice' (Slice): starts ('st') must be an integer tensor}}
    %n = onnx.node "Slice"(%sh, %st, %en) {name = "slice", outputs = ["n"]}
        : (!onnx.value, tensor<1xf32>, tensor<1xsi64>) -> !onnx.value
    %fs = onnx.node "Concat"(%n, %rest) {name = "cat", outputs = ["fs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %r = onnx.node "Reshape"(%xd, %fs) {name = "flatten", outputs = ["r"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %st = onnx.constant "st" dense<[0]> : tensor<1xsi64>
    %ax = onnx.constant "ax" dense<[0]> : tensor<1xsi64>
    %sp = onnx.constant "sp" dense<[1.0]> : tensor<1xf32>
    %en = onnx.constant "en" dense<[1]> : tensor<1xsi64>
    %rest = onnx.constant "rest" dense<[-1]> : tensor<1xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sh = onnx.node "Shape"(%xd) {name = "shape", outputs = ["sh"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'slice' (Slice): steps ('sp') must be an integer tensor}}
    %n = onnx.node "Slice"(%sh, %st, %en, %ax, %sp) {name = "slice", outputs = ["n"]}
        : (!onnx.value, tensor<1xsi64>, tensor<1xsi64>, tensor<1xsi64>, tensor<1xf32>) -> !onnx.value
    %fs = onnx.node "Concat"(%n, %rest) {name = "cat", outputs = ["fs"], attrs = {axis = 0 : i64}}
        : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %r = onnx.node "Reshape"(%xd, %fs) {name = "flatten", outputs = ["r"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// One value of a higher rank than the activation: ONNX's product has the
// constant's rank, npc's rescale keeps x's (npc gave an output of x's
// shape). Also after a lone Relu, which is pending here (its shape is its
// input's), and in an Add that starts a chain of functions (a table).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<2x5xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %k = onnx.constant "k" dense<0.5> : tensor<1x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x5xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'mul' (Mul): input 'k', one value of shape [1, 1, 1], has a higher rank than the activation [2, 5], whose shape npc's result keeps: give it rank 2 or less}}
    %m = onnx.node "Mul"(%k, %xd) {name = "mul", outputs = ["m"]} : (tensor<1x1x1xf32>, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<2x5xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y2"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %k = onnx.constant "k" dense<0.5> : tensor<1x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x5xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'div' (Div): input 'k', one value of shape [1, 1, 1], has a higher rank than the activation [2, 5], whose shape npc's result keeps: give it rank 2 or less}}
    %m2 = onnx.node "Div"(%r, %k) {name = "div", outputs = ["m2"]} : (!onnx.value, tensor<1x1x1xf32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%m2, %s, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y2 : !onnx.value
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<2x5xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y3"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %k = onnx.constant "k" dense<0.5> : tensor<1x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x5xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'add' (Add): input 'k', one value of shape [1, 1, 1], has a higher rank than the activation [2, 5], whose shape npc's result keeps: give it rank 2 or less}}
    %a = onnx.node "Add"(%xd, %k) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<1x1x1xf32>) -> !onnx.value
    %y3 = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy3", outputs = ["y3"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y3 : !onnx.value
  }
}

// -----

// After a Mul by a scalar, pending here, the Add of one value of a higher
// rank is a step of the same chain (x * 0.2 + k): at the Add (helper-68).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<2x5xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %f = onnx.constant "f" dense<0.2> : tensor<f32>
    %k = onnx.constant "k" dense<0.5> : tensor<1x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x5xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %f) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    // expected-error @+1 {{node 'add' (Add): input 'k', one value of shape [1, 1, 1], has a higher rank than the activation [2, 5], whose shape npc's result keeps: give it rank 2 or less}}
    %a = onnx.node "Add"(%m, %k) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<1x1x1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A MatMul's bias of a higher rank than the product: ONNX's sum has the
// bias's rank ([1, 2, 3]), npc's product keeps its own ([2, 3]): at the Add
// (helper-68).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<2x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<4x3xsi8>
    %k = onnx.constant "k" dense<[[[0.5, 0.25, -0.5]]]> : tensor<1x1x3xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<4x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "MatMul"(%xd, %wd) {name = "mm", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'add' (Add): input 'k' of shape [1, 1, 3], the bias of 'mm', has a higher rank than the product (2), whose shape npc's result keeps: give it rank 2 or less}}
    %a = onnx.node "Add"(%m, %k) {name = "add", outputs = ["a"]} : (!onnx.value, tensor<1x1x3xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}
