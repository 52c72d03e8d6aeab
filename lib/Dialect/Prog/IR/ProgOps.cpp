//===- ProgOps.cpp - per-core programs ------------------------------------===//
#include "npc/Dialect/Prog/IR/Prog.h"
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Runtime/Manifest.h"

#include "mlir/IR/BuiltinOps.h"

#include <map>
#include <set>

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace npc;
using namespace npc::prog;

#include "npc/Dialect/Prog/IR/ProgOpsDialect.cpp.inc"

void ProgDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "npc/Dialect/Prog/IR/ProgOps.cpp.inc"
      >();
}

namespace {
/// What programs may name: the transfers and tile computations of a
/// module's timetable (`noc.schedule`) or of its linked declarations.
struct EventTable {
  struct Transfer {
    int64_t src, dst, start, arrive;
    Operation *op;
  };
  struct Compute {
    int64_t core, start;
    Operation *op;
  };
  std::map<int64_t, Transfer> transfers;
  std::map<std::pair<int64_t, int64_t>, Compute> computes;
  const char *source = "noc.schedule";
};
} // namespace

/// The ops of another op's single-block region: none where it has no
/// block. The module-wide checks below run from one op's verifier, maybe
/// before the other ops' own region checks have.
template <typename OpT> static SmallVector<OpT> opsIn(Region &r) {
  SmallVector<OpT> ops;
  if (!r.empty())
    for (OpT op : r.front().getOps<OpT>())
      ops.push_back(op);
  return ops;
}
static llvm::iterator_range<Block::iterator> allOpsIn(Region &r) {
  return r.empty() ? llvm::make_range(Block::iterator(), Block::iterator())
                   : llvm::make_range(r.front().begin(), r.front().end());
}

/// The events of `module`, or nothing for bare programs (the prog lit tests
/// stand alone).
static std::optional<EventTable> eventsOf(ModuleOp module) {
  EventTable events;
  auto scheds = llvm::to_vector(module.getOps<noc::ScheduleOp>());
  if (scheds.size() == 1) {
    for (Operation &op : allOpsIn(scheds[0].getBody())) {
      if (auto t = dyn_cast<noc::TransferOp>(op))
        events.transfers.try_emplace(
            t.getId(), EventTable::Transfer{t.getSrc(), t.getDst(), t.getStart(), t.getArrive(), &op});
      else if (auto c = dyn_cast<noc::ComputeOp>(op))
        events.computes.try_emplace({c.getLayer(), c.getTile()},
                                    EventTable::Compute{c.getCore(), c.getStart(), &op});
    }
    return events;
  }
  if (module.getOps<FrameOp>().empty())
    return std::nullopt;
  events.source = "the linked module";
  for (auto t : module.getOps<TransferOp>())
    events.transfers.try_emplace(
        t.getId(), EventTable::Transfer{t.getSrc(), t.getDst(), t.getStart(), t.getArrive(), t});
  for (auto [li, layer] : llvm::enumerate(module.getOps<LayerOp>()))
    for (auto [ti, tile] : llvm::enumerate(opsIn<TileOp>(layer.getBody())))
      events.computes.try_emplace({int64_t(li), int64_t(ti)},
                                  EventTable::Compute{tile.getCore(), tile.getStart(), tile});
  return events;
}

