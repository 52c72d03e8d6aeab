//===- OnnxToQGraph.cpp - onnx dialect to qg ------------------------------===//
//
// A dialect conversion of @main in place: one pattern per ONNX operator
// (a row of Importer::conversions()), under a ConversionTarget where the
// onnx dialect is illegal, so an operator no pattern converts is an error at
// its node. The patterns run in the file's (topological) order and share the
// Importer's record of what each onnx value stands for. QOperator nodes (and
// the npc nodes onnx-fuse-qdq writes for QDQ clusters) map one to one. This
// conversion fuses nothing: a float op on dequantized inputs that the fusion
// left is recorded as pending (Entry::PendingK, a chain of functions
// Entry::FnK) and grows by the nodes that would have joined its cluster,
// only so that its refusal names the node and the reason the cluster's
// checks find (refuseUnfused), at the point of the walk where its
// QuantizeLinear or another reader meets it.
//
//===----------------------------------------------------------------------===//
#include "npc/Conversion/OnnxToQGraph/OnnxToQGraph.h"
#include "WideTables.h"
#include "npc/Conversion/Passes.h"
#include "npc/Dialect/Onnx/IR/Onnx.h"
#include "npc/Dialect/Onnx/Transforms/ConstantFolding.h"
#include "npc/Dialect/Onnx/Transforms/FunctionTables.h"
#include "npc/Dialect/Onnx/Transforms/Passes.h"
#include "npc/Dialect/Onnx/Transforms/QuantParams.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Runtime/FixedPoint.h"
#include "npc/Runtime/SubByte.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Support/Printable.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <numeric>

namespace npc {
#define GEN_PASS_DEF_CONVERTONNXTOQGRAPH
#include "npc/Conversion/Passes.h.inc"
} // namespace npc

using namespace mlir;
using namespace npc;
using npc::qg::QuantParams;

namespace {

using namespace npc::onnx;
/// A layer normalization's constants (LayerNormalization, or the
/// arithmetic torch writes for it below opset 17).
struct LayerNormOf {
  std::vector<double> gamma, beta; // one value, or one per element of the last axis
  float epsilon = 1e-5f;
};

/// What an ONNX tensor name stands for while importing.
struct Entry {
  enum Kind { ConstK, QuantK, RawK, FloatK, DeqK, PendingK, FnK } kind = ConstK;
  std::vector<int64_t> shape;
  Const c;             // ConstK; DeqK of a constant
  onnx::ConstantOp undecoded; // ConstK: `c` still to be read from this op (findEntry)
  bool released = false; // every reader converted: `c` freed, findEntry no longer finds it
  Value v;             // QuantK, RawK, FloatK; DeqK of an activation
  bool ofConst = false; // DeqK: source is `c`, else `v`
  QInfo q;             // DeqK: the DequantizeLinear's parameters
  onnx::NodeOp node;                     // PendingK: the float op; FnK: the last one
  bool relu = false;                     // PendingK: a Relu after it (clipLo/Hi: a Clip)
  std::optional<double> clipLo, clipHi;
  // FnK: fn(c, x) for x the dequantized activation `src` (a DeqK) at index
  // c of axis `fnAxis` (-1: the same function everywhere): a chain of float
  // elementwise ops that becomes one lookup table (one per channel).
  std::shared_ptr<const Entry> src;
  std::shared_ptr<const std::function<float(int64_t, float)>> fn;
  int64_t fnAxis = -1;
  // PendingK of a MatMul: the constant of an Add after it (torch exports
  // nn.Linear on 3-D inputs as MatMul + Add).
  std::shared_ptr<const Entry> bias;
  // PendingK of a layer norm written as arithmetic: its constants; `src`
  // is its input.
  std::shared_ptr<const LayerNormOf> norm;
  // PendingK of a Conv: the per-channel float ops after it folded in
  // (QAT exports with BatchNorm kept).
  std::shared_ptr<const ChannelAffine> affine;
};

/// A float operator's output or a chain of functions, which only a
/// QuantizeLinear reads (refuseUnfused says why the fusion left it).
bool floatOutput(const Entry &e) {
  return e.kind == Entry::PendingK || e.kind == Entry::FnK;
}

/// An entry standing for SSA value `v`.
Entry valueEntry(Entry::Kind kind, Value v) {
  Entry e;
  e.kind = kind;
  e.v = v;
  e.shape = [&] {
    auto s = cast<ShapedType>(v.getType()).getShape();
    return std::vector<int64_t>(s.begin(), s.end());
  }();
  return e;
}

/// A node's name for messages and locations: its own, or (exporters leave
/// some nodes unnamed) its first output's.
std::string nodeName(onnx::NodeOp n) { return printable(n.getName()); }

std::string nodeDesc(onnx::NodeOp n) {
  return "node '" + nodeName(n) + "' (" + printable(n.getShownOpType()) + ")";
}

std::string opTypeOf(onnx::NodeOp n) { return n.getOpType().str(); }

/// Values ordered by identity: the import environment's keys.
struct ValueLess {
  bool operator()(Value a, Value b) const {
    return a.getAsOpaquePointer() < b.getAsOpaquePointer();
  }
};

class Importer {
public:
  Importer(MLIRContext &ctx, const ImportLimits &limits)
      : ctx(ctx), limits(limits), b(&ctx) {}

  /// Converts `main` (an onnx-level @main) to qg in place, a dialect
  /// conversion with one pattern per operator; `error` says why not.
  LogicalResult run(func::FuncOp main);
  std::string error;
  std::optional<Location> errorLoc; // the node the error is about
  llvm::StringMap<Location> nodeLocs; // each node name's first node's location
  std::optional<Location> here;     // where errors outside nodes are

private:
  // The conversion's patterns (below) convert one op each through these.
  friend struct NodeConversion;
  friend struct QonnxQuantConversion;
  friend struct AbsorbedNodeConversion;
  friend struct UnsupportedNodeConversion;
  friend struct ConstantConversion;
  friend struct ReturnConversion;
  MLIRContext &ctx;
  const ImportLimits &limits;
  /// Elements of the constants it makes (ConstantOfShape results; the
  /// importer bounded the file's own): bounded by limits.weightElements.
  int64_t constantElements = 0;
  [[nodiscard]] bool countConstant(int64_t elems, const std::string &what) {
    if (elems > limits.weightElements - constantElements)
      return fail(what + " takes the model's constants past " +
                  limitText(limits.weightElements) +
                  " elements in all (npc's limit; --limit weight-elements=N raises it)");
    constantElements += elems;
    return true;
  }
  OpBuilder b;
  RewriterBase *rewriter = nullptr; // the running pattern's, to change an op built before
  std::map<Value, Entry, ValueLess> env;
  /// env.find(v), with an initializer's values read on first use (decoded
  /// up front, every weight as int64 was alive at once), and a released
  /// entry not found.
  std::map<Value, Entry, ValueLess>::iterator findEntry(Value v) {
    auto it = env.find(v);
    if (it != env.end() && it->second.released)
      return env.end();
    if (it != env.end() && it->second.undecoded) {
      onnx::ConstantOp c = it->second.undecoded;
      it->second.undecoded = {};
      // Its element type was checked when it was reached (constOf's only
      // failure), so this reads values and cannot fail.
      (void)constOf(c, it->second.c);
    }
    return it;
  }
  /// Readers of each value not yet converted, plus the pending entries that
  /// still look at it through their node (Entry::node): at zero its entry
  /// is released, and with it the constant it holds (every weight as int64
  /// stayed until the end: about 200 MB of ResNet-50's import peak). The
  /// entry itself stays: scans of the environment (a Clip asking whether
  /// other tensors name the same codes) still count it.
  llvm::DenseMap<Value, int64_t> readersLeft;
  /// Per value whose entry looks at its node's operands: those operands.
  llvm::DenseMap<Value, llvm::SmallVector<Value, 4>> heldBy;
  void countReaders(Operation &op) {
    for (Value v : op.getOperands())
      ++readersLeft[v];
  }
  /// `n` has been converted: its entries that look at nodes hold those
  /// nodes' operands, and its operands lose a reader.
  void converted(Operation &n) {
    for (Value r : n.getResults()) {
      auto it = env.find(r);
      if (it == env.end() || !it->second.node || heldBy.count(r))
        continue;
      auto &held = heldBy[r];
      for (Value v : it->second.node->getOperands()) {
        ++readersLeft[v];
        held.push_back(v);
      }
    }
    for (Value v : n.getOperands())
      releaseReader(v);
  }
  void releaseReader(Value v) {
    auto it = readersLeft.find(v);
    if (it == readersLeft.end() || --it->second > 0)
      return;
    readersLeft.erase(it);
    if (auto e = env.find(v); e != env.end()) {
      e->second.released = true;
      std::vector<int64_t>().swap(e->second.c.ints);
      std::vector<float>().swap(e->second.c.floats);
    }
    auto held = heldBy.find(v);
    if (held == heldBy.end())
      return;
    llvm::SmallVector<Value, 4> operands = std::move(held->second);
    heldBy.erase(held);
    for (Value o : operands)
      releaseReader(o);
  }
  onnx::NodeOp cur;
  int64_t opset = 0;
  /// The ONNX tensor name of `v`: a graph input's, a constant's, a node output's.
  std::vector<std::string> inputNames;
  std::string nameOf(Value v) {
    if (auto a = dyn_cast<BlockArgument>(v))
      return a.getArgNumber() < inputNames.size() ? inputNames[a.getArgNumber()] : "?";
    if (auto c = v.getDefiningOp<onnx::ConstantOp>())
      return c.getName().str();
    if (auto n = v.getDefiningOp<onnx::NodeOp>())
      return cast<StringAttr>(n.getOutputs()[cast<OpResult>(v).getResultNumber()]).str();
    return "?";
  }
  std::string inputName(int i) { return nameOf(cur->getOperand(i)); }
  std::string outputName(int i) { return cast<StringAttr>(cur.getOutputs()[i]).str(); }

  // --- errors -------------------------------------------------------------
  [[nodiscard]] bool fail(const std::string &what) {
    return failAs(cur ? nodeDesc(cur) : std::string(), cur ? cur->getLoc() : here, what);
  }
  /// As fail, for node `desc` (nodeDesc's form) at `at`: a node
  /// onnx-fuse-qdq folded into the current one.
  [[nodiscard]] bool failAs(const std::string &desc, std::optional<Location> at,
                            const std::string &what) {
    if (error.empty()) {
      error = (desc.empty() ? std::string() : desc + ": ") + what;
      errorLoc = at;
    }
    return false;
  }
  Location loc() {
    if (!cur)
      return UnknownLoc::get(&ctx);
    // name("node name", child name("OpType")): diagnostics can say both.
    return NameLoc::get(StringAttr::get(&ctx, cur.getName()),
                        NameLoc::get(StringAttr::get(&ctx, cur.getShownOpType())));
  }

  // --- attributes ---------------------------------------------------------
  // An attribute of another kind than asked for reads as absent.
  Attribute attr(llvm::StringRef name) { return cur.getOnnxAttr(name); }
  int64_t attrInt(llvm::StringRef name, int64_t dflt) { return cur.getIntAttr(name, dflt); }
  float attrFloat(llvm::StringRef name, float dflt) { return cur.getFloatAttr(name, dflt); }
  std::string attrString(llvm::StringRef name, const std::string &dflt) {
    auto a = dyn_cast_or_null<StringAttr>(attr(name));
    return a ? a.str() : dflt;
  }
  std::vector<int64_t> attrInts(llvm::StringRef name, std::vector<int64_t> dflt) {
    auto a = dyn_cast_or_null<DenseI64ArrayAttr>(attr(name));
    if (!a)
      return dflt;
    return std::vector<int64_t>(a.asArrayRef().begin(), a.asArrayRef().end());
  }

  // --- inputs -------------------------------------------------------------
  bool hasInput(int i) {
    return int(cur->getNumOperands()) > i && !isa<NoneType>(cur->getOperand(i).getType());
  }
  Entry *input(int i) {
    if (!hasInput(i)) {
      (void)fail("missing input " + std::to_string(i));
      return nullptr;
    }
    auto it = findEntry(cur->getOperand(i));
    if (it == env.end()) {
      (void)fail("input '" + printable(inputName(i)) +
                 "' is not produced by an earlier node or initializer");
      return nullptr;
    }
    return &it->second;
  }
  /// What an omitted zero point of a QLinear node's input `i` means: zero
  /// of that input's type (ONNX types the two alike), when the input holds
  /// codes (a quantized value, raw integers or an integer constant); else
  /// uint8.
  int32_t omittedZeroPointType(int i) {
    if (!hasInput(i))
      return kUInt8;
    auto it = findEntry(cur->getOperand(i));
    if (it == env.end())
      return kUInt8;
    const Entry &e = it->second;
    if (e.kind == Entry::QuantK || e.kind == Entry::RawK) {
      // Only a type a zero point may have (not 16 bits, bool or uint32,
      // which storageCodeOf would read as int32).
      int32_t code = storageCodeOf(e.v);
      auto p = qg::getQuantParams(e.v);
      bool exact = p && p->storageWidth == storageWidth(code) &&
                   p->isSigned == isSignedStorage(code);
      // npc's 16-bit codes: their own type, as a DequantizeLinear reads them.
      return exact && (storageTypeProblem(code, "").empty() || wideCodes(i)) ? code : kUInt8;
    }
    if (e.kind == Entry::ConstK && !e.c.isFloat() && storageTypeProblem(e.c.type, "").empty())
      return e.c.type;
    return kUInt8;
  }
  /// constInput of integers (a shape, axes): a float one is an error.
  const Const *intConstInput(int i, const char *what) {
    const Const *c = constInput(i, what);
    if (c && c->isFloat()) {
      (void)fail(std::string(what) + " ('" + printable(inputName(i)) +
                 "') must be an integer tensor");
      return nullptr;
    }
    return c;
  }
  const Const *constInput(int i, const char *what) {
    Entry *e = input(i);
    if (!e)
      return nullptr;
    if (e->kind != Entry::ConstK) {
      (void)fail(std::string(what) + " ('" + printable(inputName(i)) +
                 "') must be a constant initializer; freeze it with --bind " +
                 printable(inputName(i)) + "=FILE.npy");
      return nullptr;
    }
    return &e->c;
  }
  void define(int out, Entry e) {
    // Values know their shape; pending float ops get theirs when emitted.
    if (e.v && !(e.kind == Entry::DeqK && e.ofConst))
      e.shape = shapeOf(e.v);
    env[cur->getResult(out)] = std::move(e);
  }

  // --- types ----------------------------------------------------------------
  /// Element type for quantization info `q`; per-axis only when `q` has more
  /// than one scale (ONNX allows a 1-element per-axis tensor: per-tensor).
  Type quantType(const QInfo &q) {
    bool s = isSignedStorage(q.storage);
    unsigned w = storageWidth(q.storage);
    Type storage = IntegerType::get(&ctx, w);
    int64_t lo = q.qmin.value_or(quant::QuantizedType::getDefaultMinimumForInteger(s, w));
    int64_t hi = q.qmax.value_or(quant::QuantizedType::getDefaultMaximumForInteger(s, w));
    unsigned flags = s ? quant::QuantizationFlags::Signed : 0;
    if (q.scales.size() == 1)
      return quant::UniformQuantizedType::get(flags, storage, b.getF32Type(),
                                              q.scales[0], q.zeroPoints[0], lo, hi);
    return quant::UniformQuantizedPerAxisType::get(
        flags, storage, b.getF32Type(), q.scales, q.zeroPoints, q.axis, lo, hi);
  }
  /// The ONNX type code of a value's storage.
  int32_t storageCodeOf(Value v) {
    auto p = qg::getQuantParams(v);
    switch (p->storageWidth) {
    case 2: return p->isSigned ? kInt2 : kUInt2;
    case 4: return p->isSigned ? kInt4 : kUInt4;
    case 8: return p->isSigned ? kInt8 : kUInt8;
    case 16: return p->isSigned ? kInt16 : kUInt16;
    default: return kInt32;
    }
  }
  RankedTensorType tensorOf(const std::vector<int64_t> &shape, Type elem) {
    return RankedTensorType::get(shape, elem);
  }
  static std::vector<int64_t> shapeOf(Value v) {
    auto s = cast<ShapedType>(v.getType()).getShape();
    return std::vector<int64_t>(s.begin(), s.end());
  }

  // --- pieces -----------------------------------------------------------------
  bool constOf(onnx::ConstantOp c, Const &out) {
    out.narrowed = narrowedRangeOf(c);
    return constOf(c.getValue(), c.getName().str(), out);
  }
  bool constOf(ElementsAttr a, const std::string &name, Const &out);
  /// constOf's check and the type and shape, without reading the values.
  bool constType(ElementsAttr a, const std::string &name, Const &out);
  bool readQInfo(int scaleIdx, int zpIdx, int64_t axis, int64_t channels,
                 int32_t defaultStorage, QInfo &q, bool sixteenBit = false);
  bool wideCodes(int i);
  bool readInputQInfo(int codes, int64_t axis, int64_t channels, int32_t defaultStorage,
                      QInfo &q);
  Value asQuant(Value v, const QInfo &q);
  Value materialize(const Const &c, const QInfo &q);
  Value quantValueOf(Entry &e, const char *what);
  /// What quantValueOf reads, else a failure saying what it is not.
  bool dequantizedOperand(const Entry &e, const char *what);
  bool clampFor(const QInfo &out, bool relu, std::optional<double> lo,
                std::optional<double> hi, int32_t &cmin, int32_t &cmax);
  bool windowAttrs(const std::vector<int64_t> &inShape,
                   const std::vector<int64_t> &kernel,
                   std::vector<int64_t> &strides, std::vector<int64_t> &dilations,
                   std::vector<int64_t> &pads,
                   bool maxPool = false);
  bool integerBias(const std::vector<double> &biasReal, double sx,
                   const QInfo &w, int64_t channels, std::vector<int32_t> &out);
  /// Shapes the convolution and matmul emitters accept, checked before
  /// anything indexes the weight's dimensions.
  bool convRanksOk(Value x, const Const &w) { return convRanksOk(shapeOf(x).size(), w); }
  bool matMulRanksOk(Value x, const Const &w) { return matMulRanksOk(shapeOf(x).size(), w); }
  bool convRanksOk(size_t rank, const Const &w);
  bool matMulRanksOk(size_t rank, const Const &w);
  /// A qg.conv2d; its window (kernel_shape, strides, dilations, pads,
  /// auto_pad) is the node's, or with `nodeWindow` false w's with unit
  /// strides and no pads (BatchNormalization's, whose node has none).
  Value emitConv(Value x, const Const &w, const QInfo &wq, int64_t group,
                 const std::vector<int32_t> *bias, Type outElem, int32_t cmin,
                 int32_t cmax, bool nodeWindow = true);
  Value emitMatMul(Value x, Const w, QInfo wq, const std::vector<int32_t> *bias,
                   Type outElem, int32_t cmin, int32_t cmax);
  Value emitPool(Value x, bool isMax, bool global, const QInfo *outQ,
                 int32_t cmin, int32_t cmax);
  Value emitRescale(Value x, const QInfo &outQ, int32_t cmin, int32_t cmax);
  Value clampCodes(Value x, int32_t lo, int32_t hi);
  Value emitTable(Value x, const QInfo &outQ, int32_t cmin, int32_t cmax,
                  llvm::StringRef function);
  std::vector<float> tableValues(Value x, llvm::StringRef function);
  std::vector<float> tableValues(Value x, const ChainFn &f, int64_t axis);
  /// A table's input of at most 8 bits, else a failure.
  bool tableInputOk(const QInfo &in);
  Value emitTableOf(Value x, const std::vector<float> &values, const QInfo &outQ, int32_t cmin,
                    int32_t cmax, int64_t axis = -1);
  Value emitTableCodes(Value x, llvm::ArrayRef<int32_t> codes, const QInfo &outQ, int64_t axis);
  /// The entry as a float function of one dequantized activation (of its
  /// index along `axis` too, when that is not -1).
  struct FunctionOf {
    std::shared_ptr<const Entry> src;
    ChainFn fn;
    int64_t axis = -1;
  };
  std::optional<FunctionOf> functionOf(const Entry &e);
  bool scalarKeepsRank(int kIdx, const Entry &x);
  bool unaryFunction();
  bool preluNode();
  bool notAChainInput();
  bool inferenceMode();
  bool chainFunction(const Entry &x, ChainFn h, int64_t axis = -1);
  bool elementwiseBinary();
  int64_t pendingConvChannels(const Entry &e);
  bool foldIntoConv();
  bool defineAffine(const Entry &e, std::shared_ptr<const ChannelAffine> f);
  bool batchNormalization();
  bool qlinearContrib();
  bool qlinearLookup();
  /// Fails with "has N inputs; it takes `takes`" (an npc node's count).
  bool wrongInputCount(const std::string &takes) {
    return fail("has " + std::to_string(cur->getNumOperands()) + " inputs; it takes " + takes);
  }
  bool clampInputs(int at, const QInfo &yq, int32_t &lo, int32_t &hi,
                   const char *before = "X, its scale and zero point, Y's");
  Value quantOperand(int i, const QInfo &q, const char *what);
  Value emitScaled(Value x, double k, const QInfo &outQ, int32_t cmin, int32_t cmax);
  Value emitBinary(bool mul, Value lhs, Value rhs, Type outElem, int32_t cmin, int32_t cmax);
  Value emitBatchMatMul(Value lhs, Value rhs, Type outElem, int32_t cmin, int32_t cmax);
  Value emitSoftmax(Value x, Type outElem, int32_t cmin, int32_t cmax, int64_t defaultAxis);
  Value emitResizeLinear(Value x, Type outElem, int32_t cmin, int32_t cmax, int roiIdx = 1);
  bool resizeOutput(const std::vector<int64_t> &in, std::vector<int64_t> &out,
                    std::vector<double> &scales, int roiIdx = 1);
  bool qlinearResize();
  Value emitLayerNorm(Value x, const LayerNormOf &n, Type outElem, int32_t cmin, int32_t cmax);
  bool layerNormalization(Value &x, LayerNormOf &n, int scaleIdx = 1);
  bool qlinearLayerNorm();
  bool layerNormPattern();
  std::optional<Const> constantOf(Value v);
  /// Nodes a pattern took in whole (skipped when reached), and the pattern's
  /// last node with what it defines.
  llvm::DenseSet<Operation *> absorbed;
  llvm::DenseMap<Operation *, Entry> patternEnds;
  Value emitBatchNorm(Value x, int paramIdx, const QInfo &outQ, int32_t cmin, int32_t cmax);
  bool qlinearBatchNorm();
  bool refuseUnfused(const Entry &pending, const QInfo &outQ);
  bool unfusedOperands(const Entry &pending);
  bool biasReals(const Entry *e, int64_t channels, double scaleMul,
                 std::vector<double> &out, const char *what = "bias");

