//===- ConstantFolding.cpp - ONNX nodes evaluated on constants ------------===//
#include "npc/Dialect/Onnx/Transforms/ConstantFolding.h"
#include "npc/Support/Broadcast.h"
#include "npc/Support/ImportLimits.h"
#include "npc/Support/Printable.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace npc::onnx {

namespace {
using Shape = std::vector<int64_t>;

/// Fails with `why` (the conversion's words for it).
std::nullopt_t failWith(std::string &reason, std::string why) {
  reason = std::move(why);
  return std::nullopt;
}

/// For each element of shape `to`, the element of shape `from` that numpy
/// broadcasting reads (row-major indices).
std::vector<int64_t> broadcastSources(llvm::ArrayRef<int64_t> from, llvm::ArrayRef<int64_t> to) {
  const size_t off = to.size() - from.size();
  std::vector<int64_t> strides(to.size(), 0);
  for (int64_t d = int64_t(from.size()) - 1, s = 1; d >= 0; s *= from[d--])
    strides[off + d] = from[d] == 1 ? 0 : s;
  int64_t n = std::accumulate(to.begin(), to.end(), int64_t(1), std::multiplies<>());
  std::vector<int64_t> src(n), idx(to.size(), 0);
  for (int64_t o = 0, at = 0; o < n; ++o) {
    src[o] = at;
    for (int64_t d = int64_t(to.size()) - 1; d >= 0; --d) {
      at += strides[d];
      if (++idx[d] < to[d])
        break;
      at -= strides[d] * to[d];
      idx[d] = 0;
    }
  }
  return src;
}

/// Appends element `from` of `src` to `r` (ints or floats alike).
void copyElement(Const &r, const Const &src, int64_t from) {
  if (src.isFloat())
    r.floats.push_back(src.floats[from]);
  else
    r.ints.push_back(src.ints[from]);
}

/// Shape arithmetic as exporters write it (`x.view(x.size(0), -1)` becomes
/// Shape -> Gather -> Unsqueeze -> Concat -> Reshape): Shape of a tensor
/// of known shape, and Gather, Slice and Concat of constants, as
/// onnxruntime folds them.
std::optional<Const> shapeArithmetic(NodeOp n, FoldInputs &in, std::string &reason) {
  llvm::StringRef op = n.getOpType();
  Const r;
  if (op == "Shape") {
    const Shape *x = in.shape(0);
    if (!x)
      return std::nullopt;
    int64_t rank = x->size();
    auto [start, end] = shapeAxes(rank, n.getIntAttr("start", 0), n.getIntAttr("end", rank));
    r.type = kInt64;
    r.ints.assign(x->begin() + start, x->begin() + end);
    r.shape = {end - start};
    return r;
  }
  const Const *dp = in.constant(0, "input");
  if (!dp)
    return std::nullopt;
  const Const &d = *dp;
  int64_t rank = d.shape.size();
  int64_t axis = n.getIntAttr("axis", 0);
  r.type = d.type;
  if (op == "Concat") {
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank)
      return failWith(reason, "axis out of range");
    r.shape = d.shape;
    r.shape[axis] = 0;
    std::vector<const Const *> parts;
    for (int i = 0; i < int(n->getNumOperands()); ++i) {
      const Const *c = in.constant(i, "input");
      if (!c)
        return std::nullopt;
      if (c->shape.size() != d.shape.size() || c->isFloat() != d.isFloat())
        return failWith(reason, "inputs differ in rank or element type");
      // Off the axis, every input's extents are the first's (the copy
      // below reads each input by them).
      for (int64_t k = 0; k < rank; ++k)
        if (k != axis && c->shape[k] != d.shape[k])
          return failWith(reason, "inputs of shapes " + shapeText(d.shape) + " and " +
                                      shapeText(c->shape) + " differ off axis " +
                                      std::to_string(axis));
      r.shape[axis] += c->shape[axis];
      parts.push_back(c);
    }
    // Row-major: for each outer index, each part's block along the axis.
    int64_t outer = 1;
    for (int64_t i = 0; i < axis; ++i)
      outer *= d.shape[i];
    for (int64_t o = 0; o < outer; ++o)
      for (const Const *c : parts) {
        int64_t block = c->numel() / std::max<int64_t>(1, outer);
        for (int64_t k = 0; k < block; ++k)
          copyElement(r, *c, o * block + k);
      }
    return r;
  }
  if (op == "Gather") {
    axis = axis < 0 ? axis + rank : axis;
    const Const *idx = in.constant(1, "indices");
    if (!idx)
      return std::nullopt;
    if (axis < 0 || axis >= rank || idx->isFloat())
      return failWith(reason, "axis out of range or indices not integers");
    r.shape.assign(d.shape.begin(), d.shape.begin() + axis);
    r.shape.insert(r.shape.end(), idx->shape.begin(), idx->shape.end());
    r.shape.insert(r.shape.end(), d.shape.begin() + axis + 1, d.shape.end());
    // A small table by many indices is a large result: counted first.
    int64_t count;
    if (std::string e = elementCount(r.shape, count); !e.empty())
      return failWith(reason, e);
    if (!in.admit(count, "Gather"))
      return std::nullopt;
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < axis; ++i)
      outer *= d.shape[i];
    for (int64_t i = axis + 1; i < rank; ++i)
      inner *= d.shape[i];
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j : idx->ints) {
        int64_t k = j < 0 ? j + d.shape[axis] : j;
        if (k < 0 || k >= d.shape[axis])
          return failWith(reason, "index " + std::to_string(j) + " is out of range");
        for (int64_t i = 0; i < inner; ++i)
          copyElement(r, d, (o * d.shape[axis] + k) * inner + i);
      }
    return r;
  }
  // Slice (opset 10+: starts, ends, axes, steps as inputs), rank 1.
  if (rank != 1)
    return failWith(reason, "Slice is supported only on 1-D constants (shape arithmetic)");
  const Const *st = in.intConstant(1, "starts");
  const Const *en = st ? in.intConstant(2, "ends") : nullptr;
  if (!st || !en)
    return std::nullopt;
  if (st->numel() != 1 || en->numel() != 1)
    return failWith(reason, "starts and ends must hold one value");
  if (in.has(3)) {
    const Const *ax = in.intConstant(3, "axes");
    if (!ax)
      return std::nullopt;
    if (ax->numel() != 1 || (ax->ints[0] != 0 && ax->ints[0] != -1))
      return failWith(reason, "axes must be [0] for a 1-D Slice");
  }
  int64_t step = 1;
  if (in.has(4)) {
    const Const *sp = in.intConstant(4, "steps");
    if (!sp)
      return std::nullopt;
    if (sp->numel() != 1 || sp->ints[0] == 0)
      return failWith(reason, "steps must hold one nonzero value");
    step = sp->ints[0];
  }
  for (int64_t i : sliceIndices(d.shape[0], st->ints[0], en->ints[0], step))
    copyElement(r, d, i);
  r.shape = {int64_t(r.size())};
  return r;
}

