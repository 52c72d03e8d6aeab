//===- MapDialect.cpp - spatial mapping -----------------------------------===//
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/QGraph/IR/LayerSpec.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Runtime/ChipModel.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <map>

using namespace mlir;
using namespace npc;
using namespace npc::nmap;

#include "npc/Dialect/Map/IR/MapDialect.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "npc/Dialect/Map/IR/MapAttrs.cpp.inc"

void MapDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "npc/Dialect/Map/IR/MapAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// #nmap.buffer and #nmap.tile
//===----------------------------------------------------------------------===//

LogicalResult BufferAttr::verify(function_ref<InFlightDiagnostic()> emitError, int64_t addr,
                                 int64_t bytes, int64_t copies) {
  if (addr < 0 || bytes < 0)
    return emitError() << "a buffer's address and bytes must not be negative, got (" << addr
                       << ", " << bytes << ")";
  if (copies < 1)
    return emitError() << "a buffer has at least 1 copy, got " << copies;
  return success();
}

FailureOr<BufferAttr> BufferAttr::parseBare(AsmParser &parser) {
  int64_t addr = 0, bytes = 0, copies = 1;
  SMLoc at = parser.getCurrentLocation();
  if (parser.parseLParen() || parser.parseInteger(addr) || parser.parseComma() ||
      parser.parseInteger(bytes) || parser.parseRParen())
    return failure();
  if (succeeded(parser.parseOptionalKeyword("x")) && parser.parseInteger(copies))
    return failure();
  BufferAttr b = BufferAttr::getChecked([&] { return parser.emitError(at); },
                                        parser.getContext(), addr, bytes, copies);
  if (!b)
    return failure();
  return b;
}

void BufferAttr::printBare(AsmPrinter &printer) const {
  printer << "(" << getAddr() << ", " << getBytes() << ")";
  if (getCopies() != 1)
    printer << " x " << getCopies();
}

Attribute BufferAttr::parse(AsmParser &parser, Type) {
  FailureOr<BufferAttr> b;
  if (parser.parseLess() || failed(b = parseBare(parser)) || parser.parseGreater())
    return {};
  return *b;
}

void BufferAttr::print(AsmPrinter &printer) const {
  printer << "<";
  printBare(printer);
  printer << ">";
}

LogicalResult TileAttr::verify(function_ref<InFlightDiagnostic()> emitError, int64_t core,
                               BufferAttr params, ArrayRef<BufferAttr> inputs,
                               BufferAttr output, int64_t paramsFrom) {
  if (core < 0)
    return emitError() << "a tile's core index must not be negative, got " << core;
  if (params.getCopies() != 1)
    return emitError() << "parameters have one copy, read in every frame; got "
                       << params.getCopies();
  if (paramsFrom < -1)
    return emitError() << "a tile streams parameters from a tile index, got " << paramsFrom;
  if (paramsFrom >= 0 && (params.getAddr() != 0 || params.getBytes() != 0))
    return emitError() << "a tile that streams its parameters holds none on its core";
  return success();
}

Attribute TileAttr::parse(AsmParser &parser, Type) {
  SMLoc at = parser.getCurrentLocation();
  int64_t core = 0;
  FailureOr<BufferAttr> params, output;
  SmallVector<BufferAttr> inputs;
  int64_t paramsFrom = -1;
  if (parser.parseLess() || parser.parseKeyword("core") || parser.parseEqual() ||
      parser.parseInteger(core) || parser.parseComma() || parser.parseKeyword("params") ||
      parser.parseEqual())
    return {};
  if (succeeded(parser.parseOptionalKeyword("streamed"))) {
    SMLoc fromAt = parser.getCurrentLocation();
    if (parser.parseKeyword("from") || parser.parseInteger(paramsFrom))
      return {};
    if (paramsFrom < 0)
      return (parser.emitError(fromAt) << "a tile streams its parameters from a tile index >= 0, got "
                                       << paramsFrom,
              Attribute());
    params = BufferAttr::get(parser.getContext(), 0, 0, 1);
  } else if (failed(params = BufferAttr::parseBare(parser))) {
    return {};
  }
  if (parser.parseComma() || parser.parseKeyword("inputs") || parser.parseEqual() ||
      parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                     [&]() -> ParseResult {
                                       FailureOr<BufferAttr> in = BufferAttr::parseBare(parser);
                                       if (failed(in))
                                         return failure();
                                       inputs.push_back(*in);
                                       return success();
                                     }) ||
      parser.parseComma() || parser.parseKeyword("output") || parser.parseEqual() ||
      failed(output = BufferAttr::parseBare(parser)) || parser.parseGreater())
    return {};
  return TileAttr::getChecked([&] { return parser.emitError(at); }, parser.getContext(), core,
                              *params, inputs, *output, paramsFrom);
}

