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

/// No two buffers on one core share a byte. At this level every buffer
/// lives for the whole frame (the mapper never reuses memory), so any
/// overlap is two live buffers in one place. Checked once per block, when
/// verifying its first mapped op; the error names the later buffer's op.
static LogicalResult verifyNoBufferOverlap(Operation *first) {
  struct Span {
    int64_t lo, hi;
    Operation *op;
    int64_t layer, tile; // layer: index among the block's mapped ops
    std::string what;
  };
  std::map<int64_t, std::vector<Span>> perCore;
  int64_t layer = -1;
  for (Operation &op : *first->getBlock()) {
    if (!op.hasAttr(kCoresAttr))
      continue;
    ++layer;
    if (!hasWellFormedPlacements(&op))
      continue;
    for (auto [ti, placement] : llvm::enumerate(getPlacements(&op))) {
      const nmap::TilePlacement &p = placement;
      const int64_t t = int64_t(ti); // a lambda may not capture a structured binding (C++17)
      auto add = [&](int64_t addr, int64_t bytes, std::string what) {
        if (bytes > 0)
          perCore[p.core].push_back({addr, addr + bytes, &op, layer, t, std::move(what)});
      };
      add(p.paramAddr, p.paramBytes, "parameters");
      for (auto [i, in] : llvm::enumerate(p.inputs))
        add(in.first, ringBytes(in.second, p.inputCopies(i)), "input " + std::to_string(i));
      add(p.outAddr, ringBytes(p.outBytes, p.outCopies()), "output");
    }
  }
  auto name = [](const Span &s) {
    std::string where = describeLoc(s.op->getLoc());
    return s.what + " [" + std::to_string(s.lo) + ", " + std::to_string(s.hi) + ") of tile " +
           std::to_string(s.tile) + " of layer " + std::to_string(s.layer) + " (" +
           (where.empty() ? s.op->getName().getStringRef().str() : where) + ")";
  };
  for (auto &[core, spans] : perCore) {
    llvm::sort(spans, [](const Span &a, const Span &b) { return a.lo < b.lo; });
    // The span reaching furthest so far: any later span starting below its
    // end overlaps it.
    const Span *reach = nullptr;
    for (const Span &s : spans) {
      if (reach && s.lo < reach->hi) {
        const Span &later = s.op->isBeforeInBlock(reach->op) ? *reach : s;
        const Span &other = &later == &s ? *reach : s;
        return later.op->emitError() << "buffer " << name(later) << " overlaps buffer "
                                     << name(other) << " on core " << core;
      }
      if (!reach || s.hi > reach->hi)
        reach = &s;
    }
  }
  return success();
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
