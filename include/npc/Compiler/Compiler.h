//===- Compiler.h - the pipeline from ONNX to an artifact --------*- C++ -*-===//
#ifndef NPC_COMPILER_COMPILER_H
#define NPC_COMPILER_COMPILER_H

#include "npc/Dialect/Map/Transforms/Passes.h"
#include "npc/Import/OnnxImporter.h"
#include "npc/Target/Artifact.h"
#include "npc/Target/TargetDesc.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

namespace npc {

/// The stages `npc compile --emit=mlir --stage=...` can stop after.
enum class Stage { Graph, Tiling, Mapping, NoC, Program };
std::optional<Stage> parseStage(llvm::StringRef name);

struct CompileOptions {
  TargetDesc target = northpoleTarget();
  int64_t parallel = 16; // tiles to aim for per layer
  bool pipeline = true;  // overlap frames (npc-schedule-noc pipeline=...)
  // Map and schedule with each of kMappingVariants and keep the shortest
  // period (then latency) by the cost model: a few times the mapping time.
  bool search = false;
  nmap::MapToCoresOptions mapping; // without search
};

/// The npc-map-to-cores options `search` tries: the defaults, then
/// (band-rows, row-merge-percent) = (4, 20), (8, 15), (4, 30).
std::vector<nmap::MapToCoresOptions> mappingVariants();

/// Adds the passes from integer legalization up to `stopAfter`.
void buildPipeline(mlir::PassManager &pm, const CompileOptions &opts, Stage stopAfter);

/// Sets `npc.target` on an imported module and runs the pipeline.
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

/// The artifact of a module that went through the whole pipeline: manifest
/// (with the report), per-core programs and memory images.
llvm::Expected<Artifact> buildArtifact(mlir::ModuleOp module);

} // namespace npc

#endif
