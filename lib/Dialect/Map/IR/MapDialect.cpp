//===- MapDialect.cpp - spatial mapping -----------------------------------===//
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Operation.h"

#include <map>

using namespace mlir;
using namespace npc;
using namespace npc::nmap;

#include "npc/Dialect/Map/IR/MapDialect.cpp.inc"

void MapDialect::initialize() {}

/// Buffers per tile in nmap.buffers: params, one per input, output.
static int64_t buffersPerTile(Operation *op, int64_t tiles, int64_t values) {
  return tiles ? values / tiles / 2 : 0;
}

std::vector<TilePlacement> npc::nmap::getPlacements(Operation *op) {
  std::vector<TilePlacement> out;
  auto cores = op->getAttrOfType<DenseI64ArrayAttr>(kCoresAttr);
  auto bufs = op->getAttrOfType<DenseI64ArrayAttr>(kBuffersAttr);
  if (!cores || !bufs || cores.empty())
    return out;
  int64_t per = buffersPerTile(op, cores.size(), bufs.size());
  // (Malformed attributes, which the op's verification reports, give none:
  // callers may run before it.)
  if (per < 2 || bufs.size() != int64_t(cores.size()) * per * 2)
    return out;
  ArrayRef<int64_t> b = bufs.asArrayRef();
  for (int64_t t = 0; t < cores.size(); ++t) {
    TilePlacement p;
    p.core = cores[t];
    const int64_t *v = b.data() + t * per * 2;
    p.paramAddr = v[0];
    p.paramBytes = v[1];
    for (int64_t i = 1; i + 1 < per; ++i)
      p.inputs.push_back({v[2 * i], v[2 * i + 1]});
    p.outAddr = v[2 * (per - 1)];
    p.outBytes = v[2 * (per - 1) + 1];
    out.push_back(p);
  }
  if (auto copies = op->getAttrOfType<DenseI64ArrayAttr>(kCopiesAttr)) {
    size_t per = out.empty() ? 0 : out[0].inputs.size() + 1;
    if (copies.size() == int64_t(per * out.size()))
      for (auto [t, p] : llvm::enumerate(out))
        p.copies.assign(copies.asArrayRef().begin() + t * per,
                        copies.asArrayRef().begin() + (t + 1) * per);
  }
  return out;
}

int64_t TilePlacement::layOut(int64_t top) {
  auto take = [&](int64_t bytes, int64_t n) {
    int64_t a = top;
    top += n * alignedBytes(bytes);
    return a;
  };
  paramAddr = take(paramBytes, 1);
  for (auto [i, in] : llvm::enumerate(inputs))
    in.first = take(in.second, inputCopies(i));
  outAddr = take(outBytes, outCopies());
  return top;
}

void npc::nmap::setPlacements(Operation *op, ArrayRef<TilePlacement> tiles) {
  SmallVector<int64_t> cores, bufs;
  for (const auto &p : tiles) {
    cores.push_back(p.core);
    bufs.append({p.paramAddr, p.paramBytes});
    for (auto [a, n] : p.inputs)
      bufs.append({a, n});
    bufs.append({p.outAddr, p.outBytes});
  }
  op->setAttr(kCoresAttr, DenseI64ArrayAttr::get(op->getContext(), cores));
  op->setAttr(kBuffersAttr, DenseI64ArrayAttr::get(op->getContext(), bufs));
  SmallVector<int64_t> copies;
  bool some = false;
  for (const auto &p : tiles) {
    for (size_t i = 0; i < p.inputs.size(); ++i)
      copies.push_back(p.inputCopies(i));
    copies.push_back(p.outCopies());
  }
  for (int64_t c : copies)
    some |= c > 1;
  if (some)
    op->setAttr(kCopiesAttr, DenseI64ArrayAttr::get(op->getContext(), copies));
  else
    op->removeAttr(kCopiesAttr);
}

/// True when `op`'s nmap attributes have the shape getPlacements reads
/// (the op's own verification reports anything else).
static bool hasWellFormedPlacements(Operation *op) {
  auto cores = op->getAttrOfType<DenseI64ArrayAttr>(kCoresAttr);
  auto bufs = op->getAttrOfType<DenseI64ArrayAttr>(kBuffersAttr);
  return cores && bufs && !cores.empty() && bufs.size() % (2 * cores.size()) == 0 &&
         bufs.size() / (2 * cores.size()) >= 2;
}

