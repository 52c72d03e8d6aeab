// (An input of split-reductions.mlir.)
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @main(%x: tensor<1x4x!x>) -> tensor<1x2x!y> {
  %w = qg.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8> : tensor<4x2x!w>
  %m = qg.matmul %x, %w : (tensor<1x4x!x>, tensor<4x2x!w>) -> tensor<1x2x!y> loc("rows")
  return %m : tensor<1x2x!y>
}
