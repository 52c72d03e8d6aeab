// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// After fusion, errors still name the node and the op type the file had.

// A Clip whose range is empty (min 5 > max -5) is not fused; the conversion
// refuses it at the Conv, as without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %lo = onnx.constant "lo" dense<5.0> : tensor<f32>
    %hi = onnx.constant "hi" dense<-5.0> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): Clip range is empty after quantization}}
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %r = onnx.node "Clip"(%c, %lo, %hi) {name = "clip", outputs = ["r"]}
        : (!onnx.value, tensor<f32>, tensor<f32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A fused Conv whose input is not 4-D: refused by the QLinearConv it
// became, under the name and op type of the file's Conv.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): only 2-D convolution (NCHW input, OIHW weight) is supported; input has rank 3, weight rank 4}}
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The zero point of x's DequantizeLinear differs from x's type: the
// DequantizeLinear stays through the fusion, so the conversion still says so.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %zu = onnx.constant "zu" dense<0> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    // expected-error @+1 {{node 'dqx' (DequantizeLinear): zero point type uint8 differs from the input type int8}}
    %xd = onnx.node "DequantizeLinear"(%x, %s, %zu) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%c, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// With beta 0 the conversion ignores C but still refuses a float activation
// there: the cluster is not fused, so it says so at the Gemm.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3xui8>, %cin: tensor<1x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "cin"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1, 2, 3], [-1, 0, 1]]> : tensor<2x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'fc' (Gemm): input 'cin' is a float tensor; npc needs a quantized network (QDQ or QOperator)}}
    %g = onnx.node "Gemm"(%xd, %wd, %cin) {name = "fc", outputs = ["g"], attrs = {beta = 0.0 : f32, transB = 1 : i64}}
        : (!onnx.value, !onnx.value, tensor<1x2xf32>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%g, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A DequantizeLinear moved after a Reshape stays where it was too: its
// error comes first, before the Reshape's (8 elements into 7).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    // expected-error @+1 {{node 'dqa' (DequantizeLinear): zero point type uint8 differs from the input type int8}}
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x2x2xsi8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %sh = onnx.constant "sh" dense<[1, 7]> : tensor<2xsi64>
    %f = onnx.node "Reshape"(%ad, %sh) {name = "resh", outputs = ["f"]} : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %w = onnx.constant "w" dense<[[1, 2, 0, 1, -1, 0, 2, 2], [-1, 0, 1, 1, 0, 0, 3, 1], [3, 3, 0, 0, 1, 1, 1, 1]]> : tensor<3x8xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<3x8xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %fc = onnx.node "Gemm"(%f, %wd) {name = "fc", outputs = ["fc"], attrs = {transB = 1 : i64}}
        : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%fc, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Gemm with beta 0 is fused only when C is a constant the conversion
// reads: a float16 C is still refused.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<10> : tensor<ui8>
    %w = onnx.constant "w" dense<[[1, 2, 3], [-1, 0, 1]]> : tensor<2x3xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    // expected-error @+1 {{tensor 'c' has element type f16, which is not supported}}
    %c = onnx.constant "c" dense<[1.0, -3.0]> : tensor<2xf16>
    %sc = onnx.constant "sc" dense<0.125> : tensor<f32>
    %zc = onnx.constant "zc" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x3xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]}
        : (tensor<2x3xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Gemm"(%xd, %wd, %c) {name = "fc", outputs = ["g"],
           attrs = {beta = 0.0 : f32, transB = 1 : i64}}
        : (!onnx.value, !onnx.value, tensor<2xf16>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%g, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq : !onnx.value
  }
}

// -----

