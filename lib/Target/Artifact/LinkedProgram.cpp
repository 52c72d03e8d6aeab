//===- LinkedProgram.cpp - the linked prog module and the artifact --------===//
#include "npc/Target/LinkedProgram.h"
#include "npc/Dialect/Prog/IR/Prog.h"
#include "npc/Runtime/TargetModel.h"
#include "npc/Support/Printable.h"
#include "npc/Target/TargetAttr.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/FormatVariadic.h"

#include <set>

using namespace mlir;
using namespace npc;

bool npc::isLinked(ModuleOp module) { return !module.getOps<prog::FrameOp>().empty(); }

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

void npc::writeLinkedProgram(ModuleOp module, const LinkedProgram &p) {
  MLIRContext *ctx = module.getContext();
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  Location loc = module.getLoc();
  const Manifest &m = p.manifest;
  auto i64 = [&](int64_t v) { return b.getI64IntegerAttr(v); };
  auto ints = [&](llvm::ArrayRef<int64_t> v) { return b.getDenseI64ArrayAttr(v); };
  prog::FrameOp::create(b, loc, i64(m.cycles), i64(m.period));
  for (const ManifestTensor &t : m.tensors)
    prog::TensorOp::create(b, loc, ints(t.shape), b.getStringAttr(elemKindName(t.kind)),
                           i64(t.producer),
                           t.constant.empty() ? DenseI32ArrayAttr()
                                              : b.getDenseI32ArrayAttr(t.constant));
  for (const ManifestLayer &l : m.layers) {
    // A layer's location is its name, as the graph's layers have it.
    Location at = NameLoc::get(b.getStringAttr(l.name));
    std::vector<int64_t> inputs(l.inputs.begin(), l.inputs.end());
    SmallVector<bool> reshaped(l.inputReshaped.begin(), l.inputReshaped.end());
    auto layer = prog::LayerOp::create(b, at, b.getStringAttr(l.name),
                                       prog::geometryAttr(ctx, l.geometry), ints(inputs),
                                       b.getDenseBoolArrayAttr(reshaped), i64(l.output));
    layer.getBody().emplaceBlock();
    OpBuilder tb = OpBuilder::atBlockEnd(&layer.getBody().front());
    for (const ManifestTile &t : l.tiles) {
      const ParamLayout &L = t.layout;
      SmallVector<Attribute> boxes;
      for (const kernels::Box &ib : t.inputBoxes)
        boxes.push_back(tb.getDenseI64ArrayAttr(ib.bounds()));
      prog::TileOp::create(
          tb, at, i64(t.core), ints(t.box.bounds()), i64(t.paramAddr),
          ints({L.weightBits, L.weightsOffset, L.weightCount, L.biasOffset, L.biasCount,
                L.multOffset, L.multCount, L.shiftOffset, L.shiftCount, L.totalBytes}),
          ints(t.inputAddrs), tb.getArrayAttr(boxes), ints(t.inputCopies), i64(t.outAddr),
          i64(t.outCopies), i64(t.start), i64(t.end), i64(t.macs),
          t.paramsFrom < 0 ? IntegerAttr() : i64(t.paramsFrom));
    }
  }
  for (const ManifestTransfer &x : m.transfers)
    prog::TransferOp::create(b, loc, i64(x.id), i64(x.noc), i64(x.src), i64(x.dst),
                             i64(x.bytes), i64(x.start), i64(x.arrive), ints(x.route),
                             i64(x.tensor), ints(x.box.bounds()),
                             ints({x.producer[0], x.producer[1]}),
                             ints({x.consumer[0], x.consumer[1]}), i64(x.operand),
                             x.group < 0 ? IntegerAttr() : i64(x.group));
  for (auto [list, output] : {std::make_pair(&m.inputs, false), std::make_pair(&m.outputs, true)})
    for (const HostBoundary &h : *list)
      prog::HostOp::create(b, loc, b.getStringAttr(h.name), output ? b.getUnitAttr() : UnitAttr(),
                           b.getStringAttr(elemKindName(h.hostKind)), ints(h.shape),
                           i64(h.tensor), b.getBoolAttr(h.convertsFloat),
                           b.getDenseF64ArrayAttr(h.scales), ints(h.zeroPoints), i64(h.axis),
                           i64(h.storageMin), i64(h.storageMax));
  for (const auto &[core, code] : p.programs) {
    ElementsAttr memory;
    auto image = p.memory.find(core);
    if (image != p.memory.end() && !image->second.empty()) {
      auto type = RankedTensorType::get({int64_t(image->second.size())}, b.getI8Type());
      ArrayRef<char> bytes(reinterpret_cast<const char *>(image->second.data()),
                           image->second.size());
      memory = cast<ElementsAttr>(DenseI8ResourceElementsAttr::get(
          type, "core" + std::to_string(core), HeapAsmResourceBlob::allocateAndCopyInferAlign(bytes)));
    }
    auto prog = prog::CoreOp::create(b, loc, i64(core), memory);
    prog.getBody().emplaceBlock();
    OpBuilder ib = OpBuilder::atBlockEnd(&prog.getBody().front());
    for (const Instruction &in : code) {
      switch (in.op) {
      case Opcode::WaitUntil: prog::WaitUntilOp::create(ib, loc, i64(int64_t(in.b))); break;
      case Opcode::Send: prog::SendOp::create(ib, loc, i64(in.a)); break;
      case Opcode::Recv: prog::RecvOp::create(ib, loc, i64(in.a)); break;
      case Opcode::Compute: prog::ComputeOp::create(ib, loc, i64(in.a), i64(int64_t(in.b))); break;
      }
    }
  }
}