/// Expand, Equal, Where, Add, Sub, Mul, Div, Pow with numpy broadcasting,
/// on constants (torch writes `t.expand(n, -1, -1)` as Shape,
/// ConstantOfShape, Mul, Equal, Where, Expand).
std::optional<Const> broadcastArithmetic(NodeOp n, FoldInputs &in, std::string &reason) {
  llvm::StringRef op = n.getOpType();
  auto outShape = broadcastResultShape(n, in, reason);
  if (!outShape)
    return std::nullopt;
  const Shape &out = *outShape;
  // Every result but an Expand that changes nothing is a new constant
  // (its element count checked for int64 overflow first).
  auto counted = [&] {
    int64_t count;
    reason = elementCount(out, count);
    return reason.empty() && in.admit(count, op.str());
  };
  if (op == "Expand") {
    const Const *x = in.constant(0, "input");
    if (!x)
      return std::nullopt;
    if (out == x->shape)
      return *x;
    if (!counted())
      return std::nullopt;
    return broadcastConst(*x, out);
  }
  const int inputs = op == "Where" ? 3 : 2;
  std::vector<const Const *> cs;
  for (int i = 0; i < inputs; ++i) {
    const Const *c = in.constant(i, "input");
    if (!c)
      return std::nullopt;
    cs.push_back(c);
  }
  if (!counted())
    return std::nullopt;
  std::vector<std::vector<int64_t>> src;
  for (int i = 0; i < inputs; ++i)
    src.push_back(broadcastSources(cs[i]->shape, out));
  Const r;
  r.shape = out;
  if (op == "Equal") {
    r.type = kBool;
    // Integers as integers: through a double, 2^53 + 1 would equal 2^53.
    bool ints = !cs[0]->isFloat() && !cs[1]->isFloat();
    for (size_t o = 0; o < src[0].size(); ++o)
      r.ints.push_back(ints ? cs[0]->ints[src[0][o]] == cs[1]->ints[src[1][o]]
                            : cs[0]->at(src[0][o]) == cs[1]->at(src[1][o]));
  } else if (op == "Pow") { // float base, exponent of any numeric type
    if (!cs[0]->isFloat())
      return failWith(reason, "Pow is supported on float constants only");
    r.type = cs[0]->type;
    for (size_t o = 0; o < src[0].size(); ++o)
      r.floats.push_back(std::pow(cs[0]->floats[src[0][o]], float(cs[1]->at(src[1][o]))));
  } else if (op != "Where") { // Add, Sub, Mul, Div: as ONNX computes them
    if (cs[0]->type != cs[1]->type)
      return failWith(reason, "inputs differ in element type");
    if (cs[0]->type == kBool)
      return failWith(reason, op.str() + " of bool tensors is not defined");
    r.type = cs[0]->type;
    for (size_t o = 0; o < src[0].size(); ++o) {
      if (cs[0]->isFloat()) {
        float x = cs[0]->floats[src[0][o]], y = cs[1]->floats[src[1][o]];
        r.floats.push_back(op == "Add"   ? x + y
                           : op == "Sub" ? x - y
                           : op == "Mul" ? x * y
                                         : x / y);
        continue;
      }
      int64_t x = cs[0]->ints[src[0][o]], y = cs[1]->ints[src[1][o]];
      if (op == "Div" && y == 0)
        return failWith(reason, "integer division by zero");
      // Shape arithmetic stays far inside int64; wrap rather than overflow.
      uint64_t ux = uint64_t(x), uy = uint64_t(y);
      r.ints.push_back(op == "Add"   ? int64_t(ux + uy)
                       : op == "Sub" ? int64_t(ux - uy)
                       : op == "Mul" ? int64_t(ux * uy)
                       : (x == INT64_MIN && y == -1) ? x
                                                      : x / y);
    }
    // In the inputs' type, as ONNX computes it: int8 100 + 100 is -56.
    if (unsigned bits = storageWidth(r.type); bits && bits < 64)
      for (int64_t &v : r.ints)
        v = isSignedStorage(r.type) ? llvm::SignExtend64(uint64_t(v), bits)
                                    : int64_t(uint64_t(v) & ((uint64_t(1) << bits) - 1));
  } else { // Where
    if (cs[1]->isFloat() != cs[2]->isFloat())
      return failWith(reason, "X and Y differ in element type");
    r.type = cs[1]->type;
    for (size_t o = 0; o < src[0].size(); ++o) {
      const Const &pick = cs[0]->at(src[0][o]) != 0 ? *cs[1] : *cs[2];
      copyElement(r, pick, src[&pick == cs[1] ? 1 : 2][o]);
    }
  }
  return r;
}

