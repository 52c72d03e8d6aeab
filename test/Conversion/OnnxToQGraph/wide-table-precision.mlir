// RUN: npc-opt %s -split-input-file --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics | FileCheck %s

// A float function no QuantizeLinear quantizes, read by another operator,
// is a 16-bit table at step max|f| / 65535 (docs/semantics.md). Its
// rounding, half a step, times what the reader multiplies it by, must stay
// within one step of the reader's output, so that the output is within one
// step of the exact one. exp over int8 codes at scale 0.05 reaches
// e^6.35 = 572.49, so the step is 572.49 / 65535 = 0.0087357 and the
// rounding 0.0043678: 0.874 of an Add's output step 0.005 (taken)...

// CHECK-LABEL: func.func @main
// CHECK: qg.table {{.*}}u16:f32, 0.0087356781587004662
// CHECK: qg.add {{.*}}-> tensor<1x8x!quant.uniform<i8:f32, 0.004999999888241291>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>, %y: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "y"], npc.output_names = ["o"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %so = onnx.constant "so" dense<0.005> : tensor<f32>
    %zo = onnx.constant "zo" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%y, %sy, %zy) {name = "qy", outputs = ["yq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %yd = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["yd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "exp", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %a = onnx.node "Add"(%e, %yd) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %aq = onnx.node "QuantizeLinear"(%a, %so, %zo) {name = "qa", outputs = ["aq"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %o = onnx.node "DequantizeLinear"(%aq, %so, %zo) {name = "dqa", outputs = ["o"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %o : !onnx.value
  }
}

// -----

// ... but 1.09 of a step of 0.004: refused at the reader, where a
// QuantizeLinear of the function would go.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>, %y: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "y"], npc.output_names = ["o"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<0> : tensor<si8>
    %so = onnx.constant "so" dense<0.004> : tensor<f32>
    %zo = onnx.constant "zo" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%y, %sy, %zy) {name = "qy", outputs = ["yq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %yd = onnx.node "DequantizeLinear"(%yq, %sy, %zy) {name = "dqy", outputs = ["yd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "exp", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'add' (Add): it reads a float function that no QuantizeLinear quantizes; npc keeps it in 16 bits at step 0.00873567816 (the function reaches 572.492668), whose rounding can move this node's output by up to 1.09 of its steps; quantize the function (QuantizeLinear) first}}
    %a = onnx.node "Add"(%e, %yd) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %aq = onnx.node "QuantizeLinear"(%a, %so, %zo) {name = "qa", outputs = ["aq"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %o = onnx.node "DequantizeLinear"(%aq, %so, %zo) {name = "dqa", outputs = ["o"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %o : !onnx.value
  }
}

// -----

// A MatMul multiplies each input's rounding by its column's sum of |w|:
// eight weights of 0.25 make it 2 x 0.0043678 = 0.0087357, 0.874 of an
// output step of 0.01 (taken)...

// CHECK-LABEL: func.func @main
// CHECK: qg.table {{.*}}u16:f32, 0.0087356781587004662
// CHECK: qg.matmul {{.*}}-> tensor<1x2x!quant.uniform<i8:f32, 0.0099999997764825821>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["o"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<8x2xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %so = onnx.constant "so" dense<0.01> : tensor<f32>
    %zo = onnx.constant "zo" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<8x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "exp", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "MatMul"(%e, %wd) {name = "fc", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %so, %zo) {name = "qm", outputs = ["mq"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %o = onnx.node "DequantizeLinear"(%mq, %so, %zo) {name = "dqm", outputs = ["o"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %o : !onnx.value
  }
}

// -----

// ... and 1.09 of one of 0.008.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["o"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %w = onnx.constant "w" dense<1> : tensor<8x2xsi8>
    %sw = onnx.constant "sw" dense<0.25> : tensor<f32>
    %zw = onnx.constant "zw" dense<0> : tensor<si8>
    %so = onnx.constant "so" dense<0.008> : tensor<f32>
    %zo = onnx.constant "zo" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %wd = onnx.node "DequantizeLinear"(%w, %sw, %zw) {name = "dqw", outputs = ["wd"]} : (tensor<8x2xsi8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "exp", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'fc' (MatMul): it reads a float function that no QuantizeLinear quantizes; npc keeps it in 16 bits at step 0.00873567816 (the function reaches 572.492668), whose rounding can move this node's output by up to 1.09 of its steps; quantize the function (QuantizeLinear) first}}
    %m = onnx.node "MatMul"(%e, %wd) {name = "fc", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %so, %zo) {name = "qm", outputs = ["mq"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %o = onnx.node "DequantizeLinear"(%mq, %so, %zo) {name = "dqm", outputs = ["o"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %o : !onnx.value
  }
}

// -----

// Two tables' roundings add up at their reader. exp(x) * exp(y): each
// rounding times the other's largest value, 0.0043678 x 572.49 = 2.5005,
// twice, is 0.834 of an output step of 6 (taken)...

// CHECK-LABEL: func.func @main
// CHECK: qg.mul {{.*}}-> tensor<1x8x!quant.uniform<i8:f32, 6.000000e+00>>
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>, %y: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "y"], npc.output_names = ["o"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %so = onnx.constant "so" dense<6.0> : tensor<f32>
    %zo = onnx.constant "zo" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%y, %sx, %zx) {name = "qy", outputs = ["yq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %yd = onnx.node "DequantizeLinear"(%yq, %sx, %zx) {name = "dqy", outputs = ["yd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "expx", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Exp"(%yd) {name = "expy", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    %m = onnx.node "Mul"(%e, %f) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %so, %zo) {name = "qm", outputs = ["mq"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %o = onnx.node "DequantizeLinear"(%mq, %so, %zo) {name = "dqm", outputs = ["o"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %o : !onnx.value
  }
}

// -----

// ... and 1.25 of one of 4, though each alone is 0.625.
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x8xf32>, %y: tensor<1x8xf32>) -> !onnx.value
      attributes {npc.input_names = ["x", "y"], npc.output_names = ["o"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si8>
    %so = onnx.constant "so" dense<4.0> : tensor<f32>
    %zo = onnx.constant "zo" dense<0> : tensor<si8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %yq = onnx.node "QuantizeLinear"(%y, %sx, %zx) {name = "qy", outputs = ["yq"]} : (tensor<1x8xf32>, tensor<f32>, tensor<si8>) -> !onnx.value
    %yd = onnx.node "DequantizeLinear"(%yq, %sx, %zx) {name = "dqy", outputs = ["yd"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %e = onnx.node "Exp"(%xd) {name = "expx", outputs = ["e"]} : (!onnx.value) -> !onnx.value
    %f = onnx.node "Exp"(%yd) {name = "expy", outputs = ["f"]} : (!onnx.value) -> !onnx.value
    // expected-error @+1 {{node 'mul' (Mul): it reads a float function that no QuantizeLinear quantizes; npc keeps it in 16 bits at step 0.00873567816 (the function reaches 572.492668), whose rounding can move this node's output by up to 1.25 of its steps; quantize the function (QuantizeLinear) first}}
    %m = onnx.node "Mul"(%e, %f) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %so, %zo) {name = "qm", outputs = ["mq"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    %o = onnx.node "DequantizeLinear"(%mq, %so, %zo) {name = "dqm", outputs = ["o"]} : (!onnx.value, tensor<f32>, tensor<si8>) -> !onnx.value
    return %o : !onnx.value
  }
}
