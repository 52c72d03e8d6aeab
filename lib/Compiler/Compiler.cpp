//===- Compiler.cpp - the pipeline from ONNX to an artifact ---------------===//
#include "npc/Compiler/Compiler.h"
#include "npc/Conversion/OnnxToQGraph/OnnxToQGraph.h"
#include "npc/Conversion/Passes.h"
#include "npc/Dialect/Onnx/Transforms/Passes.h"
#include "npc/Target/TargetAttr.h"
#include "npc/Dialect/Map/IR/MapDialect.h"
#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Dialect/NoC/IR/NoC.h"
#include "npc/Dialect/NoC/Transforms/Passes.h"
#include "npc/Dialect/Prog/Transforms/Passes.h"
#include "npc/Dialect/QGraph/IR/QGraph.h"
#include "npc/Dialect/QGraph/Transforms/Passes.h"
#include "npc/Dialect/Tile/IR/TileDialect.h"
#include "npc/Dialect/Tile/Transforms/Passes.h"
#include "npc/InitAll.h"
#include "npc/Reference/Interpreter.h"
#include "npc/Support/Diagnostics.h"
#include "npc/Transforms/Passes.h"


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
  // Programs beside their timetable are not linked yet: the program stage
  // runs again (and emits them afresh).
  if (isLinked(module))
    return Stage::Program;
  if (!module.getOps<noc::ScheduleOp>().empty())
    return Stage::NoC;
  std::optional<Stage> done;
  module.walk([&](Operation *op) {
    if (nmap::isMapped(op))
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
    if (fromOnnx) {
      pm.addPass(onnx::createFoldConstants());
      pm.addPass(onnx::createFuseQdqToQOperator());
      pm.addPass(createConvertOnnxToQGraph());
    }
    pm.addPass(qg::createFoldClamps());
    pm.addPass(qg::createLegalizeToIntegerParams());
  }
  // --search tiles too when it starts before tiling (npc-search-mapping
  // retile). Without it, a compile that tiles, maps and schedules falls back
  // to channel tiles of any width if lane-wide ones do not fit
  // (npc-search-mapping first-fit).
  bool whole = runs(Stage::Tiling) && runs(Stage::Mapping) && runs(Stage::NoC) &&
               !opts.search && opts.mapping.bandRows == nmap::MapToCoresOptions().bandRows &&
               opts.mapping.rowMergePercent == nmap::MapToCoresOptions().rowMergePercent;
  bool searching = (opts.search && runs(Stage::Mapping) && runs(Stage::NoC)) || whole;
  if (runs(Stage::Tiling) && opts.fuseConvAdd == CompileOptions::Choice::On)
    pm.addPass(qg::createFuseConvAdd());
  if (runs(Stage::Tiling) && !searching) {
    ntile::TileLayersOptions tileOpts;
    tileOpts.parallel = opts.parallel;
    tileOpts.minParallelCycles = opts.minParallelCycles;
    tileOpts.fillSpan = opts.fillSpan == CompileOptions::Choice::On;
    tileOpts.streamWeights = opts.streamWeights == CompileOptions::Choice::On;
    pm.addPass(ntile::createTileLayers(tileOpts));
  }
  if (searching) {
    SearchMappingOptions searchOpts;
    searchOpts.pipeline = opts.pipeline;
    searchOpts.retile = runs(Stage::Tiling);
    searchOpts.parallel = opts.parallel;
    searchOpts.minParallelCycles = opts.minParallelCycles;
    searchOpts.fillSpan = opts.fillSpan == CompileOptions::Choice::On;
    searchOpts.tryFillSpan = opts.fillSpan == CompileOptions::Choice::Auto;
    searchOpts.tryFuseConvAdd = opts.fuseConvAdd == CompileOptions::Choice::Auto;
    searchOpts.streamWeights = opts.streamWeights == CompileOptions::Choice::On;
    searchOpts.tryStreamWeights = opts.streamWeights == CompileOptions::Choice::Auto;
    searchOpts.trySplitReductions = opts.splitReductions;
    searchOpts.firstFit = whole;
    pm.addPass(createSearchMapping(searchOpts));
  } else {
    if (runs(Stage::Mapping)) {
      nmap::MapToCoresOptions mapOpts = opts.mapping;
      mapOpts.streamWeights |= opts.streamWeights == CompileOptions::Choice::On;
      pm.addPass(nmap::createMapToCores(mapOpts));
    }
    if (runs(Stage::NoC)) {
      noc::ScheduleNoCOptions nocOpts;
      nocOpts.pipeline = opts.pipeline;
      pm.addPass(noc::createScheduleNoC(nocOpts));
    }
  }
  if (runs(Stage::Program)) {
    pm.addPass(prog::createEmitPrograms());
    pm.addPass(prog::createLinkProgram());
  }
}

std::optional<CompileOptions::Choice> npc::parseChoice(llvm::StringRef text) {
  using F = CompileOptions::Choice;
  return llvm::StringSwitch<std::optional<F>>(text)
      .Case("auto", F::Auto)
      .Case("on", F::On)
      .Case("off", F::Off)
      .Default(std::nullopt);
}

void npc::registerCompilePipeline() {
  registerPassPipeline(
      "npc-compile",
      "The whole npc pipeline (as `npc compile --emit=mlir`): attach the target, "
      "convert an onnx-level module to qg, legalize, tile, map (or search mappings), schedule the NoCs, emit and link the programs",
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
        opts.minParallelCycles = o.minParallelCycles;
        auto fill = parseChoice(o.fillSpan), fuse = parseChoice(o.fuseConvAdd),
             stream = parseChoice(o.streamWeights);
        if (!fill)
          return errorHandler("npc-compile: fill-span=" + o.fillSpan +
                              ": must be auto, on or off");
        if (!fuse)
          return errorHandler("npc-compile: fuse-conv-add=" + o.fuseConvAdd +
                              ": must be auto, on or off");
        if (!stream)
          return errorHandler("npc-compile: stream-weights=" + o.streamWeights +
                              ": must be auto, on or off");
        opts.fillSpan = *fill;
        opts.fuseConvAdd = *fuse;
        opts.streamWeights = *stream;
        if (o.splitReductions != "auto" && o.splitReductions != "off")
          return errorHandler("npc-compile: split-reductions=" + o.splitReductions +
                              ": must be auto or off");
        opts.splitReductions = o.splitReductions == "auto";
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
  // A linked module is complete: nothing is left to run, and its placement
  // holds for its own target only.
  auto done = completedStage(module);
  if (done == Stage::Program) {
    if (opts.target.empty())
      return success();
    return module.emitError() << "the module is linked for its target already; a target "
                                 "applies to a module before the program stage";
  }
  Stage first = !done ? Stage::Graph : Stage(int(*done) + 1);
  PassManager pm(module.getContext());
  buildPipeline(pm, opts, first, stopAfter, isOnnxLevel(module));
  if (opts.afterPass)
    pm.addInstrumentation(std::make_unique<AfterPass>(module, opts.afterPass));
  return pm.run(module);
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