/// ConstantOfShape with a constant shape: a constant filled with `value`
/// (one element; float32 0 by default). PyTorch builds bias zero points so.
std::optional<Const> constantOfShape(NodeOp n, FoldInputs &in, std::string &reason) {
  const Const *s = in.constant(0, "shape");
  if (!s)
    return std::nullopt;
  if (s->isFloat())
    return failWith(reason, "shape must be int64");
  Const r;
  int64_t count = 1;
  const int64_t limit = in.tensorElements();
  for (int64_t d : s->ints) {
    if (d < 0)
      return failWith(reason, "shape entry " + std::to_string(d) + " is not a size");
    // Checked as it grows: a product of large entries must not wrap.
    if (d > 0 && count > limit / d)
      return failWith(reason, "the constant would hold more than " + limitText(limit) +
                                  " elements (npc's limit; --limit tensor-elements=N raises it)");
    count *= d;
    r.shape.push_back(d);
  }
  if (!in.admit(count, "the constant"))
    return std::nullopt;
  Const fill;
  fill.shape = {1};
  fill.floats = {0.0f};
  if (Attribute v = n.getOnnxAttr("value")) {
    auto t = dyn_cast<ElementsAttr>(v);
    if (!t)
      return failWith(reason, "value must be a tensor");
    if (std::string e = readConst(t, "value", fill); !e.empty())
      return failWith(reason, e);
    if (fill.size() != 1)
      return failWith(reason, "value must hold one element");
  }
  r.type = fill.type;
  if (fill.isFloat())
    r.floats.assign(count, fill.floats[0]);
  else
    r.ints.assign(count, fill.ints[0]);
  return r;
}

