//===- FuseQdqToQOperator.cpp - QDQ clusters to QOperator nodes -----------===//
//
// onnx-fuse-qdq: DQ -> Conv|MatMul|Gemm -> [Relu|Clip] -> Q becomes one
// QLinearConv, QLinearMatMul or QGemm (+ an integer Clip), the QOperator
// form the conversion to qg reads. A cluster is fused only when every
// parameter is one the conversion accepts (QuantParams.h holds the rules
// both use); anything else is left for the conversion to report.
//
//===----------------------------------------------------------------------===//
#include "npc/Dialect/Onnx/Transforms/Passes.h"
#include "npc/Dialect/Onnx/Transforms/QuantParams.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace npc::onnx {
#define GEN_PASS_DEF_FUSEQDQTOQOPERATOR
#include "npc/Dialect/Onnx/Transforms/Passes.h.inc"
} // namespace npc::onnx

using namespace mlir;
using namespace npc::onnx;

namespace {

bool inDefaultDomain(NodeOp n) { return n.getDomain().empty() || n.getDomain() == "ai.onnx"; }

/// The default-domain node of type `type` that defines `v`, else null.
NodeOp nodeOf(Value v, llvm::StringRef type) {
  auto n = v ? v.getDefiningOp<NodeOp>() : NodeOp();
  return n && n.getOpType() == type && inDefaultDomain(n) ? n : NodeOp();
}

/// Input `i` of `n`, null when omitted.
Value inputOf(NodeOp n, unsigned i) {
  if (i >= n->getNumOperands() || isa<NoneType>(n->getOperand(i).getType()))
    return {};
  return n->getOperand(i);
}

/// The dense value behind `v`: an initializer or a Constant node's `value`.
std::pair<ElementsAttr, std::string> elementsOf(Value v) {
  if (auto c = v ? v.getDefiningOp<ConstantOp>() : ConstantOp())
    return {c.getValue(), c.getName().str()};
  if (NodeOp n = nodeOf(v, "Constant"); n && n.getAttrsAttr() && n.getAttrsAttr().size() == 1)
    if (auto e = dyn_cast_or_null<ElementsAttr>(n.getAttrsAttr().get("value")))
      return {e, n.getName().str()};
  return {};
}

/// The values of constant `v` (only its type and shape when `typeOnly`).
std::optional<Const> constOf(Value v, bool typeOnly = false) {
  auto [attr, name] = elementsOf(v);
  Const c;
  if (!attr || !(typeOnly ? readConstType(attr, name, c) : readConst(attr, name, c)).empty())
    return std::nullopt;
  return c;
}

/// Whether `n`'s attributes are among `allowed`.
bool onlyAttrs(NodeOp n, std::initializer_list<llvm::StringRef> allowed) {
  if (!n.getAttrsAttr())
    return true;
  return llvm::all_of(n.getAttrsAttr(), [&](NamedAttribute a) {
    return llvm::is_contained(allowed, a.getName().strref());
  });
}

int64_t intAttr(NodeOp n, llvm::StringRef name, int64_t dflt) {
  auto a = n.getAttrsAttr() ? dyn_cast_or_null<IntegerAttr>(n.getAttrsAttr().get(name)) : nullptr;
  return a ? a.getInt() : dflt;
}

float floatAttr(NodeOp n, llvm::StringRef name, float dflt) {
  auto a = n.getAttrsAttr() ? dyn_cast_or_null<FloatAttr>(n.getAttrsAttr().get(name)) : nullptr;
  return a ? float(a.getValueAsDouble()) : dflt;
}

/// A Q or DQ node's parameters (inputs 1 and 2, the zero point present) as
/// the conversion reads them: `axis` (default 1) along `shape`.
/// `storage` is the type code of the quantized side when known (a
/// DequantizeLinear of a constant), which the zero point must match.
std::optional<QInfo> qdqParams(NodeOp n, llvm::ArrayRef<int64_t> shape,
                               std::optional<int32_t> storage) {
  if (!onlyAttrs(n, {"axis"}) || n->getNumOperands() != 3 || !inputOf(n, 2))
    return std::nullopt;
  auto s = constOf(n->getOperand(1)), z = constOf(n->getOperand(2));
  if (!s || !z || (storage && z->type != *storage))
    return std::nullopt;
  int64_t rank = shape.size(), axis = intAttr(n, "axis", 1);
  if (axis < 0)
    axis += rank;
  int64_t channels = axis >= 0 && axis < rank ? shape[axis] : -1;
  QInfo q;
  if (!quantInfoOf(*s, &*z, axis, channels, z->type, q).empty())
    return std::nullopt;
  return q;
}

/// A dequantized activation (DQ of anything but a constant) per tensor.
NodeOp activationDq(Value v) {
  NodeOp dq = nodeOf(v, "DequantizeLinear");
  if (!dq || elementsOf(dq->getOperand(0)).first)
    return {};
  auto q = qdqParams(dq, {}, std::nullopt);
  return q && q->scales.size() == 1 ? dq : NodeOp();
}

/// A bias input `v` of a product with `channels` outputs, as real numbers
/// times `scaleMul`: a float constant, or a DequantizeLinear of an integer
/// constant.
std::optional<std::vector<double>> biasReals(Value v, int64_t channels, double scaleMul) {
  std::vector<double> out;
  if (NodeOp dq = nodeOf(v, "DequantizeLinear")) {
    auto c = constOf(dq->getOperand(0));
    if (!c || c->isFloat() || !onlyAttrs(dq, {"axis"}) || dq->getNumOperands() < 2)
      return std::nullopt;
    auto s = constOf(dq->getOperand(1));
    std::optional<Const> z;
    if (Value zv = inputOf(dq, 2); zv && !(z = constOf(zv)))
      return std::nullopt;
    if (!s || (z && z->type != c->type))
      return std::nullopt;
    int64_t rank = c->shape.size(), axis = intAttr(dq, "axis", 1);
    if (axis < 0)
      axis += rank;
    QInfo q;
    if (!quantInfoOf(*s, z ? &*z : nullptr, axis,
                     axis >= 0 && axis < rank ? c->shape[axis] : -1, c->type, q)
             .empty() ||
        !dequantizedReals(*c, q, scaleMul, "bias", out).empty())
      return std::nullopt;
  } else if (auto c = constOf(v); c && c->isFloat()) {
    for (float f : c->floats)
      out.push_back(double(f) * scaleMul);
  } else {
    return std::nullopt;
  }
  if (!(int64_t(out.size()) == channels || out.size() == 1))
    return std::nullopt;
  return out;
}

/// DQ(x) [, DQ(W)] [, bias] -> Conv | MatMul | Gemm -> [Relu | Clip] -> Q,
/// matched at the QuantizeLinear.
struct FuseQdqProduct : OpRewritePattern<NodeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(NodeOp q, PatternRewriter &rewriter) const override {
    if (q.getOpType() != "QuantizeLinear" || !inDefaultDomain(q) || q->getNumResults() != 1)
      return failure();
    auto yq = qdqParams(q, {}, std::nullopt);
    if (!yq || yq->scales.size() != 1)
      return failure();