/// The programs of a module against its events: every send, receive and
/// compute names an event on this core at the cycle the program waits for,
/// and every event is issued exactly once (a transfer nobody sends or
/// receives would leave its data undelivered).
static LogicalResult verifyAgainstEvents(ModuleOp module) {
  std::optional<EventTable> table = eventsOf(module);
  if (!table)
    return success();
  auto &[transfers, computes, source] = *table;
  std::set<int64_t> sent, received, cores;
  std::set<std::pair<int64_t, int64_t>> computed;
  for (auto core : module.getOps<CoreOp>()) {
    int64_t here = core.getCore(), now = -1;
    if (!cores.insert(here).second)
      return core.emitOpError() << "is a second program for core " << here;
    for (Operation &op : allOpsIn(core.getBody())) {
      if (auto w = dyn_cast<WaitUntilOp>(op)) {
        now = w.getCycle();
      } else if (isa<SendOp, RecvOp>(op)) {
        bool send = isa<SendOp>(op);
        int64_t id = send ? cast<SendOp>(op).getTransfer() : cast<RecvOp>(op).getTransfer();
        auto it = transfers.find(id);
        if (it == transfers.end())
          return op.emitOpError() << "names transfer " << id << ", which " << source
                                  << " does not have";
        const EventTable::Transfer &t = it->second;
        int64_t end = send ? t.src : t.dst;
        int64_t when = send ? t.start : t.arrive;
        if (end != here)
          return op.emitOpError() << "on core " << here << ": transfer " << id
                                  << (send ? " leaves core " : " arrives at core ") << end;
        if (now != when)
          return op.emitOpError() << "at cycle " << now << ": transfer " << id
                                  << (send ? " starts" : " arrives") << " at cycle " << when;
        if (!(send ? sent : received).insert(id).second)
          return op.emitOpError() << (send ? "sends" : "receives") << " transfer " << id
                                  << " a second time";
      } else if (auto c = dyn_cast<ComputeOp>(op)) {
        std::pair<int64_t, int64_t> key{c.getLayer(), c.getTile()};
        auto it = computes.find(key);
        if (it == computes.end())
          return c.emitOpError() << "computes tile (" << key.first << ", " << key.second
                                 << "), which " << source << " does not have";
        if (it->second.core != here)
          return c.emitOpError() << "on core " << here << ": tile (" << key.first << ", "
                                 << key.second << ") runs on core " << it->second.core;
        if (now != it->second.start)
          return c.emitOpError() << "at cycle " << now << ": tile (" << key.first << ", "
                                 << key.second << ") starts at cycle " << it->second.start;
        if (!computed.insert(key).second)
          return c.emitOpError() << "computes tile (" << key.first << ", " << key.second
                                 << ") a second time";
      }
    }
  }
  for (auto &[id, t] : transfers) {
    if (!sent.count(id))
      return t.op->emitOpError() << "is never sent: no program of core " << t.src
                                 << " has prog.send " << id;
    if (!received.count(id))
      return t.op->emitOpError() << "is never received: no program of core " << t.dst
                                 << " has prog.recv " << id;
  }
  for (auto &[key, c] : computes)
    if (!computed.count(key))
      return c.op->emitOpError() << "is never run: no program of core " << c.core
                                 << " has prog.compute " << key.first << ", " << key.second;
  return success();
}

std::vector<uint8_t> CoreOp::getMemoryBytes() {
  std::vector<uint8_t> bytes;
  if (auto blob = dyn_cast_or_null<DenseI8ResourceElementsAttr>(getMemoryAttr())) {
    if (auto data = blob.tryGetAsArrayRef())
      bytes.assign(data->begin(), data->end());
  } else if (auto dense = dyn_cast_or_null<DenseIntElementsAttr>(getMemoryAttr())) {
    for (const APInt &v : dense.getValues<APInt>())
      bytes.push_back(uint8_t(v.getZExtValue()));
  }
  return bytes;
}

