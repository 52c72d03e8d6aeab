//===- OnnxImporter.cpp - ONNX file to the onnx dialect -------------------===//
//
// The first of import's two steps (torch-mlir's and IREE's): each ONNX node
// becomes one generic `onnx.node`, each initializer an `onnx.constant`, in
// the file's order. Nothing is interpreted here beyond what building the IR
// needs: the opset, npc's limits, tensor data, and that every input name is
// defined before its use. `npc-convert-onnx-to-qg` does the rest.
//
//===----------------------------------------------------------------------===//
#include "npc/Import/OnnxImporter.h"
#include "npc/Conversion/OnnxToQGraph/OnnxToQGraph.h"
#include "npc/Dialect/Onnx/IR/Onnx.h"
#include "npc/Runtime/InputFile.h"
#include "npc/Runtime/SubByte.h"
#include "npc/Support/Printable.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <limits>
#include <map>
#include <set>

using namespace mlir;
using namespace npc;
using namespace npc::onnx;

namespace {

/// A node's name for messages and locations: its own, or (exporters leave
/// some nodes unnamed) its first output's.
std::string nodeNameOf(const ::onnx::NodeProto &n) {
  if (!n.name().empty() || n.output_size() == 0)
    return n.name();
  return n.output(0);
}

template <typename T> struct Tag { using type = T; };

class GraphImporter {
public:
  GraphImporter(MLIRContext &ctx, const ImportOptions &opts) : ctx(ctx), opts(opts), b(&ctx) {}
  llvm::Expected<OwningOpRef<ModuleOp>> run(const ::onnx::ModelProto &model);

private:
  MLIRContext &ctx;
  const ImportOptions &opts;
  OpBuilder b;
  std::map<std::string, Value> env; // ONNX tensor name -> its value
  Value none;                       // the one onnx.none, made when first needed
  const ::onnx::NodeProto *cur = nullptr;
  int64_t opset = 0; // the default domain's
  std::string error;
  /// Elements of every constant so far (initializers, tensor attributes):
  /// bounded by opts.limits.weightElements.
  int64_t constantElements = 0;

