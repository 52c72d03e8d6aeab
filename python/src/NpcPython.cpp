//===- NpcPython.cpp - the `npc._npc` extension module --------------------===//
//
// Thin pybind11 layer over the C++ API: compile ONNX bytes to an artifact,
// run artifacts and the reference interpreter on numpy arrays. Errors become
// Python exceptions (never a crash); the GIL is released while compiling
// and running.
//
//===----------------------------------------------------------------------===//
#include "npc/Compiler/Compiler.h"
#include "npc/Runtime/Executor.h"
#include "npc/Runtime/Artifact.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>

namespace py = pybind11;
using namespace npc;

namespace {

struct CompileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct ArtifactError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct RunError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename E, typename T> T unwrap(llvm::Expected<T> v) {
  if (!v)
    throw E(llvm::toString(v.takeError()));
  return std::move(*v);
}

/// numpy's dtype names are npc's element kind names.
const char *dtypeOf(ElemKind k) { return elemKindName(k); }

HostTensor fromNumpy(const py::array &a) {
  HostTensor t;
  for (py::ssize_t d = 0; d < a.ndim(); ++d)
    t.shape.push_back(a.shape(d));
  std::string dt = py::str(a.dtype());
  bool found = false;
  for (ElemKind k : {ElemKind::U8, ElemKind::I8, ElemKind::U16, ElemKind::I16, ElemKind::I32,
                     ElemKind::I64, ElemKind::F32})
    if (dt == elemKindName(k)) {
      t.kind = k;
      found = true;
    }
  if (!found)
    throw RunError("unsupported input dtype " + dt +
                   " (float32, uint8, int8, uint16, int16, int32, int64)");
  py::array c = py::array::ensure(a, py::array::c_style);
  int64_t n = t.numElements();
  auto visit = [&](auto tag) {
    using T = decltype(tag);
    const T *p = static_cast<const T *>(c.data());
    if constexpr (std::is_same_v<T, float>)
      t.floats.assign(p, p + n);
    else
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (std::is_same_v<T, int64_t>)
          if (p[i] < INT32_MIN || p[i] > INT32_MAX)
            throw RunError("int64 input value does not fit in int32");
        t.ints.push_back(int32_t(p[i]));
      }
  };
  switch (t.kind) {
  case ElemKind::U8: visit(uint8_t()); break;
  case ElemKind::I8: visit(int8_t()); break;
  case ElemKind::U16: visit(uint16_t()); break;
  case ElemKind::I16: visit(int16_t()); break;
  case ElemKind::I32: visit(int32_t()); break;
  case ElemKind::I64: visit(int64_t()); break;
  case ElemKind::F32: visit(float()); break;
  }
  return t;
}

py::array toNumpy(const HostTensor &t) {
  std::vector<py::ssize_t> shape(t.shape.begin(), t.shape.end());
  py::array a(py::dtype(dtypeOf(t.kind)), shape);
  int64_t n = t.numElements();
  auto fill = [&](auto tag) {
    using T = decltype(tag);
    T *p = static_cast<T *>(a.mutable_data());
    for (int64_t i = 0; i < n; ++i)
      p[i] = std::is_same_v<T, float> ? T(t.floats[i]) : T(t.ints[i]);
  };
  switch (t.kind) {
  case ElemKind::U8: fill(uint8_t()); break;
  case ElemKind::I8: fill(int8_t()); break;
  case ElemKind::U16: fill(uint16_t()); break;
  case ElemKind::I16: fill(int16_t()); break;
  case ElemKind::I32: fill(int32_t()); break;
  case ElemKind::I64: fill(int64_t()); break;
  case ElemKind::F32: std::memcpy(a.mutable_data(), t.floats.data(), n * 4); break;
  }
  return a;
}

ImportOptions importOptions(const py::dict &bind, const py::dict &shapes,
                            const py::dict &limits) {
  ImportOptions o;
  for (auto [k, v] : bind)
    o.bindings[py::str(k)] = fromNumpy(py::array::ensure(v));
  for (auto [k, v] : shapes)
    o.shapes[py::str(k)] = v.cast<std::vector<int64_t>>();
  for (auto [k, v] : limits)
    if (auto err = o.limits.set(std::string(py::str(k)), v.cast<int64_t>()))
      throw py::value_error(llvm::toString(std::move(err)));
  return o;
}