  /// `n` by `convert` (a row of conversions() or QONNX's Quant), ops built
  /// with `rewriter`.
  bool convertNode(onnx::NodeOp n, bool (*convert)(Importer &), RewriterBase &rewriter);
  bool statedTypesHold();
  /// `n` taken in whole by an earlier node's pattern (absorbed, or its last
  /// node): true when it was, with what it defines.
  bool takenByPattern(onnx::NodeOp n);
  /// Fails with why no conversion reads `n`.
  bool unsupportedNode(onnx::NodeOp n);
  /// `n`'s domain, "" for the default one ("ai.onnx" too).
  static llvm::StringRef domainOf(onnx::NodeOp n) {
    llvm::StringRef d = n.getDomain();
    return d == "ai.onnx" ? "" : d;
  }
  bool convertConstant(onnx::ConstantOp c);
  ArrayAttr outNames;
  /// The returns returnOutputs built (legal; the file's one is not).
  llvm::DenseSet<Operation *> builtReturns;
  /// One row per ONNX operator the conversion reads, in the order the
  /// message about an unsupported one lists them: its domain, op type,
  /// group in that message and the code that converts it. Adding an
  /// operator is adding its row.
  struct OpConversion {
    enum Group { Quantized, QdqForm, OnConstants };
    llvm::StringLiteral domain, opType;
    Group group;
    bool (*convert)(Importer &);
  };
  static llvm::ArrayRef<OpConversion> conversions();
  /// "A, B and C" / "A, B, C" of the rows matching `keep`.
  static std::string opList(llvm::function_ref<bool(const OpConversion &)> keep,
                            llvm::StringRef lastSeparator);
  bool returnOutputs(func::ReturnOp ret, OpBuilder &rewriter);
  bool quantizeLinear();
  bool dequantizeLinear();
  bool notBlocked();
  bool quantizeEntry(Entry &x, const QInfo &q, Entry &out);
  /// `steal`: `x` is read by nothing else, so its constant moves (weights
  /// are most of a model's memory) instead of being copied.
  bool dequantizeEntry(Entry &x, const QInfo &q, Entry &out, bool steal);
  bool qonnxQuant();
  bool qlinearConvOrMatMul(bool conv);
  std::pair<int64_t, int64_t> quantAxis(const Entry &x);
  bool castNode();
  bool foldShapeOp();
  struct EntryInputs;
  bool foldConstant();
  bool allInputsConstant();
  /// Input `i` exists and is a constant.
  bool inputIsConstant(int i) {
    if (!hasInput(i))
      return false;
    auto it = findEntry(cur->getOperand(i));
    return it != env.end() && it->second.kind == Entry::ConstK;
  }
  Entry *quantizedInput(const char *otherwise, bool constants = false);
  bool clipOnQuant(Entry &x);
  bool clipInputs(llvm::function_ref<bool(int, const Const &)> each);
  bool wideTableFits(const Entry &e);
  bool keptAsCodes(const Entry &e);
  const std::vector<int64_t> *floatOutputShape(const Entry &e);
  bool ceilModeAsPads(const std::vector<int64_t> &in, const std::vector<int64_t> &kernel,
                      const std::vector<int64_t> &strides, const std::vector<int64_t> &dilations,
                      std::vector<int64_t> &pads,
                      bool maxPool);
  bool convertConst(Const &c, int32_t to);
  bool integerConvOrMatMul(bool conv);
  bool passThrough();
  bool resizeNode();
  bool sliceNode();
  bool depthSpaceNode();
  bool padNode();
  Value emitPad(const Entry &x, int padsIdx);
  bool qlinearPad();
  bool splitNode();
  Entry *movableInput(int i);
  /// Output `out` as `moved`, of `shape`: what `x` stood for, its codes moved.
  bool defineMoved(int out, const Entry &x, std::vector<int64_t> shape, Value moved) {
    Entry r = x;
    r.shape = std::move(shape);
    r.v = moved;
    define(out, std::move(r));
    return true;
  }
  Value emitSlice(Value x, const std::vector<int64_t> &starts, std::vector<int64_t> steps,
                  const std::vector<int64_t> &shape);
  bool defineSlice(int out, const Entry &x, std::vector<int64_t> starts,
                   std::vector<int64_t> steps, std::vector<int64_t> shape);
  bool gatherNode();
  bool embeddingLookup();
  bool embeddingShape(const std::vector<int64_t> &table, const Entry &ids,
                      std::vector<int64_t> &out);
  bool qlinearGather();
  bool embeddingGather();
  bool broadcastNode();
  bool gemmOperands(Value &x, Const &w, QInfo &wq);
  bool gemmWeight(size_t xRank, Const &w, QInfo &wq);
  bool qgemm();
  bool qlinearConcat();
  Value emitReduce(Value x, llvm::StringRef op, int axesInput, const QInfo &outQ, int32_t cmin,
                   int32_t cmax);
  Value emitConcat(ArrayRef<Value> parts, const QInfo &outQ, int32_t cmin, int32_t cmax);
  bool powNode();
  bool floatOp();
  bool activation();
  void defineFunction(std::shared_ptr<const Entry> src, ChainFn fn, int64_t axis);
  bool constantNode();
  bool maxPoolOnQuant();
};

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

/// The values of an onnx.constant (or a tensor attribute): one per element,
/// read from the attribute's storage (one unit per element, sub-byte
/// integers one per byte) and sign- or zero-extended from its width.
bool Importer::constType(ElementsAttr attr, const std::string &name, Const &out) {
  std::string e = readConstType(attr, name, out);
  return e.empty() || fail(e);
}

bool Importer::constOf(ElementsAttr attr, const std::string &name, Const &out) {
  std::string e = readConst(attr, name, out);
  return e.empty() || fail(e);
}

/// Scale and zero point inputs (constants) of a Q/DQ or QLinear node.
bool Importer::readQInfo(int scaleIdx, int zpIdx, int64_t axis, int64_t channels,
                         int32_t defaultStorage, QInfo &q, bool sixteenBit) {
  const Const *s = constInput(scaleIdx, "scale");
  if (!s)
    return false;
  const Const *z = nullptr;
  if (hasInput(zpIdx) && !(z = constInput(zpIdx, "zero point")))
    return false;
  std::string e = quantInfoOf(*s, z, axis, channels, defaultStorage, q, sixteenBit);
  return e.empty() || fail(e);
}

/// Whether input `i` holds npc's 16-bit codes: an average a product reads
/// (npc's QLinearGlobalAveragePool, QLinearAveragePool, QLinearReduceMean),
/// a table a float operator reads, or a clamp of such codes (npc's
/// QLinearRequantize to their own parameters). Nothing else makes a 16-bit
/// activation (a QuantizeLinear or QLinear output to 16 bits is refused),
/// so a user's 16-bit tensor is not one.
bool Importer::wideCodes(int i) {
  if (!hasInput(i))
    return false;
  auto it = findEntry(cur->getOperand(i));
  if (it == env.end() || it->second.kind != Entry::QuantK)
    return false;
  auto p = qg::getQuantParams(it->second.v);
  return p && p->isQuantized && p->storageWidth == 16 && p->axis < 0;
}

/// The scale and zero point (inputs `codes` + 1, + 2) of input `codes`.
/// npc's 16-bit codes are read as they are: their own parameters, stated
/// with a 16-bit zero point, and their narrowed range.
bool Importer::readInputQInfo(int codes, int64_t axis, int64_t channels,
                              int32_t defaultStorage, QInfo &q) {
  bool wide = wideCodes(codes);
  if (!readQInfo(codes + 1, codes + 2, axis, channels, defaultStorage, q, wide))
    return false;
  if (!wide)
    return true;
  auto p = *qg::getQuantParams(env.find(cur->getOperand(codes))->second.v);
  if (q.scales.size() != 1 || q.scales[0] != p.scale() || q.zeroPoints[0] != p.zeroPoint() ||
      q.storage != (p.isSigned ? kInt16 : kUInt16))
    return fail("input '" + printable(inputName(codes)) + "' is npc's 16-bit codes (scale " +
                numberText(p.scale()) + ", zero point " + std::to_string(p.zeroPoint()) +
                "); it must be read with those");
  q.qmin = p.storageMin;
  q.qmax = p.storageMax;
  return true;
}

/// `v` viewed with quantization `q` (a storage_cast when the stored bytes
/// are reinterpreted, e.g. QOperator inputs or Q->DQ with other params).
Value Importer::asQuant(Value v, const QInfo &q) {
  Type want = quantType(q);
  auto t = cast<ShapedType>(v.getType());
  if (t.getElementType() == want)
    return v;
  return qg::StorageCastOp::create(b, loc(), t.clone(want), v);
}

Value Importer::materialize(const Const &c, const QInfo &q) {
  Type elem = quantType(q);
  unsigned w = storageWidth(q.storage);
  auto storageT = RankedTensorType::get(c.shape, IntegerType::get(&ctx, w));
  DenseElementsAttr attr;
  if (!c.ints.empty()) {
    // Build the little-endian storage directly (weights are most of a
    // model; one APInt per element is most of the import time). Widths
    // under 8 bits take one byte per element, holding the value's low bits.
    // All-equal values are stored as a splat, as DenseElementsAttr::get does.
    size_t n = llvm::all_equal(c.ints) ? 1 : c.ints.size();
    unsigned stride = (w + 7) / 8;
    uint64_t mask = w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1;
    std::vector<char> raw(n * stride);
    char *o = raw.data();
    if (stride == 1) // 8 bits or fewer: one byte each, a loop that vectorizes
      for (size_t i = 0; i < n; ++i)
        o[i] = char(uint64_t(c.ints[i]) & mask);
    else
      for (int64_t x : llvm::ArrayRef(c.ints).take_front(n))
        for (unsigned byte = 0; byte < stride; ++byte)
          *o++ = char((uint64_t(x) & mask) >> (8 * byte));
    attr = DenseElementsAttr::getFromRawBuffer(storageT, raw);
  } else {
    SmallVector<APInt> vals;
    for (int64_t x : c.ints)
      vals.push_back(APInt(w, uint64_t(x), /*isSigned=*/true, /*implicitTrunc=*/true));
    attr = DenseElementsAttr::get(storageT, vals);
  }
  return qg::ConstantOp::create(b, loc(), RankedTensorType::get(c.shape, elem), attr);
}

/// The quantized activation behind a DequantizeLinear output (or a constant
/// operand of Add, materialized).
Value Importer::quantValueOf(Entry &e, const char *what) {
  if (!dequantizedOperand(e, what))
    return {};
  return e.ofConst ? materialize(e.c, e.q) : asQuant(e.v, e.q);
}

bool Importer::dequantizedOperand(const Entry &e, const char *what) {
  if (e.kind != Entry::DeqK)
    return fail(std::string(what) + " must come from a DequantizeLinear (QDQ form)");
  if (e.q.scales.size() != 1)
    return fail(std::string(what) + " must be quantized per tensor");
  return true;
}

/// Fused ReLU/Clip bounds in the output's storage domain: Q is monotonic, so
/// Q(clip(v, lo, hi)) = clamp(Q(v), Q(lo), Q(hi)) exactly.
bool Importer::clampFor(const QInfo &out, bool relu, std::optional<double> lo,
                        std::optional<double> hi, int32_t &cmin, int32_t &cmax) {
  std::string e = activationClamp(out, relu, lo, hi, cmin, cmax);
  return e.empty() || fail(e);
}

/// strides, dilations and pads ([top, left, bottom, right]) of a 2-D window
/// op, auto_pad resolved; ceil_mode too, for a max pool (`maxPool`) as pads.
bool Importer::windowAttrs(const std::vector<int64_t> &in,
                           const std::vector<int64_t> &kernel,
                           std::vector<int64_t> &strides,
                           std::vector<int64_t> &dilations,
                           std::vector<int64_t> &pads, bool maxPool) {
  strides = attrInts("strides", {1, 1});
  dilations = attrInts("dilations", {1, 1});
  std::vector<int64_t> onnxPads = attrInts("pads", {0, 0, 0, 0});
  if (strides.size() != 2 || dilations.size() != 2 || onnxPads.size() != 4)
    return fail("only 2-D windows are supported (strides, dilations, pads)");
  for (int64_t v : strides)
    if (v < 1) return fail("strides must be >= 1");
  for (int64_t v : dilations)
    if (v < 1) return fail("dilations must be >= 1");
  for (int64_t v : onnxPads)
    if (v < 0) return fail("pads must be >= 0");
  // ONNX pads: [x1_begin, x2_begin, x1_end, x2_end] = [top, left, bottom, right].
  pads = onnxPads;
  std::string autoPad = attrString("auto_pad", "NOTSET");
  if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (int d = 0; d < 2; ++d) {
      int64_t out = (in[2 + d] + strides[d] - 1) / strides[d];
      int64_t span = dilations[d] * (kernel[d] - 1) + 1;
      int64_t total = std::max<int64_t>(0, (out - 1) * strides[d] + span - in[2 + d]);
      int64_t small = total / 2, large = total - small;
      pads[d] = autoPad == "SAME_UPPER" ? small : large;
      pads[d + 2] = autoPad == "SAME_UPPER" ? large : small;
    }
  } else if (autoPad == "VALID") {
    pads = {0, 0, 0, 0};
  } else if (autoPad != "NOTSET") {
    return fail("auto_pad '" + autoPad + "' is not valid");
  }
  if (attrInt("ceil_mode", 0) != 0 &&
      !ceilModeAsPads(in, kernel, strides, dilations, pads, maxPool))
    return false;
  for (int d = 0; d < 2; ++d)
    if (qg::windowOutputSize(in[2 + d], kernel[d], strides[d], dilations[d],
                             pads[d], pads[d + 2]) < 1)
      return fail("the window does not fit the input");
  return true;
}

/// ceil_mode=1 as explicit padding: where rounding up changes no output size
/// it changes nothing; for MaxPool (padding never wins the max) an output
/// row more is padding at the end, provided the last window starts inside
/// the input or the begin padding (as onnxruntime and PyTorch require).
/// Anything else is refused.
bool Importer::ceilModeAsPads(const std::vector<int64_t> &in, const std::vector<int64_t> &kernel,
                              const std::vector<int64_t> &strides,
                              const std::vector<int64_t> &dilations, std::vector<int64_t> &pads,
                              bool maxPool) {
  for (int d = 0; d < 2; ++d) {
    int64_t span = dilations[d] * (kernel[d] - 1) + 1;
    int64_t padded = in[2 + d] + pads[d] + pads[d + 2];
    if (padded < span)
      continue; // the window-fit check reports it
    int64_t floorOut = (padded - span) / strides[d] + 1;
    int64_t ceilOut = (padded - span + strides[d] - 1) / strides[d] + 1;
    if (ceilOut > floorOut && (ceilOut - 1) * strides[d] >= in[2 + d] + pads[d])
      ceilOut = floorOut; // the extra window would start in the end padding
    if (ceilOut == floorOut)
      continue;
    if (!maxPool)
      return fail("ceil_mode=1 changes the output size of " + printable(cur.getShownOpType()) +
                  "; re-export with ceil_mode=0 (add the padding explicitly)");
    pads[d + 2] += (ceilOut - 1) * strides[d] + span - padded;
  }
  return true;
}

/// Integer bias for a conv/matmul: round(b / (sx * sw[c])), per channel.
bool Importer::integerBias(const std::vector<double> &real, double sx,
                           const QInfo &w, int64_t channels,
                           std::vector<int32_t> &out) {
  std::string e = onnx::integerBias(real, sx, w, channels, out);
  return e.empty() || fail(e);
}

/// Float values of an optional bias input of a QDQ op: a DequantizeLinear of
/// an int32 initializer, or a float initializer; scaled by `scaleMul` (Gemm beta).
bool Importer::biasReals(const Entry *e, int64_t channels, double scaleMul,
                         std::vector<double> &out, const char *what) {
  if (!e)
    return false;
  bool dequantized = e->kind == Entry::DeqK && e->ofConst;
  if (!dequantized && !(e->kind == Entry::ConstK && e->c.isFloat()))
    return fail(std::string(what) + " must be a constant (an initializer, or DequantizeLinear of one)");
  std::string err =
      biasRealValues(e->c, dequantized ? &e->q : nullptr, scaleMul, channels, what, out);
  return err.empty() || fail(err);
}

//===----------------------------------------------------------------------===//
// Emitters shared by the QOperator and QDQ forms
//===----------------------------------------------------------------------===//

bool Importer::convRanksOk(size_t rank, const Const &w) {
  if (rank == 4 && w.shape.size() == 4)
    return true;
  return fail("only 2-D convolution (NCHW input, OIHW weight) is supported; input has rank " +
              std::to_string(rank) + ", weight rank " + std::to_string(w.shape.size()));
}

bool Importer::matMulRanksOk(size_t rank, const Const &w) {
  if (rank >= 2 && w.shape.size() >= 2)
    return true;
  return fail("MatMul operands must have rank >= 2 (1-D operands are not supported)");
}

Value Importer::emitConv(Value x, const Const &w, const QInfo &wqIn, int64_t group,
                         const std::vector<int32_t> *bias, Type outElem,
                         int32_t cmin, int32_t cmax, bool nodeWindow) {
  if (!convRanksOk(x, w))
    return {};
  std::vector<int64_t> in = shapeOf(x);
  QInfo wq = wqIn;
  if (wq.scales.size() > 1 && wq.axis != 0) {
    (void)fail("per-channel weight quantization must be along axis 0");
    return {};
  }
  if (group < 1 || in[1] % group || w.shape[0] % group || w.shape[1] * group != in[1]) {
    (void)fail("group " + std::to_string(group) + " does not match input channels " +
               std::to_string(in[1]) + " and weight shape");
    return {};
  }
  std::vector<int64_t> kernel = {w.shape[2], w.shape[3]};
  std::vector<int64_t> strides{1, 1}, dil{1, 1}, pads{0, 0, 0, 0};
  if (nodeWindow && attrInts("kernel_shape", kernel) != kernel) {
    (void)fail("kernel_shape does not match the weight shape");
    return {};
  }
  if (nodeWindow && !windowAttrs(in, kernel, strides, dil, pads))
    return {};
  std::vector<int64_t> out = {
      in[0], w.shape[0],
      qg::windowOutputSize(in[2], kernel[0], strides[0], dil[0], pads[0], pads[2]),
      qg::windowOutputSize(in[3], kernel[1], strides[1], dil[1], pads[1], pads[3])};
  Value wv = materialize(w, wq);
  Value bv;
  if (bias) {
    auto t = RankedTensorType::get({w.shape[0]}, b.getI32Type());
    bv = qg::ConstantOp::create(b, loc(), t, DenseElementsAttr::get(t, ArrayRef<int32_t>(*bias)));
  }
  return qg::Conv2dOp::create(
      b, loc(), tensorOf(out, outElem), x, wv, bv, b.getDenseI64ArrayAttr(strides),
      b.getDenseI64ArrayAttr(dil), b.getDenseI64ArrayAttr(pads),
      b.getI64IntegerAttr(group), b.getI32IntegerAttr(cmin), b.getI32IntegerAttr(cmax),
      nullptr, nullptr, nullptr);
}

Value Importer::emitMatMul(Value x, Const w, QInfo wq,
                           const std::vector<int32_t> *bias, Type outElem,
                           int32_t cmin, int32_t cmax) {
  if (!matMulRanksOk(x, w))
    return {};
  std::vector<int64_t> in = shapeOf(x);
  int64_t k = in.back(), n = w.shape.back();
  if (w.shape[w.shape.size() - 2] != k) {
    (void)fail("inner dimensions differ: " + std::to_string(k) + " vs " +
               std::to_string(w.shape[w.shape.size() - 2]));
    return {};
  }
  if (w.shape.size() > 2 &&
      (w.shape.size() != in.size() ||
       !std::equal(in.begin(), in.end() - 2, w.shape.begin()))) {
    (void)fail("batched weight dimensions must equal the input's (no broadcasting)");
    return {};
  }
  if (wq.scales.size() > 1 && wq.axis != int64_t(w.shape.size()) - 1) {
    (void)fail("per-channel weight quantization must be along the output (last) axis");
    return {};
  }
  std::vector<int64_t> out = in;
  out.back() = n;
  Value wv = materialize(w, wq);
  Value bv;
  if (bias) {
    auto t = RankedTensorType::get({n}, b.getI32Type());
    bv = qg::ConstantOp::create(b, loc(), t, DenseElementsAttr::get(t, ArrayRef<int32_t>(*bias)));
  }
  return qg::MatMulOp::create(b, loc(), tensorOf(out, outElem), x, wv, bv,
                              /*partial=*/Value(), b.getI32IntegerAttr(cmin),
                              b.getI32IntegerAttr(cmax), nullptr, nullptr, nullptr,
                              /*reduction_offset=*/nullptr);
}

/// Codes `x` clamped to [lo, hi] in their own type: a rescale made even
/// where it keeps every code (onnx-fuse-qdq's QLinearRequantize of a lone
/// Relu, of npc's 16-bit codes too).
Value Importer::clampCodes(Value x, int32_t lo, int32_t hi) {
  return qg::RescaleOp::create(b, loc(), x.getType(), x, b.getI32IntegerAttr(lo),
                               b.getI32IntegerAttr(hi), nullptr, nullptr);
}

Value Importer::emitRescale(Value x, const QInfo &outQ, int32_t cmin, int32_t cmax) {
  auto t = cast<ShapedType>(x.getType());
  Type want = quantType(outQ);
  auto p = qg::getQuantParams(want);
  if (t.getElementType() == want && cmin <= p->storageMin && cmax >= p->storageMax)
    return x;
  return qg::RescaleOp::create(b, loc(), t.clone(want), x, b.getI32IntegerAttr(cmin),
                               b.getI32IntegerAttr(cmax), nullptr, nullptr);
}

/// BatchNormalization between DequantizeLinear and QuantizeLinear (QAT
/// exports keep it when it follows a quantized conv): y = k x + c per
/// channel, k = scale / sqrt(var + epsilon), c = B - mean k, as a depthwise
/// 1x1 convolution whose int8 weight is +-127 at scale |k| / 127, so the
/// conv's fixed-point requantization computes it (docs/semantics.md).
/// scale, B, input_mean and input_var are inputs `paramIdx` to
/// `paramIdx` + 3 of the node.
Value Importer::emitBatchNorm(Value x, int paramIdx, const QInfo &outQ, int32_t cmin,
                              int32_t cmax) {
  std::vector<int64_t> in = shapeOf(x);
  if (in.size() != 4) {
    (void)fail("only BatchNormalization on NCHW tensors is supported");
    return {};
  }
  int64_t channels = in[1];
  const Const *p[4];
  const char *names[4] = {"scale", "B", "input_mean", "input_var"};
  for (int i = 0; i < 4; ++i) {
    p[i] = constInput(paramIdx + i, names[i]);
    if (!p[i])
      return {};
    if (!p[i]->isFloat() || p[i]->numel() != channels) {
      (void)fail(std::string(names[i]) + " must hold one float per channel (" +
                 std::to_string(channels) + ")");
      return {};
    }
  }
  float eps = attrFloat("epsilon", 1e-5f);
  Const w;
  w.type = kInt8;
  w.shape = {channels, 1, 1, 1};
  QInfo wq;
  wq.storage = kInt8;
  wq.axis = 0;
  std::vector<double> biasReal;
  for (int64_t c = 0; c < channels; ++c) {
    double k = double(p[0]->floats[c]) / std::sqrt(double(p[3]->floats[c]) + double(eps));
    if (!std::isfinite(k)) {
      (void)fail("channel " + std::to_string(c) + " has no finite scale / sqrt(var + epsilon)");
      return {};
    }
    w.ints.push_back(k < 0 ? -127 : 127);
    wq.scales.push_back(k == 0 ? 1.0 : std::fabs(k) / 127.0);
    wq.zeroPoints.push_back(0);
    if (k == 0)
      w.ints.back() = 0;
    biasReal.push_back(double(p[1]->floats[c]) - double(p[2]->floats[c]) * k);
  }
  std::vector<int32_t> bias;
  if (!integerBias(biasReal, qg::getQuantParams(x)->scale(), wq, channels, bias))
    return {};
  // Attributes a BatchNormalization does not have (strides, pads) mean
  // nothing to it: read as a window, they would shrink its output.
  return emitConv(x, w, wq, channels, &bias, quantType(outQ), cmin, cmax, /*nodeWindow=*/false);
}

/// The function's float32 values at every input code of `x` (entry c: the
/// code whose low bits are c, two's complement if signed), the input
/// dequantized as ONNX does; empty after failing.
std::vector<float> Importer::tableValues(Value x, llvm::StringRef function) {
  auto f = tableFunction(function,
                         [&](const char *name, float dflt) { return attrFloat(name, dflt); });
  if (!f) {
    (void)fail("'" + function.str() + "' is not a function npc tabulates");
    return {};
  }
  return tableValues(x, [g = *f](int64_t, float v) { return g(v); }, -1);
}

/// Per channel (axis >= 0), entry e of channel k at e * channels + k
/// (qg.table's layout).
std::vector<float> Importer::tableValues(Value x, const ChainFn &f, int64_t axis) {
  auto in = *qg::getQuantParams(x);
  QInfo q;
  q.storage = storageCodeOf(x);
  q.scales = {in.scale()};
  q.zeroPoints = {in.zeroPoint()};
  if (!tableInputOk(q))
    return {};
  return onnx::tableValues(f, q, axis < 0 ? 1 : shapeOf(x)[axis]);
}

bool Importer::tableInputOk(const QInfo &in) {
  unsigned width = storageWidth(in.storage);
  if (width <= 8)
    return true;
  // 16 bits are npc's own codes (wideMeanParams, wideTableParams), of a
  // value the model left unquantized.
  return fail("a lookup table needs an input of at most 8 bits, not " + std::to_string(width) +
              (width == 16 ? " (npc keeps an average or function that no QuantizeLinear "
                             "quantizes in 16 bits; quantize it first)"
                           : ""));
}

/// A float function between DequantizeLinear and QuantizeLinear as a table
/// on the input code (docs/semantics.md, "Lookup tables"): for every code,
/// dequantize, apply the function and quantize, each in float32 as ONNX
/// defines it, then the fused Relu/Clip.
Value Importer::emitTable(Value x, const QInfo &outQ, int32_t cmin, int32_t cmax,
                          llvm::StringRef function) {
  std::vector<float> values = tableValues(x, function);
  return values.empty() ? Value() : emitTableOf(x, values, outQ, cmin, cmax);
}

Value Importer::emitTableOf(Value x, const std::vector<float> &values, const QInfo &outQ,
                            int32_t cmin, int32_t cmax, int64_t axis) {
  return emitTableCodes(x, tableCodes(values, outQ, cmin, cmax), outQ, axis);
}

Value Importer::emitTableCodes(Value x, llvm::ArrayRef<int32_t> codes, const QInfo &outQ,
                               int64_t axis) {
  auto t = cast<ShapedType>(x.getType());
  // The same table on every channel (a PRelu whose input is never
  // negative, or whose slopes are equal) is one table.
  std::vector<int32_t> one;
  if (axis >= 0 && t.getDimSize(axis) > 0) {
    size_t channels = size_t(t.getDimSize(axis));
    bool same = true;
    for (size_t e = 0; same && e < codes.size(); e += channels)
      same = llvm::all_equal(codes.slice(e, channels));
    if (same) {
      for (size_t e = 0; e < codes.size(); e += channels)
        one.push_back(codes[e]);
      codes = one;
      axis = -1;
    }
  }
  return qg::TableOp::create(b, loc(), t.clone(quantType(outQ)), x,
                             b.getDenseI32ArrayAttr(codes),
                             axis < 0 ? IntegerAttr() : b.getI64IntegerAttr(axis));
}

//===----------------------------------------------------------------------===//
// Chains of float elementwise functions of one activation: one table
//===----------------------------------------------------------------------===//