  [[nodiscard]] bool fail(const std::string &what) {
    if (error.empty())
      error = (cur ? "node '" + printable(nodeNameOf(*cur)) + "' (" + printable(cur->op_type()) +
                         "): "
                   : std::string()) +
              what;
    return false;
  }
  [[nodiscard]] bool countConstant(int64_t elems, const std::string &what) {
    if (elems > opts.limits.weightElements - constantElements)
      return fail(what + " takes the model's constants past " +
                  limitText(opts.limits.weightElements) +
                  " elements in all (npc's limit; --limit weight-elements=N raises it)");
    constantElements += elems;
    return true;
  }
  bool readTensor(const ::onnx::TensorProto &t, DenseElementsAttr &out);
  bool readAttribute(const ::onnx::AttributeProto &a, Attribute &out);
  bool constantValueOf(const ::onnx::NodeProto &n, const ::onnx::AttributeProto &a,
                       DenseElementsAttr &out);
  bool importNode(const ::onnx::NodeProto &n);
};

/// Elements `vals` as the storage of `type` (one element per byte for
/// sub-byte integers, as DenseElementsAttr keeps them).
template <typename T>
DenseElementsAttr rawAttr(RankedTensorType type, const std::vector<T> &vals) {
  return DenseElementsAttr::getFromRawBuffer(
      type, ArrayRef<char>(reinterpret_cast<const char *>(vals.data()), vals.size() * sizeof(T)));
}

bool GraphImporter::readTensor(const ::onnx::TensorProto &t, DenseElementsAttr &out) {
  int32_t code = t.data_type();
  std::vector<int64_t> shape(t.dims().begin(), t.dims().end());
  std::string what = "tensor '" + printable(t.name()) + "'";
  // The shape is checked before anything is sized by it (the file's own
  // length bounds the data; the shape must not claim more).
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return fail(what + " has a dimension of " + std::to_string(d));
    if (d > 0 && n > opts.limits.tensorElements / d)
      return fail(what + " of shape " + shapeText(shape) + " has more than " +
                  limitText(opts.limits.tensorElements) +
                  " elements (npc's limit; --limit tensor-elements=N raises it)");
    n *= d;
  }
  if (!countConstant(n, what))
    return false;
  if (t.data_location() == ::onnx::TensorProto::EXTERNAL)
    return fail(what + " uses external data, which is not supported");
  // float64 is read as float32, as ONNX's float ops compute.
  Type elem = elementTypeOf(&ctx, code == kDouble ? kFloat : code);
  if (!elem)
    return fail(what + " has element type " + typeCodeName(code) + " (" + std::to_string(code) +
                "), which is not supported");
  auto type = RankedTensorType::get(shape, elem);
  const std::string &raw = t.raw_data();
  bool hasRaw = t.has_raw_data();
  // Raw data must hold exactly the shape's values (bytes each; 0: packed sub-byte).
  auto need = [&](size_t bytes) {
    size_t want = bytes ? size_t(n) * bytes : size_t(packedBytes(n, storageWidth(code)));
    if (raw.size() != want)
      return fail(what + " holds " + std::to_string(raw.size()) +
                  " bytes of raw data, its shape needs " + std::to_string(want));
    return true;
  };
  auto count = [&](int64_t have) {
    if (have != n)
      return fail(what + " holds " + std::to_string(have) + " values, its shape needs " +
                  std::to_string(n));
    return true;
  };
  // Values of storage type T from raw_data (little-endian) or from the typed
  // repeated field, whose values must fit T. (npc runs on little-endian hosts.)
  auto values = [&](auto tag, const auto &field, auto &dst) -> bool {
    using T = typename decltype(tag)::type;
    using D = typename std::decay_t<decltype(dst)>::value_type;
    if (hasRaw) {
      if (!need(sizeof(T)))
        return false;
      dst.resize(n);
      for (int64_t i = 0; i < n; ++i) {
        T x;
        std::memcpy(&x, raw.data() + i * sizeof(T), sizeof(T));
        dst[i] = D(x);
      }
      return true;
    }
    if (!count(field.size()))
      return false;
    dst.resize(n);
    for (int64_t i = 0; i < n; ++i) {
      auto x = field.Get(i);
      if constexpr (std::is_integral_v<T>) {
        if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max())
          return fail(what + " holds " + std::to_string(x) + ", outside " + typeCodeName(code));
      }
      dst[i] = D(x);
    }
    return true;
  };
  auto ints = [&](auto tag, const auto &field) -> bool {
    using T = typename decltype(tag)::type;
    if (hasRaw) { // already the attribute's storage (little-endian, as the host)
      if (!need(sizeof(T)))
        return false;
      out = DenseElementsAttr::getFromRawBuffer(type, ArrayRef<char>(raw.data(), raw.size()));
      return true;
    }
    std::vector<T> v;
    if (!values(tag, field, v))
      return false;
    out = rawAttr(type, v);
    return true;
  };
  switch (code) {
  case kFloat: case kDouble: {
    if (code == kFloat && hasRaw)
      return ints(Tag<float>(), t.float_data());
    std::vector<float> v;
    if (!(code == kFloat ? values(Tag<float>(), t.float_data(), v)
                         : values(Tag<double>(), t.double_data(), v)))
      return false;
    out = rawAttr(type, v);
    return true;
  }
  case kBool: {
    std::vector<uint8_t> v;
    if (!values(Tag<uint8_t>(), t.int32_data(), v))
      return false;
    SmallVector<bool> bits(v.begin(), v.end());
    out = DenseElementsAttr::get(type, ArrayRef<bool>(bits));
    return true;
  }
  case kUInt8: return ints(Tag<uint8_t>(), t.int32_data());
  case kInt8: return ints(Tag<int8_t>(), t.int32_data());
  case kUInt16: return ints(Tag<uint16_t>(), t.int32_data());
  case kInt16: return ints(Tag<int16_t>(), t.int32_data());
  case kInt32: return ints(Tag<int32_t>(), t.int32_data());
  case kInt64: return ints(Tag<int64_t>(), t.int64_data());
  default: { // kUInt4, kInt4, kUInt2, kInt2: packed in raw_data only
    if (!hasRaw)
      return fail(what + " of type " + typeCodeName(code) + " must store its values in raw_data");
    if (!need(0))
      return false;
    std::vector<int32_t> tmp(n);
    unpackBits(reinterpret_cast<const uint8_t *>(raw.data()), n, storageWidth(code),
               isSignedStorage(code), tmp.data());
    out = rawAttr(type, std::vector<int8_t>(tmp.begin(), tmp.end()));
    return true;
  }
  }
}

