//===- FuseQdqToQOperator.cpp - QDQ clusters to QOperator nodes -----------===//
//
// onnx-fuse-qdq: DQ -> Conv|MatMul|Gemm -> [Relu|Clip] -> Q becomes one
// QLinearConv, QLinearMatMul or QGemm (+ an integer Clip), the QOperator
// form the conversion to qg reads (npc's QLinearMaxPool where onnxruntime
// has none); a chain of float functions of one activation, DQ ->
// Sigmoid|Mul|... -> Q, becomes one npc QLinearLookup; DQ -> [Relu|Clip]
// -> Q an npc QLinearRequantize with the activation's bounds.
// A cluster is fused only when every
// parameter is one the conversion accepts (QuantParams.h holds the rules
// both use); anything else is left for the conversion to report.
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/Onnx/Transforms/ConstantFolding.h"
#include "npc/Dialect/Onnx/Transforms/FunctionTables.h"
#include "npc/Dialect/Onnx/Transforms/Passes.h"
#include "npc/Dialect/Onnx/Transforms/QuantParams.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <functional>
#include <map>
#include <numeric>

namespace npc::onnx {
#define GEN_PASS_DEF_FUSEQDQTOQOPERATOR
#include "npc/Dialect/Onnx/Transforms/Passes.h.inc"
} // namespace npc::onnx

using namespace mlir;
using namespace npc::onnx;

namespace {


/// The default-domain node of type `type` (of one output) that defines `v`, else null. A
/// QuantizeLinear or DequantizeLinear must have its 2 or 3 inputs (the
/// patterns read them by position; the conversion reports any other count).
NodeOp nodeOf(Value v, llvm::StringRef type) {
  auto n = v ? v.getDefiningOp<NodeOp>() : NodeOp();
  // The conversion defines a node's first output only.
  if (!n || n.getOpType() != type || !inDefaultDomain(n) || n->getNumResults() != 1)
    return {};
  bool qdq = type == "QuantizeLinear" || type == "DequantizeLinear";
  return !qdq || (n->getNumOperands() >= 2 && n->getNumOperands() <= 3) ? n : NodeOp();
}

/// The default domain's opset of the module holding `op` (0 if unknown,
/// as the conversion reads it).
int64_t opsetOf(Operation *op) {
  auto module = op->getParentOfType<ModuleOp>();
  auto opset = module ? module->getAttrOfType<IntegerAttr>(kOpsetAttr) : nullptr;
  return opset ? opset.getInt() : 0;
}

/// Input `i` of `n`, null when omitted.
Value inputOf(NodeOp n, unsigned i) {
  if (i >= n->getNumOperands() || isa<NoneType>(n->getOperand(i).getType()))
    return {};
  return n->getOperand(i);
}

std::optional<QInfo> qdqParams(NodeOp n, llvm::ArrayRef<int64_t> shape,
                               std::optional<int32_t> storage, bool sixteenBit = false);

bool onlyAttrs(NodeOp n, std::initializer_list<llvm::StringRef> allowed);

/// A Transpose of one input swapping two axes (perm [1, 0] or none); the
/// callers check the rank is 2.
bool isSwap(NodeOp n) {
  if (n.getOpType() != "Transpose" || !inDefaultDomain(n) || n->getNumOperands() != 1 ||
      n->getNumResults() != 1 || !onlyAttrs(n, {"perm"}))
    return false;
  auto perm = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("perm"));
  return !n.getOnnxAttr("perm") || (perm && perm.asArrayRef() == llvm::ArrayRef<int64_t>{1, 0});
}

std::optional<Const> constOf(Value v, bool typeOnly = false, int depth = 0);

/// constOf's evaluation of a node's operands (foldNode's inputs): each
/// operand's constOf, read once; at most 65,536 elements made.
class ConstOfOperands : public FoldInputs {
public:
  ConstOfOperands(NodeOp n, int depth) : n(n), depth(depth) {}
  bool has(int i) override {
    return i < int(n->getNumOperands()) && !isa<NoneType>(n->getOperand(i).getType());
  }
  const std::vector<int64_t> *shape(int i) override {
    const Const *c = constant(i, "");
    return c ? &c->shape : nullptr;
  }
  const Const *constant(int i, const char *) override {
    if (!has(i))
      return nullptr;
    auto [it, added] = read.try_emplace(i);
    if (added)
      it->second = constOf(n->getOperand(i), /*typeOnly=*/false, depth + 1);
    return it->second ? &*it->second : nullptr;
  }
  const Const *intConstant(int i, const char *what) override {
    const Const *c = constant(i, what);
    return c && !c->isFloat() ? c : nullptr;
  }
  bool admit(int64_t elements, const std::string &) override { return elements <= (1 << 16); }
  int64_t tensorElements() override { return 1 << 16; }

private:
  NodeOp n;
  int depth;
  std::map<int, std::optional<Const>> read;
};

/// The values of constant `v` (only its type and shape when `typeOnly`):
/// an initializer or Constant node, or what the conversion folds to one
/// from them: Identity, Cast, and a small ConstantOfShape (torch writes a
/// bias's zero points as Cast(ConstantOfShape(shape))), and a
/// QuantizeLinear of a float constant (a QAT export's fake-quantized
/// weight, which FoldQuantizeOfConstant then replaces by its codes). The
/// other nodes stay for the conversion to fold and check as before.
std::optional<Const> constOf(Value v, bool typeOnly, int depth) {
  auto [attr, name] = elementsOf(v);
  Const c;
  if (attr) {
    if (auto k = v.getDefiningOp<ConstantOp>())
      c.narrowed = narrowedRangeOf(k);
    return (typeOnly ? readConstType(attr, name, c) : readConst(attr, name, c)).empty()
               ? std::optional<Const>(c)
               : std::nullopt;
  }
  NodeOp n = v ? v.getDefiningOp<NodeOp>() : NodeOp();
  if (!n || !inDefaultDomain(n) || n->getNumResults() != 1 || depth > 8)
    return std::nullopt;
  if (n.getOpType() == "QuantizeLinear" && nodeOf(v, "QuantizeLinear")) { // a QAT weight
    auto x = constOf(n->getOperand(0), typeOnly, depth + 1);
    if (!x || !x->isFloat())
      return std::nullopt;
    auto q = qdqParams(n, x->shape, std::nullopt);
    if (!q)
      return std::nullopt;
    if (typeOnly) {
      c.type = q->storage;
      c.shape = x->shape;
      return c;
    }
    if (!quantizeConst(*x, *q, c).empty())
      return std::nullopt;
    return c;
  }
  if (n.getOpType() == "Identity" && n->getNumOperands() == 1)
    return constOf(n->getOperand(0), typeOnly, depth + 1);
  if (isSwap(n)) { // a 2-D weight transposed (torch's nn.Linear reads W^T)
    auto x = constOf(n->getOperand(0), typeOnly, depth + 1);
    if (!x || x->shape.size() != 2)
      return std::nullopt;
    int64_t rows = x->shape[0], cols = x->shape[1];
    c.type = x->type;
    c.shape = {cols, rows};
    for (int64_t j = 0; !typeOnly && j < cols; ++j)
      for (int64_t i = 0; i < rows; ++i) {
        if (x->isFloat())
          c.floats.push_back(x->floats[i * cols + j]);
        else
          c.ints.push_back(x->ints[i * cols + j]);
      }
    return c;
  }
  // Cast, a small ConstantOfShape (zero points, not data) and Pow of two
  // scalars (torch writes attention's 1/sqrt(d) as Pow(d, -0.5)),
  // evaluated as the conversion evaluates them (foldNode).
  llvm::StringRef type = n.getOpType();
  if (type != "Cast" && type != "ConstantOfShape" && type != "Pow")
    return std::nullopt;
  ConstOfOperands in(n, depth);
  if (type == "ConstantOfShape") {
    const Const *shape = in.constant(0, "shape");
    if (n->getNumOperands() != 1 || !shape || shape->shape.size() != 1)
      return std::nullopt;
  } else if (type == "Pow") {
    const Const *base = in.constant(0, "X"), *e = in.constant(1, "Y");
    if (n->getNumOperands() != 2 || n.getAttrsAttr() || !base || !e || !base->isFloat() ||
        base->numel() != 1 || e->numel() != 1)
      return std::nullopt;
  } else if (n->getNumOperands() != 1) {
    return std::nullopt;
  }
  std::string reason;
  return foldNode(n, in, reason);
}

/// Whether `v` is a constant the conversion knows at compile time.
bool isConstant(Value v) { return constOf(v, /*typeOnly=*/true).has_value(); }

/// Whether `n`'s attributes are among `allowed`.
bool onlyAttrs(NodeOp n, std::initializer_list<llvm::StringRef> allowed) {
  if (!n.getAttrsAttr())
    return true;
  return llvm::all_of(n.getAttrsAttr(), [&](NamedAttribute a) {
    return llvm::is_contained(allowed, a.getName().strref());
  });
}

/// `n`'s attributes of the names in `own`, the operator's own, for the
/// fused node: the conversion reads no other of `n` (an exporter's stray
/// strides on a BatchNormalization are no window), while the fused node
/// may give one a meaning (QLinearAveragePool's channels_last).
DictionaryAttr ownAttrs(NodeOp n, std::initializer_list<llvm::StringRef> own) {
  if (!n.getAttrsAttr())
    return {};
  SmallVector<NamedAttribute> kept;
  for (NamedAttribute a : n.getAttrsAttr())
    if (llvm::is_contained(own, a.getName().strref()))
      kept.push_back(a);
  return kept.empty() ? DictionaryAttr() : DictionaryAttr::get(n.getContext(), kept);
}

/// A Q or DQ node's parameters (inputs 1 and 2) as the conversion reads
/// them: `axis` (default 1) along `shape`. `storage` is the type code of
/// the quantized side when known (a DequantizeLinear of a constant), which
/// a zero point must match and which it defaults to. A QuantizeLinear
/// without a zero point makes its output_dtype (opset 21), else uint8; a
/// DequantizeLinear of an activation without one reads its input's type,
/// which this level does not know: nullopt.
std::optional<QInfo> qdqParams(NodeOp n, llvm::ArrayRef<int64_t> shape,
                               std::optional<int32_t> storage, bool sixteenBit) {
  bool quantize = n.getOpType() == "QuantizeLinear";
  // saturate (opset 19) applies to float8 outputs only; block_size 0 (opset
  // 21) is no blocking, any other the conversion refuses.
  if (!(quantize ? onlyAttrs(n, {"axis", "output_dtype", "saturate", "block_size"})
                 : onlyAttrs(n, {"axis", "block_size"})) ||
      n.getIntAttr("block_size", 0) != 0 || n->getNumOperands() < 2 || n->getNumOperands() > 3)
    return std::nullopt;
  if (quantize && n.getOnnxAttr("output_dtype")) {
    int32_t t = int32_t(n.getIntAttr("output_dtype", 0));
    // The conversion refuses a type without a width (quantInfoOf below, one
    // no zero point may have when it is Y's).
    if (!storageWidth(t))
      return std::nullopt;
    if (!storage && !inputOf(n, 2))
      storage = t;
    // A zero point of another type: the conversion refuses the node.
    if (Value zv = inputOf(n, 2))
      if (auto z = constOf(zv, /*typeOnly=*/true); !z || z->type != t)
        return std::nullopt;
  }
  if (quantize && !storage && !inputOf(n, 2))
    storage = kUInt8;
  if (!storage && !inputOf(n, 2))
    return std::nullopt;
  auto s = constOf(n->getOperand(1));
  std::optional<Const> z;
  if (Value zv = inputOf(n, 2); zv && !(z = constOf(zv)))
    return std::nullopt;
  if (!s || (storage && z && z->type != *storage))
    return std::nullopt;
  auto [axis, channels] = quantAxisOf(n.getIntAttr("axis", 1), shape);
  QInfo q;
  if (!quantInfoOf(*s, z ? &*z : nullptr, axis, channels, storage ? *storage : z->type, q,
                   sixteenBit)
           .empty())
    return std::nullopt;
  return q;
}

/// Which values the conversion sees as activations: those that depend on a
/// graph input other than through its shape. It folds everything else to
/// a constant (Reshape, Slice, Concat, arithmetic of constants, Shape,
/// ...), more than constOf evaluates. Computed in one sweep over the block
/// (definitions come before uses), then for nodes the patterns create; it
/// forgets the nodes they erase (a listener), whose storage new ones reuse.
class ActivationValues : public RewriterBase::Listener {
public:
  explicit ActivationValues(ModuleOp module) {
    module.walk([&](Operation *op) {
      for (Value r : op->getResults())
        (void)contains(r);
    });
  }
  bool contains(Value v) {
    if (auto it = known.find(v); it != known.end())
      return it->second;
    bool activation = false;
    if (isa<BlockArgument>(v)) {
      activation = true;
    } else if (auto n = v.getDefiningOp<NodeOp>()) {
      static constexpr llvm::StringLiteral shapeOnly[] = {"Shape", "Size", "ConstantOfShape",
                                                          "Constant"};
      activation = !(inDefaultDomain(n) && llvm::is_contained(shapeOnly, n.getOpType())) &&
                   llvm::any_of(n->getOperands(), [&](Value o) { return contains(o); });
    }
    known[v] = activation;
    return activation;
  }
  void notifyOperationErased(Operation *op) override {
    for (Value r : op->getResults())
      known.erase(r);
  }

private:
  llvm::DenseMap<Value, bool> known;
};

/// The data movements PropagateDqThroughMove moves a DequantizeLinear
/// through (MaxPool aside): the conversion moves whatever their input stands
/// for, codes or a dequantized view of them, with the same checks.
/// (Gather of an activation by constant indices is a slice; Expand of one
/// changes no shape, or the conversion refuses it either way.)
constexpr llvm::StringLiteral kMoves[] = {
    "Flatten", "Reshape",      "Transpose",    "Squeeze", "Unsqueeze", "Identity",
    "Slice",   "DepthToSpace", "SpaceToDepth", "Gather",  "Expand"};

/// A data movement of kMoves, or a Resize by nearest neighbour (the
/// conversion repeats pixels of either alike; a linear one is arithmetic).
bool isMove(NodeOp n) {
  if (!inDefaultDomain(n))
    return false;
  if (n.getOpType() == "Resize") {
    auto mode = dyn_cast_or_null<StringAttr>(n.getOnnxAttr("mode"));
    return !mode || mode.getValue() == "nearest";
  }
  return llvm::is_contained(kMoves, n.getOpType());
}

/// The input index of Y's zero point of a node of the QOperator forms this
/// pass writes (and onnxruntime's of those names); Y's scale is the input
/// before it. nullopt for other nodes.
std::optional<unsigned> yZeroPointIndex(NodeOp n) {
  llvm::StringRef t = n.getOpType();
  if (!inDefaultDomain(n) && n.getDomain() != kNpcDomain && n.getDomain() != "com.microsoft")
    return std::nullopt;
  unsigned at;
  if (llvm::is_contained({"QLinearConv", "QLinearMatMul", "QLinearAdd", "QLinearMul", "QLinearSub"},
                         t))
    at = 7;
  else if (t == "QGemm" || t == "QLinearBatchNormalization")
    at = 8;
  else if (t == "QLinearConcat")
    at = 1;
  else if (t == "QLinearPad") // Y is X's codes, padded with X's zero point
    at = 2;
  else if (t == "QLinearLookup")
    at = 5;
  else if (t == "QLinearLayerNormalization")
    at = 6;
  else if (llvm::is_contained({"QLinearGlobalAveragePool", "QLinearAveragePool",
                               "QLinearReduceMean", "QLinearReduceSum", "QLinearReduceMax",
                               "QLinearSoftmax", "QLinearRequantize", "QLinearMaxPool"},
                              t))
    at = 4;
  else
    return std::nullopt;
  return at;
}

/// Y's zero point of a node of yZeroPointIndex's forms, whose type is Y's:
/// stated, and a constant; nullopt for other nodes.
std::optional<Const> yZeroPointOf(NodeOp n) {
  auto at = yZeroPointIndex(n);
  Value z = at ? inputOf(n, *at) : Value();
  return z ? constOf(z, /*typeOnly=*/true) : std::nullopt;
}

/// The storage type of codes `v`, which a DequantizeLinear without a zero
/// point reads (its zero point 0 of that type, the conversion's rule): a
/// graph input's element type, a QuantizeLinear's output type, a fused
/// node's Y zero point's type, moved, split, padded (npc's QLinearPad,
/// whose omitted X zero point is its input's type), max-pooled (a MaxPool
/// moved onto codes: PropagateDqThroughMove), clipped or cast or not
/// (the conversion casts codes only to their own type, else refuses the
/// Cast); nullopt elsewhere.
std::optional<int32_t> storageOf(Value v, int depth = 0) {
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    auto t = dyn_cast<ShapedType>(arg.getType());
    return t ? typeCodeOf(t.getElementType()) : std::nullopt;
  }
  if (NodeOp q = nodeOf(v, "QuantizeLinear")) {
    auto p = qdqParams(q, {}, std::nullopt);
    return p ? std::optional<int32_t>(p->storage) : std::nullopt;
  }
  NodeOp n = v.getDefiningOp<NodeOp>();
  if (!n || n->getNumOperands() < 1 || depth > 64)
    return std::nullopt;
  if (inDefaultDomain(n) && n.getOpType() == "Split") // a part of the codes
    return storageOf(n->getOperand(0), depth + 1);
  if (n->getNumResults() != 1)
    return std::nullopt;
  if (auto z = yZeroPointOf(n))
    return z->isFloat() ? std::nullopt : std::optional<int32_t>(z->type);
  if (isMove(n) ||
      (inDefaultDomain(n) && llvm::is_contained({"Clip", "Cast", "MaxPool"}, n.getOpType())) ||
      (n.getDomain() == kNpcDomain && n.getOpType() == "QLinearPad"))
    return storageOf(n->getOperand(0), depth + 1);
  return std::nullopt;
}

/// A DequantizeLinear's parameters per tensor, its omitted zero point 0 of
/// its input's type where that is known here (storageOf); `sixteenBit`:
/// npc's 16-bit codes too.
std::optional<QInfo> dequantizeParams(NodeOp dq, bool sixteenBit = false) {
  return qdqParams(dq, {}, inputOf(dq, 2) ? std::nullopt : storageOf(dq->getOperand(0)),
                   sixteenBit);
}

/// Whether `v` is npc's 16-bit codes of an average (FuseMeanReadByProduct's
/// node) or of a table (FuseTableReadByOperator's), or such codes a lone
/// Relu clamped (its QLinearRequantize), moved or split or not.
bool wideCodes(Value v) {
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || n->getNumOperands() < 1)
    return false;
  if (inDefaultDomain(n) && n.getOpType() == "Split") // a part of them
    return wideCodes(n->getOperand(0));
  if (n->getNumResults() != 1)
    return false;
  if (n.getDomain() == kNpcDomain) {
    if (!llvm::is_contained({"QLinearLookup", "QLinearGlobalAveragePool", "QLinearAveragePool",
                             "QLinearReduceMean", "QLinearRequantize"},
                            n.getOpType()))
      return false;
    auto z = yZeroPointOf(n);
    return z && !z->isFloat() && storageWidth(z->type) == 16;
  }
  return (isMove(n) || n.getOpType() == "MaxPool") && wideCodes(n->getOperand(0));
}

/// The value of an initializer or of a Constant node's `value`: the
/// constants the conversion reads ahead of its walk (its constantOf, before
/// it has converted the nodes after the one it is at).
std::optional<Const> readAheadConstant(Value v) {
  if (v.getDefiningOp<ConstantOp>())
    return constOf(v);
  auto n = v.getDefiningOp<NodeOp>();
  if (n && n.getOpType() == "Constant" && n.getAttrsAttr() &&
      isa_and_nonnull<ElementsAttr>(n.getAttrsAttr().get("value")))
    return constOf(v);
  return std::nullopt;
}

/// A dequantized activation (DQ of a value the conversion sees as one) per
/// tensor. Without a zero point its type is its input's, which a fused
/// node's omitted zero point also means (the conversion's rule), so it
/// fuses where only its scale matters (activationScale). `wide`: also of
/// npc's 16-bit codes (for the readers the conversion takes those in:
/// moves, products, pools, reductions, requantization, layer norm,
/// batch norm, softmax; not a chain's leaf, whose table is at most 8 bits).
NodeOp activationDq(Value v, ActivationValues &activations, bool wide = false) {
  NodeOp dq = nodeOf(v, "DequantizeLinear");
  if (!dq || !activations.contains(dq->getOperand(0)))
    return {};
  // Any storage checks the scale and axis when there is no zero point.
  auto q = qdqParams(dq, {}, inputOf(dq, 2) ? std::nullopt : std::optional<int32_t>(kUInt8),
                     wide && wideCodes(dq->getOperand(0)));
  return q && q->scales.size() == 1 ? dq : NodeOp();
}


/// The rank of `v` where this level can tell it (below).
std::optional<int64_t> rankOf(Value v, ActivationValues &activations);

/// Whether the conversion passes x's codes through a Relu of `dq`
/// (reluIsIdentity of its parameters, 16-bit codes npc writes included);
/// nullopt where this level cannot tell: no zero point, and codes whose
/// type storageOf does not know (the conversion knows it).
std::optional<bool> identityRelu(NodeOp dq) {
  if (!inputOf(dq, 2) && !storageOf(dq->getOperand(0)))
    return std::nullopt;
  auto q = dequantizeParams(dq, wideCodes(dq->getOperand(0)));
  return q && reluIsIdentity(*q);
}

/// The scale of activationDq's `dq` (which checked it is one constant).
double activationScale(NodeOp dq) { return constOf(dq->getOperand(1))->at(0); }

/// A bias input `v` of a product with `channels` outputs, as real numbers
/// times `scaleMul`: a float constant, or a DequantizeLinear of an integer
/// constant (the conversion's rules, biasRealValues).
std::optional<std::vector<double>> biasReals(Value v, int64_t channels, double scaleMul) {
  std::vector<double> out;
  std::optional<Const> c;
  std::optional<QInfo> q;
  if (NodeOp dq = nodeOf(v, "DequantizeLinear")) {
    c = constOf(dq->getOperand(0));
    if (!c || c->isFloat() || !(q = qdqParams(dq, c->shape, c->type)))
      return std::nullopt;
  } else if (!(c = constOf(v)) || !c->isFloat()) {
    return std::nullopt;
  }
  if (!biasRealValues(*c, q ? &*q : nullptr, scaleMul, channels, "bias", out).empty())
    return std::nullopt;
  return out;
}