/// A float scalar constant (what a chain may add, subtract, multiply or
/// divide by).
static std::optional<float> floatScalar(const Entry &e) {
  if (e.kind == Entry::ConstK && e.c.isFloat() && e.c.numel() == 1)
    return e.c.floats[0];
  return std::nullopt;
}

std::optional<Importer::FunctionOf> Importer::functionOf(const Entry &e) {
  switch (e.kind) {
  case Entry::DeqK:
    // A per-tensor dequantized activation of at most 8 bits: fn = identity.
    if (e.ofConst || e.q.scales.size() != 1 || storageWidth(e.q.storage) > 8)
      return std::nullopt;
    return FunctionOf{std::make_shared<const Entry>(e), identityFn()};
  case Entry::FnK:
    return FunctionOf{e.src, *e.fn, e.fnAxis};
  case Entry::PendingK: {
    // Add, Sub, Mul or Div of a function by a float scalar, not yet
    // quantized (x / sqrt(2) in front of Erf in a Gelu).
    const std::string op = opTypeOf(e.node);
    if (e.relu || e.clipLo || e.clipHi || e.node->getNumOperands() != 2 ||
        !llvm::is_contained({"Add", "Sub", "Mul", "Div"}, op))
      return std::nullopt;
    auto a = findEntry(e.node->getOperand(0)), bEntry = findEntry(e.node->getOperand(1));
    if (a == env.end() || bEntry == env.end())
      return std::nullopt;
    std::optional<float> ka = floatScalar(a->second), kb = floatScalar(bEntry->second);
    std::optional<FunctionOf> f = ka ? functionOf(bEntry->second)
                                     : kb ? functionOf(a->second) : std::nullopt;
    if (!f)
      return std::nullopt;
    // k op f or f op k: the scalar on the side it was written.
    ChainFn k = constantFn(ka ? *ka : *kb);
    ChainFn h = ka ? combineFn(op, k, f->fn) : combineFn(op, f->fn, k);
    return FunctionOf{f->src, h, f->axis};
  }
  default:
    return std::nullopt;
  }
}

void Importer::defineFunction(std::shared_ptr<const Entry> src, ChainFn fn, int64_t axis) {
  Entry e;
  e.kind = Entry::FnK;
  e.shape = src->shape;
  e.node = cur;
  e.src = std::move(src);
  e.fn = std::make_shared<const ChainFn>(std::move(fn));
  e.fnAxis = axis;
  define(0, std::move(e));
}

/// Sigmoid, Tanh, Erf, Exp, ... of a dequantized activation or of a chain
/// of them: the chain grows, to become one table at its QuantizeLinear.
bool Importer::unaryFunction() {
  Entry *x = input(0);
  if (!x)
    return false;
  // A lone Relu pending on a dequantized activation: its codes clamped
  // first, here, so that the function starts a chain of them (onnx-fuse-qdq
  // puts its QLinearRequantize before the function).
  std::optional<FunctionOf> f = functionOf(*x);
  if (!f)
    return floatOp(); // a float op on something else: as any other
  auto h = *tableFunction(opTypeOf(cur),
                          [&](const char *name, float dflt) { return attrFloat(name, dflt); });
  defineFunction(f->src, thenApply(f->fn, [=](int64_t, float v) { return h(v); }), f->axis);
  return true;
}

/// Why `what` of shape `ss` fails channelAxisOf against x of shape `xs`.
static std::string notPerChannel(llvm::StringRef what, llvm::ArrayRef<int64_t> ss,
                                 llvm::ArrayRef<int64_t> xs) {
  return what.str() + " of shape " + shapeText(ss) + " must be one value or one per channel of " +
         "the input " + shapeText(xs) + " (one axis other than the first)";
}

/// PRelu with a float constant slope: one value (torch's nn.PReLU()) or one
/// per channel (nn.PReLU(C): a slope of shape [C, 1, 1] against NCHW). A
/// function of the code, like LeakyRelu (one table per channel for the
/// latter), so a chain member.
bool Importer::preluNode() {
  Entry *x = input(0), *slope = input(1);
  if (!x || !slope)
    return false;
  if (slope->kind != Entry::ConstK || !slope->c.isFloat() || slope->c.numel() == 0)
    return fail("slope must be a float constant");
  std::vector<float> slopes = slope->c.floats;
  // x's shape: a pending float op (a Mul by a scalar in a chain) has none
  // of its own, the activation it is a function of has.
  std::optional<FunctionOf> f = functionOf(*x);
  if (!f && x->kind == Entry::PendingK)
    return notAChainInput();
  const std::vector<int64_t> &xs = f ? f->src->shape : x->shape;
  std::optional<int64_t> axis = channelAxisOf(xs, slope->c.shape);
  if (!axis)
    return fail(notPerChannel("slope", slope->c.shape, xs));
  if (llvm::all_equal(slopes))
    axis = -1; // the same everywhere: one table
  if (*axis < 0) {
    float a = slopes[0];
    return chainFunction(*x, [=](int64_t, float r) { return r >= 0 ? r : a * r; });
  }
  return chainFunction(
      *x, [s = std::move(slopes)](int64_t c, float r) { return r >= 0 ? r : s[c] * r; }, *axis);
}

/// What a chain member says of an input that is not one (functionOf).
bool Importer::notAChainInput() {
  return fail("input must be a dequantized activation of at most 8 bits (per tensor)");
}

/// `x` (a dequantized activation or a chain of functions of one) followed
/// by `h`, which depends on the index along `axis` unless that is -1: the
/// chain grows by `h`.
bool Importer::chainFunction(const Entry &x, ChainFn h, int64_t axis) {
  std::optional<FunctionOf> f = functionOf(x);
  if (!f)
    return notAChainInput();
  if (f->axis >= 0 && axis >= 0 && f->axis != axis)
    return fail("a chain of functions may vary along one axis only");
  defineFunction(f->src, thenApply(f->fn, std::move(h)), axis >= 0 ? axis : f->axis);
  return true;
}

/// Pow: of constants it folds; of a function of one activation and a float
/// scalar exponent (torch's tanh GELU writes x^3, a decomposed LayerNorm
/// x^2) it is a chain member computed as powf, as onnxruntime computes it.
bool Importer::powNode() {
  if (allInputsConstant())
    return broadcastNode();
  Entry *x = input(0), *e = input(1);
  if (!x || !e)
    return false;
  std::optional<float> k = floatScalar(*e);
  if (!k)
    return fail("the exponent must be one float constant");
  if (!scalarKeepsRank(1, *x))
    return false;
  float p = *k;
  return chainFunction(*x, [=](int64_t, float r) { return std::pow(r, p); });
}

/// The end of the message about a constant whose rank would give ONNX's
/// result a higher rank than npc's, which keeps `rank`.
static std::string rankKept(size_t rank) {
  return ", whose shape npc's result keeps: give it rank " + std::to_string(rank) + " or less";
}

/// ONNX broadcasts a one-value constant (input `kIdx`) too: one of a
/// higher rank than the activation `x` (or the activation a chain `x` is a
/// function of) adds leading axes of 1 to the result. npc folds it into a
/// rescale or a table of x's codes, which keep x's shape: such a constant
/// is an error here, not an output of the wrong shape. (An `x` whose shape
/// is not known yet, a pending operator's output other than a lone Relu's
/// or Clip's or a chain's scalar step's, is not checked.)
bool Importer::scalarKeepsRank(int kIdx, const Entry &x) {
  const Entry *k = input(kIdx), *in = &x;
  while (in->kind == Entry::PendingK &&
         llvm::is_contained({"Relu", "Clip"}, opTypeOf(in->node))) {
    auto it = findEntry(in->node->getOperand(0));
    if (it == env.end())
      return true;
    in = &it->second;
  }
  std::optional<FunctionOf> f = functionOf(*in); // a pending Mul by a scalar too
  const std::vector<int64_t> *xs = f ? &f->src->shape
                                   : in->kind == Entry::DeqK && !in->ofConst ? &in->shape
                                                                             : nullptr;
  if (!k || !xs || k->shape.size() <= xs->size())
    return true;
  return fail("input '" + printable(inputName(kIdx)) + "', one value of shape " +
              shapeText(k->shape) + ", has a higher rank than the activation " + shapeText(*xs) +
              rankKept(xs->size()));
}

/// Add, Sub, Mul, Div: within a chain (a function and a float scalar, or
/// two functions of the same activation: SiLU's x * sigmoid(x), Gelu's
/// x * 0.5 * (1 + erf(x / sqrt(2)))) the chain grows; else a float op.
bool Importer::elementwiseBinary() {
  if (allInputsConstant())
    return broadcastNode();
  Entry *a = input(0), *bIn = input(1);
  if (!a || !bIn)
    return false;
  if (pendingConvChannels(*a) > 0 || pendingConvChannels(*bIn) > 0)
    if (foldIntoConv())
      return true;
  if (!error.empty())
    return false;
  if (opTypeOf(cur) == "Add") // MatMul + Add of a constant: the MatMul's bias
    for (Entry *pe : {a, bIn}) {
      const Entry *c = pe == a ? bIn : a;
      bool constant = (c->kind == Entry::ConstK && c->c.isFloat()) ||
                      (c->kind == Entry::DeqK && c->ofConst);
      if (pe->kind != Entry::PendingK || !constant || pe->relu || pe->clipLo || pe->clipHi ||
          pe->bias || opTypeOf(pe->node) != "MatMul")
        continue;
      if (!isRowShape(c->shape))
        continue; // an ordinary Add
      // ONNX's sum has the bias's rank where it is higher than the
      // product's; npc's product keeps its own.
      auto xa = findEntry(pe->node->getOperand(0)), wa = findEntry(pe->node->getOperand(1));
      if (xa != env.end() && wa != env.end() && xa->second.kind == Entry::DeqK &&
          !xa->second.ofConst) {
        size_t rw = wa->second.ofConst ? wa->second.c.shape.size() : wa->second.shape.size();
        size_t rank = matMulRank(xa->second.shape.size(), rw);
        if (c->shape.size() > rank)
          return fail("input '" + printable(inputName(pe == a ? 1 : 0)) + "' of shape " +
                      shapeText(c->shape) + ", the bias of '" + nodeName(pe->node) +
                      "', has a higher rank than the product (" + std::to_string(rank) + ")" +
                      rankKept(rank));
      }
      Entry r = *pe;
      r.bias = std::make_shared<const Entry>(*c);
      define(0, std::move(r));
      return true;
    }
  bool chain = a->kind == Entry::FnK || bIn->kind == Entry::FnK;
  std::optional<float> ka = floatScalar(*a), kb = floatScalar(*bIn);
  if ((ka && !kb && !scalarKeepsRank(0, *bIn)) || (kb && !ka && !scalarKeepsRank(1, *a)))
    return false;
  // An activation plus or minus a float scalar (x + 3 before a ReLU6) is a
  // function of it too: a table at its QuantizeLinear. (Times or over one
  // it stays pending: onnx-fuse-qdq's requantization, refuseUnfused's
  // checks.)
  bool offset = (opTypeOf(cur) == "Add" || opTypeOf(cur) == "Sub") && (ka || kb);
  // A lone Relu pending on a dequantized activation, plus or minus a
  // scalar: its codes clamped first, here, so that the offset starts a
  // chain of it, as a function of it does (unaryFunction; onnx-fuse-qdq
  // puts its QLinearRequantize before the Add).
  std::optional<FunctionOf> fa = ka ? std::nullopt : functionOf(*a);
  std::optional<FunctionOf> fb = kb ? std::nullopt : functionOf(*bIn);
  bool ok = (chain || offset) && (ka || fa) && (kb || fb) && (fa || fb) &&
            (!fa || !fb ||
             (fa->src->v == fb->src->v && fa->src->q.scales == fb->src->q.scales &&
              fa->src->q.zeroPoints == fb->src->q.zeroPoints));
  if (!ok)
    return floatOp();
  int64_t axis = std::max(fa ? fa->axis : -1, fb ? fb->axis : -1);
  if (fa && fb && fa->axis >= 0 && fb->axis >= 0 && fa->axis != fb->axis)
    return floatOp();
  auto side = [](std::optional<float> k, const std::optional<FunctionOf> &f) {
    return k ? constantFn(*k) : f->fn;
  };
  ChainFn r = combineFn(opTypeOf(cur), side(ka, fa), side(kb, fb));
  defineFunction(fa ? fa->src : fb->src, r, axis);
  return true;
}

/// Output channels of a pending Conv that nothing has clamped yet (what
/// an affine map per channel may still fold into), else -1.
int64_t Importer::pendingConvChannels(const Entry &e) {
  if (e.kind != Entry::PendingK || opTypeOf(e.node) != "Conv" || e.relu || e.clipLo ||
      e.clipHi || e.node->getNumOperands() < 2)
    return -1;
  auto w = findEntry(e.node->getOperand(1));
  if (w == env.end() || w->second.kind != Entry::DeqK || !w->second.ofConst ||
      w->second.c.shape.size() != 4)
    return -1;
  return w->second.c.shape[0];
}

/// A copy of the affine map folded into pending Conv `e` so far (the
/// identity when none), to extend.
static std::shared_ptr<ChannelAffine> affineOf(const Entry &e, int64_t channels) {
  return e.affine ? std::make_shared<ChannelAffine>(*e.affine)
                  : std::make_shared<ChannelAffine>(channels);
}

/// Output 0 is pending Conv `e` with the affine map `f` after it.
bool Importer::defineAffine(const Entry &e, std::shared_ptr<const ChannelAffine> f) {
  Entry r = e;
  r.affine = std::move(f);
  define(0, std::move(r));
  return true;
}

/// Add, Sub, Mul or Div of a pending Conv's output and a per-channel
/// constant: folded into the Conv's affine map, so the conv's one
/// requantization computes it (torch's QAT ConvBn: Div by the factor it
/// multiplied into the weight, then Add of the bias). False when the node
/// is not of that form (or on an error, which `error` holds).
bool Importer::foldIntoConv() {
  const std::string &op = opTypeOf(cur);
  if (!llvm::is_contained({"Add", "Sub", "Mul", "Div"}, op))
    return false;
  for (int side = 0; side < 2; ++side) {
    Entry *pe = input(side), *ce = input(1 - side);
    int64_t channels = pendingConvChannels(*pe);
    std::vector<double> k;
    if (channels <= 0 || ce->kind != Entry::ConstK || !channelValues(ce->c, channels, k) ||
        (op == "Div" && side == 1))
      continue;
    auto f = affineOf(*pe, channels);
    if (std::string why = foldArithmetic(*f, op, side == 1, k); !why.empty())
      return fail(why);
    return defineAffine(*pe, std::move(f));
  }
  return false;
}

/// In training mode a BatchNormalization (or npc's
/// QLinearBatchNormalization) normalizes by the batch's own statistics;
/// folding the running ones would be a different network.
bool Importer::inferenceMode() {
  if (attrInt("training_mode", 0) != 0)
    return fail("training_mode=1 is not supported (npc folds the running mean and variance; "
                "export the model in eval mode)");
  return true;
}

/// BatchNormalization: folded into a pending Conv before it (QAT exports
/// with BatchNorm kept), else a per-channel affine layer of its own
/// between DequantizeLinear and QuantizeLinear (emitBatchNorm).
bool Importer::batchNormalization() {
  if (!inferenceMode())
    return false;
  Entry *x = input(0);
  if (!x)
    return false;
  int64_t channels = pendingConvChannels(*x);
  if (channels <= 0)
    return floatOp();
  const char *names[4] = {"scale", "B", "input_mean", "input_var"};
  std::vector<double> p[4];
  for (int i = 0; i < 4; ++i) {
    Entry *e = input(i + 1);
    if (!e)
      return false;
    if (e->kind != Entry::ConstK || !e->c.isFloat() || e->c.numel() != channels)
      return fail(std::string(names[i]) + " must hold one float per channel (" +
                  std::to_string(channels) + ")");
    p[i].assign(e->c.floats.begin(), e->c.floats.end());
  }
  auto f = affineOf(*x, channels);
  if (std::string why =
          foldBatchNormalization(*f, p[0], p[1], p[2], p[3], attrFloat("epsilon", 1e-5f));
      !why.empty())
    return fail(why);
  return defineAffine(*x, std::move(f));
}

/// AveragePool / GlobalAveragePool (requantized to outQ) and MaxPool
/// (same type as the input).
Value Importer::emitPool(Value x, bool isMax, bool global, const QInfo *outQ,
                         int32_t cmin, int32_t cmax) {
  std::vector<int64_t> in = shapeOf(x);
  if (in.size() != 4) {
    (void)fail("only 2-D pooling on NCHW tensors is supported");
    return {};
  }
  std::vector<int64_t> kernel, strides, dil, pads;
  if (global) {
    kernel = {in[2], in[3]};
    strides = dil = {1, 1};
    pads = {0, 0, 0, 0};
  } else {
    kernel = attrInts("kernel_shape", {});
    if (kernel.size() != 2) {
      (void)fail("kernel_shape must have 2 values");
      return {};
    }
    if (!windowAttrs(in, kernel, strides, dil, pads, isMax))
      return {};
    if (!isMax && (dil[0] != 1 || dil[1] != 1)) {
      (void)fail("dilated average pooling is not supported");
      return {};
    }
  }
  std::vector<int64_t> out = {
      in[0], in[1],
      qg::windowOutputSize(in[2], kernel[0], strides[0], dil[0], pads[0], pads[2]),
      qg::windowOutputSize(in[3], kernel[1], strides[1], dil[1], pads[1], pads[3])};
  auto inT = cast<ShapedType>(x.getType());
  if (isMax) {
    if (cur->getNumResults() > 1 && !outputName(1).empty()) {
      (void)fail("the Indices output of MaxPool is not supported");
      return {};
    }
    return qg::MaxPoolOp::create(b, loc(), tensorOf(out, inT.getElementType()), x,
                                 b.getDenseI64ArrayAttr(kernel),
                                 b.getDenseI64ArrayAttr(strides),
                                 b.getDenseI64ArrayAttr(dil), b.getDenseI64ArrayAttr(pads));
  }
  bool includePad = !global && attrInt("count_include_pad", 0) != 0;
  return qg::AvgPoolOp::create(b, loc(), tensorOf(out, quantType(*outQ)), x,
                               b.getDenseI64ArrayAttr(kernel),
                               b.getDenseI64ArrayAttr(strides),
                               b.getDenseI64ArrayAttr(pads), b.getBoolAttr(includePad),
                               b.getI32IntegerAttr(cmin), b.getI32IntegerAttr(cmax),
                               nullptr, nullptr);
}

/// A float operator between DequantizeLinear and QuantizeLinear (with
/// `outQ`) that onnx-fuse-qdq left: npc has no integer op for it here. The
/// failure says why where the cluster's nodes and inputs tell it (the
/// checks the fusion leaves to this conversion: an operand from no
/// DequantizeLinear, a Div by a tensor, a per-channel QuantizeLinear, a
/// convolution of the wrong rank, a bias or fold that does not fit), else
/// that the fusion did not take it.
bool Importer::refuseUnfused(const Entry &p, const QInfo &outQ) {
  onnx::NodeOp quantNode = cur;
  cur = p.node;
  llvm::scope_exit restore([&] { cur = quantNode; });
  if (outQ.scales.size() != 1)
    return fail("the QuantizeLinear after it must be per tensor");
  int32_t cmin, cmax;
  if (!clampFor(outQ, p.relu, p.clipLo, p.clipHi, cmin, cmax) || !unfusedOperands(p))
    return false;
  return fail("onnx-fuse-qdq did not make it, its DequantizeLinear and the QuantizeLinear "
              "after it one integer operator; npc converts a QDQ cluster only so fused");
}

