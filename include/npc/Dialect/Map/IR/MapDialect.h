#ifndef NPC_DIALECT_MAP_IR_MAPDIALECT_H
#define NPC_DIALECT_MAP_IR_MAPDIALECT_H
#include "mlir/IR/Dialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "npc/Analysis/GraphModel.h"
#include "mlir/IR/DialectImplementation.h"
#include "npc/Dialect/Map/IR/MapDialect.h.inc"
#define GET_ATTRDEF_CLASSES
#include "npc/Dialect/Map/IR/MapAttrs.h.inc"

namespace npc::nmap {
/// `nmap.tiles`: an array of #nmap.tile, one per tile of `ntile.tiles`.
constexpr llvm::StringLiteral kTilesAttr = "nmap.tiles";

/// True when `op` carries a placement (it may still be malformed: the
/// dialect's verifier says so).
inline bool isMapped(mlir::Operation *op) { return op->hasAttr(kTilesAttr); }

/// One tile's placement as the passes edit it: its core and (address,
/// bytes) of each buffer. With pipelined frames an activation buffer may
/// need several copies (frame f uses copy f mod copies, at address + copy *
/// alignedBytes(bytes)): `copies` holds one count per input, then the
/// output's, or is empty for one copy each. Stored as #nmap.tile.
struct TilePlacement {
  int64_t core = 0;
  int64_t paramAddr = 0, paramBytes = 0;
  /// The tile of the same layer whose parameters this one streams over the
  /// model NoC (it then holds none: paramBytes 0), or -1.
  int64_t paramsFrom = -1;
  std::vector<std::pair<int64_t, int64_t>> inputs; // per activation operand
  int64_t outAddr = 0, outBytes = 0;
  std::vector<int64_t> copies;                     // inputs..., output

  int64_t inputCopies(size_t i) const { return copies.empty() ? 1 : copies[i]; }
  int64_t outCopies() const { return copies.empty() ? 1 : copies.back(); }
  /// Lays the buffers out from byte `top` of the core: parameters, each
  /// input's copies, the output's copies, each 8-byte aligned. Returns the
  /// new top.
  int64_t layOut(int64_t top);
};
/// Placements of a mapped layer op (empty if unmapped or not #nmap.tile).
std::vector<TilePlacement> getPlacements(mlir::Operation *op);
/// The placements of `op` if they are what its verification accepts on
/// `target` (one per tile, one input window per operand, cores on the grid,
/// buffers inside memory), else why not. For checks that read other ops'
/// placements before those ops' own verification has run.
llvm::Expected<std::vector<TilePlacement>> getCheckedPlacements(mlir::Operation *op,
                                                                const TargetDesc &target);
void setPlacements(mlir::Operation *op, llvm::ArrayRef<TilePlacement> tiles);

/// One buffer of a placed tile: its layer (position in program order),
/// tile, and `which`: kParams, an input operand, or the output (the number
/// of inputs).
struct BufferRef {
  int64_t layer = 0, tile = 0, which = 0;
  static constexpr int64_t kParams = -1;
};
/// Buffers that share bytes of a core (any of their copies), as pairs
/// (earlier, later): the earlier's lifetime ends before the later's
/// begins. `conflict` is the first pair found that may not share: a
/// parameter buffer, or lifetimes that meet (`later` is then the one of the
/// later layer); the list stops there.
struct SharedBuffers {
  std::vector<std::pair<BufferRef, BufferRef>> pairs;
  std::optional<std::pair<BufferRef, BufferRef>> conflict;
};
/// The byte ranges of `places` (per layer, per tile) that overlap, judged
/// by `lifetimeOf` (called only for buffers that overlap another).
SharedBuffers findSharedBuffers(llvm::ArrayRef<std::vector<TilePlacement>> places,
                                llvm::function_ref<Lifetime(const BufferRef &)> lifetimeOf);
} // namespace npc::nmap
#endif