/// A loaded artifact: its bytes (for saving) and a ready executor.
class PyArtifact {
public:
  explicit PyArtifact(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {
    auto parsed = unwrap<ArtifactError>(parseArtifact(bytes_));
    exec_ = unwrap<ArtifactError>(Executor::load(std::move(parsed)));
  }
  py::bytes data() const { return py::bytes(reinterpret_cast<const char *>(bytes_.data()), bytes_.size()); }
  std::string manifest() const { return manifestToJson(exec_->manifest()); }
  std::vector<std::tuple<std::string, std::string, std::vector<int64_t>>> inputs() const {
    std::vector<std::tuple<std::string, std::string, std::vector<int64_t>>> r;
    for (const auto &b : exec_->manifest().inputs)
      r.emplace_back(b.name, dtypeOf(b.hostKind), b.shape);
    return r;
  }
  std::vector<std::string> outputs() const {
    std::vector<std::string> r;
    for (const auto &b : exec_->manifest().outputs)
      r.push_back(b.name);
    return r;
  }
  /// Pipelined frames, each a list of arrays in input order; returns (each
  /// frame's outputs, stats JSON).
  std::pair<std::vector<std::vector<py::array>>, std::string>
  run(const std::vector<std::vector<py::array>> &frames) {
    std::vector<std::vector<HostTensor>> ins;
    for (const auto &xs : frames) {
      ins.emplace_back();
      for (const auto &x : xs)
        ins.back().push_back(fromNumpy(x));
    }
    RunStats stats;
    llvm::Expected<std::vector<std::vector<HostTensor>>> outs =
        std::vector<std::vector<HostTensor>>();
    {
      py::gil_scoped_release release;
      outs = exec_->runFrames(ins, &stats);
    }
    auto values = unwrap<RunError>(std::move(outs));
    std::vector<std::vector<py::array>> r;
    for (const auto &frame : values) {
      r.emplace_back();
      for (const auto &t : frame)
        r.back().push_back(toNumpy(t));
    }
    return {std::move(r), stats.toJson()};
  }

private:
  std::vector<uint8_t> bytes_;
  std::unique_ptr<Executor> exec_;
};

} // namespace

PYBIND11_MODULE(_npc, m) {
  m.doc() = "npc: compile quantized ONNX networks for NorthPole-class chips and run them";
  // npc.Error is the base of every npc exception (and a ValueError).
  static py::exception<std::runtime_error> base(m, "Error", PyExc_ValueError);
  py::register_exception<CompileError>(m, "CompileError", base.ptr());
  py::register_exception<ArtifactError>(m, "ArtifactError", base.ptr());
  py::register_exception<RunError>(m, "RunError", base.ptr());

  py::class_<PyArtifact>(m, "_Artifact")
      .def("data", &PyArtifact::data)
      .def("manifest", &PyArtifact::manifest)
      .def("inputs", &PyArtifact::inputs)
      .def("outputs", &PyArtifact::outputs)
      .def("run", &PyArtifact::run);

  m.def("load_bytes", [](py::bytes b) {
    std::string s = b;
    return std::make_unique<PyArtifact>(std::vector<uint8_t>(s.begin(), s.end()));
  });

  m.def("compile", [](py::bytes model, const std::string &target, int64_t parallel,
                      int64_t minParallelCycles, bool pipeline, bool search, py::dict bind,
                      py::dict shapes, py::dict limits, const std::string &fillSpan,
                      const std::string &fuseConvAdd, const std::string &streamWeights,
                      const std::string &splitReductions) {
    std::string bytes = model;
    ImportOptions imp = importOptions(bind, shapes, limits);
    CompileOptions opts;
    unwrap<CompileError>(resolveTarget(target)); // a bad name fails before importing
    auto fill = parseChoice(fillSpan), fuse = parseChoice(fuseConvAdd);
    if (!fill)
      throw py::value_error("fill_span must be auto, on or off, got '" + fillSpan + "'");
    if (!fuse)
      throw py::value_error("fuse_conv_add must be auto, on or off, got '" + fuseConvAdd + "'");
    auto stream = parseChoice(streamWeights);
    if (!stream)
      throw py::value_error("stream_weights must be auto, on or off, got '" + streamWeights +
                            "'");
    if (splitReductions != "auto" && splitReductions != "off")
      throw py::value_error("split_reductions must be auto or off, got '" + splitReductions + "'");
    opts.splitReductions = splitReductions == "auto";
    opts.target = target;
    opts.parallel = parallel;
    opts.minParallelCycles = minParallelCycles;
    opts.fillSpan = *fill;
    opts.fuseConvAdd = *fuse;
    opts.streamWeights = *stream;
    opts.pipeline = pipeline;
    opts.search = search;
    llvm::Expected<Artifact> art = Artifact();
    {
      py::gil_scoped_release release;
      art = compileOnnx(bytes, imp, opts);
    }
    auto a = unwrap<CompileError>(std::move(art));
    return std::make_unique<PyArtifact>(serializeArtifact(a));
  });

  m.def("reference", [](py::bytes model, const std::vector<py::array> &xs, py::dict bind,
                        py::dict shapes, py::dict limits) {
    std::string bytes = model;
    ImportOptions imp = importOptions(bind, shapes, limits);
    std::vector<HostTensor> ins;
    for (const auto &x : xs)
      ins.push_back(fromNumpy(x));
    llvm::Expected<std::vector<HostTensor>> outs = std::vector<HostTensor>();
    {
      py::gil_scoped_release release;
      outs = referenceOnnx(bytes, imp, ins);
    }
    auto values = unwrap<CompileError>(std::move(outs));
    std::vector<py::array> r;
    for (const auto &t : values)
      r.push_back(toNumpy(t));
    return r;
  });
}
