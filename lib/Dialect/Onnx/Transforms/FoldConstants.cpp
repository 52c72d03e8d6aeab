//===- FoldConstants.cpp - onnx-fold-constants ----------------------------===//
//
// Nodes evaluated on constants become initializers, with the conversion's
// evaluator (ConstantFolding.h), so that onnx-fuse-qdq sees a constant
// where the conversion would (a Mul by Add(c1, c2)) and a Reshape by
// torch's computed shape has a type.
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/Onnx/Transforms/ConstantFolding.h"
#include "npc/Dialect/Onnx/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/MathExtras.h"

#include <deque>
#include <memory>

namespace npc::onnx {
#define GEN_PASS_DEF_FOLDCONSTANTS
#include "npc/Dialect/Onnx/Transforms/Passes.h.inc"
} // namespace npc::onnx

using namespace mlir;
using namespace npc::onnx;

namespace {
/// The most elements a folded result, or a constant it reads, may have:
/// shape arithmetic, zero points and scalars, not weights (the conversion
/// moves and counts those itself).
constexpr int64_t kMaxFolded = 1 << 16;

/// Whether a tensor of type `t` has at most kMaxFolded elements (its
/// extents multiplied with overflow checked: getNumElements wraps).
bool isSmall(ShapedType t) {
  int64_t n = 1;
  for (int64_t d : t.getShape())
    if (d < 0 || llvm::MulOverflow(n, d, n) || n > kMaxFolded)
      return false;
  return true;
}

/// A node's inputs as this level knows them: `onnx.constant`s (read once
/// per pass, up to kMaxFolded elements, without a narrowed_range) and the
/// shapes of values whose type the conversion checks (checkedType).
class ConstantOperands : public FoldInputs {
public:
  explicit ConstantOperands(llvm::DenseMap<Value, std::unique_ptr<Const>> &read) : read(read) {}
  void setNode(NodeOp node) { n = node; }