bool GraphImporter::readAttribute(const ::onnx::AttributeProto &a, Attribute &out) {
  int type = a.type();
  if (type == ::onnx::AttributeProto::UNDEFINED) // older files: the field set tells
    type = a.has_i() ? ::onnx::AttributeProto::INT
           : a.has_f() ? ::onnx::AttributeProto::FLOAT
           : a.has_s() ? ::onnx::AttributeProto::STRING
           : a.has_t() ? ::onnx::AttributeProto::TENSOR
           : a.floats_size() ? ::onnx::AttributeProto::FLOATS
           : a.strings_size() ? ::onnx::AttributeProto::STRINGS
                              : ::onnx::AttributeProto::INTS;
  switch (type) {
  case ::onnx::AttributeProto::INT: out = b.getI64IntegerAttr(a.i()); return true;
  case ::onnx::AttributeProto::FLOAT: out = b.getF32FloatAttr(a.f()); return true;
  case ::onnx::AttributeProto::STRING: out = b.getStringAttr(a.s()); return true;
  case ::onnx::AttributeProto::INTS:
    out = b.getDenseI64ArrayAttr(SmallVector<int64_t>(a.ints().begin(), a.ints().end()));
    return true;
  case ::onnx::AttributeProto::FLOATS:
    out = b.getDenseF32ArrayAttr(SmallVector<float>(a.floats().begin(), a.floats().end()));
    return true;
  case ::onnx::AttributeProto::STRINGS: {
    SmallVector<Attribute> s;
    for (const auto &x : a.strings())
      s.push_back(b.getStringAttr(x));
    out = b.getArrayAttr(s);
    return true;
  }
  case ::onnx::AttributeProto::TENSOR: {
    DenseElementsAttr t;
    if (!readTensor(a.t(), t))
      return false;
    out = t;
    return true;
  }
  default: // graphs, sparse tensors, type protos: no operator npc reads has them
    out = b.getUnitAttr();
    return true;
  }
}

/// A Constant node's value_float, value_floats, value_int or value_ints
/// attribute `a` as the `value` tensor it stands for (float32 or int64, of
/// rank 0 or 1), read as any tensor is (`readTensor`: npc's limits); false
/// for any other attribute, or after failing.
bool GraphImporter::constantValueOf(const ::onnx::NodeProto &n, const ::onnx::AttributeProto &a,
                                    DenseElementsAttr &out) {
  ::onnx::TensorProto t;
  t.set_name(n.output_size() ? n.output(0) : a.name());
  if (a.name() == "value_float" || a.name() == "value_floats") {
    t.set_data_type(kFloat);
    if (a.name() == "value_float")
      t.add_float_data(a.f());
    else
      t.mutable_float_data()->CopyFrom(a.floats());
  } else if (a.name() == "value_int" || a.name() == "value_ints") {
    t.set_data_type(kInt64);
    if (a.name() == "value_int")
      t.add_int64_data(a.i());
    else
      t.mutable_int64_data()->CopyFrom(a.ints());
  } else {
    return false;
  }
  if (a.name() == "value_floats" || a.name() == "value_ints")
    t.add_dims(a.name() == "value_floats" ? a.floats_size() : a.ints_size());
  return readTensor(t, out);
}