/// A quantized operand behind a DequantizeLinear per tensor: an activation
/// or an integer constant (then its zero point of the constant's type).
/// `wide`: also npc's 16-bit codes (the conversion reads those with their
/// own parameters, readInputQInfo).
struct Dequantized {
  NodeOp dq;
  Value codes, scale, zeroPoint;
};
std::optional<Dequantized> dequantizedOperand(Value v, ActivationValues &activations,
                                              bool wide = false) {
  NodeOp dq = nodeOf(v, "DequantizeLinear");
  if (!dq)
    return std::nullopt;
  std::optional<int32_t> storage;
  bool constant = isConstant(dq->getOperand(0));
  // A constant only the conversion folds (ViT's class token expanded to
  // the batch by a computed shape) needs a zero point to say its type;
  // the DequantizeLinear checks it against the codes, as without fusion.
  if (!constant && !activations.contains(dq->getOperand(0)) && !inputOf(dq, 2))
    return std::nullopt;
  if (constant) {
    auto c = constOf(dq->getOperand(0), /*typeOnly=*/true);
    // A type the DequantizeLinear refuses stays for it to say so.
    if (!c || c->isFloat() || !storageTypeProblem(c->type, "input").empty())
      return std::nullopt;
    storage = c->type;
  } else if (!inputOf(dq, 2)) {
    storage = kUInt8; // any: the scale and axis are checked; the type is x's
  }
  // A missing zero point is 0 of the input's type, to the QLinear node (the
  // conversion's rule) as to the DequantizeLinear.
  auto q = qdqParams(dq, {}, storage, wide && wideCodes(dq->getOperand(0)));
  if (!q || q->scales.size() != 1)
    return std::nullopt;
  return Dequantized{dq, dq->getOperand(0), dq->getOperand(1), inputOf(dq, 2)};
}

/// What a cluster becomes: node `type` of `domain` on `ins`, with `attrs`.
struct Fusion {
  Fusion(llvm::StringRef type, llvm::StringRef domain, SmallVector<Value> ins,
         DictionaryAttr attrs, SmallVector<NodeOp> dqs)
      : type(type), domain(domain), ins(std::move(ins)), attrs(attrs), dqs(std::move(dqs)) {}
  llvm::StringRef type, domain;
  SmallVector<Value> ins;
  DictionaryAttr attrs;
  /// The DequantizeLinear nodes it read (those of constants go once unread).
  SmallVector<NodeOp> dqs;
  /// The int32 bias to add at `biasSlot` (-1: last, after Y's
  /// parameters), and the bias input it replaces.
  std::optional<std::vector<int32_t>> bias;
  int biasSlot = -1;
  Value oldBias;
  /// Whether the op it converts to clamps (takes the activation's Clip).
  bool clamps = true;
  /// Whether it takes an activation's clamp as inputs y_min, y_max last
  /// (after Y's parameters; a Concat's after its triples; an npc node: a
  /// com.microsoft one becomes npc's of its name), not as a Clip of its
  /// codes after it.
  bool boundsInputs = false;
  /// A product's: y_min, y_max at 9 and 10, an omitted bias none.
  bool boundsAfterBias = false;
  /// Where Y's scale and zero point go among `ins` (-1: after them).
  int yAt = -1;
  /// Weight codes and parameters replacing the weight's inputs (3, 4, 5):
  /// a Conv's with the per-channel float ops after it folded in.
  std::optional<Const> weight;
  QInfo weightQ;
  /// Nodes between the op and the activation folded into it.
  SmallVector<NodeOp> folded;
  /// Initializers to make for inputs (at index `at` of `ins`), named after
  /// the op with `suffix`.
  struct Made {
    unsigned at;
    const char *suffix;
    DenseElementsAttr value;
  };
  SmallVector<Made> made;
};

/// `type` of `domain` on `ins` (those of `dq` first), with `attrs`,
/// taking no activation.
Fusion clamplessOn(llvm::StringRef type, llvm::StringRef domain, SmallVector<Value> ins, NodeOp dq,
                   DictionaryAttr attrs) {
  Fusion f{type, domain, std::move(ins), attrs, {dq}};
  f.clamps = false;
  return f;
}

/// `type` of `domain` of the activation behind `dq`, with `attrs`,
/// taking no activation.
Fusion clampless(llvm::StringRef type, llvm::StringRef domain, NodeOp dq, DictionaryAttr attrs) {
  return clamplessOn(type, domain, {dq->getOperand(0), dq->getOperand(1), inputOf(dq, 2)}, dq,
                     attrs);
}

/// An average pool or reduction of a dequantized activation
/// (GlobalAveragePool, AveragePool, ReduceMean, ReduceSum, ReduceMax) as
/// onnxruntime's QLinearGlobalAveragePool, QLinearAveragePool or
/// QLinearReduceMean (com.microsoft), npc's QLinearReduceSum or
/// QLinearReduceMax, Y's parameters to add: only AveragePool's own
/// attributes (QLinearAveragePool has others, channels_last, the conversion
/// would read: ownAttrs); a reduction's axes made an attribute when they are an
/// input (ReduceSum from opset 13, the others from 18; the QLinear forms
/// have the attribute only). Of npc's 16-bit codes (a table's, an
/// average's) too, as the conversion reads them: then npc's node of the
/// same name (onnxruntime's take 8 bits).
std::optional<Fusion> reductionFusion(NodeOp op, ActivationValues &activations) {
  NodeOp dq = activationDq(op->getOperand(0), activations, /*wide=*/true);
  if (!dq)
    return std::nullopt;
  MLIRContext *ctx = op.getContext();
  llvm::StringRef type = op.getOpType();
  llvm::StringRef ortDomain = wideCodes(dq->getOperand(0)) ? kNpcDomain : "com.microsoft";
  SmallVector<Value> x = {dq->getOperand(0), dq->getOperand(1), inputOf(dq, 2)};
  if (type == "GlobalAveragePool" || type == "AveragePool") {
    bool global = type == "GlobalAveragePool";
    if (op->getNumOperands() != 1)
      return std::nullopt;
    return Fusion{global ? "QLinearGlobalAveragePool" : "QLinearAveragePool", ortDomain, x,
                  global ? nullptr
                         : ownAttrs(op, {"auto_pad", "ceil_mode", "count_include_pad",
                                         "dilations", "kernel_shape", "pads", "strides"}),
                  {dq}};
  }
  if (!llvm::is_contained({"ReduceMean", "ReduceSum", "ReduceMax"}, type) ||
      op->getNumOperands() > 2 || !onlyAttrs(op, {"axes", "keepdims", "noop_with_empty_axes"}))
    return std::nullopt;
  NamedAttrList attrs;
  if (DictionaryAttr own = op.getAttrsAttr())
    attrs.append(own.getValue());
  if (Value axes = inputOf(op, 1)) { // it wins over the attribute, as in the conversion
    auto c = constOf(axes);
    if (!c || c->isFloat())
      return std::nullopt;
    attrs.set("axes", DenseI64ArrayAttr::get(ctx, c->ints));
  }
  bool mean = type == "ReduceMean";
  return Fusion{mean ? "QLinearReduceMean" : type == "ReduceSum" ? "QLinearReduceSum"
                                                                 : "QLinearReduceMax",
                mean ? ortDomain : llvm::StringRef(kNpcDomain), x,
                attrs.empty() ? nullptr : attrs.getDictionary(ctx), {dq}};
}

/// A Relu or Clip before a QuantizeLinear, as the fusion takes it: an
/// integer Clip after a fused product (integerClip), QLinearRequantize's
/// y_min and y_max.
struct Activation {
  NodeOp node;
  bool relu = false;
  std::optional<double> lo, hi;
  /// The Clip of Q's codes after it (torch's QAT exports clip every
  /// QuantizeLinear's output to 0..127 again), its bounds in Y's codes.
  NodeOp codesClip;
  int64_t codesLo = 0, codesHi = 0;
  /// Before opset 11: bounds from attributes, no integer Clip to become.
  bool attrBounds = false;
};

/// Whether a BatchNormalization is one for inference: training_mode 0
/// (exporters write it; 1 the conversion refuses at the node). Of its
/// attributes the conversion reads epsilon; others (momentum, an
/// exporter's stray strides or pads) mean nothing to it.
bool batchNormAttrsRead(NodeOp n) { return n.getIntAttr("training_mode", 0) == 0; }

bool isActivation(NodeOp n) {
  return n && inDefaultDomain(n) && (n.getOpType() == "Relu" || n.getOpType() == "Clip");
}

bool isQuantizeLinear(Operation *op) {
  auto n = dyn_cast_if_present<NodeOp>(op);
  return n && inDefaultDomain(n) && n.getOpType() == "QuantizeLinear";
}

/// A scale and zero point as a node states them; `zero` null where it is
/// omitted, then code 0 of `omittedType` (a QuantizeLinear's output_dtype,
/// else uint8), 0 where this level does not know it.
struct StatedParams {
  Value scale, zero;
  int32_t omittedType = 0;
};

/// A QuantizeLinear's Y parameters (inputs 1 and 2).
static StatedParams quantizeParams(NodeOp q) {
  return {q->getOperand(1), inputOf(q, 2), int32_t(q.getIntAttr("output_dtype", kUInt8))};
}

/// The zero point `p` states or omits, as a constant; nullopt where it is
/// not one or its type is unknown.
static std::optional<Const> zeroPointOf(const StatedParams &p) {
  if (p.zero)
    return constOf(p.zero);
  if (!p.omittedType)
    return std::nullopt;
  Const c;
  c.type = p.omittedType;
  c.ints = {0};
  return c;
}

/// Zero point `z`'s narrowed range where it is narrower than its type's
/// (a narrowed_range of the full range is no narrowing, as the conversion
/// reads it).
static std::optional<std::pair<int64_t, int64_t>> narrowedRange(const Const &z) {
  return z.narrowed && *z.narrowed != storageRange(z.type) ? z.narrowed : std::nullopt;
}

/// Whether `a` and `b` state one scale and one zero point each (omitted
/// ones as above), the same (type, value, narrowed range): codes typed with
/// the one and read with the other are of one quantized type.
static bool sameParams(const StatedParams &a, const StatedParams &b) {
  if (!a.scale || !b.scale)
    return false;
  auto sa = constOf(a.scale), sb = constOf(b.scale);
  auto za = zeroPointOf(a), zb = zeroPointOf(b);
  return sa && sb && za && zb && sa->numel() == 1 && sb->numel() == 1 && za->numel() == 1 &&
         zb->numel() == 1 && sa->type == sb->type && sa->floats == sb->floats &&
         za->type == zb->type && za->ints == zb->ints && narrowedRange(*za) == narrowedRange(*zb);
}

/// The parameters codes `v` are typed with: a QuantizeLinear's, or Y's of
/// a node the fusion writes (yZeroPointIndex, which states Y's zero point),
/// through data movements (the conversion moves codes as they are typed);
/// nullopt elsewhere.
static std::optional<StatedParams> typedWith(Value v, int depth = 0) {
  if (NodeOp q = nodeOf(v, "QuantizeLinear"))
    return quantizeParams(q);
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || n->getNumResults() != 1 || n->getNumOperands() < 1 || depth > 64)
    return std::nullopt;
  if (auto at = yZeroPointIndex(n); at && n.getOpType() != "QLinearPad") {
    Value s = inputOf(n, *at - 1), z = inputOf(n, *at);
    return s && z ? std::optional(StatedParams{s, z}) : std::nullopt;
  }
  return isMove(n) ? typedWith(n->getOperand(0), depth + 1) : std::nullopt;
}

/// Whether npc's QLinearRequantize `n` (of X's and Y's parameters, which
/// the caller compares) scales by nothing and clamps nothing: no factor or
/// divisor but 1, and y_min, y_max (if given) at or beyond Y's codes'
/// range, its narrowed one if it has one (emitRescale's; the caller finds
/// X's the same). Not a narrowed Y with a factor or divisor, even 1:
/// emitScaled's codes are of Y's full range (helper-61); an empty
/// attribute dictionary is none (helper-62).
static bool requantizesOnly(NodeOp n) {
  if (n->getNumOperands() != 5 && n->getNumOperands() != 7)
    return false;
  auto z = constOf(n->getOperand(4), /*typeOnly=*/true);
  if (!z || z->isFloat())
    return false;
  std::optional<std::pair<int64_t, int64_t>> narrowed = narrowedRange(*z);
  // The conversion reads factor and divisor as float32 and ignores other
  // attributes.
  Attribute factor = n.getOnnxAttr("factor"), divisor = n.getOnnxAttr("divisor");
  if (factor && divisor)
    return false;
  if (Attribute a = factor ? factor : divisor) {
    auto k = dyn_cast<FloatAttr>(a);
    if (!k || float(k.getValueAsDouble()) != 1.0f || narrowed)
      return false;
  }
  if (n->getNumOperands() == 5)
    return true;
  auto [lo, hi] = narrowed ? *narrowed : storageRange(z->type);
  auto yMin = constOf(n->getOperand(5)), yMax = constOf(n->getOperand(6));
  return yMin && yMax && !yMin->isFloat() && !yMax->isFloat() && yMin->numel() == 1 &&
         yMax->numel() == 1 && yMin->ints[0] <= lo && yMax->ints[0] >= hi;
}

/// Whether Q or DQ node `n` quantizes per tensor or per channel: no
/// block_size but 0 (opset 21), which the conversion refuses.
static bool unblocked(NodeOp n) { return n.getIntAttr("block_size", 0) == 0; }

/// Whether QuantizeLinear `q`'s output_dtype, if stated, is a type the
/// conversion reads and its zero point's, if stated (else the conversion
/// refuses the node).
static bool sameOutputType(NodeOp q) {
  if (!q.getOnnxAttr("output_dtype"))
    return true;
  int32_t t = int32_t(q.getIntAttr("output_dtype", 0));
  if (!inputOf(q, 2))
    return storageWidth(t) != 0;
  auto z = constOf(q->getOperand(2), /*typeOnly=*/true);
  return z && z->type == t;
}

/// The codes a requantization of `v` reads when it changes nothing to the
/// conversion: npc's QLinearRequantize that only requantizes, or a
/// QuantizeLinear of a DequantizeLinear (behind Expands, as sameCodes
/// reads them: the walk has not moved the DequantizeLinear after them
/// yet), whose input codes are typed with the parameters it reads them
/// with and writes (emitRescale returns its input itself, the same value);
/// else `v`. Zero points may be omitted (sameParams). Other attributes are
/// no matter to the conversion there: `axis` (sameParams compares one
/// scale and one zero point each), saturate (for float8 only) and ones
/// ONNX does not define, which it ignores.
static Value unchangedCodes(Value v) {
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || n->getNumResults() != 1)
    return v;
  Value codes;
  StatedParams xParams, yParams;
  if (n.getDomain() == kNpcDomain && n.getOpType() == "QLinearRequantize" &&
      requantizesOnly(n)) {
    codes = n->getOperand(0);
    xParams = {n->getOperand(1), inputOf(n, 2)};
    yParams = {n->getOperand(3), inputOf(n, 4)};
  } else if (NodeOp q = nodeOf(v, "QuantizeLinear");
             q && unblocked(q) && sameOutputType(q)) {
    Value x = q->getOperand(0);
    for (int depth = 0; depth < 64; ++depth) {
      NodeOp e = nodeOf(x, "Expand");
      if (!e || e->getNumOperands() != 2)
        break;
      x = e->getOperand(0);
    }
    NodeOp dq = nodeOf(x, "DequantizeLinear");
    if (!dq || !unblocked(dq))
      return v;
    codes = dq->getOperand(0);
    xParams = {dq->getOperand(1), inputOf(dq, 2)};
    yParams = quantizeParams(q);
  } else {
    return v;
  }
  auto typed = typedWith(codes);
  if (!typed)
    return v;
  // A DequantizeLinear without a zero point reads its input's type.
  if (auto z = zeroPointOf(*typed))
    xParams.omittedType = z->type;
  return sameParams(*typed, xParams) && sameParams(xParams, yParams) ? codes : v;
}

/// Whether `a` and `b` are the same codes to the conversion: the same
/// value, or the same behind Expands, whose output is its input's value
/// there (an Expand of an activation changes no shape, or is refused), and
/// behind requantizations that change nothing (unchangedCodes).
bool sameCodes(Value a, Value b) {
  auto behind = [](Value v) {
    for (int depth = 0; depth < 64; ++depth) {
      NodeOp e = nodeOf(v, "Expand");
      Value next = e && e->getNumOperands() == 2 ? e->getOperand(0) : unchangedCodes(v);
      if (next == v)
        break;
      v = next;
    }
    return v;
  };
  return behind(a) == behind(b);
}

/// Whether `op` is a default-domain Shape (which the conversion folds).
bool isShape(Operation *op) {
  auto n = dyn_cast<NodeOp>(op);
  return n && inDefaultDomain(n) && n.getOpType() == "Shape";
}

/// Whether `v` is read, and by QuantizeLinears alone: the conversion holds
/// a pending op or function there and fuses it at each of them, a node per
/// QuantizeLinear, as the fusion does one QuantizeLinear at a time.
bool readByQuantizeLinearsOnly(Value v) {
  return !v.use_empty() && llvm::all_of(v.getUsers(), isQuantizeLinear);
}

/// Whether reader `u` is a QuantizeLinear, or a Relu or Clip (before one).
bool quantizeSide(Operation *u) { return isQuantizeLinear(u) || isActivation(dyn_cast<NodeOp>(u)); }

/// Whether every reader of `op` is a QuantizeLinear, or a Relu or Clip
/// before one: each then gets its own fused node, at its position, as
/// the conversion emits one per QuantizeLinear. Another reader (a
/// product of an average) leaves the op to the conversion, which places
/// what it makes of that reader elsewhere.
bool readByQuantizeOnly(NodeOp op) { return llvm::all_of(op->getUsers(), quantizeSide); }

/// Whether the readers of ReduceMean `mean` other than QuantizeLinears
/// (and a Relu or Clip before one, as readByQuantizeOnly) are one node
/// that would join it in a layer norm written as arithmetic once those
/// fused away: Sub(x, mean), which starts one, or the variance's Add of
/// epsilon (matchLayerNormChain asks each for one reader, helper-71).
static bool layerNormOnceQuantizeLinearsGo(NodeOp mean) {
  SmallVector<Operation *, 2> others;
  for (Operation *u : mean->getUsers())
    if (!quantizeSide(u))
      others.push_back(u);
  auto n = others.size() == 1 ? dyn_cast<NodeOp>(others[0]) : NodeOp();
  return n && inDefaultDomain(n) && (n.getOpType() == "Add" || subtractsMean(n, mean));
}

/// Whether `op` may stay for readers other than QuantizeLinears (and a
/// Relu or Clip before one) while each of those gets its own fused node:
/// the conversion holds `op` pending and fuses it at each QuantizeLinear
/// alike, and what it does at another reader (refuse it, or grow a
/// pending op of it) does not depend on the QuantizeLinears. Not a max
/// pool, which the conversion pools where its readers say
/// (maxPoolReadByFloatOps, and as a view of its codes for a move or a
/// float operator); a ReduceMean not where it would start a layer norm or
/// be its variance once the QuantizeLinears go
/// (layerNormOnceQuantizeLinearsGo); an average only when no reader makes
/// it codes (firstCodesReader; averageReadByProducts is then false with or
/// without the QuantizeLinears). A reader it stays for then refuses it as
/// the conversion did when it fused QDQ itself ("the float output of
/// 'mean'"), not the QuantizeLinear.
bool keptForOtherReaders(NodeOp op) {
  llvm::StringRef type = op.getOpType();
  if (type == "MaxPool")
    return false;
  if (type == "ReduceMean" && layerNormOnceQuantizeLinearsGo(op))
    return false;
  if (llvm::is_contained({"GlobalAveragePool", "AveragePool", "ReduceMean"}, type))
    return !firstCodesReader(op);
  return true;
}

/// Whether the QuantizeLinears reading `op` fuse with it: it has no
/// other readers, or stays for them (keptForOtherReaders).
bool quantizeReadersFuse(NodeOp op) { return readByQuantizeOnly(op) || keptForOtherReaders(op); }

/// `act` (Relu or Clip, read by `q` and maybe other QuantizeLinears, each
/// of which fuses on its own) when the fusion takes it in
/// (an integer Clip after the fused node, or bounds y_min, y_max of
/// QLinearRequantize, a softmax, a reduction or a layer norm):
/// bounds that are float scalars (inputs from opset 11, attributes min
/// and max before, as the conversion reads them) and a clamp the
/// conversion accepts. Before opset 11 only as bounds (`attrBounds`): the
/// integer Clip after a fused node needs Clip's inputs.
/// With `codesClips`, a Clip of Q's codes after it joins it, or the
/// activation is left alone; without, such a Clip stays where it is.
/// `kept`: other readers may read `act` too, for which it stays (of an
/// operator the conversion keeps pending for them: keptForOtherReaders).
std::optional<Activation> fusableActivation(NodeOp act, NodeOp q, const QInfo &yq,
                                            bool codesClips = true, bool kept = false) {
  // A Relu takes one input: one with more stays for the conversion, which
  // reads (and checks) them.
  if (act->getNumResults() != 1 || act->getNumOperands() < 1 || act->getNumOperands() > 3 ||
      (act.getOpType() == "Relu" && act->getNumOperands() != 1) ||
      !(kept || readByQuantizeLinearsOnly(act->getResult(0))))
    return std::nullopt;
  Activation a;
  a.node = act;
  a.relu = act.getOpType() == "Relu";
  a.attrBounds = opsetOf(q) < 11;
  if (a.attrBounds) {
    // Clip-6's bounds: float attributes (other attributes, and inputs,
    // which the conversion refuses, are left to it).
    if (act->getNumOperands() != 1 ||
        (a.relu ? !onlyAttrs(act, {}) : !onlyAttrs(act, {"min", "max"})))
      return std::nullopt;
    for (llvm::StringRef name : {"min", "max"}) {
      Attribute v = act.getOnnxAttr(name);
      if (!v)
        continue;
      auto f = dyn_cast<FloatAttr>(v);
      if (!f)
        return std::nullopt;
      (name == "min" ? a.lo : a.hi) = float(f.getValueAsDouble());
    }
  } else if (act.getAttrsAttr() && !act.getAttrsAttr().empty()) {
    return std::nullopt;
  }
  for (unsigned i = 1; !a.relu && !a.attrBounds && i < act->getNumOperands(); ++i) {
    Value b = inputOf(act, i);
    if (!b)
      continue;
    auto c = constOf(b);
    if (!c || !c->isFloat() || c->numel() != 1)
      return std::nullopt;
    (i == 1 ? a.lo : a.hi) = c->floats[0];
  }
  int32_t cmin, cmax;
  if ((a.relu || a.lo || a.hi) && !activationClamp(yq, a.relu, a.lo, a.hi, cmin, cmax).empty())
    return std::nullopt;
  // torch's QAT exports clip Q's codes again (0..127). The conversion
  // narrows the fused node's clamp for one Clip after it, not for two: a
  // Clip that alone reads Q, by integer scalars of Y's type, joins the
  // activation's; one of codes that others read too stays after it (the
  // conversion rescales there); a lone Clip of another form leaves the
  // cluster alone.
  auto isClip = [](Operation *u) {
    auto n = dyn_cast<NodeOp>(u);
    return n && n.getOpType() == "Clip";
  };
  if (!codesClips || llvm::none_of(q->getUsers(), isClip) || !q->hasOneUse())
    return a;
  if (a.attrBounds) // a Clip of codes needs its bound inputs
    return std::nullopt;
  NodeOp clip = q->hasOneUse() ? dyn_cast<NodeOp>(*q->getUsers().begin()) : NodeOp();
  if (!clip || !inDefaultDomain(clip) || clip->getNumResults() != 1 ||
      clip->getNumOperands() > 3 || clip.getAttrsAttr())
    return std::nullopt;
  auto [storageLo, storageHi] = codeBounds(yq);
  a.codesLo = storageLo;
  a.codesHi = storageHi;
  for (unsigned i = 1; i < clip->getNumOperands(); ++i) {
    Value b = inputOf(clip, i);
    if (!b)
      continue;
    auto c = constOf(b);
    if (!c || c->isFloat() || c->type != yq.storage || c->numel() != 1)
      return std::nullopt;
    (i == 1 ? a.codesLo : a.codesHi) = c->ints[0];
  }
  if (a.codesLo > a.codesHi)
    return std::nullopt; // the conversion says the range is empty
  a.codesClip = clip;
  return a;
}