/// The checks refuseUnfused makes of the cluster's operands: false with the
/// first that fails, in the order the fused node's conversion makes them.
bool Importer::unfusedOperands(const Entry &p) {
  const std::string &op = opTypeOf(p.node);
  // An operand kept as codes (keptAsCodes) passes; what the checks below
  // read of its parameters is then not known here.
  auto operand = [&](const Entry *e, const char *what) {
    return e && (floatOutput(*e) || dequantizedOperand(*e, what));
  };
  if (p.norm) { // a layer norm written as arithmetic (layerNormPattern)
    if (!dequantizedOperand(*p.src, "input"))
      return false;
    // What LayerNormalization's reader (layerNormalization) says of it.
    int64_t rank = p.src->shape.size();
    if (rank < 1)
      return fail("only LayerNormalization over the last axis is supported (axis -1 of rank 0)");
    int64_t len = p.src->shape.back();
    for (auto [values, what] : {std::pair(&p.norm->gamma, "Scale"), {&p.norm->beta, "B"}})
      if (std::string e = valueCountProblem(values->size(), len, what); !e.empty())
        return fail(e);
    return true;
  }
  if (op == "Gather") // an embedding lookup of a constant table
    return true;
  if (op == "Conv") {
    Entry *xe = input(0), *we = input(1);
    if (!we || !operand(xe, "input"))
      return false;
    if (we->kind != Entry::DeqK || !we->ofConst)
      return fail("weight must be a DequantizeLinear of an initializer");
    if (floatOutput(*xe))
      return true;
    if (!convRanksOk((xe->ofConst ? xe->c.shape : xe->shape).size(), we->c))
      return false;
    std::vector<int32_t> bias;
    std::vector<double> real;
    if (hasInput(2) && !biasReals(input(2), we->c.shape[0], 1.0, real))
      return false;
    if (!p.affine)
      return !hasInput(2) || integerBias(real, xe->q.scales[0], we->q, we->c.shape[0], bias);
    Const w = we->c;
    QInfo wq = we->q;
    if (real.empty())
      real.assign(1, 0.0);
    bool widened;
    if (std::string why = applyChannelAffine(*p.affine, w, wq, real, widened); !why.empty())
      return fail(why);
    return integerBias(real, xe->q.scales[0], wq, w.shape[0], bias);
  }
  if (op == "Gemm" || op == "MatMul") {
    Entry *xe = input(0), *we = input(1);
    if (!we || !operand(xe, "input A"))
      return false;
    if (op == "MatMul" && ((we->kind == Entry::DeqK && !we->ofConst) || floatOutput(*we))) {
      if (p.bias)
        return fail("an Add after a product of two activations is not supported");
      return operand(we, "input B");
    }
    if (we->kind != Entry::DeqK || !we->ofConst)
      return fail(op == "MatMul" ? "operand B must be a dequantized activation or initializer"
                                 : "operand B must be a DequantizeLinear of an initializer");
    if (floatOutput(*xe))
      return true;
    Const w = we->c;
    QInfo wq = we->q;
    double beta = 1;
    std::vector<int64_t> xShape = xe->ofConst ? xe->c.shape : xe->shape;
    if (op == "Gemm") {
      beta = attrFloat("beta", 1.0f);
      if (!gemmWeight(xShape.size(), w, wq))
        return false;
    }
    if (!matMulRanksOk(xShape.size(), w))
      return false;
    int64_t n = w.shape.back();
    std::vector<int32_t> bias;
    if (!((op == "Gemm" && hasInput(2) && beta != 0) || p.bias))
      return true;
    const Entry *ce = p.bias ? p.bias.get() : input(2);
    if (!ce)
      return false;
    // An Add's constant after a MatMul broadcasts in any rank (checked
    // when it was fused); it must hold one value or N.
    std::vector<int64_t> cs = ce->shape;
    if (!p.bias && !gemmBiasShapeOk(cs, n))
      return fail("Gemm C must broadcast along rows (shape [N], [1,N] or scalar)");
    std::vector<double> real;
    return biasReals(ce, n, p.bias ? 1.0 : beta, real) &&
           integerBias(real, xe->q.scales[0], wq, n, bias);
  }
  if (op == "Div" || op == "Mul") {
    // By a positive float scalar: the same codes read at a scaled scale.
    // Div's constant is its divisor (input 1); Mul's may be either input.
    const int order[2] = {1, 0};
    for (int j = 0, n = op == "Div" ? 1 : 2; j < n; ++j) {
      int i = order[j];
      Entry *c = input(i);
      if (!c || c->kind != Entry::ConstK || !c->c.isFloat() || c->c.numel() != 1)
        continue;
      double k = op == "Div" ? 1.0 / double(c->c.floats[0]) : double(c->c.floats[0]);
      if (!(k > 0) || !std::isfinite(k))
        return fail("a constant factor must be positive and finite, got " + numberText(k));
      return operand(input(1 - i), "input");
    }
    if (op == "Div")
      return fail("only division by a positive float32 scalar constant is supported");
  }
  if (op == "Add" || op == "Sub" || op == "Mul") {
    return operand(input(0), "input A") && operand(input(1), "input B");
  }
  if (op == "Concat") {
    for (int i = 0; i < int(p.node->getNumOperands()); ++i)
      if (!operand(input(i), "input"))
        return false;
    return true;
  }
  // A lone Relu or Clip, BatchNormalization, a table function, Resize,
  // Softmax, LayerNormalization, a reduction or a pool of one input.
  Entry *x = input(0);
  if (!operand(x, "input"))
    return false;
  return floatOutput(*x) || !isTableFunction(op) || tableInputOk(x->q);
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

/// A QuantizeLinear/DequantizeLinear node's `axis` (default 1, negative
/// counts from the end) and the extent of `x` along it (-1 if out of range).
std::pair<int64_t, int64_t> Importer::quantAxis(const Entry &x) {
  return quantAxisOf(attrInt("axis", 1), x.shape);
}

/// Opset 21's blocked quantization (block_size > 0: one scale per block
/// of `block_size` elements along the axis) is neither per tensor nor per
/// channel; read as one of them, its scales would silently go to the
/// wrong elements.
bool Importer::notBlocked() {
  if (int64_t size = attrInt("block_size", 0); size != 0)
    return fail("block_size " + std::to_string(size) +
                " (blocked quantization) is not supported: npc quantizes per tensor or per "
                "channel");
  return true;
}

bool Importer::quantizeLinear() {
  Entry *x = input(0);
  if (!x || !notBlocked())
    return false;
  auto [axis, channels] = quantAxis(*x);
  // A fused operator's output has no shape yet (PendingK, FnK): a per-axis
  // scale passes here, for refuseUnfused to say that its QuantizeLinear
  // must be per tensor, not that the axis is out of range.
  if ((x->kind == Entry::PendingK || x->kind == Entry::FnK) && channels < 0 && hasInput(1))
    if (std::optional<Const> s = constantOf(cur->getOperand(1)))
      std::tie(axis, channels) = std::pair(int64_t(0), s->numel());
  QInfo q;
  // Opset 21: output_dtype names the type when there is no zero point.
  int32_t dflt = int32_t(attrInt("output_dtype", kUInt8));
  if (!storageWidth(dflt))
    return fail(std::string("output_dtype ") + typeCodeName(dflt) + " is not supported");
  // The type of Y when no zero point says it: one a zero point may have.
  if (!hasInput(2))
    if (std::string e = storageTypeProblem(dflt, "output"); !e.empty())
      return fail(e);
  if (!readQInfo(1, 2, axis, channels, dflt, q))
    return false;
  // Both stated: ONNX requires them to agree (else Y's type is ambiguous).
  if (hasInput(2) && attr("output_dtype") && q.storage != dflt)
    return fail(std::string("output_dtype ") + typeCodeName(dflt) +
                " disagrees with the zero point's type " + typeCodeName(q.storage));
  Entry out;
  if (!quantizeEntry(*x, q, out))
    return false;
  define(0, std::move(out));
  return true;
}

/// QuantizeLinear of `x` with `q` (shared by QuantizeLinear and QONNX Quant).
bool Importer::quantizeEntry(Entry &xr, const QInfo &q, Entry &out) {
  Entry *x = &xr;
  out.shape = x->shape;
  switch (x->kind) {
  case Entry::FloatK: // host-side quantization of a float graph input
    out.kind = Entry::QuantK;
    out.v = qg::QuantizeOp::create(b, loc(), tensorOf(x->shape, quantType(q)), x->v);
    break;
  case Entry::PendingK: // the end of a QDQ cluster onnx-fuse-qdq left
    return refuseUnfused(*x, q);
  case Entry::FnK: { // the end of a chain of float functions it left
    if (q.scales.size() != 1)
      return fail("the QuantizeLinear after a function must be per tensor");
    cur = x->node;
    return fail("onnx-fuse-qdq did not make the chain of float functions that ends here one "
                "lookup table; npc converts a QDQ cluster only so fused");
  }
  case Entry::DeqK: // DQ -> Q: requantize
    if (x->ofConst) {
      return fail("QuantizeLinear of a DequantizeLinear of a constant is not supported");
    } else {
      Value v = quantValueOf(*x, "input");
      if (!v)
        return false;
      if (q.scales.size() != 1)
        return fail("requantization must be per tensor");
      auto p = qg::getQuantParams(quantType(q));
      out.kind = Entry::QuantK;
      out.v = emitRescale(v, q, p->storageMin, p->storageMax);
    }
    break;
  case Entry::ConstK: { // fold: quantize a float initializer at compile time
    out.kind = Entry::ConstK;
    if (std::string e = quantizeConst(x->c, q, out.c); !e.empty())
      return fail(e);
    break;
  }
  default:
    return fail("input must be float32, got an integer tensor");
  }
  return true;
}

bool Importer::dequantizeLinear() {
  Entry *x = input(0);
  if (!x || !notBlocked())
    return false;
  auto [axis, channels] = quantAxis(*x);
  Entry out;
  int32_t storage = kUInt8;
  if (x->kind == Entry::ConstK)
    storage = x->c.type;
  else if (x->kind == Entry::QuantK || x->kind == Entry::RawK) {
    storage = storageCodeOf(x->v);
    // storageCodeOf calls every other width int32: a bool, uint32 or
    // 3-bit input is no type a DequantizeLinear reads.
    auto p = qg::getQuantParams(x->v);
    if (!p || p->storageWidth != storageWidth(storage) || p->isSigned != isSignedStorage(storage)) {
      std::string type;
      llvm::raw_string_ostream os(type);
      os << getElementTypeOrSelf(x->v.getType());
      return fail("input of element type " + type +
                  " is no integer type DequantizeLinear reads (int2 to int32)");
    }
  } else {
    return fail("input must be a quantized (integer) tensor");
  }
  if (std::string e = storageTypeProblem(storage, "input"); !e.empty() && !wideCodes(0))
    return fail(e);
  QInfo q;
  if (!readInputQInfo(0, axis, channels, storage, q))
    return false;
  if (hasInput(2) && q.storage != storage)
    return fail(std::string("zero point type ") + typeCodeName(q.storage) +
                " differs from the input type " + typeCodeName(storage));
  q.storage = storage;
  if (!dequantizeEntry(*x, q, out, /*steal=*/cur->getOperand(0).hasOneUse()))
    return false;
  define(0, std::move(out));
  return true;
}

/// The dequantized view of `x` read with `q`.
bool Importer::dequantizeEntry(Entry &xr, const QInfo &q, Entry &out, bool steal) {
  Entry *x = &xr;
  out.kind = Entry::DeqK;
  out.shape = x->shape;
  out.q = q;
  if (x->kind == Entry::ConstK) {
    if (x->c.isFloat())
      return fail("input must be an integer tensor");
    out.ofConst = true;
    out.c = steal ? std::move(x->c) : x->c;
  } else {
    out.v = x->v;
  }
  return true;
}

/// QONNX Quant (x, scale, zeropt, bitwidth; signed, narrow, rounding_mode):
/// y = (clamp(round(x / scale + zeropt), min, max) - zeropt) * scale, i.e. a
/// QuantizeLinear/DequantizeLinear pair at `bitwidth` bits.
bool Importer::qonnxQuant() {
  Entry *x = input(0);
  if (!x)
    return false;
  const Const *s = constInput(1, "scale");
  const Const *z = s ? constInput(2, "zero point") : nullptr;
  const Const *bw = z ? constInput(3, "bitwidth") : nullptr;
  if (!bw)
    return false;
  // A float operator's output (PendingK, FnK) has no shape of its own.
  bool shapeLater = floatOutput(*x);
  QInfo q;
  if (std::string e = qonnxQuantInfo(
          *s, *z, *bw, attrString("rounding_mode", "ROUND"), attrInt("signed", 1) != 0,
          attrInt("narrow", 0) != 0,
          shapeLater ? std::nullopt : std::optional<llvm::ArrayRef<int64_t>>(x->shape), q);
      !e.empty())
    return fail(e);
  // Where the output's shape is known (a lone Relu's, a chain's), a scale
  // of a higher rank is refused before the fusion's absence is.
  if (const std::vector<int64_t> *known = shapeLater ? floatOutputShape(*x) : nullptr;
      known && std::max(s->shape.size(), z->shape.size()) > known->size())
    return fail("scale and zero point must broadcast to the input");
  Entry quantized, out;
  if (!quantizeEntry(*x, q, quantized))
    return false;
  if (!dequantizeEntry(quantized, q, out, /*steal=*/true))
    return false;
  define(0, std::move(out));
  return true;
}

/// `x` times `k` > 0, quantized as `outQ`: x's codes read at scale s_x * k
/// (a storage cast, exact), then one requantization (qg.rescale).
Value Importer::emitScaled(Value x, double k, const QInfo &outQ, int32_t cmin, int32_t cmax) {
  auto p = *qg::getQuantParams(x);
  // The scale a float32 quantized type can have (quant's expressed range).
  double s = p.scale() * k;
  if (!(s >= double(std::numeric_limits<float>::denorm_min()) &&
        s <= double(std::numeric_limits<float>::max()))) {
    (void)fail("a constant factor of " + numberText(k) + " gives the scale " + numberText(s) +
               ", out of float32's range");
    return {};
  }
  QInfo scaled;
  scaled.storage = storageCodeOf(x);
  scaled.scales = {s};
  scaled.zeroPoints = {p.zeroPoint()};
  return emitRescale(asQuant(x, scaled), outQ, cmin, cmax);
}

/// qg.add (qg.add subtract for Sub) or qg.mul of two quantized values
/// (numpy broadcasting).
Value Importer::emitBinary(bool mul, Value lhs, Value rhs, Type outElem, int32_t cmin,
                           int32_t cmax) {
  auto shape = qg::broadcastShapes(shapeOf(lhs), shapeOf(rhs));
  if (!shape) {
    (void)fail("operand shapes do not broadcast");
    return {};
  }
  auto t = RankedTensorType::get(*shape, outElem);
  auto lo = b.getI32IntegerAttr(cmin), hi = b.getI32IntegerAttr(cmax);
  if (mul)
    return qg::MulOp::create(b, loc(), t, lhs, rhs, lo, hi, nullptr, nullptr);
  bool sub = opTypeOf(cur) == "Sub" || opTypeOf(cur) == "QLinearSub";
  return qg::AddOp::create(b, loc(), t, lhs, rhs, lo, hi, nullptr, nullptr,
                           sub ? b.getUnitAttr() : nullptr);
}

/// Gemm's and QGemm's transB and alpha applied to constant weight `w`
/// (alpha folded into the weight scales), once the operands' ranks (A's
/// is `xRank`) are checked: what remains is a MatMul of A, transposed
/// first where transA says so (gemmOperands).
bool Importer::gemmWeight(size_t xRank, Const &w, QInfo &wq) {
  double alpha = attrFloat("alpha", 1.0f);
  if (!(alpha > 0))
    return fail("alpha must be positive");
  if (attrInt("transA", 0) && xRank != 2)
    return fail("Gemm input must be 2-D");
  if (w.shape.size() != 2)
    return fail("Gemm B must be 2-D");
  if (attrInt("transB", 0)) {
    Const t = w;
    int64_t r = w.shape[0], c = w.shape[1];
    t.shape = {c, r};
    for (int64_t i = 0; i < r; ++i)
      for (int64_t j = 0; j < c; ++j)
        t.ints[j * r + i] = w.ints[i * c + j];
    w = t;
    if (wq.scales.size() > 1)
      wq.axis = 1 - wq.axis;
  }
  // alpha multiplies every product: fold it into the weight scale.
  for (double &s : wq.scales)
    s *= alpha;
  return true;
}

/// Gemm's and QGemm's transA, transB and alpha applied to input `x` and
/// constant weight `w`: what remains is a MatMul.
bool Importer::gemmOperands(Value &x, Const &w, QInfo &wq) {
  if (!gemmWeight(shapeOf(x).size(), w, wq))
    return false;
  if (attrInt("transA", 0)) {
    auto s = shapeOf(x);
    x = qg::TransposeOp::create(
        b, loc(), tensorOf({s[1], s[0]}, cast<ShapedType>(x.getType()).getElementType()), x,
        b.getDenseI64ArrayAttr({1, 0}));
  }
  return true;
}

/// QGemm (com.microsoft): A quantized, B a quantized constant (per tensor
/// or per column), C an optional int32 bias at scale alpha s_a s_b, Y
/// quantized (a float Y, without y_scale, is not supported); npc's, with
/// y_min, y_max after them.
bool Importer::qgemm() {
  Entry *a = quantizedInput("input A must be a quantized tensor", /*constants=*/true);
  if (!a)
    return false;
  QInfo aq, bq, yq;
  const Const *w = constInput(3, "input B");
  if (!w)
    return false;
  if (!hasInput(7))
    return fail("a float output (no y_scale) is not supported: npc needs Y quantized");
  if (w->shape.size() != 2)
    return fail("Gemm B must be 2-D");
  int64_t columns = w->shape[attrInt("transB", 0) ? 0 : 1];
  int64_t axis = attrInt("transB", 0) ? 0 : 1;
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), aq) ||
      !readQInfo(4, 5, axis, columns, w->type, bq) || !readQInfo(7, 8, -1, 1, kUInt8, yq))
    return false;
  if (aq.scales.size() != 1 || yq.scales.size() != 1)
    return fail("A and Y must be quantized per tensor");
  bq.storage = w->type;
  Value x = quantOperand(0, aq, "input A");
  if (!x)
    return false;
  Const wc = *w;
  if (!gemmOperands(x, wc, bq) || !matMulRanksOk(x, wc))
    return false;
  const int64_t n = wc.shape.back();
  std::vector<int32_t> bias;
  if (hasInput(6)) {
    const Const *c = constInput(6, "C");
    if (!c)
      return false;
    if (c->type != kInt32 || !(c->numel() == 1 || c->numel() == n) ||
        (c->shape.size() == 2 && c->shape[0] != 1))
      return fail("C must be int32 with one value or one per column (shape [N] or [1, N])");
    for (int64_t j = 0; j < n; ++j)
      bias.push_back(int32_t(c->ints[c->numel() == 1 ? 0 : j]));
  }
  auto p = qg::getQuantParams(quantType(yq));
  // npc's QGemm also takes y_min, y_max (a Clip with attribute bounds
  // before opset 11, onnx-fuse-qdq: no integer Clip follows it).
  int32_t cmin = p->storageMin, cmax = p->storageMax;
  if (domainOf(cur) == kNpcDomain && cur->getNumOperands() > 9 &&
      !clampInputs(9, yq, cmin, cmax, "A, its scale and zero point, B, its scale and zero point, "
                                      "C, Y's"))
    return false;
  Value r = emitMatMul(x, wc, bq, hasInput(6) ? &bias : nullptr, quantType(yq), cmin, cmax);
  if (!r)
    return false;
  define(0, valueEntry(Entry::QuantK, r));
  return true;
}

/// qg.concat along the node's `axis` of `ins`, each first rescaled into the
/// output type `outQ` (clamped to its range), then the fused clamp.
Value Importer::emitConcat(ArrayRef<Value> parts, const QInfo &outQ, int32_t cmin,
                           int32_t cmax) {
  Type outElem = quantType(outQ);
  auto range = qg::getQuantParams(outElem);
  SmallVector<Value> ins;
  for (Value v : parts)
    ins.push_back(emitRescale(v, outQ, range->storageMin, range->storageMax));
  std::vector<int64_t> shape = shapeOf(ins[0]);
  int64_t axis = attrInt("axis", 1);
  if (axis < 0)
    axis += shape.size();
  if (axis < 0 || axis >= int64_t(shape.size())) {
    (void)fail("axis out of range");
    return {};
  }
  shape[axis] = 0;
  for (Value v : ins) {
    auto s = shapeOf(v);
    if (s.size() != shape.size()) {
      (void)fail("inputs have different ranks");
      return {};
    }
    for (size_t d = 0; d < s.size(); ++d)
      if (int64_t(d) != axis && s[d] != shape[d]) {
        (void)fail("inputs differ in dimension " + std::to_string(d));
        return {};
      }
    shape[axis] += s[axis];
  }
  Value r = qg::ConcatOp::create(b, loc(), RankedTensorType::get(shape, outElem), ins,
                                 b.getI64IntegerAttr(axis));
  return emitRescale(r, outQ, cmin, cmax);
}

/// QLinearConcat (com.microsoft): Y's scale and zero point, then (X,
/// scale, zero point) per input; an input of npc's 16-bit codes is read
/// with their own parameters (readInputQInfo, as qlinearContrib reads
/// them). npc's of the same form also takes y_min, y_max last (the clamp
/// of a Relu or Clip onnx-fuse-qdq took in).
bool Importer::qlinearConcat() {
  QInfo yq;
  if (!readQInfo(0, 1, -1, 1, kUInt8, yq))
    return false;
  int n = int(cur->getNumOperands());
  bool npc = domainOf(cur) == kNpcDomain;
  int end = npc && n > 5 && (n - 2) % 3 == 2 ? n - 2 : n; // after the triples
  if (end < 5 || (end - 2) % 3)
    return fail(std::string("needs Y's scale and zero point, then a (tensor, scale, zero point) "
                            "triple per input") +
                (npc ? ", then optionally y_min and y_max" : ""));
  if (yq.scales.size() != 1)
    return fail("Y must be quantized per tensor");
  SmallVector<Value> ins;
  for (int i = 2; i < end; i += 3) {
    QInfo q;
    if (!readInputQInfo(i, -1, 1, omittedZeroPointType(i), q))
      return false;
    if (q.scales.size() != 1)
      return fail("inputs must be quantized per tensor");
    Value v = quantOperand(i, q, "input");
    if (!v)
      return false;
    ins.push_back(v);
  }
  auto range = qg::getQuantParams(quantType(yq));
  int32_t lo = int32_t(range->storageMin), hi = int32_t(range->storageMax);
  if (end < n && !clampInputs(end, yq, lo, hi))
    return false;
  Value r = emitConcat(ins, yq, lo, hi);
  if (!r)
    return false;
  define(0, valueEntry(Entry::QuantK, r));
  return true;
}

/// ReduceMean, ReduceSum or ReduceMax (`op`) of `x` into `outQ`: axes from
/// the attribute or input `axesInput` (-1: none), keepdims as a reshape;
/// a mean over [2, 3] of NCHW is a global average pool.
Value Importer::emitReduce(Value x, llvm::StringRef op, int axesInput, const QInfo &outQ,
                           int32_t cmin, int32_t cmax) {
  Type outElem = quantType(outQ);
  std::vector<int64_t> axes = attrInts("axes", {});
  if (axesInput >= 0 && hasInput(axesInput)) { // ReduceSum from opset 13, the others from 18
    const Const *a = intConstInput(axesInput, "axes");
    if (!a)
      return {};
    axes.assign(a->ints.begin(), a->ints.end());
  }
  std::vector<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  if (axes.empty() && attrInt("noop_with_empty_axes", 0))
    return emitRescale(x, outQ, cmin, cmax);
  if (axes.empty())
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  for (int64_t &a : axes) {
    if (a < -rank || a >= rank) {
      (void)fail("axis " + std::to_string(a) + " is out of range for rank " +
                 std::to_string(rank));
      return {};
    }
    a = a < 0 ? a + rank : a;
  }
  llvm::sort(axes);
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  bool keep = attrInt("keepdims", 1) != 0;
  Value r;
  if (op == "ReduceMean" && rank == 4 && axes == std::vector<int64_t>{2, 3}) {
    // Over the spatial axes of NCHW (squeeze-excite's mean): a global
    // average pool.
    r = emitPool(x, /*isMax=*/false, /*global=*/true, &outQ, cmin, cmax);
  } else {
    std::vector<int64_t> kept = in;
    for (int64_t a : axes)
      kept[a] = 1;
    std::string mode = op == "ReduceMean" ? "mean" : op == "ReduceSum" ? "sum" : "max";
    r = qg::ReduceOp::create(b, loc(), tensorOf(kept, outElem), x, b.getStringAttr(mode),
                             b.getI32IntegerAttr(cmin), b.getI32IntegerAttr(cmax), nullptr,
                             nullptr);
  }
  if (!r || keep)
    return r;
  std::vector<int64_t> dropped;
  for (int64_t d = 0; d < rank; ++d)
    if (!std::binary_search(axes.begin(), axes.end(), d))
      dropped.push_back(in[d]);
  return qg::ReshapeOp::create(b, loc(), tensorOf(dropped, outElem), r);
}

/// qg.batch_matmul of two quantized activations (attention's Q K^T, A V).
Value Importer::emitBatchMatMul(Value lhs, Value rhs, Type outElem, int32_t cmin, int32_t cmax) {
  auto a = shapeOf(lhs), c = shapeOf(rhs);
  if (a.size() < 2 || c.size() != a.size() ||
      !std::equal(a.begin(), a.end() - 2, c.begin())) {
    (void)fail("a product of two activations needs operands of equal rank >= 2 with equal "
               "leading dimensions; got " + shapeText(a) + " and " + shapeText(c));
    return {};
  }
  if (c[c.size() - 2] != a.back()) {
    (void)fail("reduction sizes differ: A has K=" + std::to_string(a.back()) + ", B has K=" +
               std::to_string(c[c.size() - 2]));
    return {};
  }
  std::vector<int64_t> shape = a;
  shape.back() = c.back();
  return qg::BatchMatMulOp::create(b, loc(), tensorOf(shape, outElem), lhs, rhs,
                                   b.getI32IntegerAttr(cmin), b.getI32IntegerAttr(cmax), nullptr,
                                   nullptr);
}

/// qg.resize_linear from Resize (mode linear) of NCHW `x`: each output
/// coordinate as the exact rational the coordinate transformation mode
/// gives, (step o + offset) / den. roi, scales and sizes are inputs
/// `roiIdx` on (resizeOutput).
Value Importer::emitResizeLinear(Value x, Type outElem, int32_t cmin, int32_t cmax, int roiIdx) {
  std::vector<int64_t> in = shapeOf(x), out;
  std::vector<double> scales;
  if (!resizeOutput(in, out, scales, roiIdx))
    return {};
  if (attrInt("exclude_outside", 0) || attrInt("antialias", 0)) {
    (void)fail("exclude_outside and antialias are not supported");
    return {};
  }
  std::string ctm = opset >= 11 ? attrString("coordinate_transformation_mode", "half_pixel")
                                : std::string("asymmetric");
  int64_t step[2], offset[2], den[2];
  for (int d = 0; d < 2; ++d) {
    const int64_t i = in[2 + d], o = out[2 + d];
    // A scale is i / o only when it gives a whole output size (sizes are).
    bool fromSizes = opset >= 11 && inputIsConstant(roiIdx + 2) &&
                     constInput(roiIdx + 2, "sizes")->numel() > 0;
    if (!fromSizes && double(o) != double(i) * scales[2 + d]) {
      (void)fail("scale " + numberText(scales[2 + d]) + " of " + std::to_string(i) +
                 " is no whole size; give `sizes` for mode linear");
      return {};
    }
    if (o < 1) {
      (void)fail("an empty output is not supported");
      return {};
    }
    if (ctm == "half_pixel" || (ctm == "pytorch_half_pixel" && o > 1)) {
      step[d] = 2 * i, offset[d] = i - o, den[d] = 2 * o; // (o' + 1/2) i / o - 1/2
    } else if (ctm == "asymmetric") {
      step[d] = i, offset[d] = 0, den[d] = o;
    } else if (ctm == "align_corners" && o > 1) {
      step[d] = i - 1, offset[d] = 0, den[d] = o - 1;
    } else if (ctm == "pytorch_half_pixel" || ctm == "align_corners") {
      step[d] = 0, offset[d] = 0, den[d] = 1; // one output pixel reads input 0
    } else {
      (void)fail("coordinate_transformation_mode '" + printable(ctm) +
                 "' is not supported with mode linear");
      return {};
    }
    int64_t k = std::gcd(std::gcd(step[d], std::abs(offset[d])), den[d]);
    step[d] /= k, offset[d] /= k, den[d] /= k;
    if (den[d] > 65536) {
      (void)fail("sizes " + std::to_string(i) + " -> " + std::to_string(o) +
                 " need a finer coordinate grid than npc keeps (denominator " +
                 std::to_string(den[d]) + " > 65536)");
      return {};
    }
  }
  return qg::ResizeLinearOp::create(
      b, loc(), tensorOf(out, outElem), x, b.getDenseI64ArrayAttr({step[0], step[1]}),
      b.getDenseI64ArrayAttr({offset[0], offset[1]}), b.getDenseI64ArrayAttr({den[0], den[1]}),
      b.getI32IntegerAttr(cmin), b.getI32IntegerAttr(cmax), nullptr, nullptr);
}

/// The normalized axis of a Softmax or LayerNormalization node; npc's
/// kernels reduce over the last one only.
static bool reducesLastAxis(int64_t axis, int64_t rank) {
  return (axis < 0 ? axis + rank : axis) == rank - 1;
}

/// qg.softmax over the last axis (opsets before 13 flatten from `axis` on,
/// the same when `axis` is the last).
Value Importer::emitSoftmax(Value x, Type outElem, int32_t cmin, int32_t cmax,
                           int64_t defaultAxis) {
  int64_t rank = shapeOf(x).size();
  int64_t axis = attrInt("axis", defaultAxis);
  if (rank < 1 || !reducesLastAxis(axis, rank)) {
    (void)fail("only Softmax over the last axis is supported (axis " + std::to_string(axis) +
               " of rank " + std::to_string(rank) + ")");
    return {};
  }
  if (qg::getQuantParams(x)->storageWidth > 8) {
    (void)fail("Softmax needs an input of at most 8 bits");
    return {};
  }
  return qg::SoftmaxOp::create(b, loc(), tensorOf(shapeOf(x), outElem), x,
                               b.getI32IntegerAttr(cmin), b.getI32IntegerAttr(cmax), nullptr,
                               nullptr, nullptr);
}

