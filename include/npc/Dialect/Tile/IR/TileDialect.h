#ifndef NPC_DIALECT_TILE_IR_TILEDIALECT_H
#define NPC_DIALECT_TILE_IR_TILEDIALECT_H
#include "npc/Runtime/Kernels.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "npc/Dialect/Tile/IR/TileDialect.h.inc"
#define GET_ATTRDEF_CLASSES
#include "npc/Dialect/Tile/IR/TileAttrs.h.inc"

namespace npc::ntile {
constexpr llvm::StringLiteral kTilesAttr = "ntile.tiles";
/// The tile boxes of a layer op (empty if it has none or they are malformed).
std::vector<kernels::Box> getTiles(mlir::Operation *op);
mlir::ArrayAttr tilesAttr(mlir::MLIRContext *ctx, llvm::ArrayRef<kernels::Box> tiles);
/// The dimensions a layer's output of rank `rank` is split along, (channel
/// dimension, row dimension): channels and rows for NCHW tensors, columns
/// and rows for matrices; row -1 when there is none.
std::pair<int64_t, int64_t> splitDims(size_t rank);
} // namespace npc::ntile
#endif
