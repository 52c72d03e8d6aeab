//===- Manifest.cpp - the artifact manifest as JSON -----------------------===//
#include "npc/Runtime/Manifest.h"
#include "npc/Runtime/InputFile.h"
#include "npc/Runtime/TargetModel.h"
#include "npc/Support/Printable.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace npc;
using namespace npc::kernels;
namespace json = llvm::json;

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

// The manifest is streamed, not built as a json::Value tree: a tree of a
// 100k-layer network takes gigabytes (every box an Object of its own). Keys
// are written in sorted order, as json::Value prints them, so the bytes are
// the same as a tree's.

template <typename T> static void arr(json::OStream &j, const T &v) {
  j.arrayBegin();
  for (const auto &x : v)
    j.value(x);
  j.arrayEnd();
}

static void boxJson(json::OStream &j, const Box &b) {
  j.object([&] {
    j.attributeBegin("hi"); arr(j, b.hi); j.attributeEnd();
    j.attributeBegin("lo"); arr(j, b.lo); j.attributeEnd();
  });
}

/// `key: [ints]` inside an object.
template <typename T> static void arrAttr(json::OStream &j, llvm::StringRef key, const T &v) {
  j.attributeBegin(key);
  arr(j, v);
  j.attributeEnd();
}

static void geometryJson(json::OStream &j, const LayerGeometry &g) {
  j.object([&] {
    j.attribute("axis", g.axis);
    j.attribute("clamp_hi", g.clampHi);
    j.attribute("clamp_lo", g.clampLo);
    j.attribute("count_include_pad", g.countIncludePad);
    arrAttr(j, "dilations", g.dilations);
    j.attribute("group", g.group);
    j.attributeArray("input_shapes", [&] {
      for (const auto &s : g.inputShapes)
        arr(j, s);
    });
    arrAttr(j, "input_zero_points", g.inputZeroPoints);
    arrAttr(j, "kernel", g.kernel);
    j.attribute("kind", g.kind->id);
    j.attribute("kind_name", g.kind->name);
    j.attribute("operand_bits", g.operandBits);
    arrAttr(j, "output_shape", g.outputShape);
    j.attribute("output_zero_point", g.outputZeroPoint);
    arrAttr(j, "pads", g.pads);
    arrAttr(j, "perm", g.perm);
    j.attribute("quantized_output", g.quantizedOutput);
    // Written only for a split reduction's parts: every other layer's
    // manifest stays as it was.
    if (g.reductionOffset)
      j.attribute("reduction_offset", g.reductionOffset);
    // Written only for conv2d_add, as slices below are: every other layer's
    // manifest stays as it was.
    if (const auto &r = g.residualAdd)
      arrAttr(j, "residual_add",
              std::initializer_list<int64_t>{r->convZeroPoint, r->convClampLo, r->convClampHi,
                                             r->convOperand, r->multiplier[0], r->multiplier[1],
                                             r->shift});
    // Written only for slices: every other layer's manifest stays as it was.
    if (!g.sliceStarts.empty() || !g.sliceSteps.empty()) {
      arrAttr(j, "slice_starts", g.sliceStarts);
      arrAttr(j, "slice_steps", g.sliceSteps);
    }
    arrAttr(j, "strides", g.strides);
    arrAttr(j, "weight_shape", g.weightShape);
  });
}

static void layoutJson(json::OStream &j, const ParamLayout &l) {
  arr(j, std::initializer_list<int64_t>{l.weightBits, l.weightsOffset, l.weightCount,
                                        l.biasOffset, l.biasCount, l.multOffset, l.multCount,
                                        l.shiftOffset, l.shiftCount, l.totalBytes});
}

static void boundaryJson(json::OStream &j, const HostBoundary &b) {
  j.object([&] {
    j.attribute("axis", b.axis);
    j.attribute("converts_float", b.convertsFloat);
    j.attribute("host_kind", elemKindName(b.hostKind));
    j.attribute("name", b.name);
    arrAttr(j, "scales", b.scales);
    arrAttr(j, "shape", b.shape);
    j.attribute("storage_max", b.storageMax);
    j.attribute("storage_min", b.storageMin);
    j.attribute("tensor", b.tensor);
    arrAttr(j, "zero_points", b.zeroPoints);
  });
}

std::string npc::layerGeometryToJson(const LayerGeometry &g) {
  std::string s;
  llvm::raw_string_ostream os(s);
  json::OStream j(os);
  geometryJson(j, g);
  return s;
}

std::optional<ElemKind> npc::parseElemKind(llvm::StringRef name) {
  for (ElemKind c : {ElemKind::U8, ElemKind::I8, ElemKind::U16, ElemKind::I16, ElemKind::I32,
                     ElemKind::I64, ElemKind::F32})
    if (name == elemKindName(c))
      return c;
  return std::nullopt;
}

std::string npc::manifestToJson(const Manifest &m) {
  std::string s;
  llvm::raw_string_ostream os(s);
  json::OStream j(os);
  j.object([&] {
    j.attribute("cycles", m.cycles);
    j.attribute("format", "npc-manifest");
    j.attributeArray("inputs", [&] {
      for (const auto &b : m.inputs)
        boundaryJson(j, b);
    });
    j.attributeArray("layers", [&] {
      for (const auto &l : m.layers)
        j.object([&] {
          j.attributeBegin("geometry");
          geometryJson(j, l.geometry);
          j.attributeEnd();
          j.attributeArray("input_reshaped", [&] {
            for (bool r : l.inputReshaped)
              j.value(r);
          });
          arrAttr(j, "inputs", l.inputs);
          j.attribute("name", l.name);
          j.attribute("output", l.output);
          j.attributeArray("tiles", [&] {
            for (const auto &t : l.tiles)
              j.object([&] {
                j.attributeBegin("box");
                boxJson(j, t.box);
                j.attributeEnd();
                j.attribute("core", t.core);
                j.attribute("end", t.end);
                arrAttr(j, "input_addrs", t.inputAddrs);
                j.attributeArray("input_boxes", [&] {
                  for (const auto &b : t.inputBoxes)
                    boxJson(j, b);
                });
                arrAttr(j, "input_copies", t.inputCopies);
                j.attribute("macs", t.macs);
                j.attribute("out_addr", t.outAddr);
                j.attribute("out_copies", t.outCopies);
                j.attribute("param_addr", t.paramAddr);
                j.attributeBegin("param_layout");
                layoutJson(j, t.layout);
                j.attributeEnd();
                if (t.paramsFrom >= 0)
                  j.attribute("params_from", t.paramsFrom);
                j.attribute("start", t.start);
              });
          });
        });
    });
    j.attributeArray("outputs", [&] {
      for (const auto &b : m.outputs)
        boundaryJson(j, b);
    });
    j.attribute("period", m.period);
    j.attribute("report", json::Object(m.report));
    auto target = json::parse(m.target.toJson());
    j.attribute("target", target ? std::move(*target) : json::Value(nullptr));
    j.attributeArray("tensors", [&] {
      for (const auto &t : m.tensors)
        j.object([&] {
          arrAttr(j, "constant", t.constant);
          j.attribute("kind", elemKindName(t.kind));
          j.attribute("producer", t.producer);
          arrAttr(j, "shape", t.shape);
        });
    });
    j.attributeArray("transfers", [&] {
      for (const auto &t : m.transfers) {
        j.arrayBegin();
        for (int64_t v : {t.id, t.noc, t.src, t.dst, t.bytes, t.start, t.arrive})
          j.value(v);
        arr(j, t.route);
        j.value(t.tensor);
        boxJson(j, t.box);
        for (int64_t v : {t.producer[0], t.producer[1], t.consumer[0], t.consumer[1], t.operand,
                          t.group})
          j.value(v);
        j.arrayEnd();
      }
    });
  });
  return s;
}

