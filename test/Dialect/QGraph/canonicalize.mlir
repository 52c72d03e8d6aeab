// RUN: npc-opt %s -canonicalize | FileCheck %s

!q = !quant.uniform<u8:f32, 0.1>

// A rescale to the same type with a clamp that cannot bite, a reshape to the
// same shape and a storage_cast round trip all fold away.
// CHECK-LABEL: func.func @folds
// CHECK-SAME: (%[[X:.*]]: tensor<4xui8>)
// CHECK-NEXT: return %[[X]]
func.func @folds(%x: tensor<4xui8>) -> tensor<4xui8> {
  %q = qg.storage_cast %x : tensor<4xui8> -> tensor<4x!q>
  %r = qg.rescale %q {clamp_min = 0 : i32, clamp_max = 255 : i32} : tensor<4x!q> -> tensor<4x!q>
  %s = qg.reshape %r : tensor<4x!q> -> tensor<4x!q>
  %o = qg.storage_cast %s : tensor<4x!q> -> tensor<4xui8>
  return %o : tensor<4xui8>
}

// A clamp that bites (ReLU at zero point 10) stays.
// CHECK-LABEL: func.func @keeps_relu
// CHECK: qg.rescale
func.func @keeps_relu(%x: tensor<4x!quant.uniform<u8:f32, 0.1:10>>) -> tensor<4x!quant.uniform<u8:f32, 0.1:10>> {
  %r = qg.rescale %x {clamp_min = 10 : i32} : tensor<4x!quant.uniform<u8:f32, 0.1:10>> -> tensor<4x!quant.uniform<u8:f32, 0.1:10>>
  return %r : tensor<4x!quant.uniform<u8:f32, 0.1:10>>
}