bool isDataMovement(llvm::StringRef op) {
  return op == "Identity" || op == "Reshape" || op == "Flatten" || op == "Squeeze" ||
         op == "Unsqueeze" || op == "Transpose";
}
} // namespace

std::string elementCount(llvm::ArrayRef<int64_t> shape, int64_t &count) {
  count = 1;
  for (int64_t d : shape)
    if (llvm::MulOverflow(count, d, count))
      return "shape " + shapeText(shape) + " has more elements than int64 holds";
  return {};
}

bool isFoldable(NodeOp n) {
  if (!inDefaultDomain(n) || n->getNumResults() != 1)
    return false;
  llvm::StringRef op = n.getOpType();
  return llvm::is_contained({"Shape", "Gather", "Slice", "Concat", "Add", "Sub", "Mul", "Div",
                             "Pow", "Equal", "Where", "Expand", "ConstantOfShape", "Cast"},
                            op) ||
         isDataMovement(op);
}

std::optional<Const> foldNode(NodeOp n, FoldInputs &in, std::string &reason) {
  reason.clear();
  llvm::StringRef op = n.getOpType();
  if (op == "Shape" || op == "Gather" || op == "Slice" || op == "Concat")
    return shapeArithmetic(n, in, reason);
  if (op == "ConstantOfShape")
    return constantOfShape(n, in, reason);
  if (op == "Cast") {
    const Const *x = in.constant(0, "input");
    if (!x)
      return std::nullopt;
    Const r = *x;
    if (std::string e = castConst(r, int32_t(n.getIntAttr("to", 0))); !e.empty())
      return failWith(reason, e);
    return r;
  }
  if (isDataMovement(op)) {
    const Const *x = in.constant(0, "input");
    if (!x)
      return std::nullopt;
    std::vector<int64_t> perm;
    auto out = movedShape(n, x->shape, in, perm, reason);
    if (!out)
      return std::nullopt;
    Const r = perm.empty() ? *x : permuteConst(*x, perm, *out);
    r.shape = *out;
    return r;
  }
  return broadcastArithmetic(n, in, reason);
}

