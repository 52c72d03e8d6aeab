//===- Compiler.cpp - the pipeline from ONNX to an artifact ---------------===//
#include "npc/Compiler/Compiler.h"
#include "npc/Conversion/OnnxToQGraph/OnnxToQGraph.h"
#include "npc/Conversion/Passes.h"
#include "npc/Support/Printable.h"
#include "npc/Target/TargetAttr.h"
#include "npc/Analysis/Footprint.h"
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Dialect/NoC/Transforms/Passes.h"
#include "npc/Dialect/Prog/IR/Prog.h"
#include "npc/Dialect/Prog/Transforms/Passes.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Dialect/Tile/Transforms/Passes.h"
#include "npc/Runtime/Program.h"
#include "npc/InitAll.h"
#include "npc/Reference/Interpreter.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Runtime/Manifest.h"
#include "npc/Transforms/Passes.h"

#include <map>
#include <set>

using namespace mlir;
using namespace npc;

std::optional<Stage> npc::parseStage(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Stage>>(name)
      .Case("graph", Stage::Graph)
      .Case("tiling", Stage::Tiling)
      .Case("mapping", Stage::Mapping)
      .Case("noc", Stage::NoC)
      .Case("program", Stage::Program)
      .Default(std::nullopt);
}

const char *npc::stageName(Stage s) {
  switch (s) {
  case Stage::Graph: return "graph";
  case Stage::Tiling: return "tiling";
  case Stage::Mapping: return "mapping";
  case Stage::NoC: return "noc";
  case Stage::Program: return "program";
  }
  return "?";
}

std::optional<Stage> npc::completedStage(ModuleOp module) {
  if (!module.getOps<prog::CoreOp>().empty())
    return Stage::Program;
  if (!module.getOps<noc::ScheduleOp>().empty())
    return Stage::NoC;
  std::optional<Stage> done;
  module.walk([&](Operation *op) {
    if (op->hasAttr(nmap::kCoresAttr))
      done = Stage::Mapping;
    else if (op->hasAttr(ntile::kTilesAttr) && !done)
      done = Stage::Tiling;
    // Legalized compute layers carry their integer multipliers.
    else if (!done && qg::isComputeLayer(op) && op->hasAttr("multiplier"))
      done = Stage::Graph;
  });
  return done;
}

void npc::buildPipeline(OpPassManager &pm, const CompileOptions &opts, Stage first,
                        Stage last, bool fromOnnx) {
  AttachTargetOptions targetOpts;
  targetOpts.target = opts.target;
  pm.addPass(createAttachTarget(targetOpts));
  auto runs = [&](Stage s) { return first <= s && s <= last; };
  if (runs(Stage::Graph)) {
    if (fromOnnx)
      pm.addPass(createConvertOnnxToQGraph());
    pm.addPass(qg::createLegalizeToIntegerParams());
  }
  if (runs(Stage::Tiling)) {
    ntile::TileLayersOptions tileOpts;
    tileOpts.parallel = opts.parallel;
    pm.addPass(ntile::createTileLayers(tileOpts));
  }
  if (opts.search && runs(Stage::Mapping) && runs(Stage::NoC)) {
    SearchMappingOptions searchOpts;
    searchOpts.pipeline = opts.pipeline;
    pm.addPass(createSearchMapping(searchOpts));
  } else {
    if (runs(Stage::Mapping))
      pm.addPass(nmap::createMapToCores(opts.mapping));
    if (runs(Stage::NoC)) {
      noc::ScheduleNoCOptions nocOpts;
      nocOpts.pipeline = opts.pipeline;
      pm.addPass(noc::createScheduleNoC(nocOpts));
    }
  }
  if (runs(Stage::Program))
    pm.addPass(prog::createEmitPrograms());
}

void npc::registerCompilePipeline() {
  registerPassPipeline(
      "npc-compile",
      "The whole npc pipeline (as `npc compile --emit=mlir`): attach the target, "
      "convert an onnx-level module to qg, legalize, tile, map (or search mappings), schedule the NoCs, emit programs",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> errorHandler) -> LogicalResult {
        CompilePipelineOptions o;
        std::string why;
        llvm::raw_string_ostream os(why);
        if (failed(o.parseFromString(text, os)))
          return errorHandler("npc-compile: " + why);
        auto first = parseStage(o.from), last = parseStage(o.stage);
        if (!first || !last || *first > *last)
          return errorHandler("npc-compile: from=" + o.from + " stage=" + o.stage +
                              ": each must be graph, tiling, mapping, noc or program, "
                              "from no later than stage");
        CompileOptions opts;
        opts.target = o.target;
        opts.parallel = o.parallel;
        opts.pipeline = o.pipeline;
        opts.search = o.search;
        buildPipeline(pm, opts, *first, *last);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optHandler) {
        optHandler(CompilePipelineOptions());
      });
}

