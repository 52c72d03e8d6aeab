// RUN: npc-opt %s --npc-convert-onnx-to-qg | FileCheck %s

// npc's QLinearLookup (what onnx-fuse-qdq writes for a chain of functions)
// is a qg.table holding the node's table as it is: entry e for the code
// whose low bits are e, so int2 codes 0, 1, -2, -1.

// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qg.storage_cast %arg0 : tensor<1x4xsi2> -> tensor<1x4x!quant.uniform<i2:f32, 5.000000e-01>>
// CHECK: qg.table %[[X]] {table = array<i32: 3, 7, -8, -1>} : tensor<1x4x!quant.uniform<i2:f32, 5.000000e-01>> -> tensor<1x4x!quant.uniform<i4:f32, 2.500000e-01:-1>>
module attributes {onnx.opset = 25 : i64} {
  func.func @main(%x: tensor<1x4xsi2>) -> !onnx.value
      attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %sx = onnx.constant "sx" dense<0.5> : tensor<f32>
    %zx = onnx.constant "zx" dense<0> : tensor<si2>
    %t = onnx.constant "t" dense<[3, 7, -8, -1]> : tensor<4xsi4>
    %sy = onnx.constant "sy" dense<0.25> : tensor<f32>
    %zy = onnx.constant "zy" dense<-1> : tensor<si4>
    %l = onnx.node "QLinearLookup"(%x, %sx, %zx, %t, %sy, %zy) {domain = "npc", name = "lookup", outputs = ["yq"]}
        : (tensor<1x4xsi2>, tensor<f32>, tensor<si2>, tensor<4xsi4>, tensor<f32>, tensor<si4>) -> !onnx.value
    %y = onnx.node "DequantizeLinear"(%l, %sy, %zy) {name = "dqy", outputs = ["y"]}
        : (!onnx.value, tensor<f32>, tensor<si4>) -> !onnx.value
    return %y : !onnx.value
  }
}