bool GraphImporter::importNode(const ::onnx::NodeProto &n) {
  cur = &n;
  if (std::string e = npc::onnx::inputCountProblem(n.domain(), n.op_type(), opset, n.input_size());
      !e.empty())
    return fail(e);
  if (std::string e = npc::onnx::movedAttributeProblem(
          n.domain(), n.op_type(), opset,
          [&](llvm::StringRef name) {
            return llvm::any_of(n.attribute(), [&](const auto &a) { return a.name() == name; });
          });
      !e.empty())
    return fail(e);
  SmallVector<Value> inputs;
  for (const std::string &name : n.input()) {
    if (name.empty()) {
      if (!none) {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPointToStart(b.getInsertionBlock());
        none = npc::onnx::NoneOp::create(b, UnknownLoc::get(&ctx), b.getType<NoneType>());
      }
      inputs.push_back(none);
      continue;
    }
    auto it = env.find(name);
    if (it == env.end())
      return fail("input '" + printable(name) +
                  "' is not produced by an earlier node or initializer");
    inputs.push_back(it->second);
  }
  NamedAttrList attrs;
  std::set<std::string> seen; // the first of a repeated attribute name counts
  for (const auto &a : n.attribute()) {
    if (!seen.insert(a.name()).second)
      continue;
    Attribute v;
    if (!readAttribute(a, v))
      return false;
    // A Constant's value_float(s) and value_int(s) (ONNX's shorthands since
    // opset 12) are the `value` tensor they stand for: float32 or int64, of
    // rank 0 or 1, so every reader reads one form.
    if (n.op_type() == "Constant" && n.domain().empty() && !seen.count("value")) {
      DenseElementsAttr t;
      if (constantValueOf(n, a, t)) {
        seen.insert("value");
        attrs.append("value", t);
        continue;
      }
      if (!error.empty())
        return false;
    }
    attrs.append(a.name(), v);
  }
  SmallVector<Attribute> outNames;
  for (const std::string &o : n.output())
    outNames.push_back(b.getStringAttr(o));
  std::string name = nodeNameOf(n);
  // name("node name", child name("OpType")): diagnostics can say both.
  Location loc = NameLoc::get(b.getStringAttr(name), NameLoc::get(b.getStringAttr(n.op_type())));
  SmallVector<Type> resultTypes(n.output_size(), npc::onnx::ValueType::get(&ctx));
  auto op = npc::onnx::NodeOp::create(b, loc, resultTypes, n.op_type(), n.domain(), name,
                           b.getArrayAttr(outNames),
                           attrs.empty() ? DictionaryAttr() : attrs.getDictionary(&ctx),
                           /*source_op_type=*/nullptr, inputs);
  for (int i = 0; i < n.output_size(); ++i)
    if (!n.output(i).empty())
      env[n.output(i)] = op->getResult(i);
  return true;
}

/// A bound input (`--bind`) as the constant's attribute.
DenseElementsAttr boundAttr(MLIRContext &ctx, const HostTensor &t) {
  int32_t code = kFloat;
  switch (t.kind) {
  case ElemKind::F32: code = kFloat; break;
  case ElemKind::U8: code = kUInt8; break;
  case ElemKind::I8: code = kInt8; break;
  case ElemKind::U16: code = kUInt16; break;
  case ElemKind::I16: code = kInt16; break;
  case ElemKind::I32: code = kInt32; break;
  case ElemKind::I64: code = kInt64; break;
  }
  auto type = RankedTensorType::get(t.shape, elementTypeOf(&ctx, code));
  switch (t.kind) {
  case ElemKind::F32: return rawAttr(type, t.floats);
  case ElemKind::U8: return rawAttr(type, std::vector<uint8_t>(t.ints.begin(), t.ints.end()));
  case ElemKind::I8: return rawAttr(type, std::vector<int8_t>(t.ints.begin(), t.ints.end()));
  case ElemKind::U16: return rawAttr(type, std::vector<uint16_t>(t.ints.begin(), t.ints.end()));
  case ElemKind::I16: return rawAttr(type, std::vector<int16_t>(t.ints.begin(), t.ints.end()));
  case ElemKind::I32: return rawAttr(type, t.ints);
  case ElemKind::I64: return rawAttr(type, std::vector<int64_t>(t.ints.begin(), t.ints.end()));
  }
  return {};
}