LogicalResult CoreOp::verify() {
  if (getCore() < -1)
    return emitOpError() << "core index must be >= -1 (-1: frame buffer)";
  if (ElementsAttr memory = getMemoryAttr()) {
    auto type = dyn_cast<ShapedType>(memory.getType());
    bool bytes = type && type.getRank() == 1 && type.getElementType().isInteger(8) &&
                 (isa<DenseIntElementsAttr>(memory) ||
                  (isa<DenseI8ResourceElementsAttr>(memory) &&
                   cast<DenseI8ResourceElementsAttr>(memory).tryGetAsArrayRef()));
    if (!bytes)
      return emitOpError() << "memory must be a 1-D i8 tensor with its bytes (dense or "
                              "dense_resource with a blob)";
    if (getCore() == -1)
      return emitOpError() << "the frame buffer (core -1) has no memory image";
  }
  int64_t last = 0;
  for (Operation &op : getBody().front())
    if (auto w = dyn_cast<WaitUntilOp>(op)) {
      if (w.getCycle() < last)
        return w.emitOpError() << "waits for cycle " << w.getCycle()
                               << " after already waiting for " << last
                               << ": a program runs forward in time";
      last = w.getCycle();
    }
  // Checked once per module, from its first program.
  auto module = dyn_cast_or_null<ModuleOp>((*this)->getParentOp());
  if (!module)
    return success();
  for (Operation *prev = (*this)->getPrevNode(); prev; prev = prev->getPrevNode())
    if (isa<CoreOp>(prev))
      return success();
  return verifyAgainstEvents(module);
}

//===----------------------------------------------------------------------===//
// The linked form
//===----------------------------------------------------------------------===//

/// A box as lo then hi bounds, 0 <= lo <= hi.
static bool isBox(ArrayRef<int64_t> b) {
  if (b.size() % 2)
    return false;
  size_t rank = b.size() / 2;
  for (size_t d = 0; d < rank; ++d)
    if (b[d] < 0 || b[rank + d] < b[d])
      return false;
  return true;
}

/// Numbers that name the module's tensors, layers and tiles, checked once
/// from the module's prog.frame.
static LogicalResult verifyLinkedReferences(ModuleOp module) {
  auto tensors = llvm::to_vector(module.getOps<TensorOp>());
  auto layers = llvm::to_vector(module.getOps<LayerOp>());
  int64_t numTensors = tensors.size(), numLayers = layers.size();
  auto tensor = [&](int64_t i) { return i >= 0 && i < numTensors; };
  for (TensorOp t : tensors)
    if (t.getProducer() >= numLayers)
      return t.emitOpError() << "is produced by layer " << t.getProducer() << "; the module has "
                             << numLayers << " layers";
  std::vector<int64_t> tilesOf;
  for (LayerOp l : layers) {
    for (int64_t in : l.getInputs())
      if (!tensor(in))
        return l.emitOpError() << "reads tensor " << in << "; the module has " << numTensors
                               << " tensors";
    if (!tensor(l.getOutput()))
      return l.emitOpError() << "writes tensor " << l.getOutput() << "; the module has "
                             << numTensors << " tensors";
    if (tensors[l.getOutput()].getProducer() != int64_t(tilesOf.size()))
      return l.emitOpError() << "writes tensor " << l.getOutput()
                             << ", whose producer is layer " << tensors[l.getOutput()].getProducer();
    tilesOf.push_back(opsIn<TileOp>(l.getBody()).size());
  }
  // (A pair of any other length is the transfer's own error, maybe not
  // reported yet: not read here.)
  auto tile = [&](ArrayRef<int64_t> lt) {
    return lt.size() != 2 ||
           (lt[0] == -1 ? lt[1] == -1
                        : lt[0] >= 0 && lt[0] < numLayers && lt[1] >= 0 &&
                              lt[1] < int64_t(tilesOf[lt[0]]));
  };
  int64_t next = 0;
  for (auto x : module.getOps<TransferOp>()) {
    if (x.getId() != next++)
      return x.emitOpError() << "has id " << x.getId() << "; transfers are numbered in order, "
                             << "this one is " << next - 1;
    if (!tensor(x.getTensor()))
      return x.emitOpError() << "moves tensor " << x.getTensor() << "; the module has "
                             << numTensors << " tensors";
    if (!tile(x.getProducer()) || !tile(x.getConsumer()))
      return x.emitOpError() << "names a (layer, tile) the module does not have";
    int64_t consumer = x.getConsumer().size() == 2 ? x.getConsumer()[0] : -1;
    if (consumer >= 0 &&
        (x.getOperand() < 0 || x.getOperand() >= int64_t(layers[consumer].getInputs().size())))
      return x.emitOpError() << "operand " << x.getOperand() << " is not an input of layer "
                             << consumer;
  }
  for (auto h : module.getOps<HostOp>())
    if (!tensor(h.getTensor()))
      return h.emitOpError() << "names tensor " << h.getTensor() << "; the module has "
                             << numTensors << " tensors";
  return success();
}