llvm::SmallVector<TileBuffer, 4> npc::tileBuffers(const Manifest &m, const ManifestLayer &l,
                                                  const ManifestTile &t) {
  llvm::SmallVector<TileBuffer, 4> out;
  // (A tile that streams its parameters holds none on its core.)
  out.push_back({TileBuffer::Parameters, t.paramAddr, t.paramsFrom >= 0 ? 0 : t.layout.totalBytes});
  for (size_t i = 0; i < l.inputs.size(); ++i)
    out.push_back({TileBuffer::Input, t.inputAddrs[i],
                   ringBytes(t.inputBoxes[i].numel() * elemBytes(m.tensors[l.inputs[i]].kind),
                             t.inputCopies[i]),
                   int64_t(i)});
  out.push_back({TileBuffer::Output, t.outAddr,
                 ringBytes(t.box.numel() * elemBytes(m.tensors[l.output].kind), t.outCopies)});
  return out;
}

//===----------------------------------------------------------------------===//
// Placement and wiring (the executor at load, the linked module's verifier)
//===----------------------------------------------------------------------===//

static std::string tileName(const Manifest &m, size_t li, size_t ti) {
  return "tile " + std::to_string(ti) + " of layer '" + printable(m.layers[li].name) + "'";
}

llvm::Error npc::checkBufferOverlaps(const Manifest &m,
                                     std::vector<std::pair<BufferId, BufferId>> *shared) {
  // Every byte range of every core: each tile's parameters, input windows
  // and output buffer (all their copies).
  struct Region {
    int64_t lo, hi;
    size_t layer, tile;
    const char *what;
    int64_t operand;
  };
  static const char *const kNames[] = {"parameters", "input", "output"};
  std::map<int64_t, std::vector<Region>> regions;
  std::vector<std::vector<int>> layerInputs;
  std::vector<int> layerOutputs, graphOutputs;
  for (const ManifestLayer &l : m.layers) {
    layerInputs.push_back(l.inputs);
    layerOutputs.push_back(l.output);
  }
  for (const HostBoundary &o : m.outputs)
    graphOutputs.push_back(o.tensor);
  const std::vector<LayerLifetimes> lives = bufferLifetimes(layerInputs, layerOutputs, graphOutputs);
  auto lifetimeOf = [&](const Region &r) { return lives[r.layer].of(r.operand); };
  const bool pipelined = framesOverlap(m.period, m.cycles);
  for (size_t li = 0; li < m.layers.size(); ++li) {
    const ManifestLayer &l = m.layers[li];
    for (size_t ti = 0; ti < l.tiles.size(); ++ti) {
      const ManifestTile &tile = l.tiles[ti];
      auto &rs = regions[tile.core];
      for (const TileBuffer &b : tileBuffers(m, l, tile))
        rs.push_back({b.addr, b.addr + b.bytes, li, ti, kNames[b.kind], b.operand});
    }
  }
  for (auto &[coreId, rs] : regions) {
    const int64_t core = coreId; // (a lambda below names it)
    llvm::erase_if(rs, [](const Region &r) { return r.hi <= r.lo; });
    llvm::sort(rs, [](const Region &a, const Region &b) {
      return std::tie(a.lo, a.layer, a.tile, a.operand) < std::tie(b.lo, b.layer, b.tile, b.operand);
    });
    std::string conflict;
    forEachOverlap<Region>(rs, [&](const Region &o, const Region &r) {
      const bool params = r.what == kNames[0] || o.what == kNames[0];
      const bool meet = !params && lifetimeOf(r).meets(lifetimeOf(o));
      if (params || meet || pipelined) {
        conflict = ("core " + llvm::Twine(core) + ": " + r.what + " of " +
                    tileName(m, r.layer, r.tile) + " at bytes [" + llvm::Twine(r.lo) + ", " +
                    llvm::Twine(r.hi) + ") overlaps " + o.what + " of " +
                    tileName(m, o.layer, o.tile) + " at bytes [" + llvm::Twine(o.lo) + ", " +
                    llvm::Twine(o.hi) + ")" +
                    (params ? ""
                     : meet ? " while both hold data"
                            : " in a timetable whose frames overlap"))
                       .str();
        return false;
      }
      auto key = [](const Region &x) {
        return BufferId{x.layer, x.tile, x.what == kNames[2] ? -1 : x.operand};
      };
      if (shared)
        shared->push_back({key(o), key(r)});
      return true;
    });
    if (!conflict.empty())
      return llvm::createStringError(llvm::Twine(conflict));
  }
  return llvm::Error::success();
}