std::optional<std::vector<int64_t>> broadcastResultShape(NodeOp n, FoldInputs &in,
                                                         std::string &reason) {
  llvm::StringRef op = n.getOpType();
  const int inputs = op == "Where" ? 3 : 2;
  std::vector<Shape> shapes;
  for (int i = 0; i < inputs; ++i) {
    const Shape *s = in.shape(i);
    if (!s)
      return std::nullopt;
    shapes.push_back(*s);
  }
  if (op == "Expand") {
    const Const *s = in.intConstant(1, "shape");
    if (!s)
      return std::nullopt;
    shapes[1].assign(s->ints.begin(), s->ints.end());
    for (int64_t d : shapes[1])
      if (d < 0)
        return failWith(reason, "shape " + shapeText(shapes[1]) + " has a negative extent");
  }
  Shape out = shapes[0];
  for (int i = 1; i < inputs; ++i) {
    auto bs = broadcastShapes(out, shapes[i]);
    if (!bs)
      return failWith(reason, "shapes " + shapeText(out) + " and " + shapeText(shapes[i]) +
                                  " do not broadcast");
    out.assign(bs->begin(), bs->end());
  }
  return out;
}

Const broadcastConst(const Const &c, llvm::ArrayRef<int64_t> to) {
  Const r = c;
  r.ints.clear();
  r.floats.clear();
  for (int64_t k : broadcastSources(c.shape, to))
    copyElement(r, c, k);
  r.shape.assign(to.begin(), to.end());
  return r;
}

std::optional<std::vector<int64_t>> movedShape(NodeOp n, llvm::ArrayRef<int64_t> in,
                                               FoldInputs &inputs, std::vector<int64_t> &perm,
                                               std::string &reason) {
  llvm::StringRef op = n.getOpType();
  Shape out;
  perm.clear();
  int64_t rank = in.size();
  int64_t numel;
  if (std::string e = elementCount(in, numel); !e.empty())
    return failWith(reason, e);
  if (op == "Identity") {
    out.assign(in.begin(), in.end());
  } else if (op == "Reshape") {
    const Const *s = inputs.intConstant(1, "shape");
    if (!s)
      return std::nullopt;
    int64_t known = 1, infer = -1;
    for (int64_t i = 0; i < s->numel(); ++i) {
      int64_t d = s->ints[i];
      if (d == 0 && !n.getIntAttr("allowzero", 0)) {
        if (i >= rank)
          return failWith(reason, "shape entry 0 refers to a missing input dimension");
        d = in[i];
      }
      if (d == -1) {
        if (infer >= 0)
          return failWith(reason, "shape has more than one -1");
        infer = i;
        out.push_back(1);
        continue;
      }
      if (d < 0)
        return failWith(reason, "shape entry " + std::to_string(d) + " is invalid");
      if (llvm::MulOverflow(known, d, known))
        return failWith(reason, "shape " + shapeText(s->ints) + " has more elements than int64 holds");
      out.push_back(d);
    }
    if (infer >= 0) {
      if (known == 0 || numel % known)
        return failWith(reason, "cannot infer the -1 dimension");
      out[infer] = numel / known;
    }
  } else if (op == "Flatten") {
    int64_t axis = n.getIntAttr("axis", 1);
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis > rank)
      return failWith(reason, "axis out of range");
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < rank; ++d)
      (d < axis ? outer : inner) *= in[d];
    out = {outer, inner}; // [0, 5] flattens to [0, 5], not [0, 0]
  } else if (op == "Squeeze" || op == "Unsqueeze") {
    std::vector<int64_t> axes;
    if (auto a = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("axes")))
      axes.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    if (inputs.has(1)) {
      const Const *a = inputs.intConstant(1, "axes");
      if (!a)
        return std::nullopt;
      axes.assign(a->ints.begin(), a->ints.end());
    }
    // Axes in [-r, r) of the rank r they index (the output's for
    // Unsqueeze), each once.
    int64_t indexed = op == "Squeeze" ? rank : rank + int64_t(axes.size());
    for (size_t i = 0; i < axes.size(); ++i) {
      int64_t given = axes[i];
      if (given < -indexed || given >= indexed)
        return failWith(reason, "axis " + std::to_string(given) + " is out of range for rank " +
                                    std::to_string(indexed));
      axes[i] = given < 0 ? given + indexed : given;
      if (std::find(axes.begin(), axes.begin() + i, axes[i]) != axes.begin() + i)
        return failWith(reason, "axis " + std::to_string(axes[i]) + " is listed twice");
    }
    if (op == "Squeeze") {
      for (int64_t d = 0; d < rank; ++d) {
        bool listed = std::find(axes.begin(), axes.end(), d) != axes.end();
        if (listed && in[d] != 1)
          return failWith(reason, "cannot squeeze dimension " + std::to_string(d) + " of size " +
                                      std::to_string(in[d]));
        if (!(listed || (axes.empty() && in[d] == 1)))
          out.push_back(in[d]);
      }
    } else {
      for (int64_t d = 0, src = 0; d < indexed; ++d)
        out.push_back(std::find(axes.begin(), axes.end(), d) != axes.end() ? 1 : in[src++]);
    }
  } else { // Transpose
    if (auto p = dyn_cast_or_null<DenseI64ArrayAttr>(n.getOnnxAttr("perm")))
      perm.assign(p.asArrayRef().begin(), p.asArrayRef().end());
    if (perm.empty())
      for (int64_t d = rank - 1; d >= 0; --d)
        perm.push_back(d);
    if (int64_t(perm.size()) != rank)
      return failWith(reason, "perm has the wrong length");
    for (size_t i = 0; i < perm.size(); ++i) {
      int64_t p = perm[i];
      if (p < 0 || p >= rank)
        return failWith(reason, "perm entry out of range");
      // Each axis once: the copy reads the input by these strides.
      if (std::find(perm.begin(), perm.begin() + i, p) != perm.begin() + i)
        return failWith(reason, "perm lists axis " + std::to_string(p) + " twice");
      out.push_back(in[p]);
    }
  }
  int64_t outNumel = std::accumulate(out.begin(), out.end(), int64_t(1), std::multiplies<>());
  if (outNumel != numel)
    return failWith(reason, "reshape from " + std::to_string(numel) + " to " +
                                std::to_string(outNumel) + " elements");
  return out;
}

