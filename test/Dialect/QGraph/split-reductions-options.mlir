// RUN: not npc-opt %s '-qg-split-reductions=layers=fc' 2>&1 | FileCheck %s --check-prefix=NOPARTS
// RUN: not npc-opt %s '-qg-split-reductions=layers=fc=1' 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: not npc-opt %s '-qg-split-reductions=layers=add_0=2' 2>&1 | FileCheck %s --check-prefix=ADD
// NOPARTS: error: qg-split-reductions: 'fc' is not NAME=PARTS with PARTS >= 2
// ONE: error: qg-split-reductions: 'fc=1' is not NAME=PARTS with PARTS >= 2
// Only a matmul's reduction splits (a layer without a location name is
// <op>_<position>, as reports call it).
// ADD: error: 'qg.add' op is layer 'add_0', not a qg.matmul: only a matmul's reduction splits
!x = !quant.uniform<u8:f32, 0.5:10>
func.func @main(%x: tensor<4x!x>) -> tensor<4x!x> {
  %s = qg.add %x, %x : (tensor<4x!x>, tensor<4x!x>) -> tensor<4x!x>
  return %s : tensor<4x!x>
}
