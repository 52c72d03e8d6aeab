// RUN: npc-opt %s --onnx-fuse-qdq | FileCheck %s
// RUN: npc-opt %s --onnx-fold-constants --onnx-fuse-qdq --npc-convert-onnx-to-qg -verify-diagnostics

// x @ x forty times over, each product's Quant with a scale of one value
// of rank 2 (helper-49): rankOf looks at each value once per query (it
// followed both operands, 2^40 calls, and did not finish). The first
// products' Quants are split and fuse; rankOf stops 64 nodes up, so the
// later ones stay (their MatMuls' types unstated: with types, as the
// importer states them, each fuses, fuse-qdq-stated-types.mlir), and the
// conversion refuses the first product left.
// CHECK-LABEL: func.func @main
// CHECK: onnx.node "QLinearMatMul"({{.*}}) {name = "m1"
// CHECK: onnx.node "QLinearMatMul"({{.*}}) {name = "m2"
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<4x4xf32>) -> (!onnx.value) attributes {npc.input_names = ["x"], npc.output_names = ["y"]} {
    %s = onnx.constant "s" dense<0.5> : tensor<f32>
    %z = onnx.constant "z" dense<0.0> : tensor<f32>
    %b8 = onnx.constant "b8" dense<8.0> : tensor<f32>
    %s2 = onnx.constant "s2" dense<0.5> : tensor<1x1xf32>
    %z2 = onnx.constant "z2" dense<0.0> : tensor<1x1xf32>
    %q0 = onnx.node "Quant"(%x, %s, %z, %b8) {domain = "qonnx.custom_op.general", name = "q0", outputs = ["q0"]} : (tensor<4x4xf32>, tensor<f32>, tensor<f32>, tensor<f32>) -> !onnx.value
    %m1 = onnx.node "MatMul"(%q0, %q0) {name = "m1", outputs = ["m1"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q1 = onnx.node "Quant"(%m1, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q1", outputs = ["q1"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m2 = onnx.node "MatMul"(%q1, %q1) {name = "m2", outputs = ["m2"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q2 = onnx.node "Quant"(%m2, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q2", outputs = ["q2"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m3 = onnx.node "MatMul"(%q2, %q2) {name = "m3", outputs = ["m3"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q3 = onnx.node "Quant"(%m3, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q3", outputs = ["q3"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m4 = onnx.node "MatMul"(%q3, %q3) {name = "m4", outputs = ["m4"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q4 = onnx.node "Quant"(%m4, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q4", outputs = ["q4"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m5 = onnx.node "MatMul"(%q4, %q4) {name = "m5", outputs = ["m5"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q5 = onnx.node "Quant"(%m5, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q5", outputs = ["q5"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m6 = onnx.node "MatMul"(%q5, %q5) {name = "m6", outputs = ["m6"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q6 = onnx.node "Quant"(%m6, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q6", outputs = ["q6"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m7 = onnx.node "MatMul"(%q6, %q6) {name = "m7", outputs = ["m7"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q7 = onnx.node "Quant"(%m7, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q7", outputs = ["q7"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m8 = onnx.node "MatMul"(%q7, %q7) {name = "m8", outputs = ["m8"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q8 = onnx.node "Quant"(%m8, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q8", outputs = ["q8"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m9 = onnx.node "MatMul"(%q8, %q8) {name = "m9", outputs = ["m9"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q9 = onnx.node "Quant"(%m9, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q9", outputs = ["q9"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m10 = onnx.node "MatMul"(%q9, %q9) {name = "m10", outputs = ["m10"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q10 = onnx.node "Quant"(%m10, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q10", outputs = ["q10"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m11 = onnx.node "MatMul"(%q10, %q10) {name = "m11", outputs = ["m11"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q11 = onnx.node "Quant"(%m11, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q11", outputs = ["q11"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m12 = onnx.node "MatMul"(%q11, %q11) {name = "m12", outputs = ["m12"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q12 = onnx.node "Quant"(%m12, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q12", outputs = ["q12"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m13 = onnx.node "MatMul"(%q12, %q12) {name = "m13", outputs = ["m13"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q13 = onnx.node "Quant"(%m13, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q13", outputs = ["q13"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m14 = onnx.node "MatMul"(%q13, %q13) {name = "m14", outputs = ["m14"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q14 = onnx.node "Quant"(%m14, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q14", outputs = ["q14"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m15 = onnx.node "MatMul"(%q14, %q14) {name = "m15", outputs = ["m15"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q15 = onnx.node "Quant"(%m15, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q15", outputs = ["q15"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m16 = onnx.node "MatMul"(%q15, %q15) {name = "m16", outputs = ["m16"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q16 = onnx.node "Quant"(%m16, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q16", outputs = ["q16"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m17 = onnx.node "MatMul"(%q16, %q16) {name = "m17", outputs = ["m17"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q17 = onnx.node "Quant"(%m17, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q17", outputs = ["q17"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m18 = onnx.node "MatMul"(%q17, %q17) {name = "m18", outputs = ["m18"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q18 = onnx.node "Quant"(%m18, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q18", outputs = ["q18"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m19 = onnx.node "MatMul"(%q18, %q18) {name = "m19", outputs = ["m19"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q19 = onnx.node "Quant"(%m19, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q19", outputs = ["q19"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m20 = onnx.node "MatMul"(%q19, %q19) {name = "m20", outputs = ["m20"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q20 = onnx.node "Quant"(%m20, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q20", outputs = ["q20"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m21 = onnx.node "MatMul"(%q20, %q20) {name = "m21", outputs = ["m21"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q21 = onnx.node "Quant"(%m21, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q21", outputs = ["q21"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m22 = onnx.node "MatMul"(%q21, %q21) {name = "m22", outputs = ["m22"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q22 = onnx.node "Quant"(%m22, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q22", outputs = ["q22"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    // expected-error @+1 {{node 'm23' (MatMul): onnx-fuse-qdq did not make it, its DequantizeLinear and the QuantizeLinear after it one integer operator; npc converts a QDQ cluster only so fused}}
    %m23 = onnx.node "MatMul"(%q22, %q22) {name = "m23", outputs = ["m23"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q23 = onnx.node "Quant"(%m23, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q23", outputs = ["q23"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m24 = onnx.node "MatMul"(%q23, %q23) {name = "m24", outputs = ["m24"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q24 = onnx.node "Quant"(%m24, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q24", outputs = ["q24"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m25 = onnx.node "MatMul"(%q24, %q24) {name = "m25", outputs = ["m25"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q25 = onnx.node "Quant"(%m25, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q25", outputs = ["q25"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m26 = onnx.node "MatMul"(%q25, %q25) {name = "m26", outputs = ["m26"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q26 = onnx.node "Quant"(%m26, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q26", outputs = ["q26"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m27 = onnx.node "MatMul"(%q26, %q26) {name = "m27", outputs = ["m27"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q27 = onnx.node "Quant"(%m27, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q27", outputs = ["q27"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m28 = onnx.node "MatMul"(%q27, %q27) {name = "m28", outputs = ["m28"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q28 = onnx.node "Quant"(%m28, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q28", outputs = ["q28"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m29 = onnx.node "MatMul"(%q28, %q28) {name = "m29", outputs = ["m29"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q29 = onnx.node "Quant"(%m29, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q29", outputs = ["q29"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m30 = onnx.node "MatMul"(%q29, %q29) {name = "m30", outputs = ["m30"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q30 = onnx.node "Quant"(%m30, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q30", outputs = ["q30"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m31 = onnx.node "MatMul"(%q30, %q30) {name = "m31", outputs = ["m31"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q31 = onnx.node "Quant"(%m31, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q31", outputs = ["q31"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m32 = onnx.node "MatMul"(%q31, %q31) {name = "m32", outputs = ["m32"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q32 = onnx.node "Quant"(%m32, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q32", outputs = ["q32"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m33 = onnx.node "MatMul"(%q32, %q32) {name = "m33", outputs = ["m33"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q33 = onnx.node "Quant"(%m33, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q33", outputs = ["q33"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m34 = onnx.node "MatMul"(%q33, %q33) {name = "m34", outputs = ["m34"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q34 = onnx.node "Quant"(%m34, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q34", outputs = ["q34"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m35 = onnx.node "MatMul"(%q34, %q34) {name = "m35", outputs = ["m35"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q35 = onnx.node "Quant"(%m35, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q35", outputs = ["q35"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m36 = onnx.node "MatMul"(%q35, %q35) {name = "m36", outputs = ["m36"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q36 = onnx.node "Quant"(%m36, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q36", outputs = ["q36"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m37 = onnx.node "MatMul"(%q36, %q36) {name = "m37", outputs = ["m37"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q37 = onnx.node "Quant"(%m37, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q37", outputs = ["q37"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m38 = onnx.node "MatMul"(%q37, %q37) {name = "m38", outputs = ["m38"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q38 = onnx.node "Quant"(%m38, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q38", outputs = ["q38"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m39 = onnx.node "MatMul"(%q38, %q38) {name = "m39", outputs = ["m39"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q39 = onnx.node "Quant"(%m39, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q39", outputs = ["q39"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %m40 = onnx.node "MatMul"(%q39, %q39) {name = "m40", outputs = ["m40"]} : (!onnx.value, !onnx.value) -> !onnx.value
    %q40 = onnx.node "Quant"(%m40, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "q40", outputs = ["q40"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    %y = onnx.node "Quant"(%q40, %s2, %z2, %b8) {domain = "qonnx.custom_op.general", name = "y", outputs = ["y"]} : (!onnx.value, tensor<1x1xf32>, tensor<1x1xf32>, tensor<f32>) -> !onnx.value
    return %y : !onnx.value
  }
}