SharedBuffers
npc::nmap::findSharedBuffers(ArrayRef<std::vector<TilePlacement>> places,
                             llvm::function_ref<Lifetime(const BufferRef &)> lifetimeOf) {
  struct Span {
    int64_t lo, hi;
    BufferRef ref;
  };
  std::map<int64_t, std::vector<Span>> perCore;
  for (auto [li, layer] : llvm::enumerate(places))
    for (auto [ti, p] : llvm::enumerate(layer)) {
      auto add = [&, core = p.core, l = int64_t(li), t = int64_t(ti)](int64_t addr, int64_t bytes,
                                                                       int64_t which) {
        if (bytes > 0)
          perCore[core].push_back({addr, addr + bytes, {l, t, which}});
      };
      add(p.paramAddr, p.paramBytes, BufferRef::kParams);
      for (auto [i, in] : llvm::enumerate(p.inputs))
        add(in.first, ringBytes(in.second, p.inputCopies(i)), int64_t(i));
      add(p.outAddr, ringBytes(p.outBytes, p.outCopies()), int64_t(p.inputs.size()));
    }
  SharedBuffers out;
  for (auto &[core, spans] : perCore) {
    llvm::sort(spans, [](const Span &a, const Span &b) {
      return std::tie(a.lo, a.ref.layer, a.ref.tile, a.ref.which) <
             std::tie(b.lo, b.ref.layer, b.ref.tile, b.ref.which);
    });
    bool through = forEachOverlap<Span>(spans, [&](const Span &o, const Span &s) {
      const bool params = o.ref.which == BufferRef::kParams || s.ref.which == BufferRef::kParams;
      Lifetime lo = params ? Lifetime{} : lifetimeOf(o.ref);
      Lifetime ls = params ? Lifetime{} : lifetimeOf(s.ref);
      if (params || lo.meets(ls)) {
        bool sFirst = s.ref.layer < o.ref.layer;
        out.conflict = sFirst ? std::make_pair(s.ref, o.ref) : std::make_pair(o.ref, s.ref);
        return false;
      }
      out.pairs.push_back(lo.last < ls.first ? std::make_pair(o.ref, s.ref)
                                             : std::make_pair(s.ref, o.ref));
      return true;
    });
    if (!through)
      return out;
  }
  return out;
}

/// No two buffers on one core share a byte while both hold data: buffers
/// whose lifetimes (in layer positions, bufferLifetimes) do not meet may
/// (npc-map-to-cores reuse-buffers); parameters share with nothing.
/// Checked once per block, when verifying its first mapped op; the error
/// names the later buffer's op.
static LogicalResult verifyNoBufferOverlap(Operation *first) {
  std::vector<Operation *> ops;
  std::vector<std::vector<TilePlacement>> places;
  for (Operation &op : *first->getBlock()) {
    if (!op.hasAttr(kCoresAttr))
      continue;
    ops.push_back(&op);
    places.push_back(hasWellFormedPlacements(&op) ? getPlacements(&op)
                                                  : std::vector<TilePlacement>());
  }
  // The module's graph, built only when some buffers overlap. Without one
  // (a module the graph model cannot read) every buffer lives throughout.
  std::optional<GraphModel> graph;
  std::vector<LayerLifetimes> lives;
  bool noGraph = false;
  auto lifetimeOf = [&](const BufferRef &b) -> Lifetime {
    if (!graph && !noGraph) {
      auto module = first->getParentOfType<ModuleOp>();
      auto g = module ? buildGraphModel(module)
                      : llvm::Expected<GraphModel>(llvm::createStringError("no module"));
      if (!g) {
        llvm::consumeError(g.takeError());
        noGraph = true;
      } else {
        graph = std::move(*g);
        lives = bufferLifetimes(*graph);
      }
    }
    int li = noGraph ? -1 : graph->layerIndex(ops[b.layer]);
    if (li < 0)
      return {0, INT64_MAX};
    return lives[li].of(b.which);
  };
  SharedBuffers shared = findSharedBuffers(places, lifetimeOf);
  if (!shared.conflict)
    return success();
  auto name = [&](const BufferRef &b) {
    const TilePlacement &p = places[b.layer][b.tile];
    int64_t lo = p.paramAddr, hi = p.paramAddr + p.paramBytes;
    std::string what = "parameters";
    if (b.which >= 0 && b.which < int64_t(p.inputs.size())) {
      lo = p.inputs[b.which].first;
      hi = lo + ringBytes(p.inputs[b.which].second, p.inputCopies(b.which));
      what = "input " + std::to_string(b.which);
    } else if (b.which >= 0) {
      lo = p.outAddr;
      hi = lo + ringBytes(p.outBytes, p.outCopies());
      what = "output";
    }
    Operation *op = ops[b.layer];
    std::string where = describeLoc(op->getLoc());
    return what + " [" + std::to_string(lo) + ", " + std::to_string(hi) + ") of tile " +
           std::to_string(b.tile) + " of layer " + std::to_string(b.layer) + " (" +
           (where.empty() ? op->getName().getStringRef().str() : where) + ")";
  };
  auto [earlier, later] = *shared.conflict;
  return ops[later.layer]->emitError()
         << "buffer " << name(later) << " overlaps buffer " << name(earlier) << " on core "
         << places[later.layer][later.tile].core
         << (earlier.which == BufferRef::kParams || later.which == BufferRef::kParams
                 ? ""
                 : " while both hold data");
}