/// The linked module as the artifact would hold it (readLinkedManifest):
/// what the manifest's reader checks (every buffer inside its core's
/// memory, boxes inside their tensors, ...), then the wiring and the
/// buffers' overlaps the executor checks at load (checkWiring,
/// checkBufferOverlaps): one account of each rule, so that what verifies
/// translates and runs. A malformed op is left to its own verifier.
static LogicalResult verifyLinkedPlacement(FrameOp frame, ModuleOp module) {
  llvm::Expected<Manifest> m = readLinkedManifest(module);
  if (!m) {
    llvm::consumeError(m.takeError());
    return success();
  }
  llvm::Expected<Manifest> read = parseManifest(manifestToJson(*m));
  llvm::Error err = read ? checkWiring(*read) : read.takeError();
  if (!err && read)
    err = checkBufferOverlaps(*read);
  if (!err && read)
    err = checkInputCoverage(*read);
  if (err)
    return frame.emitOpError() << "links a program the executor refuses: "
                               << llvm::toString(std::move(err));
  return success();
}

LogicalResult FrameOp::verify() {
  // A graph with nothing on the chip (host-side quantize only) takes 0 cycles.
  if (getCycles() < 0 || getPeriod() < 0 || (getPeriod() == 0 && getCycles() != 0))
    return emitOpError() << "needs cycles >= 0 and a period of at least 1 cycle";
  auto module = dyn_cast_or_null<ModuleOp>((*this)->getParentOp());
  if (!module)
    return emitOpError() << "belongs at the top of a module";
  if (*module.getOps<FrameOp>().begin() != *this)
    return emitOpError() << "is a second prog.frame: a module links one program";
  if (failed(verifyLinkedReferences(module)))
    return failure();
  // The whole is checked from the last prog.core (CoreOp::verifyRegions);
  // with no program at all, from here.
  if (module.getOps<CoreOp>().empty())
    return verifyLinkedPlacement(*this, module);
  return success();
}

LogicalResult CoreOp::verifyRegions() {
  // A linked module as a whole, once, from its last program: its verifier
  // runs after the own checks of every op before it (block order; the
  // linker writes the programs last), so that their more precise errors
  // come first.
  auto module = dyn_cast_or_null<ModuleOp>((*this)->getParentOp());
  if (!module || module.getOps<FrameOp>().empty())
    return success();
  for (Operation *next = (*this)->getNextNode(); next; next = next->getNextNode())
    if (isa<CoreOp>(next))
      return success();
  return verifyLinkedPlacement(*module.getOps<FrameOp>().begin(), module);
}

LogicalResult TensorOp::verify() {
  if (!parseElemKind(getKind()))
    return emitOpError() << "kind '" << getKind() << "' is not an element kind";
  if (getProducer() < -1)
    return emitOpError() << "producer must be a layer number or -1 (the frame buffer)";
  int64_t n = 1;
  for (int64_t d : getShape()) {
    if (d < 0 || d > (int64_t(1) << 31))
      return emitOpError() << "has a bad dimension " << d;
    n *= d;
    if (n > (int64_t(1) << 34))
      return emitOpError() << "is too large";
  }
  if (auto c = getConstant(); c && int64_t(c->size()) != n)
    return emitOpError() << "constant has " << c->size() << " values for " << n << " elements";
  return success();
}