std::vector<Instruction> npc::programOf(prog::CoreOp core) {
  std::vector<Instruction> code;
  for (Operation &op : core.getBody().front()) {
    if (auto w = dyn_cast<prog::WaitUntilOp>(op))
      code.push_back({Opcode::WaitUntil, 0, uint64_t(w.getCycle())});
    else if (auto s = dyn_cast<prog::SendOp>(op))
      code.push_back({Opcode::Send, uint32_t(s.getTransfer()), 0});
    else if (auto r = dyn_cast<prog::RecvOp>(op))
      code.push_back({Opcode::Recv, uint32_t(r.getTransfer()), 0});
    else if (auto c = dyn_cast<prog::ComputeOp>(op))
      code.push_back({Opcode::Compute, uint32_t(c.getLayer()), uint64_t(c.getTile())});
  }
  return code;
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

llvm::Expected<LinkedProgram> npc::readLinkedProgram(ModuleOp module) {
  auto frames = llvm::to_vector(module.getOps<prog::FrameOp>());
  if (frames.size() != 1)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "the module is not a linked program: run the whole "
                                   "pipeline (npc-opt --npc-compile ends with npc-link-program)");
  LinkedProgram p;
  llvm::Expected<Manifest> m = prog::readLinkedManifest(module);
  if (!m)
    return m.takeError();
  p.manifest = std::move(*m);
  for (auto core : module.getOps<prog::CoreOp>()) {
    p.programs[core.getCore()] = programOf(core);
    std::vector<uint8_t> bytes = core.getMemoryBytes();
    if (!bytes.empty())
      p.memory[core.getCore()] = std::move(bytes);
  }
  return p;
}

//===----------------------------------------------------------------------===//
// Memory, report and artifact
//===----------------------------------------------------------------------===//

/// The bytes of all of a tile's buffers, with their copies.
static int64_t tileBytes(const Manifest &m, const ManifestLayer &l, const ManifestTile &t) {
  int64_t sum = 0;
  for (const TileBuffer &b : tileBuffers(m, l, t))
    sum += b.bytes;
  return sum;
}