Value noneValue(PatternRewriter &rewriter, Location loc) {
  return NoneOp::create(rewriter, loc, rewriter.getType<NoneType>());
}

/// A node like `like` (op type, domain, name, attributes, shown op type,
/// location) of other inputs `ins` and result types `types`, with
/// `outputs` (else `like`'s) and `attrs` (else `like`'s): `like` moved
/// onto other values (codes before their DequantizeLinear, a function
/// after an Expand).
NodeOp cloneNode(PatternRewriter &rewriter, NodeOp like, TypeRange types, ValueRange ins,
                 ArrayAttr outputs = {}, DictionaryAttr attrs = {}) {
  return NodeOp::create(rewriter, like.getLoc(), types, like.getOpType(), like.getDomain(),
                        like.getName(), outputs ? outputs : like.getOutputs(),
                        attrs ? attrs : like.getAttrsAttr(), like.getSourceOpTypeAttr(), ins);
}

/// `dq`'s codes, scale and zero point as a fused node's x inputs; an
/// omitted zero point stays omitted (x's type, as for the DequantizeLinear).
SmallVector<Value> dequantizedInputs(PatternRewriter &rewriter, NodeOp dq) {
  Value zx = inputOf(dq, 2);
  return {dq->getOperand(0), dq->getOperand(1), zx ? zx : noneValue(rewriter, dq.getLoc())};
}

/// An initializer named `name` (its location too) holding `value`; a zero
/// point with `narrowed`, its range.
Value namedConstant(PatternRewriter &rewriter, const std::string &name, DenseElementsAttr value,
                    DenseI64ArrayAttr narrowed = nullptr) {
  return ConstantOp::create(rewriter, NameLoc::get(rewriter.getStringAttr(name)),
                            value.getType(), rewriter.getStringAttr(name), value, narrowed);
}

/// Integer `values` of type code `type` (int32 or a storage type) and
/// `shape` as a dense attribute.
DenseElementsAttr integerElements(MLIRContext *ctx, int32_t type, llvm::ArrayRef<int64_t> values,
                                  llvm::ArrayRef<int64_t> shape) {
  unsigned width = storageWidth(type);
  bool isSigned = isSignedStorage(type);
  SmallVector<APInt> v;
  v.reserve(values.size());
  for (int64_t x : values)
    v.push_back(APInt(width, uint64_t(x), isSigned, /*implicitTrunc=*/true));
  return DenseElementsAttr::get(RankedTensorType::get(shape, elementTypeOf(ctx, type)), v);
}

/// An initializer `name` holding code `v` of Y's type (a bound of a Clip of
/// Y's codes).
Value codeScalar(PatternRewriter &rewriter, const std::string &name, int32_t v, const QInfo &yq) {
  return namedConstant(rewriter, name,
                       integerElements(rewriter.getContext(), yq.storage, {int64_t(v)}, {}));
}

/// Initializers `name`.y_scale (float32) and `name`.y_zero_point holding
/// `yq`'s parameters (per tensor).
std::pair<Value, Value> yParams(PatternRewriter &rewriter, const std::string &name,
                                const QInfo &yq) {
  Value scale = namedConstant(
      rewriter, name + ".y_scale",
      DenseElementsAttr::get(RankedTensorType::get({}, rewriter.getF32Type()),
                             float(yq.scales[0])));
  Value zero = namedConstant(rewriter, name + ".y_zero_point",
                             integerElements(rewriter.getContext(), yq.storage, yq.zeroPoints, {}));
  return {scale, zero};
}

/// The zero point (input 2) of QuantizeLinear or DequantizeLinear `n`, or
/// one made explicit, named `name`: 0 of `q`'s type (a QuantizeLinear's
/// output_dtype, else uint8; a DequantizeLinear's codes' type), which a
/// fused node's omitted Y zero point would not say (it means uint8).
Value statedZeroPoint(PatternRewriter &rewriter, NodeOp n, const QInfo &q,
                      const std::string &name) {
  if (Value z = inputOf(n, 2))
    return z;
  return codeScalar(rewriter, name, 0, q);
}

/// `q`'s zero point, stated (statedZeroPoint).
Value yZeroPoint(PatternRewriter &rewriter, NodeOp q, const QInfo &yq) {
  return statedZeroPoint(rewriter, q, yq, q.getName().str() + ".zero_point");
}

/// `a`'s clamp in Y's codes (the conversion's clampFor), narrowed by a Clip
/// of Q's codes after it: clamp(clamp(v, a, b), c, d) is clamp(v, clamp(a,
/// c, d), clamp(b, c, d)), as the conversion narrows.
std::pair<int32_t, int32_t> activationBounds(const Activation &a, const QInfo &yq) {
  int32_t cmin, cmax;
  (void)activationClamp(yq, a.relu, a.lo, a.hi, cmin, cmax);
  if (a.codesClip) {
    cmin = int32_t(std::clamp<int64_t>(cmin, a.codesLo, a.codesHi));
    cmax = int32_t(std::clamp<int64_t>(cmax, a.codesLo, a.codesHi));
  }
  return {cmin, cmax};
}

/// `a`'s clamp (activationBounds) as two initializers of Y's codes named
/// after its node: an npc node's inputs y_min and y_max.
std::array<Value, 2> boundInputs(PatternRewriter &rewriter, const Activation &a,
                                 const QInfo &yq) {
  auto [cmin, cmax] = activationBounds(a, yq);
  std::string name = NodeOp(a.node).getName().str();
  return {codeScalar(rewriter, name + ".min", cmin, yq),
          codeScalar(rewriter, name + ".max", cmax, yq)};
}

/// `a`'s integer Clip of the fused node's codes `r`, its bounds in Y's codes
/// and type (the conversion's clampFor), named as `a`'s node and defining
/// `q`'s outputs; with a Clip of Q's codes after it, the two as one
/// (clamp(clamp(v, a, b), c, d) is clamp(v, clamp(a, c, d), clamp(b, c, d)),
/// as the conversion narrows), defining that Clip's outputs, which `q`'s
/// replacement then stands for.
Value integerClip(PatternRewriter &rewriter, Value r, const Activation &a, NodeOp q,
                  const QInfo &yq) {
  NodeOp act = a.node, codesClip = a.codesClip;
  auto [cmin, cmax] = activationBounds(a, yq);
  bool twice = bool(a.codesClip);
  auto scalar = [&](const char *suffix, int32_t v) {
    return codeScalar(rewriter, act.getName().str() + suffix, v, yq);
  };
  SmallVector<Value, 3> clipIns = {r, twice || a.relu || a.lo
                                          ? scalar(".min", cmin)
                                          : noneValue(rewriter, act.getLoc())};
  if (twice || a.hi)
    clipIns.push_back(scalar(".max", cmax));
  return NodeOp::create(rewriter, act.getLoc(), q->getResultTypes(), "Clip", "",
                        act.getName(), twice ? codesClip.getOutputs() : q.getOutputs(),
                        nullptr, rewriter.getStringAttr(act.getShownOpType()), clipIns)
      ->getResult(0);
}

/// Replaces `q` (and the Clip of its codes `a` joined, if any) by `r`.
void replaceQuantize(PatternRewriter &rewriter, NodeOp q, const std::optional<Activation> &a,
                     Value r, llvm::SetVector<Operation *> &unread) {
  if (a && a->codesClip) {
    rewriter.replaceAllUsesWith(a->codesClip->getResult(0), r);
    unread.insert(a->codesClip); // after the walk, which erases only what it matched
  }
  rewriter.replaceOp(q, r);
}

/// A pattern matched at a QuantizeLinear per tensor (the Y of the node it
/// fuses into); `fuseAt` does the rest. What it leaves unread goes into
/// `unread`.
struct AtQuantizeLinear : OpRewritePattern<NodeOp> {
  AtQuantizeLinear(MLIRContext *ctx, llvm::SetVector<Operation *> &unread,
                   ActivationValues &activations)
      : OpRewritePattern(ctx), unread(unread), activations(activations) {}

  LogicalResult matchAndRewrite(NodeOp q, PatternRewriter &rewriter) const final {
    if (q.getOpType() != "QuantizeLinear" || !inDefaultDomain(q) || q->getNumResults() != 1)
      return failure();
    auto yq = qdqParams(q, {}, std::nullopt);
    if (!yq || yq->scales.size() != 1)
      return failure();
    return fuseAt(q, *yq, rewriter);
  }
  virtual LogicalResult fuseAt(NodeOp q, const QInfo &yq, PatternRewriter &rewriter) const = 0;

protected:
  /// Q's input past a Relu or Clip before it (`a`, which a Clip of Q's
  /// codes after Q does not join), or failure when the fusion cannot take
  /// that activation.
  static FailureOr<Value> inputPastActivation(NodeOp q, const QInfo &yq,
                                              std::optional<Activation> &a) {
    NodeOp act = q->getOperand(0).getDefiningOp<NodeOp>();
    if (isActivation(act) && !(a = fusableActivation(act, q, yq, /*codesClips=*/false)))
      return failure();
    return a ? act->getOperand(0) : q->getOperand(0);
  }

  llvm::SetVector<Operation *> &unread;
  ActivationValues &activations;
};

/// A pattern at a QuantizeLinear that looks past a Relu or Clip before it
/// first (inputPastActivation): `fuseAfter` gets Q's input past it and
/// the activation, if any.
struct AtActivatedQuantizeLinear : AtQuantizeLinear {
  using AtQuantizeLinear::AtQuantizeLinear;

  LogicalResult fuseAt(NodeOp q, const QInfo &yq, PatternRewriter &rewriter) const final {
    std::optional<Activation> a;
    FailureOr<Value> in = inputPastActivation(q, yq, a);
    if (failed(in))
      return failure();
    return fuseAfter(q, yq, *in, a, rewriter);
  }
  virtual LogicalResult fuseAfter(NodeOp q, const QInfo &yq, Value in,
                                  const std::optional<Activation> &a,
                                  PatternRewriter &rewriter) const = 0;
};

/// DQ(x) [, DQ(W)] [, bias] -> op -> [Relu | Clip] -> Q, matched at the
/// QuantizeLinear; `op` a product (Conv, MatMul, Gemm), an elementwise Add
/// or Mul, an average pool or a Concat.
struct FuseQdqCluster : AtQuantizeLinear {
  using AtQuantizeLinear::AtQuantizeLinear;

  LogicalResult fuseAt(NodeOp q, const QInfo &yq, PatternRewriter &rewriter) const override {

    // The activation between the op and Q, if any; both may have other
    // readers, for which they stay (quantizeReadersFuse).
    NodeOp act = q->getOperand(0).getDefiningOp<NodeOp>();
    if (!isActivation(act))
      act = {};
    NodeOp op = (act ? act->getOperand(0) : q->getOperand(0)).getDefiningOp<NodeOp>();
    if (!op || !inDefaultDomain(op) || op->getNumResults() != 1 || op->getNumOperands() < 1 ||
        !quantizeReadersFuse(op))
      return failure();
    bool kept = keptForOtherReaders(op);
    std::optional<Activation> a;
    if (act && !(a = fusableActivation(act, q, yq, /*codesClips=*/true, kept)))
      return failure();

    std::optional<Fusion> f;
    llvm::StringRef type = op.getOpType();
    if (type == "Conv" || type == "MatMul" || type == "Gemm")
      f = product(op);
    else if (type == "Add" || type == "Mul" || type == "Sub")
      f = binary(op);
    else if (type == "GlobalAveragePool" || type == "AveragePool")
      f = reductionFusion(op, activations);
    else if (type == "Concat")
      f = concat(op);
    else if (type == "MaxPool")
      f = maxPool(op);
    else if (type == "Softmax" || type == "ReduceMean" || type == "ReduceSum" ||
             type == "ReduceMax")
      f = softmaxOrReduction(op);
    else if (type == "LayerNormalization")
      f = layerNorm(op);
    else if (type == "Resize")
      f = linearResize(op);
    if (!f && type == "Add")
      f = matMulBias(op); // `op` becomes the MatMul
    if (!f && (type == "BatchNormalization" || isArithmetic(type)))
      f = convAffine(op); // `op` becomes the Conv
    if (!f && type == "BatchNormalization")
      f = batchNorm(op);
    // A layer norm's chain ends where a node has readers other than the
    // next one (matchLayerNormChain): fused for one QuantizeLinear of
    // several readers, its end would lose one, and the walk would match a
    // longer chain than it does without the fusion where the reader left
    // is the node the chain grows by (helper-71: a Mul of gamma after the
    // Div, an Add of beta after that Mul). Where no other reader is such
    // a node, the end stays for them, and they refuse it as the walk did
    // (the float output of a layer norm).
    auto growsChain = [&](Operation *u) {
      auto n = dyn_cast<NodeOp>(u);
      return n && ((type == "Div" && n.getOpType() == "Mul") ||
                   (type == "Mul" && n.getOpType() == "Add"));
    };
    if (!f && (type == "Add" || type == "Mul" || type == "Div") &&
        (readByQuantizeOnly(op) || llvm::none_of(op->getUsers(), growsChain)))
      f = layerNormChain(op);
    // Before opset 11 a Clip's bounds are attributes and no integer Clip
    // follows a product: npc's QLinearConv, QLinearMatMul or QGemm takes
    // them as inputs y_min, y_max after the bias slot, as the conversion
    // clamps the product.
    if (f && a && a->attrBounds && f->clamps && !f->boundsInputs &&
        llvm::is_contained({"QLinearConv", "QLinearMatMul", "QGemm"}, f->type))
      f->boundsInputs = f->boundsAfterBias = true;
    if (!f || (a && !f->boundsInputs && (!f->clamps || a->attrBounds)))
      return failure();
    if (a && f->boundsInputs) {
      // The bounds are the activation's alone: a Clip of Q's codes stays
      // for the conversion, which narrows the node's clamp or rescales as
      // it does without the fusion (a reshape after a reduction, a second
      // such Clip).
      a = fusableActivation(act, q, yq, /*codesClips=*/false, kept);
      if (!a)
        return failure();
      f->domain = kNpcDomain;
    }
    fuse(rewriter, q, a, op, *f, yq);
    return success();
  }

private:
  /// Conv, MatMul or Gemm of dequantized operands: QLinearConv,
  /// QLinearMatMul, QGemm.
  /// `withBias` false: not the Conv's bias, which the caller folds.
  std::optional<Fusion> product(NodeOp op, bool withBias = true) const {
    llvm::StringRef type = op.getOpType();
    if (op->getNumOperands() < 2)
      return std::nullopt;
    NodeOp dqX = activationDq(op->getOperand(0), activations, /*wide=*/true);
    // Or codes a QuantizeLinear of a float constant folds to
    // (FoldQuantizeOfConstant): QLinearConv, QGemm and QLinearMatMul take
    // a constant input, which the conversion materializes.
    bool constantX = false;
    if (auto d = dqX ? std::nullopt : dequantizedOperand(op->getOperand(0), activations);
        d && isConstant(d->codes))
      std::tie(dqX, constantX) = std::pair(d->dq, true);
    NodeOp dqW = nodeOf(op->getOperand(1), "DequantizeLinear");
    if (!dqX || !dqW)
      return std::nullopt;
    double sx = activationScale(dqX);
    SmallVector<Value> ins = {dqX->getOperand(0), dqX->getOperand(1), inputOf(dqX, 2),
                              dqW->getOperand(0), dqW->getOperand(1), inputOf(dqW, 2)};
    Fusion f{"", "", ins, nullptr, {dqX, dqW}};

    // A product of two activations (attention): QLinearMatMul of both.
    if (type == "MatMul" && !isConstant(dqW->getOperand(0))) {
      if (constantX || !activationDq(op->getOperand(1), activations, /*wide=*/true) ||
          op->getNumOperands() != 2)
        return std::nullopt;
      f.type = "QLinearMatMul";
      return f;
    }
    auto w = constOf(dqW->getOperand(0), /*typeOnly=*/true);
    if (!w || w->isFloat())
      return std::nullopt;
    auto wq = qdqParams(dqW, w->shape, w->type);
    if (!wq)
      return std::nullopt;
    int64_t rank = w->shape.size();
    bool perChannel = wq->scales.size() > 1;
    auto biasOf = [&](Value b, int64_t channels, double scaleMul, const QInfo &wScaled) {
      auto real = biasReals(b, channels, scaleMul);
      std::vector<int32_t> ints;
      if (!real || !integerBias(*real, sx, wScaled, channels, ints).empty())
        return false;
      f.bias = std::move(ints);
      f.oldBias = b;
      return true;
    };

    if (type == "Conv") {
      if (rank != 4 || (perChannel && wq->axis != 0) || op->getNumOperands() > 3)
        return std::nullopt;
      if (Value b = inputOf(op, 2); withBias && b && !biasOf(b, w->shape[0], 1.0, *wq))
        return std::nullopt;
      f.type = "QLinearConv";
      f.attrs = op.getAttrsAttr();
      return f;
    }
    if (type == "MatMul") {
      if (rank < 2 || (perChannel && wq->axis != rank - 1) || op->getNumOperands() != 2)
        return std::nullopt;
      f.type = "QLinearMatMul";
      return f;
    }
    // Gemm: alpha scales every product (the weight scale), beta the bias.
    bool transB = op.getIntAttr("transB", 0) != 0;
    double alpha = op.getFloatAttr("alpha", 1.0f), beta = op.getFloatAttr("beta", 1.0f);
    if (rank != 2 || !(alpha > 0) || (perChannel && wq->axis != (transB ? 0 : 1)) ||
        op->getNumOperands() > 3)
      return std::nullopt;
    int64_t n = w->shape[transB ? 0 : 1];
    Value c = inputOf(op, 2);
    // With beta 0 the conversion ignores C but checks it is no float
    // activation: fuse only a plain constant, which stays.
    if (c && beta == 0 && !(elementsOf(c).first && constOf(c, /*typeOnly=*/true)))
      return std::nullopt;
    if (c && beta != 0) {
      auto cs = constOf(c, true);
      if (NodeOp dq = nodeOf(c, "DequantizeLinear"))
        cs = constOf(dq->getOperand(0), true);
      if (!cs || !gemmBiasShapeOk(cs->shape, n))
        return std::nullopt;
      QInfo scaled = *wq;
      for (double &sc : scaled.scales)
        sc *= alpha;
      if (!biasOf(c, n, beta, scaled))
        return std::nullopt;
    }
    NamedAttrList kept;
    if (DictionaryAttr attrs = op.getAttrsAttr())
      for (NamedAttribute a : attrs)
        if (a.getName() != "beta") // folded into the int32 bias
          kept.push_back(a);
    f.type = "QGemm";
    f.domain = "com.microsoft";
    f.attrs = kept.empty() ? nullptr : kept.getDictionary(op.getContext());
    f.biasSlot = 6; // C, before Y's parameters
    return f;
  }

  static bool isArithmetic(llvm::StringRef type) {
    return llvm::is_contained({"Add", "Sub", "Mul", "Div"}, type);
  }

  /// DQ(x), DQ(W) [, bias] -> Conv -> per-channel float ops, `op` the last
  /// of them (QAT exports with BatchNorm kept: Div by the factor torch
  /// multiplied into the weight, Add of the bias, BatchNormalization):
  /// QLinearConv of the weight with them folded in, as the conversion
  /// folds them (applyChannelAffine), with `op` set to the Conv; a weight
  /// code mirrored past its type makes the weight int16, as the conversion
  /// widens it, in npc's QLinearConv. Not when the conversion would fail.
  std::optional<Fusion> convAffine(NodeOp &op) const {
    // The ops after the Conv, last first, and the constant operand of each.
    SmallVector<std::pair<NodeOp, int>> chain; // (node, its constant's operand, -1 for BN)
    NodeOp n = op;
    while (n && inDefaultDomain(n) && n->getNumResults() == 1) {
      llvm::StringRef type = n.getOpType();
      int constAt;
      if (type == "BatchNormalization") {
        if (n->getNumOperands() != 5 || !batchNormAttrsRead(n))
          return std::nullopt;
        constAt = -1;
      } else if (isArithmetic(type)) {
        if (n->getNumOperands() != 2 || n.getAttrsAttr())
          return std::nullopt;
        constAt = isConstant(n->getOperand(1)) ? 1 : isConstant(n->getOperand(0)) ? 0 : -2;
        if (constAt < 0 || (type == "Div" && constAt == 0))
          return std::nullopt;
      } else {
        break;
      }
      chain.push_back({n, constAt});
      Value in = n->getOperand(constAt == 0 ? 1 : 0);
      if (!in.hasOneUse())
        return std::nullopt;
      n = in.getDefiningOp<NodeOp>();
    }
    if (!n || n.getOpType() != "Conv" || chain.empty() || !n->getResult(0).hasOneUse())
      return std::nullopt;
    NodeOp conv = n;
    std::optional<Fusion> f = product(conv, /*withBias=*/false);
    if (!f || f->type != "QLinearConv")
      return std::nullopt;
    NodeOp dqX = f->dqs[0], dqW = f->dqs[1];
    auto w = constOf(dqW->getOperand(0));
    auto wq = w ? qdqParams(dqW, w->shape, w->type) : std::nullopt;
    if (!wq)
      return std::nullopt;
    int64_t channels = w->shape[0];
    ChannelAffine affine(channels);
    for (auto [node, constAt] : llvm::reverse(chain)) {
      if (constAt >= 0) {
        std::vector<double> k;
        auto c = constOf(node->getOperand(constAt));
        if (!c || !channelValues(*c, channels, k) ||
            !foldArithmetic(affine, node.getOpType(), constAt == 0, k).empty())
          return std::nullopt;
        continue;
      }
      std::vector<double> p[4];
      for (int i = 0; i < 4; ++i) {
        auto c = constOf(node->getOperand(i + 1));
        if (!c || !c->isFloat() || c->numel() != channels)
          return std::nullopt;
        p[i].assign(c->floats.begin(), c->floats.end());
      }
      if (!foldBatchNormalization(affine, p[0], p[1], p[2], p[3],
                                  node.getFloatAttr("epsilon", 1e-5f))
               .empty())
        return std::nullopt;
    }
    std::vector<double> real(1, 0.0);
    if (Value b = inputOf(conv, 2)) {
      auto r = biasReals(b, channels, 1.0);
      if (!r)
        return std::nullopt;
      real = *r;
    }
    bool widened;
    std::vector<int32_t> bias;
    if (!applyChannelAffine(affine, *w, *wq, real, widened).empty() ||
        !integerBias(real, activationScale(dqX), *wq, channels, bias).empty())
      return std::nullopt;
    if (widened) // int16 codes: npc's QLinearConv (onnxruntime's weight is 8-bit)
      f->domain = kNpcDomain;
    f->bias = std::move(bias);
    f->oldBias = inputOf(conv, 2);
    f->weight = std::move(*w);
    f->weightQ = std::move(*wq);
    for (auto &link : chain)
      f->folded.push_back(link.first);
    op = conv;
    return f;
  }