void TileAttr::print(AsmPrinter &printer) const {
  printer << "<core = " << getCore() << ", params = ";
  if (getParamsFrom() >= 0)
    printer << "streamed from " << getParamsFrom();
  else
    getParams().printBare(printer);
  printer << ", inputs = [";
  llvm::interleaveComma(getInputs(), printer, [&](BufferAttr b) { b.printBare(printer); });
  printer << "], output = ";
  getOutput().printBare(printer);
  printer << ">";
}

//===----------------------------------------------------------------------===//
// Placements
//===----------------------------------------------------------------------===//

std::vector<TilePlacement> npc::nmap::getPlacements(Operation *op) {
  std::vector<TilePlacement> out;
  auto tiles = op->getAttrOfType<ArrayAttr>(kTilesAttr);
  // (Malformed attributes, which the dialect's verifier reports, give none:
  // callers may run before it.)
  if (!tiles || tiles.empty() ||
      !llvm::all_of(tiles, [](Attribute a) { return isa<TileAttr>(a); }))
    return out;
  for (Attribute a : tiles) {
    auto t = cast<TileAttr>(a);
    TilePlacement p;
    p.core = t.getCore();
    p.paramAddr = t.getParams().getAddr();
    p.paramBytes = t.getParams().getBytes();
    p.paramsFrom = t.getParamsFrom();
    bool copies = t.getOutput().getCopies() != 1;
    for (BufferAttr in : t.getInputs()) {
      p.inputs.push_back({in.getAddr(), in.getBytes()});
      copies |= in.getCopies() != 1;
    }
    p.outAddr = t.getOutput().getAddr();
    p.outBytes = t.getOutput().getBytes();
    if (copies) {
      for (BufferAttr in : t.getInputs())
        p.copies.push_back(in.getCopies());
      p.copies.push_back(t.getOutput().getCopies());
    }
    out.push_back(std::move(p));
  }
  return out;
}

int64_t TilePlacement::layOut(int64_t top) {
  auto take = [&](int64_t bytes, int64_t n) {
    int64_t a = top;
    top += n * alignedBytes(bytes);
    return a;
  };
  paramAddr = paramsFrom >= 0 ? 0 : take(paramBytes, 1);
  for (auto [i, in] : llvm::enumerate(inputs))
    in.first = take(in.second, inputCopies(i));
  outAddr = take(outBytes, outCopies());
  return top;
}