LogicalResult MapDialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  if (attr.getName() != kCoresAttr && attr.getName() != kBuffersAttr &&
      attr.getName() != kCopiesAttr)
    return op->emitError() << "unknown nmap attribute '" << attr.getName().getValue() << "'";
  if (!isa<DenseI64ArrayAttr>(attr.getValue()))
    return op->emitError() << "'" << attr.getName().getValue() << "' must be an i64 array";
  if ((attr.getName() == kBuffersAttr || attr.getName() == kCopiesAttr) &&
      !op->hasAttr(kCoresAttr))
    return op->emitError() << "'" << attr.getName().getValue() << "' needs 'nmap.cores'";
  // Check once, when looking at nmap.cores.
  if (attr.getName() != kCoresAttr)
    return success();
  auto cores = cast<DenseI64ArrayAttr>(attr.getValue());
  auto bufs = op->getAttrOfType<DenseI64ArrayAttr>(kBuffersAttr);
  auto tiles = op->getAttrOfType<ArrayAttr>("ntile.tiles");
  if (!tiles || int64_t(tiles.size()) != cores.size())
    return op->emitError() << "'nmap.cores' needs one core per tile of 'ntile.tiles'";
  if (!bufs || cores.empty() || bufs.size() % (2 * cores.size()) != 0 ||
      bufs.size() / (2 * cores.size()) < 2)
    return op->emitError() << "'nmap.buffers' needs (address, bytes) for the "
                              "parameters, each input and the output of every tile";
  int64_t inputs = int64_t(bufs.size() / (2 * cores.size())) - 2;
  if (qg::isComputeLayer(op) && inputs != int64_t(qg::activationOperands(op).size()))
    return op->emitError() << "'nmap.buffers' needs (address, bytes) for the parameters, "
                              "each input and the output of every tile: it lists "
                           << inputs << " input windows per tile, the layer has "
                           << qg::activationOperands(op).size() << " inputs";
  auto module = op->getParentOfType<ModuleOp>();
  auto target = module ? getModuleTarget(module) : llvm::Expected<TargetDesc>(northpoleTarget());
  if (!target)
    return op->emitError() << llvm::toString(target.takeError());
  if (auto copies = op->getAttrOfType<DenseI64ArrayAttr>(kCopiesAttr)) {
    if (copies.size() != cores.size() * (inputs + 1))
      return op->emitError() << "'nmap.copies' needs one count per input and one for the "
                                "output of every tile";
    for (int64_t c : copies.asArrayRef())
      if (c < 1)
        return op->emitError() << "'nmap.copies' counts must be at least 1, got " << c;
  }
  for (auto [t, c] : llvm::enumerate(cores.asArrayRef()))
    if (c < 0 || c >= target->numCores())
      return op->emitError() << "tile " << t << " is placed on core " << c
                             << ", outside the " << target->gridCols << "x"
                             << target->gridRows << " grid";
  for (const auto &p : getPlacements(op)) {
    auto check = [&](int64_t addr, int64_t bytes) -> LogicalResult {
      // Written so that huge values cannot wrap around.
      if (addr < 0 || bytes < 0 || addr > target->coreMemoryBytes ||
          bytes > target->coreMemoryBytes - addr)
      {
        int64_t end; // saturated: the message must not overflow either
        if (__builtin_add_overflow(addr, bytes, &end))
          end = bytes > 0 ? INT64_MAX : INT64_MIN;
        return op->emitError() << "buffer [" << addr << ", " << end << ") on core " << p.core
                               << " exceeds the core memory of " << target->coreMemoryBytes
                               << " bytes";
      }
      return success();
    };
    if (failed(check(p.paramAddr, p.paramBytes)) ||
        failed(check(p.outAddr, ringBytes(p.outBytes, p.outCopies()))))
      return failure();
    for (auto [i, in] : llvm::enumerate(p.inputs))
      if (failed(check(in.first, ringBytes(in.second, p.inputCopies(i)))))
        return failure();
  }
  for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode())
    if (prev->hasAttr(kCoresAttr))
      return success(); // the block's first mapped op checks them all
  return verifyNoBufferOverlap(op);
}