  /// DQ(A), DQ(B) -> MatMul -> Add of a constant row, `op` the Add
  /// (torch's nn.Linear on a 3-D input): npc's QLinearMatMul, whose int32
  /// bias (input 8, at s_a s_b) is the Add's constant, as the conversion
  /// folds it into the product (its rules: a float constant or a
  /// DequantizeLinear of an integer one, of one value or N, broadcasting
  /// along rows). `op` becomes the MatMul.
  std::optional<Fusion> matMulBias(NodeOp &op) const {
    if (op->getNumOperands() != 2 || op.getAttrsAttr())
      return std::nullopt;
    for (int side = 0; side < 2; ++side) { // the conversion tries input 0 first
      NodeOp mm = op->getOperand(side).getDefiningOp<NodeOp>();
      Value c = op->getOperand(1 - side);
      if (!mm || mm.getOpType() != "MatMul" || !inDefaultDomain(mm) ||
          mm->getNumResults() != 1 || !mm->getResult(0).hasOneUse())
        continue;
      NodeOp dqC = nodeOf(c, "DequantizeLinear");
      auto cs = constOf(dqC ? dqC->getOperand(0) : c, /*typeOnly=*/true);
      if (!cs || cs->isFloat() == bool(dqC))
        return std::nullopt;
      if (!isRowShape(cs->shape))
        return std::nullopt; // an ordinary Add
      // A bias of a higher rank than the product's the conversion refuses
      // (ONNX's sum would have its rank): only one of a rank it can see.
      if (cs->shape.size() > 1) {
        std::optional<int64_t> rank = rankOf(mm->getResult(0), activations);
        if (!rank || *rank < int64_t(cs->shape.size()))
          return std::nullopt;
      }
      std::optional<Fusion> f = product(mm);
      if (!f || f->type != "QLinearMatMul" || !isConstant(f->ins[3]))
        return std::nullopt;
      auto w = constOf(f->ins[3], /*typeOnly=*/true);
      auto wq = qdqParams(f->dqs[1], w->shape, w->type);
      int64_t n = w->shape.back();
      auto real = biasReals(c, n, 1.0);
      std::vector<int32_t> bias;
      if (!wq || !real ||
          !integerBias(*real, activationScale(f->dqs[0]), *wq, n, bias).empty())
        return std::nullopt;
      f->domain = kNpcDomain;
      f->bias = std::move(bias);
      f->oldBias = c;
      f->folded.push_back(op);
      op = mm;
      return f;
    }
    return std::nullopt;
  }

  /// Add, Mul or Sub of two dequantized operands: QLinearAdd, QLinearMul
  /// (com.microsoft), npc's QLinearSub of the same form.
  std::optional<Fusion> binary(NodeOp op) const {
    if (op->getNumOperands() != 2 || op.getAttrsAttr())
      return std::nullopt;
    auto a = dequantizedOperand(op->getOperand(0), activations, /*wide=*/true);
    auto b = dequantizedOperand(op->getOperand(1), activations, /*wide=*/true);
    if (!a || !b)
      return std::nullopt;
    llvm::StringRef type = op.getOpType();
    return Fusion{type == "Add" ? "QLinearAdd" : type == "Mul" ? "QLinearMul" : "QLinearSub",
                  type == "Sub" ? kNpcDomain : "com.microsoft",
                  {a->codes, a->scale, a->zeroPoint, b->codes, b->scale, b->zeroPoint},
                  nullptr, {a->dq, b->dq}};
  }

  /// A MaxPool of a dequantized activation: npc's QLinearMaxPool (x, its
  /// scale and zero point, y's), the pool of x's codes requantized to y's
  /// parameters. onnxruntime has no such node (it runs MaxPool on the
  /// codes when the parameters agree); this one states them, since this
  /// level does not know x's type. An activation after it becomes inputs
  /// y_min, y_max (the rescale to y clamps).
  std::optional<Fusion> maxPool(NodeOp op) const {
    NodeOp dq = activationDq(op->getOperand(0), activations, /*wide=*/true);
    if (!dq || op->getNumOperands() != 1)
      return std::nullopt;
    // An activation's clamp as y_min, y_max: the conversion makes the pool
    // and one rescale to Y that clamps, not a Clip of its own.
    Fusion f = clampless("QLinearMaxPool", kNpcDomain, dq, op.getAttrsAttr());
    f.boundsInputs = true;
    return f;
  }

  /// Softmax or a reduction of a dequantized activation: QLinearSoftmax,
  /// QLinearReduceMean (com.microsoft), npc's QLinearReduceSum and
  /// QLinearReduceMax, with the attributes the conversion reads made
  /// explicit: Softmax's axis (default 1 before opset 13, -1 from it;
  /// QLinearSoftmax's is -1), the reduction's axes (reductionFusion).
  /// An activation's clamp becomes inputs y_min and y_max (boundsInputs),
  /// not a Clip of the codes, which the conversion would narrow into the
  /// node's clamp only in some cases.
  std::optional<Fusion> softmaxOrReduction(NodeOp op) const {
    if (op.getOpType() != "Softmax") {
      std::optional<Fusion> f = reductionFusion(op, activations);
      if (f) {
        f->clamps = false;
        f->boundsInputs = true;
      }
      return f;
    }
    NodeOp dq = activationDq(op->getOperand(0), activations, /*wide=*/true);
    if (!dq)
      return std::nullopt;
    MLIRContext *ctx = op.getContext();
    NamedAttrList attrs;
    if (op->getNumOperands() != 1 || !onlyAttrs(op, {"axis"}))
      return std::nullopt;
    attrs.set("axis", IntegerAttr::get(IntegerType::get(ctx, 64),
                                       op.getIntAttr("axis", opsetOf(op) >= 13 ? -1 : 1)));
    Fusion f = clampless("QLinearSoftmax", "com.microsoft", dq, attrs.getDictionary(ctx));
    f.boundsInputs = true;
    return f;
  }

  /// LayerNormalization of a dequantized activation by constant Scale and
  /// B (float, or DequantizeLinear of integers, as the conversion reads
  /// them: biasReals): npc's QLinearLayerNormalization (X, its scale and
  /// zero point, Scale, B, Y's scale and zero point) with the node's
  /// attributes; an activation's clamp as y_min, y_max, as Softmax's.
  std::optional<Fusion> layerNorm(NodeOp op) const {
    NodeOp dq = activationDq(op->getOperand(0), activations, /*wide=*/true);
    if (!dq || op->getNumOperands() < 2 || op->getNumOperands() > 3 || !inputOf(op, 1) ||
        !onlyAttrs(op, {"axis", "epsilon", "stash_type"}))
      return std::nullopt;
    SmallVector<Value> ins = {dq->getOperand(0), dq->getOperand(1), inputOf(dq, 2)};
    for (unsigned i = 1; i < 3; ++i) {
      Value v = inputOf(op, i);
      if (v) { // its values' count against X's last axis is the conversion's check
        NodeOp vdq = nodeOf(v, "DequantizeLinear");
        auto c = constOf(vdq ? vdq->getOperand(0) : v, /*typeOnly=*/true);
        if (!c || !biasReals(v, c->numel(), 1.0))
          return std::nullopt;
      }
      ins.push_back(v);
    }
    Fusion f = clamplessOn("QLinearLayerNormalization", kNpcDomain, std::move(ins), dq,
                           op.getAttrsAttr());
    f.boundsInputs = true;
    return f;
  }

  /// BatchNormalization of a dequantized activation, with no Conv before it
  /// to fold into: npc's QLinearBatchNormalization, which the conversion
  /// makes the depthwise convolution it makes of DQ -> BatchNormalization
  /// -> Q; of npc's 16-bit codes too (a table the BatchNormalization reads,
  /// FuseTableReadByOperator's), as the conversion takes those in. Its
  /// parameters must be float constants the conversion reads
  /// ahead (readAheadConstant); their count against X's channels, X's
  /// rank and the finiteness of each channel's factor are the
  /// conversion's checks, with the same messages at either node.
  std::optional<Fusion> batchNorm(NodeOp op) const {
    NodeOp dq = activationDq(op->getOperand(0), activations, /*wide=*/true);
    if (!dq || op->getNumOperands() != 5 || !batchNormAttrsRead(op))
      return std::nullopt;
    SmallVector<Value> ins = {dq->getOperand(0), dq->getOperand(1), inputOf(dq, 2)};
    for (unsigned i = 1; i < 5; ++i) {
      auto c = readAheadConstant(op->getOperand(i));
      if (!c || !c->isFloat())
        return std::nullopt;
      ins.push_back(op->getOperand(i));
    }
    Fusion f = clamplessOn("QLinearBatchNormalization", kNpcDomain, std::move(ins), dq,
                           ownAttrs(op, {"epsilon", "momentum", "training_mode"}));
    f.boundsInputs = true;
    return f;
  }

  /// torch's LayerNorm below opset 17 (matchLayerNormChain), `op` its last
  /// node, of a dequantized activation: npc's QLinearLayerNormalization with
  /// its epsilon, gamma as Scale (1 without a Mul) and beta as B, as the
  /// conversion makes one qg.layer_norm of it. Constants only where the
  /// conversion reads them ahead of its walk (readAheadConstant). Where X's
  /// rank is not known here (rankOf), the axes must be written -1 and the
  /// constants be of rank 1 at most.
  std::optional<Fusion> layerNormChain(NodeOp op) const {
    // Back from the last node (Add beta, Mul gamma or the Div) to the Div,
    // the Sub it divides, and the ReduceMean the Sub subtracts.
    NodeOp div = op;
    for (int step = 0; step < 2 && div && div.getOpType() != "Div"; ++step) {
      NodeOp prev;
      for (Value v : div->getOperands())
        if (auto p = v.getDefiningOp<NodeOp>();
            p && (p.getOpType() == "Mul" || p.getOpType() == "Div"))
          prev = p;
      div = prev;
    }
    if (!div || div.getOpType() != "Div" || div->getNumOperands() != 2)
      return std::nullopt;
    NodeOp sub = div->getOperand(0).getDefiningOp<NodeOp>();
    if (!sub || sub.getOpType() != "Sub" || sub->getNumOperands() != 2)
      return std::nullopt;
    NodeOp mean = sub->getOperand(1).getDefiningOp<NodeOp>();
    if (!mean || mean->getNumOperands() < 1)
      return std::nullopt;
    NodeOp dq = activationDq(mean->getOperand(0), activations);
    if (!dq)
      return std::nullopt;
    // x's rank where this level knows it (rankOf), as the conversion reads
    // the axes and the constants' ranks against it.
    std::optional<int64_t> rank = rankOf(mean->getOperand(0), activations);
    std::optional<LayerNormChain> chain =
        matchLayerNormChain(mean, rank.value_or(-1), readAheadConstant);
    // A constant of a higher rank than x's is an error in the conversion
    // (which knows x's rank): one of rank 2 or more where x's is not known
    // here is left to it.
    if (!chain || chain->nodes.back() != op.getOperation() ||
        int64_t(chain->widestRank) > (rank ? *rank : 1))
      return std::nullopt;
    MLIRContext *ctx = op.getContext();
    NamedAttrList attrs;
    attrs.set("epsilon", FloatAttr::get(Float32Type::get(ctx), chain->epsilon));
    Fusion f = clamplessOn("QLinearLayerNormalization", kNpcDomain,
                           {dq->getOperand(0), dq->getOperand(1), inputOf(dq, 2),
                            chain->gammaValue, chain->betaValue},
                           dq, attrs.getDictionary(ctx));
    if (!chain->gammaValue) { // no Mul: a Scale of 1
      auto t = RankedTensorType::get({1}, Float32Type::get(ctx));
      f.made.push_back({3, ".scale", DenseElementsAttr::get(t, 1.0f)});
    }
    for (Operation *n : llvm::reverse(ArrayRef(chain->nodes).drop_back()))
      f.folded.push_back(cast<NodeOp>(n));
    f.boundsInputs = true;
    return f;
  }

  /// A Resize by linear interpolation of a dequantized activation, from
  /// opset 11 (roi, scales, sizes at inputs 1..3, the conversion's
  /// coordinate rules): npc's QLinearResize (X, its scale and zero point,
  /// roi, scales, sizes, Y's) with the node's attributes. Its other inputs
  /// must be constants or omitted, as the conversion reads them. A nearest
  /// Resize moves codes instead (PropagateDqThroughMove).
  std::optional<Fusion> linearResize(NodeOp op) const {
    auto mode = dyn_cast_or_null<StringAttr>(op.getOnnxAttr("mode"));
    if (!mode || mode.getValue() != "linear" || opsetOf(op) < 11 || op->getNumOperands() > 4)
      return std::nullopt;
    NodeOp dq = activationDq(op->getOperand(0), activations);
    if (!dq)
      return std::nullopt;
    SmallVector<Value> ins = {dq->getOperand(0), dq->getOperand(1), inputOf(dq, 2)};
    for (unsigned i = 1; i < 4; ++i) {
      Value v = i < op->getNumOperands() ? inputOf(op, i) : Value();
      if (v && !constOf(v, /*typeOnly=*/true))
        return std::nullopt;
      ins.push_back(v);
    }
    return Fusion{"QLinearResize", kNpcDomain, std::move(ins), op.getAttrsAttr(), {dq}};
  }

  /// A Concat of dequantized operands: QLinearConcat (Y's parameters
  /// first). It rescales its inputs, each clamped to Y's range: an
  /// activation after it becomes inputs y_min, y_max last (npc's node).
  /// One of npc's 16-bit codes is npc's node too (onnxruntime's takes 8
  /// bits; the conversion reads them in either).
  std::optional<Fusion> concat(NodeOp op) const {
    Fusion f{"QLinearConcat", "com.microsoft", {}, op.getAttrsAttr(), {}};
    f.clamps = false;
    f.boundsInputs = true;
    f.yAt = 0;
    for (Value v : op->getOperands()) {
      auto d = dequantizedOperand(v, activations, /*wide=*/true);
      if (!d)
        return std::nullopt;
      if (wideCodes(d->codes))
        f.domain = kNpcDomain;
      f.ins.append({d->codes, d->scale, d->zeroPoint});
      f.dqs.push_back(d->dq);
    }
    return f;
  }

  /// Replaces the cluster by `f`'s node, then the integer Clip of the
  /// activation. DequantizeLinear nodes of constants that no longer have
  /// readers go, with the bias's.
  void fuse(PatternRewriter &rewriter, NodeOp q, const std::optional<Activation> &a, NodeOp op,
            Fusion &f, const QInfo &yq) const {
    MLIRContext *ctx = getContext();
    rewriter.setInsertionPoint(q);
    std::string name = op.getName().str();
    auto none = [&] { return noneValue(rewriter, op.getLoc()); };
    Value biasValue;
    if (f.bias) {
      auto t = RankedTensorType::get({int64_t(f.bias->size())}, elementTypeOf(ctx, kInt32));
      biasValue = namedConstant(rewriter, name + ".bias_int32",
                                DenseElementsAttr::get(t, llvm::ArrayRef(*f.bias)));
    }
    if (f.weight) {
      const Const &w = *f.weight;
      const QInfo &wq = f.weightQ;
      auto ints = [&](llvm::ArrayRef<int64_t> values, llvm::ArrayRef<int64_t> shape) {
        return integerElements(ctx, w.type, values, shape);
      };
      int64_t channels = wq.scales.size();
      SmallVector<float> scales(wq.scales.begin(), wq.scales.end());
      f.ins[3] = namedConstant(rewriter, name + ".weight_folded", ints(w.ints, w.shape));
      f.ins[4] = namedConstant(
          rewriter, name + ".weight_scale_folded",
          DenseElementsAttr::get(RankedTensorType::get({channels}, rewriter.getF32Type()),
                                 llvm::ArrayRef(scales)));
      // A narrowed range the fold kept (its mirrored codes inside it; else
      // they are int16, full range), stated as the Quant split states it.
      DenseI64ArrayAttr narrowed;
      if (isNarrowed(wq))
        narrowed = rewriter.getDenseI64ArrayAttr({*wq.qmin, *wq.qmax});
      f.ins[5] = namedConstant(rewriter, name + ".weight_zero_point_folded",
                               ints(wq.zeroPoints, {channels}), narrowed);
    }
    for (const Fusion::Made &m : f.made)
      f.ins[m.at] = namedConstant(rewriter, name + m.suffix, m.value);
    if (f.biasSlot >= 0)
      f.ins.insert(f.ins.begin() + f.biasSlot, biasValue ? biasValue : none());
    Value yParams[] = {q->getOperand(1), yZeroPoint(rewriter, q, yq)};
    f.ins.insert(f.yAt >= 0 ? f.ins.begin() + f.yAt : f.ins.end(), std::begin(yParams),
                 std::end(yParams));
    if (f.biasSlot < 0 && biasValue)
      f.ins.push_back(biasValue);

    for (Value &in : f.ins) // an omitted zero point
      if (!in)
        in = none();
    // The activation as a Clip after the node, or as its inputs y_min,
    // y_max (a Clip of Q's codes then stays: fuseAt).
    bool clip = a && !f.boundsInputs;
    if (a && f.boundsInputs) {
      std::array<Value, 2> bounds = boundInputs(rewriter, *a, yq);
      if (f.boundsAfterBias && f.ins.size() == 8)
        f.ins.push_back(none());
      f.ins.append(bounds.begin(), bounds.end());
    }
    ArrayAttr outputs = clip ? op.getOutputs() : q.getOutputs();
    // In q's place: q's type (the codes before a Clip have it too).
    Value r = NodeOp::create(rewriter, op.getLoc(), q->getResultTypes(), f.type,
                             f.domain, op.getName(), outputs, f.attrs,
                             rewriter.getStringAttr(op.getShownOpType()), f.ins)
                  ->getResult(0);
    if (clip)
      r = integerClip(rewriter, r, *a, q, yq);
    replaceQuantize(rewriter, q, a, r, unread);
    // The walk driver erases only the op it matched: what the cluster
    // leaves unread goes after the walk (eraseUnread). DequantizeLinear of
    // an activation stays (the conversion checks its input's type); of a
    // constant it goes once unread, with a bias it replaced.
    if (a)
      unread.insert(a->node);
    for (NodeOp n : f.folded) // last first: each goes once its reader has
      unread.insert(n);
    unread.insert(op);
    for (NodeOp dq : f.dqs)
      if (isConstant(dq->getOperand(0)))
        unread.insert(dq);
    if (f.oldBias && f.oldBias.getDefiningOp())
      unread.insert(f.oldBias.getDefiningOp());
  }
};

/// A float scalar constant (what a chain may add, subtract, multiply or
/// divide by; a Clip's bound).
std::optional<float> floatScalar(Value v) {
  auto c = v ? constOf(v) : std::nullopt;
  if (c && c->isFloat() && c->numel() == 1)
    return c->floats[0];
  return std::nullopt;
}

/// Whether the one-value constant `k` keeps the rank of the activation
/// whose codes are `x` (the conversion's scalarKeepsRank refuses one of a
/// higher rank): rank 0, or at most x's where this level can tell it.
bool scalarKeepsRank(Value k, Value x, ActivationValues &activations) {
  auto c = constOf(k, /*typeOnly=*/true);
  if (!c || c->shape.empty())
    return true;
  std::optional<int64_t> rank = rankOf(x, activations);
  return rank && *rank >= int64_t(c->shape.size());
}

/// A Mul or Div of a dequantized activation by a float scalar constant, as
/// the conversion's walk read it at the QuantizeLinear when it fused QDQ
/// itself: the
/// constant at input 1 first, then a Mul's at input 0; a Div's only as its
/// divisor. The activation's DequantizeLinear, and the attribute of
/// QLinearRequantize that states the constant (factor or divisor).
struct ScaledActivation {
  NodeOp dq;
  NamedAttribute attr;
};
std::optional<ScaledActivation> scaledActivation(NodeOp n, ActivationValues &activations) {
  if (!inDefaultDomain(n) || n->getNumOperands() != 2 || n->getNumResults() != 1 ||
      !onlyAttrs(n, {}) || !quantizeReadersFuse(n))
    return std::nullopt;
  bool div = n.getOpType() == "Div";
  if (!div && n.getOpType() != "Mul")
    return std::nullopt;
  for (int i = 1; i >= (div ? 1 : 0); --i) {
    std::optional<float> k = floatScalar(inputOf(n, i));
    if (!k)
      continue;
    NodeOp dq = activationDq(n->getOperand(1 - i), activations, /*wide=*/true);
    if (!dq || !scalarKeepsRank(n->getOperand(i), dq->getOperand(0), activations))
      return std::nullopt;
    MLIRContext *ctx = n.getContext();
    return ScaledActivation{dq, NamedAttribute(StringAttr::get(ctx, div ? "divisor" : "factor"),
                                               FloatAttr::get(Float32Type::get(ctx), *k))};
  }
  return std::nullopt;
}

/// DQ(x) -> [Mul | Div by a float scalar] -> [Relu | Clip] -> Q: a
/// requantization to Q's parameters, or a lone activation between two
/// layers (torch FX and onnxruntime write each MobileNetV2 ReLU6 so), or
/// attention's scores times 1/sqrt(d). npc's QLinearRequantize(x, x_scale,
/// x_zero_point, y_scale, y_zero_point [, y_min, y_max]) with the Mul's
/// constant as attribute `factor` (a Div's as `divisor`), the activation's
/// bounds in Y's codes (the conversion's clampFor) as its last two inputs:
/// the conversion makes the one rescale it made before, which clamps even
/// when it keeps x's parameters (a Clip of those codes would narrow their
/// producer's clamp instead). It keeps the name and location of the node
/// the conversion's walk made it at: the Mul or Div, else the activation,
/// else the QuantizeLinear. A Clip of Q's codes after it stays, as for the
/// walk.
struct FuseRequantization : AtActivatedQuantizeLinear {
  using AtActivatedQuantizeLinear::AtActivatedQuantizeLinear;