/// Per-layer and summary figures of the schedule (README "Using it"; MACs
/// count multiply-accumulates, so layers off the MAC array report 0).
static llvm::json::Object buildReport(const Manifest &m,
                                      const std::vector<int64_t> &coreBytes) {
  llvm::json::Array layers;
  int64_t totalMacs = 0;
  double macArrayCycles = 0; // MACs over the array's rate at each layer's width
  const TargetDesc &t = m.target;
  std::unique_ptr<TargetModel> model = TargetModel::create(t);
  for (const ManifestLayer &l : m.layers) {
    std::map<int64_t, int64_t> bytesOnCore;
    int64_t start = INT64_MAX, end = 0, macs = 0, compute = 0, streamed = 0;
    for (const ManifestTile &tile : l.tiles) {
      streamed += tile.paramsFrom >= 0 && l.tiles[tile.paramsFrom].core != tile.core;
      compute = std::max(compute, tile.end - tile.start);
      start = std::min(start, tile.start);
      end = std::max(end, tile.end);
      macs += tile.macs;
      bytesOnCore[tile.core] += tileBytes(m, l, tile);
    }
    bool mac = kernels::isMacLayer(l.geometry.kind);
    int64_t cycles = end - start, cores = bytesOnCore.size(), maxBytes = 0;
    for (auto &[c, b] : bytesOnCore)
      maxBytes = std::max(maxBytes, b);
    if (mac) {
      totalMacs += macs;
      macArrayCycles += double(macs) / double(t.macsPerCycle(int(l.geometry.operandBits)));
    }
    int64_t rate = t.macsPerCycle(int(l.geometry.operandBits));
    double util = mac && cycles > 0 ? double(macs) / (double(cycles) * cores * rate) : 0.0;
    llvm::json::Array coreList;
    for (auto &[c, b] : bytesOnCore)
      coreList.push_back(llvm::json::Object{{"x", c % t.gridCols}, {"y", c / t.gridCols}, {"bytes", b}});
    layers.push_back(llvm::json::Object{
        {"name", l.name}, {"kind", kernels::layerKindName(l.geometry.kind)},
        {"tiles", int64_t(l.tiles.size())}, {"cores_used", cores}, {"cores", std::move(coreList)},
        {"max_bytes_per_core", maxBytes}, {"macs", mac ? macs : 0},
        {"operand_bits", l.geometry.operandBits},
        {"start_cycle", start}, {"end_cycle", end}, {"cycles", cycles},
        {"compute_cycles", compute}, // the longest tile on its core: 2x/4x faster at INT4/INT2
        {"mac_utilization", util},
        // Tiles that stream their parameters from another tile of the layer
        // on another core (docs/mapping.md, "Streamed weights"; one on the
        // same core reads them in place).
        {"streamed_tiles", streamed},
        // The rate the page's utilization divides by (TargetModel), so that
        // its reader needs no cost rule of its own.
        {"on_mac_array", mac}, {"work_per_cycle", model->workPerCycle(l.geometry)}});
  }
  // Energy per frame from event counts (docs/target.md "Energy"): MACs at
  // the 8-bit energy scaled by operand width, SRAM bytes read and written,
  // NoC bytes times hops.
  double macPj = 0, sramBytes = 0, hopBytes = 0;
  // Streamed parameters: each stream's home core, bytes and timing
  // (TargetModel::paramStream, as the scheduler and the executor time it).
  struct Stream {
    int64_t from, bytes;
    TargetModel::ParamStream timing;
  };
  std::vector<Stream> streams;
  for (const ManifestLayer &l : m.layers)
    for (const ManifestTile &tile : l.tiles)
      if (tile.paramsFrom >= 0 && l.tiles[tile.paramsFrom].core != tile.core) {
        const int64_t from = l.tiles[tile.paramsFrom].core;
        streams.push_back({from, tile.layout.totalBytes,
                           model->paramStream(from, tile.core, tile.layout.totalBytes)});
      }
  int64_t modelNocBytes = 0;
  for (const Stream &s : streams) {
    modelNocBytes += s.bytes;
    hopBytes += double(s.bytes) * double(s.timing.links.size());
  }
  for (const ManifestLayer &l : m.layers)
    for (const ManifestTile &tile : l.tiles) {
      if (kernels::isMacLayer(l.geometry.kind))
        macPj += model->macEnergyPj(double(tile.macs), l.geometry.operandBits);
      sramBytes += tile.layout.totalBytes +
                   double(tile.box.numel() * elemBytes(m.tensors[l.output].kind));
      for (size_t i = 0; i < l.inputs.size(); ++i)
        sramBytes += double(tile.inputBoxes[i].numel() * elemBytes(m.tensors[l.inputs[i]].kind));
    }
  std::set<std::pair<int64_t, int64_t>> multicastLinks; // a multicast uses a link once
  for (const ManifestTransfer &x : m.transfers) {
    sramBytes += 2.0 * double(x.bytes); // read at the source, written at the destination
    for (int64_t link : x.route)
      if (x.group < 0 || multicastLinks.insert({x.group, link}).second)
        hopBytes += double(x.bytes);
  }
  double sramPj = model->sramEnergyPj(sramBytes), nocPj = model->nocEnergyPj(hopBytes);
  double framePj = macPj + sramPj + nocPj;
  int64_t used = 0, maxCore = 0, total = 0;
  llvm::json::Array cores;
  for (size_t c = 0; c < coreBytes.size(); ++c) {
    if (coreBytes[c]) {
      ++used;
      cores.push_back(llvm::json::Object{{"x", int64_t(c) % t.gridCols},
                                         {"y", int64_t(c) / t.gridCols},
                                         {"bytes", coreBytes[c]},
                                         {"fill", double(coreBytes[c]) / t.coreMemoryBytes}});
    }
    maxCore = std::max(maxCore, coreBytes[c]);
    total += coreBytes[c];
  }
  // What bounds the period from below: each core's compute per frame, each
  // link's busy cycles per frame (TargetModel::linkWindow; a multicast
  // holds a link once), the host link each way. The period is the largest
  // of them, or more when the timetable found no room below it (free
  // cycles cut into gaps, buffer copies that do not fit).
  std::map<int64_t, int64_t> coreLoad, linkLoad;
  // Per link of each NoC (key as linkLoad's): transfers and bytes, a
  // multicast counted once, for the report's NoC section.
  std::map<int64_t, std::pair<int64_t, int64_t>> linkTraffic;
  for (const ManifestLayer &l : m.layers)
    for (const ManifestTile &tile : l.tiles)
      coreLoad[tile.core] += tile.end - tile.start;
  // Each NoC has its own wires: link l of NoC n is n * numLinks + l here.
  const int64_t numLinks = model->numLinks();
  std::set<std::pair<int64_t, int64_t>> heldOnce;
  int64_t psumNocBytes = 0;
  for (const ManifestTransfer &x : m.transfers) {
    if (NocKind(x.noc) == NocKind::PartialSum)
      psumNocBytes += x.bytes;
    for (auto [position, link] : llvm::enumerate(x.route))
      if (x.group < 0 || heldOnce.insert({x.group, link}).second) {
        const int64_t key = x.noc * numLinks + link;
        linkLoad[key] += model->linkWindow(NocKind(x.noc), x.bytes, int64_t(position)).cycles;
        ++linkTraffic[key].first;
        linkTraffic[key].second += x.bytes;
      }
  }
  // The NoC section of the page (python/npc/report.py) draws from these:
  // where each link arrives (the topology's answer, null where it has no
  // such link) and each loaded link's busy cycles, transfers and bytes.
  llvm::json::Array linkTargets, linkLoads;
  for (int64_t l = 0; l < numLinks; ++l) {
    std::optional<int64_t> to = model->linkTarget(l);
    linkTargets.push_back(to ? llvm::json::Value(*to) : llvm::json::Value(nullptr));
  }
  for (auto [key, busy] : linkLoad)
    linkLoads.push_back(llvm::json::Array{key / numLinks, key % numLinks, busy,
                                          linkTraffic[key].first, linkTraffic[key].second});
  std::map<int64_t, int64_t> modelLinkLoad;
  for (const Stream &s : streams)
    for (auto [link, w] : s.timing.links)
      modelLinkLoad[link] += w.cycles;
  auto busiest = [](const std::map<int64_t, int64_t> &load) {
    std::pair<int64_t, int64_t> best{-1, 0};
    for (auto [k, v] : load)
      if (v > best.second)
        best = {k, v};
    return best;
  };
  const FrameBufferUse host = frameBufferUse(m);
  auto [core, coreCycles] = busiest(coreLoad);
  auto [link, linkCycles] = busiest(linkLoad);
  llvm::json::Array bounds{
      llvm::json::Object{{"what", "busiest core"},
                         {"where", core < 0 ? std::string("-")
                                            : llvm::formatv("core ({0}, {1})", core % t.gridCols,
                                                            core / t.gridCols)
                                                  .str()},
                         {"cycles", coreCycles}},
      llvm::json::Object{{"what", "busiest link"},
                         {"where", link < 0 ? std::string("-")
                                   : model->linkName(link % numLinks) +
                                         (link < numLinks ? std::string()
                                                          : std::string(" of the ") +
                                                                nocName(NocKind(link / numLinks)) +
                                                                " NoC")},
                         {"cycles", linkCycles}},
      llvm::json::Object{{"what", "busiest model NoC link (streamed weights)"},
                         {"where", busiest(modelLinkLoad).first < 0
                                       ? std::string("-")
                                       : model->linkName(busiest(modelLinkLoad).first)},
                         {"cycles", busiest(modelLinkLoad).second}},
      llvm::json::Object{{"what", "host link in"},
                         {"where", llvm::formatv("{0} input bytes", host.inputBytes).str()},
                         {"cycles", host.hostInputCycles}},
      llvm::json::Object{{"what", "host link out"},
                         {"where", llvm::formatv("{0} output bytes", host.outputBytes).str()},
                         {"cycles", host.hostOutputCycles}}};
  // Each core's SRAM port holds per frame (TargetModel::transferPortCores)
  // over its ports: the period is at least that.
  if (model->sramPorts() > 0) {
    std::map<int64_t, int64_t> portLoad;
    for (const ManifestLayer &l : m.layers)
      for (const ManifestTile &tile : l.tiles)
        portLoad[tile.core] += tile.end - tile.start;
    std::set<std::pair<int64_t, int64_t>> groupCores;
    for (const ManifestTransfer &x : m.transfers)
      for (int64_t c : TargetModel::transferPortCores(x.src, x.dst))
        if (x.group < 0 || groupCores.insert({x.group, c}).second)
          portLoad[c] += x.arrive - x.start;
    for (const Stream &s : streams)
      portLoad[s.from] += s.timing.cycles;
    auto [portCore, holds] = busiest(portLoad);
    bounds.push_back(llvm::json::Object{
        {"what", "busiest core's SRAM ports"},
        {"where", portCore < 0 ? std::string("-")
                               : llvm::formatv("core ({0}, {1}), {2} port{3}",
                                               portCore % t.gridCols, portCore / t.gridCols,
                                               model->sramPorts(),
                                               model->sramPorts() == 1 ? "" : "s")
                                     .str()},
        {"cycles", (holds + model->sramPorts() - 1) / model->sramPorts()}});
  }
  int64_t bound = 0;
  for (const auto &b : bounds)
    bound = std::max(bound, *b.getAsObject()->getInteger("cycles"));
  std::string limit = "the timetable: no room at a shorter period (free cycles in gaps, or "
                      "buffer copies that do not fit)";
  if (m.period >= m.cycles)
    limit = "one frame at a time: its inputs in, its latency, its outputs out";
  else
    for (const auto &b : bounds)
      if (b.getAsObject()->getInteger("cycles") == m.period && m.period == bound)
        limit = (*b.getAsObject()->getString("what") + ": " +
                 *b.getAsObject()->getString("where"))
                    .str();
  // Latency with the host link: the inputs cross it before the frame
  // starts, the outputs after it ends. A batch of B frames takes that plus
  // (B - 1) periods.
  const int64_t hostLatency = m.cycles + host.hostInputCycles + host.hostOutputCycles;
  auto batchFps = [&](int64_t b) {
    return double(b) * t.clockHz / double(std::max<int64_t>(1, hostLatency + (b - 1) * m.period));
  };
  // Throughput is set by the period (frames overlap), latency by cycles.
  double cycles = double(std::max<int64_t>(1, m.period));
  llvm::json::Object summary{
      {"cycles", m.cycles}, {"cycles_per_frame", m.period}, {"pipelined", m.period < m.cycles},
      {"latency_us", double(m.cycles) / t.clockHz * 1e6},
      {"frames_per_second", t.clockHz / cycles},
      {"total_macs", totalMacs},
      // Busy MAC-array cycles over all cores' cycles per frame (an INT4 layer
      // keeps the array busy half as long as the same MACs at INT8).
      {"mac_utilization", macArrayCycles / (cycles * t.numCores())},
      {"cores_used", used}, {"max_core_bytes", maxCore}, {"total_core_bytes", total},
      {"frame_buffer_bytes", host.total},
      {"host_link_bytes_per_second", t.hostLinkBytesPerSecond},
      {"host_input_cycles", host.hostInputCycles},
      {"host_output_cycles", host.hostOutputCycles},
      {"latency_with_host_cycles", hostLatency},
      {"latency_with_host_us", double(hostLatency) / t.clockHz * 1e6},
      {"frames_per_second_batch_1", batchFps(1)},
      {"frames_per_second_batch_16", batchFps(16)},
      {"period_bounds", std::move(bounds)},
      {"period_limited_by", limit},
      {"core_memory_bytes", t.coreMemoryBytes},
      {"vector_elements_per_cycle", model->vectorElementsPerCycle()},
      {"sram_bytes", sramBytes}, {"noc_byte_hops", hopBytes},
      {"model_noc_bytes_per_frame", modelNocBytes},
      {"energy_per_frame_uj", framePj * 1e-6},
      {"energy_uj", llvm::json::Object{{"mac", macPj * 1e-6}, {"sram", sramPj * 1e-6},
                                       {"noc", nocPj * 1e-6}}},
      {"frames_per_joule", framePj > 0 ? 1e12 / framePj : 0.0},
      {"watts", framePj * 1e-12 * t.clockHz / cycles}};
  // Only where reductions are split (docs/mapping.md): other reports
  // stay as they were.
  if (psumNocBytes)
    summary["partial_sum_noc_bytes_per_frame"] = psumNocBytes;
  return llvm::json::Object{{"target", t.name},
                            {"summary", std::move(summary)},
                            {"layers", std::move(layers)},
                            {"core_memory", std::move(cores)},
                            {"noc", llvm::json::Object{{"link_targets", std::move(linkTargets)},
                                                       {"link_loads", std::move(linkLoads)}}}};
}