    // The activation between the product and Q, if any.
    NodeOp act = q->getOperand(0).getDefiningOp<NodeOp>();
    if (!act || !inDefaultDomain(act) || act->getNumResults() != 1 ||
        !act->getResult(0).hasOneUse())
      return failure();
    bool relu = act.getOpType() == "Relu";
    std::optional<double> lo, hi;
    if (relu || act.getOpType() == "Clip") {
      // The integer Clip the activation becomes needs opset 11.
      auto module = q->getParentOfType<ModuleOp>();
      auto opset = module ? module->getAttrOfType<IntegerAttr>(kOpsetAttr) : nullptr;
      if (!opset || opset.getInt() < 11 || (act.getAttrsAttr() && !act.getAttrsAttr().empty()))
        return failure();
      for (unsigned i = 1; !relu && i < act->getNumOperands(); ++i) {
        Value b = inputOf(act, i);
        if (!b)
          continue;
        auto c = constOf(b);
        if (!c || !c->isFloat() || c->numel() != 1)
          return failure();
        (i == 1 ? lo : hi) = c->floats[0];
      }
    } else {
      act = {};
    }
    NodeOp product = (act ? act->getOperand(0) : q->getOperand(0)).getDefiningOp<NodeOp>();
    if (!product || !inDefaultDomain(product) || product->getNumResults() != 1 ||
        !product->getResult(0).hasOneUse() || product->getNumOperands() < 2)
      return failure();
    llvm::StringRef op = product.getOpType();
    if (op != "Conv" && op != "MatMul" && op != "Gemm")
      return failure();

    int32_t cmin, cmax;
    if ((relu || lo || hi) && !activationClamp(*yq, relu, lo, hi, cmin, cmax).empty())
      return failure();

    NodeOp dqX = activationDq(product->getOperand(0));
    NodeOp dqW = nodeOf(product->getOperand(1), "DequantizeLinear");
    if (!dqX || !dqW)
      return failure();
    Value xScale = dqX->getOperand(1);
    auto xq = qdqParams(dqX, {}, std::nullopt);