/// The LayerNormalization node `cur` over the last axis of `x`: its
/// constants (scale and bias constant, float or dequantized).
/// LayerNormalization's attributes and its Scale and B (inputs `scaleIdx`
/// and the one after) for input `x`.
bool Importer::layerNormalization(Value &x, LayerNormOf &n, int scaleIdx) {
  std::vector<int64_t> shape = shapeOf(x);
  int64_t rank = shape.size();
  int64_t axis = attrInt("axis", -1);
  if (rank < 1 || !reducesLastAxis(axis, rank))
    return fail("only LayerNormalization over the last axis is supported (axis " +
                std::to_string(axis) + " of rank " + std::to_string(rank) + ")");
  for (unsigned i = 1; i < cur->getNumResults(); ++i)
    if (!cur->getResult(i).use_empty())
      return fail("its Mean and InvStdDev outputs are not supported");
  int64_t len = shape.back();
  if (!biasReals(input(scaleIdx), len, 1.0, n.gamma, "Scale"))
    return false;
  int bIdx = scaleIdx + 1;
  if (hasInput(bIdx) ? !biasReals(input(bIdx), len, 1.0, n.beta, "B")
                     : (n.beta.assign(1, 0.0), false))
    return false;
  n.epsilon = attrFloat("epsilon", 1e-5f);
  return true;
}

/// npc's QLinearLayerNormalization (X, X_scale, X_zero_point, Scale, B,
/// Y_scale, Y_zero_point), onnx-fuse-qdq's DQ -> LayerNormalization -> Q:
/// qg.layer_norm over the last axis, clamped to Y's range.
bool Importer::qlinearLayerNorm() {
  if (cur->getNumOperands() != 7 && cur->getNumOperands() != 9)
    return wrongInputCount("7 (X, its scale and zero point, Scale, B, Y's) or 9 (and y_min, "
                           "y_max)");
  if (!quantizedInput("input X must be a quantized tensor", /*constants=*/true))
    return false;
  QInfo xq, yq;
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), xq) ||
      !readQInfo(5, 6, -1, 1, kUInt8, yq))
    return false; // per tensor (one channel)
  Value x = quantOperand(0, xq, "input X");
  LayerNormOf norm;
  if (!x || !layerNormalization(x, norm, /*scaleIdx=*/3))
    return false;
  Type outElem = quantType(yq);
  auto p = *qg::getQuantParams(outElem);
  int32_t lo = int32_t(p.storageMin), hi = int32_t(p.storageMax);
  if (!clampInputs(7, yq, lo, hi))
    return false;
  define(0, valueEntry(Entry::QuantK, emitLayerNorm(x, norm, outElem, lo, hi)));
  return true;
}

/// npc's QLinearBatchNormalization (X, its scale and zero point, scale, B,
/// input_mean, input_var, Y's scale and zero point; BatchNormalization's
/// attributes): onnx-fuse-qdq's DQ -> BatchNormalization [-> Relu|Clip]
/// -> Q, the depthwise convolution the conversion makes of that
/// (emitBatchNorm), with y_min, y_max the activation's clamp.
bool Importer::qlinearBatchNorm() {
  if (!inferenceMode())
    return false;
  if (cur->getNumOperands() != 9 && cur->getNumOperands() != 11)
    return wrongInputCount("9 (X, its scale and zero point, scale, B, input_mean, input_var, "
                           "Y's) or 11 (and y_min, y_max)");
  if (!quantizedInput("input X must be a quantized tensor", /*constants=*/true))
    return false;
  QInfo xq, yq;
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), xq) ||
      !readQInfo(7, 8, -1, 1, kUInt8, yq))
    return false; // per tensor (one channel)
  Value x = quantOperand(0, xq, "input X");
  if (!x)
    return false;
  auto p = *qg::getQuantParams(quantType(yq));
  int32_t lo = int32_t(p.storageMin), hi = int32_t(p.storageMax);
  if (!clampInputs(9, yq, lo, hi))
    return false;
  Value r = emitBatchNorm(x, /*paramIdx=*/3, yq, lo, hi);
  if (!r)
    return false;
  define(0, valueEntry(Entry::QuantK, r));
  return true;
}

/// npc's QLinearResize (X, its scale and zero point, roi, scales, sizes,
/// Y's scale and zero point; Resize's attributes, mode linear): what
/// onnx-fuse-qdq makes of DQ -> Resize (linear) -> Q, one
/// qg.resize_linear as the conversion makes of that (emitResizeLinear).
bool Importer::qlinearResize() {
  // Its inputs are Resize's from opset 11 (roi, scales, sizes).
  if (opset < 11)
    return fail("needs opset 11 or later (Resize's roi, scales and sizes inputs)");
  if (cur->getNumOperands() != 8)
    return wrongInputCount("8 (X, its scale and zero point, roi, scales, sizes, Y's)");
  if (attrString("mode", "linear") != "linear")
    return fail("mode '" + printable(attrString("mode", "")) +
                "' is not supported: QLinearResize interpolates linearly");
  if (!quantizedInput("input X must be a quantized tensor", /*constants=*/true))
    return false;
  QInfo xq, yq;
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), xq) ||
      !readQInfo(6, 7, -1, 1, kUInt8, yq))
    return false; // per tensor (one channel)
  Value x = quantOperand(0, xq, "input X");
  if (!x)
    return false;
  Type outElem = quantType(yq);
  auto p = *qg::getQuantParams(outElem);
  Value r = emitResizeLinear(x, outElem, int32_t(p.storageMin), int32_t(p.storageMax),
                             /*roiIdx=*/3);
  if (!r)
    return false;
  define(0, valueEntry(Entry::QuantK, r));
  return true;
}

/// qg.layer_norm over the last axis of `x`.
Value Importer::emitLayerNorm(Value x, const LayerNormOf &n, Type outElem, int32_t cmin,
                              int32_t cmax) {
  std::vector<int64_t> shape = shapeOf(x);
  int64_t len = shape.back();
  auto values = [&](const std::vector<double> &v) {
    SmallVector<float> f;
    for (int64_t i = 0; i < len; ++i)
      f.push_back(float(v[v.size() == 1 ? 0 : i]));
    return b.getDenseF32ArrayAttr(f);
  };
  return qg::LayerNormOp::create(b, loc(), tensorOf(shape, outElem), x, values(n.gamma),
                                 values(n.beta), b.getF32FloatAttr(n.epsilon),
                                 b.getI32IntegerAttr(cmin), b.getI32IntegerAttr(cmax), nullptr,
                                 nullptr, nullptr, nullptr);
}

/// The value of `v` if it is a constant: an initializer, a Constant node
/// (even one the walk has not reached) or a constant entry.
std::optional<Const> Importer::constantOf(Value v) {
  Const c;
  if (auto k = v.getDefiningOp<onnx::ConstantOp>())
    return constOf(k, c) ? std::optional<Const>(c) : std::nullopt;
  if (auto n = v.getDefiningOp<onnx::NodeOp>(); n && n.getOpType() == "Constant" && n.getAttrs())
    if (auto a = dyn_cast_or_null<ElementsAttr>(n.getAttrs()->get("value")))
      return constOf(a, "value", c) ? std::optional<Const>(c) : std::nullopt;
  auto it = findEntry(v);
  if (it != env.end() && it->second.kind == Entry::ConstK)
    return it->second.c;
  return std::nullopt;
}

/// torch's LayerNorm below opset 17 over the last axis of a dequantized
/// activation (matchLayerNormChain), matched at its first ReduceMean
/// (`cur`); the other nodes are absorbed, and the last defines a pending
/// layer norm, as a LayerNormalization node would. False, having changed
/// nothing, when the nodes are not this pattern (or with an error).
bool Importer::layerNormPattern() {
  onnx::NodeOp mean = cur;
  if (mean->getNumOperands() < 1 || mean->getNumOperands() > 2) // axes: input 1 from opset 18
    return false;
  auto xe = findEntry(mean->getOperand(0));
  if (xe == env.end() || xe->second.kind != Entry::DeqK || xe->second.ofConst ||
      xe->second.q.scales.size() != 1)
    return false;
  // gamma and beta of any length, as onnx-fuse-qdq (which does not know
  // x's) matches them: refuseUnfused says when they do not fit.
  std::optional<LayerNormChain> chain = matchLayerNormChain(
      mean, xe->second.shape.size(), [&](Value v) { return constantOf(v); });
  if (!chain)
    return false;
  if (size_t rank = xe->second.shape.size(); chain->widestRank > rank)
    return fail("the layer norm written as arithmetic that starts here has a constant '" +
                printable(nameOf(chain->widestConstant)) + "' of shape " +
                shapeText(chain->widestShape) + ", of a higher rank than the activation " +
                shapeText(xe->second.shape) + rankKept(rank));
  LayerNormOf norm;
  norm.epsilon = chain->epsilon;
  norm.gamma = chain->gamma;
  norm.beta = chain->beta;
  SmallVector<Operation *> nodes(chain->nodes.begin(), chain->nodes.end());
  Entry end;
  end.kind = Entry::PendingK;
  end.node = cast<onnx::NodeOp>(nodes.back());
  end.src = std::make_shared<const Entry>(xe->second);
  end.norm = std::make_shared<const LayerNormOf>(std::move(norm));
  nodes.pop_back();
  absorbed.insert(nodes.begin(), nodes.end());
  patternEnds[end.node] = std::move(end);
  return true;
}

/// Input `i` of a QOperator node as a value of quantization `q`: a
/// quantized tensor read with its stated parameters, or an integer constant.
Value Importer::quantOperand(int i, const QInfo &q, const char *what) {
  Entry *e = input(i);
  if (!e)
    return {};
  if (e->kind == Entry::QuantK || e->kind == Entry::RawK) {
    if (int32_t have = storageCodeOf(e->v); have != q.storage) {
      (void)fail(std::string(what) + " is " + typeCodeName(have) + " but its zero point is " +
                 typeCodeName(q.storage));
      return {};
    }
    return asQuant(e->v, q);
  }
  if (e->kind == Entry::ConstK && !e->c.isFloat()) {
    if (e->c.type != q.storage) {
      (void)fail(std::string(what) + " is " + typeCodeName(e->c.type) +
                 " but its zero point is " + typeCodeName(q.storage));
      return {};
    }
    return materialize(e->c, q);
  }
  (void)fail(std::string(what) + " must be a quantized tensor or an integer constant");
  return {};
}

/// onnxruntime's QOperator contrib ops (domain com.microsoft), as its
/// quantization tool writes them: every input read with the scale and zero
/// point the node states, the output quantized with its own. QLinearAdd and
/// QLinearMul are qg.add and qg.mul, QLinearGlobalAveragePool an average
/// pool, QLinearSigmoid and QLinearLeakyRelu tables (docs/semantics.md).
/// Also npc's QLinearMaxPool and QLinearRequantize (onnx-fuse-qdq's), of
/// the same form (QLinearRequantize with optional y_min, y_max: the clamp
/// of a Relu or Clip it took in).
bool Importer::qlinearContrib() {
  const std::string &op = opTypeOf(cur);
  bool add = op == "QLinearAdd" || op == "QLinearMul" || op == "QLinearSub"; // two inputs
  QInfo aq, bq, yq;
  int yIdx = add ? 6 : 3;
  // npc's averages of the same names may keep 16-bit codes (wideMeanParams).
  bool npcMean = domainOf(cur) == kNpcDomain &&
                 (op == "QLinearGlobalAveragePool" || op == "QLinearAveragePool" ||
                  op == "QLinearReduceMean");
  // onnxruntime types these contrib ops' output as A (one type T), so an
  // omitted Y zero point is 0 of A's type too; npc's requantization may
  // change the type, and its omitted one is uint8.
  // npc's requantization of npc's 16-bit codes may keep them: a lone
  // Relu's clamp of them (Y's parameters X's own, checked below).
  bool wideClamp = op == "QLinearRequantize" && wideCodes(0);
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), aq) ||
      (add && !readInputQInfo(3, -1, 1, omittedZeroPointType(3), bq)) ||
      !readQInfo(yIdx, yIdx + 1, -1, 1, op == "QLinearRequantize" ? kUInt8 : aq.storage, yq,
                 /*sixteenBit=*/npcMean || wideClamp))
    return false;
  bool wideMean = npcMean && storageWidth(yq.storage) == 16;
  wideClamp = wideClamp && storageWidth(yq.storage) == 16;
  if (wideClamp) {
    if (attr("factor") || attr("divisor") || yq.scales != aq.scales ||
        yq.zeroPoints != aq.zeroPoints || yq.storage != aq.storage ||
        (yq.qmin && (yq.qmin != aq.qmin || yq.qmax != aq.qmax)))
      return fail("npc's 16-bit codes are only clamped here: Y's parameters must be X's (scale " +
                  numberText(aq.scales[0]) + ", zero point " + std::to_string(aq.zeroPoints[0]) +
                  ", " + typeCodeName(aq.storage) + "), with no factor or divisor");
    yq = aq;
  }
  if (aq.scales.size() != 1 || bq.scales.size() > 1 || yq.scales.size() != 1)
    return fail("inputs and output must be quantized per tensor");
  Value a = quantOperand(0, aq, add ? "input A" : "input X");
  Value bv = add ? quantOperand(3, bq, "input B") : Value();
  if (!a || (add && !bv))
    return false;
  // npc's nodes of this form take X's (A's and B's) and Y's parameters;
  // its softmax, reductions and max pool also y_min, y_max (the clamp of a
  // Relu or Clip onnx-fuse-qdq took in).
  bool bounded = domainOf(cur) == kNpcDomain &&
                 (op == "QLinearSoftmax" || op == "QLinearReduceSum" ||
                  op == "QLinearReduceMax" || op == "QLinearReduceMean" ||
                  op == "QLinearMaxPool");
  std::string takes = std::to_string(yIdx + 2) +
                      (add       ? " (A, its scale and zero point, B's, C's)"
                       : bounded ? " or 7 (X, its scale and zero point, Y's, y_min, y_max)"
                                 : " (X, its scale and zero point, Y's)");
  if (domainOf(cur) == kNpcDomain && op != "QLinearRequantize" &&
      cur->getNumOperands() != unsigned(yIdx + 2) &&
      !(bounded && cur->getNumOperands() == unsigned(yIdx + 4)))
    return wrongInputCount(takes);
  if (wideMean && cur->getNumOperands() != unsigned(yIdx + 2))
    return wrongInputCount("5 (X, its scale and zero point, Y's) as npc's 16-bit average");
  // onnxruntime's take no more; an input after them would go unread.
  if (domainOf(cur) != kNpcDomain)
    for (unsigned i = yIdx + 2; i < cur->getNumOperands(); ++i)
      if (hasInput(i))
        return wrongInputCount("at most " + takes);
  if (wideMean) {
    auto xp = *qg::getQuantParams(a);
    if (xp.storageWidth > 8)
      return fail("npc's 16-bit average needs an input of at most 8 bits");
    QInfo want = wideMeanParams(aq, xp.storageMin, xp.storageMax);
    if (yq.storage != want.storage || yq.scales[0] != want.scales[0] ||
        yq.zeroPoints[0] != want.zeroPoints[0])
      return fail("npc's 16-bit average keeps 1/16 of X's step: Y's scale must be " +
                  numberText(want.scales[0]) + " and its zero point " +
                  std::to_string(want.zeroPoints[0]) + " (" + typeCodeName(want.storage) + ")");
    yq = want;
  }
  Type outElem = quantType(yq);
  auto range = qg::getQuantParams(outElem);
  int32_t lo = int32_t(range->storageMin), hi = int32_t(range->storageMax);
  if ((bounded || op == "QLinearRequantize") && !clampInputs(yIdx + 2, yq, lo, hi))
    return false;
  // A clamp of npc's 16-bit codes stays within their own (narrowed)
  // range: an average's zero point does not state that range, so y_max
  // may be the type's largest code.
  if (wideClamp) {
    lo = std::max(lo, int32_t(*yq.qmin));
    hi = std::min(hi, int32_t(*yq.qmax));
    if (lo > hi)
      return fail("y_min and y_max leave no code of npc's 16-bit codes (" +
                  std::to_string(*yq.qmin) + " to " + std::to_string(*yq.qmax) + ")");
  }
  Value r;
  if (add) {
    r = emitBinary(op == "QLinearMul", a, bv, outElem, lo, hi);
  } else if (op == "QLinearReduceMean" || op == "QLinearReduceSum" || op == "QLinearReduceMax") {
    r = emitReduce(a, llvm::StringRef(op).drop_front(strlen("QLinear")), /*axesInput=*/-1, yq,
                   lo, hi);
  } else if (op == "QLinearAveragePool") {
    if (attrInt("channels_last", 0) != 0)
      return fail("channels_last=1 is not supported");
    r = emitPool(a, /*isMax=*/false, /*global=*/false, &yq, lo, hi);
  } else if (op == "QLinearSoftmax") {
    r = emitSoftmax(a, outElem, lo, hi, /*defaultAxis=*/-1);
  } else if (op == "QLinearRequantize") { // npc's: X's codes to Y's, within [y_min, y_max]
    // X's real values times `factor` or over `divisor` first: onnx-fuse-qdq's
    // DQ -> Mul or Div by a float scalar -> Q.
    std::optional<double> k;
    if (attr("factor") && attr("divisor"))
      return fail("has both factor and divisor; it takes at most one");
    for (const char *name : {"factor", "divisor"})
      if (attr(name) && !isa<FloatAttr>(attr(name)))
        return fail(std::string(name) + " must be a float");
    if (attr("factor"))
      k = double(attrFloat("factor", 1.0f));
    else if (attr("divisor"))
      k = 1.0 / double(attrFloat("divisor", 1.0f));
    if (k && (!(*k > 0) || !std::isfinite(*k)))
      return fail("a constant factor must be positive and finite, got " + numberText(*k));
    // A clamp of npc's 16-bit codes is made even where it keeps every
    // code (a zero point at the codes' lowest): a lone Relu's.
    r = k ? emitScaled(a, *k, yq, lo, hi) : wideClamp ? clampCodes(a, lo, hi)
                                                      : emitRescale(a, yq, lo, hi);
  } else if (op == "QLinearMaxPool") { // npc's: the pool, then to Y's parameters
    r = emitPool(a, /*isMax=*/true, /*global=*/false, &yq, lo, hi);
    r = r ? emitRescale(r, yq, lo, hi) : r;
  } else if (op == "QLinearGlobalAveragePool") {
    if (attrInt("channels_last", 0) != 0)
      return fail("channels_last=1 is not supported");
    r = emitPool(a, /*isMax=*/false, /*global=*/true, &yq, lo, hi);
  } else {
    r = emitTable(a, yq, lo, hi, llvm::StringRef(op).drop_front(strlen("QLinear")));
  }
  if (!r)
    return false;
  define(0, valueEntry(Entry::QuantK, r));
  return true;
}

/// The clamp an npc node states as inputs y_min and y_max at `at` and
/// `at` + 1 (either omitted: Y's range), into `lo` and `hi`; `before`
/// names the inputs before them, for the error of too many.
bool Importer::clampInputs(int at, const QInfo &yq, int32_t &lo, int32_t &hi,
                           const char *before) {
  if (cur->getNumOperands() > unsigned(at + 2))
    return wrongInputCount("at most " + std::to_string(at + 2) + " (" + before +
                           ", y_min, y_max)");
  for (int i : {at, at + 1}) {
    if (!hasInput(i))
      continue;
    const char *what = i == at ? "y_min" : "y_max";
    const Const *c = constInput(i, what);
    if (!c)
      return false;
    if (c->isFloat() || c->numel() != 1 || c->type != yq.storage)
      return fail(std::string(what) + " must be a scalar of Y's type (" +
                  typeCodeName(yq.storage) + ")");
    (i == at ? lo : hi) = int32_t(c->ints[0]);
  }
  if (lo > hi)
    return fail("y_min " + std::to_string(lo) + " is above y_max " + std::to_string(hi));
  return true;
}

/// npc's QLinearLookup (X, X_scale, X_zero_point, table, Y_scale,
/// Y_zero_point), which onnx-fuse-qdq writes for a chain of float functions
/// of one activation: Y's code for each code of X (entry e for the code
/// whose low bits are e), a qg.table.
bool Importer::qlinearLookup() {
  if (!quantizedInput("input X must be a quantized tensor", /*constants=*/true))
    return false;
  QInfo xq, yq;
  // Y may be 16-bit (onnx-fuse-qdq writes that for a table a float
  // operator reads, wideTableParams; any such Y is read alike).
  if (!readQInfo(1, 2, -1, 1, omittedZeroPointType(0), xq) ||
      !readQInfo(4, 5, -1, 1, kUInt8, yq, /*sixteenBit=*/true))
    return false; // per tensor (one channel)
  if (storageWidth(xq.storage) > 8)
    return fail("a lookup table needs an input of at most 8 bits");
  const Const *t = constInput(3, "table");
  if (!t)
    return false;
  int64_t size = int64_t(1) << storageWidth(xq.storage);
  if (t->type != yq.storage)
    return fail(std::string("table must hold Y's codes (") + typeCodeName(yq.storage) +
                "), not " + typeCodeName(t->type));
  if (t->shape.empty() || t->shape[0] != size || llvm::is_contained(t->shape, 0))
    return fail("table of shape " + shapeText(t->shape) + " must have one entry per code of X (" +
                std::to_string(size) + ")");
  Value x = quantOperand(0, xq, "input X");
  if (!x)
    return false;
  // Each code's entry (of a PRelu's slope's shape) broadcasts against X.
  std::vector<int64_t> entry(t->shape.begin() + 1, t->shape.end());
  std::optional<int64_t> axis = channelAxisOf(shapeOf(x), entry);
  if (!axis) {
    // The PRelu onnx-fuse-qdq took the slope from (name("node name",
    // name("OpType"(where)))): the walk says it there.
    auto prelu = dyn_cast_or_null<NameLoc>(attr("slope_of"));
    auto type = prelu ? dyn_cast<NameLoc>(prelu.getChildLoc()) : NameLoc();
    if (!type)
      return fail(notPerChannel("each code's entry in the table", entry, shapeOf(x)));
    return failAs(describeLoc(prelu), type.getChildLoc(),
                  notPerChannel("slope", entry, shapeOf(x)));
  }
  std::vector<int32_t> codes(t->ints.begin(), t->ints.end());
  define(0, valueEntry(Entry::QuantK, emitTableCodes(x, codes, yq, *axis)));
  return true;
}

/// Input 0 when it is a quantized (or raw integer) tensor, or with
/// `constants` an integer constant (a QDQ input folded at compile time,
/// which quantOperand materializes); else nullptr after failing with
/// `otherwise`.
Entry *Importer::quantizedInput(const char *otherwise, bool constants) {
  Entry *x = input(0);
  if (x && x->kind != Entry::QuantK && x->kind != Entry::RawK &&
      !(constants && x->kind == Entry::ConstK && !x->c.isFloat())) {
    (void)fail(otherwise);
    return nullptr;
  }
  return x;
}

/// What npc's QLinearConv and QLinearMatMul take before y_min, y_max.
static constexpr const char *kProductInputs =
    "x, its scale and zero point, w, its scale and zero point, Y's, B";

/// QLinearConv / QLinearMatMul: a quantized input, a constant weight
/// (per tensor or per output channel), a per-tensor output.
bool Importer::qlinearConvOrMatMul(bool conv) {
  Entry *x = quantizedInput(conv ? "input x must be a quantized tensor"
                                 : "input a must be a quantized tensor",
                            /*constants=*/true);
  if (!x)
    return false;
  QInfo xq, wq, yq;
  // npc's forms also take y_min, y_max after the bias slot: the clamp of a
  // Clip whose bounds are attributes (before opset 11), which has no
  // integer Clip after the product (onnx-fuse-qdq).
  bool npcBounds = domainOf(cur) == kNpcDomain && cur->getNumOperands() > 9;
  if (!conv && !inputIsConstant(3)) { // a product of two activations (attention)
    Entry *y = input(3);
    if (!y)
      return false;
    if (y->kind != Entry::QuantK && y->kind != Entry::RawK)
      return fail("input b must be a quantized tensor or an initializer");
    if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), xq) ||
        !readInputQInfo(3, -1, 1, omittedZeroPointType(3), wq) ||
        !readQInfo(6, 7, -1, 1, kUInt8, yq))
      return false;
    if (xq.scales.size() != 1 || wq.scales.size() != 1 || yq.scales.size() != 1)
      return fail("a, b and y must be quantized per tensor");
    auto p = qg::getQuantParams(quantType(yq));
    int32_t cmin = p->storageMin, cmax = p->storageMax;
    if (domainOf(cur) == kNpcDomain && hasInput(8))
      return fail("a product of two activations takes no bias");
    if (npcBounds && !clampInputs(9, yq, cmin, cmax, kProductInputs))
      return false;
    Value a = quantOperand(0, xq, "input a");
    if (!a)
      return false;
    Value r = emitBatchMatMul(a, asQuant(y->v, wq), quantType(yq), cmin, cmax);
    if (!r)
      return false;
    define(0, valueEntry(Entry::QuantK, r));
    return true;
  }
  const Const *w = constInput(3, conv ? "weight" : "input b");
  if (!w || !(conv ? convRanksOk(x->shape.size(), *w) : matMulRanksOk(x->shape.size(), *w)))
    return false;
  // The weight's output channels: conv O of OIHW, matmul the last dimension.
  int64_t axis = conv ? 0 : int64_t(w->shape.size()) - 1;
  int64_t channels = w->shape.empty() ? -1 : conv ? w->shape[0] : w->shape.back();
  // npc's QLinearConv's weight may be 16-bit: a ConvBn's codes mirrored
  // past 8 bits (applyChannelAffine), as onnx-fuse-qdq writes it.
  bool wideWeight = conv && domainOf(cur) == kNpcDomain;
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), xq) ||
      !readQInfo(4, 5, axis, channels, w->type, wq, wideWeight) ||
      !readQInfo(6, 7, -1, 1, kUInt8, yq))
    return false;
  if (hasInput(5) && wq.storage != w->type)
    return fail(std::string(conv ? "weight" : "input b") + " is " + typeCodeName(w->type) +
                " but its zero point is " + typeCodeName(wq.storage));
  if (wideWeight && storageWidth(w->type) == 16 && w->type != kInt16)
    return fail("a 16-bit weight must be int16 (a ConvBn's mirrored codes)");
  if (xq.scales.size() != 1 || yq.scales.size() != 1)
    return fail(conv ? "x and y must be quantized per tensor" : "a and y must be quantized per tensor");
  wq.storage = w->type;
  // A bias: QLinearConv's, and npc's QLinearMatMul's (a MatMul + Add fused).
  std::vector<int32_t> bias;
  bool withBias = (conv || domainOf(cur) == kNpcDomain) && hasInput(8);
  if (withBias) {
    const Const *bc = constInput(8, "bias");
    if (!bc)
      return false;
    if (bc->type != kInt32 || bc->numel() != channels)
      return fail("bias must be int32 with one value per output channel");
    bias.assign(bc->ints.begin(), bc->ints.end());
  }
  auto p = qg::getQuantParams(quantType(yq));
  int32_t cmin = p->storageMin, cmax = p->storageMax;
  if (npcBounds && !clampInputs(9, yq, cmin, cmax, kProductInputs))
    return false;
  Value xv = quantOperand(0, xq, conv ? "input x" : "input a");
  if (!xv)
    return false;
  Value r = conv ? emitConv(xv, *w, wq, attrInt("group", 1), withBias ? &bias : nullptr,
                            quantType(yq), cmin, cmax)
                 : emitMatMul(xv, *w, wq, withBias ? &bias : nullptr, quantType(yq), cmin, cmax);
  if (!r)
    return false;
  define(0, valueEntry(Entry::QuantK, r));
  return true;
}