llvm::Error npc::checkWiring(const Manifest &m) {
  auto fail = [](const std::string &msg) { return llvm::createStringError(llvm::Twine(msg)); };
  for (size_t li = 0; li < m.layers.size(); ++li) {
    for (int t : m.layers[li].inputs)
      if (m.tensors[t].producer >= int(li))
        return fail("layer '" + printable(m.layers[li].name) + "' reads tensor " +
                    std::to_string(t) + ", which layer " +
                    std::to_string(m.tensors[t].producer) +
                    " makes: a layer reads tensors made before it");
    // The frame's latency covers its events (pipelining and the period
    // are reckoned from it).
    for (size_t ti = 0; ti < m.layers[li].tiles.size(); ++ti)
      if (m.layers[li].tiles[ti].end > m.cycles)
        return fail(tileName(m, li, ti) + " ends at cycle " +
                    std::to_string(m.layers[li].tiles[ti].end) + ", after the frame's " +
                    std::to_string(m.cycles) + " cycles");
  }
  for (const ManifestTransfer &x : m.transfers) {
    const std::string name = "transfer " + std::to_string(x.id);
    if (x.arrive > m.cycles)
      return fail(name + " arrives at cycle " + std::to_string(x.arrive) +
                  ", after the frame's " + std::to_string(m.cycles) + " cycles");
    if (x.producer[0] < 0 && (x.src != kFrameBuffer || m.tensors[x.tensor].producer >= 0))
      return fail(name + " has no producer: only a tensor of the host comes from the frame "
                  "buffer");
    if (x.producer[0] >= 0) {
      const ManifestLayer &pl = m.layers[x.producer[0]];
      if (pl.output != x.tensor || pl.tiles[x.producer[1]].core != x.src ||
          !pl.tiles[x.producer[1]].box.contains(x.box))
        return fail(name + " does not match its producer tile (" +
                    tileName(m, x.producer[0], x.producer[1]) +
                    "): another tensor, core or box");
    }
    if (x.consumer[0] >= 0) {
      const ManifestLayer &cl = m.layers[x.consumer[0]];
      const ManifestTile &ct = cl.tiles[x.consumer[1]];
      if (cl.inputs[x.operand] != x.tensor || !ct.inputBoxes[x.operand].contains(x.box) ||
          ct.core != x.dst)
        return fail(name + " does not match its consumer tile (" +
                    tileName(m, x.consumer[0], x.consumer[1]) +
                    "): another tensor, core or input window");
    }
  }
  return llvm::Error::success();
}