/// A core whose buffers fit but whose program then does not (the mapper
/// and the scheduler leave room for programs; a module edited by hand may
/// not): names the tiles that take the most of it and what would help.
static llvm::Error programDoesNotFit(const Manifest &m, int64_t core, int64_t data,
                                     int64_t code16, const TargetDesc &t) {
  std::vector<std::pair<int64_t, std::string>> tiles; // bytes, "'layer' tile i"
  for (const ManifestLayer &l : m.layers)
    for (auto [i, tile] : llvm::enumerate(l.tiles)) {
      if (tile.core != core)
        continue;
      tiles.push_back(
          {tileBytes(m, l, tile), "'" + printable(l.name) + "' tile " + std::to_string(i)});
    }
  llvm::sort(tiles, [](const auto &a, const auto &b) { return a.first > b.first; });
  std::string most;
  for (size_t i = 0; i < tiles.size() && i < 3; ++i)
    most += (i ? ", " : "") + tiles[i].second + " (" + std::to_string(tiles[i].first) +
            " bytes)";
  return llvm::createStringError(
      std::errc::invalid_argument,
      "core (%lld, %lld) needs %lld bytes of buffers and %lld bytes of program; a core has "
      "%lld bytes; of its %zu tile%s the largest: %s. A smaller --parallel (fewer tiles, "
      "shorter programs) or --no-pipeline (fewer buffer copies) may make room",
      (long long)(core % t.gridCols), (long long)(core / t.gridCols), (long long)data,
      (long long)code16, (long long)t.coreMemoryBytes, tiles.size(),
      tiles.size() == 1 ? "" : "s", most.c_str());
}