    // A product of two activations (attention): QLinearMatMul of both.
    if (op == "MatMul" && !elementsOf(dqW->getOperand(0)).first) {
      if (!activationDq(product->getOperand(1)) || product->getNumOperands() != 2)
        return failure();
      return fuse(rewriter, q, act, product, "QLinearMatMul", "",
                  {dqX->getOperand(0), xScale, dqX->getOperand(2), dqW->getOperand(0),
                   dqW->getOperand(1), dqW->getOperand(2), q->getOperand(1), q->getOperand(2)},
                  nullptr, *yq, relu, lo, hi, {dqX, dqW});
    }

    auto w = constOf(dqW->getOperand(0), /*typeOnly=*/true);
    if (!w || w->isFloat())
      return failure();
    auto wq = qdqParams(dqW, w->shape, w->type);
    if (!wq)
      return failure();
    int64_t rank = w->shape.size();
    bool perChannel = wq->scales.size() > 1;
    DictionaryAttr attrs = product.getAttrsAttr();
    Value bias;
    std::vector<int32_t> intBias;
    auto biasOf = [&](Value b, int64_t channels, double scaleMul, const QInfo &wScaled) {
      auto real = biasReals(b, channels, scaleMul);
      return real && integerBias(*real, xq->scales[0], wScaled, channels, intBias).empty();
    };

