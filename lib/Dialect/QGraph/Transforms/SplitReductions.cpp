//===- SplitReductions.cpp - a matmul's reduction in parts ----------------===//
//
// A matmul with few output columns and one row cuts into few tiles: its
// channels give at most N / lanes of them. Cutting K instead gives parts
// that each compute a share of every output and add the partial sums of the
// part before (docs/mapping.md, "Split reductions"). The int32 sum of the
// parts is the unsplit sum, which legalization proved inside int32, so the
// last part's requantized result is the original's, bit for bit.
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/StringMap.h"

namespace npc::qg {
#define GEN_PASS_DEF_SPLITREDUCTIONS
#include "npc/Dialect/QGraph/Transforms/Passes.h.inc"
} // namespace npc::qg

using namespace mlir;
using namespace npc::qg;

namespace {

/// Rows [k0, k1) of a [K, N] weight constant, as a constant of the same
/// element types (the stored bytes copied, a splat kept a splat).
Value weightRows(OpBuilder &b, Location loc, ConstantOp w, int64_t k0, int64_t k1) {
  auto type = cast<RankedTensorType>(w.getType());
  int64_t n = type.getShape()[1];
  auto dense = cast<DenseElementsAttr>(w.getValue());
  auto storage = cast<RankedTensorType>(dense.getType());
  auto sliceStorage = RankedTensorType::get({k1 - k0, n}, storage.getElementType());
  DenseElementsAttr attr;
  if (dense.isSplat()) {
    attr = dense.resizeSplat(sliceStorage);
  } else {
    unsigned width = storage.getElementType().getIntOrFloatBitWidth();
    size_t stride = (width + 7) / 8;
    ArrayRef<char> raw = dense.getRawData();
    attr = DenseElementsAttr::getFromRawBuffer(
        sliceStorage, raw.slice(size_t(k0 * n) * stride, size_t((k1 - k0) * n) * stride));
  }
  return ConstantOp::create(b, loc, RankedTensorType::get({k1 - k0, n}, type.getElementType()),
                            attr);
}

Location partLoc(OpBuilder &b, Location loc, int64_t i, int64_t parts) {
  std::string suffix = ".part" + std::to_string(i) + "of" + std::to_string(parts);
  if (auto n = dyn_cast<NameLoc>(loc))
    return NameLoc::get(b.getStringAttr(n.getName().strref() + suffix), n.getChildLoc());
  return NameLoc::get(b.getStringAttr("matmul" + suffix), loc);
}

} // namespace

LogicalResult npc::qg::splitReduction(MatMulOp op, int64_t parts, int64_t align,
                                      std::string &why) {
  auto w = op.getWeight().getDefiningOp<ConstantOp>();
  auto ws = cast<ShapedType>(op.getWeight().getType()).getShape();
  if (!w || !isa<DenseElementsAttr>(w.getValue()) || ws.size() != 2) {
    why = "its weight is not one constant matrix";
    return failure();
  }
  if (!op.getFoldedBias() || op.getReductionOffset()) {
    why = op.getReductionOffset() ? "it is a part of a split reduction already"
                                  : "it is not legalized (qg-legalize-integer)";
    return failure();
  }
  const int64_t k = ws[0];
  align = std::max<int64_t>(align, 1);
  int64_t share = llvm::divideCeil(llvm::divideCeil(k, std::max<int64_t>(parts, 1)), align) * align;
  int64_t made = llvm::divideCeil(k, share);
  if (parts < 2 || made < 2) {
    why = "K=" + std::to_string(k) + " in " + std::to_string(parts) + " parts of a multiple of " +
          std::to_string(align) + " rows gives " + std::to_string(made) + " part";
    return failure();
  }
  OpBuilder b(op);
  auto outType = cast<RankedTensorType>(op.getOutput().getType());
  auto partialType = outType.clone(b.getI32Type());
  Value partial;
  MatMulOp last;
  for (int64_t i = 0; i < made; ++i) {
    int64_t k0 = i * share, k1 = std::min(k, k0 + share);
    bool isLast = i + 1 == made;
    Location loc = partLoc(b, op.getLoc(), i, made);
    Value wPart = weightRows(b, loc, w, k0, k1);
    // The bias once, in the first part; the clamp in the last, which
    // requantizes.
    auto part = MatMulOp::create(
        b, loc, isLast ? outType : partialType, op.getInput(), wPart,
        i == 0 ? op.getBias() : Value(), partial,
        isLast ? op.getClampMinAttr() : b.getI32IntegerAttr(INT32_MIN),
        isLast ? op.getClampMaxAttr() : b.getI32IntegerAttr(INT32_MAX), nullptr, nullptr,
        nullptr, b.getI64IntegerAttr(k0));
    if (failed(part.legalizeParams())) {
      why = "a part does not legalize";
      return failure();
    }
    partial = part.getOutput();
    last = part;
  }
  op.getOutput().replaceAllUsesWith(last.getOutput());
  op.erase();
  if (w->use_empty())
    w.erase();
  return success();
}

namespace {

struct SplitReductions : npc::qg::impl::SplitReductionsBase<SplitReductions> {
  using Base::Base;
  void runOnOperation() override {
    llvm::StringMap<int64_t> want;
    for (const std::string &entry : layers) {
      size_t eq = entry.rfind('=');
      int64_t parts = 0;
      if (eq == std::string::npos || llvm::StringRef(entry).substr(eq + 1).getAsInteger(10, parts) ||
          parts < 2) {
        getOperation().emitError() << "qg-split-reductions: '" << entry
                                   << "' is not NAME=PARTS with PARTS >= 2";
        return signalPassFailure();
      }
      want[entry.substr(0, eq)] = parts;
    }
    // @main's layers by the names reports give them (LayerNamer).
    llvm::StringMap<Operation *> byName;
    if (auto main = getOperation().lookupSymbol<func::FuncOp>("main")) {
      LayerNamer names;
      for (Operation &op : main.getBody().front())
        if (isComputeLayer(&op))
          byName[names.name(&op)] = &op;
    }
    for (auto &[name, parts] : want) {
      Operation *op = byName.lookup(name);
      if (!op) {
        getOperation().emitError() << "qg-split-reductions: no layer named '" << name << "'";
        return signalPassFailure();
      }
      auto matmul = dyn_cast<MatMulOp>(op);
      if (!matmul) {
        op->emitOpError() << "is layer '" << name << "', not a qg.matmul: only a matmul's "
                          << "reduction splits";
        return signalPassFailure();
      }
      std::string why;
      if (failed(splitReduction(matmul, parts, align, why))) {
        matmul.emitOpError() << "cannot split its reduction into " << parts << " parts: " << why;
        return signalPassFailure();
      }
    }
  }
};

} // namespace