llvm::Expected<OwningOpRef<ModuleOp>> GraphImporter::run(const ::onnx::ModelProto &model) {
  auto err = [&](const std::string &m) {
    return llvm::createStringError(std::errc::invalid_argument, "%s", m.c_str());
  };
  opset = 0;
  for (const auto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();
  if (opset < 10 || opset > 25)
    return err("model opset " + std::to_string(opset) +
               " is not supported (npc imports opsets 10 to 25)");
  const ::onnx::GraphProto &g = model.graph();
  if (g.node_size() > opts.limits.nodes)
    return err("the graph has " + std::to_string(g.node_size()) + " nodes, more than npc's limit of " +
               limitText(opts.limits.nodes) + " (--limit nodes=N raises it)");

  // Constants by name: initializers, then bound inputs (which replace an
  // initializer of the same name).
  std::map<std::string, DenseElementsAttr> constants;
  std::vector<std::string> constantOrder;
  auto addConstant = [&](const std::string &name, DenseElementsAttr a) {
    if (constants.insert_or_assign(name, a).second)
      constantOrder.push_back(name);
  };
  for (const auto &t : g.initializer()) {
    DenseElementsAttr a;
    if (!readTensor(t, a))
      return err(error);
    addConstant(t.name(), a);
  }
  auto isGraphInput = [&](const std::string &name) {
    for (const auto &in : g.input())
      if (in.name() == name)
        return true;
    return false;
  };
  for (const auto &[name, t] : opts.bindings) {
    if (!isGraphInput(name))
      return err("--bind " + printable(name) + ": the model has no input named '" + printable(name) + "'");
    addConstant(name, boundAttr(ctx, t));
  }
  for (const auto &[name, s] : opts.shapes)
    if (!isGraphInput(name))
      return err("--shape " + printable(name) + ": the model has no input named '" + printable(name) + "'");

  // Owned from the start: every error return below frees it.
  OwningOpRef<ModuleOp> owned = ModuleOp::create(UnknownLoc::get(&ctx));
  ModuleOp module = *owned;
  module->setAttr(kOpsetAttr, b.getI64IntegerAttr(opset));
  b.setInsertionPointToEnd(module.getBody());

  // Graph inputs that are not initializers become function arguments.
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const auto &in : g.input()) {
    if (constants.count(in.name()))
      continue; // an initializer (older exporters list them as inputs) or bound
    if (!in.type().has_tensor_type())
      return err("graph input '" + printable(in.name()) + "' is not a tensor");
    const auto &tt = in.type().tensor_type();
    std::vector<int64_t> shape;
    auto given = opts.shapes.find(in.name());
    if (given != opts.shapes.end()) {
      shape = given->second;
    } else {
      for (const auto &d : tt.shape().dim()) {
        if (d.has_dim_value() && d.dim_value() < 1)
          return err("graph input '" + printable(in.name()) + "' has a dimension of " +
                     std::to_string(d.dim_value()) + "; every dimension must be at least 1");
        if (!d.has_dim_value()) {
          return err("graph input '" + printable(in.name()) + "' has a dynamic dimension ('" +
                     printable(d.has_dim_param() ? d.dim_param() : std::string("?")) +
                     "'); npc needs static shapes: pass --shape " + printable(in.name()) +
                     "=1x3x224x224 (with the real sizes)");
        }
        shape.push_back(d.dim_value());
      }
    }
    int64_t elems = 1;
    const ImportLimits &lim = opts.limits;
    for (int64_t d : shape) {
      if (d < 1 || d > lim.inputDimension || elems > lim.tensorElements / d)
        return err("graph input '" + printable(in.name()) + "' of shape " + shapeText(shape) +
                   " exceeds npc's limits (each dimension 1 to " +
                   limitText(lim.inputDimension) + ", at most " +
                   limitText(lim.tensorElements) +
                   " elements; --limit input-dimension=N and tensor-elements=N raise them)");
      elems *= d;
    }
    // Graph inputs are float32 or plain 8- to 32-bit integers (.npy cannot
    // hold sub-byte values), or int64 (token ids: the host narrows them to
    // int32, refusing values that do not fit).
    int32_t code = tt.elem_type();
    Type elem;
    if (code == kFloat)
      elem = b.getF32Type();
    else if (code == kInt64)
      elem = b.getIntegerType(64);
    else if (unsigned w = storageWidth(code); w >= 8)
      elem = IntegerType::get(&ctx, w, isSignedStorage(code) ? IntegerType::Signless
                                                             : IntegerType::Unsigned);
    if (!elem)
      return err("graph input '" + printable(in.name()) + "' has element type " +
                 typeCodeName(code) + "; supported: float32, uint8, int8, int32, int64");
    argTypes.push_back(RankedTensorType::get(shape, elem));
    argNames.push_back(in.name());
  }
  auto func = func::FuncOp::create(b, UnknownLoc::get(&ctx), "main",
                                   b.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToEnd(body);
  for (size_t i = 0; i < argNames.size(); ++i)
    env[argNames[i]] = body->getArgument(i);
  for (const std::string &name : constantOrder)
    env[name] = npc::onnx::ConstantOp::create(b, NameLoc::get(b.getStringAttr(name)),
                                              constants[name].getType(), name, constants[name],
                                              /*narrowed_range=*/nullptr);

  for (const auto &n : g.node())
    if (!importNode(n))
      return err(error);
  cur = nullptr;

  SmallVector<Value> results;
  SmallVector<Attribute> outNames, inNames;
  for (const auto &o : g.output()) {
    auto it = env.find(o.name());
    if (it == env.end())
      return err("graph output '" + printable(o.name()) + "' is not produced by any node");
    results.push_back(it->second);
    outNames.push_back(b.getStringAttr(o.name()));
  }
  for (auto &n : argNames)
    inNames.push_back(b.getStringAttr(n));
  func::ReturnOp::create(b, UnknownLoc::get(&ctx), results);
  func.setFunctionType(b.getFunctionType(argTypes, ValueRange(results).getTypes()));
  func->setAttr("npc.input_names", b.getArrayAttr(inNames));
  func->setAttr("npc.output_names", b.getArrayAttr(outNames));
  return owned;
}

} // namespace

