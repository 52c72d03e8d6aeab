//===- Executor.cpp - the functional executor of artifacts ----------------===//
#include "npc/Runtime/Executor.h"
#include "npc/Runtime/FixedPoint.h"
#include "npc/Runtime/ChipModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "npc/Runtime/Parallel.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <numeric>
#include <utility>

using namespace npc;
using kernels::Box;

static llvm::Error violation(const llvm::Twine &msg) {
  return llvm::createStringError(std::errc::invalid_argument, "schedule violation: %s",
                                 msg.str().c_str());
}
static llvm::Error invalid(const llvm::Twine &msg) {
  return llvm::createStringError(std::errc::invalid_argument, "artifact: %s",
                                 msg.str().c_str());
}

std::string RunStats::toJson() const {
  llvm::json::Array ls;
  for (const auto &l : layers)
    ls.push_back(llvm::json::Object{{"name", l.name}, {"start_cycle", l.startCycle},
                                    {"end_cycle", l.endCycle},
                                    {"cycles", l.endCycle - l.startCycle}, {"macs", l.macs}});
  llvm::json::Object o{{"cycles", cycles}, {"cycles_per_frame", cyclesPerFrame},
                       {"total_cycles", totalCycles},
                       {"frames", frames}, {"transfers", transfers},
                       {"bytes_moved", bytesMoved}, {"layers", std::move(ls)}};
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(o)));
  return s;
}

llvm::Expected<std::unique_ptr<Executor>> Executor::load(Artifact artifact) {
  std::unique_ptr<Executor> e(new Executor());
  e->artifact_ = std::move(artifact);
  auto m = parseManifest(e->artifact_.manifest);
  if (!m)
    return m.takeError();
  e->manifest_ = std::move(*m);
  const Manifest &mf = e->manifest_;
  const TargetDesc &t = mf.target;
  auto addProgram = [&](int64_t core, llvm::ArrayRef<uint8_t> bytes) -> llvm::Error {
    auto code = decodeProgram(bytes);
    if (!code)
      return invalid("core " + llvm::Twine(core) + ": " + llvm::toString(code.takeError()));
    for (const Instruction &in : *code) {
      switch (in.op) {
      case Opcode::WaitUntil:
        break;
      case Opcode::Send:
      case Opcode::Recv: {
        if (in.a >= mf.transfers.size())
          return invalid("core " + llvm::Twine(core) + " refers to transfer " +
                         llvm::Twine(in.a) + " of " + llvm::Twine(mf.transfers.size()));
        const ManifestTransfer &x = mf.transfers[in.a];
        if ((in.op == Opcode::Send ? x.src : x.dst) != core)
          return invalid("core " + llvm::Twine(core) + " runs transfer " + llvm::Twine(in.a) +
                         " of cores " + llvm::Twine(x.src) + " -> " + llvm::Twine(x.dst));
        break;
      }
      case Opcode::Compute:
        if (in.a >= mf.layers.size() || in.b >= mf.layers[in.a].tiles.size() ||
            mf.layers[in.a].tiles[in.b].core != core)
          return invalid("core " + llvm::Twine(core) + " computes a tile (" + llvm::Twine(in.a) +
                         ", " + llvm::Twine(in.b) + ") that is not placed on it");
        break;
      }
    }
    e->programs_[core] = std::move(*code);
    return llvm::Error::success();
  };
  if (auto err = addProgram(kFrameBuffer, e->artifact_.host))
    return std::move(err);
  for (const ManifestLayer &l : mf.layers)
    for (const ManifestTile &tile : l.tiles) {
      int64_t &x = e->extent_[tile.core];
      for (const TileBuffer &b : tileBuffers(mf, l, tile))
        x = std::max(x, b.addr + b.bytes);
    }
  for (const CoreImage &c : e->artifact_.cores) {
    if (c.x < 0 || c.y < 0 || c.x >= t.gridCols || c.y >= t.gridRows)
      return invalid("core (" + llvm::Twine(c.x) + ", " + llvm::Twine(c.y) +
                     ") lies outside the " + llvm::Twine(t.gridCols) + "x" +
                     llvm::Twine(t.gridRows) + " grid");
    if (int64_t(c.memory.size()) > t.coreMemoryBytes)
      return invalid("core (" + llvm::Twine(c.x) + ", " + llvm::Twine(c.y) + ") memory image of " +
                     llvm::Twine(c.memory.size()) + " bytes exceeds " +
                     llvm::Twine(t.coreMemoryBytes));
    int64_t core = c.y * t.gridCols + c.x;
    e->images_[core] = &c.memory;
    e->extent_[core] = std::max<int64_t>(e->extent_[core], c.memory.size());
    // The program sits in the core's memory above its buffers.
    if (e->extent_[core] + int64_t(c.program.size()) > t.coreMemoryBytes)
      return invalid("core (" + llvm::Twine(c.x) + ", " + llvm::Twine(c.y) + ") has " +
                     llvm::Twine(e->extent_[core]) + " bytes of buffers and a program of " +
                     llvm::Twine(c.program.size()) + " bytes, more than its " +
                     llvm::Twine(t.coreMemoryBytes) + " bytes");
    if (auto err = addProgram(core, c.program))
      return std::move(err);
  }
  if (auto err = checkFrameBuffer(e->manifest_))
    return invalid(llvm::toString(std::move(err)));
  if (auto err = e->decodeTileParams())
    return std::move(err);
  if (auto err = checkWiring(e->manifest_))
    return invalid(llvm::toString(std::move(err)));
  if (auto err = e->checkPipeline())
    return std::move(err);
  return std::move(e);
}

llvm::Error Executor::decodeTileParams() {
  const Manifest &mf = manifest_;
  auto tileName = [&](size_t li, size_t ti) {
    return "tile " + std::to_string(ti) + " of layer '" + mf.layers[li].name + "'";
  };
  if (llvm::Error err = checkBufferOverlaps(mf, &sharedBuffers_))
    return invalid(llvm::toString(std::move(err)));
  tiles_.resize(mf.layers.size());
  for (size_t li = 0; li < mf.layers.size(); ++li) {
    const ManifestLayer &l = mf.layers[li];
    // This layer's distinct parameter sets so far, by hash.
    std::multimap<llvm::hash_code, std::shared_ptr<TileState>> distinct;
    for (size_t ti = 0; ti < l.tiles.size(); ++ti) {
      const ManifestTile &tile = l.tiles[ti];
      if (tile.paramsFrom >= 0) { // its streamed tile's state, below
        tiles_[li].push_back(nullptr);
        continue;
      }
      int64_t lo = tile.paramAddr, hi = tile.paramAddr + tile.layout.totalBytes;
      auto image = images_.find(tile.core);
      int64_t imageBytes = image == images_.end() ? 0 : int64_t(image->second->size());
      if (tile.layout.totalBytes > 0 && (lo < 0 || hi > imageBytes))
        return invalid(tileName(li, ti) + " has parameters at bytes [" + llvm::Twine(lo) + ", " +
                       llvm::Twine(hi) + ") but its core's memory image holds " +
                       llvm::Twine(imageBytes));
      auto state = std::make_shared<TileState>();
      if (tile.layout.totalBytes > 0)
        state->params = decodeParams(image->second->data() + lo, tile.layout);
      // The requantization's domain (FixedPoint.h): shifts in [0,
      // kMaxShift]; anything else is no artifact npc writes, and would shift
      // out of range. (Any int32 multiplier is fine: a subtraction's is
      // negative, and |accumulator| < 2^32 keeps every product in int64.)
      for (int32_t v : state->params.shift)
        if (v < 0 || v > kMaxShift)
          return invalid(tileName(li, ti) + " has a shift of " + llvm::Twine(v) +
                         ", outside [0, " + llvm::Twine(kMaxShift) + "]");
      const TileParams &p = state->params;
      auto range = [](const std::vector<int32_t> &v) {
        return llvm::hash_combine_range(v.begin(), v.end());
      };
      const llvm::hash_code key =
          llvm::hash_combine(range(p.weights), range(p.bias), range(p.mult), range(p.shift));
      auto [first, last] = distinct.equal_range(key);
      auto same = std::find_if(first, last, [&](const auto &entry) {
        const TileParams &q = entry.second->params;
        return q.weights == p.weights && q.bias == p.bias && q.mult == p.mult &&
               q.shift == p.shift;
      });
      if (same != last) {
        tiles_[li].push_back(same->second);
        continue;
      }
      distinct.emplace(key, state);
      tiles_[li].push_back(std::move(state));
    }
    for (size_t ti = 0; ti < l.tiles.size(); ++ti)
      if (l.tiles[ti].paramsFrom >= 0)
        tiles_[li][ti] = tiles_[li][size_t(l.tiles[ti].paramsFrom)];
  }
  if (llvm::Error err = checkInputCoverage(mf))
    return invalid(llvm::toString(std::move(err)));
  return llvm::Error::success();
}


