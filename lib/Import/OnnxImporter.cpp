//===- OnnxImporter.cpp - ONNX file to the onnx dialect -------------------===//
//
// The first of import's two steps (torch-mlir's and IREE's): each ONNX node
// becomes one generic `onnx.node`, each initializer an `onnx.constant`, in
// the file's order. Nothing is interpreted here beyond what building the IR
// needs: the opset, npc's limits, tensor data, and that every input name is
// defined before its use. Node outputs get the types ONNX's own shape
// inference gives them (as torch-mlir's importer types every value), so
// that passes read ranks and shapes from types. `npc-convert-onnx-to-qg`
// does the rest, and checks those types.
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
#include <onnx/defs/shape_inference.h>
#include <onnx/shape_inference/implementation.h>

#include <cerrno>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <limits>
#include <map>
#include <mutex>
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
  llvm::Expected<OwningOpRef<ModuleOp>> run(::onnx::ModelProto &model);

private:
  MLIRContext &ctx;
  const ImportOptions &opts;
  OpBuilder b;
  std::map<std::string, Value> env; // ONNX tensor name -> its value
  /// Node output name -> its type, where ONNX's shape inference gives a
  /// static shape of an element type npc names (inferTypes).
  std::map<std::string, Type> inferred;
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
  void inferTypes(::onnx::ModelProto &model,
                  const std::map<std::string, std::vector<int64_t>> &inputShapes);
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
  SmallVector<Type> resultTypes;
  for (const std::string &o : n.output()) {
    auto it = inferred.find(o);
    resultTypes.push_back(it != inferred.end() ? it->second : npc::onnx::ValueType::get(&ctx));
  }
  auto op = npc::onnx::NodeOp::create(b, loc, resultTypes, n.op_type(), n.domain(), name,
                           b.getArrayAttr(outNames),
                           attrs.empty() ? DictionaryAttr() : attrs.getDictionary(&ctx),
                           /*source_op_type=*/nullptr, inputs);
  for (int i = 0; i < n.output_size(); ++i) {
    if (n.output(i).empty())
      continue;
    // ONNX names each value once (its checker and onnxruntime refuse a
    // second): a reader would read only the last.
    if (env.count(n.output(i)))
      return fail("output '" + printable(n.output(i)) +
                  "' is already defined (by an earlier node, an initializer or a graph input); "
                  "ONNX names each value once");
    env[n.output(i)] = op->getResult(i);
  }
  return true;
}

/// QONNX's Quant for ONNX's shape inference, which has no schema of that
/// domain (nor of FINN's, its former name): the output has x's type and
/// shape, so what follows a Quant is typed too. Registered once per
/// process, in ONNX's global registry.
static void registerQonnxQuantSchema() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto &ranges = ::onnx::OpSchemaRegistry::DomainToVersionRange::Instance();
    for (const char *domain : {"qonnx.custom_op.general", "finn.custom_op.general"}) {
      if (!ranges.Map().count(domain))
        ranges.AddDomainToVersion(domain, 1, 1);
      ::onnx::OpSchema schema;
      schema.SetName("Quant")
          .SetDomain(domain)
          .SinceVersion(1)
          .Input(0, "x", "", "T")
          .Input(1, "scale", "", "T")
          .Input(2, "zeropt", "", "T")
          .Input(3, "bitwidth", "", "T")
          .Output(0, "y", "", "T")
          .Attr("signed", "", ::onnx::AttributeProto::INT, false)
          .Attr("narrow", "", ::onnx::AttributeProto::INT, false)
          .Attr("rounding_mode", "", ::onnx::AttributeProto::STRING, false)
          .TypeConstraint("T", {"tensor(float)"}, "")
          .TypeAndShapeInferenceFunction([](::onnx::InferenceContext &ctx) {
            ::onnx::propagateElemTypeFromInputToOutput(ctx, 0, 0);
            if (::onnx::hasInputShape(ctx, 0))
              ::onnx::propagateShapeFromInputToOutput(ctx, 0, 0);
          });
      ::onnx::RegisterSchema(std::move(schema));
    }
  });
}

