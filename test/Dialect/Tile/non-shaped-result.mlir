// RUN: npc-opt %s -verify-diagnostics
//
// Regression test (fixed): TileDialect::verifyOperationAttribute checks that the op has one
// result, then does cast<ShapedType> on its type without checking it is
// shaped. `ntile.tiles` on an op with one i32 result crashes npc-opt
// (segmentation fault in the release build) instead of being rejected.
// Expected: a diagnostic on the op (any message).

func.func private @g() -> i32
func.func @f() -> i32 {
  // expected-error-re @+1 {{{{.+}}}}
  %0 = func.call @g() {ntile.tiles = [#ntile.box<[0] to [1]>]} : () -> i32
  return %0 : i32
}