namespace {

/// Copies `region` (absolute coordinates) between two row-major box buffers
/// of the same element size, in runs as long as the layouts allow: trailing
/// dimensions that the region and both boxes span whole merge into one run.
void copyRegion(const uint8_t *src, const Box &srcBox, uint8_t *dst, const Box &dstBox,
                const Box &region, int64_t eb) {
  if (region.empty())
    return;
  const int64_t r = int64_t(region.rank());
  if (r == 0) { // a scalar: one element, no dimension to run along
    std::memcpy(dst, src, size_t(eb));
    return;
  }
  llvm::SmallVector<int64_t, 4> ss(r, 1), ds(r, 1);
  for (int64_t d = r - 2; d >= 0; --d) {
    ss[d] = ss[d + 1] * srcBox.size(d + 1);
    ds[d] = ds[d + 1] * dstBox.size(d + 1);
  }
  // Dimensions [inner, r) form one contiguous run in both buffers.
  int64_t inner = r - 1;
  while (inner > 0 && region.size(inner) == srcBox.size(inner) &&
         region.size(inner) == dstBox.size(inner))
    --inner;
  const int64_t run = region.size(inner) * ss[inner] * eb;
  int64_t so = 0, dof = 0;
  for (int64_t d = 0; d < r; ++d) {
    so += (region.lo[d] - srcBox.lo[d]) * ss[d];
    dof += (region.lo[d] - dstBox.lo[d]) * ds[d];
  }
  // A run of a few bytes (a row of a 7x7 plane) is copied inline: ResNet-50
  // moves about 670,000 runs a frame, most under 32 bytes, and a libc call
  // each took a tenth of the executor's time.
  auto copyRun = [run](uint8_t *d, const uint8_t *s) {
    if (run > 32) {
      std::memcpy(d, s, run);
    } else if (run >= 16) { // two 16-byte moves, overlapping
      uint8_t a[16], b[16];
      std::memcpy(a, s, 16);
      std::memcpy(b, s + run - 16, 16);
      std::memcpy(d, a, 16);
      std::memcpy(d + run - 16, b, 16);
    } else if (run >= 8) {
      uint64_t a, b;
      std::memcpy(&a, s, 8);
      std::memcpy(&b, s + run - 8, 8);
      std::memcpy(d, &a, 8);
      std::memcpy(d + run - 8, &b, 8);
    } else {
      for (int64_t i = 0; i < run; ++i)
        d[i] = s[i];
    }
  };
  // Odometer over the outer dimensions [0, inner), offsets kept
  // incrementally; the last of them is the loop that copies.
  if (inner == 0) {
    copyRun(dst + dof * eb, src + so * eb);
    return;
  }
  const int64_t last = inner - 1, count = region.size(last);
  llvm::SmallVector<int64_t, 4> idx(last, 0);
  // The destination, an input window last written a frame ago, is not in
  // the caches: ask for its lines for writing 16 runs ahead (10% of these
  // copies' time, calls with and without it alternating in one run).
  constexpr int64_t kAhead = 16;
  while (true) {
    uint8_t *d = dst + dof * eb;
    const uint8_t *s = src + so * eb;
    for (int64_t i = 0; i < count; ++i, d += ds[last] * eb, s += ss[last] * eb) {
      __builtin_prefetch(d + kAhead * ds[last] * eb, 1);
      copyRun(d, s);
    }
    int64_t d0 = last - 1;
    for (; d0 >= 0; --d0) {
      so += ss[d0];
      dof += ds[d0];
      if (++idx[d0] < region.size(d0))
        break;
      so -= ss[d0] * region.size(d0);
      dof -= ds[d0] * region.size(d0);
      idx[d0] = 0;
    }
    if (d0 < 0)
      return;
  }
}


struct Event {
  int64_t cycle, order, frame, core, seq;
  Instruction in;
  bool operator<(const Event &o) const {
    return std::tie(cycle, order, frame, core, seq) <
           std::tie(o.cycle, o.order, o.frame, o.core, o.seq);
  }
};

/// The events of all frames in global order, merged from one frame's sorted
/// list: frame f runs every program f * period cycles after frame 0. Kept
/// as one list per frame rather than frames x events (a long network with
/// 128 frames in flight would need gigabytes).
class EventStream {
  // A frame's place in the list, with its next event's cycle: most
  // comparisons end at the cycle, without reading the list (whose entries
  // for all frames in flight are far apart).
  struct Cursor {
    int64_t cycle;
    int64_t frame;
    size_t index;
  };
  struct Later {
    const EventStream *s;
    bool operator()(const Cursor &a, const Cursor &b) const {
      if (a.cycle != b.cycle)
        return b.cycle < a.cycle;
      return s->at(b) < s->at(a);
    }
  };

public:
  EventStream(std::vector<Event> oneFrame, int64_t numFrames, int64_t period)
      : base_(std::move(oneFrame)), period_(period) {
    llvm::sort(base_);
    if (!base_.empty())
      for (int64_t f = 0; f < numFrames; ++f)
        heap_.push_back({base_[0].cycle + f * period_, f, 0});
    std::make_heap(heap_.begin(), heap_.end(), Later{this});
  }
  bool empty() const { return heap_.empty(); }
  /// The next event without taking it.
  Event peek() const { return at(heap_.front()); }
  Event pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{this});
    Cursor &c = heap_.back();
    Event e = at(c);
    if (++c.index < base_.size()) {
      c.cycle = base_[c.index].cycle + c.frame * period_;
      std::push_heap(heap_.begin(), heap_.end(), Later{this});
    } else
      heap_.pop_back();
    return e;
  }

private:
  Event at(const Cursor &c) const {
    Event e = base_[c.index];
    e.cycle += c.frame * period_;
    e.frame = c.frame;
    return e;
  }
  std::vector<Event> base_;
  int64_t period_;
  std::vector<Cursor> heap_;
};

/// Which frame's data a buffer copy holds and until when that frame still
/// reads it (INT64_MAX: not read completely yet).
struct BufferUse {
  int64_t frame = -1, busyUntil = 0, pendingReads = 0;
};

} // namespace

llvm::Expected<std::vector<std::vector<HostTensor>>>
Executor::runFrames(const std::vector<std::vector<HostTensor>> &frames, RunStats *stats) {
  if (frames.empty())
    return llvm::createStringError(std::errc::invalid_argument, "no frames to run");
  std::lock_guard<std::mutex> runLock(runMutex_);
  return simulate(&frames, int64_t(frames.size()), stats);
}

llvm::Error Executor::checkHostMemory(int64_t frames) const {
  int64_t cores = 0;
  for (const auto &[core, bytes] : extent_)
    cores += bytes; // each below the target's core memory (checked at load)
  FrameBufferUse fb = frameBufferUse(manifest_);
  int64_t perFrame = fb.inputBytes + fb.outputBytes + fb.constantBytes; // each below 2^40
  if (perFrame <= (kMaxHostBytes - std::min(cores, kMaxHostBytes)) / std::max<int64_t>(1, frames))
    return llvm::Error::success();
  return invalid(llvm::formatv("running {0} frame{1} would take {2} bytes of core memories and "
                               "{3} bytes of frame buffer per frame, more than the executor's "
                               "limit of {4} bytes in all",
                               frames, frames == 1 ? "" : "s", cores, perFrame, kMaxHostBytes)
                     .str());
}

