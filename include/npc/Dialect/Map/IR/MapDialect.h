#ifndef NPC_DIALECT_MAP_IR_MAPDIALECT_H
#define NPC_DIALECT_MAP_IR_MAPDIALECT_H
#include "mlir/IR/Dialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "npc/Dialect/Map/IR/MapDialect.h.inc"

namespace npc::nmap {
constexpr llvm::StringLiteral kCoresAttr = "nmap.cores";
constexpr llvm::StringLiteral kBuffersAttr = "nmap.buffers";

/// One tile's placement: its core and (address, bytes) of each buffer.
struct TilePlacement {
  int64_t core = 0;
  int64_t paramAddr = 0, paramBytes = 0;
  std::vector<std::pair<int64_t, int64_t>> inputs; // per activation operand
  int64_t outAddr = 0, outBytes = 0;
};
/// Placements of a mapped layer op (empty if unmapped).
std::vector<TilePlacement> getPlacements(mlir::Operation *op);
void setPlacements(mlir::Operation *op, llvm::ArrayRef<TilePlacement> tiles);
} // namespace npc::nmap
#endif