Const permuteConst(const Const &c, llvm::ArrayRef<int64_t> perm, llvm::ArrayRef<int64_t> out) {
  const int64_t rank = c.shape.size();
  std::vector<int64_t> inStride(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    inStride[d] = inStride[d + 1] * c.shape[d + 1];
  Const t = c;
  std::vector<int64_t> idx(rank, 0);
  for (int64_t o = 0, numel = c.numel(); o < numel; ++o) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += idx[d] * inStride[perm[d]];
    if (c.isFloat())
      t.floats[o] = c.floats[src];
    else
      t.ints[o] = c.ints[src];
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++idx[d] < out[d])
        break;
      idx[d] = 0;
    }
  }
  t.shape.assign(out.begin(), out.end());
  return t;
}

DenseElementsAttr elementsOfConst(MLIRContext *ctx, const Const &c) {
  Type elem = elementTypeOf(ctx, c.type);
  if (!elem || typeCodeOf(elem) != c.type || c.size() != c.numel())
    return {};
  auto type = RankedTensorType::get(c.shape, elem);
  if (c.isFloat())
    return DenseElementsAttr::get(type, llvm::ArrayRef<float>(c.floats));
  unsigned width = elem.getIntOrFloatBitWidth();
  bool isSigned = !elem.isUnsignedInteger() && width > 1;
  llvm::SmallVector<APInt> v;
  v.reserve(c.ints.size());
  for (int64_t x : c.ints) {
    APInt a(width, uint64_t(x), isSigned, /*implicitTrunc=*/true);
    // A value the type does not hold is not this constant: no attribute.
    if ((isSigned ? a.getSExtValue() : int64_t(a.getZExtValue())) != x)
      return {};
    v.push_back(a);
  }
  return DenseElementsAttr::get(type, v);
}

} // namespace npc::onnx