  LogicalResult fuseAfter(NodeOp q, const QInfo &yq, Value in, const std::optional<Activation> &a,
                          PatternRewriter &rewriter) const override {
    NodeOp act = a ? a->node : NodeOp();
    NodeOp dq = activationDq(in, activations, /*wide=*/true);
    NodeOp scaling = dq ? NodeOp() : in.getDefiningOp<NodeOp>();
    std::optional<ScaledActivation> scaled =
        scaling ? scaledActivation(scaling, activations) : std::nullopt;
    if (scaled)
      dq = scaled->dq;
    if (!dq)
      return failure();
    // A Relu the conversion passes x's codes through (DropIdentityRelu
    // keeps one a graph output reads), or may: the requantization is then
    // the QuantizeLinear's, with no clamp.
    if (a && !scaled && act.getOpType() == "Relu" && identityRelu(dq) != false)
      return failure();
    NodeOp named = scaled ? scaling : a ? act : q;
    rewriter.setInsertionPoint(q);
    SmallVector<Value> ins = dequantizedInputs(rewriter, dq);
    ins.append({q->getOperand(1), yZeroPoint(rewriter, q, yq)});
    if (a) {
      std::array<Value, 2> bounds = boundInputs(rewriter, *a, yq);
      ins.append(bounds.begin(), bounds.end());
      unread.insert(act);
    }
    DictionaryAttr attrs;
    if (scaled) {
      attrs = DictionaryAttr::get(getContext(), {scaled->attr});
      unread.insert(scaling);
    }
    Value r = NodeOp::create(rewriter, named.getLoc(), q->getResultTypes(),
                             "QLinearRequantize", kNpcDomain, named.getName(), q.getOutputs(),
                             attrs, rewriter.getStringAttr(named.getShownOpType()), ins)
                  ->getResult(0);
    rewriter.replaceOp(q, r);
    return success();
  }
};

/// A value in a chain of float functions of one dequantized activation, as
/// the conversion's walk sees it: the activation itself (`Leaf`: a
/// DequantizeLinear per tensor of at most 8 bits), an Add, Sub, Mul or Div
/// of it by a float scalar (`ScalarOp`: a float op the walk holds until its
/// reader), or a function of it (`Function`: what becomes a table).
struct ChainLink {
  enum Kind { Leaf, ScalarOp, Function } kind = Leaf;
  NodeOp leaf;
  QInfo leafQ;
  ChainFn fn;
  /// The chain's nodes after the leaf, the end last; a node two links
  /// read (s in sigmoid(s) * s) is listed once.
  SmallVector<Operation *> nodes;
  /// The one PRelu in the chain whose slope has a rank above 0, and that
  /// slope's shape: `fn` takes the slope's element (flat index) c as its
  /// index. The slope broadcasts against x; whether it is one value or
  /// one per channel, x's shape says, which the conversion checks. Null:
  /// `fn` is the same everywhere.
  NodeOp prelu;
  std::vector<int64_t> slopeShape;
  /// The tables per code of x: one, or one per element of the slope.
  int64_t slopeElements() const { return ShapedType::getNumElements(slopeShape); }
};

/// The most elements a PRelu slope of a fused chain may have (a table of
/// 256 codes each): more channels than any network has; a larger one, as
/// the walk checks it against x's shape first, is the conversion's.
constexpr int64_t kMaxSlopeTables = 16384;

/// `v` as a link of a chain, following the walk's rules (unaryFunction,
/// chainFunction, elementwiseBinary, functionOf, activation in
/// OnnxToQGraph.cpp); nullopt for anything else, or anything the walk
/// might treat otherwise (a constant it folds that this does not, a second
/// PRelu slope of rank above 0). A node may have readers other than the
/// next link (another link, a QuantizeLinear, ...), or none (a function
/// nothing reads, which the walk grows all the same): the callers check
/// them. A node shared by several links (v * sigmoid(v), nested) is
/// visited once (`ChainLinks`): a graph of diamonds has exponentially many
/// paths, which the walk, growing each node's function once, does not
/// follow either; its nodes are listed once.
struct ChainLinks {
  llvm::DenseMap<Value, std::optional<ChainLink>> of;
};
static std::optional<SmallVector<int64_t>> knownShape(Value v, int depth = 0);
std::optional<ChainLink> chainLinkOf(Value v, int64_t opset, ActivationValues &activations,
                                     int depth, ChainLinks &links);
std::optional<ChainLink> chainOf(Value v, int64_t opset, ActivationValues &activations) {
  ChainLinks links;
  return chainLinkOf(v, opset, activations, 0, links);
}
std::optional<ChainLink> chainLinkOfNode(Value v, int64_t opset, ActivationValues &activations,
                                         int depth, ChainLinks &links);
std::optional<ChainLink> chainLinkOf(Value v, int64_t opset, ActivationValues &activations,
                                     int depth, ChainLinks &links) {
  // Bounds for the recursion's stack and for a graph of thousands of nodes.
  if (!v || depth > 1024 || links.of.size() > 4096)
    return std::nullopt;
  if (auto it = links.of.find(v); it != links.of.end())
    return it->second;
  std::optional<ChainLink> link = chainLinkOfNode(v, opset, activations, depth, links);
  links.of[v] = link;
  return link;
}
std::optional<ChainLink> chainLinkOfNode(Value v, int64_t opset, ActivationValues &activations,
                                         int depth, ChainLinks &links) {
  if (NodeOp dq = activationDq(v, activations)) {
    // A table's size is x's type: declined where no zero point says it
    // and this level does not know it.
    auto q = dequantizeParams(dq);
    if (!q || storageWidth(q->storage) > 8)
      return std::nullopt;
    return ChainLink{ChainLink::Leaf, dq, *q, identityFn(), {}, NodeOp(), {}};
  }
  NodeOp n = v.getDefiningOp<NodeOp>();
  if (!n || !inDefaultDomain(n) || n->getNumResults() != 1 || !inputOf(n, 0))
    return std::nullopt;
  llvm::StringRef op = n.getOpType();
  unsigned arity = n->getNumOperands();
  auto grown = [&](ChainLink x, ChainFn fn) {
    x.kind = ChainLink::Function;
    x.fn = std::move(fn);
    x.nodes.push_back(n);
    return std::optional<ChainLink>(std::move(x));
  };
  auto input = [&](unsigned i) {
    return chainLinkOf(n->getOperand(i), opset, activations, depth + 1, links);
  };

  if (isTableFunction(op)) { // Sigmoid(f), Erf(f), ...
    auto x = arity == 1 ? input(0) : std::nullopt;
    if (!x)
      return std::nullopt;
    auto h = *tableFunction(op, [&](const char *name, float d) { return n.getFloatAttr(name, d); });
    return grown(*x, thenApply(x->fn, [=](int64_t, float r) { return h(r); }));
  }
  if (op == "Relu" || op == "Clip") { // of a function: in float
    // Below opset 11 Clip's bounds are attributes, from it inputs; the
    // conversion refuses inputs before 11 (the other way round, the node's
    // verifier does), so such a Clip stays.
    if (op == "Relu" || (op == "Clip" && opset < 11) ? arity != 1 : arity > 3)
      return std::nullopt;
    std::optional<double> lo, hi;
    if (op == "Clip" && opset < 11) {
      if (n.getOnnxAttr("min"))
        lo = n.getFloatAttr("min", 0);
      if (n.getOnnxAttr("max"))
        hi = n.getFloatAttr("max", 0);
    } else if (op == "Clip") {
      for (unsigned i = 1; i < arity; ++i)
        if (Value b = inputOf(n, i)) {
          auto k = floatScalar(b);
          if (!k)
            return std::nullopt;
          (i == 1 ? lo : hi) = *k;
        }
    }
    auto x = input(0);
    if (!x || x->kind != ChainLink::Function)
      return std::nullopt;
    return grown(*x, clipFn(x->fn, op == "Relu", lo, hi));
  }
  if (op == "Pow") { // f^k
    auto k = arity == 2 ? constOf(n->getOperand(1)) : std::nullopt;
    if (!k || !k->isFloat() || k->numel() != 1)
      return std::nullopt;
    auto x = input(0);
    if (!x || !scalarKeepsRank(n->getOperand(1), x->leaf->getOperand(0), activations))
      return std::nullopt;
    float p = k->floats[0];
    return grown(*x, thenApply(x->fn, [=](int64_t, float r) { return std::pow(r, p); }));
  }
  if (op == "PRelu") { // PRelu(f) by one slope, or by a slope that varies (per channel)
    auto k = arity == 2 ? constOf(n->getOperand(1)) : std::nullopt;
    // A slope of rank above 0 is a table per element of it: at most
    // kMaxSlopeTables of them, checked against x's shape only later.
    if (!k || !k->isFloat() || k->numel() == 0 || k->numel() > kMaxSlopeTables)
      return std::nullopt;
    auto x = input(0);
    if (!x)
      return std::nullopt;
    // A second slope of rank above 0: the walk checks each against x's
    // shape, the fused node one (slope_of). It fuses when that one decides
    // both: the same shape, or one value of a rank at most the first's
    // (which passes whenever the first does); or when the first is one
    // value of a rank x's is known to reach (it cannot fail), this one then
    // the slope the node names; or when x's shape is known here and takes
    // both slopes along one axis (both checks pass). Else the walk may take
    // them, if x's shape lets it.
    bool recorded = !k->shape.empty();
    if (x->prelu && recorded) {
      bool decidedByFirst = k->shape == x->slopeShape ||
                            (k->numel() == 1 && k->shape.size() <= x->slopeShape.size());
      std::optional<int64_t> rank = rankOf(x->leaf->getOperand(0), activations);
      bool firstCannotFail =
          x->slopeElements() == 1 && rank && *rank >= int64_t(x->slopeShape.size());
      bool bothPass = false;
      if (auto shape = knownShape(x->leaf->getOperand(0))) {
        std::optional<int64_t> first = channelAxisOf(*shape, x->slopeShape);
        bothPass = first && channelAxisOf(*shape, k->shape) == first;
      }
      if (!decidedByFirst && !firstCannotFail && !bothPass)
        return std::nullopt;
      recorded = !decidedByFirst && !bothPass;
    }
    std::vector<float> s = k->floats;
    auto r = grown(*x, thenApply(x->fn, [s = std::move(s)](int64_t c, float v) {
                     return v >= 0 ? v : s[s.size() == 1 ? 0 : c] * v;
                   }));
    if (recorded) {
      r->prelu = n;
      r->slopeShape = k->shape;
    }
    return r;
  }
  if (op != "Add" && op != "Sub" && op != "Mul" && op != "Div")
    return std::nullopt;
  if (arity != 2 || !inputOf(n, 1))
    return std::nullopt;
  std::optional<float> ka = floatScalar(n->getOperand(0)), kb = floatScalar(n->getOperand(1));
  if (ka && kb)
    return std::nullopt; // folded
  std::optional<ChainLink> fa = ka ? std::nullopt : input(0);
  std::optional<ChainLink> fb = kb ? std::nullopt : input(1);
  auto isFunction = [](const std::optional<ChainLink> &f) {
    return f && f->kind == ChainLink::Function;
  };
  if (const std::optional<ChainLink> &f = ka ? fb : fa;
      (ka || kb) && f &&
      !scalarKeepsRank(n->getOperand(ka ? 0 : 1), f->leaf->getOperand(0), activations))
    return std::nullopt;
  if (isFunction(fa) || isFunction(fb)) { // the chain grows
    if (!(ka || fa) || !(kb || fb))
      return std::nullopt;
    // Two functions of one activation (x * sigmoid(x)): the same codes
    // read with the same parameters; at most one PRelu slope varies (one
    // PRelu both read, hardswish(prelu(x)), is one slope).
    if (fa && fb &&
        (!sameCodes(fa->leaf->getOperand(0), fb->leaf->getOperand(0)) ||
         fa->leafQ.scales != fb->leafQ.scales || fa->leafQ.zeroPoints != fb->leafQ.zeroPoints ||
         (fa->prelu && fb->prelu && fa->prelu != fb->prelu)))
      return std::nullopt;
    ChainLink r = fa ? *fa : *fb;
    if (fa && fb) {
      for (Operation *m : fb->nodes)
        if (!llvm::is_contained(r.nodes, m))
          r.nodes.push_back(m);
      if (fb->prelu) {
        r.prelu = fb->prelu;
        r.slopeShape = fb->slopeShape;
      }
    }
    return grown(std::move(r), combineFn(op, ka ? constantFn(*ka) : fa->fn,
                                         kb ? constantFn(*kb) : fb->fn));
  }
  // The activation times or over a scalar (x / sqrt(2) before Erf): a
  // link only as an operand of a function (alone, a requantization). Plus
  // or minus one (x + 3 before a ReLU6), of it or of such a link: a
  // function, as the conversion's elementwiseBinary makes it.
  std::optional<ChainLink> &f = ka ? fb : fa;
  bool offset = op == "Add" || op == "Sub";
  if (!(ka || kb) || !f ||
      !(f->kind == ChainLink::Leaf || (offset && f->kind == ChainLink::ScalarOp)))
    return std::nullopt;
  ChainFn k = constantFn(ka ? *ka : *kb);
  f->kind = offset ? ChainLink::Function : ChainLink::ScalarOp;
  f->fn = ka ? combineFn(op, k, f->fn) : combineFn(op, f->fn, k);
  f->nodes.push_back(n);
  return f;
}

/// A chain's `values` (tableValues) as Y's (`yq`'s) codes, clamped to
/// [lo, hi], as the conversion's walk computes them: an initializer
/// `name`.table of shape [codes of x] ++ `slopeShape` (each code's entry
/// broadcasts against x as the slope did).
Value lookupTable(PatternRewriter &rewriter, const std::vector<float> &values, const QInfo &yq,
                  int32_t lo, int32_t hi, llvm::StringRef name,
                  llvm::ArrayRef<int64_t> slopeShape = {}) {
  std::vector<int32_t> codes = tableCodes(values, yq, lo, hi);
  std::vector<int64_t> entries(codes.begin(), codes.end());
  SmallVector<int64_t> shape{int64_t(codes.size()) / ShapedType::getNumElements(slopeShape)};
  shape.append(slopeShape.begin(), slopeShape.end());
  return namedConstant(rewriter, name.str() + ".table",
                       integerElements(rewriter.getContext(), yq.storage, entries, shape));
}

/// npc's QLinearLookup(x, x_scale, x_zero_point, table, y_scale,
/// y_zero_point) of `chain`'s leaf: the node's name, location and shown
/// type are `named`'s, whose place the conversion makes the table at. A
/// table per channel names its PRelu and where it was (`slope_of`), where
/// the conversion says so if x's shape does not take the slope. `codes`,
/// if given, stand for the leaf's codes (expanded: FuseFunctionChain).
NodeOp lookupNode(PatternRewriter &rewriter, const ChainLink &chain, Value table, Value yScale,
                  Value yZero, NodeOp named, ArrayAttr outputs, Type type,
                  Value codes = {}) {
  SmallVector<Value> ins = dequantizedInputs(rewriter, chain.leaf);
  if (codes)
    ins[0] = codes;
  ins.append({table, yScale, yZero});
  DictionaryAttr attrs;
  if (NodeOp prelu = chain.prelu) // name("node name", name("OpType"(where)))
    attrs = rewriter.getDictionaryAttr(rewriter.getNamedAttr(
        "slope_of",
        NameLoc::get(prelu.getNameAttr(),
                     NameLoc::get(rewriter.getStringAttr(prelu.getShownOpType()),
                                  prelu.getLoc()))));
  return NodeOp::create(rewriter, named.getLoc(), TypeRange{type},
                        "QLinearLookup", kNpcDomain, named.getName(), outputs, attrs,
                        rewriter.getStringAttr(named.getShownOpType()), ins);
}

/// The rank of `v` where this level can tell it: its checked type's
/// (checkedType), else as ONNX's operators and the QOperator nodes
/// the fusion writes carry it (the conversion refuses a node where the
/// rule given here does not hold); nullopt elsewhere. Never above the true
/// rank: a QONNX Quant is split on it. `known` holds the values seen in
/// this query, so that operands read twice (x @ x, x + x, one after the
/// other) cost once, not twice per level (helper-49).
struct Ranks {
  llvm::DenseMap<Value, std::optional<int64_t>> rank;
  /// 1-D shapes' lengths (shapeLengthOf), kept alike: a shape written as
  /// Concat(c, c) of Concat(c', c') ... is walked once per value, not once
  /// per path (helper-64).
  llvm::DenseMap<Value, std::optional<int64_t>> length;
};
std::optional<int64_t> rankOf(Value v, ActivationValues &activations, Ranks &known, int depth);
std::optional<int64_t> shapeLengthOf(Value v, ActivationValues &activations, Ranks &known,
                                     int depth);

/// The length of 1-D integer value `v` (a Reshape's or Expand's shape),
/// where this level can tell it: a constant's, or shape arithmetic as the
/// conversion folds it (foldShapeOp: torch FX's flatten writes Shape ->
/// Slice -> Concat -> Reshape, `x.view(x.size(0), -1)` Shape -> Gather ->
/// Unsqueeze -> Concat): Shape of a value of known rank (its start and
/// end), Slice of one axis with constant bounds and step, Gather of
/// constant indices, Concat, the Unsqueeze of a scalar, Cast and Identity.
/// nullopt elsewhere, and where the conversion refuses the node.
std::optional<int64_t> shapeLengthOfNode(Value v, ActivationValues &activations, Ranks &known,
                                         int depth) {
  if (auto c = constOf(v, /*typeOnly=*/true))
    return c->shape.size() == 1 ? std::optional<int64_t>(c->numel()) : std::nullopt;
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || !inDefaultDomain(n) || n->getNumResults() != 1 || n->getNumOperands() < 1 ||
      depth > 64)
    return std::nullopt;
  llvm::StringRef op = n.getOpType();
  auto lengthOf = [&](unsigned i) {
    return shapeLengthOf(n->getOperand(i), activations, known, depth + 1);
  };
  // One integer of constant input i (a Slice's bound).
  auto intAt = [&](unsigned i) -> std::optional<int64_t> {
    auto c = inputOf(n, i) ? constOf(n->getOperand(i)) : std::nullopt;
    return c && !c->isFloat() && c->numel() == 1 ? std::optional<int64_t>(c->ints[0])
                                                 : std::nullopt;
  };
  if (op == "Shape" && n->getNumOperands() == 1) {
    std::optional<int64_t> rank = rankOf(n->getOperand(0), activations, known, depth + 1);
    if (!rank)
      return std::nullopt;
    auto [first, last] = shapeAxes(*rank, n.getIntAttr("start", 0), n.getIntAttr("end", *rank));
    return last - first;
  }
  if ((op == "Cast" || op == "Identity") && n->getNumOperands() == 1)
    return lengthOf(0);
  if (op == "Concat") {
    int64_t axis = n.getIntAttr("axis", 0), sum = 0;
    if (axis != 0 && axis != -1)
      return std::nullopt;
    for (unsigned i = 0; i < n->getNumOperands(); ++i) {
      std::optional<int64_t> part = lengthOf(i);
      if (!part)
        return std::nullopt;
      sum += *part;
    }
    return sum;
  }
  if (op == "Unsqueeze") { // of a scalar (a Gather of one index), one axis
    auto attr = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("axes"));
    auto axes = inputOf(n, 1) ? constOf(n->getOperand(1), /*typeOnly=*/true) : std::nullopt;
    bool one = inputOf(n, 1) ? axes && axes->numel() == 1 : attr && attr.size() == 1;
    return one && rankOf(n->getOperand(0), activations, known, depth + 1) == 0
               ? std::optional<int64_t>(1)
               : std::nullopt;
  }
  if (op == "Gather" && n->getNumOperands() == 2) {
    int64_t axis = n.getIntAttr("axis", 0);
    auto idx = constOf(n->getOperand(1), /*typeOnly=*/true);
    if ((axis != 0 && axis != -1) || !idx || idx->shape.size() != 1 || !lengthOf(0))
      return std::nullopt;
    return idx->numel();
  }
  if (op == "Slice" && n->getNumOperands() >= 3 && n->getNumOperands() <= 5) {
    std::optional<int64_t> len = lengthOf(0), b = intAt(1), e = intAt(2);
    std::optional<int64_t> axis = inputOf(n, 3) ? intAt(3) : std::optional<int64_t>(0);
    std::optional<int64_t> step = inputOf(n, 4) ? intAt(4) : std::optional<int64_t>(1);
    if (!len || !b || !e || !axis || (*axis != 0 && *axis != -1) || !step || *step == 0)
      return std::nullopt;
    return sliceCount(*len, *b, *e, *step);
  }
  return std::nullopt;
}

std::optional<int64_t> shapeLengthOf(Value v, ActivationValues &activations, Ranks &known,
                                     int depth) {
  if (auto it = known.length.find(v); it != known.length.end())
    return it->second;
  std::optional<int64_t> length = shapeLengthOfNode(v, activations, known, depth);
  known.length[v] = length;
  return length;
}