/// JSON values as builtin attributes and back: integers as i64, numbers as
/// f64, arrays of integers as dense i64 arrays, other arrays as ArrayAttr.
static Attribute jsonToAttr(MLIRContext *ctx, const llvm::json::Value &v) {
  Builder b(ctx);
  if (auto i = v.getAsInteger())
    return b.getI64IntegerAttr(*i);
  if (auto d = v.getAsNumber())
    return b.getF64FloatAttr(*d);
  if (auto f = v.getAsBoolean())
    return b.getBoolAttr(*f);
  if (auto s = v.getAsString())
    return b.getStringAttr(*s);
  if (const llvm::json::Array *a = v.getAsArray()) {
    if (!a->empty() && llvm::all_of(*a, [](const llvm::json::Value &e) {
          return e.getAsInteger().has_value();
        }))
      return b.getDenseI64ArrayAttr(
          llvm::to_vector(llvm::map_range(*a, [](const auto &e) { return *e.getAsInteger(); })));
    return b.getArrayAttr(llvm::to_vector(
        llvm::map_range(*a, [&](const auto &e) { return jsonToAttr(ctx, e); })));
  }
  if (const llvm::json::Object *o = v.getAsObject()) {
    SmallVector<NamedAttribute> attrs;
    for (const auto &kv : *o)
      attrs.push_back(b.getNamedAttr(kv.first.str(), jsonToAttr(ctx, kv.second)));
    return b.getDictionaryAttr(attrs);
  }
  return b.getUnitAttr(); // null
}

static std::optional<llvm::json::Value> attrToJson(Attribute a) {
  if (auto i = dyn_cast<IntegerAttr>(a))
    return i.getType().isInteger(1) ? llvm::json::Value(i.getValue().getBoolValue())
                                    : llvm::json::Value(i.getInt());
  if (auto f = dyn_cast<FloatAttr>(a))
    return llvm::json::Value(f.getValueAsDouble());
  if (auto s = dyn_cast<StringAttr>(a))
    return llvm::json::Value(s.getValue().str());
  if (auto d = dyn_cast<DenseI64ArrayAttr>(a))
    return llvm::json::Value(llvm::json::Array(d.asArrayRef()));
  if (auto arr = dyn_cast<ArrayAttr>(a)) {
    llvm::json::Array out;
    for (Attribute e : arr) {
      auto v = attrToJson(e);
      if (!v)
        return std::nullopt;
      out.push_back(std::move(*v));
    }
    return llvm::json::Value(std::move(out));
  }
  if (auto dict = dyn_cast<DictionaryAttr>(a)) {
    llvm::json::Object out;
    for (NamedAttribute n : dict) {
      auto v = attrToJson(n.getValue());
      if (!v)
        return std::nullopt;
      out[n.getName().getValue()] = std::move(*v);
    }
    return llvm::json::Value(std::move(out));
  }
  return std::nullopt;
}

DictionaryAttr npc::prog::geometryAttr(MLIRContext *ctx, const kernels::LayerGeometry &g) {
  auto json = llvm::json::parse(layerGeometryToJson(g));
  return cast<DictionaryAttr>(jsonToAttr(ctx, *json)); // our own writer's JSON parses
}

llvm::Error npc::prog::parseGeometry(DictionaryAttr attr, kernels::LayerGeometry &g) {
  std::optional<llvm::json::Value> v = attrToJson(attr);
  if (!v)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "geometry holds a value that is not a number, string, "
                                   "bool, array or dictionary");
  return parseLayerGeometry(*v->getAsObject(), g);
}

LogicalResult LayerOp::verify() {
  kernels::LayerGeometry g;
  if (llvm::Error err = parseGeometry(getGeometry(), g))
    return emitOpError() << llvm::toString(std::move(err));
  size_t n = getInputs().size();
  if (g.inputShapes.size() != n || getInputReshaped().size() != n)
    return emitOpError() << "has " << n << " inputs, " << getInputReshaped().size()
                         << " input_reshaped flags and a geometry of " << g.inputShapes.size()
                         << " operands";
  return success();
}

