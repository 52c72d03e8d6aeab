//===- Compiler.h - the pipeline from ONNX to an artifact --------*- C++ -*-===//
#ifndef NPC_COMPILER_COMPILER_H
#define NPC_COMPILER_COMPILER_H

#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Import/OnnxImporter.h"
#include "npc/Runtime/Artifact.h"
#include "npc/Runtime/TargetDesc.h"
#include "npc/Target/LinkedProgram.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"
#include "llvm/ADT/StringRef.h"

#include <functional>

namespace npc {

/// The stages of the pipeline, in order: `npc compile --emit=mlir
/// --stage=...` stops after one, and a module read from MLIR continues
/// after the last one it has been through.
enum class Stage { Graph, Tiling, Mapping, NoC, Program };
std::optional<Stage> parseStage(llvm::StringRef name);
const char *stageName(Stage s);

/// The last stage `module` has been through, judged by what it holds
/// (prog.core, noc.schedule, nmap.tiles, ntile.tiles); std::nullopt for a
/// module that is not legalized yet (an imported one).
std::optional<Stage> completedStage(mlir::ModuleOp module);

struct CompileOptions {
  /// northpole, small or a target JSON file; empty: the module's own
  /// npc.target, else northpole (npc-attach-target).
  std::string target = "northpole";
  int64_t parallel = 16; // tiles to aim for per layer
  // ... but no tile of fewer compute cycles than this (0: `parallel` always)
  int64_t minParallelCycles = 16;
  /// A rule `npc compile` may apply: Auto where the cost model finds it
  /// faster, On always, Off never.
  enum class Choice { Auto, On, Off };
  // Cut layers along a dimension with pieces for every core they span
  // (npc-tile-layers fill-span): Auto tiles both ways where they differ and
  // keeps the faster timetable (npc-search-mapping try-fill-span).
  Choice fillSpan = Choice::Auto;
  // Fuse each convolution into the add that is its only use
  // (qg-fuse-conv-add): Auto where the timetable sets the period and the
  // fused period is shorter (npc-search-mapping try-fuse-conv-add).
  Choice fuseConvAdd = Choice::Auto;
  // MAC layers' row tiles stream their weights from the row-0 tile over the
  // model NoC (npc-tile-layers and npc-map-to-cores stream-weights): Auto
  // where the timetable sets the period and that is faster
  // (npc-search-mapping try-stream-weights).
  Choice streamWeights = Choice::Auto;
  // Where the busiest core sets the period and computes a matmul, try that
  // matmul's reduction split in parts (qg-split-reductions), kept if faster
  // (npc-search-mapping try-split-reductions). False: never split.
  bool splitReductions = true;
  bool pipeline = true;  // overlap frames (npc-schedule-noc pipeline=...)
  // Map and schedule with each of mappingVariants() and keep the shortest
  // period (then latency) by the cost model: a few times the mapping time
  // (npc-search-mapping).
  bool search = false;
  nmap::MapToCoresOptions mapping; // without search
  /// Called after each pass of the pipeline on the module (not the passes a
  /// pass runs inside), with the pass's argument: progress reporting.
  std::function<void(llvm::StringRef pass)> afterPass;
};

/// "auto", "on" or "off"; std::nullopt otherwise.
std::optional<CompileOptions::Choice> parseChoice(llvm::StringRef text);

/// The options of the registered `npc-compile` pipeline, for npc-opt:
/// `npc-opt --npc-compile='target=small search=true'` prints the same IR
/// as `npc compile --emit=mlir` with the same options.
struct CompilePipelineOptions : mlir::PassPipelineOptions<CompilePipelineOptions> {
  Option<std::string> target{*this, "target",
                             llvm::cl::desc("northpole, small or a target JSON file "
                                            "(empty: the module's own, else northpole)"),
                             llvm::cl::init("")};
  Option<int64_t> parallel{*this, "parallel", llvm::cl::desc("tiles to aim for per layer"),
                           llvm::cl::init(16)};
  Option<int64_t> minParallelCycles{
      *this, "min-parallel-cycles",
      llvm::cl::desc("no tile of fewer compute cycles for the sake of `parallel` (0: none)"),
      llvm::cl::init(16)};
  Option<std::string> fillSpan{
      *this, "fill-span",
      llvm::cl::desc("auto, on or off: cut layers along a dimension with pieces for every core "
                     "they span (npc-tile-layers fill-span); auto keeps the faster of both"),
      llvm::cl::init("auto")};
  Option<std::string> fuseConvAdd{
      *this, "fuse-conv-add",
      llvm::cl::desc("auto, on or off: fuse each convolution into the add that is its only use "
                     "(qg-fuse-conv-add); auto where the timetable sets the period and it is faster"),
      llvm::cl::init("auto")};
  Option<std::string> streamWeights{
      *this, "stream-weights",
      llvm::cl::desc("auto, on or off: MAC layers' row tiles stream their weights from the "
                     "row-0 tile over the model NoC (npc-map-to-cores stream-weights); auto where "
                     "the timetable sets the period and it is faster"),
      llvm::cl::init("auto")};
  Option<std::string> splitReductions{
      *this, "split-reductions",
      llvm::cl::desc("auto or off: split the reduction of a matmul on the busiest core into parts "
                     "chained by partial sums (qg-split-reductions); auto where it is faster"),
      llvm::cl::init("auto")};
  Option<bool> pipeline{*this, "pipeline", llvm::cl::desc("overlap frames"),
                        llvm::cl::init(true)};
  Option<bool> search{*this, "search",
                      llvm::cl::desc("try several mappings, keep the fastest"),
                      llvm::cl::init(false)};
  Option<std::string> from{*this, "from",
                           llvm::cl::desc("first stage to run: graph, tiling, mapping, noc "
                                          "or program"),
                           llvm::cl::init("graph")};
  Option<std::string> stage{*this, "stage",
                            llvm::cl::desc("last stage to run: graph, tiling, mapping, noc "
                                           "or program"),
                            llvm::cl::init("program")};
};

/// Adds npc-attach-target and the passes of stages `first` to `last`. The
/// one description of the pipeline: `npc compile`, Python and npc-opt's
/// `npc-compile` all build it here. The graph stage starts with
/// npc-convert-onnx-to-qg unless `fromOnnx` is false (a module known to be
/// in qg already).
void buildPipeline(mlir::OpPassManager &pm, const CompileOptions &opts, Stage first,
                   Stage last, bool fromOnnx = true);

/// Registers the `npc-compile` pass pipeline (npc-opt).
void registerCompilePipeline();

/// Runs the pipeline on `module` from the stage after the last one it has
/// completed (the whole pipeline for an imported module) up to `stopAfter`.
mlir::LogicalResult runPipeline(mlir::ModuleOp module, const CompileOptions &opts,
                                Stage stopAfter = Stage::Program);

/// ONNX bytes to artifact in one call, in a fresh context: errors carry
/// every diagnostic ("node 'conv1' (Conv): ..."). Used by the Python module.
llvm::Expected<Artifact> compileOnnx(llvm::StringRef modelBytes, const ImportOptions &import,
                                     const CompileOptions &opts);

/// The reference interpreter on ONNX bytes (import, legalize, interpret).
llvm::Expected<std::vector<HostTensor>> referenceOnnx(llvm::StringRef modelBytes,
                                                      const ImportOptions &import,
                                                      const std::vector<HostTensor> &inputs);

} // namespace npc

#endif
