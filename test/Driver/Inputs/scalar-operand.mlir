module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x4xf32>) -> (!onnx.value, !onnx.value)
      attributes {npc.input_names = ["x"], npc.output_names = ["sum", "product"]} {
    %sx = onnx.constant "sx" dense<0.05> : tensor<f32>
    %zx = onnx.constant "zx" dense<3> : tensor<ui8>
    %c = onnx.constant "c" dense<-90> : tensor<si8>
    %sc = onnx.constant "sc" dense<0.01> : tensor<f32>
    %zc = onnx.constant "zc" dense<0> : tensor<si8>
    %sy = onnx.constant "sy" dense<0.04> : tensor<f32>
    %zy = onnx.constant "zy" dense<128> : tensor<ui8>
    %xq = onnx.node "QuantizeLinear"(%x, %sx, %zx) {name = "qx", outputs = ["xq"]} : (tensor<2x4xf32>, tensor<f32>, tensor<ui8>) -> !onnx.value
    %xd = onnx.node "DequantizeLinear"(%xq, %sx, %zx) {name = "dqx", outputs = ["xd"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %cd = onnx.node "DequantizeLinear"(%c, %sc, %zc) {name = "dqc", outputs = ["cd"]} : (tensor<si8>, tensor<f32>, tensor<si8>) -> !onnx.value
    %a = onnx.node "Add"(%xd, %cd) {name = "add", outputs = ["a"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %aq = onnx.node "QuantizeLinear"(%a, %sy, %zy) {name = "qa", outputs = ["aq"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %ad = onnx.node "DequantizeLinear"(%aq, %sy, %zy) {name = "dqa", outputs = ["sum"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %m = onnx.node "Mul"(%xd, %cd) {name = "mul", outputs = ["m"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %mq = onnx.node "QuantizeLinear"(%m, %sy, %zy) {name = "qm", outputs = ["mq"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    %md = onnx.node "DequantizeLinear"(%mq, %sy, %zy) {name = "dqm", outputs = ["product"]} : (!onnx.value, tensor<f32>, tensor<ui8>) -> !onnx.value
    return %ad, %md : !onnx.value, !onnx.value
  }
}