/// ConvInteger / MatMulInteger: int32 accumulators out, scale 1.
bool Importer::integerConvOrMatMul(bool conv) {
  Entry *x = quantizedInput("input must be a uint8/int8 tensor");
  if (!x)
    return false;
  const Const *w = constInput(1, "weight");
  if (!w)
    return false;
  auto xp = qg::getQuantParams(x->v);
  QInfo xq;
  xq.storage = storageCodeOf(x->v);
  if (std::string e = storageTypeProblem(xq.storage, "input"); !e.empty())
    return fail(e);
  if (std::string e = storageTypeProblem(w->type, "weight"); !e.empty())
    return fail(e);
  xq.scales = {1.0};
  xq.zeroPoints = {0};
  if (hasInput(2)) {
    const Const *z = constInput(2, "input zero point");
    if (!z)
      return false;
    if (z->numel() != 1)
      return fail("only a scalar input zero point is supported");
    if (z->type != xq.storage)
      return fail(std::string("input zero point type ") + typeCodeName(z->type) +
                  " differs from the input type " + typeCodeName(xq.storage));
    xq.zeroPoints = {z->ints[0]};
  }
  QInfo wq;
  wq.storage = w->type;
  wq.scales = {1.0};
  wq.zeroPoints = {0};
  if (hasInput(3)) {
    const Const *z = constInput(3, "weight zero point");
    if (!z)
      return false;
    int64_t channels = conv ? w->shape[0] : w->shape.back();
    if (z->numel() != 1 && z->numel() != channels)
      return fail("weight zero point must be a scalar or one per output channel");
    if (z->type != wq.storage)
      return fail(std::string("weight zero point type ") + typeCodeName(z->type) +
                  " differs from the weight type " + typeCodeName(wq.storage));
    wq.zeroPoints.assign(z->ints.begin(), z->ints.end());
    wq.scales.assign(z->numel(), 1.0);
    wq.axis = z->numel() == 1 ? -1 : (conv ? 0 : int64_t(w->shape.size()) - 1);
  }
  Value xv = asQuant(x->v, xq);
  Value r = conv ? emitConv(xv, *w, wq, attrInt("group", 1), nullptr, b.getI32Type(), INT32_MIN,
                            INT32_MAX)
                 : emitMatMul(xv, *w, wq, nullptr, b.getI32Type(), INT32_MIN, INT32_MAX);
  if (!r)
    return false;
  define(0, valueEntry(Entry::RawK, r));
  return true;
}

/// A constant in another element type, as ONNX's Cast converts: to float
/// exactly, to an integer type truncating toward zero (bool: nonzero is 1);
/// a value outside the integer type's range is an error, not a wrap.
bool Importer::convertConst(Const &c, int32_t to) {
  std::string e = castConst(c, to);
  return e.empty() || fail(e);
}

bool Importer::allInputsConstant() {
  for (int i = 0; i < int(cur->getNumOperands()); ++i) {
    if (!hasInput(i))
      continue;
    auto it = findEntry(cur->getOperand(i));
    if (it == env.end() || it->second.kind != Entry::ConstK)
      return false;
  }
  return int(cur->getNumOperands()) > 0;
}

/// The conversion's answers to the evaluator (ConstantFolding.h): its
/// environment's entries, its errors, its limits.
struct Importer::EntryInputs : onnx::FoldInputs {
  Importer &imp;
  explicit EntryInputs(Importer &imp) : imp(imp) {}
  bool has(int i) override { return imp.hasInput(i); }
  const std::vector<int64_t> *shape(int i) override {
    Entry *e = imp.input(i);
    return e ? &e->shape : nullptr;
  }
  const Const *constant(int i, const char *what) override { return imp.constInput(i, what); }
  const Const *intConstant(int i, const char *what) override {
    return imp.intConstInput(i, what);
  }
  bool admit(int64_t elements, const std::string &what) override {
    return imp.countConstant(elements, what);
  }
  int64_t tensorElements() override { return imp.limits.tensorElements; }
};

/// The current node evaluated on constants (foldNode), as its result.
bool Importer::foldConstant() {
  EntryInputs in(*this);
  std::string reason;
  std::optional<Const> c = onnx::foldNode(cur, in, reason);
  if (!c)
    return !reason.empty() && fail(reason);
  Entry r;
  r.kind = Entry::ConstK;
  r.shape = c->shape;
  r.c = std::move(*c);
  define(0, std::move(r));
  return true;
}

/// Shape of a tensor of known shape; Gather, Slice and Concat of constants
/// (shape arithmetic, foldNode).
bool Importer::foldShapeOp() {
  const std::string &op = opTypeOf(cur);
  Entry *x = input(0);
  if (!x)
    return false;
  if (op == "Shape" && x->kind == Entry::PendingK)
    return fail("the shape of a float operator's output is known only after its "
                "QuantizeLinear");
  if (op != "Shape" && x->kind != Entry::ConstK)
    return fail(op + " is supported only on constants (shape arithmetic)");
  return foldConstant();
}

/// Expand, Equal, Where, Add, Sub, Mul, Div, Pow with numpy broadcasting. On
/// constants they fold (foldNode); Expand of anything else only where it
/// changes no shape (a batch of one), or of a dequantized constant (a
/// class token).
bool Importer::broadcastNode() {
  Entry *x = input(0);
  if (!x)
    return false;
  if (opTypeOf(cur) != "Expand" || x->kind == Entry::ConstK)
    return foldConstant();
  EntryInputs in(*this);
  std::string reason;
  auto out = onnx::broadcastResultShape(cur, in, reason);
  if (!out)
    return !reason.empty() && fail(reason);
  Entry r = *x;
  if (*out != r.shape) {
    if (!(r.kind == Entry::DeqK && r.ofConst))
      return fail("Expand of an activation is supported only where it changes no shape");
    if (r.q.scales.size() > 1)
      return fail("cannot expand a per-axis quantized constant");
    int64_t n;
    if (std::string e = onnx::elementCount(*out, n); !e.empty())
      return fail(e);
    if (!countConstant(n, "Expand"))
      return false;
    r.c = onnx::broadcastConst(r.c, *out);
  }
  r.shape = *out;
  define(0, std::move(r));
  return true;
}

/// Cast. Constants are converted. A quantized tensor may only be cast to
/// its own stored type (PyTorch writes a uint8 -> uint8 Cast after each
/// QuantizeLinear), a float tensor only to float32: both change nothing.
bool Importer::castNode() {
  Entry *x = input(0);
  if (!x)
    return false;
  int32_t to = int32_t(attrInt("to", 0));
  Entry r = *x;
  switch (x->kind) {
  case Entry::ConstK:
    if (!convertConst(r.c, to))
      return false;
    break;
  case Entry::QuantK:
  case Entry::RawK:
    if (to != storageCodeOf(x->v))
      return fail(std::string("casts a ") + typeCodeName(storageCodeOf(x->v)) +
                  " tensor to " + typeCodeName(to) +
                  "; only a cast to its own type (which changes nothing) is supported");
    break;
  default: // float tensors: dequantized, pending float ops, float inputs
    if (to != kFloat)
      return fail(std::string("casts a float tensor to ") + typeCodeName(to) +
                  "; only float32 is supported");
    break;
  }
  define(0, std::move(r));
  return true;
}

/// Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Identity: move data only.
/// They apply to whatever stands behind the name (a dequantized view stays
/// a dequantized view of the moved tensor).
bool Importer::passThrough() {
  Entry *x = input(0);
  if (!x || !wideTableFits(*x))
    return false;
  if (floatOutput(*x))
    return fail("input '" + printable(inputName(0)) + "' is the float output of '" +
                nodeName(x->node) + "'; quantize it (QuantizeLinear) first");
  std::vector<int64_t> perm;
  EntryInputs inputs(*this);
  std::string reason;
  auto moved = onnx::movedShape(cur, x->shape, inputs, perm, reason);
  if (!moved)
    return !reason.empty() && fail(reason);
  const std::vector<int64_t> &out = *moved;
  Entry r = *x;
  r.shape = out;
  auto moveValue = [&](Value v) -> Value {
    auto t = cast<ShapedType>(v.getType());
    if (isa<quant::UniformQuantizedPerAxisType>(t.getElementType())) {
      (void)fail("cannot move a per-axis quantized activation");
      return {};
    }
    auto nt = RankedTensorType::get(out, t.getElementType());
    if (!perm.empty())
      return qg::TransposeOp::create(b, loc(), nt, v, b.getDenseI64ArrayAttr(perm));
    return qg::ReshapeOp::create(b, loc(), nt, v);
  };
  switch (x->kind) {
  case Entry::ConstK:
  case Entry::DeqK:
    if (x->kind == Entry::ConstK || x->ofConst) {
      if (!perm.empty()) { // permute the constant
        r.c = onnx::permuteConst(r.c, perm, out);
        if (x->kind == Entry::DeqK && r.q.axis >= 0)
          r.q.axis = std::find(perm.begin(), perm.end(), r.q.axis) - perm.begin();
      } else if (x->kind == Entry::DeqK && r.q.scales.size() > 1) {
        return fail("cannot reshape a per-axis quantized constant");
      }
      r.c.shape = out;
      break;
    }
    if (!(r.v = moveValue(x->v)))
      return false;
    if (x->q.scales.size() > 1)
      return fail("cannot move a per-axis dequantized activation");
    break;
  case Entry::QuantK:
  case Entry::RawK:
  case Entry::FloatK:
    if (!(r.v = moveValue(x->v)))
      return false;
    break;
  case Entry::PendingK: // refused above (floatOutput)
  case Entry::FnK:
    break;
  }
  define(0, std::move(r));
  return true;
}

/// Input `i` of a data-movement node on activations: a quantized tensor or
/// the dequantized view of one (per tensor), after whatever is pending on
/// it has been materialized; else a failure naming what it is.
Entry *Importer::movableInput(int i) {
  Entry *x = input(i);
  if (!x || !wideTableFits(*x))
    return nullptr;
  if (x->kind == Entry::ConstK || x->ofConst) {
    (void)fail("input '" + printable(inputName(i)) + "' is a constant; only activations move here");
    return nullptr;
  }
  if (floatOutput(*x)) {
    (void)fail("input '" + printable(inputName(i)) + "' is the float output of '" +
               nodeName(x->node) + "'; quantize it (QuantizeLinear) first");
    return nullptr;
  }
  if (x->kind == Entry::FloatK) {
    (void)fail("input '" + printable(inputName(i)) +
               "' is a float tensor; npc needs a quantized network (QDQ or QOperator)");
    return nullptr;
  }
  if (x->kind == Entry::DeqK && x->q.scales.size() > 1) {
    (void)fail("cannot move a per-axis dequantized activation");
    return nullptr;
  }
  if (isa<quant::UniformQuantizedPerAxisType>(cast<ShapedType>(x->v.getType()).getElementType())) {
    (void)fail("cannot move a per-axis quantized activation");
    return nullptr;
  }
  return x;
}

/// Output `out` as qg.slice of `x`, standing for what `x` stands for.
Value Importer::emitSlice(Value x, const std::vector<int64_t> &starts, std::vector<int64_t> steps,
                          const std::vector<int64_t> &shape) {
  for (size_t d = 0; d < shape.size(); ++d)
    if (shape[d] <= 1)
      steps[d] = 1; // one element (or none): any step reads the same
  auto t = cast<ShapedType>(x.getType());
  return qg::SliceOp::create(b, loc(), RankedTensorType::get(shape, t.getElementType()), x,
                             b.getDenseI64ArrayAttr(starts), b.getDenseI64ArrayAttr(steps));
}

bool Importer::defineSlice(int out, const Entry &x, std::vector<int64_t> starts,
                           std::vector<int64_t> steps, std::vector<int64_t> shape) {
  return defineMoved(out, x, shape, emitSlice(x.v, starts, steps, shape));
}

/// Gather on an activation with constant indices (a ViT's class token,
/// `x[:, 0]`): indices at a fixed positive step are a qg.slice; a scalar
/// index also drops the axis (a qg.reshape).
bool Importer::gatherNode() {
  Entry *x = movableInput(0);
  if (!x)
    return false;
  Entry src = *x; // define() may grow the environment
  const Const *ic = constInput(1, "indices");
  if (!ic)
    return false;
  if (ic->isFloat() || ic->shape.size() > 1 || ic->numel() == 0)
    return fail("only a scalar or a non-empty 1-D list of integer indices is supported on an "
                "activation");
  std::vector<int64_t> shape = src.shape;
  const int64_t rank = shape.size();
  int64_t axis = attrInt("axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return fail("axis out of range");
  const int64_t n = shape[axis];
  std::vector<int64_t> idx;
  for (int64_t v : ic->ints) {
    if (v < -n || v >= n)
      return fail("index " + std::to_string(v) + " is out of range for a dimension of " +
                  std::to_string(n));
    idx.push_back(v < 0 ? v + n : v);
  }
  const int64_t step = idx.size() > 1 ? idx[1] - idx[0] : 1;
  for (size_t k = 0; k < idx.size(); ++k)
    if (step < 1 || idx[k] != idx[0] + int64_t(k) * step)
      return fail("indices must rise at a fixed step (what a Slice can take)");
  std::vector<int64_t> starts(rank, 0), steps(rank, 1);
  starts[axis] = idx[0];
  steps[axis] = step;
  shape[axis] = idx.size();
  Value v = emitSlice(src.v, starts, steps, shape);
  if (ic->shape.empty()) {
    shape.erase(shape.begin() + axis);
    v = qg::ReshapeOp::create(
        b, loc(), RankedTensorType::get(shape, cast<ShapedType>(v.getType()).getElementType()), v);
  }
  return defineMoved(0, src, shape, v);
}

/// Whether the Gather is an embedding lookup: a float or dequantized
/// constant table indexed by integer activations (token ids).
bool Importer::embeddingLookup() {
  if (!hasInput(0) || !hasInput(1))
    return false;
  auto t = findEntry(cur->getOperand(0)), ids = findEntry(cur->getOperand(1));
  if (t == env.end() || ids == env.end())
    return false;
  const Entry &te = t->second;
  return ((te.kind == Entry::ConstK && te.c.isFloat()) || (te.kind == Entry::DeqK && te.ofConst)) &&
         ids->second.kind == Entry::RawK;
}

/// An embedding lookup waits for its QuantizeLinear, where onnx-fuse-qdq
/// makes it npc's QLinearGather (refuseUnfused says why one it left is
/// refused).
bool Importer::embeddingGather() {
  Entry *t = input(0), *ids = input(1);
  if (!t || !ids)
    return false;
  Entry p;
  p.kind = Entry::PendingK;
  p.node = cur;
  // A float constant's shape, or a dequantized one's.
  if (!embeddingShape(t->c.shape, *ids, p.shape))
    return false;
  define(0, std::move(p));
  return true;
}

/// The output shape of an embedding lookup in `table` by `ids` (ids' shape
/// and the table's width); a failure unless the table is [rows, width]
/// indexed along axis 0.
bool Importer::embeddingShape(const std::vector<int64_t> &table, const Entry &ids,
                              std::vector<int64_t> &out) {
  int64_t axis = attrInt("axis", 0);
  if (table.size() != 2 || (axis != 0 && axis != -2))
    return fail("an embedding lookup (a constant table indexed by an integer input) needs a "
                "table [rows, width] indexed along axis 0; got " + shapeText(table) + ", axis " +
                std::to_string(axis));
  out = ids.shape;
  out.push_back(table[1]);
  return true;
}

/// npc's QLinearGather (data, its scale and zero point, indices; axis):
/// what onnx-fuse-qdq makes of an embedding lookup before its
/// QuantizeLinear, the table already the output's codes (embeddingCodes),
/// so the output keeps data's parameters. One qg.gather.
bool Importer::qlinearGather() {
  if (cur->getNumOperands() != 4)
    return wrongInputCount("4 (data, its scale and zero point, indices)");
  Entry *t = input(0), *ids = input(3);
  if (!t || !ids)
    return false;
  if (t->kind != Entry::ConstK || t->c.isFloat())
    return fail("data must be an integer constant (an embedding table's codes)");
  if (ids->kind != Entry::RawK)
    return fail("indices must be an integer input (token ids)");
  QInfo q;
  std::vector<int64_t> shape;
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), q) ||
      !embeddingShape(t->c.shape, *ids, shape))
    return false;
  Value idv = ids->v, codes = quantOperand(0, q, "data");
  if (!codes)
    return false;
  define(0, valueEntry(Entry::QuantK, qg::GatherOp::create(
                                          b, loc(), RankedTensorType::get(shape, quantType(q)),
                                          idv, codes)));
  return true;
}


/// Slice of an activation (constants fold: foldShapeOp): positive steps;
/// starts, ends, axes and steps constant (inputs from opset 10, else
/// attributes), clamped as ONNX says.
bool Importer::sliceNode() {
  Entry *x = movableInput(0);
  if (!x)
    return false;
  const std::vector<int64_t> in = x->shape;
  const int64_t rank = in.size();
  std::vector<int64_t> starts, ends, axes, steps;
  auto ints = [&](int i, const char *what, std::vector<int64_t> &out) {
    const Const *c = constInput(i, what);
    if (!c)
      return false;
    out.clear();
    for (int64_t k = 0; k < c->numel(); ++k)
      out.push_back(c->intAt(k));
    return true;
  };
  if (opset >= 10) {
    if (!ints(1, "starts", starts) || !ints(2, "ends", ends))
      return false;
    if (hasInput(3) && !ints(3, "axes", axes))
      return false;
    if (hasInput(4) && !ints(4, "steps", steps))
      return false;
  } else {
    starts = attrInts("starts", {});
    ends = attrInts("ends", {});
    axes = attrInts("axes", {});
  }
  if (axes.empty())
    for (size_t k = 0; k < starts.size(); ++k)
      axes.push_back(int64_t(k));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (starts.size() != ends.size() || axes.size() != starts.size() || steps.size() != starts.size())
    return fail("starts, ends, axes and steps must have one entry per sliced axis");
  std::vector<int64_t> from(rank, 0), by(rank, 1), shape = in;
  std::vector<bool> seen(rank, false);
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t a = axes[k] < 0 ? axes[k] + rank : axes[k];
    if (a < 0 || a >= rank || seen[a])
      return fail("axis " + std::to_string(axes[k]) + " is out of range or repeated");
    seen[a] = true;
    if (steps[k] < 1)
      return fail("steps must be positive (a reversing Slice is not supported)");
    const int64_t n = in[a];
    auto clampIndex = [&](int64_t v) { return std::clamp<int64_t>(v < 0 ? v + n : v, 0, n); };
    int64_t b0 = clampIndex(starts[k]), e0 = clampIndex(ends[k]);
    from[a] = b0;
    by[a] = steps[k];
    // ceil((e0 - b0) / step), without overflow for huge steps.
    shape[a] = e0 > b0 ? (e0 - b0 - 1) / steps[k] + 1 : 0;
  }
  return defineSlice(0, *x, from, by, shape);
}

/// Split of an activation: each output a qg.slice along the axis, sizes
/// from the `split` input (opset 13) or attribute, else equal parts.
bool Importer::splitNode() {
  Entry *x = movableInput(0);
  if (!x)
    return false;
  Entry src = *x; // define() may grow the environment
  const std::vector<int64_t> in = src.shape;
  const int64_t rank = in.size();
  int64_t axis = attrInt("axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return fail("axis out of range");
  const int outs = int(cur->getNumResults());
  std::vector<int64_t> sizes;
  if (opset >= 13 && hasInput(1)) {
    const Const *c = constInput(1, "split");
    if (!c)
      return false;
    for (int64_t k = 0; k < c->numel(); ++k)
      sizes.push_back(c->intAt(k));
  } else if (opset < 13) {
    sizes = attrInts("split", {});
  }
  if (sizes.empty()) {
    int64_t parts = attrInt("num_outputs", outs);
    if (parts < 1 || parts != outs)
      return fail("num_outputs does not match the node's outputs");
    // Before opset 18 the parts are equal, and onnxruntime refuses an
    // axis they do not divide.
    if (opset < 18 && in[axis] % parts != 0)
      return fail("the axis (" + std::to_string(in[axis]) + ") does not split into " +
                  std::to_string(parts) + " equal parts; give the split sizes");
    int64_t each = (in[axis] + parts - 1) / parts; // opset 18: the last part may be smaller
    for (int64_t k = 0; k < parts; ++k)
      sizes.push_back(std::max<int64_t>(0, std::min(each, in[axis] - k * each)));
  }
  int64_t total = 0;
  for (int64_t v : sizes) {
    if (v < 0)
      return fail("split sizes must not be negative");
    total += v;
  }
  if (int64_t(sizes.size()) != outs || total != in[axis])
    return fail("split sizes do not add up to the axis (" + std::to_string(in[axis]) +
                ") over the node's " + std::to_string(outs) + " outputs");
  if (llvm::is_contained(sizes, 0))
    return fail("a part of the split has size 0 (sizes " + shapeText(sizes) +
                "); npc does not make empty tensors");
  int64_t at = 0;
  for (int k = 0; k < outs; ++k) {
    std::vector<int64_t> starts(rank, 0), steps(rank, 1), shape = in;
    starts[axis] = at;
    shape[axis] = sizes[k];
    at += sizes[k];
    if (!defineSlice(k, src, starts, steps, shape))
      return false;
  }
  return true;
}

/// Pad in constant mode with value 0 on an activation: the zero point's
/// code fills the border, which is 0 exactly in the dequantized view.
bool Importer::padNode() {
  Entry *x = movableInput(0);
  if (!x)
    return false;
  Value v = emitPad(*x, /*padsIdx=*/1);
  return v && defineMoved(0, *x, shapeOf(v), v);
}

/// npc's QLinearPad (X, its scale and zero point, then Pad's pads,
/// constant_value and axes; Pad's attributes): onnx-fuse-qdq's Pad of a
/// dequantized activation, a DequantizeLinear of X's parameters after it.
/// X's codes padded as padNode pads that view (emitPad), Y X's codes.
bool Importer::qlinearPad() {
  if (cur->getNumOperands() < 4 || cur->getNumOperands() > 6)
    return wrongInputCount("4 to 6 (X, its scale and zero point, pads, constant_value, axes)");
  if (opset < 11)
    return fail("needs opset 11 or later (Pad's pads, constant_value and axes inputs)");
  if (!quantizedInput("input X must be a quantized tensor"))
    return false;
  QInfo xq;
  if (!readInputQInfo(0, -1, 1, omittedZeroPointType(0), xq))
    return false; // per tensor (one channel)
  Value codes = quantOperand(0, xq, "input X");
  if (!codes)
    return false;
  Entry view = valueEntry(Entry::DeqK, codes);
  view.q = xq;
  Value v = emitPad(view, /*padsIdx=*/3);
  if (!v)
    return false;
  define(0, valueEntry(Entry::QuantK, v));
  return true;
}

/// The pad of `x` (an activation, or a dequantized view of one) that the
/// current node states: pads, constant_value and axes at inputs `padsIdx`
/// on (opset 11 on; before, attributes).
Value Importer::emitPad(const Entry &xe, int padsIdx) {
  const Entry *x = &xe;
  auto failed = [&](const std::string &why) {
    (void)fail(why);
    return Value();
  };
  const std::vector<int64_t> in = x->shape;
  const int64_t rank = in.size();
  std::string mode = attrString("mode", "constant");
  if (mode != "constant")
    return failed("mode '" + printable(mode) + "' is not supported: npc pads with zeros only");
  std::vector<int64_t> pads;
  double value = 0;
  if (opset >= 11) {
    const Const *p = constInput(padsIdx, "pads");
    if (!p)
      return {};
    for (int64_t k = 0; k < p->numel(); ++k)
      pads.push_back(p->intAt(k));
    if (hasInput(padsIdx + 1)) {
      const Const *v = constInput(padsIdx + 1, "constant_value");
      if (!v)
        return {};
      if (v->numel() != 1)
        return failed("constant_value must hold one value");
      value = v->at(0);
    }
  } else {
    pads = attrInts("pads", {});
    value = attrFloat("value", 0.0f);
  }
  // The border holds the zero point's code: 0 in a dequantized view; on an
  // integer tensor, the code itself.
  auto qp = qg::getQuantParams(x->v);
  if (x->kind == Entry::DeqK ? value != 0.0 : !qp || value != double(qp->zeroPoint()))
    return failed(x->kind == Entry::DeqK
                    ? std::string("constant_value must be 0; npc pads with the zero point")
                    : "constant_value " + numberText(value) +
                          " is not the tensor's zero point; npc pads with the zero point");
  std::vector<int64_t> axes;
  if (opset >= 18 && hasInput(padsIdx + 2)) {
    const Const *a = constInput(padsIdx + 2, "axes");
    if (!a)
      return {};
    for (int64_t k = 0; k < a->numel(); ++k)
      axes.push_back(a->intAt(k) < 0 ? a->intAt(k) + rank : a->intAt(k));
  } else {
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  }
  if (int64_t(pads.size()) != 2 * int64_t(axes.size()))
    return failed("pads must have two entries per padded axis");
  std::vector<int64_t> full(2 * rank, 0), out = in;
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t a = axes[k];
    if (a < 0 || a >= rank)
      return failed("axis out of range");
    int64_t begin = pads[k], end = pads[axes.size() + k];
    if (begin < 0 || end < 0)
      return failed("negative pads (cropping) are not supported; use Slice");
    if (begin > (int64_t(1) << 24) || end > (int64_t(1) << 24))
      return failed("pads are too large");
    full[a] = begin;
    full[rank + a] = end;
    out[a] = in[a] + begin + end;
  }
  // A dequantized view pads with the DequantizeLinear's zero point (real
  // 0), which its codes' own type may not have (Q and DQ of different zero
  // points, a raw integer input): read them with its parameters first.
  Value codes = x->kind == Entry::DeqK ? asQuant(x->v, x->q) : x->v;
  Type elem = cast<ShapedType>(codes.getType()).getElementType();
  return qg::PadOp::create(b, loc(), RankedTensorType::get(out, elem), codes,
                           b.getDenseI64ArrayAttr(full));
}