std::optional<int64_t> rankOfNode(Value v, ActivationValues &activations, Ranks &known,
                                  int depth) {
  if (RankedTensorType t = checkedType(v))
    return t.getRank();
  if (auto c = constOf(v, /*typeOnly=*/true))
    return int64_t(c->shape.size());
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || n->getNumOperands() < 1 || depth > 64)
    return std::nullopt;
  auto of = [&](unsigned i) -> std::optional<int64_t> {
    return i < n->getNumOperands() ? rankOf(n->getOperand(i), activations, known, depth + 1)
                                   : std::nullopt;
  };
  // The length of a constant 1-D input (a shape, axes).
  auto lengthOf = [&](unsigned i) -> std::optional<int64_t> {
    auto c = i < n->getNumOperands() ? constOf(n->getOperand(i), /*typeOnly=*/true)
                                     : std::nullopt;
    return c && c->shape.size() == 1 ? std::optional<int64_t>(c->numel()) : std::nullopt;
  };
  // Broadcasting operands i and j. The conversion reads a constant of one
  // value as a scalar (a scaled activation, a step of a chain), keeping
  // the activation's rank, and refuses one of a higher rank there
  // (scalarKeepsRank): such a constant leaves the rank unknown here
  // (helper-36), and so does anything else the conversion folds to one
  // (not an activation: an Add of constants, which constOf does not
  // evaluate; helper-47).
  auto broadcast = [&](unsigned i, unsigned j) -> std::optional<int64_t> {
    auto a = of(i), b = of(j);
    if (!a || !b)
      return std::nullopt;
    for (auto [k, other, rank] : {std::tuple(i, *b, *a), std::tuple(j, *a, *b)})
      if (rank > other && !activations.contains(n->getOperand(k)))
        return std::nullopt;
    return std::max(*a, *b);
  };
  // ONNX's MatMul rule (a 1-D operand loses its axis).
  auto product = [&](unsigned bIdx) -> std::optional<int64_t> {
    auto a = of(0), b = of(bIdx);
    if (!a || !b || *a < 1 || *b < 1)
      return std::nullopt;
    return matMulRank(*a, *b);
  };
  // A reduction keeps its axes (keepdims 1, the default) or drops those
  // its axes name (an attribute, or from opset 13/18 a constant input 1).
  auto reduced = [&]() -> std::optional<int64_t> {
    auto x = of(0);
    if (!x || n.getIntAttr("keepdims", 1) == 1)
      return x;
    // Input 1 wins over the attribute, as in the conversion (which reads
    // it whatever follows it; helper-50).
    bool given = inDefaultDomain(n) && inputOf(n, 1);
    auto attr = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("axes"));
    std::optional<Const> input = given ? constOf(n->getOperand(1)) : std::nullopt;
    if (given ? !input || input->isFloat() || input->shape.size() != 1 : !attr)
      return std::nullopt; // every axis, or none (noop_with_empty_axes)
    std::vector<int64_t> axes = given ? input->ints
                                      : std::vector<int64_t>(attr.asArrayRef().begin(),
                                                             attr.asArrayRef().end());
    llvm::SmallDenseSet<int64_t> distinct;
    for (int64_t a : axes)
      if (a < -*x || a >= *x || !distinct.insert(a < 0 ? a + *x : a).second)
        return std::nullopt; // the conversion refuses it where it is
    return axes.empty() ? std::nullopt : std::optional<int64_t>(*x - int64_t(axes.size()));
  };

  llvm::StringRef op = n.getOpType();
  llvm::StringRef domain = n.getDomain();
  bool onnx = inDefaultDomain(n), npc = domain == kNpcDomain, ort = domain == "com.microsoft";
  if (onnx && op == "Split")
    return of(0);
  if (n->getNumResults() != 1)
    return std::nullopt;
  if (isQonnxDomain(domain))
    return op == "Quant" ? of(0) : std::nullopt;
  // npc's and onnxruntime's nodes the fusion writes, which the PRelu guard
  // meets between walks (QONNX Quants are split before any): of input 0's
  // shape (a table, a requantization, a convolution, a pool, a softmax, a
  // normalization, a pad), a product (B is input 3; QGemm's is 2-D), an
  // elementwise binary operator (A 0, B 3), a Concat (its first input
  // after Y's parameters), a reduction.
  if (onnx || npc || ort) {
    if (llvm::is_contained({"QLinearLookup", "QLinearRequantize", "QLinearConv", "QLinearMaxPool",
                            "QLinearGlobalAveragePool", "QLinearAveragePool", "QLinearSoftmax",
                            "QLinearLayerNormalization", "QLinearBatchNormalization",
                            "QLinearPad"},
                           op))
      return of(0);
    if (op == "QGemm")
      return 2;
    if (op == "QLinearMatMul")
      return product(3);
    if (llvm::is_contained({"QLinearAdd", "QLinearMul", "QLinearSub"}, op))
      return broadcast(0, 3);
    if (op == "QLinearConcat")
      return of(2);
    if (llvm::is_contained({"QLinearReduceMean", "QLinearReduceSum", "QLinearReduceMax"}, op))
      return reduced();
  }
  if (!onnx)
    return std::nullopt;
  if (op == "Transpose") {
    auto perm = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("perm"));
    return perm ? std::optional<int64_t>(perm.size()) : of(0);
  }
  // The conversion takes a scalar index (the axis goes) or a list of them
  // (it stays), and refuses other indices at the Gather.
  if (op == "Gather" && n->getNumOperands() == 2) {
    auto idx = constOf(n->getOperand(1), /*typeOnly=*/true);
    auto x = of(0);
    if (!idx || idx->shape.size() > 1 || !x)
      return std::nullopt;
    return *x - 1 + int64_t(idx->shape.size());
  }
  if (op == "Flatten" || op == "Gemm")
    return 2;
  if (op == "Shape") // folded to a 1-D constant
    return 1;
  if (op == "Reshape")
    return n->getNumOperands() == 2 ? shapeLengthOf(n->getOperand(1), activations, known, depth + 1)
                                    : std::nullopt;
  if (op == "Expand") {
    if (n->getNumOperands() != 2)
      return std::nullopt;
    auto x = of(0), len = shapeLengthOf(n->getOperand(1), activations, known, depth + 1);
    return x && len ? std::optional<int64_t>(std::max(*x, *len)) : std::nullopt;
  }
  if (op == "Squeeze" || op == "Unsqueeze") {
    // Input 1 wins over the attribute, as in the conversion; a Squeeze
    // without axes drops the axes of extent 1, unknown here.
    auto x = of(0);
    auto attr = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("axes"));
    std::optional<int64_t> count = inputOf(n, 1) ? lengthOf(1)
                                   : attr ? std::optional<int64_t>(attr.size())
                                          : std::optional<int64_t>(0);
    if (!x || !count || (op == "Squeeze" && *count == 0))
      return std::nullopt;
    return op == "Squeeze" ? *x - *count : *x + *count;
  }
  if (op == "MatMul")
    return product(1);
  if (llvm::is_contained({"ReduceMean", "ReduceSum", "ReduceMax"}, op))
    return reduced();
  // The rank of input 0: elementwise, a pool or convolution (NCHW in,
  // NCHW out), a normalization, a softmax, a pixel shuffle, a slice, pad,
  // resize, cast or concatenation.
  static constexpr llvm::StringLiteral sameRank[] = {
      "Relu", "Clip", "Sigmoid", "Tanh", "Erf", "Exp", "Abs", "Neg", "Sqrt", "Reciprocal",
      "HardSigmoid", "HardSwish", "LeakyRelu", "Elu", "Softplus", "Softsign", "Mish", "Identity",
      "QuantizeLinear", "DequantizeLinear", "Softmax", "Conv", "MaxPool", "AveragePool",
      "GlobalAveragePool", "BatchNormalization", "LayerNormalization", "DepthToSpace",
      "SpaceToDepth", "Slice", "Pad", "Resize", "Cast", "Concat"};
  if (llvm::is_contained(sameRank, op))
    return of(0);
  if (llvm::is_contained({"Add", "Sub", "Mul", "Div", "Pow", "PRelu"}, op) &&
      n->getNumOperands() == 2)
    return broadcast(0, 1);
  return std::nullopt;
}

std::optional<int64_t> rankOf(Value v, ActivationValues &activations, Ranks &known, int depth) {
  if (auto it = known.rank.find(v); it != known.rank.end())
    return it->second;
  std::optional<int64_t> rank = rankOfNode(v, activations, known, depth);
  known.rank[v] = rank;
  return rank;
}

std::optional<int64_t> rankOf(Value v, ActivationValues &activations) {
  Ranks known;
  return rankOf(v, activations, known, 0);
}

/// The tables per element of a PRelu's slope this run of the pass made
/// (QLinearLookups with slope_of), each to its PRelu: a hand-written
/// slope_of, or another PRelu of the same name and location, is not
/// such a table. It forgets the tables the patterns erase (a listener),
/// whose storage new ops reuse.
class PreluTables : public RewriterBase::ForwardingListener {
public:
  using ForwardingListener::ForwardingListener;
  void record(Operation *table, Operation *prelu) { preluOf[table] = prelu; }
  /// Whether `op` is a table this run made of `prelu`.
  bool madeOf(Operation *op, Operation *prelu) const {
    auto it = preluOf.find(op);
    return it != preluOf.end() && it->second == prelu;
  }
  void notifyOperationErased(Operation *op) override {
    preluOf.erase(op);
    ForwardingListener::notifyOperationErased(op);
  }

private:
  llvm::DenseMap<Operation *, Operation *> preluOf;
};

/// The type of a move's result once it moves `codes` instead of their
/// floats (`floats` its type before): the stated shape with the codes'
/// element type, where both are known.
static Type movedCodesType(Type floats, Value codes) {
  auto t = dyn_cast<RankedTensorType>(floats);
  auto c = dyn_cast<RankedTensorType>(codes.getType());
  if (t && c)
    return t.clone(c.getElementType());
  return ValueType::get(floats.getContext());
}

/// The shape of `v` where this level knows it exactly: its checked
/// type's (checkedType), and through what keeps or permutes it
/// (QuantizeLinear, DequantizeLinear, Identity, Cast, Transpose); nullopt
/// elsewhere.
static std::optional<SmallVector<int64_t>> knownShape(Value v, int depth) {
  if (RankedTensorType t = checkedType(v); t && t.hasStaticShape())
    return SmallVector<int64_t>(t.getShape());
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || !inDefaultDomain(n) || n->getNumResults() != 1 || n->getNumOperands() < 1 ||
      depth > 16)
    return std::nullopt;
  llvm::StringRef op = n.getOpType();
  if (!llvm::is_contained({"QuantizeLinear", "DequantizeLinear", "Identity", "Cast", "Transpose"},
                          op))
    return std::nullopt;
  std::optional<SmallVector<int64_t>> in = knownShape(n->getOperand(0), depth + 1);
  if (!in || op != "Transpose")
    return in;
  // Transpose: out[i] = in[perm[i]], perm reversed when absent.
  SmallVector<int64_t> perm;
  if (auto p = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("perm")))
    perm.assign(p.asArrayRef().begin(), p.asArrayRef().end());
  else
    for (int64_t i = int64_t(in->size()) - 1; i >= 0; --i)
      perm.push_back(i);
  if (perm.size() != in->size() || !isPermutationVector(perm))
    return std::nullopt; // the conversion refuses it
  return applyPermutation(ArrayRef<int64_t>(*in), perm);
}

/// Whether nothing the conversion might refuse lies between `chain`'s
/// PRelu and `at`, where the fused table is made. The walk checks
/// the slope against x's shape at the PRelu, the fused node where it is
/// (slope_of), so a failing node between them would be reported first
/// with the fusion only (helper-43, helper-45). Allowed between: the
/// fused chains' own nodes (gone with the fusion), constants (Constant
/// nodes too, whose value the conversion reads ahead), and a
/// DequantizeLinear of a constant whose parameters the conversion takes
/// (a product's weight); a constant only of a type the conversion reads
/// (it refuses others where they are). Nothing after a table this run
/// made of the same PRelu and x (for another QuantizeLinear or reader):
/// that table's check is the walk's at the PRelu, so whatever follows it
/// comes after the slope's check on both routes.
static bool nothingFailsBetween(const ChainLink &chain, Operation *at,
                                llvm::ArrayRef<Operation *> chainNodes,
                                const PreluTables &tables, ActivationValues &activations) {
  NodeOp prelu = chain.prelu;
  Value x = chain.leaf->getOperand(0);
  // One value of a rank at most x's: the check cannot fail (channelAxisOf).
  if (chain.slopeElements() == 1) {
    auto rank = rankOf(x, activations);
    if (rank && *rank >= int64_t(chain.slopeShape.size()))
      return true;
  }
  // x's shape known here (a graph input's, or its codes' through what
  // keeps or permutes it: knownShape): the check is decided here, and
  // passes.
  if (std::optional<SmallVector<int64_t>> shape = knownShape(x);
      shape && channelAxisOf(*shape, chain.slopeShape))
    return true;
  for (Operation *op = prelu->getNextNode(); op && op != at; op = op->getNextNode()) {
    if (auto c = dyn_cast<ConstantOp>(op);
        c && typeCodeOf(cast<ShapedType>(c.getValue().getType()).getElementType()))
      continue;
    if (isa<NoneOp>(op) || llvm::is_contained(chainNodes, op))
      continue;
    if (tables.madeOf(op, prelu) && op->getOperand(0) == x)
      return true;
    auto n = dyn_cast<NodeOp>(op);
    if (!n)
      return false;
    if (n->getNumResults() == 1 && readAheadConstant(n->getResult(0)))
      continue;
    if (!inDefaultDomain(n) || n.getOpType() != "DequantizeLinear")
      return false;
    auto c = constOf(n->getOperand(0), /*typeOnly=*/true);
    if (!c || c->isFloat() || !qdqParams(n, c->shape, c->type))
      return false;
  }
  return true;
}

/// The chain `u` grows from `n`, a node of a chain it reads (the walk
/// reads n's function there and leaves it as it is); nullopt when `u`
/// grows none holding `n`.
static std::optional<ChainLink> chainGrownBy(Operation *u, Operation *n, int64_t opset,
                                             ActivationValues &activations) {
  auto reader = dyn_cast<NodeOp>(u);
  auto grown = reader && reader->getNumResults() == 1
                   ? chainOf(reader->getResult(0), opset, activations)
                   : std::nullopt;
  if (!grown || grown->kind != ChainLink::Function || !llvm::is_contained(grown->nodes, n))
    return std::nullopt;
  return grown;
}

/// Whether no reader of `nodes` makes a node's function 16-bit codes (the
/// rule the conversion followed when it fused QDQ itself), which a
/// QuantizeLinear after it would then requantize instead of making its
/// table: each reader is a QuantizeLinear (a table of its own) or a node
/// the chain grows by (its own chainOf holds the node), and so, in turn,
/// is each reader of the nodes of those chains (a Mul of two functions
/// reads the other one's function only if nothing made it codes first).
/// Readers after `q` do not count: the walk has not reached them there.
static bool readersKeepFunctions(llvm::ArrayRef<Operation *> nodes, int64_t opset,
                                 Operation *q, ActivationValues &activations) {
  llvm::SetVector<Operation *> closure(nodes.begin(), nodes.end());
  for (unsigned i = 0; i < closure.size(); ++i) {
    if (closure.size() > 256)
      return false; // not a chain of a few functions
    Operation *n = closure[i];
    for (Operation *u : n->getUsers()) {
      if (isQuantizeLinear(u) || q->isBeforeInBlock(u) || closure.contains(u))
        continue;
      auto grown = chainGrownBy(u, n, opset, activations);
      if (!grown)
        return false;
      closure.insert(grown->nodes.begin(), grown->nodes.end());
    }
  }
  return true;
}

/// DQ(x) -> a chain of float functions -> [Expand ->] Q, matched at the
/// QuantizeLinear: npc's QLinearLookup with Y's parameters (as the
/// conversion's walk computes it at the QuantizeLinear, whose name and
/// location it keeps).
struct FuseFunctionChain : AtQuantizeLinear {
  FuseFunctionChain(MLIRContext *ctx, llvm::SetVector<Operation *> &unread,
                    ActivationValues &activations, PreluTables &tables)
      : AtQuantizeLinear(ctx, unread, activations), tables(tables) {}

  LogicalResult fuseAt(NodeOp q, const QInfo &yq, PatternRewriter &rewriter) const override {
    int64_t opset = opsetOf(q);
    // An Expand of the chain's end (torch's expand_as to its own shape):
    // the conversion passes the function through it where it changes no
    // shape and refuses it where it does.
    NodeOp expand = nodeOf(q->getOperand(0), "Expand");
    Value end = expand && expand->getNumOperands() == 2 ? expand->getOperand(0)
                                                        : q->getOperand(0);
    auto chain = chainOf(end, opset, activations);
    if (!chain || chain->kind != ChainLink::Function)
      return failure();
    // A slope's check (nothingFailsBetween) with an Expand after it: not
    // tried.
    if (end != q->getOperand(0)) {
      if (chain->prelu)
        return failure();
      chain->nodes.push_back(expand);
    }
    if (!readersKeepFunctions(chain->nodes, opset, q, activations))
      return failure();
    if (chain->prelu && !nothingFailsBetween(*chain, q, chain->nodes, tables, activations))
      return failure();
    auto [lo, hi] = codeBounds(yq);
    rewriter.setInsertionPoint(q);
    Value table = lookupTable(rewriter,
                              tableValues(chain->fn, chain->leafQ, chain->slopeElements()), yq,
                              lo, hi, q.getName(), chain->slopeShape);
    Value zy = yZeroPoint(rewriter, q, yq);
    Value codes = end != q->getOperand(0) ? expandedCodes(rewriter, expand, chain->leaf)
                                          : Value();
    NodeOp lookup = lookupNode(rewriter, *chain, table, q->getOperand(1), zy, q, q.getOutputs(),
                               q->getResult(0).getType(), codes);
    if (chain->prelu)
      tables.record(lookup, chain->prelu);
    rewriter.replaceOp(q, lookup->getResults());
    unread.insert(chain->nodes.begin(), chain->nodes.end());
    return success();
  }

private:
  /// `expand` of `leaf`'s codes where `expand` is (once for all the
  /// QuantizeLinears that read it): the codes with the function's shape,
  /// and the conversion checks the Expand there, on them, as on the
  /// function without the fusion (the same node, shape and message).
  Value expandedCodes(PatternRewriter &rewriter, NodeOp expand, NodeOp leaf) const {
    SmallVector<Value> ins(expand->getOperands());
    ins[0] = leaf->getOperand(0);
    if (auto made = dyn_cast_or_null<NodeOp>(expand->getPrevNode());
        made && made.getOpType() == "Expand" && made.getName() == expand.getName() &&
        llvm::equal(made->getOperands(), ins))
      return made->getResult(0);
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(expand);
    return cloneNode(rewriter, expand, TypeRange{ValueType::get(getContext())}, ins)
        ->getResult(0);
  }

  PreluTables &tables;
};

/// Queues in `unread` the constants `op` reads, with the nodes that
/// compute them, for eraseUnread to erase once nothing else reads them.
static void queueConstantOperands(Operation *op, llvm::SetVector<Operation *> &unread) {
  for (Value v : op->getOperands())
    if (Operation *def = v.getDefiningOp();
        def && (isa<ConstantOp, NoneOp>(def) || (isa<NodeOp>(def) && isConstant(v))))
      unread.insert(def);
}

/// A chain of float functions nothing reads (a GELU whose output the
/// exporter left unused): the conversion's walk grows it, checking each
/// link as chainOf does, and makes nothing of it, so its nodes go. Only
/// where the chain's nodes are read by its own nodes alone (a table a
/// QuantizeLinear makes of an inner node comes first), and without a PRelu
/// slope that varies, which the walk checks against x's shape at the PRelu.
/// The leaf's DequantizeLinear stays (the conversion checks it). So goes a
/// lone Relu of a dequantized activation nothing reads, which the walk
/// holds for a reader and refuses nothing at (activation: x itself, or a
/// pending clamp).
struct EraseUnreadChain : OpRewritePattern<NodeOp> {
  EraseUnreadChain(MLIRContext *ctx, llvm::SetVector<Operation *> &unread,
                   ActivationValues &activations)
      : OpRewritePattern(ctx), unread(unread), activations(activations) {}

  LogicalResult matchAndRewrite(NodeOp end, PatternRewriter &rewriter) const override {
    // A node another pattern left in `unread` is eraseUnread's to erase
    // (erased here, `unread` would hold a dangling pointer).
    if (!end->use_empty() || end->getNumResults() != 1 || !inDefaultDomain(end) ||
        end.getOpType() == "DequantizeLinear" || unread.contains(end))
      return failure();
    if (end.getOpType() == "Relu" && end->getNumOperands() == 1 &&
        activationDq(end->getOperand(0), activations)) {
      rewriter.eraseOp(end);
      return success();
    }
    auto chain = chainOf(end->getResult(0), opsetOf(end), activations);
    if (!chain || chain->kind == ChainLink::Leaf || chain->prelu)
      return failure();
    for (Operation *n : chain->nodes)
      for (Operation *u : n->getUsers())
        if (!llvm::is_contained(chain->nodes, u))
          return failure();
    for (Operation *n : chain->nodes)
      if (n != end.getOperation())
        unread.insert(n);
    queueConstantOperands(end, unread);
    rewriter.eraseOp(end);
    return success();
  }

  llvm::SetVector<Operation *> &unread;
  ActivationValues &activations;
};

/// `from`'s uses by `at` and the nodes after it, now of `to`: what the
/// conversion reads there once it has made `to` at `at`; earlier readers
/// keep `from`.
static void replaceUsesFrom(PatternRewriter &rewriter, Value from, Value to, Operation *at) {
  rewriter.replaceUsesWithIf(from, to, [&](OpOperand &use) {
    return use.getOwner() == at || at->isBeforeInBlock(use.getOwner());
  });
}

/// Whether operand `i` of `reader` is one its conversion makes nothing
/// of when it takes its inputs in order (floatOp): a DequantizeLinear's
/// output, a constant, a node converted where it is (a move, a
/// QuantizeLinear, a QOperator or npc node), or omitted. Not a graph
/// input, which a float operator refuses (kept, conservatively, from
/// trading places with what the pattern puts before the reader). Not an
/// Expand: the conversion passes a pending function through it, to be
/// made where it is read.
static bool makesNothing(NodeOp reader, unsigned i) {
  Value v = inputOf(reader, i);
  if (!v || isConstant(v))
    return true;
  auto n = v.getDefiningOp<NodeOp>();
  return n && (!inDefaultDomain(n) || (isMove(n) && n.getOpType() != "Expand") ||
               llvm::is_contained({"DequantizeLinear", "QuantizeLinear"}, n.getOpType()));
}

/// An operand made something of where its reader is (as the conversion
/// made it when it fused QDQ itself): a chain of float functions (a 16-bit
/// table), or a lone Relu of a dequantized activation (its codes clamped
/// at the zero point).
struct MadeOperand {
  unsigned index;
  std::optional<ChainLink> chain; // else `relu`
  NodeOp relu;
  /// The node whose output the reader reads.
  NodeOp last(NodeOp reader) const { return reader->getOperand(index).getDefiningOp<NodeOp>(); }
};

/// A Relu of a dequantized activation (per tensor, with its zero point
/// above the lowest code, stated or 0 of a type storageOf knows; a graph
/// input's codes too), alone: what the
/// conversion's walk holds until a reader, and clamps on the codes when a
/// float operator reads it.
static NodeOp loneRelu(Value v, ActivationValues &activations) {
  auto n = v.getDefiningOp<NodeOp>();
  if (!n || !inDefaultDomain(n) || n.getOpType() != "Relu" || n->getNumOperands() != 1 ||
      n->getNumResults() != 1)
    return {};
  // npc's 16-bit codes too (a table a float operator read): the
  // conversion clamps those alike, and takes QLinearRequantize of them to
  // their own parameters.
  NodeOp dq = activationDq(n->getOperand(0), activations, /*wide=*/true);
  if (!dq)
    return {};
  // Not where the zero point is the lowest code: the conversion's rescale
  // changes nothing there, which QLinearRequantize would not make at all.
  auto xq = dequantizeParams(dq, wideCodes(dq->getOperand(0)));
  if (!xq || xq->zeroPoints[0] <= codeBounds(*xq).first)
    return {};
  return n;
}

/// DQ(x) -> a chain of float functions, or a lone Relu, read by a float
/// operator with no QuantizeLinear between (the squeeze-excite gate
/// x * sigmoid(g) as FX exports it, a SiLU into a Conv, a Relu into a
/// Concat): the conversion makes such a chain a 16-bit table where the
/// reader is (wideTableParams; so the conversion did when it fused QDQ
/// itself), and such a
/// Relu x's codes clamped below at its zero point; this states it: npc's
/// QLinearLookup into those codes, named as the reader, or npc's
/// QLinearRequantize to x's own parameters with the clamp, named as the
/// Relu, then a DequantizeLinear of them, which the reader's own fusion
/// (products, moves, QLinearAdd/Mul/Sub) takes. Matched at the last of the
/// reader's operands to end, all of them at once, in operand order, as the
/// conversion makes them; only where that is the first thing the reader's
/// conversion makes (madeOperands).
/// A chain's end (a Relu) may have other readers: QuantizeLinears before
/// the reader, which keep the float chain (each then fuses it to its own
/// 8-bit table or requantization, as the conversion makes it there), and
/// any node after it, which reads the codes the conversion has made by
/// then.
struct FuseTableReadByOperator : OpRewritePattern<NodeOp> {
  FuseTableReadByOperator(MLIRContext *ctx, llvm::SetVector<Operation *> &unread,
                          ActivationValues &activations, PreluTables &tables)
      : OpRewritePattern(ctx), unread(unread), activations(activations), tables(tables) {}