// A DequantizeLinear of an int64 constant (no zero point) is refused; it
// used to become a 0-bit type.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%a: tensor<1x2x2x2xui8>) -> !onnx.value
      attributes {npc.input_names = ["a"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sy = onnx.constant "sy" dense<1.0> : tensor<f32>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %ad = onnx.node "DequantizeLinear"(%a, %s, %z) {name = "dqa", outputs = ["ad"]}
        : (tensor<1x2x2x2xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %k = onnx.constant "k" dense<[[[[-4, 4]], [[-100, 4]]]]> : tensor<1x2x1x2xsi64>
    %sk = onnx.constant "sk" dense<0.25> : tensor<f32>
    // expected-error @+1 {{node 'dqk' (DequantizeLinear): input type int64 is not supported (uint8, int8, int32, uint4, int4, uint2, int2)}}
    %kd = onnx.node "DequantizeLinear"(%k, %sk) {name = "dqk", outputs = ["kd"]}
        : (tensor<1x2x1x2xsi64>, tensor<f32>) -> !onnx.value
    %sum = onnx.node "Add"(%ad, %kd) {name = "add", outputs = ["sum"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%sum, %sy, %zy) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Relu without an input between a product and its QuantizeLinear (a
// fuzzer's find: the pattern read input 0 of a node that had none) is
// refused where it is, by the node's verifier, before any pass runs.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    // expected-error @+1 {{node 'relu' (Relu): has 0 inputs; it takes 1 (X)}}
    %r = onnx.node "Relu"() {name = "relu", outputs = ["r"]} : () -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%r, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A ReduceMean read by a QuantizeLinear and by a float function: the
// fusion makes the mean's integer node for the QuantizeLinear and keeps
// the float mean for the Tanh, which the conversion refuses, as it did
// when it fused QDQ itself (seed 11's case 479). (Read by Sub(x, mean) or
// an Add instead, the mean stays whole: once the QuantizeLinear went,
// the walk could match a layer norm there.)
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x8xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["ym", "yt"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<2x8xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %ym = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qm", outputs = ["ym"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'tanh' (Tanh): input 'm' is the float output of 'mean'; quantize it (QuantizeLinear) first}}
    %t = onnx.node "Tanh"(%m) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    %yt = onnx.node "QuantizeLinear"(%t, %s, %z) {name = "qt", outputs = ["yt"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %ym, %yt : !onnx.value, !onnx.value
  }
}

// -----

// A layer norm written as arithmetic whose Add of beta a QuantizeLinear
// and a PRelu read: the fusion makes the layer norm's node for the
// QuantizeLinear and keeps the chain for the PRelu, which the conversion
// refuses, as it did when it fused QDQ itself (seed 11's case 546).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x8xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["ye", "yo"]} {
    %sl = onnx.constant "slope" dense<0.1> : tensor<f32>
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<-5> : tensor<si8>
    %eps = onnx.constant "eps" dense<1.0e-5> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %g = onnx.constant "gamma" dense<1.5> : tensor<8xf32>
    %b = onnx.constant "beta" dense<0.25> : tensor<8xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<2x8xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v = onnx.node "ReduceMean"(%p) {name = "var", outputs = ["v"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %ng = onnx.node "Mul"(%n, %g) {name = "mulg", outputs = ["ng"]} : (!onnx.value, tensor<8xf32>) -> !onnx.value
    %e = onnx.node "Add"(%ng, %b) {name = "addb", outputs = ["e"]} : (!onnx.value, tensor<8xf32>) -> !onnx.value
    %ye = onnx.node "QuantizeLinear"(%e, %s, %z) {name = "qe", outputs = ["ye"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): input must be a dequantized activation of at most 8 bits (per tensor)}}
    %o = onnx.node "PRelu"(%e, %sl) {name = "prelu", outputs = ["o"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %yo = onnx.node "QuantizeLinear"(%o, %s, %z) {name = "qo", outputs = ["yo"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %ye, %yo : !onnx.value, !onnx.value
  }
}

// -----

// The same chain ending at its Mul of gamma, read by a QuantizeLinear and
// a Tanh. (Read by an Add instead, the chain would grow by it once the
// QuantizeLinear fused, so it stays whole, as a Div read by a Mul below.)
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x8xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["ye", "yo"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<-5> : tensor<si8>
    %eps = onnx.constant "eps" dense<1.0e-5> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %g = onnx.constant "gamma" dense<1.5> : tensor<8xf32>
    %b = onnx.constant "beta" dense<0.25> : tensor<8xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<2x8xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v = onnx.node "ReduceMean"(%p) {name = "var", outputs = ["v"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %ng = onnx.node "Mul"(%n, %g) {name = "mulg", outputs = ["ng"]} : (!onnx.value, tensor<8xf32>) -> !onnx.value
    %ye = onnx.node "QuantizeLinear"(%ng, %s, %z) {name = "qe", outputs = ["ye"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'tanh' (Tanh): input 'ng' is the float output of 'mulg'; quantize it (QuantizeLinear) first}}
    %o = onnx.node "Tanh"(%ng) {name = "tanh", outputs = ["o"]} : (!onnx.value) -> !onnx.value
    %yo = onnx.node "QuantizeLinear"(%o, %s, %z) {name = "qo", outputs = ["yo"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %ye, %yo : !onnx.value, !onnx.value
  }
}

// -----

// A decomposed layer normalization whose exponent is the integer codes of a
// QuantizeLinear after the first mean: not a layer normalization, with the
// fusion (which folds those codes into an initializer) as without.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %one = onnx.constant "one" dense<1.0> : tensor<f32>
    %twof = onnx.constant "twof" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-5> : tensor<f32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<1x4xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %m = onnx.node "ReduceMean"(%xd) {name = "mean", outputs = ["m"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'sub' (Sub): input 'm' is the float output of 'mean'; quantize it (QuantizeLinear) first}}
    %d = onnx.node "Sub"(%xd, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %two = onnx.node "QuantizeLinear"(%twof, %one, %z) {name = "qtwo", outputs = ["two"]} : (tensor<f32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %v = onnx.node "ReduceMean"(%p) {name = "var", outputs = ["v"], attrs = {axes = array<i64: -1>}} : (!onnx.value) -> !onnx.value
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sq = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sq"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sq) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%n, %s, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A function read by a Conv with no QuantizeLinear between that is not
// finite (1/x at x's zero point): no 16-bit table holds it. The fusion
// leaves it; the conversion refuses it at the Conv (it used to make a
// table of scale inf).
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
    %t = onnx.node "Reciprocal"(%xd) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): a float function read here is not finite at every code of its input (it reaches inf), so no 16-bit table holds it; quantize it (QuantizeLinear) first}}
    %c = onnx.node "Conv"(%t, %wd) {name = "conv", outputs = ["c"], attrs = {kernel_shape = [1, 1]}} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Likewise NaN (the square root of x's negative codes) anywhere in the table.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x4x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<3> : tensor<4x4x1x1xsi8>
    %sw = onnx.constant "sw" dense<0.015625> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.05> : tensor<f32>
    %zy = onnx.constant "zy" dense<100> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x4x2x2xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<4x4x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Sqrt"(%xd) {name = "sq", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): a float function read here is not finite at every code of its input (it reaches NaN), so no 16-bit table holds it; quantize it (QuantizeLinear) first}}
    %c = onnx.node "Conv"(%t, %wd) {name = "conv", outputs = ["c"], attrs = {kernel_shape = array<i64: 1, 1>}} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A function whose largest value (sigmoid(3.5) * 1e-40) over 65535 is
// below float32's normal range has no 16-bit table's scale either.
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
    %k = onnx.constant "k" dense<1.0e-40> : tensor<f32>
    %sg = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["sg"]} : (!onnx.value) -> !onnx.value
    %t = onnx.node "Mul"(%sg, %k) {name = "tiny", outputs = ["t"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    // expected-error @+1 {{node 'conv' (Conv): a float function read here is at most 9.70679446e-41 in magnitude, too small for a 16-bit table's float32 scale; quantize it (QuantizeLinear) first}}
    %c = onnx.node "Conv"(%t, %wd) {name = "conv", outputs = ["c"], attrs = {kernel_shape = [1, 1]}} : (!onnx.value, !onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%c, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A QONNX Quant whose bit width the conversion refuses is not split; the
// error names it.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b = onnx.constant "b" dense<9.0> : tensor<f32>
    // expected-error @+1 {{node 'qx' (Quant): bitwidth must be one integer from 2 to 8, got 9}}
    %y = onnx.node "Quant"(%x, %s, %z, %b) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A split Quant's errors still name it: x is an integer tensor.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b = onnx.constant "b" dense<4.0> : tensor<f32>
    // expected-error @+1 {{node 'qx' (Quant): input must be float32, got an integer tensor}}
    %y = onnx.node "Quant"(%x, %s, %z, %b) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["y"]}
        : (tensor<1x4xsi8>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Quant per channel after a float operator (a Relu here): the
// operator's output shape, whose last dimension the channel axis counts
// from, is not known there.
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
    // expected-error @+1 {{node 'qy' (Quant): a scale or zero point per channel is not supported where the input's shape is not known yet (after a float operator); quantize it per tensor}}
    %y = onnx.node "Quant"(%r, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<2x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// One scale of a rank above the float operator's output: numpy
// broadcasting would grow the output.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %xq = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %r = onnx.node "Relu"(%xq) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    %ys = onnx.constant "ys" dense<0.1> : tensor<1x1x1x1x1xf32>
    // expected-error @+1 {{node 'qy' (Quant): scale and zero point must broadcast to the input}}
    %y = onnx.node "Quant"(%r, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same rank after a Gather by a scalar index, which drops an axis
// (rank 3): the Quant stays (fuse-qdq-unfused.mlir) and is refused where
// it is, as without the fusion.
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
    // expected-error @+1 {{node 'qy' (Quant): scale and zero point must broadcast to the input}}
    %y = onnx.node "Quant"(%r, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same rank after a Reshape to a constant shape of two values: the
// Quant stays (fuse-qdq-unfused.mlir) and is refused where it is.
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
    // expected-error @+1 {{node 'qy' (Quant): scale and zero point must broadcast to the input}}
    %y = onnx.node "Quant"(%t, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same with the shape computed as torch FX's flatten writes it (Shape
// -> Slice -> Concat with [-1]: two values): the Quant stays
// (fuse-qdq-unfused.mlir) and is refused where it is.
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
    // expected-error @+1 {{node 'qy' (Quant): scale and zero point must broadcast to the input}}
    %y = onnx.node "Quant"(%t, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same rank after a ReduceMax without keepdims over one axis: the
// Quant stays (fuse-qdq-unfused.mlir) and is refused where it is.
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
    // expected-error @+1 {{node 'qy' (Quant): scale and zero point must broadcast to the input}}
    %y = onnx.node "Quant"(%t, %ys, %z, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A ReduceSum of three inputs (a fuzzer's find, helper-50: the axes input
// won over the attribute, the third was ignored) is refused at the node by
// its verifier: ReduceSum takes data and axes.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x1x6xf32>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %ax = onnx.constant "ax" dense<[0, 1, 2]> : tensor<3xsi64>
    %ax2 = onnx.constant "ax2" dense<[0]> : tensor<1xsi64>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1xf32>
    %yz = onnx.constant "yz" dense<0.0> : tensor<1x1x1xf32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x1x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    // expected-error @+1 {{node 'rs' (ReduceSum): has 3 inputs; at opset 13 it takes 1 to 2 (data, axes)}}
    %r = onnx.node "ReduceSum"(%xd, %ax, %ax2) {name = "rs", outputs = ["r"], attrs = {axes = array<i64: 0>, keepdims = 0 : i64}} : (!onnx.value, tensor<3xsi64>, tensor<1xsi64>) -> !onnx.value
    %y = onnx.node "Quant"(%r, %ys, %yz, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Quant of an empty tensor with empty parameters: refused (it crashed
// both passes before 2026-12-05).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x0xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<> : tensor<0xf32>
    %z = onnx.constant "z" dense<> : tensor<0xf32>
    %b = onnx.constant "b" dense<8.0> : tensor<f32>
    // expected-error @+1 {{node 'q' (Quant): scale is empty}}
    %y = onnx.node "Quant"(%x, %s, %z, %b) {domain = "qonnx.custom_op.general", name = "q", outputs = ["y"]}
        : (tensor<1x0xf32>, tensor<0xf32>, tensor<0xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// An empty zero point, with one scale: refused too.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<> : tensor<0xf32>
    %b = onnx.constant "b" dense<8.0> : tensor<f32>
    // expected-error @+1 {{node 'q' (Quant): zero point is empty}}
    %y = onnx.node "Quant"(%x, %s, %z, %b) {domain = "qonnx.custom_op.general", name = "q", outputs = ["y"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<0xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Sigmoid read by a Softmax: the conversion makes the Sigmoid a 16-bit
// table where the Softmax reads it, and the fusion states that table and
// the QLinearSoftmax of its codes, which the conversion refuses, as
// without the fusion, under the Softmax's name.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xui8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %s2 = onnx.constant "s2" dense<0.00390625> : tensor<f32>
    %z2 = onnx.constant "z2" dense<0> : tensor<ui8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'sm' (Softmax): Softmax needs an input of at most 8 bits}}
    %m = onnx.node "Softmax"(%g) {name = "sm", outputs = ["m"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s2, %z2) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Quant after a float operator with a scale of rank 5 where x's rank is
// 4: not split; the conversion refuses it at the Quant, as without the
// fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x2xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %ys = onnx.constant "ys" dense<0.25> : tensor<1x1x1x1x1xf32>
    %yz = onnx.constant "yz" dense<0.0> : tensor<f32>
    %xd = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xd"]}
        : (tensor<1x2x2x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %r = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'qy' (Quant): scale and zero point must broadcast to the input}}
    %y = onnx.node "Quant"(%r, %ys, %yz, %b8) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"], attrs = {signed = 0 : i64}}
        : (!onnx.value, tensor<1x1x1x1x1xf32>, tensor<f32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Mul by a one-value constant of rank 3 after a 2-D activation: ONNX's
// product has rank 3, npc's rescale would keep x's 2, so the conversion
// refuses the Mul (it read the constant as a scalar and gave an output of
// x's shape), and a Quant with rank-3 parameters after it is not split
// (helper-36: the split took the constant's rank), as without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.1> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b = onnx.constant "b" dense<8.0> : tensor<f32>
    %xq = onnx.node "Quant"(%x, %s, %z, %b) {domain = "qonnx.custom_op.general", name = "qx", outputs = ["xq"]}
        : (tensor<2x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %k = onnx.constant "k" dense<2.0> : tensor<1x1x1xf32>
    // expected-error @+1 {{node 'mul' (Mul): input 'k', one value of shape [1, 1, 1], has a higher rank than the activation [2, 4], whose shape npc's result keeps: give it rank 2 or less}}
    %m = onnx.node "Mul"(%xq, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<1x1x1xf32>) -> !onnx.value
    %s3 = onnx.constant "s3" dense<0.2> : tensor<1x1x1xf32>
    %z3 = onnx.constant "z3" dense<0.0> : tensor<1x1x1xf32>
    %y = onnx.node "Quant"(%m, %s3, %z3, %b) {domain = "qonnx.custom_op.general", name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Conv's QuantizeLinear whose output_dtype (int8) disagrees with its
// zero point's type (uint8): not fused; the conversion refuses it at the
// QuantizeLinear, as without the fusion.
module attributes {onnx.opset = 21 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %zy = onnx.constant "zy" dense<3> : tensor<ui8>
    %w = onnx.constant "w" dense<1> : tensor<1x1x1x1xsi8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %s, %z) {name = "dqw", outputs = ["wd"]}
        : (tensor<1x1x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %c = onnx.node "Conv"(%xd, %wd) {name = "conv", outputs = ["c"]} : (!onnx.value, !onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'qy' (QuantizeLinear): output_dtype int8 disagrees with the zero point's type uint8}}
    %y = onnx.node "QuantizeLinear"(%c, %s, %zy) {name = "qy", outputs = ["y"], attrs = {output_dtype = 3 : i64}}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Split of a dequantized activation moves to its codes; sizes that do
// not add up to the axis are still refused at the Split, as without the
// fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x2x4xui8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["a", "b"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %sizes = onnx.constant "sizes" dense<[1, 2]> : tensor<2xsi64>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x2x2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'spl' (Split): split sizes do not add up to the axis (4) over the node's 2 outputs}}
    %p:2 = onnx.node "Split"(%xd, %sizes) {name = "spl", outputs = ["a", "b"], attrs = {axis = 3 : i64}}
        : (!onnx.value, tensor<2xsi64>) -> (!onnx.value, !onnx.value)
    %a = onnx.node "QuantizeLinear"(%p#0, %s, %z) {name = "qa", outputs = ["a"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %b = onnx.node "QuantizeLinear"(%p#1, %s, %z) {name = "qb", outputs = ["b"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %a, %b : !onnx.value, !onnx.value
  }
}

// -----

// A Cast of uint8 codes to int8 before a SiLU: the conversion refuses the
// Cast, with or without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<ui8>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["x"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'cast' (Cast): casts a uint8 tensor to int8; only a cast to its own type (which changes nothing) is supported}}
    %c = onnx.node "Cast"(%x) {name = "cast", outputs = ["c"], attrs = {to = 3 : i64}} : (!onnx.value) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%c, %s) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "gate", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %g) {name = "silu", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A lone Relu read by a Shape before the Reshape that reads it: the
// conversion refuses the Shape there, with or without the fusion.
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
    // expected-error @+1 {{node 'shape' (Shape): the shape of a float operator's output is known only after its QuantizeLinear}}
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

// A chain's Expand that changes the shape: the fusion expands x's codes
// there instead (the same node), which the conversion refuses as it
// refuses the Expand of the chain without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %sh = onnx.constant "sh" dense<[2, 4]> : tensor<2xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'exp' (Expand): Expand of an activation is supported only where it changes no shape}}
    %e = onnx.node "Expand"(%g, %sh) {name = "exp", outputs = ["e"]}
        : (!onnx.value, tensor<2xsi64>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%e, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Sigmoid times a float constant of several values (not a
// DequantizeLinear of one): the chain stays, and the conversion refuses
// the Mul's constant, as without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<[[1.0, 2.0, 3.0, 4.0]]> : tensor<1x4xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'mul' (Mul): input B must come from a DequantizeLinear (QDQ form)}}
    %m = onnx.node "Mul"(%g, %w) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<1x4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A chain's inner node s read, before the chain's later links, by a
// ReduceMean, which makes it 16-bit codes there: the Sigmoid after it
// cannot be a table of them. Not fused at the Transpose (that would table
// sigmoid(s) * s from x's codes); refused at the Sigmoid, as without the
// fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "r"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    %r = onnx.node "ReduceMean"(%s) {name = "r", outputs = ["r"], attrs = {axes = array<i64: 2>}} : (!onnx.value) -> !onnx.value
    %rq = onnx.node "QuantizeLinear"(%r, %sy, %zy) {name = "qr", outputs = ["rq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'g' (Sigmoid): a lookup table needs an input of at most 8 bits, not 16}}
    %g = onnx.node "Sigmoid"(%s) {name = "g", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%g, %s) {name = "m", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %t = onnx.node "Transpose"(%m) {name = "t", outputs = ["t"], attrs = {perm = array<i64: 0, 2, 1>}} : (!onnx.value) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%t, %sy, %zy) {name = "qy", outputs = ["yq"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %yq, %rq : !onnx.value, !onnx.value
  }
}

// -----

// An Expand of three inputs is refused at the Expand, as without the
// fusion. The conversion read past it as past an Expand of two inputs and
// made one table of x + sigmoid(x); the fusion, which does not, made a
// qg.add of two: the routes differed.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x2x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si4>
    %sy = onnx.constant "sy" dense<0.00390625> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<ui8>
    %esh = onnx.constant "esh" dense<[1, 2, 4]> : tensor<3xsi64>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x2x4xf32>, tensor<f32>, tensor<si4>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %s = onnx.node "Sigmoid"(%xd) {name = "s", outputs = ["s"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'e' (Expand): has 3 inputs; it takes 2 (input, shape)}}
    %e = onnx.node "Expand"(%xd, %esh, %esh) {name = "e", outputs = ["e"]} : (!onnx.value, tensor<3xsi64>, tensor<3xsi64>) -> !onnx.value
    %xr = onnx.node "QuantizeLinear"(%e, %sx, %zx) {name = "xr", outputs = ["xr"]} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %xrd = onnx.node "DequantizeLinear"(%xr, %sx, %zx) {name = "xrd", outputs = ["xrd"]} : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    %a = onnx.node "Add"(%xrd, %s) {name = "a", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A chain nothing reads is refused where the conversion refuses one of its
// nodes, as without the fusion: the fusion erases an unread chain only when
// no node of it can fail. A PRelu's slope that varies is checked against
// x's shape at the PRelu...
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %slope = onnx.constant "slope" dense<[0.1, 0.2, 0.3]> : tensor<3xf32>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Tanh"(%xd) {name = "tanh", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [3] must be one value or one per channel of the input [1, 4] (one axis other than the first)}}
    %p = onnx.node "PRelu"(%t, %slope) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<3xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%xd, %s, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// ... and a node chainOf declines (Clip's bounds as attributes from opset
// 11 on) ends no chain.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x4xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "qx", outputs = ["xq"]} : (tensor<1x4xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %s, %z) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %t = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'clip' (Clip): min and max are inputs from opset 11 on (this model's is 13), not attributes}}
    %c = onnx.node "Clip"(%t) {name = "clip", outputs = ["c"], attrs = {min = 0.0 : f32, max = 0.5 : f32}} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%xd, %s, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A PRelu per channel on a graph input's codes whose slope does not fit
// x's known shape [1, 2, 3, 3], with a failing node (a zero scale) between
// it and its QuantizeLinear: not fused, so the PRelu's error comes first,
// as without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<1x2x3x3xf32>, %o: tensor<1x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x", "o"], npc.output_names = ["y", "c"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %s0 = onnx.constant "s0" dense<0.0> : tensor<f32>
    %z = onnx.constant "z" dense<10> : tensor<ui8>
    %k = onnx.constant "slope" dense<[[[0.5]], [[0.25]], [[0.125]]]> : tensor<3x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<1x2x3x3xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'prelu' (PRelu): slope of shape [3, 1, 1] must be one value or one per channel of the input [1, 2, 3, 3] (one axis other than the first)}}
    %p = onnx.node "PRelu"(%xd, %k) {name = "prelu", outputs = ["p"]} : (!onnx.value, tensor<3x1x1xf32>) -> !onnx.value
    %c = onnx.node "QuantizeLinear"(%o, %s0, %z) {name = "qo", outputs = ["c"]}
        : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y, %c : !onnx.value, !onnx.value
  }
}

// -----

// A Mul by one value of shape [1, 1, 1] broadcasts x [2, 5] to [1, 2, 5]
// in ONNX; npc's rescale keeps x's shape. The fusion leaves it (x's rank
// is the graph input's, 2), and the conversion says so at the Mul rather
// than giving an output of shape [2, 5].
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<2x5xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %s2 = onnx.constant "s2" dense<0.1> : tensor<f32>
    %k = onnx.constant "k" dense<0.5> : tensor<1x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x5xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'mul' (Mul): input 'k', one value of shape [1, 1, 1], has a higher rank than the activation [2, 5], whose shape npc's result keeps: give it rank 2 or less}}
    %m = onnx.node "Mul"(%xd, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<1x1x1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s2, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The same after a lone Relu (made npc's QLinearRequantize by the fusion,
// pending in the conversion without it), and at the end of a chain of
// functions (a table of x's codes, which keeps x's shape too).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<2x5xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "y2"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %s2 = onnx.constant "s2" dense<0.1> : tensor<f32>
    %k = onnx.constant "k" dense<0.5> : tensor<1x1x1x1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<2x5xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %r = onnx.node "Relu"(%xd) {name = "relu", outputs = ["r"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'mul' (Mul): input 'k', one value of shape [1, 1, 1, 1, 1], has a higher rank than the activation [2, 5], whose shape npc's result keeps: give it rank 2 or less}}
    %m = onnx.node "Mul"(%r, %k) {name = "mul", outputs = ["m"]} : (!onnx.value, tensor<1x1x1x1x1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%m, %s2, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    %p = onnx.node "Pow"(%g, %k) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<1x1x1x1x1xf32>) -> !onnx.value
    %y2 = onnx.node "QuantizeLinear"(%p, %s2, %z) {name = "qy2", outputs = ["y2"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %y, %y2 : !onnx.value, !onnx.value
  }
}

// -----

// A chain's exponent of a higher rank: at the Pow.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%xf: tensor<5xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %s2 = onnx.constant "s2" dense<0.1> : tensor<f32>
    %k = onnx.constant "e" dense<2.0> : tensor<1x1xf32>
    %x = onnx.node "QuantizeLinear"(%xf, %s, %z) {name = "qx", outputs = ["xq"]}
        : (tensor<5xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %g = onnx.node "Sigmoid"(%xd) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'pow' (Pow): input 'e', one value of shape [1, 1], has a higher rank than the activation [5], whose shape npc's result keeps: give it rank 1 or less}}
    %p = onnx.node "Pow"(%g, %k) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<1x1xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s2, %z) {name = "qy", outputs = ["y"]}
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

// -----

// A layer norm written as arithmetic with a gamma of a higher rank than x
// ([1, 1, 4] on [2, 4]): ONNX's result has rank 3, npc's layer norm keeps
// x's: at the ReduceMean where it starts (helper-68).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-05> : tensor<f32>
    %gam = onnx.constant "gam" dense<[[[1.0, 0.5, 2.0, 1.0]]]> : tensor<1x1x4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'mean' (ReduceMean): the layer norm written as arithmetic that starts here has a constant 'gam' of shape [1, 1, 4], of a higher rank than the activation [2, 4], whose shape npc's result keeps: give it rank 2 or less}}
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

// The same at opset 18, where ReduceMean's axes are input 1: the chain is
// matched so too, and its error is the same.
module attributes {onnx.opset = 18 : i64} {
  func.func @main(%x: tensor<2x4xui8>) -> (!onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.05> : tensor<f32>
    %z = onnx.constant "z" dense<128> : tensor<ui8>
    %sy = onnx.constant "sy" dense<0.0625> : tensor<f32>
    %two = onnx.constant "two" dense<2.0> : tensor<f32>
    %eps = onnx.constant "eps" dense<1.0e-05> : tensor<f32>
    %last = onnx.constant "last" dense<-1> : tensor<1xsi64>
    %gam = onnx.constant "gam" dense<[[[1.0, 0.5, 2.0, 1.0]]]> : tensor<1x1x4xf32>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]} : (tensor<2x4xui8>, tensor<f32>, tensor<ui8>) -> !onnx.value
    // expected-error @+1 {{node 'mean' (ReduceMean): the layer norm written as arithmetic that starts here has a constant 'gam' of shape [1, 1, 4], of a higher rank than the activation [2, 4], whose shape npc's result keeps: give it rank 2 or less}}
    %m = onnx.node "ReduceMean"(%xd, %last) {name = "mean", outputs = ["m"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %d = onnx.node "Sub"(%xd, %m) {name = "sub", outputs = ["d"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %p = onnx.node "Pow"(%d, %two) {name = "pow", outputs = ["p"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %v = onnx.node "ReduceMean"(%p, %last) {name = "var", outputs = ["v"]} : (!onnx.value, tensor<1xsi64>) -> !onnx.value
    %ve = onnx.node "Add"(%v, %eps) {name = "addeps", outputs = ["ve"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %sd = onnx.node "Sqrt"(%ve) {name = "sqrt", outputs = ["sd"]} : (!onnx.value) -> !onnx.value
    %n = onnx.node "Div"(%d, %sd) {name = "div", outputs = ["n"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mg = onnx.node "Mul"(%n, %gam) {name = "mul", outputs = ["mg"]} : (!onnx.value, tensor<1x1x4xf32>) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%mg, %sy, %z) {name = "qy", outputs = ["y"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// Two PRelus of one chain whose slopes have one shape, of pooled codes:
// fused, the node names the first (slope_of), where the walk refuses the
// slope first; the error is the same on both routes.
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k0 = onnx.constant "slope0" dense<[[[0.5]], [[0.25]], [[0.125]]]> : tensor<3x1x1xf32>
    %k1 = onnx.constant "slope1" dense<[[[0.5]], [[0.25]], [[0.125]]]> : tensor<3x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %m = onnx.node "MaxPool"(%d) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'prelu0' (PRelu): slope of shape [3, 1, 1] must be one value or one per channel of the input [1, 2, 1, 2] (one axis other than the first)}}
    %p0 = onnx.node "PRelu"(%m, %k0) {name = "prelu0", outputs = ["p0"]}
        : (!onnx.value, tensor<3x1x1xf32>) -> !onnx.value
    %p1 = onnx.node "PRelu"(%p0, %k1) {name = "prelu1", outputs = ["p1"]}
        : (!onnx.value, tensor<3x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p1, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// The first slope one value of rank 2 (x's rank, 4, is known: it cannot
// fail), the second per channel: the node names the second.
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x2x1x3xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<1.0> : tensor<f32>
    %z = onnx.constant "z" dense<2> : tensor<ui2>
    %k0 = onnx.constant "slope0" dense<0.5> : tensor<1x1xf32>
    %k1 = onnx.constant "slope1" dense<[[[0.5]], [[0.25]], [[0.125]]]> : tensor<3x1x1xf32>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<8> : tensor<ui8>
    %q = onnx.node "QuantizeLinear"(%x, %s, %z) {name = "q", outputs = ["q"]}
        : (tensor<1x2x1x3xf32>, tensor<f32>, tensor<ui2>) -> !onnx.value
    %d = onnx.node "DequantizeLinear"(%q, %s, %z) {name = "dq", outputs = ["d"]}
        : (!onnx.value, tensor<f32>, tensor<ui2>) -> !onnx.value
    %m = onnx.node "MaxPool"(%d) {name = "pool", outputs = ["m"], attrs = {kernel_shape = array<i64: 1, 2>}}
        : (!onnx.value) -> !onnx.value
    %p0 = onnx.node "PRelu"(%m, %k0) {name = "prelu0", outputs = ["p0"]}
        : (!onnx.value, tensor<1x1xf32>) -> !onnx.value
    // expected-error @+1 {{node 'prelu1' (PRelu): slope of shape [3, 1, 1] must be one value or one per channel of the input [1, 2, 1, 2] (one axis other than the first)}}
    %p1 = onnx.node "PRelu"(%p0, %k1) {name = "prelu1", outputs = ["p1"]}
        : (!onnx.value, tensor<3x1x1xf32>) -> !onnx.value
    %q2 = onnx.node "QuantizeLinear"(%p1, %sy, %zy) {name = "q2", outputs = ["q2"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%q2, %sy, %zy) {name = "dq2", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %y : !onnx.value
  }
}

// -----

// A Conv -> Relu read by a QuantizeLinear, whose cluster fuses, and by a
// Transpose: the Conv stays pending for the Transpose, which is refused
// as without the fusion.
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
    // expected-error @+1 {{node 'transpose' (Transpose): input 'r' is the float output of 'conv'; quantize it (QuantizeLinear) first}}
    %t = onnx.node "Transpose"(%r) {name = "transpose", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    return %y, %t : !onnx.value, !onnx.value
  }
}

// -----

// An average read by a QuantizeLinear, whose cluster fuses, and by a
// Sigmoid, which is refused as without the fusion.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x1x2x2xsi8>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["y", "g"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0> : tensor<si8>
    %xd = onnx.node "DequantizeLinear"(%x, %s, %z) {name = "dqx", outputs = ["xd"]}
        : (tensor<1x1x2x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %p = onnx.node "GlobalAveragePool"(%xd) {name = "gap", outputs = ["p"]} : (!onnx.value) -> !onnx.value
    %y = onnx.node "QuantizeLinear"(%p, %s, %z) {name = "qy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    // expected-error @+1 {{node 'sig' (Sigmoid): input 'p' is the float output of 'gap'; quantize it (QuantizeLinear) first}}
    %g = onnx.node "Sigmoid"(%p) {name = "sig", outputs = ["g"]} : (!onnx.value) -> !onnx.value
    return %y, %g : !onnx.value, !onnx.value
  }
}

// -----

// A Mul by a float scalar read by a QuantizeLinear, whose requantization
// fuses, and by a Transpose, which is refused as without the fusion.
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
    // expected-error @+1 {{node 'transpose' (Transpose): input 'm' is the float output of 'mul'; quantize it (QuantizeLinear) first}}
    %t = onnx.node "Transpose"(%m) {name = "transpose", outputs = ["t"]} : (!onnx.value) -> !onnx.value
    return %y, %t : !onnx.value, !onnx.value
  }
}

// -----

// The same layer norm's Div read by a QuantizeLinear and by the gamma
// Mul: the fusion leaves the chain whole (fused for one QuantizeLinear,
// its end would lose a reader, helper-71), and the conversion refuses it
// at the Div, the first node of it the QuantizeLinear reads.
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
    // expected-error @+1 {{node 'div' (Div): onnx-fuse-qdq did not make it, its DequantizeLinear and the QuantizeLinear after it one integer operator; npc converts a QDQ cluster only so fused}}
    %19 = onnx.node "Div"(%14, %18) {name = "div", outputs = ["div_out"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %20 = onnx.node "QuantizeLinear"(%19, %6, %7) {name = "q_div", outputs = ["q_div_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %21 = onnx.node "Mul"(%19, %8) {name = "gamma", outputs = ["gamma_out"]} : (!onnx.value, tensor<8xf32>) -> !onnx.value
    %22 = onnx.node "QuantizeLinear"(%21, %9, %10) {name = "q_gamma", outputs = ["q_gamma_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %20, %22 : !onnx.value, !onnx.value
  }
}

// -----

// A layer norm's ReduceMean also read by a Conv after the chain: the walk
// matches no layer norm there (the mean has two readers) and refuses the
// Sub of its float output. The fusion leaves the mean whole: npc's 16-bit
// mean for the Conv alone would leave the Sub its one reader, and the
// walk would match the layer norm (helper-71).
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%arg0: tensor<1x4x8x8xf32>) -> (!onnx.value, !onnx.value) attributes {npc.input_names = ["x"], npc.output_names = ["q_div_out", "q_conv_out"]} {
    %0 = onnx.constant "c1" dense<5.000000e-02> : tensor<f32>
    %1 = onnx.constant "c2" dense<0> : tensor<si8>
    %2 = onnx.constant "c4" dense<5.000000e-02> : tensor<f32>
    %3 = onnx.constant "c5" dense<0> : tensor<si8>
    %4 = onnx.constant "c9" dense<2.000000e+00> : tensor<f32>
    %5 = onnx.constant "c12" dense<9.99999974E-6> : tensor<f32>
    %6 = onnx.constant "c16" dense<5.000000e-02> : tensor<f32>
    %7 = onnx.constant "c17" dense<0> : tensor<si8>
    %8 = onnx.constant "c19" dense<[[[[95]], [[-16]], [[5]], [[33]]], [[[36]], [[-17]], [[4]], [[91]]], [[[-52]], [[9]], [[-15]], [[-40]]], [[[77]], [[15]], [[55]], [[8]]]]> : tensor<4x4x1x1xsi8>
    %9 = onnx.constant "c20" dense<2.000000e-02> : tensor<f32>
    %10 = onnx.constant "c21" dense<0> : tensor<si8>
    %11 = onnx.constant "c24" dense<5.000000e-02> : tensor<f32>
    %12 = onnx.constant "c25" dense<0> : tensor<si8>
    %13 = onnx.node "QuantizeLinear"(%arg0, %0, %1) {name = "QuantizeLinear_3", outputs = ["QuantizeLinear_3_out"]} : (tensor<1x4x8x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %14 = onnx.node "DequantizeLinear"(%13, %2, %3) {name = "DequantizeLinear_6", outputs = ["DequantizeLinear_6_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %15 = onnx.node "ReduceMean"(%14) {attrs = {axes = array<i64: -1>, keepdims = 1 : i64}, name = "mean", outputs = ["mean_out"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'sub' (Sub): input 'mean_out' is the float output of 'mean'; quantize it (QuantizeLinear) first}}
    %16 = onnx.node "Sub"(%14, %15) {name = "sub", outputs = ["sub_out"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %17 = onnx.node "Pow"(%16, %4) {name = "pow", outputs = ["pow_out"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %18 = onnx.node "ReduceMean"(%17) {attrs = {axes = array<i64: -1>, keepdims = 1 : i64}, name = "var", outputs = ["var_out"]} : (!onnx.value) -> !onnx.value
    %19 = onnx.node "Add"(%18, %5) {name = "addeps", outputs = ["addeps_out"]} : (!onnx.value, tensor<f32>) -> !onnx.value
    %20 = onnx.node "Sqrt"(%19) {name = "sqrt", outputs = ["sqrt_out"]} : (!onnx.value) -> !onnx.value
    %21 = onnx.node "Div"(%16, %20) {name = "div", outputs = ["div_out"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %22 = onnx.node "QuantizeLinear"(%21, %6, %7) {name = "q_div", outputs = ["q_div_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %23 = onnx.node "DequantizeLinear"(%8, %9, %10) {name = "DequantizeLinear_22", outputs = ["DequantizeLinear_22_out"]} : (tensor<4x4x1x1xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %24 = onnx.node "Conv"(%15, %23) {name = "conv", outputs = ["conv_out"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %25 = onnx.node "QuantizeLinear"(%24, %11, %12) {name = "q_conv", outputs = ["q_conv_out"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %22, %25 : !onnx.value, !onnx.value
  }
}