  bool has(int i) override {
    return i < int(n->getNumOperands()) && !isa<NoneType>(n->getOperand(i).getType());
  }
  const std::vector<int64_t> *shape(int i) override {
    if (!has(i))
      return nullptr;
    RankedTensorType t = checkedType(n->getOperand(i));
    if (!t || !t.hasStaticShape())
      return nullptr;
    return &shapes.emplace_back(t.getShape().begin(), t.getShape().end());
  }
  const Const *constant(int i, const char *) override {
    if (!has(i))
      return nullptr;
    Value v = n->getOperand(i);
    auto [it, added] = read.try_emplace(v);
    if (added)
      if (auto c = v.getDefiningOp<ConstantOp>();
          c && !c.getNarrowedRange() && isSmall(cast<ShapedType>(c.getType()))) {
        auto k = std::make_unique<Const>();
        if (readConst(c.getValue(), c.getName().str(), *k).empty())
          it->second = std::move(k);
      }
    return it->second.get();
  }
  const Const *intConstant(int i, const char *what) override {
    const Const *c = constant(i, what);
    return c && !c->isFloat() ? c : nullptr;
  }
  bool admit(int64_t elements, const std::string &) override { return elements <= kMaxFolded; }
  int64_t tensorElements() override { return kMaxFolded; }

private:
  NodeOp n;
  llvm::DenseMap<Value, std::unique_ptr<Const>> &read;
  std::deque<std::vector<int64_t>> shapes; // what shape() returned, kept in place
};

bool isGraphOutput(Value v) {
  return llvm::any_of(v.getUsers(), [](Operation *u) { return isa<func::ReturnOp>(u); });
}

/// Whether stated type `t` (null: none stated) is what `c` is: the
/// conversion would otherwise refuse the node (statedTypesHold), which
/// folding must not hide.
bool statedAs(Type t, const Const &c) {
  auto ranked = dyn_cast<RankedTensorType>(t);
  return !ranked || (ranked.getShape() == llvm::ArrayRef<int64_t>(c.shape) &&
                     isa<FloatType>(ranked.getElementType()) == c.isFloat());
}

/// `n` replaced by an initializer of `c`, and the constants only it read
/// erased (and forgotten by `read`: a new op may reuse their memory);
/// false where an `onnx.constant` cannot hold `c`.
bool replaceByConstant(NodeOp n, const Const &c,
                       llvm::DenseMap<Value, std::unique_ptr<Const>> &read) {
  DenseElementsAttr value = elementsOfConst(n.getContext(), c);
  if (!value)
    return false;
  OpBuilder b(n);
  auto name = cast<StringAttr>(n.getOutputs()[0]);
  Value k = ConstantOp::create(b, n.getLoc(), value.getType(), name, value, nullptr);
  n->getResult(0).replaceAllUsesWith(k);
  llvm::SetVector<Operation *> inputs; // Concat(c, c) reads c twice
  for (Value v : n->getOperands())
    if (Operation *d = v.getDefiningOp(); d && isa<ConstantOp, NoneOp>(d))
      inputs.insert(d);
  n->erase();
  for (Operation *d : inputs)
    if (d->use_empty()) {
      read.erase(d->getResult(0));
      d->erase();
    }
  return true;
}

/// A Constant node of one `value` tensor (the importer writes value_float,
/// value_ints, ... so) as the `onnx.constant` it is, holding the same
/// attribute; not one of a type the conversion refuses (it says so at the
/// node) or with a stated type that differs.
bool replaceConstantNode(NodeOp n) {
  auto [value, name] = elementsOf(n->getResult(0));
  Const c;
  if (!value || !isa<RankedTensorType>(value.getType()) ||
      !readConstType(value, name, c).empty() || !statedAs(n->getResult(0).getType(), c) ||
      isGraphOutput(n->getResult(0)))
    return false;
  OpBuilder b(n);
  Value k = ConstantOp::create(b, n.getLoc(), value.getType(),
                               cast<StringAttr>(n.getOutputs()[0]), value, nullptr);
  n->getResult(0).replaceAllUsesWith(k);
  n->erase();
  return true;
}

/// A data movement's result type from its input's checked type (nothing
/// when the input's shape or the movement's shape input is not known).
void typeMovement(NodeOp n, ConstantOperands &in) {
  Value r = n->getResult(0);
  if (isa<RankedTensorType>(r.getType()) || isGraphOutput(r) ||
      !llvm::is_contained({"Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose"},
                          n.getOpType()))
    return;
  const std::vector<int64_t> *shape = in.shape(0);
  if (!shape)
    return;
  std::vector<int64_t> perm;
  std::string reason;
  if (auto out = movedShape(n, *shape, in, perm, reason))
    r.setType(RankedTensorType::get(
        *out, cast<RankedTensorType>(n->getOperand(0).getType()).getElementType()));
}

struct FoldConstantsPass : npc::onnx::impl::FoldConstantsBase<FoldConstantsPass> {
  void runOnOperation() override { foldConstants(getOperation()); }
};
} // namespace

void npc::onnx::foldConstants(ModuleOp module) {
  SmallVector<NodeOp> nodes;
  module.walk([&](NodeOp n) {
    if (inDefaultDomain(n) && n->getNumResults() == 1)
      nodes.push_back(n);
  });
  llvm::DenseMap<Value, std::unique_ptr<Const>> read;
  ConstantOperands in(read);
  for (NodeOp n : nodes) { // in block order: a folded result feeds later nodes
    if (n.getOpType() == "Constant") {
      (void)replaceConstantNode(n);
      continue;
    }
    in.setNode(n);
    std::string reason;
    std::optional<Const> c;
    if (isFoldable(n) && !isGraphOutput(n->getResult(0)))
      c = foldNode(n, in, reason);
    if (c && c->numel() <= kMaxFolded && statedAs(n->getResult(0).getType(), *c) &&
        replaceByConstant(n, *c, read))
      continue;
    typeMovement(n, in);
  }
}