llvm::Expected<std::vector<int64_t>> npc::coreMemoryUse(const LinkedProgram &p) {
  const Manifest &m = p.manifest;
  const TargetDesc &t = m.target;
  std::vector<int64_t> coreBytes(t.numCores(), 0);
  for (const ManifestLayer &l : m.layers)
    for (const ManifestTile &tile : l.tiles) {
      if (tile.core < 0 || tile.core >= t.numCores())
        return llvm::createStringError(std::errc::invalid_argument,
                                       "layer '%s' has a tile on core %lld, outside the grid",
                                       printable(l.name).c_str(), (long long)tile.core);
      for (const TileBuffer &b : tileBuffers(m, l, tile))
        coreBytes[tile.core] = std::max(coreBytes[tile.core], b.addr + b.bytes);
    }
  // A core's program sits in its memory above its buffers.
  for (auto &[core, code] : p.programs) {
    if (core == kFrameBuffer)
      continue;
    if (core < 0 || core >= t.numCores())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "a program for core %lld, outside the grid", (long long)core);
    int64_t data = coreBytes[core], code16 = int64_t(code.size() * kInstructionBytes);
    coreBytes[core] += code16;
    if (coreBytes[core] > t.coreMemoryBytes)
      return programDoesNotFit(m, core, data, code16, t);
  }
  return coreBytes;
}