/// Whether ONNX's shape inference reads node `n` as the file means it: the
/// registry has a schema of its operator at the model's opset that takes
/// each of its attributes and its number of inputs. Debian's ONNX knows
/// opsets up to 17 and reads a newer node by its older schema, whose
/// shape function may not be the newer one's (AveragePool's dilations
/// from opset 19, Pad's axes from 18, a QuantizeLinear's output_dtype
/// from 21 without a zero point, which would be uint8 there). Attributes
/// and inputs a newer schema added that change neither shape nor type
/// are read as stated: a ReduceMean's or ReduceMax's axes input (opset
/// 18; the older shape function reads it), a QuantizeLinear's or
/// DequantizeLinear's block_size and saturate, and output_dtype where a
/// zero point states the type. Nor does it read a pool with ceil_mode 1 as
/// the file means: its shape function counts a last window that starts in
/// the padding, which ONNX's later versions, onnxruntime and npc do not
/// (helper-73: 3x3 for 2x2).
static bool readAsStated(const ::onnx::NodeProto &n, const ::onnx::ModelProto &model) {
  const std::string domain = n.domain() == "ai.onnx" ? std::string() : n.domain();
  int64_t version = -1;
  for (const auto &o : model.opset_import())
    if ((o.domain() == "ai.onnx" ? std::string() : o.domain()) == domain)
      version = o.version();
  const ::onnx::OpSchema *schema =
      version < 0 ? nullptr
                  : ::onnx::OpSchemaRegistry::Schema(n.op_type(), int(version), domain);
  if (!schema)
    return false;
  bool qdq = domain.empty() && (n.op_type() == "QuantizeLinear" || n.op_type() == "DequantizeLinear");
  bool zeroPoint = n.input_size() > 2 && !n.input(2).empty();
  for (const auto &a : n.attribute()) {
    if (a.name() == "ceil_mode" && a.i() != 0)
      return false;
    if (schema->attributes().count(a.name()))
      continue;
    if (qdq && (a.name() == "block_size" || a.name() == "saturate" ||
                (a.name() == "output_dtype" && zeroPoint)))
      continue;
    return false;
  }
  bool reduceAxes = domain.empty() && (n.op_type() == "ReduceMean" || n.op_type() == "ReduceMax") &&
                    n.input_size() == 2;
  return n.input_size() <= schema->max_input() || reduceAxes;
}

