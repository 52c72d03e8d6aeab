//===- Executor.h - the functional executor of artifacts ---------*- C++ -*-===//
//
// Simulates every used core's memory and program. Data moves between cores
// only through the scheduled transfers of the artifact; each core computes
// its tiles from its own memory with the shared kernels. Cycles are counted
// with the cost rules of ChipModel.h; any schedule violation (a transfer that
// collides on a link, arrives late, reads data not yet computed, a tile that
// starts before its inputs or while its core is busy, a frame's data
// overwritten while an earlier frame still needs it) is an error.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_EXECUTOR_EXECUTOR_H
#define NPC_EXECUTOR_EXECUTOR_H

#include "npc/Runtime/Program.h"
#include "npc/Runtime/HostTensor.h"
#include "npc/Runtime/Artifact.h"
#include "npc/Runtime/Manifest.h"

#include "llvm/Support/ThreadPool.h"

#include <map>
#include <memory>

namespace npc {

struct LayerRunStats {
  std::string name;
  int64_t startCycle = 0, endCycle = 0, macs = 0;
};

struct RunStats {
  int64_t cycles = 0;         // the first frame's latency
  int64_t cyclesPerFrame = 0; // between frame completions (the period with one frame)
  int64_t totalCycles = 0;    // until the last frame completes
  int64_t frames = 0;
  int64_t transfers = 0, bytesMoved = 0;
  std::vector<LayerRunStats> layers;
  std::string toJson() const;
};

class Executor {
public:
  /// Validates the artifact (manifest, programs, memory images) for running.
  static llvm::Expected<std::unique_ptr<Executor>> load(Artifact artifact);

  const Manifest &manifest() const { return manifest_; }

  /// Runs frames, each its inputs in graph-input order typed as the
  /// manifest says, pipelined as the artifact's period says: frame f's program
  /// events happen f * period cycles after frame 0's, sharing the cores'
  /// memories (ring-buffer copies), links and MAC arrays, all checked.
  llvm::Expected<std::vector<std::vector<HostTensor>>>
  runFrames(const std::vector<std::vector<HostTensor>> &frames, RunStats *stats = nullptr);

private:
  Executor() = default;
  Artifact artifact_;
  Manifest manifest_;
  std::map<int64_t, std::vector<Instruction>> programs_; // core -> code (-1: frame buffer)
  std::map<int64_t, const std::vector<uint8_t> *> images_;
  // Bytes of each core's memory that its image and buffers reach: a frame
  // only allocates those (the target's full size is the checked limit).
  std::map<int64_t, int64_t> extent_;
  std::unique_ptr<llvm::DefaultThreadPool> pool_; // tiles computed in parallel
};

} // namespace npc

#endif