namespace {
/// Calls `fn` after each pass run on `module` itself.
struct AfterPass : PassInstrumentation {
  AfterPass(ModuleOp module, std::function<void(StringRef)> fn)
      : module(module), fn(std::move(fn)) {}
  void runAfterPass(Pass *pass, Operation *op) override {
    if (op == module.getOperation())
      fn(pass->getArgument());
  }
  ModuleOp module;
  std::function<void(StringRef)> fn;
};
} // namespace

LogicalResult npc::runPipeline(ModuleOp module, const CompileOptions &opts, Stage stopAfter) {
  // Programs are re-emitted from the timetable when there is nothing else left.
  auto done = completedStage(module);
  Stage first = !done ? Stage::Graph
                      : *done == Stage::Program ? Stage::Program : Stage(int(*done) + 1);
  PassManager pm(module.getContext());
  buildPipeline(pm, opts, first, stopAfter, isOnnxLevel(module));
  if (opts.afterPass)
    pm.addInstrumentation(std::make_unique<AfterPass>(module, opts.afterPass));
  return pm.run(module);
}

/// Per-layer and summary figures of the schedule (README "Using it"; MACs
/// count multiply-accumulates, so layers off the MAC array report 0).
static llvm::json::Object buildReport(const Manifest &m,
                                      const std::vector<int64_t> &coreBytes) {
  llvm::json::Array layers;
  int64_t totalMacs = 0;
  double macArrayCycles = 0; // MACs over the array's rate at each layer's width
  const TargetDesc &t = m.target;
  for (const ManifestLayer &l : m.layers) {
    std::map<int64_t, int64_t> bytesOnCore;
    int64_t start = INT64_MAX, end = 0, macs = 0, compute = 0;
    for (const ManifestTile &tile : l.tiles) {
      compute = std::max(compute, tile.end - tile.start);
      start = std::min(start, tile.start);
      end = std::max(end, tile.end);
      macs += tile.macs;
      int64_t bytes = tile.layout.totalBytes +
                      ringBytes(tile.box.numel() * elemBytes(m.tensors[l.output].kind), tile.outCopies);
      for (size_t i = 0; i < l.inputs.size(); ++i)
        bytes += ringBytes(tile.inputBoxes[i].numel() * elemBytes(m.tensors[l.inputs[i]].kind),
                           tile.inputCopies[i]);
      bytesOnCore[tile.core] += bytes;
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
        {"mac_utilization", util}});
  }
  // Energy per frame from event counts (docs/target.md "Energy"): MACs at
  // the 8-bit energy scaled by operand width, SRAM bytes read and written,
  // NoC bytes times hops.
  std::unique_ptr<TargetModel> model = TargetModel::create(t);
  double macPj = 0, sramBytes = 0, hopBytes = 0;
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
      {"frame_buffer_bytes", frameBufferUse(m).total},
      {"core_memory_bytes", t.coreMemoryBytes},
      {"sram_bytes", sramBytes}, {"noc_byte_hops", hopBytes},
      {"energy_per_frame_uj", framePj * 1e-6},
      {"energy_uj", llvm::json::Object{{"mac", macPj * 1e-6}, {"sram", sramPj * 1e-6},
                                       {"noc", nocPj * 1e-6}}},
      {"frames_per_joule", framePj > 0 ? 1e12 / framePj : 0.0},
      {"watts", framePj * 1e-12 * t.clockHz / cycles}};
  return llvm::json::Object{{"target", t.name},
                            {"summary", std::move(summary)},
                            {"layers", std::move(layers)},
                            {"core_memory", std::move(cores)}};
}