  LogicalResult matchAndRewrite(NodeOp end, PatternRewriter &rewriter) const override {
    if (!inDefaultDomain(end) || end->getNumResults() != 1 || end->use_empty())
      return failure();
    // The first node reading `end` that makes it.
    NodeOp reader;
    std::vector<MadeOperand> made;
    for (Operation *u : end->getUsers()) {
      // A graph output reads what the walk has made by then: the codes
      // (replaceUsesFrom moves it to their DequantizeLinear).
      if (isa<func::ReturnOp>(u))
        continue;
      auto n = dyn_cast<NodeOp>(u);
      if (!n || n->getBlock() != end->getBlock())
        return failure();
      if (reader && reader->isBeforeInBlock(n))
        continue;
      auto m = madeOperands(n);
      if (llvm::any_of(m, [&](const MadeOperand &o) { return o.last(n) == end; })) {
        reader = n;
        made = std::move(m);
      }
    }
    if (!reader)
      return failure();
    // An operand the reader takes twice (a Concat of it and it) is made
    // once: the conversion makes it at the first, and reads its codes at
    // the second.
    llvm::SmallPtrSet<Operation *, 4> seen;
    llvm::erase_if(made, [&](const MadeOperand &o) { return !seen.insert(o.last(reader)).second; });
    // A ReduceMean whose one reader is Sub(x, mean) may begin a layer norm
    // written as arithmetic, which the conversion matches only on
    // dequantized codes, not on a pending chain (helper-39) or a pending
    // Relu; without that Sub, no layer norm starts there.
    if (layerNormSub(reader))
      return failure();
    // `end` the last of the operands' ends (the walk has passed the
    // others); before the reader, each node of a chain (its end, or one
    // inside it that two of its nodes read: sigmoid(s) * s for s a
    // function) is read by the made operands' own nodes, by
    // QuantizeLinears, which make their own table of it, by a Shape
    // (torch FX's flatten: Shape -> Slice -> Concat -> Reshape), which the
    // conversion folds from the chain's shape without making anything (of
    // a lone Relu it refuses one), and by nodes a chain grows by (a Relu or
    // Erf of it; their own chainOf holds the node), which read the function
    // and leave it as it is. Anything else there would make it codes
    // first. Readers after the reader see the function as the walk left
    // it, with or without the fusion.
    llvm::SmallPtrSet<Operation *, 16> madeNodes;
    for (const MadeOperand &o : made) {
      if (o.chain)
        madeNodes.insert(o.chain->nodes.begin(), o.chain->nodes.end());
      else
        madeNodes.insert(o.relu);
    }
    int64_t opset = opsetOf(reader);
    auto grows = [&](Operation *u, Operation *n) {
      auto chain = chainGrownBy(u, n, opset, activations);
      return chain && readersKeepFunctions(chain->nodes, opset, u, activations);
    };
    for (const MadeOperand &o : made) {
      NodeOp last = o.last(reader);
      if (end->isBeforeInBlock(last))
        return failure();
      Operation *relu = o.relu;
      for (Operation *n : o.chain ? llvm::ArrayRef<Operation *>(o.chain->nodes)
                                  : llvm::ArrayRef<Operation *>(relu))
        for (Operation *u : n->getUsers())
          if (u->getBlock() != reader->getBlock() ||
              (u->isBeforeInBlock(reader) && !madeNodes.contains(u) && !isQuantizeLinear(u) &&
               !(o.chain && (isShape(u) || grows(u, n)))))
            return failure();
    }
    // A slope checked at the reader, not at its PRelu: only with nothing
    // between that may fail first.
    SmallVector<Operation *> chainNodes;
    for (const MadeOperand &o : made)
      if (o.chain)
        chainNodes.append(o.chain->nodes.begin(), o.chain->nodes.end());
    for (const MadeOperand &o : made)
      if (o.chain && o.chain->prelu &&
          !nothingFailsBetween(*o.chain, reader, chainNodes, tables, activations))
        return failure();
    // A table per element of a PRelu's slope, if the chain has one (as
    // FuseFunctionChain's); the 16-bit parameters fit all of them.
    SmallVector<std::vector<float>> values;
    SmallVector<QInfo> params;
    for (const MadeOperand &o : made)
      if (o.chain && !wideTableParams(values.emplace_back(tableValues(
                                          o.chain->fn, o.chain->leafQ, o.chain->slopeElements())),
                                      params.emplace_back())
                          .empty())
        return failure(); // the conversion says why, at the reader
    MLIRContext *ctx = getContext();
    unsigned table = 0;
    for (const MadeOperand &o : made) {
      NodeOp last = o.last(reader);
      rewriter.setInsertionPoint(reader);
      // Initializers and the DequantizeLinear named by the reader's input.
      std::string name = (reader.getName() + ".in" + llvm::Twine(o.index)).str();
      Value codes, yScale, yZero;
      if (o.chain) {
        const QInfo &yq = params[table];
        std::tie(yScale, yZero) = yParams(rewriter, name, yq);
        auto [lo, hi] = codeBounds(yq);
        Value t = lookupTable(rewriter, values[table++], yq, lo, hi, name, o.chain->slopeShape);
        NodeOp lookup =
            lookupNode(rewriter, *o.chain, t, yScale, yZero, reader, last.getOutputs(),
                       ValueType::get(ctx));
        if (o.chain->prelu)
          tables.record(lookup, o.chain->prelu);
        codes = lookup->getResult(0);
        for (Operation *n : o.chain->nodes)
          unread.insert(n); // `last` too, when no QuantizeLinear before the reader is left
      } else {
        NodeOp dq = nodeOf(o.relu->getOperand(0), "DequantizeLinear");
        yScale = dq->getOperand(1);
        codes = clampedCodes(rewriter, o.relu, yZero);
        unread.insert(o.relu);
      }
      auto after = NodeOp::create(rewriter, reader.getLoc(), last->getResultTypes(),
                                  "DequantizeLinear", "", name + ".dq", last.getOutputs(), nullptr,
                                  nullptr, ValueRange{codes, yScale, yZero});
      unread.insert(after); // when the reader fused reading the codes
      replaceUsesFrom(rewriter, last->getResult(0), after->getResult(0), reader);
    }
    return success();
  }

private:
  /// x's codes of `relu` (a loneRelu) clamped below at x's zero point, as
  /// the conversion clamps them: npc's QLinearRequantize to x's own
  /// parameters, y_min the zero point, named (and located) as the Relu.
  /// `yZero`: Y's zero point, x's, stated (an omitted one is 0 of x's type,
  /// which an omitted Y zero point would not say).
  Value clampedCodes(PatternRewriter &rewriter, NodeOp relu, Value &yZero) const {
    NodeOp dq = nodeOf(relu->getOperand(0), "DequantizeLinear");
    QInfo xq = *dequantizeParams(dq, wideCodes(dq->getOperand(0)));
    std::string name = relu.getName().str();
    SmallVector<Value> ins = dequantizedInputs(rewriter, dq);
    yZero = statedZeroPoint(rewriter, dq, xq, name + ".zero_point");
    ins.append({dq->getOperand(1), yZero,
                codeScalar(rewriter, name + ".y_min", int32_t(xq.zeroPoints[0]), xq),
                codeScalar(rewriter, name + ".y_max", codeBounds(xq).second, xq)});
    return NodeOp::create(rewriter, relu.getLoc(), TypeRange{ValueType::get(getContext())},
                          "QLinearRequantize", kNpcDomain, relu.getName(), relu.getOutputs(),
                          nullptr, rewriter.getStringAttr(relu.getShownOpType()), ins)
        ->getResult(0);
  }

  /// The operands of `reader` its conversion makes something of
  /// (MadeOperand), in operand order, when they are the first thing it
  /// makes there; else none. A float operator makes every input's
  /// (floatOp); a move its data's (passThrough; not an Expand, which the
  /// walk passes a pending function through); Add, Sub, Mul or Div those
  /// of two activations the chain does not grow by (elementwiseBinary:
  /// x * sigmoid(g), g not x), and, like a float operator, every input's
  /// when one is a lone Relu; a function of one input (Sigmoid, ...) a
  /// lone Relu's. Before the last made operand, an operand must be one
  /// the reader makes nothing of (a DequantizeLinear, a constant, a
  /// move's output), not an op the conversion still makes there (a pool,
  /// an unfused layer).
  std::vector<MadeOperand> madeOperands(NodeOp reader) const {
    std::vector<MadeOperand> made;
    llvm::StringRef type = reader.getOpType();
    // A Split has a result per part; it moves its data as a Slice does.
    if (!inDefaultDomain(reader) || (reader->getNumResults() != 1 && type != "Split"))
      return {};
    bool binary = llvm::is_contained({"Add", "Sub", "Mul", "Div"}, type);
    // A function of one input makes a lone Relu (unaryFunction); a chain
    // it grows.
    bool function = isTableFunction(type);
    unsigned read = reader->getNumOperands();
    if (llvm::is_contained({"Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Identity",
                            "Slice", "Split", "DepthToSpace", "SpaceToDepth", "Gather",
                            "Pad", "Resize"},
                           type))
      read = std::min(read, 1u);
    else if (binary && read != 2)
      return {};
    else if (!binary && !function && !takenByFloatOp(type))
      return {};
    SmallVector<std::optional<ChainLink>> links;
    int64_t opset = opsetOf(reader);
    // Taken as a float operator takes its inputs (floatOp), not as a
    // binary node of two activations.
    bool asFloatOp = false;
    for (unsigned i = 0; i < read; ++i) {
      links.push_back(chainOf(reader->getOperand(i), opset, activations));
      if (!function && links.back() && links.back()->kind == ChainLink::Function) {
        made.push_back({i, *links.back(), NodeOp()});
      } else if (NodeOp r = loneRelu(reader->getOperand(i), activations)) {
        made.push_back({i, std::nullopt, r});
        asFloatOp = true;
      }
    }
    if (made.empty())
      return {};
    // A chain and a DequantizeLinear of a constant (a Mul by a quantized
    // weight): no function of that grows the chain, so the conversion
    // takes the node as a float operator (floatOp), as with a lone Relu.
    auto ofConstant = [&](unsigned i) {
      NodeOp dq = nodeOf(reader->getOperand(i), "DequantizeLinear");
      return dq && !activations.contains(dq->getOperand(0));
    };
    if (binary && made.size() == 1 && ofConstant(1 - made[0].index))
      asFloatOp = true;
    // A chain and npc's 16-bit codes (a table's or an average's, moved or
    // split): no chain grows from those (functionOf takes at most 8 bits),
    // so the conversion takes the node as a float operator (floatOp).
    auto wide = [&](unsigned i) {
      NodeOp dq = links[i] ? NodeOp() : activationDq(reader->getOperand(i), activations, true);
      return dq && wideCodes(dq->getOperand(0));
    };
    if (binary && made.size() == 1 && wide(1 - made[0].index))
      asFloatOp = true;
    if (binary && !asFloatOp) {
      // Two activations, not of the same codes read alike (the chain grows).
      const auto &a = links[0], &b = links[1];
      if (!a || !b || a->kind == ChainLink::ScalarOp || b->kind == ChainLink::ScalarOp ||
          (sameCodes(a->leaf->getOperand(0), b->leaf->getOperand(0)) &&
           a->leafQ.scales == b->leafQ.scales && a->leafQ.zeroPoints == b->leafQ.zeroPoints))
        return {};
      return made;
    }
    unsigned lastMade = binary ? read : made.back().index;
    for (unsigned i = 0; i < lastMade; ++i)
      if (llvm::none_of(made, [&](const MadeOperand &o) { return o.index == i; }) &&
          !makesNothing(reader, i))
        return {};
    return made;
  }

  llvm::SetVector<Operation *> &unread;
  ActivationValues &activations;
  PreluTables &tables;
};

/// An embedding lookup, Gather of a constant table (float, or a
/// DequantizeLinear of integer codes) along axis 0 by an integer graph
/// input (token ids), then [Relu | Clip] -> Q: npc's QLinearGather(table
/// as Y's codes, Y's scale and zero point, ids), the table computed as the
/// conversion computes it at the QuantizeLinear (embeddingCodes) with the
/// activation's clamp in it, and the gathered codes Y's. A Clip of Q's
/// codes after it stays (the conversion makes the same rescale of those
/// codes either way). The op keeps the Gather's name and location.
struct FuseEmbeddingLookup : AtActivatedQuantizeLinear {
  using AtActivatedQuantizeLinear::AtActivatedQuantizeLinear;

  LogicalResult fuseAfter(NodeOp q, const QInfo &yq, Value in, const std::optional<Activation> &a,
                          PatternRewriter &rewriter) const override {
    NodeOp g = in.getDefiningOp<NodeOp>();
    if (!g || g.getOpType() != "Gather" || !inDefaultDomain(g) || g->getNumResults() != 1 ||
        g->getNumOperands() != 2 || !g->getResult(0).hasOneUse() || !onlyAttrs(g, {"axis"}))
      return failure();
    // The conversion's embeddingLookup: ids a graph input of integers
    // (what it reads as raw integers), the table [rows, width] along axis 0.
    int64_t axis = g.getIntAttr("axis", 0);
    auto ids = dyn_cast<BlockArgument>(g->getOperand(1));
    auto idsType = ids ? dyn_cast<RankedTensorType>(ids.getType()) : RankedTensorType();
    if (!idsType || !isa<IntegerType>(idsType.getElementType()) || (axis != 0 && axis != -2))
      return failure();
    NodeOp dq = nodeOf(g->getOperand(0), "DequantizeLinear");
    auto table = constOf(dq ? dq->getOperand(0) : g->getOperand(0));
    if (!table || table->isFloat() == bool(dq) || table->shape.size() != 2)
      return failure();
    std::optional<QInfo> tq;
    if (dq && !(tq = qdqParams(dq, table->shape, table->type)))
      return failure();
    int32_t cmin, cmax;
    if (!activationClamp(yq, a && a->relu, a ? a->lo : std::nullopt, a ? a->hi : std::nullopt,
                         cmin, cmax)
             .empty())
      return failure();
    Const codes = embeddingCodes(*table, dq ? &*tq : nullptr, yq, cmin, cmax);

    MLIRContext *ctx = getContext();
    rewriter.setInsertionPoint(q);
    Value data = namedConstant(rewriter, g.getName().str() + ".codes",
                               integerElements(ctx, yq.storage, codes.ints, codes.shape));
    SmallVector<Value> ins = {data, q->getOperand(1), yZeroPoint(rewriter, q, yq), ids};
    Value r = NodeOp::create(rewriter, g.getLoc(), q->getResultTypes(), "QLinearGather",
                             kNpcDomain, g.getName(), q.getOutputs(), g.getAttrsAttr(),
                             rewriter.getStringAttr(g.getShownOpType()), ins)
                  ->getResult(0);
    rewriter.replaceOp(q, r);
    if (a)
      unread.insert(a->node);
    unread.insert(g);
    if (dq)
      unread.insert(dq);
    return success();
  }
};

/// QuantizeLinear of a float constant (a QAT export's fake-quantized
/// weight) that nodes read: an initializer of its codes, named after its
/// output, as the conversion folds it (quantizeConst). The float constant
/// goes once nothing else reads it. Only what constOf folds (no attribute
/// but axis and output_dtype, parameters the conversion accepts); the
/// others stay for the conversion to fold or refuse.
struct FoldQuantizeOfConstant : OpRewritePattern<NodeOp> {
  FoldQuantizeOfConstant(MLIRContext *ctx, llvm::SetVector<Operation *> &unread)
      : OpRewritePattern(ctx, /*benefit=*/2), unread(unread) {}

  LogicalResult matchAndRewrite(NodeOp q, PatternRewriter &rewriter) const override {
    // Only for nodes that read it: a graph output that is a constant is the
    // conversion's error, and an unread one it folds (or refuses) itself.
    // (A node of no outputs has no result 0: a fuzzed file's.)
    if (q->getNumResults() != 1 || !nodeOf(q->getResult(0), "QuantizeLinear") ||
        q->use_empty() || !llvm::all_of(q->getUsers(), [](Operation *u) { return isa<NodeOp>(u); }))
      return failure();
    std::optional<Const> c = constOf(q->getResult(0));
    if (!c || c->isFloat())
      return failure();
    rewriter.setInsertionPoint(q);
    Value folded = namedConstant(rewriter, cast<StringAttr>(q.getOutputs()[0]).str(),
                                 integerElements(getContext(), c->type, c->ints, c->shape));
    for (Value in : q->getOperands())
      if (Operation *def = in.getDefiningOp(); def && isConstant(in))
        unread.insert(def);
    rewriter.replaceOp(q, folded);
    return success();
  }

  llvm::SetVector<Operation *> &unread;
};

/// DQ(x) -> GlobalAveragePool | AveragePool | ReduceMean read by products
/// or reshapes (Conv, Gemm, MatMul as any input; Flatten, Reshape, Squeeze,
/// Unsqueeze as their data), with no QuantizeLinear between: torchvision's
/// eager QAT exports (the classifier's `x.mean` -> Linear, mobilenet_v3's
/// squeeze-excite pool -> Conv). The conversion keeps such an average in
/// 16-bit codes at 1/16 of x's step (wideMeanParams); this states it:
/// npc's node of onnxruntime's name, whose Y is those codes, then a
/// DequantizeLinear of them, which the moves and the readers' fusion take.
/// x's type must be known (a stated zero point, or storageOf: it gives
/// Y's); the DequantizeLinear of x stays, for the conversion to check x's
/// type there.
/// The conversion makes the codes where the average is when only such
/// nodes read it, else while the first of them (firstCodesReader) takes
/// its inputs in order: the node goes before that reader when the inputs
/// the reader takes before the average make nothing there (makesNothing),
/// and the readers before it keep the float average (a QuantizeLinear
/// then fuses with it to its own node).
struct FuseMeanReadByProduct : OpRewritePattern<NodeOp> {
  FuseMeanReadByProduct(MLIRContext *ctx, llvm::SetVector<Operation *> &unread,
                        ActivationValues &activations)
      : OpRewritePattern(ctx), unread(unread), activations(activations) {}

  LogicalResult matchAndRewrite(NodeOp op, PatternRewriter &rewriter) const override {
    Operation *at = op;
    if (!averageReadByProducts(op)) {
      NodeOp first = firstCodesReader(op);
      // The return may read it too: after the reader it reads the
      // DequantizeLinear of the 16-bit codes, which the conversion
      // dequantizes as it did the average.
      if (!first || !llvm::all_of(op->getUsers(), [&](Operation *u) {
            return isa<NodeOp, func::ReturnOp>(u) && u->getBlock() == op->getBlock();
          }))
        return failure();
      // A float op's pending output or another average the reader
      // materializes first (a Relu, a table, a MaxPool): its ops, or its
      // error, come before the average's.
      for (unsigned i = 0; first->getOperand(i) != op->getResult(0); ++i)
        if (!makesNothing(first, i))
          return failure();
      // A Sub of the mean's input by it may start a layer norm written as
      // arithmetic, which the walk matches only where that Sub is the
      // mean's one reader: left with it alone, the walk would match one it
      // does not match without the fusion (helper-71).
      if (llvm::any_of(op->getUsers(), [&](Operation *u) { return subtractsMean(u, op); }))
        return failure();
      at = first;
    }
    std::optional<Fusion> f = reductionFusion(op, activations);
    if (!f)
      return failure();
    NodeOp dq = f->dqs[0];
    auto xq = dequantizeParams(dq);
    if (!xq || storageWidth(xq->storage) > 8)
      return failure();
    auto [lo, hi] = storageRange(xq->storage);
    QInfo yq = wideMeanParams(*xq, lo, hi);
    // Y's scale as float32 must be s_x / 16 exactly (not below float's
    // normal range), which the conversion checks.
    float scale = float(yq.scales[0]);
    if (double(scale) != yq.scales[0])
      return failure();

    MLIRContext *ctx = getContext();
    rewriter.setInsertionPoint(at);
    auto [yScale, yZero] = yParams(rewriter, op.getName().str(), yq);
    f->ins.append({yScale, yZero});
    for (Value &in : f->ins) // an omitted x zero point: x's type, as for the DequantizeLinear
      if (!in)
        in = noneValue(rewriter, dq.getLoc());
    Type value = ValueType::get(ctx);
    Value codes = NodeOp::create(rewriter, op.getLoc(), TypeRange{value}, f->type, kNpcDomain,
                                 op.getName(), op.getOutputs(), f->attrs,
                                 rewriter.getStringAttr(op.getShownOpType()), f->ins)
                      ->getResult(0);
    auto after = NodeOp::create(rewriter, dq.getLoc(), op->getResultTypes(), "DequantizeLinear", "",
                                dq.getName(), op.getOutputs(), nullptr, nullptr,
                                ValueRange{codes, yScale, yZero});
    // The DequantizeLinear goes too when its readers fused reading the
    // codes (the conversion makes nothing of it).
    unread.insert(after);
    if (at == op) {
      rewriter.replaceOp(op, after->getResults());
      return success();
    }
    replaceUsesFrom(rewriter, op->getResult(0), after->getResult(0), at);
    unread.insert(op); // when no reader before `at` is left
    return success();
  }

  llvm::SetVector<Operation *> &unread;
  ActivationValues &activations;
};

/// Relu(DQ(x)) where no code of x lies below its zero point
/// (reluIsIdentity: uint8 codes at zero point 0, a ReLU's output): the
/// Relu changes nothing, and the conversion passes x's entry through it.
/// Its readers read the DequantizeLinear instead, so they fuse as without
/// it (a Relu -> Add, hard-swish of it: x * hardsigmoid(x) one table).
/// A graph output too: the conversion dequantizes x's codes there either
/// way, and the output's name is the function's (npc.output_names).
struct DropIdentityRelu : OpRewritePattern<NodeOp> {
  DropIdentityRelu(MLIRContext *ctx, ActivationValues &activations)
      : OpRewritePattern(ctx), activations(activations) {}

  LogicalResult matchAndRewrite(NodeOp relu, PatternRewriter &rewriter) const override {
    if (!inDefaultDomain(relu) || relu.getOpType() != "Relu" || relu->getNumOperands() != 1 ||
        relu->getNumResults() != 1)
      return failure();
    NodeOp dq = activationDq(relu->getOperand(0), activations, /*wide=*/true);
    if (!dq || identityRelu(dq) != true)
      return failure();
    rewriter.replaceOp(relu, dq->getResults());
    return success();
  }