llvm::Expected<OwningOpRef<ModuleOp>>
npc::importOnnxGraph(MLIRContext &ctx, llvm::StringRef bytes, const ImportOptions &options) {
  ctx.loadDialect<func::FuncDialect, npc::onnx::OnnxDialect>();
  ::onnx::ModelProto model;
  if (bytes.size() > size_t(INT32_MAX) ||
      !model.ParseFromArray(bytes.data(), int(bytes.size())))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "not a valid ONNX model (protobuf parse failed)");
  GraphImporter imp(ctx, options);
  return imp.run(model);
}

llvm::Expected<OwningOpRef<ModuleOp>>
npc::importOnnxModel(MLIRContext &ctx, llvm::StringRef bytes, const ImportOptions &options) {
  auto module = importOnnxGraph(ctx, bytes, options);
  if (!module)
    return module.takeError();
  if (auto e = convertOnnxToQGraph(**module, options.limits))
    return std::move(e);
  return module;
}

llvm::Expected<OwningOpRef<ModuleOp>>
npc::importOnnxFile(MLIRContext &ctx, llvm::StringRef path, const ImportOptions &options) {
  auto buf = readInputFile(path);
  if (!buf)
    return buf.takeError();
  return importOnnxModel(ctx, (*buf)->getBuffer(), options);
}