/// DepthToSpace (DCR or CRD) and SpaceToDepth on an activation: as ONNX
/// defines them, a reshape to rank 6, a transpose and a reshape back, all
/// moving codes.
bool Importer::depthSpaceNode() {
  Entry *x = movableInput(0);
  if (!x)
    return false;
  const std::vector<int64_t> in = x->shape;
  if (in.size() != 4)
    return fail("only 4-D (NCHW) inputs are supported");
  const int64_t bs = attrInt("blocksize", 0), n = in[0], c = in[1], h = in[2], w = in[3];
  if (bs < 1)
    return fail("blocksize must be at least 1");
  std::vector<int64_t> mid, perm, out;
  if (opTypeOf(cur) == "DepthToSpace") {
    if (c % (bs * bs))
      return fail("channels (" + std::to_string(c) + ") are not a multiple of blocksize^2");
    std::string mode = attrString("mode", "DCR");
    if (mode == "DCR") {
      mid = {n, bs, bs, c / (bs * bs), h, w};
      perm = {0, 3, 4, 1, 5, 2};
    } else if (mode == "CRD") {
      mid = {n, c / (bs * bs), bs, bs, h, w};
      perm = {0, 1, 4, 2, 5, 3};
    } else {
      return fail("mode '" + printable(mode) + "' is unknown (DCR or CRD)");
    }
    out = {n, c / (bs * bs), h * bs, w * bs};
  } else {
    if (h % bs || w % bs)
      return fail("height and width must be multiples of blocksize");
    mid = {n, c, h / bs, bs, w / bs, bs};
    perm = {0, 3, 5, 1, 2, 4};
    out = {n, c * bs * bs, h / bs, w / bs};
  }
  Type elem = cast<ShapedType>(x->v.getType()).getElementType();
  std::vector<int64_t> moved;
  for (int64_t p : perm)
    moved.push_back(mid[p]);
  Value v = qg::ReshapeOp::create(b, loc(), RankedTensorType::get(mid, elem), x->v);
  v = qg::TransposeOp::create(b, loc(), RankedTensorType::get(moved, elem), v,
                              b.getDenseI64ArrayAttr(perm));
  return defineMoved(0, *x, out,
                     qg::ReshapeOp::create(b, loc(), RankedTensorType::get(out, elem), v));
}

/// Resize in mode nearest that repeats each pixel a whole number of times
/// (PyTorch's nn.Upsample, a detector's neck): data movement, like
/// Transpose, on whatever the input stands for. Every output index the
/// node's coordinate transformation and rounding give is checked against
/// the repetition, so an accepted node is exact.
/// A Resize node's output size (from `sizes`, else from `scales`; opset
/// 10: input 1) and scales, for NCHW input `in`, with the attributes npc
/// does not read refused. roi, scales and sizes are inputs `roiIdx` to
/// `roiIdx` + 2 (npc's QLinearResize has them after x's parameters).
bool Importer::resizeOutput(const std::vector<int64_t> &in, std::vector<int64_t> &out,
                            std::vector<double> &scales, int roiIdx) {
  if (attr("axes") || attrString("keep_aspect_ratio_policy", "stretch") != "stretch")
    return fail("the axes and keep_aspect_ratio_policy attributes are not supported");
  if (in.size() != 4)
    return fail("only 4-D (NCHW) inputs are supported");
  const int scalesIdx = opset >= 11 ? roiIdx + 1 : roiIdx, sizesIdx = roiIdx + 2;
  scales.assign(4, 0.0);
  const Const *sizes =
      opset >= 11 && hasInput(sizesIdx) ? constInput(sizesIdx, "sizes") : nullptr;
  if (opset >= 11 && hasInput(sizesIdx) && !sizes)
    return false;
  if (sizes && sizes->numel() > 0) {
    if (sizes->numel() != 4)
      return fail("sizes must have 4 entries");
    for (int d = 0; d < 4; ++d) {
      out.push_back(int64_t(sizes->at(d)));
      scales[d] = in[d] ? double(out[d]) / double(in[d]) : 1.0;
    }
  } else {
    const Const *sc = hasInput(scalesIdx) ? constInput(scalesIdx, "scales") : nullptr;
    if (!sc || sc->numel() != 4)
      return sc || !hasInput(scalesIdx) ? fail("needs 4 constant scales or sizes") : false;
    for (int d = 0; d < 4; ++d) {
      scales[d] = double(float(sc->at(d))); // onnxruntime computes in float
      double o = std::floor(double(in[d]) * scales[d]);
      // A NaN, infinite or huge scale has no int64 extent (converting it is
      // undefined).
      if (!(o >= 0 && o <= double(int64_t(1) << 40)))
        return fail("scale " + numberText(scales[d]) + " gives no output extent");
      out.push_back(int64_t(o));
    }
  }
  if (out[0] != in[0] || out[1] != in[1])
    return fail("only height and width may change");
  // Each output row and column is checked against the input's (a loop per
  // element): a bound on them, as on a tensor's elements.
  for (int d = 2; d < 4; ++d)
    if (out[d] < 0 || out[d] > (int64_t(1) << 24))
      return fail("output extent " + std::to_string(out[d]) + " is out of range (at most 2^24)");
  return true;
}

/// Resize: mode nearest moves data (qg.resize); mode linear computes, so
/// it waits for its QuantizeLinear like any float operator (emitResizeLinear).
bool Importer::resizeNode() {
  std::string mode = attrString("mode", "nearest");
  if (mode == "linear")
    return floatOp();
  if (mode != "nearest")
    return fail("mode '" + printable(mode) + "' is not supported: npc resizes by nearest "
                "neighbour or linear");
  Entry *x = movableInput(0);
  if (!x)
    return false;
  const std::vector<int64_t> in = x->shape;
  std::vector<int64_t> out;
  std::vector<double> scales;
  if (!resizeOutput(in, out, scales))
    return false;
  int64_t factors[2];
  for (int d = 0; d < 2; ++d) {
    int64_t i = in[2 + d], o = out[2 + d];
    if (i < 1 || o < i || o % i)
      return fail("output " + std::string(d ? "width " : "height ") + std::to_string(o) +
                  " is not the input's " + std::to_string(i) + " repeated a whole number of times");
    factors[d] = o / i;
  }
  // Opset 10 maps output x to floor(x / scale); later opsets say how.
  std::string ctm = opset >= 11 ? attrString("coordinate_transformation_mode", "half_pixel")
                                : std::string("asymmetric");
  std::string nearest = opset >= 11 ? attrString("nearest_mode", "round_prefer_floor")
                                    : std::string("floor");
  for (int d = 0; d < 2; ++d) {
    const int64_t i = in[2 + d], o = out[2 + d];
    const double scale = scales[2 + d];
    for (int64_t xo = 0; xo < o; ++xo) {
      double orig;
      if (ctm == "half_pixel")
        orig = (double(xo) + 0.5) / scale - 0.5;
      else if (ctm == "pytorch_half_pixel")
        orig = o > 1 ? (double(xo) + 0.5) / scale - 0.5 : 0.0;
      else if (ctm == "asymmetric")
        orig = double(xo) / scale;
      else if (ctm == "tf_half_pixel_for_nn")
        orig = (double(xo) + 0.5) / scale;
      else if (ctm == "align_corners")
        orig = o == 1 ? 0.0 : double(xo) * double(i - 1) / double(o - 1);
      else
        return fail("coordinate_transformation_mode '" + printable(ctm) +
                    "' is not supported with mode nearest");
      double fl = std::floor(orig);
      bool tie = orig == fl + 0.5;
      double r;
      if (nearest == "round_prefer_floor")
        r = tie ? fl : std::round(orig);
      else if (nearest == "round_prefer_ceil")
        r = tie ? fl + 1 : std::round(orig);
      else if (nearest == "floor")
        r = fl;
      else if (nearest == "ceil")
        r = std::ceil(orig);
      else
        return fail("nearest_mode '" + printable(nearest) + "' is unknown");
      int64_t idx = std::clamp<int64_t>(int64_t(r), 0, i - 1);
      if (idx != xo / factors[d])
        return fail("coordinate_transformation_mode '" + printable(ctm) + "' with nearest_mode '" +
                    printable(nearest) + "' reads input " + (d ? "column " : "row ") +
                    std::to_string(idx) + " for output " + (d ? "column " : "row ") +
                    std::to_string(xo) + ", not " + std::to_string(xo / factors[d]) +
                    ": npc resizes by repeating each pixel");
    }
  }
  auto t = cast<ShapedType>(x->v.getType());
  return defineMoved(0, *x, out,
                     qg::ResizeOp::create(b, loc(), RankedTensorType::get(out, t.getElementType()),
                                          x->v, b.getDenseI64ArrayAttr({factors[0], factors[1]})));
}

/// Conv, Gemm, MatMul, Add, pools, Concat on dequantized inputs: pending.
bool Importer::floatOp() {
  for (int i = 0; i < int(cur->getNumOperands()); ++i) {
    if (!hasInput(i))
      continue;
    Entry *e = input(i);
    if (!e || !wideTableFits(*e))
      return false;
    if (floatOutput(*e) && !keptAsCodes(*e))
      return fail("input '" + printable(inputName(i)) + "' is the float output of '" +
                  nodeName(e->node) + "'; quantize it (QuantizeLinear) first");
    if (e->kind == Entry::FloatK)
      return fail("input '" + printable(inputName(i)) +
                  "' is a float tensor; npc needs a quantized network (QDQ or QOperator)");
  }
  Entry *x = input(0);
  if (!x) // no input 0 (input() said so)
    return false;
  if (x->kind == Entry::QuantK || x->kind == Entry::RawK) {
    if (opTypeOf(cur) == "MaxPool")
      return maxPoolOnQuant();
    return fail("a float operator on an integer tensor: insert DequantizeLinear");
  }
  Entry p;
  p.kind = Entry::PendingK;
  p.node = cur;
  define(0, std::move(p));
  return true;
}

/// Whether onnx-fuse-qdq keeps float output `e`, read by the float
/// operator `cur`, as npc's codes of a dequantized activation (a function's
/// 16-bit table, an average's 16-bit codes for a product, a max pool or a
/// lone Relu on the codes): then `cur`'s other operands say why `cur` is
/// refused, not this one.
bool Importer::keptAsCodes(const Entry &e) {
  if (e.kind == Entry::FnK)
    return true;
  if (e.kind != Entry::PendingK || e.clipLo || e.clipHi)
    return false;
  const std::string &op = opTypeOf(e.node);
  bool mean = (op == "GlobalAveragePool" || op == "AveragePool" || op == "ReduceMean") &&
              !e.relu && (averageReadByProducts(e.node) || readsAverageAsCodes(cur));
  if (!(op == "MaxPool" && !e.relu) && op != "Relu" && !(isTableFunction(op) && !e.relu) && !mean)
    return false;
  auto x = findEntry(e.node->getOperand(0));
  return x != env.end() && x->second.kind == Entry::DeqK && !x->second.ofConst &&
         x->second.q.scales.size() == 1 && (!mean || storageWidth(x->second.q.storage) <= 8);
}

/// The shape of float output `e` where the conversion knows it (a chain's
/// or a lone Relu's or Clip's: its input's), else null.
const std::vector<int64_t> *Importer::floatOutputShape(const Entry &e) {
  if (e.kind == Entry::FnK)
    return &e.src->shape;
  if (e.kind != Entry::PendingK || !llvm::is_contained({"Relu", "Clip"}, opTypeOf(e.node)))
    return nullptr;
  auto x = findEntry(e.node->getOperand(0));
  return x != env.end() && x->second.kind == Entry::DeqK ? &x->second.shape : nullptr;
}

/// A float operator's output or a chain of functions `e` read by another
/// float operator with no QuantizeLinear between (else true): onnx-fuse-qdq
/// keeps a function so read in npc's 16-bit codes (a table), and moves an
/// average, a max pool or a lone Relu to the codes, where it can. For a
/// table that its values keep out of 16 bits, the reason (false); else
/// true, and the reader says that it reads a float output.
bool Importer::wideTableFits(const Entry &e) {
  auto fits = [&](const std::vector<float> &values) {
    QInfo q;
    std::string why = wideTableParams(values, q);
    return why.empty() || fail(why);
  };
  if (e.kind == Entry::FnK) // of a per-tensor activation of at most 8 bits (functionOf)
    return fits(onnx::tableValues(*e.fn, e.src->q, e.fnAxis < 0 ? 1 : e.src->shape[e.fnAxis]));
  if (e.kind != Entry::PendingK || e.relu || e.clipLo || e.clipHi ||
      !isTableFunction(opTypeOf(e.node)))
    return true;
  onnx::NodeOp reader = cur;
  cur = e.node; // the node's attributes, and errors naming it
  llvm::scope_exit restore([&] { cur = reader; });
  Entry *x = input(0);
  if (!x)
    return false;
  if (x->kind != Entry::DeqK || x->ofConst || x->q.scales.size() != 1)
    return true;
  if (!tableInputOk(x->q))
    return false;
  auto h = *tableFunction(opTypeOf(cur),
                          [&](const char *name, float dflt) { return attrFloat(name, dflt); });
  return fits(onnx::tableValues([=](int64_t, float v) { return h(v); }, x->q, 1));
}

bool Importer::maxPoolOnQuant() {
  Entry *x = input(0);
  Value r = emitPool(x->v, /*isMax=*/true, false, nullptr, 0, 0);
  if (!r)
    return false;
  define(0, valueEntry(x->kind, r));
  return true;
}

/// A Clip's min and max inputs (opset 11+): `each(0 for min or 1 for max,
/// the constant)` for those given; false when one is not a constant or
/// `each` fails.
bool Importer::clipInputs(llvm::function_ref<bool(int, const Const &)> each) {
  for (int i : {0, 1}) {
    if (!hasInput(i + 1))
      continue;
    const Const *c = constInput(i + 1, i == 0 ? "min" : "max");
    if (!c || !each(i, *c))
      return false;
  }
  return true;
}

/// Clip on a quantized tensor with integer bounds (QAT exports write the
/// 0..127 activation range of fbgemm's version-0 qconfig so): a clamp of the
/// stored codes, a qg.rescale to the same type.
/// Codes `v` can hold: its producer's clamp, or for ops that only move
/// codes (max pool, concat, reshape, transpose, slice, nearest resize;
/// operands of the result's type) the union of their operands' ranges;
/// else its type's range.
static std::pair<int64_t, int64_t> codeRange(Value v, int depth = 0) {
  auto p = *qg::getQuantParams(v);
  std::pair<int64_t, int64_t> full = {p.storageMin, p.storageMax};
  Operation *def = v.getDefiningOp();
  if (!def || depth > 64)
    return full;
  auto lo = def->getAttrOfType<IntegerAttr>("clamp_min");
  auto hi = def->getAttrOfType<IntegerAttr>("clamp_max");
  if (lo && hi)
    return {std::max(lo.getInt(), full.first), std::min(hi.getInt(), full.second)};
  if (!isa<qg::MaxPoolOp, qg::ConcatOp, qg::ReshapeOp, qg::TransposeOp, qg::SliceOp,
           qg::ResizeOp>(def))
    return full;
  std::pair<int64_t, int64_t> r = {full.second, full.first};
  for (Value in : def->getOperands()) {
    if (getElementTypeOrSelf(in.getType()) != getElementTypeOrSelf(v.getType()))
      return full;
    auto [a, b] = codeRange(in, depth + 1);
    r = {std::min(r.first, a), std::max(r.second, b)};
  }
  return r.first <= r.second ? r : full;
}

bool Importer::clipOnQuant(Entry &x) {
  auto p = *qg::getQuantParams(x.v);
  int64_t bound[2] = {p.storageMin, p.storageMax};
  int32_t type = storageCodeOf(x.v);
  if (!clipInputs([&](int i, const Const &c) {
        if (c.isFloat() || c.numel() != 1 || c.type != type)
          return fail(std::string("min and max of a Clip on a ") + typeCodeName(type) +
                      " tensor must be " + typeCodeName(type) + " scalars");
        bound[i] = c.ints[0];
        return true;
      }))
    return false;
  if (bound[0] > bound[1])
    return fail("Clip range is empty");
  // The codes are inside the range already (a max pool of clamped codes):
  // nothing to do.
  auto [have0, have1] = codeRange(x.v);
  if (have0 >= bound[0] && have1 <= bound[1]) {
    define(0, valueEntry(x.kind, x.v));
    return true;
  }
  // The layer that made the codes clamps them already (torch's QAT clips
  // every QuantizeLinear's output to 0..127): when nothing else reads them,
  // narrow its clamp instead of adding a layer. clamp(clamp(v, a, b), c, d)
  // is clamp(v, clamp(a, c, d), clamp(b, c, d)).
  Operation *def = x.v.getDefiningOp();
  auto lo = def ? def->getAttrOfType<IntegerAttr>("clamp_min") : nullptr;
  auto hi = def ? def->getAttrOfType<IntegerAttr>("clamp_max") : nullptr;
  // Nothing else may stand for those codes: no op reads them yet, the
  // Clip is the one reader of its ONNX input, and no other tensor names
  // the same value (a QuantizeLinear that changes nothing returns its
  // input's codes, which other readers still see unclamped).
  auto sameCodes = [&] {
    return llvm::count_if(env, [&](const auto &kv) { return kv.second.v == x.v; });
  };
  if (lo && hi && x.v.use_empty() && cur->getOperand(0).hasOneUse() &&
      def->getNumResults() == 1 && sameCodes() == 1) {
    auto narrow = [&](IntegerAttr a) {
      return b.getI32IntegerAttr(int32_t(std::clamp<int64_t>(a.getInt(), bound[0], bound[1])));
    };
    rewriter->modifyOpInPlace(def, [&] {
      def->setAttr("clamp_min", narrow(lo));
      def->setAttr("clamp_max", narrow(hi));
    });
    define(0, valueEntry(x.kind, x.v));
    return true;
  }
  auto t = cast<ShapedType>(x.v.getType());
  Value r = qg::RescaleOp::create(b, loc(), t, x.v, b.getI32IntegerAttr(int32_t(bound[0])),
                                  b.getI32IntegerAttr(int32_t(bound[1])), nullptr, nullptr);
  define(0, valueEntry(x.kind, r));
  return true;
}

/// Relu / Clip: fused into a pending op, or a pending rescale of a DQ.
bool Importer::activation() {
  Entry *x = input(0);
  if (!x)
    return false;
  // Bounds as attributes from opset 11 on: the node's verifier refused
  // them (movedAttributeProblem).
  if (opTypeOf(cur) == "Clip" && opset < 11 && cur->getNumOperands() > 1)
    return fail("min and max are attributes before opset 11 (this model's is " +
                std::to_string(opset) + "), not inputs");
  if ((x->kind == Entry::QuantK || x->kind == Entry::RawK) && opTypeOf(cur) == "Clip" &&
      opset >= 11)
    return clipOnQuant(*x);
  std::optional<double> lo, hi;
  if (opTypeOf(cur) == "Clip") {
    if (opset < 11) {
      if (attr("min")) lo = attrFloat("min", 0);
      if (attr("max")) hi = attrFloat("max", 0);
    } else if (!clipInputs([&](int i, const Const &c) {
                 if (!c.isFloat() || c.numel() != 1)
                   return fail("min and max must be float32 scalars");
                 (i == 0 ? lo : hi) = c.floats[0];
                 return true;
               })) {
      return false;
    }
  }
  if (x->kind == Entry::FnK) { // in a chain of functions: applied in float
    defineFunction(x->src, clipFn(*x->fn, opTypeOf(cur) == "Relu", lo, hi), x->fnAxis);
    return true;
  }
  if (opTypeOf(cur) == "Relu" && x->kind == Entry::DeqK && !x->ofConst && reluIsIdentity(x->q)) {
    define(0, *x); // x itself (onnx-fuse-qdq's DropIdentityRelu)
    return true;
  }
  Entry p;
  p.kind = Entry::PendingK;
  if (x->kind == Entry::PendingK && !x->relu && !x->clipLo && !x->clipHi &&
      opTypeOf(x->node) != "Relu" && opTypeOf(x->node) != "Clip") {
    p = *x; // fuse into the producer
  } else if (x->kind == Entry::DeqK && !x->ofConst) {
    p.node = cur;
  } else if (x->kind == Entry::QuantK) {
    return fail("activation on an integer tensor: use the QDQ form "
                "(DequantizeLinear -> Relu -> QuantizeLinear)");
  } else {
    return fail("input must be a dequantized activation or a fusable operator");
  }
  p.relu = p.relu || opTypeOf(cur) == "Relu";
  if (lo) p.clipLo = lo;
  if (hi) p.clipHi = hi;
  define(0, std::move(p));
  return true;
}

