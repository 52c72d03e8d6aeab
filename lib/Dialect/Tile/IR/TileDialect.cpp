//===- TileDialect.cpp - layer tiling -------------------------------------===//
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/BuiltinOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace npc;
using namespace npc::ntile;

#include "npc/Dialect/Tile/IR/TileDialect.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "npc/Dialect/Tile/IR/TileAttrs.cpp.inc"

void TileDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "npc/Dialect/Tile/IR/TileAttrs.cpp.inc"
      >();
}

kernels::Box BoxAttr::toBox() const {
  kernels::Box box;
  box.lo.assign(getLo().begin(), getLo().end());
  box.hi.assign(getHi().begin(), getHi().end());
  return box;
}

LogicalResult BoxAttr::verify(function_ref<InFlightDiagnostic()> emitError, ArrayRef<int64_t> lo,
                              ArrayRef<int64_t> hi) {
  if (lo.size() != hi.size())
    return emitError() << "a box needs as many upper bounds as lower bounds, got " << lo.size()
                       << " and " << hi.size();
  return success();
}

std::vector<kernels::Box> npc::ntile::getTiles(Operation *op) {
  std::vector<kernels::Box> tiles;
  auto arr = op->getAttrOfType<ArrayAttr>(kTilesAttr);
  if (!arr)
    return tiles;
  for (Attribute a : arr) {
    auto b = dyn_cast<BoxAttr>(a);
    if (!b)
      return {};
    tiles.push_back(b.toBox());
  }
  return tiles;
}

std::pair<int64_t, int64_t> npc::ntile::splitDims(size_t rank) {
  return kernels::splitDims(rank);
}

ArrayAttr npc::ntile::tilesAttr(MLIRContext *ctx, ArrayRef<kernels::Box> tiles) {
  SmallVector<Attribute> elems;
  for (const auto &b : tiles)
    elems.push_back(BoxAttr::get(ctx, b));
  return ArrayAttr::get(ctx, elems);
}

LogicalResult TileDialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  if (attr.getName() != kTilesAttr)
    return op->emitError() << "unknown ntile attribute '" << attr.getName().getValue() << "'";
  auto arr = dyn_cast<ArrayAttr>(attr.getValue());
  if (!arr || arr.empty() || op->getNumResults() != 1 ||
      !isa<ShapedType>(op->getResult(0).getType()))
    return op->emitError() << "'ntile.tiles' must be a non-empty array on an op with one tensor result";
  auto shape = cast<ShapedType>(op->getResult(0).getType()).getShape();
  size_t rank = shape.size();
  for (auto [i, a] : llvm::enumerate(arr)) {
    auto b = dyn_cast<BoxAttr>(a);
    if (!b || b.getLo().size() != rank)
      return op->emitError() << "tile " << i << " must be a #ntile.box of rank " << rank;
  }
  auto tiles = getTiles(op);
  int64_t covered = 0, total = 1;
  for (int64_t s : shape)
    total *= s;
  auto full = kernels::Box::full(shape);
  for (size_t i = 0; i < tiles.size(); ++i) {
    if (tiles[i].empty() || !full.contains(tiles[i]))
      return op->emitError() << "tile " << i << " " << tiles[i].str()
                             << " is empty or outside the output " << full.str();
    for (size_t j = 0; j < i; ++j)
      if (!tiles[i].intersect(tiles[j]).empty())
        return op->emitError() << "tiles " << j << " and " << i << " overlap";
    covered += tiles[i].numel();
  }
  if (covered != total)
    return op->emitError() << "tiles cover " << covered << " of " << total
                           << " output elements";
  // Each tile must fit one core: its parameter slice, input windows and
  // output, once each (buffer copies for pipelining come with mapping).
  if (!qg::isComputeLayer(op))
    return success();
  auto footprints = tileFootprintsOf(op, tiles);
  if (!footprints) {
    // Not legalized yet: the tiling pass itself reports that.
    llvm::consumeError(footprints.takeError());
    return success();
  }
  auto target = getTargetOf(op);
  if (!target)
    return op->emitError() << llvm::toString(target.takeError());
  for (auto [i, f] : llvm::enumerate(*footprints))
    if (f.total() > target->coreMemoryBytes)
      return op->emitError() << "tile " << i << " " << tiles[i].str() << " needs " << f.total()
                             << " bytes (parameters " << f.layout.totalBytes << ", input "
                             << f.inputTotal() << ", output " << f.outputBytes
                             << "); a core of target '" << target->name << "' has "
                             << target->coreMemoryBytes << " bytes";
  return success();
}