void npc::nmap::setPlacements(Operation *op, ArrayRef<TilePlacement> tiles) {
  MLIRContext *ctx = op->getContext();
  SmallVector<Attribute> attrs;
  for (const auto &p : tiles) {
    SmallVector<BufferAttr> inputs;
    for (auto [i, in] : llvm::enumerate(p.inputs))
      inputs.push_back(BufferAttr::get(ctx, in.first, in.second, p.inputCopies(i)));
    attrs.push_back(TileAttr::get(ctx, p.core, BufferAttr::get(ctx, p.paramAddr, p.paramBytes, 1),
                                  inputs,
                                  BufferAttr::get(ctx, p.outAddr, p.outBytes, p.outCopies()),
                                  p.paramsFrom));
  }
  op->setAttr(kTilesAttr, ArrayAttr::get(ctx, attrs));
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
static LogicalResult verifyNoBufferOverlap(Operation *first, const TargetDesc &target) {
  std::vector<Operation *> ops;
  std::vector<std::vector<TilePlacement>> places;
  for (Operation &op : *first->getBlock()) {
    if (!isMapped(&op))
      continue;
    ops.push_back(&op);
    // (An op whose placements are malformed, which its own verification
    // reports, takes part with none.)
    auto checked = getCheckedPlacements(&op, target);
    places.push_back(checked ? std::move(*checked) : std::vector<TilePlacement>());
    if (!checked)
      llvm::consumeError(checked.takeError());
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

llvm::Expected<std::vector<TilePlacement>>
npc::nmap::getCheckedPlacements(Operation *op, const TargetDesc &target) {
  auto fail = [](const llvm::Twine &why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
  };
  auto placed = op->getAttrOfType<ArrayAttr>(kTilesAttr);
  if (!placed || !llvm::all_of(placed, [](Attribute a) { return isa<TileAttr>(a); }))
    return fail("'nmap.tiles' must be an array of #nmap.tile");
  auto tiles = op->getAttrOfType<ArrayAttr>("ntile.tiles");
  if (!tiles || tiles.size() != placed.size() || placed.empty())
    return fail("'nmap.tiles' needs one #nmap.tile per tile of 'ntile.tiles' (" +
                llvm::Twine(tiles ? tiles.size() : 0) + "), got " + llvm::Twine(placed.size()));
  std::vector<TilePlacement> places = getPlacements(op);
  size_t inputs = places.front().inputs.size();
  for (auto [t, p] : llvm::enumerate(places))
    if (p.inputs.size() != inputs)
      return fail("tile " + llvm::Twine(t) + " has " + llvm::Twine(p.inputs.size()) +
                  " input windows, tile 0 has " + llvm::Twine(inputs));
  if (qg::isComputeLayer(op) && inputs != qg::activationOperands(op).size())
    return fail("'nmap.tiles' needs one input window per activation operand: its tiles have " +
                llvm::Twine(inputs) + ", the layer has " +
                llvm::Twine(qg::activationOperands(op).size()) + " inputs");
  for (auto [t, p] : llvm::enumerate(places))
    if (p.core >= target.numCores())
      return fail("tile " + llvm::Twine(t) + " is placed on core " + llvm::Twine(p.core) +
                  ", outside the " + llvm::Twine(target.gridCols) + "x" +
                  llvm::Twine(target.gridRows) + " grid");
  // A tile that streams its parameters names a tile of the layer that
  // holds them itself, with the same slice (kernels::streamedParamsProblem).
  const std::vector<kernels::Box> boxes = ntile::getTiles(op);
  std::optional<qg::LayerSpec> spec;
  for (auto [t, p] : llvm::enumerate(places)) {
    if (p.paramsFrom < 0)
      continue;
    if (!spec) {
      auto described = qg::describeLayer(op, /*withWeights=*/false);
      if (!described)
        return fail("tile " + llvm::Twine(t) + " streams its parameters, but the op is no layer: " +
                    llvm::toString(described.takeError()));
      spec = std::move(*described);
    }
    if (boxes.size() != places.size())
      return fail("tile " + llvm::Twine(t) + " streams its parameters, but the layer has " +
                  llvm::Twine(boxes.size()) + " tiles and " + llvm::Twine(places.size()) +
                  " placements");
    std::string problem = kernels::streamedParamsProblem(
        spec->geometry, boxes, t, [&](size_t i) { return places[i].paramsFrom; });
    if (!problem.empty())
      return fail(problem);
  }
  const int64_t mem = target.coreMemoryBytes;
  for (const auto &p : places) {
    auto outside = [&](int64_t addr, int64_t bytes, int64_t copies) -> std::optional<std::string> {
      if (ringFits(addr, bytes, copies, mem))
        return std::nullopt;
      // The end where it has one (nothing here may overflow either).
      int64_t end;
      std::string endText = "beyond";
      if ((copies == 1 || (bytes <= mem && copies <= mem)) &&
          !__builtin_add_overflow(addr, ringBytes(bytes, copies), &end))
        endText = std::to_string(end);
      return "buffer [" + std::to_string(addr) + ", " + endText + ") on core " +
             std::to_string(p.core) + " exceeds the core memory of " + std::to_string(mem) +
             " bytes";
    };
    std::optional<std::string> bad = outside(p.paramAddr, p.paramBytes, 1);
    if (!bad)
      bad = outside(p.outAddr, p.outBytes, p.outCopies());
    for (auto [i, in] : llvm::enumerate(p.inputs))
      if (!bad)
        bad = outside(in.first, in.second, p.inputCopies(i));
    if (bad)
      return fail(*bad);
  }
  return places;
}

LogicalResult MapDialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  if (attr.getName() != kTilesAttr)
    return op->emitError() << "unknown nmap attribute '" << attr.getName().getValue()
                           << "' (the mapping is 'nmap.tiles')";
  auto target = getTargetOf(op);
  if (!target)
    return op->emitError() << llvm::toString(target.takeError());
  if (auto places = getCheckedPlacements(op, *target); !places)
    return op->emitError() << llvm::toString(places.takeError());
  for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode())
    if (isMapped(prev))
      return success(); // the block's first mapped op checks them all
  return verifyNoBufferOverlap(op, *target);
}