std::string npc::prog::tileProblem(TileOp tile) {
  auto layer = dyn_cast_or_null<LayerOp>(tile->getParentOp());
  if (!layer)
    return "belongs in a prog.layer";
  size_t n = layer.getInputs().size();
  if (tile.getCore() < 0)
    return "core must be a core of the grid (>= 0)";
  if (tile.getParamLayout().size() != 10)
    return "param_layout needs 10 values";
  if (!isBox(tile.getBox()))
    return "box needs lo and hi bounds with 0 <= lo <= hi";
  if (tile.getInputBoxes().size() != n || tile.getInputAddrs().size() != n ||
      tile.getInputCopies().size() != n)
    return "needs one input box, address and copy count per layer input (" + std::to_string(n) +
           ")";
  for (Attribute b : tile.getInputBoxes()) {
    auto box = dyn_cast<DenseI64ArrayAttr>(b);
    if (!box || !isBox(box.asArrayRef()))
      return "input_boxes must be boxes (lo and hi bounds, 0 <= lo <= hi)";
  }
  if (tile.getOutCopies() < 1 ||
      llvm::any_of(tile.getInputCopies(), [](int64_t c) { return c < 1; }))
    return "needs at least one copy of each buffer";
  if (tile.getParamAddr() < 0 || tile.getOutAddr() < 0 ||
      llvm::any_of(tile.getInputAddrs(), [](int64_t a) { return a < 0; }))
    return "buffer addresses must be >= 0";
  if (tile.getStart() < 0 || tile.getEnd() < tile.getStart() || tile.getMacs() < 0)
    return "needs 0 <= start <= end and macs >= 0";
  // (params_from: LayerOp::verifyRegions, which sees every tile.)
  return "";
}

LogicalResult TileOp::verify() {
  std::string problem = tileProblem(*this);
  return problem.empty() ? success() : emitOpError() << problem;
}

LogicalResult LayerOp::verifyRegions() {
  // A tile that streams its parameters reads another tile's: one of this
  // layer that holds its own, with the same slice and layout (the rule the
  // artifact reader applies too).
  auto tiles = llvm::to_vector(getBody().front().getOps<TileOp>());
  if (llvm::none_of(tiles, [](TileOp t) { return bool(t.getParamsFrom()); }))
    return success();
  kernels::LayerGeometry g;
  if (llvm::Error err = parseGeometry(getGeometry(), g))
    return emitOpError() << llvm::toString(std::move(err));
  std::vector<kernels::Box> boxes;
  for (TileOp t : tiles)
    boxes.push_back(kernels::Box::fromBounds(t.getBox()));
  // (An explicit params_from of -1 or below names no tile: refused.)
  auto from = [&](size_t i) -> int64_t {
    auto k = tiles[i].getParamsFrom();
    return k ? int64_t(*k) : -1;
  };
  for (size_t t = 0; t < tiles.size(); ++t) {
    if (!tiles[t].getParamsFrom())
      continue;
    std::string problem = kernels::streamedParamsProblem(
        g, boxes, t, from,
        [&](size_t a, size_t b) { return tiles[a].getParamLayout() == tiles[b].getParamLayout(); });
    if (!problem.empty())
      return tiles[t].emitOpError() << problem;
  }
  return success();
}

LogicalResult TransferOp::verify() {
  if (getProducer().size() != 2 || getConsumer().size() != 2)
    return emitOpError() << "producer and consumer are (layer, tile)";
  return noc::verifyTransferFields(*this);
}

LogicalResult HostOp::verify() {
  std::optional<ElemKind> kind = parseElemKind(getHostKind());
  if (!kind)
    return emitOpError() << "host_kind '" << getHostKind() << "' is not an element kind";
  if (getConvertsFloat() != (*kind == ElemKind::F32))
    return emitOpError() << "host kind and float conversion disagree";
  if (getAxis() < -1)
    return emitOpError() << "axis must be >= -1 (-1: per tensor)";
  if (getConvertsFloat() && (getScales().empty() || getScales().size() != getZeroPoints().size()))
    return emitOpError() << "scales and zero points must match";
  return success();
}

#define GET_OP_CLASSES
#include "npc/Dialect/Prog/IR/ProgOps.cpp.inc"