/// What ONNX's shape inference gives `model`'s values (a GraphProto of
/// value_info and outputs, serialized), run in a child process: ONNX 1.12
/// divides by a zero stride and recurses without end on some malformed
/// files (helper-73), which must not take npc down. The child has its own
/// copy of the model to change; it runs for at most a minute and writes
/// nothing to npc's stdout or stderr. nullopt when it did not finish.
static std::optional<std::string>
inferInChild(::onnx::ModelProto &model,
             const std::map<std::string, std::vector<int64_t>> &inputShapes) {
  int fds[2];
  if (pipe(fds) != 0)
    return std::nullopt;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    // A crash here ends the child alone, without the handlers npc
    // installed (which would print a report and remove npc's output
    // file).
    for (int sig : {SIGSEGV, SIGFPE, SIGBUS, SIGILL, SIGABRT, SIGTRAP, SIGALRM})
      signal(sig, SIG_DFL);
    close(fds[0]);
    if (int null = open("/dev/null", O_WRONLY); null >= 0) {
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    alarm(60);
    ::onnx::GraphProto *g = model.mutable_graph();
    g->clear_value_info();
    for (auto &o : *g->mutable_output())
      o.clear_type();
    for (auto &in : *g->mutable_input()) {
      auto it = inputShapes.find(in.name());
      if (it == inputShapes.end() || !in.type().has_tensor_type())
        continue;
      auto *shape = in.mutable_type()->mutable_tensor_type()->mutable_shape();
      shape->clear_dim();
      for (int64_t d : it->second)
        shape->add_dim()->set_dim_value(d);
    }
    std::string bytes;
    try {
      registerQonnxQuantSchema();
      ::onnx::shape_inference::InferShapes(model);
      ::onnx::GraphProto out;
      *out.mutable_value_info() = g->value_info();
      *out.mutable_output() = g->output();
      if (!out.SerializeToString(&bytes))
        _exit(1);
    } catch (...) {
      _exit(1);
    }
    for (size_t at = 0; at < bytes.size();) {
      ssize_t n = write(fds[1], bytes.data() + at, bytes.size() - at);
      if (n <= 0)
        _exit(1);
      at += size_t(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string bytes;
  char buf[1 << 16];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      break;
    bytes.append(buf, size_t(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return std::nullopt;
  return bytes;
}

/// ONNX's shape inference, from the graph inputs' shapes (`inputShapes`:
/// the file's or --shape's, a bound input's) and the initializers. What
/// the file states of intermediate and output types is not read: inference
/// checks its own against them and throws at a stale one. A model it
/// throws at or crashes on (inferInChild) keeps every node output
/// `!onnx.value`: the conversion works the types out, and refuses what is
/// wrong with its own message. A node it may read otherwise than the file
/// means (readAsStated) and what reads it stay untyped too.
void GraphImporter::inferTypes(::onnx::ModelProto &model,
                               const std::map<std::string, std::vector<int64_t>> &inputShapes) {
  std::optional<std::string> bytes = inferInChild(model, inputShapes);
  ::onnx::GraphProto inferredGraph;
  if (!bytes || bytes->size() > size_t(INT32_MAX) ||
      !inferredGraph.ParseFromArray(bytes->data(), int(bytes->size())))
    return;
  registerQonnxQuantSchema(); // readAsStated looks up its schema
  const ::onnx::GraphProto *g = &model.graph();
  auto take = [&](const ::onnx::ValueInfoProto &vi) {
    if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
      return;
    const auto &tt = vi.type().tensor_type();
    std::vector<int64_t> shape;
    for (const auto &d : tt.shape().dim()) {
      if (!d.has_dim_value() || d.dim_value() < 0)
        return;
      shape.push_back(d.dim_value());
    }
    int32_t code = tt.elem_type();
    if (Type elem = elementTypeOf(&ctx, code == kDouble ? kFloat : code))
      inferred[vi.name()] = RankedTensorType::get(shape, elem);
  };
  for (const auto &vi : inferredGraph.value_info())
    take(vi);
  for (const auto &o : inferredGraph.output())
    take(o);
  // A node inference may have read otherwise than the file means, and
  // what reads it, stay untyped.
  std::set<std::string> untyped;
  for (const auto &n : g->node()) {
    bool tainted = !readAsStated(n, model);
    for (const std::string &in : n.input())
      tainted = tainted || untyped.count(in);
    if (!tainted)
      continue;
    for (const std::string &o : n.output()) {
      untyped.insert(o);
      inferred.erase(o);
    }
  }
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

llvm::Expected<OwningOpRef<ModuleOp>> GraphImporter::run(::onnx::ModelProto &model) {
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
  std::map<std::string, std::vector<int64_t>> inputShapes;
  for (size_t i = 0; i < argNames.size(); ++i) {
    ArrayRef<int64_t> s = cast<RankedTensorType>(argTypes[i]).getShape();
    inputShapes[argNames[i]].assign(s.begin(), s.end());
  }
  for (const auto &[name, t] : opts.bindings)
    inputShapes[name] = t.shape;
  inferTypes(model, inputShapes);

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

/// "option --NAME expects NAME=VALUE, got '...'".
static llvm::Error notAnAssignment(const char *option, llvm::StringRef arg) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 "option --%s expects NAME=VALUE, got '%s'", option,
                                 printable(arg).c_str());
}

llvm::Error npc::ImportOptions::addShape(llvm::StringRef assignment) {
  std::string name, value;
  if (!splitAssign(assignment, name, value))
    return notAnAssignment("shape", assignment);
  std::vector<int64_t> dims;
  llvm::SmallVector<llvm::StringRef> parts;
  llvm::StringRef(value).split(parts, 'x');
  for (llvm::StringRef p : parts) {
    int64_t d;
    if (p.getAsInteger(10, d) || d < 1)
      return llvm::createStringError(
          std::errc::invalid_argument,
          "--shape %s: '%s' is not a list of positive sizes like 1x3x224x224",
          printable(name).c_str(), printable(value).c_str());
    dims.push_back(d);
  }
  shapes[name] = std::move(dims);
  return llvm::Error::success();
}

llvm::Error npc::ImportOptions::addBinding(llvm::StringRef assignment) {
  std::string name, file;
  if (!splitAssign(assignment, name, file))
    return notAnAssignment("bind", assignment);
  auto t = readNpy(file);
  if (!t)
    return t.takeError();
  bindings[name] = std::move(*t);
  return llvm::Error::success();
}

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