llvm::Error npc::checkInputCoverage(const Manifest &mf) {
  // The transfers into each tile's operand, by (layer, tile, operand).
  std::map<std::tuple<int64_t, int64_t, int64_t>, std::vector<const ManifestTransfer *>> into;
  for (const ManifestTransfer &x : mf.transfers)
    if (x.consumer[0] >= 0)
      into[{x.consumer[0], x.consumer[1], x.operand}].push_back(&x);
  std::vector<uint8_t> covered;
  for (size_t li = 0; li < mf.layers.size(); ++li) {
    const ManifestLayer &l = mf.layers[li];
    for (size_t ti = 0; ti < l.tiles.size(); ++ti) {
      const ManifestTile &tile = l.tiles[ti];
      std::vector<Box> need = kernels::requiredInputBoxes(l.geometry, tile.box);
      for (size_t op = 0; op < l.inputs.size(); ++op) {
        // What the kernel reads, in the tensor's coordinates: a reshaped
        // operand reads all of it.
        Box want = l.inputReshaped[op] ? tile.inputBoxes[op] : need[op];
        if (want.empty())
          continue;
        if (!tile.inputBoxes[op].contains(want))
          return llvm::createStringError(tileName(mf, li, ti) + " needs input " + llvm::Twine(op) +
                                         " over " + want.str() + " but its window holds " +
                                         tile.inputBoxes[op].str());
        // Mark what the transfers bring, one innermost run at a time.
        covered.assign(want.numel(), 0);
        const size_t r = want.rank();
        for (const ManifestTransfer *x : into[{int64_t(li), int64_t(ti), int64_t(op)}]) {
          Box part = x->box.intersect(want);
          if (part.empty())
            continue;
          llvm::SmallVector<int64_t, 4> strides(r, 1);
          for (int64_t d = int64_t(r) - 2; d >= 0; --d)
            strides[d] = strides[d + 1] * want.size(d + 1);
          llvm::SmallVector<int64_t, 4> idx(part.lo.begin(), part.lo.end());
          while (true) {
            int64_t o = 0;
            for (size_t d = 0; d < r; ++d)
              o += (idx[d] - want.lo[d]) * strides[d];
            // A rank-0 operand (a scalar constant an Add broadcasts) is one
            // element: there is no innermost dimension to take a run from.
            std::fill_n(covered.begin() + o, r ? part.size(r - 1) : 1, 1);
            int64_t d = int64_t(r) - 2;
            for (; d >= 0; --d) {
              if (++idx[d] < part.hi[d])
                break;
              idx[d] = part.lo[d];
            }
            if (d < 0)
              break;
          }
        }
        auto gap = std::find(covered.begin(), covered.end(), 0);
        if (gap != covered.end()) {
          // The first element no transfer brings, in the tensor's coordinates.
          int64_t flat = gap - covered.begin();
          std::string at;
          for (int64_t d = int64_t(r) - 1; d >= 0; --d) {
            at = std::to_string(want.lo[d] + flat % want.size(d)) + (at.empty() ? "" : ", ") + at;
            flat /= want.size(d);
          }
          return llvm::createStringError(tileName(mf, li, ti) + " on core " +
                                         llvm::Twine(tile.core) + " reads input " +
                                         llvm::Twine(op) + " over " + want.str() +
                                         ", but no transfer brings element [" + at + "]");
        }
      }
    }
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// The frame buffer
//===----------------------------------------------------------------------===//

/// Sums and products that stop at INT64_MAX (the sizes come from a file).
static int64_t satAdd(int64_t a, int64_t b) {
  int64_t r;
  return llvm::AddOverflow(a, b, r) ? INT64_MAX : r;
}
static int64_t satMul(int64_t a, int64_t b) {
  int64_t r;
  return llvm::MulOverflow(a, b, r) ? INT64_MAX : r;
}

FrameBufferUse npc::frameBufferUse(const Manifest &m) {
  FrameBufferUse u;
  auto bytesOf = [&](int tensor) {
    const ManifestTensor &t = m.tensors[tensor];
    return satMul(Box::full(t.shape).numel(), elemBytes(t.kind));
  };
  // A tensor counts once however many boundaries name it.
  std::vector<bool> counted(m.tensors.size(), false);
  auto add = [&](int tensor, int64_t &into) {
    if (tensor < 0 || counted[tensor])
      return;
    counted[tensor] = true;
    into = satAdd(into, bytesOf(tensor));
  };
  for (const HostBoundary &b : m.inputs)
    add(b.tensor, u.inputBytes);
  for (size_t i = 0; i < m.tensors.size(); ++i)
    if (!m.tensors[i].constant.empty())
      add(int(i), u.constantBytes);
  for (const HostBoundary &b : m.outputs)
    add(b.tensor, u.outputBytes);
  // Any other tensor a transfer writes to the frame buffer is held there
  // like an output.
  for (const ManifestTransfer &x : m.transfers)
    if (x.dst == kFrameBuffer)
      add(x.tensor, u.outputBytes);
  auto model = TargetModel::create(m.target);
  u.hostInputCycles = model->hostLinkCycles(u.inputBytes);
  u.hostOutputCycles = model->hostLinkCycles(u.outputBytes);
  const int64_t held = satAdd(satAdd(m.cycles, u.hostInputCycles), u.hostOutputCycles);
  if (m.period > 0)
    u.framesInFlight = std::max<int64_t>(1, held / m.period + (held % m.period != 0));
  u.total = satAdd(satMul(satAdd(u.inputBytes, u.outputBytes), u.framesInFlight),
                   u.constantBytes);
  return u;
}

llvm::Error npc::checkFrameBuffer(const Manifest &m) {
  FrameBufferUse u = frameBufferUse(m);
  for (auto [cycles, bytes, what] :
       {std::make_tuple(u.hostInputCycles, u.inputBytes, "inputs arrive"),
        std::make_tuple(u.hostOutputCycles, u.outputBytes, "outputs leave")})
    if (cycles > m.period)
      return llvm::createStringError(
          std::make_error_code(std::errc::invalid_argument),
          llvm::formatv("a frame's {0} over the host link in {1} cycles ({2} bytes at {3} "
                        "bytes/s, {4} Hz), longer than the period of {5} cycles",
                        what, cycles, bytes, llvm::format("%g", m.target.hostLinkBytesPerSecond),
                        llvm::format("%g", m.target.clockHz), m.period)
              .str());
  if (u.total <= m.target.frameBufferBytes)
    return llvm::Error::success();
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument),
      llvm::formatv("the frame buffer needs {0} bytes: {1} frame{2} in flight x ({3} input + {4} "
                    "output bytes) + {5} bytes of constants; the target's frame_buffer_bytes "
                    "is {6} ({7})",
                    u.total, u.framesInFlight, u.framesInFlight == 1 ? "" : "s", u.inputBytes,
                    u.outputBytes, u.constantBytes, m.target.frameBufferBytes,
                    u.framesInFlight > 1
                        ? "compile with --no-pipeline to keep one frame in flight, or raise "
                          "frame_buffer_bytes"
                        : "raise frame_buffer_bytes")
          .str());
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

namespace {

/// Typed access with a path for error messages.
struct Reader {
  std::string error;
  std::string prefix = "artifact manifest: ";
  bool fail(const std::string &where, const std::string &what) {
    if (error.empty())
      error = prefix + where + ": " + what;
    return false;
  }
  bool i64(const json::Value *v, const std::string &w, int64_t &out) {
    if (!v || !v->getAsInteger())
      return fail(w, "expected an integer");
    out = *v->getAsInteger();
    return true;
  }
  bool num(const json::Value *v, const std::string &w, double &out) {
    if (!v || !v->getAsNumber())
      return fail(w, "expected a number");
    out = *v->getAsNumber();
    return true;
  }
  template <typename T>
  bool ints(const json::Value *v, const std::string &w, std::vector<T> &out) {
    const json::Array *a = v ? v->getAsArray() : nullptr;
    if (!a)
      return fail(w, "expected an array");
    out.clear();
    for (size_t i = 0; i < a->size(); ++i) {
      int64_t x;
      if (!i64(&(*a)[i], w + "[" + std::to_string(i) + "]", x))
        return false;
      // Narrowed only where it fits: 2^32 + 130 is not the zero point 130.
      if (int64_t(T(x)) != x)
        return fail(w + "[" + std::to_string(i) + "]",
                    std::to_string(x) + " is out of range for this field");
      out.push_back(T(x));
    }
    return true;
  }
  template <size_t N> bool fixed(const json::Value *v, const std::string &w, int64_t (&out)[N]) {
    std::vector<int64_t> tmp;
    if (!ints(v, w, tmp))
      return false;
    if (tmp.size() != N)
      return fail(w, "expected " + std::to_string(N) + " values");
    std::copy(tmp.begin(), tmp.end(), out);
    return true;
  }
  bool box(const json::Value *v, const std::string &w, Box &b) {
    const json::Object *o = v ? v->getAsObject() : nullptr;
    if (!o)
      return fail(w, "expected a box object");
    std::vector<int64_t> lo, hi;
    if (!ints(o->get("lo"), w + ".lo", lo) || !ints(o->get("hi"), w + ".hi", hi))
      return false;
    if (lo.size() != hi.size() || lo.size() > 8)
      return fail(w, "lo and hi must have the same rank (<= 8)");
    for (size_t d = 0; d < lo.size(); ++d)
      if (lo[d] < 0 || hi[d] < lo[d])
        return fail(w, "bounds must satisfy 0 <= lo <= hi");
    b.lo.assign(lo.begin(), lo.end());
    b.hi.assign(hi.begin(), hi.end());
    return true;
  }
  bool kind(const json::Value *v, const std::string &w, ElemKind &k) {
    auto s = v ? v->getAsString() : std::nullopt;
    std::optional<ElemKind> parsed = s ? parseElemKind(*s) : std::nullopt;
    if (!parsed)
      return fail(w, "expected an element kind name");
    k = *parsed;
    return true;
  }
  const json::Array *array(const json::Object &o, const char *key, const std::string &w) {
    const json::Array *a = o.getArray(key);
    if (!a)
      fail(w + "." + key, "expected an array");
    return a;
  }
};

} // namespace

static bool readGeometry(Reader &r, const json::Object &o, const std::string &w,
                         LayerGeometry &g) {
  int64_t kind, group, zp, lo, hi, axis;
  if (!r.i64(o.get("kind"), w + ".kind", kind))
    return false;
  g.kind = findKernel(kind);
  if (!g.kind)
    return r.fail(w + ".kind", "unknown layer kind " + std::to_string(kind));
  const json::Array *ins = r.array(o, "input_shapes", w);
  if (!ins)
    return false;
  g.inputShapes.clear();
  for (size_t i = 0; i < ins->size(); ++i) {
    std::vector<int64_t> s;
    if (!r.ints(&(*ins)[i], w + ".input_shapes", s))
      return false;
    g.inputShapes.push_back(s);
  }
  std::optional<bool> cip = o.getBoolean("count_include_pad");
  std::optional<bool> qo = o.getBoolean("quantized_output");
  if (!cip || !qo)
    return r.fail(w, "missing count_include_pad or quantized_output");
  g.countIncludePad = *cip;
  g.quantizedOutput = *qo;
  if (!r.ints(o.get("output_shape"), w + ".output_shape", g.outputShape) ||
      !r.ints(o.get("weight_shape"), w + ".weight_shape", g.weightShape) ||
      !r.fixed(o.get("kernel"), w + ".kernel", g.kernel) ||
      !r.fixed(o.get("strides"), w + ".strides", g.strides) ||
      !r.fixed(o.get("dilations"), w + ".dilations", g.dilations) ||
      !r.fixed(o.get("pads"), w + ".pads", g.pads) ||
      !r.i64(o.get("group"), w + ".group", group) ||
      !r.ints(o.get("input_zero_points"), w + ".input_zero_points", g.inputZeroPoints) ||
      !r.i64(o.get("output_zero_point"), w + ".output_zero_point", zp) ||
      !r.i64(o.get("clamp_lo"), w + ".clamp_lo", lo) ||
      !r.i64(o.get("clamp_hi"), w + ".clamp_hi", hi) ||
      !r.i64(o.get("axis"), w + ".axis", axis) ||
      !r.i64(o.get("operand_bits"), w + ".operand_bits", g.operandBits) ||
      !r.ints(o.get("perm"), w + ".perm", g.perm))
    return false;
  g.residualAdd.reset();
  if (o.get("residual_add")) {
    std::vector<int64_t> v;
    if (!r.ints(o.get("residual_add"), w + ".residual_add", v))
      return false;
    auto fits = [](int64_t x) { return x >= INT32_MIN && x <= INT32_MAX; };
    if (v.size() != 7 || !llvm::all_of(v, fits))
      return r.fail(w, "residual_add must be 7 int32 values");
    LayerGeometry::ResidualAdd ra;
    ra.convZeroPoint = int32_t(v[0]);
    ra.convClampLo = int32_t(v[1]);
    ra.convClampHi = int32_t(v[2]);
    ra.convOperand = int32_t(v[3]);
    ra.multiplier[0] = int32_t(v[4]);
    ra.multiplier[1] = int32_t(v[5]);
    ra.shift = int32_t(v[6]);
    g.residualAdd = ra;
  }
  g.reductionOffset = 0;
  if (o.get("reduction_offset") &&
      !r.i64(o.get("reduction_offset"), w + ".reduction_offset", g.reductionOffset))
    return false;
  g.sliceStarts.clear();
  g.sliceSteps.clear();
  if ((o.get("slice_starts") || o.get("slice_steps")) &&
      (!r.ints(o.get("slice_starts"), w + ".slice_starts", g.sliceStarts) ||
       !r.ints(o.get("slice_steps"), w + ".slice_steps", g.sliceSteps)))
    return false;
  g.group = group;
  g.outputZeroPoint = int32_t(zp);
  g.clampLo = int32_t(lo);
  g.clampHi = int32_t(hi);
  g.axis = axis;
  if (g.inputZeroPoints.size() != g.inputShapes.size() || g.group < 1 ||
      g.operandBits < 1 || g.operandBits > 32 || zp != g.outputZeroPoint ||
      lo != g.clampLo || hi != g.clampHi)
    return r.fail(w, "inconsistent geometry");
  if (auto err = verifyGeometry(g))
    return r.fail(w, llvm::toString(std::move(err)));
  return true;
}

llvm::Error npc::parseLayerGeometry(const json::Object &o, LayerGeometry &g) {
  Reader r;
  r.prefix.clear();
  if (!readGeometry(r, o, "geometry", g))
    return llvm::createStringError(std::errc::invalid_argument, "%s", r.error.c_str());
  return llvm::Error::success();
}

static bool readBoundary(Reader &r, const json::Value &v, const std::string &w,
                         HostBoundary &b) {
  const json::Object *o = v.getAsObject();
  if (!o)
    return r.fail(w, "expected an object");
  auto name = o->getString("name");
  auto conv = o->getBoolean("converts_float");
  if (!name || !conv)
    return r.fail(w, "missing name or converts_float");
  b.name = name->str();
  b.convertsFloat = *conv;
  int64_t tensor, axis;
  const json::Array *scales = r.array(*o, "scales", w);
  if (!scales || !r.kind(o->get("host_kind"), w + ".host_kind", b.hostKind) ||
      !r.ints(o->get("shape"), w + ".shape", b.shape) ||
      !r.i64(o->get("tensor"), w + ".tensor", tensor) ||
      !r.ints(o->get("zero_points"), w + ".zero_points", b.zeroPoints) ||
      !r.i64(o->get("axis"), w + ".axis", axis) ||
      !r.i64(o->get("storage_min"), w + ".storage_min", b.storageMin) ||
      !r.i64(o->get("storage_max"), w + ".storage_max", b.storageMax))
    return false;
  // Range-checked before narrowing: 2^32 - 1 would become -1 (a tensor
  // nobody reads) and others another tensor.
  if (tensor < -1 || tensor > INT32_MAX)
    return r.fail(w + ".tensor", "out of range");
  if (axis < -1 || axis > INT32_MAX)
    return r.fail(w + ".axis", "out of range");
  b.tensor = int(tensor);
  b.axis = int32_t(axis);
  b.scales.clear();
  for (const auto &s : *scales) {
    double d;
    if (!r.num(&s, w + ".scales", d))
      return false;
    b.scales.push_back(d);
  }
  if (b.convertsFloat && (b.scales.empty() || b.scales.size() != b.zeroPoints.size()))
    return r.fail(w, "scales and zero points must match");
  // What the host's (de)quantization divides by and clamps to: a scale of
  // 0 or a range upside down would give every frame wrong values, not an
  // error.
  if (b.convertsFloat) {
    for (double d : b.scales)
      if (!(d > 0) || !std::isfinite(d))
        return r.fail(w + ".scales", "must be finite and above 0");
    if (b.storageMin > b.storageMax)
      return r.fail(w, "storage_min " + std::to_string(b.storageMin) + " exceeds storage_max " +
                           std::to_string(b.storageMax));
    for (int64_t z : b.zeroPoints)
      if (z < b.storageMin || z > b.storageMax)
        return r.fail(w + ".zero_points", std::to_string(z) + " lies outside [" +
                                              std::to_string(b.storageMin) + ", " +
                                              std::to_string(b.storageMax) + "]");
  }
  return true;
}

namespace {
/// The manifest's root object, its long arrays (tensors, layers, transfers)
/// kept as the text of each element and parsed one at a time: as one
/// json::Value tree, a 20,000-layer manifest took 1.9 GB.
struct SplitManifest {
  llvm::StringRef text;
  json::Object small;                                       // every other member
  llvm::StringMap<std::vector<llvm::StringRef>> elements;   // the long arrays
  std::optional<std::string> error;

  static constexpr const char *kLong[] = {"tensors", "layers", "transfers"};

  /// The message json::parse gives for the whole text: the text is not
  /// JSON, and a part says so out of context.
  llvm::Error malformed() const {
    auto whole = json::parse(text);
    if (!whole)
      return llvm::createStringError(std::errc::invalid_argument, "artifact manifest: %s",
                                     llvm::toString(whole.takeError()).c_str());
    return llvm::createStringError(std::errc::invalid_argument,
                                   "artifact manifest: not an npc manifest");
  }

  llvm::Error split() {
    auto members = splitJson(text);
    if (!members || !text.trim(" \t\n\r").starts_with("{"))
      return malformed();
    for (llvm::StringRef member : *members) {
      auto kv = splitJsonMember(member);
      if (!kv)
        return malformed();
      auto key = json::parse(kv->first);
      std::optional<llvm::StringRef> name = key ? key->getAsString() : std::nullopt;
      if (!key)
        llvm::consumeError(key.takeError());
      if (!name)
        return malformed();
      llvm::StringRef value = kv->second;
      if (small.get(*name) || elements.count(*name))
        return llvm::createStringError(std::errc::invalid_argument,
                                       "artifact manifest: key '%s' appears twice",
                                       printable(*name).c_str());
      if (llvm::is_contained(kLong, *name) && value.starts_with("[")) {
        auto parts = splitJson(value);
        if (!parts)
          return malformed();
        elements[*name] = std::move(*parts);
        continue;
      }
      auto v = json::parse(value);
      if (!v) {
        llvm::consumeError(v.takeError());
        return malformed();
      }
      small[name->str()] = std::move(*v); // an owned key: `key` goes away
    }
    return llvm::Error::success();
  }

  /// Element `i` of the long array `key`, parsed.
  llvm::Expected<json::Value> element(llvm::StringRef key, size_t i) const {
    auto v = json::parse(elements.find(key)->second[i]);
    if (v)
      return v;
    llvm::consumeError(v.takeError());
    return malformed();
  }
};
} // namespace

llvm::Expected<Manifest> npc::parseManifest(llvm::StringRef text) {
  if (auto err = checkJsonDepth(text))
    return llvm::createStringError(std::errc::invalid_argument, "artifact manifest: %s",
                                   llvm::toString(std::move(err)).c_str());
  SplitManifest split;
  split.text = text;
  if (auto e = split.split())
    return std::move(e);
  Reader r;
  Manifest m;
  auto err = [&]() {
    return llvm::createStringError(std::errc::invalid_argument, "%s", r.error.c_str());
  };
  const json::Object *root = &split.small;
  if (root->getString("format") != std::optional<llvm::StringRef>("npc-manifest"))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "artifact manifest: not an npc manifest");
  std::string targetText;
  llvm::raw_string_ostream ts(targetText);
  if (const json::Value *t = root->get("target"))
    ts << *t;
  auto target = parseTargetJson(targetText);
  if (!target)
    return target.takeError();
  m.target = *target;
  // An artifact written before a cost rule existed was scheduled without
  // it: a key its target lacks keeps the old rule, not today's default
  // (docs/artifact.md).
  if (const json::Object *to = root->getObject("target")) {
    if (!to->get("host_link_bytes_per_second"))
      m.target.hostLinkBytesPerSecond = 1e15;
    if (!to->get("mac_array_depth"))
      m.target.macArrayDepth = 0;
    if (!to->get("sram_ports"))
      m.target.sramPorts = 0;
  }
  if (!r.i64(root->get("cycles"), "cycles", m.cycles) ||
      !r.i64(root->get("period"), "period", m.period))
    return err();
  // A graph with nothing on the chip (host-side quantize only) takes 0 cycles.
  if (m.cycles < 0 || m.period < 0 || (m.period == 0 && m.cycles != 0))
    return (r.fail("period", "needs cycles >= 0 and a period of at least 1 cycle"), err());
  if (json::Object *rep = split.small.getObject("report"))
    m.report = std::move(*rep);

  for (const char *key : SplitManifest::kLong)
    if (!split.elements.count(key))
      return (r.fail(std::string("manifest.") + key, "expected an array"), err());
  const json::Array *inputs = r.array(*root, "inputs", "manifest");
  const json::Array *outputs = r.array(*root, "outputs", "manifest");
  if (!inputs || !outputs)
    return err();
  const int64_t numTensors = int64_t(split.elements["tensors"].size());
  const int64_t numLayers = int64_t(split.elements["layers"].size());
  const int64_t numTransfers = int64_t(split.elements["transfers"].size());
  for (int64_t i = 0; i < numTensors; ++i) {
    std::string w = "tensors[" + std::to_string(i) + "]";
    auto element = split.element("tensors", i);
    if (!element)
      return element.takeError();
    const json::Object *o = element->getAsObject();
    if (!o)
      return (r.fail(w, "expected an object"), err());
    ManifestTensor t;
    int64_t producer;
    if (!r.ints(o->get("shape"), w + ".shape", t.shape) ||
        !r.kind(o->get("kind"), w + ".kind", t.kind) ||
        !r.i64(o->get("producer"), w + ".producer", producer) ||
        !r.ints(o->get("constant"), w + ".constant", t.constant))
      return err();
    if (producer < -1 || producer >= numLayers)
      return (r.fail(w, "producer out of range"), err());
    t.producer = int(producer);
    int64_t n = 1;
    for (int64_t d : t.shape) {
      if (d < 0 || d > (int64_t(1) << 31))
        return (r.fail(w, "bad dimension"), err());
      n *= d;
      if (n > (int64_t(1) << 34))
        return (r.fail(w, "tensor too large"), err());
    }
    if (!t.constant.empty() && int64_t(t.constant.size()) != n)
      return (r.fail(w, "constant has the wrong number of values"), err());
    m.tensors.push_back(std::move(t));
  }
  int64_t mem = m.target.coreMemoryBytes;
  for (int64_t li = 0; li < numLayers; ++li) {
    std::string w = "layers[" + std::to_string(li) + "]";
    auto element = split.element("layers", li);
    if (!element)
      return element.takeError();
    const json::Object *o = element->getAsObject();
    if (!o)
      return (r.fail(w, "expected an object"), err());
    ManifestLayer l;
    auto name = o->getString("name");
    const json::Object *geo = o->getObject("geometry");
    const json::Array *tiles = r.array(*o, "tiles", w);
    const json::Array *reshaped = r.array(*o, "input_reshaped", w);
    int64_t output;
    if (!name || !geo || !tiles || !reshaped)
      return (r.fail(w, "missing name, geometry, tiles or input_reshaped"), err());
    l.name = name->str();
    if (!readGeometry(r, *geo, w + ".geometry", l.geometry) ||
        !r.ints(o->get("inputs"), w + ".inputs", l.inputs) ||
        !r.i64(o->get("output"), w + ".output", output))
      return err();
    l.output = int(output);
    for (const auto &v : *reshaped)
      l.inputReshaped.push_back(v.getAsBoolean().value_or(false));
    if (l.inputs.size() != l.geometry.inputShapes.size() ||
        l.inputReshaped.size() != l.inputs.size() || output < 0 || output >= numTensors)
      return (r.fail(w, "inputs/output do not match the geometry"), err());
    for (int t : l.inputs)
      if (t < 0 || t >= numTensors)
        return (r.fail(w, "input tensor out of range"), err());
    for (size_t ti = 0; ti < tiles->size(); ++ti) {
      std::string tw = w + ".tiles[" + std::to_string(ti) + "]";
      const json::Object *to = (*tiles)[ti].getAsObject();
      if (!to)
        return (r.fail(tw, "expected an object"), err());
      ManifestTile t;
      std::vector<int64_t> layout;
      const json::Array *boxes = r.array(*to, "input_boxes", tw);
      if (!boxes || !r.box(to->get("box"), tw + ".box", t.box) ||
          !r.i64(to->get("core"), tw + ".core", t.core) ||
          !r.i64(to->get("param_addr"), tw + ".param_addr", t.paramAddr) ||
          !r.ints(to->get("param_layout"), tw + ".param_layout", layout) ||
          !r.ints(to->get("input_addrs"), tw + ".input_addrs", t.inputAddrs) ||
          !r.i64(to->get("out_addr"), tw + ".out_addr", t.outAddr) ||
          !r.ints(to->get("input_copies"), tw + ".input_copies", t.inputCopies) ||
          !r.i64(to->get("out_copies"), tw + ".out_copies", t.outCopies) ||
          !r.i64(to->get("start"), tw + ".start", t.start) ||
          !r.i64(to->get("end"), tw + ".end", t.end) ||
          !r.i64(to->get("macs"), tw + ".macs", t.macs))
        return err();
      if (to->get("params_from") &&
          !r.i64(to->get("params_from"), tw + ".params_from", t.paramsFrom))
        return err();
      if (layout.size() != 10)
        return (r.fail(tw, "param_layout needs 10 values"), err());
      auto &L = t.layout;
      L = {layout[0], layout[1], layout[2], layout[3], layout[4],
           layout[5], layout[6], layout[7], layout[8], layout[9]};
      for (size_t bi = 0; bi < boxes->size(); ++bi) {
        Box b;
        if (!r.box(&(*boxes)[bi], tw + ".input_boxes", b))
          return err();
        t.inputBoxes.push_back(b);
      }
      // Every buffer inside the core's memory; boxes of the right rank.
      if (t.core < 0 || t.core >= m.target.numCores())
        return (r.fail(tw, "core " + std::to_string(t.core) + " is outside the grid"), err());
      if (t.box.rank() != l.geometry.outputShape.size() ||
          t.inputBoxes.size() != l.inputs.size() || t.inputAddrs.size() != l.inputs.size() ||
          t.inputCopies.size() != l.inputs.size() || t.outCopies < 1 ||
          llvm::any_of(t.inputCopies, [](int64_t c) { return c < 1; }))
        return (r.fail(tw, "boxes or buffers do not match the layer"), err());
      // Checked arithmetic throughout: sizes are bounded before they multiply.
      auto inside = [&](int64_t addr, int64_t bytes) {
        return addr >= 0 && bytes >= 0 && bytes <= mem && addr <= mem - bytes;
      };
      // A buffer of `elems` elements of `kind` in `copies` copies at `addr`
      // inside the core (elems <= 2^34: boxes lie in tensors).
      auto ringInside = [&](int64_t addr, int64_t elems, ElemKind kind, int64_t copies) {
        return ringFits(addr, elems * elemBytes(kind), copies, mem);
      };
      // Each section of the parameters inside them, and all of them inside
      // the core (counts first bounded by the memory, so nothing wraps).
      auto section = [&](int64_t offset, int64_t count, int64_t bits) {
        return offset >= 0 && count >= 0 && count <= mem * 8 &&
               inside(offset, (count * bits + 7) / 8) && offset + (count * bits + 7) / 8 <= L.totalBytes;
      };
      if (!llvm::is_contained({2, 4, 8, 16}, L.weightBits) || !inside(t.paramAddr, L.totalBytes) ||
          !section(L.weightsOffset, L.weightCount, L.weightBits) ||
          !section(L.biasOffset, L.biasCount, 32) || !section(L.multOffset, L.multCount, 32) ||
          !section(L.shiftOffset, L.shiftCount, 32))
        return (r.fail(tw, "parameter layout is inconsistent or outside the core memory"), err());
      const ManifestTensor &out = m.tensors[l.output];
      if (out.shape != l.geometry.outputShape || !Box::full(out.shape).contains(t.box))
        return (r.fail(tw, "box " + t.box.str() + " lies outside the layer's output"), err());
      if (!ringInside(t.outAddr, t.box.numel(), out.kind, t.outCopies))
        return (r.fail(tw, "output buffer lies outside the core memory"), err());
      for (size_t i = 0; i < l.inputs.size(); ++i) {
        const ManifestTensor &in = m.tensors[l.inputs[i]];
        const Box &ib = t.inputBoxes[i];
        // A reshaped operand holds the whole tensor, which the kernel reads
        // in the layer's own operand shape: the same number of elements.
        const auto &shape = l.geometry.inputShapes[i];
        bool fits = ib.rank() == in.shape.size() && Box::full(in.shape).contains(ib) &&
                    (l.inputReshaped[i]
                         ? ib == Box::full(in.shape) &&
                               Box::full(shape).numel() == Box::full(in.shape).numel()
                         : ib.rank() == shape.size() && Box::full(shape).contains(ib));
        if (!fits || !ringInside(t.inputAddrs[i], ib.numel(), in.kind, t.inputCopies[i]))
          return (r.fail(tw, "input buffer " + std::to_string(i) + " is inconsistent"), err());
      }
      l.tiles.push_back(std::move(t));
    }
    // A tile that streams its parameters reads another tile's: one of this
    // layer that holds its own, with the same slice and layout.
    std::vector<Box> boxes;
    for (const ManifestTile &t : l.tiles)
      boxes.push_back(t.box);
    for (size_t ti = 0; ti < l.tiles.size(); ++ti) {
      if (l.tiles[ti].paramsFrom == -1)
        continue;
      std::string problem = kernels::streamedParamsProblem(
          l.geometry, boxes, ti, [&](size_t i) { return l.tiles[i].paramsFrom; },
          [&](size_t a, size_t b) { return l.tiles[a].layout == l.tiles[b].layout; });
      if (!problem.empty())
        return (r.fail(w, problem), err());
    }
    m.layers.push_back(std::move(l));
  }
  for (int64_t i = 0; i < numTransfers; ++i) {
    std::string w = "transfers[" + std::to_string(i) + "]";
    auto element = split.element("transfers", i);
    if (!element)
      return element.takeError();
    const json::Array *a = element->getAsArray();
    if (!a || a->size() != 16)
      return (r.fail(w, "expected 16 fields"), err());
    ManifestTransfer t;
    int64_t tensor;
    const json::Array &f = *a;
    if (!r.i64(&f[0], w, t.id) || !r.i64(&f[1], w, t.noc) || !r.i64(&f[2], w, t.src) ||
        !r.i64(&f[3], w, t.dst) || !r.i64(&f[4], w, t.bytes) || !r.i64(&f[5], w, t.start) ||
        !r.i64(&f[6], w, t.arrive) || !r.ints(&f[7], w, t.route) ||
        !r.i64(&f[8], w, tensor) || !r.box(&f[9], w, t.box) ||
        !r.i64(&f[10], w, t.producer[0]) || !r.i64(&f[11], w, t.producer[1]) ||
        !r.i64(&f[12], w, t.consumer[0]) || !r.i64(&f[13], w, t.consumer[1]) ||
        !r.i64(&f[14], w, t.operand) || !r.i64(&f[15], w, t.group))
      return err();
    t.tensor = int(tensor);
    if (t.id != int64_t(i) || t.noc < 0 || t.noc >= kNumNocs || tensor < 0 ||
        tensor >= numTensors || t.src < -1 || t.src >= m.target.numCores() ||
        t.dst < -1 || t.dst >= m.target.numCores() || t.producer[0] < -1 ||
        t.producer[0] >= numLayers || t.consumer[0] < -1 || t.consumer[0] >= numLayers)
      return (r.fail(w, "index out of range"), err());
    if (t.producer[0] >= 0 &&
        (t.producer[1] < 0 || t.producer[1] >= int64_t(m.layers[t.producer[0]].tiles.size())))
      return (r.fail(w, "producer tile out of range"), err());
    if (t.consumer[0] >= 0) {
      const auto &cl = m.layers[t.consumer[0]];
      if (t.consumer[1] < 0 || t.consumer[1] >= int64_t(cl.tiles.size()) || t.operand < 0 ||
          t.operand >= int64_t(cl.inputs.size()))
        return (r.fail(w, "consumer tile or operand out of range"), err());
    }
    if (t.box.rank() != m.tensors[t.tensor].shape.size() ||
        !Box::full(m.tensors[t.tensor].shape).contains(t.box))
      return (r.fail(w, "box lies outside its tensor"), err());
    m.transfers.push_back(std::move(t));
  }
  for (auto [list, arrp, key] : {std::make_tuple(&m.inputs, inputs, "inputs"),
                                 std::make_tuple(&m.outputs, outputs, "outputs")}) {
    for (size_t i = 0; i < arrp->size(); ++i) {
      HostBoundary b;
      if (!readBoundary(r, (*arrp)[i], std::string(key) + "[" + std::to_string(i) + "]", b))
        return err();
      // -1: an input no layer reads; an output always has a tensor.
      if (b.tensor < (list == &m.outputs ? 0 : -1) || b.tensor >= numTensors)
        return (r.fail(key, "tensor out of range"), err());
      // The host's array and the tensor it fills or reads hold the same
      // elements, and float conversions have one scale per channel.
      std::string bw = std::string(key) + "[" + std::to_string(i) + "]";
      int64_t hostElems = 1; // bounded as it grows: no overflow
      for (int64_t d : b.shape) {
        if (d < 0 || d > (int64_t(1) << 31) || b.shape.size() > 8)
          return (r.fail(bw, "bad shape"), err());
        hostElems *= std::max<int64_t>(d, 1);
        if (hostElems > (int64_t(1) << 34))
          return (r.fail(bw, "shape too large"), err());
      }
      if (b.tensor >= 0) {
        const ManifestTensor &mt = m.tensors[b.tensor];
        if (Box::full(b.shape).numel() != Box::full(mt.shape).numel())
          return (r.fail(bw, "shape " + Box::full(b.shape).str() + " does not match tensor " +
                                 Box::full(mt.shape).str()),
                  err());
        if (b.convertsFloat != (b.hostKind == ElemKind::F32))
          return (r.fail(bw, "host kind and float conversion disagree"), err());
        if (b.convertsFloat) {
          // Inputs index scales along the host shape, outputs along the tensor's.
          const auto &shape = list == &m.inputs ? b.shape : mt.shape;
          int64_t channels = b.axis < 0 ? 1
                             : b.axis < int64_t(shape.size()) ? shape[b.axis]
                                                              : -1;
          if (b.axis < -1 || int64_t(b.scales.size()) != channels)
            return (r.fail(bw, "scales do not match the axis"), err());
        }
      }
      list->push_back(std::move(b));
    }
  }
  return m;
}