    if (op == "Conv") {
      if (rank != 4 || (perChannel && wq->axis != 0) || product->getNumOperands() > 3)
        return failure();
      if (Value b = inputOf(product, 2); b && !biasOf(b, w->shape[0], 1.0, *wq))
        return failure();
      return fuse(rewriter, q, act, product, "QLinearConv", "",
                  {dqX->getOperand(0), xScale, dqX->getOperand(2), dqW->getOperand(0),
                   dqW->getOperand(1), dqW->getOperand(2), q->getOperand(1), q->getOperand(2)},
                  attrs, *yq, relu, lo, hi, {dqX, dqW}, inputOf(product, 2) ? &intBias : nullptr,
                  inputOf(product, 2));
    }
    if (op == "MatMul") {
      if (rank < 2 || (perChannel && wq->axis != rank - 1) || product->getNumOperands() != 2)
        return failure();
      return fuse(rewriter, q, act, product, "QLinearMatMul", "",
                  {dqX->getOperand(0), xScale, dqX->getOperand(2), dqW->getOperand(0),
                   dqW->getOperand(1), dqW->getOperand(2), q->getOperand(1), q->getOperand(2)},
                  nullptr, *yq, relu, lo, hi, {dqX, dqW});
    }
    // Gemm: alpha scales every product (the weight scale), beta the bias.
    bool transB = intAttr(product, "transB", 0) != 0;
    double alpha = floatAttr(product, "alpha", 1.0f), beta = floatAttr(product, "beta", 1.0f);
    if (rank != 2 || !(alpha > 0) || (perChannel && wq->axis != (transB ? 0 : 1)) ||
        product->getNumOperands() > 3)
      return failure();
    int64_t n = w->shape[transB ? 0 : 1];
    Value c = inputOf(product, 2);
    if (c && beta != 0) {
      auto cs = constOf(c, true);
      if (NodeOp dq = nodeOf(c, "DequantizeLinear"))
        cs = constOf(dq->getOperand(0), true);
      auto s = cs ? cs->shape : std::vector<int64_t>{-1};
      if (!(s.empty() || (s.size() == 1 && (s[0] == n || s[0] == 1)) ||
            (s.size() == 2 && s[0] == 1 && (s[1] == n || s[1] == 1))))
        return failure();
      QInfo scaled = *wq;
      for (double &sc : scaled.scales)
        sc *= alpha;
      if (!biasOf(c, n, beta, scaled))
        return failure();
    }
    NamedAttrList kept;
    for (NamedAttribute a : attrs ? attrs.getValue() : ArrayRef<NamedAttribute>())
      if (a.getName() != "beta") // folded into the int32 bias
        kept.push_back(a);
    return fuse(rewriter, q, act, product, "QGemm", "com.microsoft",
                {dqX->getOperand(0), xScale, dqX->getOperand(2), dqW->getOperand(0),
                 dqW->getOperand(1), dqW->getOperand(2), Value(), q->getOperand(1),
                 q->getOperand(2)},
                kept.empty() ? nullptr : kept.getDictionary(getContext()), *yq, relu, lo, hi,
                {dqX, dqW}, c && beta != 0 ? &intBias : nullptr, c, /*biasSlot=*/6);
  }

private:
  /// Replaces the cluster by node `type` of `domain` on `ins` (a null entry
  /// is the bias slot), then the integer Clip of the activation. DQ nodes of
  /// constants that no longer have readers go, with the bias's.
  LogicalResult fuse(PatternRewriter &rewriter, NodeOp q, NodeOp act, NodeOp product,
                     llvm::StringRef type, llvm::StringRef domain, SmallVector<Value> ins,
                     DictionaryAttr attrs, const QInfo &yq, bool relu, std::optional<double> lo,
                     std::optional<double> hi, llvm::ArrayRef<NodeOp> dqs,
                     const std::vector<int32_t> *bias = nullptr, Value oldBias = {},
                     int biasSlot = -1) const {
    MLIRContext *ctx = getContext();
    rewriter.setInsertionPoint(q);
    std::string name = product.getName().str();
    auto none = [&]() -> Value {
      return NoneOp::create(rewriter, product.getLoc(), rewriter.getType<NoneType>());
    };
    auto constant = [&](const std::string &cname, DenseElementsAttr value) -> Value {
      return ConstantOp::create(rewriter, NameLoc::get(rewriter.getStringAttr(cname)),
                                value.getType(), rewriter.getStringAttr(cname), value);
    };
    Value biasValue;
    if (bias) {
      auto t = RankedTensorType::get({int64_t(bias->size())}, elementTypeOf(ctx, kInt32));
      biasValue = constant(name + ".bias_int32", DenseElementsAttr::get(t, llvm::ArrayRef(*bias)));
    }
    if (biasSlot >= 0)
      ins[biasSlot] = biasValue ? biasValue : none();
    else if (biasValue)
      ins.push_back(biasValue);

    ArrayAttr productOutputs = act ? product.getOutputs() : q.getOutputs();
    Value r = NodeOp::create(rewriter, product.getLoc(), TypeRange{ValueType::get(ctx)}, type,
                             domain, product.getName(), productOutputs, attrs,
                             rewriter.getStringAttr(product.getShownOpType()), ins)
                  ->getResult(0);
    if (act) {
      // Bounds in the output's codes and type (the conversion's clampFor).
      int32_t cmin, cmax;
      (void)activationClamp(yq, relu, lo, hi, cmin, cmax);
      Type elem = elementTypeOf(ctx, yq.storage);
      auto scalar = [&](const char *suffix, int32_t v) {
        auto t = RankedTensorType::get({}, elem);
        unsigned width = storageWidth(yq.storage);
        return constant(act.getName().str() + suffix,
                        DenseElementsAttr::get(t, APInt(width, uint64_t(int64_t(v)),
                                                        isSignedStorage(yq.storage),
                                                        /*implicitTrunc=*/true)));
      };
      SmallVector<Value, 3> clipIns = {r, relu || lo ? scalar(".min", cmin) : none()};
      if (hi)
        clipIns.push_back(scalar(".max", cmax));
      r = NodeOp::create(rewriter, act.getLoc(), TypeRange{ValueType::get(ctx)}, "Clip", "",
                         act.getName(), q.getOutputs(), nullptr,
                         rewriter.getStringAttr(act.getShownOpType()), clipIns)
              ->getResult(0);
    }
    rewriter.replaceOp(q, r);
    if (act)
      rewriter.eraseOp(act);
    rewriter.eraseOp(product);
    // DequantizeLinear of an activation stays (the conversion checks its
    // input's type); of a constant it goes once unread.
    SmallVector<Operation *> dead;
    for (NodeOp dq : dqs)
      if (dq->use_empty() && elementsOf(dq->getOperand(0)).first)
        dead.push_back(dq);
    if (NodeOp dq = nodeOf(oldBias, "DequantizeLinear"); dq && dq->use_empty())
      dead.push_back(dq);
    else if (oldBias && oldBias.use_empty() && oldBias.getDefiningOp<ConstantOp>())
      dead.push_back(oldBias.getDefiningOp());
    for (Operation *d : dead) {
      SmallVector<Value> operands(d->getOperands());
      rewriter.eraseOp(d);
      for (Value v : operands) // a constant only the erased node read
        if (v.use_empty() && v.getDefiningOp<ConstantOp>())
          rewriter.eraseOp(v.getDefiningOp());
    }
    return success();
  }
};

struct FuseQdqToQOperatorPass
    : npc::onnx::impl::FuseQdqToQOperatorBase<FuseQdqToQOperatorPass> {
  void runOnOperation() override {
    if (failed(fuseQdqToQOperator(getOperation())))
      signalPassFailure();
  }
};

} // namespace

void npc::onnx::populateFuseQdqPatterns(RewritePatternSet &patterns) {
  patterns.add<FuseQdqProduct>(patterns.getContext());
}

LogicalResult npc::onnx::fuseQdqToQOperator(ModuleOp module) {
  RewritePatternSet patterns(module.getContext());
  populateFuseQdqPatterns(patterns);
  // A walk, not the greedy driver: no folding and no dead-code removal, so
  // the conversion still sees (and checks) every node the file had that
  // the fusion did not replace.
  walkAndApplyPatterns(module, std::move(patterns));
  return success();
}