llvm::Error Executor::checkPipeline() {
  // Enough frames that every frame in flight meets the ones after it on
  // every link, MAC array and buffer copy: those in flight at once, plus
  // the most copies any buffer has.
  const Manifest &m = manifest_;
  int64_t copies = 1;
  for (const ManifestLayer &l : m.layers)
    for (const ManifestTile &t : l.tiles) {
      copies = std::max(copies, t.outCopies);
      for (int64_t c : t.inputCopies)
        copies = std::max(copies, c);
    }
  int64_t inFlight = m.period > 0 ? (m.cycles + m.period - 1) / m.period : 1;
  int64_t frames = std::min<int64_t>(128, 1 + inFlight + copies);
  return simulate(nullptr, frames, nullptr).takeError();
}

llvm::Expected<std::vector<std::vector<HostTensor>>>
Executor::simulate(const std::vector<std::vector<HostTensor>> *framesIn, int64_t numFrames,
                   RunStats *stats) {
  const Manifest &m = manifest_;
  const TargetDesc &t = m.target;
  std::unique_ptr<TargetModel> model = TargetModel::create(t);
  // Without frames: the timetable's checks only, nothing copied or computed.
  const bool data = framesIn != nullptr;
  if (data)
    if (auto err = checkHostMemory(numFrames))
      return std::move(err);
  static const std::vector<std::vector<HostTensor>> none;
  const std::vector<std::vector<HostTensor>> &frames = data ? *framesIn : none;
  // Core memories, loaded with their images, shared by all frames and kept
  // between runs: a run reads no byte it has not written itself (the
  // buffer checks below), and nothing writes over the images' parameters.
  std::map<int64_t, HugeVector<uint8_t>> &mem = memory_;
  // Asked for every transfer's two cores: a flat index by core in front of
  // the map's tree (whose look-ups missed the cache on every event).
  std::vector<uint8_t *> memAt(size_t(std::max<int64_t>(0, t.numCores())), nullptr);
  auto memOf = [&](int64_t core) -> uint8_t * {
    const bool indexed = core >= 0 && core < int64_t(memAt.size());
    if (indexed && memAt[core])
      return memAt[core];
    auto &v = mem[core];
    if (v.empty()) {
      v.assign(std::max<int64_t>(1, extent_[core]), 0);
      auto it = images_.find(core);
      if (it != images_.end())
        std::copy(it->second->begin(), it->second->end(), v.begin());
    }
    if (indexed)
      memAt[core] = v.data();
    return v.data();
  };
  // Frame buffer: whole tensors, one set per frame.
  std::vector<std::map<int, std::vector<uint8_t>>> fb(numFrames);
  auto fbOf = [&](int64_t f, int tensor) -> std::vector<uint8_t> & {
    auto &v = fb[f][tensor];
    const ManifestTensor &mt = m.tensors[tensor];
    if (v.empty())
      v.assign(Box::full(mt.shape).numel() * elemBytes(mt.kind), 0);
    return v;
  };
  for (int64_t f = 0; data && f < numFrames; ++f) {
    const std::vector<HostTensor> &inputs = frames[f];
    if (inputs.size() != m.inputs.size())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "the model has %zu inputs, %zu given", m.inputs.size(),
                                     inputs.size());
    for (size_t i = 0; i < inputs.size(); ++i) {
      const HostBoundary &b = m.inputs[i];
      const HostTensor &x = inputs[i];
      if (!inputKindAccepts(b.hostKind, x.kind) || x.shape != b.shape) {
        HostTensor want;
        want.shape = b.shape;
        return llvm::createStringError(std::errc::invalid_argument,
                                       "input '%s' must be %s %s, got %s %s", b.name.c_str(),
                                       elemKindName(b.hostKind), want.shapeString().c_str(),
                                       elemKindName(x.kind), x.shapeString().c_str());
      }
      if (b.tensor < 0)
        continue;
      const ManifestTensor &mt = m.tensors[b.tensor];
      std::vector<int32_t> q = x.ints;
      if (b.convertsFloat) { // host-side QuantizeLinear
        // In runs of one scale: the dimensions after the axis (the whole
        // tensor when it is quantized per tensor).
        const int64_t n = int64_t(x.floats.size());
        const int64_t run = b.axis < 0 ? n : std::max<int64_t>(1, axisInner(b.shape, b.axis));
        q.resize(x.floats.size());
        for (int64_t at = 0; at < n; at += run) {
          const int64_t c = axisIndex(at, b.shape, b.axis);
          quantizeFloats(x.floats.data() + at, std::min(run, n - at),
                         float(b.scales[c]), int32_t(b.zeroPoints[c]), int32_t(b.storageMin),
                         int32_t(b.storageMax), q.data() + at);
        }
      }
      storeElems(mt.kind, q, fbOf(f, b.tensor).data());
    }
    for (size_t i = 0; i < m.tensors.size(); ++i)
      if (!m.tensors[i].constant.empty())
        storeElems(m.tensors[i].kind, m.tensors[i].constant, fbOf(f, int(i)).data());
  }

  // All instructions of all frames in global cycle order.
  std::vector<Event> oneFrame;
  int64_t seq = 0;
  for (auto &[core, code] : programs_) {
    int64_t now = 0;
    for (const Instruction &in : code) {
      if (in.op == Opcode::WaitUntil) {
        if (int64_t(in.b) < now)
          return violation(llvm::formatv("core {0} waits for cycle {1} after cycle {2}", core,
                                         in.b, now));
        now = int64_t(in.b);
        continue;
      }
      int64_t order = in.op == Opcode::Recv ? 0 : in.op == Opcode::Compute ? 1 : 2;
      oneFrame.push_back({now, order, 0, core, seq++, in});
    }
  }
  // Every cycle the run computes stays below 2^62 (a manifest may claim any
  // period and a program any cycle; the durations added to them are far
  // smaller): the last frame's events and the frames' starts.
  {
    constexpr int64_t kMaxCycle = int64_t(1) << 62;
    int64_t last = std::max<int64_t>(0, m.cycles);
    for (const Event &e : oneFrame)
      last = std::max(last, e.cycle);
    int64_t span = 0;
    if (__builtin_mul_overflow(numFrames - 1, m.period, &span) ||
        __builtin_add_overflow(span, last, &span) || span >= kMaxCycle)
      return invalid(llvm::formatv("{0} frame{1} at a period of {2} cycles, events up to cycle "
                                   "{3}, would run past cycle 2^62",
                                   numFrames, numFrames == 1 ? "" : "s", m.period, last)
                         .str());
  }
  EventStream events(std::move(oneFrame), numFrames, m.period);

  // Per-tile and per-operand state in flat arrays (tile t of layer l is
  // tileBase[l] + t; its operand op is operandBase[tile] + op), per frame
  // where it changes by frame.
  std::vector<size_t> tileBase(m.layers.size() + 1, 0), operandBase(1, 0);
  for (size_t l = 0; l < m.layers.size(); ++l) {
    tileBase[l + 1] = tileBase[l] + m.layers[l].tiles.size();
    for (size_t k = 0; k < m.layers[l].tiles.size(); ++k)
      operandBase.push_back(operandBase.back() + m.layers[l].inputs.size());
  }
  const size_t numTiles = tileBase.back(), numOperands = operandBase.back();
  auto tileIx = [&](int64_t l, int64_t tile) { return tileBase[l] + size_t(tile); };
  auto operandIx = [&](int64_t l, int64_t tile, int64_t op) {
    return operandBase[tileIx(l, tile)] + size_t(op);
  };
  // Expected transfers per operand, to check completeness; transfers that
  // read each tile's output.
  std::vector<int64_t> expected(numOperands, 0), readers(numTiles, 0);
  std::vector<int64_t> received(numFrames * numOperands, 0);
  for (const ManifestTransfer &x : m.transfers) {
    if (x.consumer[0] >= 0)
      ++expected[operandIx(x.consumer[0], x.consumer[1], x.operand)];
    if (x.producer[0] >= 0)
      ++readers[tileIx(x.producer[0], x.producer[1])];
  }
  const size_t numTransfers = m.transfers.size();
  // When each tile of each frame finished computing (-1: not yet).
  std::vector<int64_t> tileEndAll(numFrames * numTiles, -1);
  auto tileEnd = [&](int64_t f, int64_t l, int64_t tile) -> int64_t & {
    return tileEndAll[size_t(f) * numTiles + tileIx(l, tile)];
  };
  int64_t maxCore = 0;
  for (const auto &[core, code] : programs_)
    maxCore = std::max(maxCore, core);
  std::vector<int64_t> coreBusy(maxCore + 1, 0); // by core id
  std::vector<int64_t> arrival(numFrames * numTransfers, -1);
  std::vector<bool> done(numFrames * numTransfers, false);
  // The windows each link is held for (TargetModel::linkWindow), sorted
  // and disjoint; those that ended before the current send are dropped (a
  // later send's windows start no earlier than it does).
  // With the multicast (frame, group) that last took the link: its other
  // members use the link at no extra cost. One record per link, so that a
  // hop reads one place.
  struct LinkState {
    int64_t groupFrame = -1, group = -1;
    llvm::SmallVector<std::pair<int64_t, int64_t>, 3> busy;
  };
  // Each NoC has its own wires: link l of NoC n is links[n * numLinks + l].
  // The model NoC's carry streamed parameters (and any transfer said to be
  // on it), the partial-sum NoC's a split reduction's partial sums.
  const int64_t numLinks = model->numLinks();
  std::vector<LinkState> links(size_t(kNumNocs * numLinks));
  auto nocLink = [&](NocKind noc, int64_t link) -> LinkState & {
    return links[size_t(int64_t(noc) * numLinks + link)];
  };
  // Each streaming tile's stream (TargetModel::paramStream), once known.
  std::vector<std::optional<TargetModel::ParamStream>> streams(numTiles);
  // Holds link `ls` over [s, e) at `cycle` (events come in cycle order, so
  // holds that ended before it are dropped); false if that collides.
  auto occupy = [](LinkState &ls, int64_t cycle, int64_t s, int64_t e) {
    auto &busy = ls.busy;
    size_t past = 0;
    while (past < busy.size() && busy[past].second <= cycle)
      ++past;
    busy.erase(busy.begin(), busy.begin() + past);
    auto at = std::lower_bound(busy.begin(), busy.end(), std::make_pair(s, s));
    if ((at != busy.end() && at->first < e) || (at != busy.begin() && std::prev(at)->second > s))
      return false;
    busy.insert(at, {s, e});
    return true;
  };
  // SRAM ports (TargetModel::sramPorts): per core, when each port it holds
  // is released. Every hold starts at the event that takes it, and events
  // come in cycle order, so the holds not yet released are all held now.
  std::vector<std::vector<int64_t>> portRelease(size_t(m.target.numCores()));
  // The multicasts (frame, group) that took a port of each core at the
  // cycle given: their other members use it at no extra cost (members all
  // leave at one cycle).
  struct GroupPorts {
    int64_t cycle = -1;
    llvm::SmallVector<std::pair<int64_t, int64_t>, 2> groups;
  };
  std::vector<GroupPorts> portGroups(size_t(m.target.numCores()));
  // (`what` names the taker, called only for the error: the events that
  // take ports are most of a run's.)
  auto takePort = [&](int64_t core, int64_t cycle, int64_t release,
                      llvm::function_ref<std::string()> what) -> llvm::Error {
    if (model->sramPorts() <= 0 || core < 0 || core >= int64_t(portRelease.size()))
      return llvm::Error::success();
    auto &held = portRelease[core];
    llvm::erase_if(held, [&](int64_t r) { return r <= cycle; });
    if (int64_t(held.size()) >= model->sramPorts())
      return violation(what() + " at cycle " + llvm::Twine(cycle) + " finds the " +
                       llvm::Twine(model->sramPorts()) + " SRAM ports of core " +
                       llvm::Twine(core) + " all held");
    held.push_back(release);
    return llvm::Error::success();
  };
  // Each transfer's route and duration, the same for every frame.
  // The routes' links in one array (transfer i's from routeBegin[i]): no
  // allocation per transfer.
  TransferDurations durations;
  std::vector<int64_t> routeLinks;
  std::vector<size_t> routeBegin{0};
  // A multicast leaves once, on one NoC: its members hold each link once.
  std::map<int64_t, int64_t> groupNoc;
  for (const ManifestTransfer &x : m.transfers) {
    model->walkRoute(x.src, x.dst, [&](int64_t link) { routeLinks.push_back(link); });
    routeBegin.push_back(routeLinks.size());
    durations.addMember(x.group, int64_t(routeBegin.back() - routeBegin[routeBegin.size() - 2]));
    if (x.group >= 0 && groupNoc.try_emplace(x.group, x.noc).first->second != x.noc)
      return violation(llvm::formatv("transfer {0} is on the {1} NoC, but multicast {2} is on "
                                     "the {3} NoC",
                                     x.id, nocName(NocKind(x.noc)), x.group,
                                     nocName(NocKind(groupNoc[x.group]))));
  }
  auto routeOf = [&](int64_t transfer) {
    return llvm::ArrayRef<int64_t>(routeLinks.data() + routeBegin[transfer],
                                   routeLinks.data() + routeBegin[transfer + 1]);
  };
  // (0 for a transfer whose byte count is not its box's: `send` refuses it
  // before it needs a duration, and its count may be any int64.)
  std::vector<int64_t> transferCycles;
  for (const ManifestTransfer &x : m.transfers)
    transferCycles.push_back(x.bytes == x.box.numel() * elemBytes(m.tensors[x.tensor].kind)
                                 ? durations.cycles(*model, NocKind(x.noc), x.bytes, x.group,
                                                    int64_t(routeOf(x.id).size()))
                                 : 0);
  // Buffer copies in one flat array: each operand's input copies, then
  // each tile's output copies (inputCopy, outputCopy below). Frame f uses
  // copy f % copies, so no more than numFrames of them (an artifact may
  // claim any number of copies of an empty buffer).
  std::vector<size_t> inputSlot(numOperands), outputSlot(numTiles);
  size_t numSlots = 0;
  for (size_t l = 0; l < m.layers.size(); ++l)
    for (size_t tile = 0; tile < m.layers[l].tiles.size(); ++tile) {
      const ManifestTile &mt = m.layers[l].tiles[tile];
      for (size_t op = 0; op < m.layers[l].inputs.size(); ++op) {
        inputSlot[operandIx(l, tile, op)] = numSlots;
        numSlots += size_t(std::min(mt.inputCopies[op], numFrames));
      }
      outputSlot[tileIx(l, tile)] = numSlots;
      numSlots += size_t(std::min(mt.outCopies, numFrames));
    }
  std::vector<BufferUse> buffers(numSlots);
  // Buffer copies that share bytes with others (sharedBuffers_): each one's
  // first write of a frame must find every other done (no reads pending,
  // none still under way). Those tasks share one record of who reads and
  // writes them (accessOf), so their copies and kernels run in event order.
  std::vector<std::vector<std::pair<size_t, BufferKey>>> sharesWith(
      sharedBuffers_.empty() ? 0 : numSlots);
  std::vector<size_t> accessOf(numSlots);
  std::iota(accessOf.begin(), accessOf.end(), size_t(0));
  {
    auto slotsOf = [&](const BufferKey &b) {
      const ManifestTile &mt = m.layers[b.layer].tiles[b.tile];
      size_t first = b.operand < 0 ? outputSlot[tileIx(b.layer, b.tile)]
                                   : inputSlot[operandIx(b.layer, b.tile, b.operand)];
      int64_t copies = b.operand < 0 ? mt.outCopies : mt.inputCopies[b.operand];
      return std::make_pair(first, first + size_t(std::min(copies, numFrames)));
    };
    // (A loop, not recursion: a chain may run through thousands of copies.)
    auto root = [&](size_t x) {
      size_t r = x;
      while (accessOf[r] != r)
        r = accessOf[r];
      while (accessOf[x] != r)
        x = std::exchange(accessOf[x], r);
      return r;
    };
    for (auto &[a, b] : sharedBuffers_) {
      auto [a0, a1] = slotsOf(a);
      auto [b0, b1] = slotsOf(b);
      for (size_t x = a0; x < a1; ++x)
        for (size_t y = b0; y < b1; ++y) {
          sharesWith[x].push_back({y, b});
          sharesWith[y].push_back({x, a});
          accessOf[root(x)] = root(y);
        }
    }
    for (size_t x = 0; x < numSlots; ++x)
      accessOf[x] = root(x);
  }
  // Frame f starts at f * period (its inputs are in the frame buffer then)
  // and ends with its last event, or at its start when it has none (a graph
  // that runs on the host only still takes a period per frame: the host
  // link's).
  std::vector<int64_t> frameEnd(numFrames, 0);
  for (int64_t f = 0; f < numFrames; ++f)
    frameEnd[f] = f * m.period;
  int64_t bytesMoved = 0;

  auto endpointName = [](int64_t core) {
    return core < 0 ? std::string("the frame buffer") : "core " + std::to_string(core);
  };
  auto tileStr = [&](int64_t l, int64_t tile) {
    return "tile " + std::to_string(tile) + " of layer '" + m.layers[l].name + "'";
  };
  // A buffer copy's first write of a frame, at `cycle`: every buffer
  // sharing its bytes must be done with its data by then.
  auto claim = [&](size_t slot, int64_t cycle,
                   llvm::function_ref<std::string()> what) -> llvm::Error {
    if (sharesWith.empty())
      return llvm::Error::success();
    for (const auto &[other, key] : sharesWith[slot]) {
      const BufferUse &o = buffers[other];
      if (o.frame < 0 || (o.pendingReads <= 0 && o.busyUntil <= cycle))
        continue;
      std::string holder = (key.operand < 0 ? std::string("the output of ")
                                            : "input " + std::to_string(key.operand) + " of ") +
                           tileStr(int64_t(key.layer), int64_t(key.tile));
      return violation(llvm::formatv("{0} at cycle {1}, in bytes where {2} still holds data of "
                                     "frame {3}",
                                     what(), cycle, holder, o.frame));
    }
    return llvm::Error::success();
  };
  auto inputCopy = [&](int64_t l, int64_t tile, int64_t op, int64_t f) {
    const ManifestTile &mt = m.layers[l].tiles[tile];
    return inputSlot[operandIx(l, tile, op)] + size_t(f % mt.inputCopies[op]);
  };
  auto outputCopy = [&](int64_t l, int64_t tile, int64_t f) {
    return outputSlot[tileIx(l, tile)] + size_t(f % m.layers[l].tiles[tile].outCopies);
  };
  auto inputAddr = [&](int64_t l, int64_t tile, int64_t op, int64_t f) {
    const ManifestLayer &ml = m.layers[l];
    const ManifestTile &mt = ml.tiles[tile];
    int64_t bytes = mt.inputBoxes[op].numel() * elemBytes(m.tensors[ml.inputs[op]].kind);
    return ringAddr(mt.inputAddrs[op], bytes, mt.inputCopies[op], f);
  };
  auto outputAddr = [&](int64_t l, int64_t tile, int64_t f) {
    const ManifestLayer &ml = m.layers[l];
    const ManifestTile &mt = ml.tiles[tile];
    int64_t bytes = mt.box.numel() * elemBytes(m.tensors[ml.output].kind);
    return ringAddr(mt.outAddr, bytes, mt.outCopies, f);
  };

  std::vector<Box> fullBoxes;
  // The data plane. The checks below run in event order on this thread;
  // each copy (send) and tile computation they pass becomes a task of
  // `graph`, after the earlier tasks that wrote what it reads and those that
  // read or wrote what it writes (buffer copies, frame-buffer tensors). The
  // event order is one order that keeps all of those, so the bytes are those
  // of running the events one by one, while independent tiles and copies
  // (other cores, other frames) run at once on all threads.
  struct DataTask {
    int64_t frame = 0, layer = -1, tile = 0; // layer -1: copies
    uint8_t *core = nullptr;                 // the computing core's memory
    int64_t firstCopy = 0, numCopies = 0;    // copies[firstCopy, +numCopies), in order
  };
  // One transfer's bytes.
  struct CopyOp {
    const uint8_t *src = nullptr;
    uint8_t *dst = nullptr;
    const Box *srcBox = nullptr, *dstBox = nullptr, *box = nullptr;
    int64_t elemBytes = 0;
  };
  // A round of tasks and copies is at most this many (their storage never
  // moves while the workers read it); then the round is finished before
  // the next. The end of a round is a barrier that leaves a thread idle
  // while the last chains finish: a batch of 20 ResNet frames (17,000-
  // 18,000 tasks, 72,000 copies) fits one round (with 2^14 and 2^16 it took
  // two, and the INT4 and INT2 twins, whose graphs have more tasks and
  // edges, lost 4-7% more at the barrier than INT8; docs/executor.md).
  constexpr int64_t kTasksPerRound = 1 << 16, kCopiesPerRound = 1 << 18;
  // Transfers sent one after another, with no tile in between, are one task
  // of up to this many bytes: each task costs the scheduler's lock a few
  // times over, and ResNet-50 sends 2,800 (INT8) to 5,400 (INT2) transfers a
  // frame, most of a few kilobytes (5-10% of the run, alternating runs with
  // and without).
  constexpr int64_t kCopyTaskBytes = 256 << 10;
  std::vector<DataTask> tasks;
  std::vector<CopyOp> copies;
  if (data) {
    tasks.reserve(kTasksPerRound);
    copies.reserve(kCopiesPerRound);
  }
  // The copy task still taking transfers (tasks.back(), not yet in the
  // graph), its bytes, and the tasks it waits for.
  bool copyTaskOpen = false;
  int64_t copyTaskBytes = 0;
  llvm::SmallVector<int64_t, 16> copyTaskDeps;
  struct Access {
    int64_t writer = -1;                  // the last task that wrote it
    llvm::SmallVector<int64_t, 4> readers; // tasks that read it since
  };
  std::vector<Access> slotAccess(data ? numSlots : 0);
  llvm::DenseMap<int64_t, Access> frameBufferAccess; // by frame * tensors + tensor
  llvm::SmallVector<int64_t, 16> deps;
  auto reads = [&](Access &a, int64_t task) {
    if (a.writer >= 0)
      deps.push_back(a.writer);
    // Once per task: a copy task may send one output to many consumers
    // (ids only grow, so a repeat is the last one).
    if (a.readers.empty() || a.readers.back() != task)
      a.readers.push_back(task);
  };
  auto writes = [&](Access &a, int64_t task) {
    if (a.writer >= 0)
      deps.push_back(a.writer);
    deps.append(a.readers.begin(), a.readers.end());
    a.readers.clear();
    a.writer = task;
  };
  auto fbAccess = [&](int64_t f, int tensor) -> Access & {
    return frameBufferAccess[f * int64_t(m.tensors.size()) + tensor];
  };
  // Kernel errors by task; the lowest task's is the run's error.
  std::mutex errorMu;
  std::vector<std::pair<int64_t, std::string>> taskErrors;
  for (const ManifestTensor &t : m.tensors)
    fullBoxes.push_back(Box::full(t.shape));
  // One tile's computation, from its core's memory into its core's memory.
  auto compute = [&](const DataTask &task) -> llvm::Error {
    const int64_t f = task.frame, l = task.layer, tile = task.tile;
    const ManifestLayer &ml = m.layers[l];
    const ManifestTile &mt = ml.tiles[tile];
    uint8_t *cm = task.core;
    TileState &state = *tiles_[l][tile];
    kernels::LayerParams params = state.params.view();
    params.packed = &state.packed;
    // The operands as stored in the core's memory: the kernels read them
    // in place or convert them (kernels::computeStored).
    thread_local HugeVector<int32_t> out; // per thread, kept: no allocation per tile
    llvm::SmallVector<kernels::StoredOperand, 4> operands;
    llvm::SmallVector<Box, 4> boxes;
    for (size_t i = 0; i < ml.inputs.size(); ++i) {
      operands.push_back({cm + inputAddr(l, tile, i, f), m.tensors[ml.inputs[i]].kind});
      // A reshaped operand holds the whole tensor: the same bytes in the
      // layer's own operand shape.
      boxes.push_back(ml.inputReshaped[i] ? Box::full(ml.geometry.inputShapes[i])
                                          : mt.inputBoxes[i]);
    }
    const int64_t n = mt.box.numel();
    if (int64_t(out.size()) < n)
      out.resize(n);
    const ElemKind kind = m.tensors[ml.output].kind;
    uint8_t *dst = cm + outputAddr(l, tile, f);
    kernels::StoredResult stored{dst, kind};
    if (auto err = kernels::computeStored(ml.geometry, params, operands, boxes, mt.box,
                                          out.data(), &stored))
      return llvm::createStringError(std::errc::invalid_argument, "%s: %s",
                                     tileStr(l, tile).c_str(),
                                     llvm::toString(std::move(err)).c_str());
    if (stored.written)
      return llvm::Error::success();
    const int64_t eb = elemBytes(kind);
    const int32_t *values = out.data(); // this thread's: the chunks run on others
    kernels::parallelRows(n, n * kernels::kElementWork, [&](int64_t lo, int64_t hi) {
      storeElems(kind, llvm::ArrayRef<int32_t>(values + lo, hi - lo), dst + lo * eb);
    });
    return llvm::Error::success();
  };

  TaskGraph graph([&](int64_t id) {
    const DataTask &task = tasks[id];
    if (task.layer < 0) {
      for (int64_t i = task.firstCopy; i < task.firstCopy + task.numCopies; ++i) {
        const CopyOp &c = copies[i];
        copyRegion(c.src, *c.srcBox, c.dst, *c.dstBox, *c.box, c.elemBytes);
      }
      return;
    }
    if (llvm::Error err = compute(task)) {
      std::lock_guard<std::mutex> lock(errorMu);
      taskErrors.push_back({id, llvm::toString(std::move(err))});
    }
  });
  // Puts the open copy task into the graph.
  auto closeCopyTask = [&]() {
    if (!copyTaskOpen)
      return;
    std::sort(copyTaskDeps.begin(), copyTaskDeps.end()); // llvm::sort: qsort, slower on a few
    copyTaskDeps.erase(std::unique(copyTaskDeps.begin(), copyTaskDeps.end()),
                       copyTaskDeps.end());
    graph.add(copyTaskDeps);
    copyTaskOpen = false;
  };
  // Runs every task added so far; the error of the first that failed.
  auto finishTasks = [&]() -> llvm::Error {
    closeCopyTask();
    graph.wait();
    tasks.clear();
    copies.clear();
    for (Access &a : slotAccess) {
      a.writer = -1;
      a.readers.clear();
    }
    frameBufferAccess.clear();
    if (taskErrors.empty())
      return llvm::Error::success();
    auto first = std::min_element(taskErrors.begin(), taskErrors.end());
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument), first->second);
  };
  // Adds tasks.back() after `deps`; a full round is finished first.
  auto addTask = [&]() -> llvm::Error {
    graph.add(deps);
    if (int64_t(tasks.size()) < kTasksPerRound)
      return llvm::Error::success();
    return finishTasks();
  };
  // Closes the open copy task, and the round if it is full.
  auto endCopyTask = [&]() -> llvm::Error {
    if (!copyTaskOpen)
      return llvm::Error::success();
    closeCopyTask();
    if (int64_t(tasks.size()) < kTasksPerRound && int64_t(copies.size()) < kCopiesPerRound)
      return llvm::Error::success();
    return finishTasks();
  };

  // What a transfer's sends share in every frame, worked out at its first
  // send together with the checks that read only the manifest (they hold
  // for every frame once they hold for one): each send then reads this
  // record rather than the manifest's tiles, boxes and tensors (INT2
  // ResNet-50 sends 5,400 transfers a frame).
  struct TransferFacts {
    bool known = false;
    int64_t elemBytes = 0, cycles = 0;
    int64_t producerTile = -1;    // flat tile index; -1: from the frame buffer
    int64_t consumerOperand = -1; // flat operand index; -1: to the frame buffer
    // The buffers it reads and writes: frame f uses copy f % copies, slot
    // slot + f % copies, at ringAddr(addr, bytes, copies, f).
    size_t srcSlot = 0, dstSlot = 0;
    int64_t srcCopies = 1, dstCopies = 1;
    int64_t srcAddr = 0, dstAddr = 0, srcBytes = 0, dstBytes = 0;
    uint8_t *srcCore = nullptr, *dstCore = nullptr;
    const Box *srcBox = nullptr, *dstBox = nullptr, *box = nullptr;
    int64_t bytes = 0, group = -1;
    bool fromTile = false, toTile = false;
    int tensor = 0;
    llvm::SmallVector<int64_t, 2> portCores;
    size_t hopBegin = 0, hopEnd = 0; // its route's hops in `hops`
  };
  // A hop of a route: the link, and the window it is held for from the
  // send's cycle (TargetModel::linkWindow).
  struct Hop {
    int64_t link, offset, cycles;
  };
  std::vector<TransferFacts> facts(numTransfers);
  std::vector<Hop> hops;

  // (Transfer ids are their indices, Manifest.cpp checks: the index is
  // worked out without reading the transfer.)
  auto send = [&](int64_t f, int64_t cycle, const ManifestTransfer &x) -> llvm::Error {
    const size_t id = size_t(&x - m.transfers.data());
    const size_t k = f * numTransfers + id;
    if (arrival[k] >= 0)
      return violation(llvm::formatv("transfer {0} is sent twice", x.id));
    TransferFacts &t = facts[id];
    if (!t.known) {
      t.elemBytes = elemBytes(m.tensors[x.tensor].kind);
      if (x.box.numel() * t.elemBytes != x.bytes)
        return invalid(llvm::formatv("transfer {0} says {1} bytes, its box holds {2}", x.id,
                                     x.bytes, x.box.numel() * t.elemBytes));
      t.cycles = transferCycles[x.id];
      t.portCores = TargetModel::transferPortCores(x.src, x.dst);
      t.box = &x.box;
      t.bytes = x.bytes;
      t.group = x.group;
      t.tensor = x.tensor;
      t.fromTile = x.producer[0] >= 0;
      t.toTile = x.consumer[0] >= 0;
      if (NocKind(x.noc) == NocKind::PartialSum && routeOf(x.id).size() != 1)
        return violation(llvm::formatv(
            "transfer {0} is on the partial-sum NoC, which joins neighbouring cores only, "
            "but goes {1} hops from {2} to {3}",
            x.id, routeOf(x.id).size(), endpointName(x.src), endpointName(x.dst)));
      if (NocKind(x.noc) == NocKind::PartialSum &&
          (x.consumer[0] < 0 ||
           !kernels::carriesPartialSums(m.layers[x.consumer[0]].geometry, size_t(x.operand))))
        return violation(llvm::formatv(
            "transfer {0} is on the partial-sum NoC, but carries no partial sums", x.id));
      t.hopBegin = hops.size();
      for (auto [position, link] : llvm::enumerate(routeOf(x.id))) {
        auto w = model->linkWindow(NocKind(x.noc), x.bytes, int64_t(position));
        hops.push_back({link, w.offset, w.cycles});
      }
      t.hopEnd = hops.size();
    }
    const int64_t eb = t.elemBytes, dur = t.cycles;
    const uint8_t *src = nullptr;
    size_t srcSlot = 0, dstSlot = 0; // this frame's buffer copies
    if (t.fromTile) {
      int64_t end = t.known ? tileEndAll[size_t(f) * numTiles + size_t(t.producerTile)]
                            : tileEnd(f, x.producer[0], x.producer[1]);
      if (end < 0 || end > cycle)
        return violation(llvm::formatv("transfer {0} leaves at cycle {1} before {2} is computed",
                                       x.id, cycle, tileStr(x.producer[0], x.producer[1])));
      if (!t.known) {
        // (Its tensor, box and core match the tile's: checkWiring at load.)
        const ManifestTile &pt = m.layers[x.producer[0]].tiles[x.producer[1]];
        t.producerTile = int64_t(tileIx(x.producer[0], x.producer[1]));
        t.srcSlot = outputSlot[t.producerTile];
        t.srcCopies = pt.outCopies;
        t.srcAddr = pt.outAddr;
        t.srcBytes = pt.box.numel() * elemBytes(m.tensors[x.tensor].kind);
        t.srcBox = &pt.box;
        if (data)
          t.srcCore = memOf(x.src);
      }
      srcSlot = t.srcSlot + size_t(f % t.srcCopies);
      BufferUse &u = buffers[srcSlot];
      if (u.frame != f)
        return violation(llvm::formatv(
            "transfer {0} of frame {1} reads the output of {2} after frame {3} overwrote it",
            x.id, f, tileStr(x.producer[0], x.producer[1]), u.frame));
      --u.pendingReads;
      u.busyUntil = std::max(u.busyUntil, cycle + dur);
      if (data)
        src = t.srcCore + ringAddr(t.srcAddr, t.srcBytes, t.srcCopies, f);
    } else {
      if (!t.known) // (from the frame buffer, a host tensor: checkWiring at load)
        t.srcBox = &fullBoxes[x.tensor];
      if (data)
        src = fbOf(f, t.tensor).data();
    }
    uint8_t *dst = nullptr;
    if (t.toTile) {
      if (!t.known) {
        // (Its tensor, box and core match the tile's: checkWiring at load.)
        const ManifestLayer &cl = m.layers[x.consumer[0]];
        const ManifestTile &ct = cl.tiles[x.consumer[1]];
        t.consumerOperand = int64_t(operandIx(x.consumer[0], x.consumer[1], x.operand));
        t.dstSlot = inputSlot[t.consumerOperand];
        t.dstCopies = ct.inputCopies[x.operand];
        t.dstAddr = ct.inputAddrs[x.operand];
        t.dstBytes = ct.inputBoxes[x.operand].numel() *
                     elemBytes(m.tensors[cl.inputs[x.operand]].kind);
        t.dstBox = &ct.inputBoxes[x.operand];
        if (data)
          t.dstCore = memOf(x.dst);
      }
      // The data lands in the consumer's input window from now on.
      dstSlot = t.dstSlot + size_t(f % t.dstCopies);
      BufferUse &u = buffers[dstSlot];
      if (u.frame != f) {
        if (u.frame >= 0 && u.busyUntil > cycle)
          return violation(llvm::formatv(
              "transfer {0} of frame {1} writes the input window of {2} at cycle {3} while "
              "frame {4} still needs it",
              x.id, f, tileStr(x.consumer[0], x.consumer[1]), cycle, u.frame));
        if (auto err = claim(dstSlot, cycle, [&] {
              return "transfer " + std::to_string(x.id) + " of frame " + std::to_string(f) +
                     " writes the input window of " + tileStr(x.consumer[0], x.consumer[1]);
            }))
          return err;
        u = {f, INT64_MAX, 0};
      }
      if (data)
        dst = t.dstCore + ringAddr(t.dstAddr, t.dstBytes, t.dstCopies, f);
    } else {
      if (!t.known)
        t.dstBox = &fullBoxes[x.tensor];
      if (data)
        dst = fbOf(f, t.tensor).data();
    }
    t.known = true;
    // The bytes go straight to their destination: from now until the
    // receive, the checks above and in `compute` let nothing read or write
    // that window (the consumer waits for the receive, and no other frame
    // may claim the window while this one holds it), so writing early is
    // the same as writing on arrival.
    if (data) {
      if (copyTaskOpen && copyTaskBytes + t.bytes > kCopyTaskBytes)
        if (auto err = endCopyTask())
          return err;
      if (!copyTaskOpen) {
        DataTask task;
        task.frame = f;
        task.firstCopy = int64_t(copies.size());
        tasks.push_back(task);
        copyTaskOpen = true;
        copyTaskBytes = 0;
        copyTaskDeps.clear();
      }
      // Copies of one task run in order: it waits for no earlier copy of
      // its own.
      const int64_t id = int64_t(tasks.size()) - 1;
      deps.clear();
      if (t.fromTile)
        reads(slotAccess[accessOf[srcSlot]], id);
      else
        reads(fbAccess(f, t.tensor), id);
      if (t.toTile)
        writes(slotAccess[accessOf[dstSlot]], id);
      else
        writes(fbAccess(f, t.tensor), id);
      for (int64_t d : deps)
        if (d != id && (copyTaskDeps.empty() || copyTaskDeps.back() != d))
          copyTaskDeps.push_back(d);
      copies.push_back({src, dst, t.srcBox, t.dstBox, t.box, eb});
      ++tasks.back().numCopies;
      copyTaskBytes += t.bytes;
      if (int64_t(copies.size()) == kCopiesPerRound)
        if (auto err = endCopyTask())
          return err;
    }
    for (size_t h = t.hopBegin; h < t.hopEnd; ++h) {
      const int64_t link = hops[h].link;
      LinkState &ls = nocLink(NocKind(x.noc), link);
      if (t.group >= 0 && ls.groupFrame == f && ls.group == t.group)
        continue;
      ls.groupFrame = f;
      ls.group = t.group;
      const int64_t s = cycle + hops[h].offset;
      if (!occupy(ls, cycle, s, s + hops[h].cycles))
        return violation(llvm::formatv("transfer {0} of frame {1} collides on link {2}{3} at cycle {4}",
                                       x.id, f, link,
                                       NocKind(x.noc) == NocKind::Activation
                                           ? std::string()
                                           : std::string(" of the ") + nocName(NocKind(x.noc)) +
                                                 " NoC",
                                       s));
    }
    for (int64_t core : t.portCores) {
      if (t.group >= 0 && core >= 0 && core < int64_t(portGroups.size())) {
        GroupPorts &gp = portGroups[core];
        if (gp.cycle != cycle)
          gp = {cycle, {}};
        if (llvm::is_contained(gp.groups, std::make_pair(f, t.group)))
          continue;
        gp.groups.push_back({f, t.group});
      }
      if (auto err = takePort(core, cycle, cycle + dur, [&] {
            return "transfer " + std::to_string(x.id) + " of frame " + std::to_string(f);
          }))
        return err;
    }
    arrival[k] = cycle + dur;
    bytesMoved += t.bytes;
    frameEnd[f] = std::max(frameEnd[f], cycle + dur);
    return llvm::Error::success();
  };

  auto recv = [&](int64_t f, int64_t cycle, const ManifestTransfer &x) -> llvm::Error {
    const size_t id = size_t(&x - m.transfers.data());
    const size_t k = f * numTransfers + id;
    if (arrival[k] < 0)
      return violation(llvm::formatv("transfer {0} is received at cycle {1} but never sent",
                                     x.id, cycle));
    if (done[k])
      return violation(llvm::formatv("transfer {0} is received twice", x.id));
    if (arrival[k] > cycle)
      return violation(llvm::formatv("transfer {0} arrives at cycle {1} but is received at {2}",
                                     x.id, arrival[k], cycle));
    done[k] = true;
    if (facts[id].toTile) // (sent, so its facts are known)
      ++received[size_t(f) * numOperands + size_t(facts[id].consumerOperand)];
    return llvm::Error::success();
  };

  // One tile's computation: its checks, then its task.
  auto computeEvent = [&](const Event &c) -> llvm::Error {
    // The copies sent before this tile are one task before its own.
    if (auto err = endCopyTask())
      return err;
    int64_t f = c.frame, l = c.in.a, tile = int64_t(c.in.b);
    const ManifestLayer &ml = m.layers[l];
    const ManifestTile &mt = ml.tiles[tile];
    if (tileEnd(f, l, tile) >= 0)
      return violation(tileStr(l, tile) + " is computed twice");
    if (coreBusy[c.core] > c.cycle)
      return violation(llvm::formatv("{0} starts at cycle {1} while core {2} is busy until {3}",
                                     tileStr(l, tile), c.cycle, c.core, coreBusy[c.core]));
    int64_t end = c.cycle + model->computeCycles(ml.geometry, mt.box);
    if (auto err = takePort(c.core, c.cycle, end,
                            [&] { return tileStr(l, tile) + " of frame " + std::to_string(f); }))
      return err;
    // Streamed parameters cross the model NoC from their tile's core while
    // this one computes: its links and one SRAM port of that core from the
    // start, all before the compute ends.
    if (mt.paramsFrom >= 0 && ml.tiles[mt.paramsFrom].core != c.core) {
      const int64_t from = ml.tiles[mt.paramsFrom].core;
      // (Each tile's stream is the same in every frame: worked out once.)
      std::optional<TargetModel::ParamStream> &s = streams[tileIx(l, tile)];
      if (!s)
        s = model->paramStream(from, c.core, mt.layout.totalBytes);
      for (auto [link, w] : s->links) {
        const int64_t at = c.cycle + w.offset;
        if (!occupy(nocLink(NocKind::Model, link), c.cycle, at, at + w.cycles))
          return violation(llvm::formatv(
              "the parameter stream of {0} of frame {1} collides on model NoC link {2} at cycle {3}",
              tileStr(l, tile), f, link, at));
      }
      const int64_t stream = s->cycles;
      if (c.cycle + stream > end)
        return violation(llvm::formatv("{0} streams its parameters for {1} cycles, longer than "
                                       "its {2} cycles of compute",
                                       tileStr(l, tile), stream, end - c.cycle));
      if (auto err = takePort(from, c.cycle, c.cycle + stream, [&] {
            return "the parameter stream of " + tileStr(l, tile) + " of frame " +
                   std::to_string(f);
          }))
        return err;
    }
    const int64_t id = int64_t(tasks.size());
    deps.clear();
    for (size_t op = 0; op < ml.inputs.size(); ++op) {
      const size_t key = operandIx(l, tile, int64_t(op));
      if (received[size_t(f) * numOperands + key] != expected[key] ||
          (!expected[key] && !mt.inputBoxes[op].empty()))
        return violation(llvm::formatv("{0} starts at cycle {1} before input {2} has arrived",
                                       tileStr(l, tile), c.cycle, op));
      if (expected[key]) {
        BufferUse &u = buffers[inputCopy(l, tile, op, f)];
        if (u.frame != f)
          return violation(llvm::formatv(
              "{0} of frame {1} finds input {2} overwritten by frame {3}", tileStr(l, tile), f,
              op, u.frame));
        u.busyUntil = end;
        if (data)
          reads(slotAccess[accessOf[inputCopy(l, tile, op, f)]], id);
      }
    }
    BufferUse &out = buffers[outputCopy(l, tile, f)];
    if (out.frame >= 0 && (out.pendingReads > 0 || out.busyUntil > c.cycle))
      return violation(llvm::formatv(
          "{0} of frame {1} overwrites its output at cycle {2} while frame {3} still sends it",
          tileStr(l, tile), f, c.cycle, out.frame));
    if (auto err = claim(outputCopy(l, tile, f), c.cycle, [&] {
          return tileStr(l, tile) + " of frame " + std::to_string(f) + " writes its output";
        }))
      return err;
    out = {f, end, readers[tileIx(l, tile)]};
    coreBusy[c.core] = end;
    tileEnd(f, l, tile) = end;
    frameEnd[f] = std::max(frameEnd[f], end);
    if (!data)
      return llvm::Error::success();
    writes(slotAccess[accessOf[outputCopy(l, tile, f)]], id);
    // (An input and the output may share a record where buffers share
    // bytes: the task then finds itself among the readers.)
    llvm::erase(deps, id);
    DataTask task;
    task.frame = f;
    task.layer = l;
    task.tile = tile;
    task.core = memOf(c.core); // here: tasks must not insert into `mem`
    tasks.push_back(task);
    return addTask();
  };

  auto checkEvents = [&]() -> llvm::Error {
    while (!events.empty()) {
      const Event ev = events.pop();
      if (ev.in.op == Opcode::Compute) {
        if (auto err = computeEvent(ev))
          return err;
        continue;
      }
      const ManifestTransfer &x = m.transfers[ev.in.a];
      if (auto err = ev.in.op == Opcode::Send ? send(ev.frame, ev.cycle, x)
                                              : recv(ev.frame, ev.cycle, x))
        return err;
    }
    for (size_t k = 0; k < done.size(); ++k)
      if (!done[k])
        return violation(llvm::formatv("transfer {0} is never received", k % numTransfers));
    for (int64_t f = 0; f < numFrames; ++f)
      for (size_t l = 0; l < m.layers.size(); ++l)
        for (size_t tile = 0; tile < m.layers[l].tiles.size(); ++tile)
          if (tileEnd(f, l, tile) < 0)
            return violation(tileStr(l, tile) + " is never computed");
    return llvm::Error::success();
  };
  // The tasks all come before the event whose check failed: a kernel's
  // error is the earlier one.
  llvm::Error checked = checkEvents();
  if (llvm::Error computed = finishTasks()) {
    llvm::consumeError(std::move(checked));
    return std::move(computed);
  }
  if (checked)
    return std::move(checked);

  std::vector<std::vector<HostTensor>> results(data ? numFrames : 0);
  for (int64_t f = 0; data && f < numFrames; ++f)
    for (const HostBoundary &b : m.outputs) {
      const ManifestTensor &mt = m.tensors[b.tensor];
      std::vector<int32_t> q(Box::full(mt.shape).numel());
      loadElems(mt.kind, fbOf(f, b.tensor).data(), q.size(), q.data());
      HostTensor o;
      o.kind = b.hostKind;
      o.shape = b.shape;
      if (b.convertsFloat) { // host-side DequantizeLinear
        o.floats.resize(q.size());
        for (size_t k = 0; k < q.size(); ++k) {
          int64_t c = axisIndex(int64_t(k), mt.shape, b.axis);
          o.floats[k] = dequantizeValue(q[k], float(b.scales[c]), int32_t(b.zeroPoints[c]));
        }
      } else {
        o.ints = std::move(q);
      }
      results[f].push_back(std::move(o));
    }
  if (stats) {
    // Frame f starts at f * period; its latency is when its last event ends.
    stats->cycles = frameEnd[0];
    stats->cyclesPerFrame = numFrames > 1
                                ? (frameEnd[numFrames - 1] - frameEnd[0]) / (numFrames - 1)
                                : m.period;
    stats->totalCycles = frameEnd[numFrames - 1];
    stats->frames += numFrames;
    stats->transfers = m.transfers.size();
    stats->bytesMoved = bytesMoved / numFrames;
    stats->layers.clear();
    for (size_t l = 0; l < m.layers.size(); ++l) {
      LayerRunStats ls;
      ls.name = m.layers[l].name;
      ls.startCycle = INT64_MAX;
      for (size_t tile = 0; tile < m.layers[l].tiles.size(); ++tile) {
        const ManifestTile &mt = m.layers[l].tiles[tile];
        int64_t end = tileEnd(0, l, tile);
        ls.startCycle = std::min(ls.startCycle, end - model->computeCycles(m.layers[l].geometry, mt.box));
        ls.endCycle = std::max(ls.endCycle, end);
        if (kernels::isMacLayer(m.layers[l].geometry.kind))
          ls.macs += kernels::workFor(m.layers[l].geometry, mt.box);
      }
      stats->layers.push_back(ls);
    }
  }
  return results;
}