  ActivationValues &activations;
};

struct PropagateDqThroughMove : OpRewritePattern<NodeOp> {
  PropagateDqThroughMove(MLIRContext *ctx, ActivationValues &activations)
      : OpRewritePattern(ctx), activations(activations) {}

  LogicalResult matchAndRewrite(NodeOp move, PatternRewriter &rewriter) const override {
    if (inDefaultDomain(move) && move.getOpType() == "Split")
      return splitCodes(move, rewriter);
    if (!inDefaultDomain(move) || move->getNumResults() != 1 || move->getNumOperands() < 1)
      return failure();
    if (isSwap(move))
      if (NodeOp dq = nodeOf(move->getOperand(0), "DequantizeLinear"))
        if (auto w = constOf(dq->getOperand(0), /*typeOnly=*/true); w && w->shape.size() == 2)
          return swapConstant(move, dq, rewriter);
    if (move.getOpType() == "Expand") {
      if (NodeOp dq = nodeOf(move->getOperand(0), "DequantizeLinear"))
        if (isConstant(dq->getOperand(0)))
          return expandConstant(move, dq, rewriter);
      if (succeeded(expandBeforeFunction(move, rewriter)))
        return success();
    }
    if (move.getOpType() == "Pad")
      return padCodes(move, rewriter);
    bool pool = move.getOpType() == "MaxPool";
    // A MaxPool the conversion runs on its input's codes where it is
    // (maxPoolReadByFloatOps); of a graph input, npc's QLinearMaxPool.
    if (!isMove(move) && !(pool && maxPoolReadByFloatOps(move)))
      return failure();
    NodeOp dq = activationDq(move->getOperand(0), activations, /*wide=*/true);
    if (!dq)
      return failure();
    if (pool && isa<BlockArgument>(dq->getOperand(0)))
      return graphInputPool(move, dq, rewriter);
    if (!constantSideInputs(move))
      return failure();
    SmallVector<Value> ins(move->getOperands());
    ins[0] = dq->getOperand(0);
    // The original stays where it was: it emits nothing, and the
    // conversion checks it there, before the move, as without the fusion.
    return moveBeforeDq(move, ins, dq, dq.getAttrsAttr(), rewriter);
  }

  /// Expand(f(v)) of a function of one input (Sigmoid, Tanh, ...: a
  /// table) that only the Expand reads, of a dequantized activation or of
  /// another such function, read by a node other than a QuantizeLinear
  /// (those take the Expand into their own lookup: FuseFunctionChain):
  /// f(Expand(v)), the same values (f is elementwise, Expand copies), so
  /// the Expand walks up to the DequantizeLinear and onto the codes, and
  /// the chain, now of the expanded codes, fuses with its readers as any
  /// chain does (a ReduceMean or a Concat reading it: 16-bit codes).
  LogicalResult expandBeforeFunction(NodeOp expand, PatternRewriter &rewriter) const {
    if (expand->getNumOperands() != 2 || !constantSideInputs(expand) ||
        readByQuantizeLinearsOnly(expand->getResult(0)))
      return failure();
    // A Relu of a function grows its chain (chainGrownBy) and commutes
    // with the Expand alike.
    auto isFunction = [](NodeOp n) {
      return n && inDefaultDomain(n) &&
             (isTableFunction(n.getOpType()) || n.getOpType() == "Relu") &&
             n->getNumOperands() == 1 && n->getNumResults() == 1 && n->hasOneUse();
    };
    NodeOp f = expand->getOperand(0).getDefiningOp<NodeOp>();
    if (!isFunction(f))
      return failure();
    // Up the chain to its activation (a bounded climb), which begins with
    // a table function (a lone Relu is not a chain).
    NodeOp n = f;
    for (int depth = 0; !activationDq(n->getOperand(0), activations); ++depth) {
      n = n->getOperand(0).getDefiningOp<NodeOp>();
      if (depth == 64 || !isFunction(n))
        return failure();
    }
    if (!isTableFunction(n.getOpType()))
      return failure();
    rewriter.setInsertionPoint(f);
    SmallVector<Value> ins(expand->getOperands());
    ins[0] = f->getOperand(0);
    auto moved = cloneNode(rewriter, expand, TypeRange{ValueType::get(getContext())}, ins);
    auto after = cloneNode(rewriter, f, expand->getResultTypes(), moved->getResults());
    rewriter.replaceOp(expand, after->getResults());
    rewriter.eraseOp(f);
    return success();
  }

  /// A MaxPool of a graph input's dequantized codes: MaxPool of the codes
  /// would read them as plain integers, so npc's QLinearMaxPool of them
  /// with x's scale and zero point for Y's too (the conversion's max pool
  /// on the codes and no rescale, as it makes without the fusion), then a
  /// copy of the DequantizeLinear. Per tensor; an omitted zero point is
  /// made explicit, 0 of the codes' type (omitted, Y's would be uint8).
  LogicalResult graphInputPool(NodeOp pool, NodeOp dq, PatternRewriter &rewriter) const {
    Value scale = dq->getOperand(1), zero = inputOf(dq, 2);
    auto sc = constOf(scale, /*typeOnly=*/true);
    std::optional<int32_t> storage = storageOf(dq->getOperand(0));
    if (!sc || sc->numel() != 1 || pool->getNumOperands() != 1 ||
        (!zero && !(storage && storageWidth(*storage) > 0)))
      return failure();
    if (!zero) {
      rewriter.setInsertionPoint(pool);
      zero = namedConstant(rewriter, pool.getName().str() + ".zero_point",
                           integerElements(getContext(), *storage, {0}, {}));
    }
    Value ins[] = {dq->getOperand(0), scale, zero, scale, zero};
    return moveBeforeDq(pool, ins, dq, dq.getAttrsAttr(), rewriter, "QLinearMaxPool");
  }

  /// Whether inputs after the first (Reshape's shape, Squeeze's axes,
  /// Slice's starts, Split's sizes) are what the conversion folds to
  /// constants: not activations. torch computes some from the activation's
  /// Shape (FX's flatten, shufflenet's channel split), which the conversion
  /// folds wherever the move is.
  bool constantSideInputs(NodeOp move) const {
    for (unsigned i = 1; i < move->getNumOperands(); ++i)
      if (inputOf(move, i) && activations.contains(move->getOperand(i)))
        return false;
    return true;
  }

  /// Split of a dequantized activation per tensor: Split of x's codes, then
  /// a copy of the DequantizeLinear on each part, as the conversion slices
  /// x's codes whichever of the two it reads (splitNode), so what reads a
  /// part fuses. The Split's checks stay the conversion's, at the node.
  LogicalResult splitCodes(NodeOp split, PatternRewriter &rewriter) const {
    if (split->getNumOperands() < 1 || !constantSideInputs(split))
      return failure();
    NodeOp dq = activationDq(split->getOperand(0), activations, /*wide=*/true);
    if (!dq)
      return failure();
    SmallVector<Value> ins(split->getOperands());
    ins[0] = dq->getOperand(0);
    rewriter.setInsertionPoint(split);
    SmallVector<Type> codesTypes;
    for (Type t : split->getResultTypes())
      codesTypes.push_back(movedCodesType(t, ins[0]));
    auto moved = cloneNode(rewriter, split, codesTypes, ins);
    SmallVector<Value> parts;
    for (auto [k, part] : llvm::enumerate(moved->getResults())) {
      SmallVector<Value> dqIns(dq->getOperands());
      dqIns[0] = part;
      auto after = cloneNode(rewriter, dq, TypeRange{split->getResult(k).getType()}, dqIns,
                             rewriter.getArrayAttr({split.getOutputs()[k]}));
      parts.push_back(after->getResult(0));
    }
    rewriter.replaceOp(split, parts);
    return success();
  }

  /// Replaces `move` by `move` of `moveIns` (input 0 the codes), or by
  /// npc's node `npcType` of them, followed by a copy of `dq` with
  /// attributes `dqAttrs`, which takes `move`'s outputs.
  LogicalResult moveBeforeDq(NodeOp move, ValueRange moveIns, NodeOp dq, DictionaryAttr dqAttrs,
                             PatternRewriter &rewriter, llvm::StringRef npcType = {}) const {
    rewriter.setInsertionPoint(move);
    auto moved = NodeOp::create(
        rewriter, move.getLoc(), TypeRange{movedCodesType(move->getResult(0).getType(), moveIns[0])},
        npcType.empty() ? move.getOpType() : npcType,
        npcType.empty() ? move.getDomain() : llvm::StringRef(kNpcDomain), move.getName(),
        move.getOutputs(), move.getAttrsAttr(),
        npcType.empty() ? move.getSourceOpTypeAttr()
                        : rewriter.getStringAttr(move.getShownOpType()),
        moveIns);
    SmallVector<Value> dqIns(dq->getOperands());
    dqIns[0] = moved->getResult(0);
    auto after = cloneNode(rewriter, dq, move->getResultTypes(), dqIns, move.getOutputs(), dqAttrs);
    rewriter.replaceOp(move, after->getResults());
    return success();
  }

  /// Transpose(DQ(W)) of a 2-D constant W (torch's QAT nn.Linear reads its
  /// dequantized weight transposed): DQ(Transpose(W)) with a per-axis
  /// DequantizeLinear's axis swapped, as the conversion permutes such a
  /// constant, so a product reads a DequantizeLinear of a constant.
  LogicalResult swapConstant(NodeOp move, NodeOp dq, PatternRewriter &rewriter) const {
    auto scale = constOf(dq->getOperand(1), /*typeOnly=*/true);
    if (!scale)
      return failure();
    MLIRContext *ctx = getContext();
    DictionaryAttr attrs = dq.getAttrsAttr();
    // Blocked quantization (opset 21's block_size) is not swapped: the
    // conversion reports it at the DequantizeLinear, on W's own shape.
    if (attrs && llvm::any_of(attrs, [](NamedAttribute a) { return a.getName() != "axis"; }))
      return failure();
    if (scale->numel() > 1) { // per axis: the other axis after the swap
      int64_t axis = dq.getIntAttr("axis", 1);
      if (axis < -2 || axis > 1)
        return failure(); // the conversion reports it at the DequantizeLinear
      NamedAttrList list(attrs);
      list.set("axis", IntegerAttr::get(IntegerType::get(ctx, 64), axis < 0 ? -1 - axis : 1 - axis));
      attrs = list.getDictionary(ctx);
    }
    return moveBeforeDq(move, ValueRange{dq->getOperand(0)}, dq, attrs, rewriter);
  }

  /// Pad of a dequantized activation per tensor (opset 11 on, its other
  /// inputs no activations): npc's QLinearPad of x's codes and parameters
  /// (then Pad's inputs and attributes), which pads with x's zero point,
  /// real 0, as the conversion pads that view; then a copy of the
  /// DequantizeLinear, so a product reading the Pad fuses. The Pad's
  /// checks are the conversion's, at the node (emitPad).
  LogicalResult padCodes(NodeOp pad, PatternRewriter &rewriter) const {
    NodeOp dq = activationDq(pad->getOperand(0), activations);
    // Without pads the conversion refuses the Pad, naming its input 1.
    if (!dq || opsetOf(pad) < 11 || pad->getNumOperands() < 2 || !inputOf(pad, 1) ||
        pad->getNumOperands() > 4)
      return failure();
    for (unsigned i = 1; i < pad->getNumOperands(); ++i)
      if (inputOf(pad, i) && activations.contains(pad->getOperand(i)))
        return failure();
    rewriter.setInsertionPoint(pad);
    SmallVector<Value> ins = dequantizedInputs(rewriter, dq);
    ins.append(std::next(pad->operand_begin()), pad->operand_end());
    return moveBeforeDq(pad, ins, dq, dq.getAttrsAttr(), rewriter, "QLinearPad");
  }

  /// Expand(DQ(C)) of a constant C per tensor (ViT's class token expanded
  /// to the batch): DQ(Expand(C)), which the conversion folds to the same
  /// dequantized constant, so a QLinearConcat reads its codes. Per axis it
  /// stays (the conversion refuses to expand that).
  LogicalResult expandConstant(NodeOp move, NodeOp dq, PatternRewriter &rewriter) const {
    auto scale = constOf(dq->getOperand(1), /*typeOnly=*/true);
    if (!scale || scale->numel() != 1 || !onlyAttrs(dq, {"axis"}) ||
        move->getNumOperands() != 2 || move.getAttrsAttr() ||
        activations.contains(move->getOperand(1)))
      return failure();
    SmallVector<Value> ins(move->getOperands());
    ins[0] = dq->getOperand(0);
    return moveBeforeDq(move, ins, dq, dq.getAttrsAttr(), rewriter);
  }

  ActivationValues &activations;
};

struct FuseQdqToQOperatorPass
    : npc::onnx::impl::FuseQdqToQOperatorBase<FuseQdqToQOperatorPass> {
  void runOnOperation() override {
    if (failed(fuseQdqToQOperator(getOperation())))
      signalPassFailure();
  }
};

} // namespace

/// Erases the nodes in `unread` nothing reads any more, and then the
/// constants only they read, with the nodes that compute them (a Cast or
/// Identity of one, torch's Cast(ConstantOfShape) zero points, a QAT
/// weight's QuantizeLinear FoldQuantizeOfConstant left); the rest stays
/// (another node still reads it).
static void eraseUnread(llvm::SetVector<Operation *> &unread, RewriterBase::Listener &listener) {
  // An op may be queued again while a later copy of it waits in the
  // vector being walked (a bias both the pattern and its reader queued).
  llvm::SmallPtrSet<Operation *, 32> gone;
  for (bool erased = true; erased;) {
    erased = false;
    for (Operation *op : unread.takeVector()) {
      if (gone.contains(op))
        continue;
      if (!op->use_empty()) {
        unread.insert(op);
        continue;
      }
      queueConstantOperands(op, unread);
      gone.insert(op);
      // The next walk's record of activations must forget its values (a
      // new op may reuse the memory).
      listener.notifyOperationErased(op);
      op->erase();
      erased = true;
    }
  }
}

/// QONNX's Quant(x, scale, zeropt, bitwidth) as the QuantizeLinear ->
/// DequantizeLinear pair it is, which the patterns then fuse as any other:
/// its parameters as initializers `<name>.scale` and `<name>.zero_point`
/// (one value, or one per channel along the pair's axis), the zero point
/// in the storage type with the Quant's range as its narrowed_range. Both
/// nodes keep the Quant's name and show its op type, so the conversion
/// builds the same ops with the same locations and messages. Only a Quant
/// whose parameters the conversion accepts (qonnxQuantInfo, read with the
/// same function), and whose x's shape is known here when a parameter
/// has dimensions (a constant, a graph input), or only its rank (rankOf)
/// when they hold one value: the others stay for the conversion to read
/// or refuse.
static void splitQonnxQuants(ModuleOp module, llvm::SetVector<Operation *> &unread,
                             ActivationValues &activations) {
  SmallVector<NodeOp> quants;
  module.walk([&](NodeOp n) {
    if (n.getOpType() == "Quant" && isQonnxDomain(n.getDomain()) && n->getNumOperands() == 4 &&
        n->getNumResults() == 1)
      quants.push_back(n);
  });
  MLIRContext *ctx = module.getContext();
  PatternRewriter rewriter(ctx);
  rewriter.setListener(&activations); // which forgets the Quants replaced
  for (NodeOp n : quants) {
    Value x = n->getOperand(0);
    auto s = constOf(n->getOperand(1)), z = constOf(n->getOperand(2)),
         bw = constOf(n->getOperand(3));
    if (!s || !z || !bw)
      continue;
    // x's shape, where this level knows it. Without it, only parameters
    // of one value and of a rank at most x's, where that is known (the
    // conversion refuses a higher one, and reads one value per tensor).
    std::optional<std::vector<int64_t>> shape;
    if (auto c = constOf(x, /*typeOnly=*/true))
      shape = c->shape;
    else if (auto t = dyn_cast<RankedTensorType>(x.getType()); t && isa<BlockArgument>(x))
      shape = std::vector<int64_t>(t.getShape().begin(), t.getShape().end()); // a graph input
    // (a node's stated shape is not read: parameters per channel of a node's
    // output are a per-channel QuantizeLinear after an operator, which the
    // conversion refuses at the Quant)
    if (!shape && (!s->shape.empty() || !z->shape.empty())) {
      // The rank the Quant's or x's type states, which the pair keeps and
      // the conversion checks at its QuantizeLinear; else rankOf's.
      std::optional<int64_t> rank;
      if (auto t = dyn_cast<RankedTensorType>(n->getResult(0).getType()))
        rank = t.getRank();
      else if (auto t = dyn_cast<RankedTensorType>(x.getType()))
        rank = t.getRank();
      else
        rank = rankOf(x, activations);
      if (s->numel() != 1 || z->numel() != 1 || !rank ||
          int64_t(std::max(s->shape.size(), z->shape.size())) > *rank)
        continue;
    }
    auto mode = dyn_cast_or_null<StringAttr>(n.getOnnxAttr("rounding_mode"));
    QInfo q;
    if (!qonnxQuantInfo(*s, *z, *bw, mode ? mode.getValue() : "ROUND",
                        n.getIntAttr("signed", 1) != 0, n.getIntAttr("narrow", 0) != 0,
                        shape ? std::optional<llvm::ArrayRef<int64_t>>(*shape) : std::nullopt, q)
             .empty())
      continue;
    rewriter.setInsertionPoint(n);
    std::string name = n.getName().str();
    SmallVector<int64_t> paramShape;
    if (q.scales.size() > 1)
      paramShape.push_back(int64_t(q.scales.size()));
    std::vector<float> scales(q.scales.begin(), q.scales.end());
    Value scale = namedConstant(
        rewriter, name + ".scale",
        DenseElementsAttr::get(RankedTensorType::get(paramShape, rewriter.getF32Type()),
                               llvm::ArrayRef<float>(scales)));
    // The range only when it is narrower than the type's (the conversion
    // reads a full one the same either way).
    DenseI64ArrayAttr narrowed;
    if (isNarrowed(q))
      narrowed = rewriter.getDenseI64ArrayAttr({*q.qmin, *q.qmax});
    Value zero = namedConstant(rewriter, name + ".zero_point",
                               integerElements(ctx, q.storage, q.zeroPoints, paramShape),
                               narrowed);
    NamedAttrList attrs;
    if (q.axis >= 0)
      attrs.append("axis", rewriter.getI64IntegerAttr(q.axis));
    DictionaryAttr dict = attrs.empty() ? nullptr : attrs.getDictionary(ctx);
    StringAttr shown = rewriter.getStringAttr(n.getShownOpType());
    std::string out = cast<StringAttr>(n.getOutputs()[0]).str();
    // The pair keeps the Quant's stated shape, or x's where only x's is
    // stated (which the split may have read): codes of the zero point's
    // type, then floats. What replaces them keeps it, and the conversion
    // checks it there.
    Type realType = n->getResult(0).getType(), codesType = ValueType::get(ctx);
    if (auto t = dyn_cast<RankedTensorType>(x.getType()); t && isa<ValueType>(realType))
      realType = t.clone(rewriter.getF32Type());
    if (auto t = dyn_cast<RankedTensorType>(realType))
      codesType = t.clone(cast<ShapedType>(zero.getType()).getElementType());
    Value codes =
        NodeOp::create(rewriter, n.getLoc(), TypeRange{codesType}, "QuantizeLinear", "",
                       n.getName(), rewriter.getStrArrayAttr({out + ".codes"}), dict, shown,
                       ValueRange{x, scale, zero})
            ->getResult(0);
    Value real = NodeOp::create(rewriter, n.getLoc(), TypeRange{realType},
                                "DequantizeLinear", "", n.getName(), n.getOutputs(), dict, shown,
                                ValueRange{codes, scale, zero})
                     ->getResult(0);
    for (unsigned i = 1; i < 4; ++i)
      if (Operation *def = n->getOperand(i).getDefiningOp())
        unread.insert(def);
    rewriter.replaceOp(n, real);
  }
}

namespace {
/// Whether a walk rewrote anything; forwards to the walk's own listener.
struct ChangeRecorder : RewriterBase::ForwardingListener {
  using ForwardingListener::ForwardingListener;
  bool changed = false;
  void notifyOperationInserted(Operation *op, OpBuilder::InsertPoint previous) override {
    changed = true;
    ForwardingListener::notifyOperationInserted(op, previous);
  }
  void notifyOperationModified(Operation *op) override {
    changed = true;
    ForwardingListener::notifyOperationModified(op);
  }
  void notifyOperationErased(Operation *op) override {
    changed = true;
    ForwardingListener::notifyOperationErased(op);
  }
};
/// A chain of matches each enabling the next is short (a table, then an
/// average, then the QuantizeLinear after it). Each walk keeps the
/// conversion's output, so stopping early only fuses less.
constexpr int kMaxWalks = 8;
} // namespace

LogicalResult npc::onnx::fuseQdqToQOperator(ModuleOp module) {
  // The patterns replace only the node they match (the walk driver's
  // rule); what they leave unread goes into `unread`, erased after the
  // walk if nothing reads it.
  llvm::SetVector<Operation *> unread;
  ActivationValues activations(module);
  splitQonnxQuants(module, unread, activations);
  MLIRContext *ctx = module.getContext();
  RewritePatternSet patterns(ctx);
  patterns.add<DropIdentityRelu, PropagateDqThroughMove>(ctx, activations);
  patterns.add<FuseMeanReadByProduct>(ctx, unread, activations);
  patterns.add<FoldQuantizeOfConstant>(ctx, unread);
  PreluTables preluTables(&activations);
  patterns.add<FuseQdqCluster>(ctx, unread, activations);
  patterns.add<FuseFunctionChain, FuseTableReadByOperator>(ctx, unread, activations, preluTables);
  patterns.add<FuseRequantization, FuseEmbeddingLookup>(ctx, unread, activations);
  patterns.add<EraseUnreadChain>(ctx, unread, activations);
  // Walks, not the greedy driver: no folding and no dead-code removal, so
  // the conversion still sees (and checks) every node the file had that
  // the fusion did not replace. A match may enable one at a node the walk
  // has passed (an average read by a product whose other input has just
  // become a table's codes): walk again until a walk changes nothing.
  FrozenRewritePatternSet frozen(std::move(patterns));
  for (int walk = 0; walk < kMaxWalks; ++walk) {
    ChangeRecorder recorder(&preluTables); // which forwards to `activations`
    walkAndApplyPatterns(module, frozen, &recorder);
    eraseUnread(unread, preluTables);
    if (!recorder.changed)
      break;
  }
  // A graph output a pass replaced may have another type now (a
  // QuantizeLinear of a constant folded to the constant).
  module.walk([](func::FuncOp f) {
    if (auto ret = dyn_cast_or_null<func::ReturnOp>(f.getBody().empty() ? nullptr
                                                        : f.getBody().back().getTerminator()))
      f.setFunctionType(FunctionType::get(f.getContext(), f.getArgumentTypes(),
                                          ret.getOperandTypes()));
  });
  return success();
}