/// A linked module read back with its report, after the checks every
/// output of it needs.
static llvm::Expected<LinkedProgram> readAndReport(ModuleOp module) {
  auto linked = readLinkedProgram(module);
  if (!linked)
    return linked.takeError();
  Manifest &m = linked->manifest;
  auto coreBytes = coreMemoryUse(*linked);
  if (!coreBytes)
    return coreBytes.takeError();
  // With the transfers: any tensor they write to the frame buffer counts.
  if (auto err = checkFrameBuffer(m))
    return std::move(err);
  m.report = buildReport(m, *coreBytes);
  return linked;
}

llvm::Expected<llvm::json::Object> npc::reportOf(ModuleOp module) {
  auto linked = readAndReport(module);
  if (!linked)
    return linked.takeError();
  return std::move(linked->manifest.report);
}

std::string npc::formatReport(const llvm::json::Object &report) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object(report))) << "\n";
  return text;
}

llvm::Expected<Artifact> npc::buildArtifact(ModuleOp module) {
  auto linked = readAndReport(module);
  if (!linked)
    return linked.takeError();
  const Manifest &m = linked->manifest;
  Artifact a;
  a.manifest = manifestToJson(m);
  for (auto &[core, code] : linked->programs) {
    if (core == kFrameBuffer) {
      a.host = encodeProgram(code);
      continue;
    }
    CoreImage img;
    img.x = int32_t(core % m.target.gridCols);
    img.y = int32_t(core / m.target.gridCols);
    img.program = encodeProgram(code);
    img.memory = std::move(linked->memory[core]);
    a.cores.push_back(std::move(img));
  }
  return a;
}