/// A core whose buffers fit but whose program then does not (the mapper
/// places buffers before programs exist): names the tiles that take the
/// most of it and what would help.
static llvm::Error programDoesNotFit(const Manifest &m, int64_t core, int64_t data,
                                     int64_t code16, const TargetDesc &t) {
  std::vector<std::pair<int64_t, std::string>> tiles; // bytes, "'layer' tile i"
  for (const ManifestLayer &l : m.layers)
    for (auto [i, tile] : llvm::enumerate(l.tiles)) {
      if (tile.core != core)
        continue;
      int64_t bytes = tile.layout.totalBytes +
                      ringBytes(tile.box.numel() * elemBytes(m.tensors[l.output].kind),
                                tile.outCopies);
      for (auto [k, box] : llvm::enumerate(tile.inputBoxes))
        bytes += ringBytes(box.numel() * elemBytes(m.tensors[l.inputs[k]].kind),
                           tile.inputCopies[k]);
      tiles.push_back({bytes, "'" + printable(l.name) + "' tile " + std::to_string(i)});
    }
  llvm::sort(tiles, [](const auto &a, const auto &b) { return a.first > b.first; });
  std::string most;
  for (size_t i = 0; i < tiles.size() && i < 3; ++i)
    most += (i ? ", " : "") + tiles[i].second + " (" + std::to_string(tiles[i].first) +
            " bytes)";
  return llvm::createStringError(
      std::errc::invalid_argument,
      "core (%lld, %lld) needs %lld bytes of buffers and %lld bytes of program; a core has "
      "%lld bytes; of its %zu tile%s the largest: %s. The mapper places buffers before "
      "programs exist: a smaller --parallel (fewer tiles, shorter programs) or --no-pipeline "
      "(fewer buffer copies) may make room",
      (long long)(core % t.gridCols), (long long)(core / t.gridCols), (long long)data,
      (long long)code16, (long long)t.coreMemoryBytes, tiles.size(),
      tiles.size() == 1 ? "" : "s", most.c_str());
}

llvm::Expected<Artifact> npc::buildArtifact(ModuleOp module) {
  auto target = getModuleTarget(module);
  if (!target)
    return target.takeError();
  auto graph = buildGraphModel(module, /*withWeights=*/true);
  if (!graph)
    return graph.takeError();
  auto scheds = llvm::to_vector(module.getOps<noc::ScheduleOp>());
  if (scheds.size() != 1)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "the module has no NoC schedule: run the whole pipeline");
  Manifest m;
  m.target = *target;
  m.cycles = scheds[0].getCycles();
  m.period = scheds[0].getPeriod().value_or(m.cycles);
  m.inputs = graph->inputs;
  m.outputs = graph->outputs;
  for (const TensorNode &t : graph->tensors) {
    ManifestTensor mt;
    mt.shape = t.shape;
    mt.kind = t.kind;
    mt.producer = t.home == TensorHome::Layer ? t.producer : -1;
    if (t.home == TensorHome::Constant)
      mt.constant = *qg::getConstantInts(t.value);
    m.tensors.push_back(std::move(mt));
  }
  // Memory images: every tile's parameters at their address.
  std::map<int64_t, std::vector<uint8_t>> images;
  std::vector<int64_t> coreBytes(target->numCores(), 0);
  for (const LayerNode &l : graph->layers) {
    ManifestLayer ml;
    ml.name = l.name;
    ml.geometry = l.spec.geometry;
    ml.inputs = l.inputs;
    ml.inputReshaped = l.inputReshaped;
    ml.output = l.output;
    auto tiles = ntile::getTiles(l.op);
    auto places = nmap::getPlacements(l.op);
    for (size_t t = 0; t < tiles.size(); ++t) {
      TileFootprint f = tileFootprint(*graph, l, tiles[t], /*withValues=*/true);
      ManifestTile mt;
      mt.box = tiles[t];
      mt.core = places[t].core;
      mt.paramAddr = places[t].paramAddr;
      mt.layout = f.layout;
      for (auto [i, in] : llvm::enumerate(places[t].inputs)) {
        mt.inputAddrs.push_back(in.first);
        mt.inputCopies.push_back(places[t].inputCopies(i));
      }
      mt.inputBoxes = f.inputBoxes;
      mt.outAddr = places[t].outAddr;
      mt.outCopies = places[t].outCopies();
      mt.macs = kernels::workFor(l.spec.geometry, tiles[t]);
      auto &img = images[mt.core];
      int64_t top = std::max<int64_t>(
          places[t].outAddr + ringBytes(places[t].outBytes, mt.outCopies),
          mt.paramAddr + f.layout.totalBytes);
      for (auto [i, in] : llvm::enumerate(places[t].inputs))
        top = std::max(top, in.first + ringBytes(in.second, mt.inputCopies[i]));
      coreBytes[mt.core] = std::max(coreBytes[mt.core], top);
      if (int64_t(img.size()) < mt.paramAddr + f.layout.totalBytes)
        img.resize(mt.paramAddr + f.layout.totalBytes, 0);
      auto bytes = encodeParams(f.params, f.layout);
      std::copy(bytes.begin(), bytes.end(), img.begin() + mt.paramAddr);
      ml.tiles.push_back(std::move(mt));
    }
    m.layers.push_back(std::move(ml));
  }
  for (Operation &op : scheds[0].getBody().front()) {
    if (auto c = dyn_cast<noc::ComputeOp>(op)) {
      ManifestTile &t = m.layers[c.getLayer()].tiles[c.getTile()];
      t.start = c.getStart();
      t.end = c.getEnd();
    } else if (auto x = dyn_cast<noc::TransferOp>(op)) {
      ManifestTransfer t;
      t.id = x.getId();
      t.noc = x.getNoc();
      t.src = x.getSrc();
      t.dst = x.getDst();
      t.bytes = x.getBytes();
      t.start = x.getStart();
      t.arrive = x.getArrive();
      t.route.assign(x.getRoute().begin(), x.getRoute().end());
      t.tensor = int(x.getTensor());
      t.box = kernels::Box::fromBounds(x.getBox());
      t.producer[0] = x.getProducer()[0];
      t.producer[1] = x.getProducer()[1];
      t.consumer[0] = x.getConsumer()[0];
      t.consumer[1] = x.getConsumer()[1];
      t.operand = x.getOperand();
      t.group = x.getMulticast().value_or(-1);
      m.transfers.push_back(std::move(t));
    }
  }
  std::map<int64_t, std::vector<Instruction>> programs;
  for (auto core : module.getOps<prog::CoreOp>()) {
    auto &code = programs[core.getCore()];
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
  }
  // A core's program sits in its memory above its buffers.
  for (auto &[core, code] : programs) {
    if (core == kFrameBuffer)
      continue;
    int64_t data = coreBytes[core], code16 = int64_t(code.size() * kInstructionBytes);
    coreBytes[core] += code16;
    if (coreBytes[core] > target->coreMemoryBytes)
      return programDoesNotFit(m, core, data, code16, *target);
  }
  // With the transfers: any tensor they write to the frame buffer counts.
  if (auto err = checkFrameBuffer(m))
    return std::move(err);
  m.report = buildReport(m, coreBytes);

  Artifact a;
  a.manifest = manifestToJson(m);
  for (auto &[core, code] : programs) {
    if (core == kFrameBuffer) {
      a.host = encodeProgram(code);
      continue;
    }
    CoreImage img;
    img.x = int32_t(core % target->gridCols);
    img.y = int32_t(core / target->gridCols);
    img.program = encodeProgram(code);
    img.memory = std::move(images[core]);
    a.cores.push_back(std::move(img));
  }
  return a;
}

