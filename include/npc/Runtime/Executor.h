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
#include "npc/Runtime/HugePages.h"
#include "npc/Runtime/Artifact.h"
#include "npc/Runtime/Manifest.h"


#include <map>
#include <memory>
#include <mutex>

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

/// The most host memory the executor allocates for one run (16 GiB).
constexpr int64_t kMaxHostBytes = int64_t(1) << 34;

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
  llvm::Error decodeTileParams();
  /// The timetable's checks over as many pipelined frames as can interfere,
  /// at load: a period too short for the schedule fails even when one frame
  /// is run.
  llvm::Error checkPipeline();
  /// An error when simulating `frames` frames would allocate more host
  /// memory than kMaxHostBytes: the core memories the artifact uses plus
  /// each frame's frame-buffer tensors. A manifest of a few kilobytes can
  /// describe terabytes.
  llvm::Error checkHostMemory(int64_t frames) const;
  /// runFrames without the lock; frames == nullptr runs `numFrames` frames
  /// of checks only (no data moved or computed).
  llvm::Expected<std::vector<std::vector<HostTensor>>>
  simulate(const std::vector<std::vector<HostTensor>> *frames, int64_t numFrames,
           RunStats *stats);
  Artifact artifact_;
  Manifest manifest_;
  std::map<int64_t, std::vector<Instruction>> programs_; // core -> code (-1: frame buffer)
  std::map<int64_t, const std::vector<uint8_t> *> images_;
  // Bytes of each core's memory that its image and buffers reach: a frame
  // only allocates those (the target's full size is the checked limit).
  std::map<int64_t, int64_t> extent_;
  /// Each tile's parameters, decoded once from its core's memory image
  /// (`load` proves no buffer overlaps them, so they never change), with
  /// the weights packed for the GEMM kernels on first use.
  struct TileState {
    TileParams params;
    kernels::PackedWeightsCache packed;
  };
  // [layer][tile]; the tiles of a layer whose parameters are equal (a layer
  // split by rows or columns has every output channel's weights on each of
  // its cores) share one state: one decoded and packed copy of the weights
  // (peak memory of ResNet-50 INT8 475 -> 418 MB).
  std::vector<std::vector<std::shared_ptr<TileState>>> tiles_;
  /// Activation buffers that share bytes of a core (their lifetimes do
  /// not meet: npc-map-to-cores reuse-buffers), as pairs of (layer, tile,
  /// operand; the output is operand -1). A run checks that each one's first
  /// write of a frame comes after the other holds no data still read.
  using BufferKey = BufferId;
  std::vector<std::pair<BufferKey, BufferKey>> sharedBuffers_;
  std::map<int64_t, HugeVector<uint8_t>> memory_; // each core's, kept between runs
  std::mutex runMutex_;                            // one run at a time uses them
};

} // namespace npc

#endif