llvm::ArrayRef<Importer::OpConversion> Importer::conversions() {
  using I = Importer;
  static const OpConversion table[] = {
      {"", "QuantizeLinear", OpConversion::Quantized, [](I &i) { return i.quantizeLinear(); }},
      {"", "DequantizeLinear", OpConversion::Quantized, [](I &i) { return i.dequantizeLinear(); }},
      {"", "QLinearConv", OpConversion::Quantized, [](I &i) { return i.qlinearConvOrMatMul(true); }},
      {"", "QLinearMatMul", OpConversion::Quantized,
       [](I &i) { return i.qlinearConvOrMatMul(false); }},
      {"", "ConvInteger", OpConversion::Quantized, [](I &i) { return i.integerConvOrMatMul(true); }},
      {"", "MatMulInteger", OpConversion::Quantized,
       [](I &i) { return i.integerConvOrMatMul(false); }},
      // Float operators on dequantized inputs: pending, refused where their
      // QuantizeLinear or another reader meets them (the fusion left them).
      {"", "Conv", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "Gemm", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "MatMul", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "Add", OpConversion::QdqForm, [](I &i) { return i.elementwiseBinary(); }},
      {"", "Sub", OpConversion::QdqForm, [](I &i) { return i.elementwiseBinary(); }},
      {"", "Mul", OpConversion::QdqForm, [](I &i) { return i.elementwiseBinary(); }},
      {"", "Div", OpConversion::QdqForm, [](I &i) { return i.elementwiseBinary(); }},
      {"", "ReduceMean", OpConversion::QdqForm,
       [](I &i) { return i.layerNormPattern() || (i.error.empty() && i.floatOp()); }},
      {"", "ReduceSum", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "ReduceMax", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "Softmax", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "LayerNormalization", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "AveragePool", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "GlobalAveragePool", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      {"", "MaxPool", OpConversion::QdqForm, [](I &i) { return i.floatOp(); }},
      // On constants, shape arithmetic (foldShapeOp); else a float op.
      {"", "Concat", OpConversion::QdqForm,
       [](I &i) { return i.allInputsConstant() ? i.foldShapeOp() : i.floatOp(); }},
      {"", "BatchNormalization", OpConversion::QdqForm, [](I &i) { return i.batchNormalization(); }},
      {"", "Relu", OpConversion::QdqForm, [](I &i) { return i.activation(); }},
      {"", "Clip", OpConversion::QdqForm, [](I &i) { return i.activation(); }},
      // Functions of one input (tableFunction): chains of them, with Add,
      // Sub, Mul, Div, Relu and Clip, become one qg.table.
      {"", "Sigmoid", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Tanh", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "HardSigmoid", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "HardSwish", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "LeakyRelu", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Erf", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Exp", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Softplus", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Softsign", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Mish", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Elu", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Neg", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Abs", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Sqrt", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "Reciprocal", OpConversion::QdqForm, [](I &i) { return i.unaryFunction(); }},
      {"", "PRelu", OpConversion::QdqForm, [](I &i) { return i.preluNode(); }},
      {"", "Pow", OpConversion::QdqForm, [](I &i) { return i.powNode(); }},
      // Data movement applies to whatever the input stands for.
      {"", "Reshape", OpConversion::QdqForm, [](I &i) { return i.passThrough(); }},
      {"", "Flatten", OpConversion::QdqForm, [](I &i) { return i.passThrough(); }},
      {"", "Transpose", OpConversion::QdqForm, [](I &i) { return i.passThrough(); }},
      {"", "Squeeze", OpConversion::QdqForm, [](I &i) { return i.passThrough(); }},
      {"", "Unsqueeze", OpConversion::QdqForm, [](I &i) { return i.passThrough(); }},
      {"", "Identity", OpConversion::QdqForm, [](I &i) { return i.passThrough(); }},
      {"", "Resize", OpConversion::QdqForm, [](I &i) { return i.resizeNode(); }},
      // On activations; on constants, shape arithmetic (foldShapeOp).
      {"", "Slice", OpConversion::QdqForm,
       [](I &i) { return i.inputIsConstant(0) ? i.foldShapeOp() : i.sliceNode(); }},
      {"", "Split", OpConversion::QdqForm, [](I &i) { return i.splitNode(); }},
      {"", "DepthToSpace", OpConversion::QdqForm, [](I &i) { return i.depthSpaceNode(); }},
      {"", "Pad", OpConversion::QdqForm, [](I &i) { return i.padNode(); }},
      {"", "SpaceToDepth", OpConversion::QdqForm, [](I &i) { return i.depthSpaceNode(); }},
      {"", "Cast", OpConversion::QdqForm, [](I &i) { return i.castNode(); }},
      {"", "ConstantOfShape", OpConversion::OnConstants, [](I &i) { return i.foldConstant(); }},
      {"", "Shape", OpConversion::OnConstants, [](I &i) { return i.foldShapeOp(); }},
      {"", "Gather", OpConversion::OnConstants,
       [](I &i) {
         return i.embeddingLookup() ? i.embeddingGather()
                : i.inputIsConstant(0) ? i.foldShapeOp()
                                       : i.gatherNode();
       }},
      {"", "Slice", OpConversion::OnConstants,
       [](I &i) { return i.inputIsConstant(0) ? i.foldShapeOp() : i.sliceNode(); }},
      {"", "Concat", OpConversion::OnConstants,
       [](I &i) { return i.allInputsConstant() ? i.foldShapeOp() : i.floatOp(); }},
      {"", "Equal", OpConversion::OnConstants, [](I &i) { return i.broadcastNode(); }},
      {"", "Where", OpConversion::OnConstants, [](I &i) { return i.broadcastNode(); }},
      {"", "Expand", OpConversion::OnConstants, [](I &i) { return i.broadcastNode(); }},
      {"", "Constant", OpConversion::OnConstants, [](I &i) { return i.constantNode(); }},
      // onnxruntime's contrib operators.
      {"com.microsoft", "QLinearAdd", OpConversion::Quantized, [](I &i) { return i.qlinearContrib(); }},
      {"com.microsoft", "QLinearMul", OpConversion::Quantized, [](I &i) { return i.qlinearContrib(); }},
      {"com.microsoft", "QLinearGlobalAveragePool", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {"com.microsoft", "QLinearSigmoid", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {"com.microsoft", "QGemm", OpConversion::Quantized, [](I &i) { return i.qgemm(); }},
      {"com.microsoft", "QLinearConcat", OpConversion::Quantized,
       [](I &i) { return i.qlinearConcat(); }},
      {"com.microsoft", "QLinearSoftmax", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {"com.microsoft", "QLinearReduceMean", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {"com.microsoft", "QLinearAveragePool", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {"com.microsoft", "QLinearLeakyRelu", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      // What onnx-fuse-qdq writes for a chain of functions and a max pool.
      {kNpcDomain, "QLinearLookup", OpConversion::Quantized, [](I &i) { return i.qlinearLookup(); }},
      {kNpcDomain, "QLinearMaxPool", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {kNpcDomain, "QLinearMatMul", OpConversion::Quantized,
       [](I &i) { return i.qlinearConvOrMatMul(false); }},
      {kNpcDomain, "QGemm", OpConversion::Quantized, [](I &i) { return i.qgemm(); }},
      // A ConvBn whose folded weight needs 16 bits.
      {kNpcDomain, "QLinearConv", OpConversion::Quantized,
       [](I &i) { return i.qlinearConvOrMatMul(true); }},
      {kNpcDomain, "QLinearRequantize", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      // Averages; with a 16-bit Y, one a product reads (wideMeanParams).
      {kNpcDomain, "QLinearGlobalAveragePool", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {kNpcDomain, "QLinearAveragePool", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {kNpcDomain, "QLinearReduceMean", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      // A Concat with an activation's y_min, y_max.
      {kNpcDomain, "QLinearConcat", OpConversion::Quantized,
       [](I &i) { return i.qlinearConcat(); }},
      // onnx-fuse-qdq's reductions and layer norm without a QOperator form.
      {kNpcDomain, "QLinearSub", OpConversion::Quantized, [](I &i) { return i.qlinearContrib(); }},
      {kNpcDomain, "QLinearResize", OpConversion::Quantized,
       [](I &i) { return i.qlinearResize(); }},
      {kNpcDomain, "QLinearGather", OpConversion::Quantized,
       [](I &i) { return i.qlinearGather(); }},
      {kNpcDomain, "QLinearPad", OpConversion::Quantized, [](I &i) { return i.qlinearPad(); }},
      {kNpcDomain, "QLinearSoftmax", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {kNpcDomain, "QLinearReduceSum", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {kNpcDomain, "QLinearReduceMax", OpConversion::Quantized,
       [](I &i) { return i.qlinearContrib(); }},
      {kNpcDomain, "QLinearBatchNormalization", OpConversion::Quantized,
       [](I &i) { return i.qlinearBatchNorm(); }},
      {kNpcDomain, "QLinearLayerNormalization", OpConversion::Quantized,
       [](I &i) { return i.qlinearLayerNorm(); }},
  };
  return table;
}

std::string Importer::opList(llvm::function_ref<bool(const OpConversion &)> keep,
                             llvm::StringRef lastSeparator) {
  SmallVector<llvm::StringRef> names;
  for (const OpConversion &c : conversions())
    if (keep(c))
      names.push_back(c.opType);
  std::string out;
  for (size_t k = 0; k < names.size(); ++k)
    out += (k == 0 ? "" : k + 1 == names.size() ? lastSeparator : llvm::StringRef(", ")).str() +
           names[k].str();
  return out;
}

bool Importer::constantNode() {
  auto v = dyn_cast_or_null<ElementsAttr>(attr("value"));
  if (!v)
    return fail("only Constant nodes with a 'value' tensor, value_float(s) or value_int(s) are "
                "supported (not sparse_value or strings)");
  Entry e;
  if (!constOf(v, "value", e.c))
    return false;
  e.shape = e.c.shape;
  define(0, std::move(e));
  return true;
}

bool Importer::convertNode(onnx::NodeOp n, bool (*convert)(Importer &), RewriterBase &rewriter) {
  cur = n;
  b = rewriter; // its insertion point (before n) and listener: the conversion sees what is built
  this->rewriter = &rewriter;
  llvm::scope_exit done([&] { this->rewriter = nullptr; });
  if (n->getNumResults() < 1)
    return fail("has no outputs");
  if (!convert(*this) || !statedTypesHold())
    return false;
  converted(*n);
  return true;
}

/// The types the IR states for the current node's results (ONNX's shape
/// inference at import, or a pass that kept them) against what the
/// conversion made of them: the same shape, and float where it made a
/// float value. onnx-fuse-qdq reads ranks and shapes from these types,
/// so one that is wrong would otherwise become a wrong answer. A pending
/// float operator's shape is known only at its QuantizeLinear; what that
/// makes of it is checked there, at the QuantizeLinear's own type.
bool Importer::statedTypesHold() {
  for (Value r : cur->getResults()) {
    auto stated = dyn_cast<RankedTensorType>(r.getType());
    auto it = env.find(r);
    if (!stated || it == env.end() || it->second.kind == Entry::PendingK)
      continue;
    const Entry &e = it->second;
    bool isFloat = e.kind == Entry::ConstK ? e.c.isFloat()
                                           : e.kind != Entry::QuantK && e.kind != Entry::RawK;
    if (stated.getShape() == ArrayRef<int64_t>(e.shape) &&
        isa<FloatType>(stated.getElementType()) == isFloat)
      continue;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << stated;
    return fail("output '" + printable(nameOf(r)) + "' is stated as " + text + ", but it is " +
                (isFloat ? "a float" : "an integer") + " tensor of shape " + shapeText(e.shape));
  }
  return true;
}

bool Importer::takenByPattern(onnx::NodeOp n) {
  cur = n;
  if (auto end = patternEnds.find(n); end != patternEnds.end())
    define(0, std::move(end->second));
  else if (!absorbed.count(n))
    return false;
  if (!statedTypesHold())
    return false;
  converted(*n);
  return true;
}

bool Importer::unsupportedNode(onnx::NodeOp n) {
  cur = n;
  const std::string op = opTypeOf(n);
  llvm::StringRef domain = domainOf(n);
  if (isQonnxDomain(domain))
    return fail("QONNX operator " + op + " is not supported (only Quant)");
  if (!domain.empty()) { // of another domain, only what the table lists
    std::string contrib =
        opList([](const OpConversion &c) { return c.domain == "com.microsoft"; }, " and ");
    std::string own = opList([](const OpConversion &c) { return c.domain == kNpcDomain; }, " and ");
    return fail("operator domain '" + printable(n.getDomain()) +
                "' is not supported (npc imports " + contrib + " of com.microsoft, and " + own +
                " of npc)");
  }
  auto inGroup = [](OpConversion::Group g) {
    return [g](const OpConversion &c) { return c.domain.empty() && c.group == g; };
  };
  return fail("operator " + op + " is not supported (npc imports " +
              opList(inGroup(OpConversion::Quantized), ", ") + ", in QDQ form " +
              opList(inGroup(OpConversion::QdqForm), ", ") + ", and on constants " +
              opList(inGroup(OpConversion::OnConstants), ", ") + "; docs/import.md)");
}

bool Importer::convertConstant(onnx::ConstantOp c) {
  cur = {};
  here = c.getLoc();
  Entry e;
  if (!constType(c.getValue(), c.getName().str(), e.c))
    return false;
  e.c.narrowed = narrowedRangeOf(c);
  e.shape = e.c.shape;
  e.undecoded = c; // read on first use; the conversion erases c only at its end
  env[c] = std::move(e);
  return true;
}

bool Importer::returnOutputs(func::ReturnOp ret, OpBuilder &rewriter) {
  cur = {};
  here = ret.getLoc();
  b = rewriter;
  SmallVector<Value> results;
  for (auto [i, out] : llvm::enumerate(ret.getOperands())) {
    std::string name = outNames && i < outNames.size() && isa<StringAttr>(outNames[i])
                           ? cast<StringAttr>(outNames[i]).str()
                           : "output" + std::to_string(i);
    auto it = findEntry(out);
    if (it == env.end())
      return fail("graph output '" + printable(name) + "' is not produced by any node");
    Entry &e = it->second;
    Value r;
    switch (e.kind) {
    case Entry::QuantK: {
      auto p = qg::getQuantParams(e.v);
      Type raw = IntegerType::get(&ctx, p->storageWidth,
                                  p->isSigned ? IntegerType::Signless : IntegerType::Unsigned);
      r = qg::StorageCastOp::create(b, UnknownLoc::get(&ctx),
                                    cast<ShapedType>(e.v.getType()).clone(raw), e.v);
      break;
    }
    case Entry::RawK:
    case Entry::FloatK:
      r = e.v;
      break;
    case Entry::DeqK: {
      if (e.ofConst)
        return fail("graph output '" + printable(name) + "' is a constant");
      Type qt = quantType(e.q);
      Value v = e.v;
      if (cast<ShapedType>(v.getType()).getElementType() != qt)
        v = qg::StorageCastOp::create(b, UnknownLoc::get(&ctx),
                                      cast<ShapedType>(v.getType()).clone(qt), v);
      r = qg::DequantizeOp::create(
          b, UnknownLoc::get(&ctx),
          RankedTensorType::get(cast<ShapedType>(v.getType()).getShape(), b.getF32Type()), v);
      break;
    }
    case Entry::PendingK:
    case Entry::FnK:
      return fail("graph output '" + printable(name) + "' is the float output of " +
                  nodeDesc(e.node) + "; npc needs it quantized (QuantizeLinear, "
                  "then DequantizeLinear)");
    case Entry::ConstK:
      return fail("graph output '" + printable(name) + "' is a constant");
    }
    results.push_back(r);
  }
  builtReturns.insert(func::ReturnOp::create(b, UnknownLoc::get(&ctx), results));
  return true;
}

// --- the conversion's patterns ---------------------------------------------
// One per row of Importer::conversions() (an ONNX operator), and one each for
// QONNX's Quant, nodes an earlier node's pattern took, constants, the return
// and the operators nothing converts (the error at the node). They share the
// Importer: what each onnx value stands for (its Entry) is known only once its
// node is converted, and a float op waits for its QuantizeLinear, so a node's
// meaning is not one type a TypeConverter could give. A pattern that fails
// has set Importer::error; the conversion stops there.

/// An ONNX operator: a row of Importer::conversions().
struct NodeConversion : OpConversionPattern<onnx::NodeOp> {
  NodeConversion(MLIRContext *ctx, Importer &imp, const Importer::OpConversion &row)
      : OpConversionPattern(ctx, /*benefit=*/2), imp(imp), row(row) {
    setDebugName(row.opType);
  }
  LogicalResult matchAndRewrite(onnx::NodeOp n, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (n.getOpType() != row.opType || Importer::domainOf(n) != row.domain)
      return failure();
    if (!imp.convertNode(n, row.convert, rewriter))
      return failure();
    rewriter.eraseOp(n);
    return success();
  }
  Importer &imp;
  const Importer::OpConversion &row;
};

/// QONNX's (and FINN's) Quant.
struct QonnxQuantConversion : OpConversionPattern<onnx::NodeOp> {
  QonnxQuantConversion(MLIRContext *ctx, Importer &imp)
      : OpConversionPattern(ctx, /*benefit=*/2), imp(imp) {}
  LogicalResult matchAndRewrite(onnx::NodeOp n, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (n.getOpType() != "Quant" || !isQonnxDomain(Importer::domainOf(n)))
      return failure();
    if (!imp.convertNode(n, [](Importer &i) { return i.qonnxQuant(); }, rewriter))
      return failure();
    rewriter.eraseOp(n);
    return success();
  }
  Importer &imp;
};

/// A node an earlier node's pattern took in whole (a decomposed layer
/// normalization): before its operator's own pattern.
struct AbsorbedNodeConversion : OpConversionPattern<onnx::NodeOp> {
  AbsorbedNodeConversion(MLIRContext *ctx, Importer &imp)
      : OpConversionPattern(ctx, /*benefit=*/3), imp(imp) {}
  LogicalResult matchAndRewrite(onnx::NodeOp n, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!imp.takenByPattern(n))
      return failure();
    rewriter.eraseOp(n);
    return success();
  }
  Importer &imp;
};

/// The operators no pattern converts: the error says what npc reads.
struct UnsupportedNodeConversion : OpConversionPattern<onnx::NodeOp> {
  UnsupportedNodeConversion(MLIRContext *ctx, Importer &imp)
      : OpConversionPattern(ctx, /*benefit=*/1), imp(imp) {}
  LogicalResult matchAndRewrite(onnx::NodeOp n, OpAdaptor,
                                ConversionPatternRewriter &) const override {
    // A supported operator that failed has said why already.
    if (imp.error.empty())
      (void)imp.unsupportedNode(n);
    return failure();
  }
  Importer &imp;
};

/// An initializer: its values are read when a node asks.
struct ConstantConversion : OpConversionPattern<onnx::ConstantOp> {
  ConstantConversion(MLIRContext *ctx, Importer &imp) : OpConversionPattern(ctx), imp(imp) {}
  LogicalResult matchAndRewrite(onnx::ConstantOp c, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!imp.convertConstant(c))
      return failure();
    rewriter.eraseOp(c);
    return success();
  }
  Importer &imp;
};

/// An omitted optional input: nothing to convert.
struct NoneConversion : OpConversionPattern<onnx::NoneOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(onnx::NoneOp n, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.eraseOp(n);
    return success();
  }
};

/// The graph outputs: codes, raw or dequantized values.
struct ReturnConversion : OpConversionPattern<func::ReturnOp> {
  ReturnConversion(MLIRContext *ctx, Importer &imp) : OpConversionPattern(ctx), imp(imp) {}
  LogicalResult matchAndRewrite(func::ReturnOp ret, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!imp.returnOutputs(ret, rewriter))
      return failure();
    rewriter.eraseOp(ret);
    return success();
  }
  Importer &imp;
};

LogicalResult Importer::run(func::FuncOp main) {
  here = main.getLoc();
  ModuleOp module = main->getParentOfType<ModuleOp>();
  auto opsetAttr = module ? module->getAttrOfType<IntegerAttr>(kOpsetAttr) : IntegerAttr();
  if (!opsetAttr)
    return failure(!fail("the module has no " + kOpsetAttr.str() +
                         " attribute (the ONNX opset its nodes follow)"));
  opset = opsetAttr.getInt();
  ArrayAttr inNames = main->getAttrOfType<ArrayAttr>("npc.input_names");
  outNames = main->getAttrOfType<ArrayAttr>("npc.output_names");
  Block *body = &main.getBody().front();
  for (auto n : body->getOps<onnx::NodeOp>())
    nodeLocs.try_emplace(n.getName(), n->getLoc());
  for (unsigned i = 0; i < body->getNumArguments(); ++i)
    inputNames.push_back(inNames && i < inNames.size() && isa<StringAttr>(inNames[i])
                             ? cast<StringAttr>(inNames[i]).str()
                             : "input" + std::to_string(i));
  for (Operation &op : *body)
    if (!isa_and_present<onnx::OnnxDialect>(op.getDialect()) && !isa<func::ReturnOp>(op)) {
      here = op.getLoc();
      return failure(!fail("'" + op.getName().getStringRef().str() +
                           "' is not an onnx-level op (onnx.node, onnx.constant, onnx.none)"));
    }
  for (BlockArgument a : body->getArguments()) {
    Entry e;
    auto type = dyn_cast<RankedTensorType>(a.getType());
    if (!type)
      return failure(!fail("graph input '" + printable(inputNames[a.getArgNumber()]) +
                           "' is not a ranked tensor"));
    // int64 inputs (token ids) are int32 on the chip: the host narrows them,
    // refusing values that do not fit.
    if (type.getElementType().isInteger(64))
      a.setType(type.clone(b.getI32Type()));
    e.kind = isa<FloatType>(type.getElementType()) ? Entry::FloatK : Entry::RawK;
    e.v = a;
    e.shape = shapeOf(e.v);
    env[a] = std::move(e);
  }
  for (Operation &op : *body)
    countReaders(op);

  ConversionTarget target(ctx);
  target.addLegalDialect<qg::QGraphDialect>();
  target.addLegalOp<func::FuncOp>();
  target.addIllegalDialect<onnx::OnnxDialect>();
  target.addDynamicallyLegalOp<func::ReturnOp>(
      [&](func::ReturnOp r) { return builtReturns.contains(r); });
  RewritePatternSet patterns(&ctx);
  // A row per operator and message group: an operator listed twice (Slice
  // and Concat, on constants and in QDQ form) converts by its first row.
  llvm::StringSet<> registered;
  for (const OpConversion &row : conversions())
    if (registered.insert((row.domain + "/" + row.opType).str()).second)
      patterns.add<NodeConversion>(&ctx, *this, row);
  patterns.add<QonnxQuantConversion, AbsorbedNodeConversion, UnsupportedNodeConversion,
               ConstantConversion, ReturnConversion>(&ctx, *this);
  patterns.add<NoneConversion>(&ctx);
  {
    // The framework's "failed to legalize" would be a second line: the
    // pattern that failed has set `error`, which names the node.
    ScopedDiagnosticHandler quiet(&ctx, [](Diagnostic &) { return success(); });
    // Rollback mode (the default) is what the patterns rely on: erasing a
    // node only takes effect at the end, so later patterns still read its
    // operands, uses and constants. A failed pattern's ops roll back, the
    // Importer's state does not: the conversion stops at the first failure.
    ConversionConfig config;
    config.allowPatternRollback = true;
    LogicalResult converted = applyFullConversion(main, target, std::move(patterns), config);
    b = OpBuilder(&ctx); // the rewriter `b` copied its listener from is gone
    if (failed(converted)) {
      if (error.empty())
        (void)fail("the conversion to qg failed");
      return failure();
    }
  }
  cur = {};
  SmallVector<Attribute> argNames;
  for (auto &n : inputNames)
    argNames.push_back(b.getStringAttr(n));
  auto ret = cast<func::ReturnOp>(body->getTerminator());
  main.setFunctionType(b.getFunctionType(body->getArgumentTypes(), ret.getOperandTypes()));
  main->setAttr("npc.input_names", b.getArrayAttr(argNames));
  main->setAttr("npc.output_names",
                outNames ? outNames : b.getArrayAttr(llvm::to_vector(llvm::map_range(
                                          llvm::seq<size_t>(0, ret.getNumOperands()),
                                          [&](size_t i) -> Attribute {
                                            return b.getStringAttr("output" + std::to_string(i));
                                          }))));
  // A value the importer let through that an op's verifier refuses is
  // reported as that one diagnostic (it names the node), not a second line.
  std::string refused;
  {
    ScopedDiagnosticHandler capture(&ctx, [&](Diagnostic &d) {
      if (refused.empty())
        refused = formatDiagnostic(d);
      return success();
    });
    if (failed(verify(main))) {
      error = refused.empty() ? "the imported module does not verify" : refused;
      return failure();
    }
  }
  // After the whole graph: a 16-bit table's readers are all converted.
  if (std::string e = wideTableError(main, errorLoc); !e.empty()) {
    error = e;
    // At the reader's ONNX node (its file position), not at its qg op.
    if (auto n = errorLoc ? dyn_cast<NameLoc>(*errorLoc) : NameLoc())
      if (auto it = nodeLocs.find(n.getName().strref()); it != nodeLocs.end())
        errorLoc = it->second;
    return failure();
  }
  return success();
}

/// @main of `module` when it is onnx-level (holds an onnx op or the module
/// an onnx.opset), else null.
func::FuncOp onnxMain(ModuleOp module) {
  auto main = dyn_cast_or_null<func::FuncOp>(SymbolTable::lookupSymbolIn(module, "main"));
  if (!main || main.isExternal())
    return {};
  bool onnxLevel = module->hasAttr(kOpsetAttr);
  main.walk([&](Operation *op) {
    onnxLevel |= isa_and_present<onnx::OnnxDialect>(op->getDialect()); // null: unregistered
  });
  return onnxLevel ? main : func::FuncOp();
}

/// The conversion; on failure, the message and where to report it.
LogicalResult convert(ModuleOp module, const ImportLimits &limits, std::string &error,
                      Location &where) {
  func::FuncOp from = onnxMain(module);
  if (!from)
    return success();
  MLIRContext &ctx = *module.getContext();
  ctx.loadDialect<func::FuncDialect, quant::QuantDialect, qg::QGraphDialect>();
  Importer imp(ctx, limits);
  if (failed(imp.run(from))) {
    error = imp.error;
    where = imp.errorLoc ? *imp.errorLoc : from.getLoc();
    return failure();
  }
  module->removeAttr(kOpsetAttr);
  return success();
}

struct ConvertOnnxToQGraphPass
    : npc::impl::ConvertOnnxToQGraphBase<ConvertOnnxToQGraphPass> {
  void runOnOperation() override {
    std::string error;
    Location where = getOperation().getLoc();
    if (failed(convert(getOperation(), ImportLimits(), error, where))) {
      emitError(where) << error;
      signalPassFailure();
    }
  }
};

} // namespace

bool npc::isOnnxLevel(ModuleOp module) { return bool(onnxMain(module)); }

llvm::Error npc::convertOnnxToQGraph(ModuleOp module, const ImportLimits &limits) {
  // As the npc-compile pipeline: constants folded and QDQ clusters to
  // QOperator nodes first.
  if (isOnnxLevel(module)) {
    onnx::foldConstants(module);
    (void)onnx::fuseQdqToQOperator(module);
  }
  std::string error;
  Location where = module.getLoc();
  if (failed(convert(module, limits, error, where)))
    return llvm::createStringError(std::errc::invalid_argument, "%s", error.c_str());
  return llvm::Error::success();
}