namespace {
/// A context with every npc dialect whose diagnostics are collected.
struct CollectingContext {
  MLIRContext ctx;
  std::string messages;
  std::unique_ptr<ScopedDiagnosticHandler> handler;
  CollectingContext() {
    DialectRegistry registry;
    registerAllDialects(registry);
    ctx.appendDialectRegistry(registry);
    ctx.loadAllAvailableDialects();
    handler = std::make_unique<ScopedDiagnosticHandler>(&ctx, [this](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        messages += (messages.empty() ? "" : "\n") + formatDiagnostic(d);
      return success();
    });
  }
  llvm::Error failure(const char *what) {
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   messages.empty() ? what : messages.c_str());
  }
};
} // namespace

llvm::Expected<Artifact> npc::compileOnnx(llvm::StringRef bytes, const ImportOptions &import,
                                          const CompileOptions &opts) {
  CollectingContext c;
  auto module = importOnnxModel(c.ctx, bytes, import);
  if (!module)
    return module.takeError();
  if (failed(runPipeline(**module, opts)))
    return c.failure("compilation failed");
  return buildArtifact(**module);
}

llvm::Expected<std::vector<HostTensor>>
npc::referenceOnnx(llvm::StringRef bytes, const ImportOptions &import,
                   const std::vector<HostTensor> &inputs) {
  CollectingContext c;
  auto module = importOnnxModel(c.ctx, bytes, import);
  if (!module)
    return module.takeError();
  PassManager pm(&c.ctx);
  pm.addPass(qg::createLegalizeToIntegerParams());
  if (failed(pm.run(**module)))
    return c.failure("legalization failed");
  return runReference(**module, inputs);
}
