//===- TargetDesc.h - the machine npc compiles for ---------------*- C++ -*-===//
//
// Every number the compiler, the cost model and the executor use about the
// chip. Defaults are ../shared/northpole.md's published values; the rest are
// documented assumptions (docs/target.md). Carried on the module as the
// `npc.target` dictionary attribute.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_TARGETDESC_H
#define NPC_TARGET_TARGETDESC_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace npc {

/// The four networks on chip.
enum class NocKind { Activation = 0, PartialSum = 1, Model = 2, Instruction = 3 };
constexpr int kNumNocs = 4;
const char *nocName(NocKind k); // "activation", "partial_sum", "model", "instruction"

struct NocParams {
  int64_t linkBytesPerCycle = 256; // one link moves this many bytes per cycle
  int64_t hopLatencyCycles = 1;    // cycles per router hop (head latency)

  bool operator==(const NocParams &o) const {
    return linkBytesPerCycle == o.linkBytesPerCycle && hopLatencyCycles == o.hopLatencyCycles;
  }
  bool operator!=(const NocParams &o) const { return !(*this == o); }
};

struct TargetDesc {
  std::string name = "northpole";
  // How cores are connected: "mesh" (NorthPole) or "torus" (the mesh with
  // wrap-around links); TargetModel::create picks the model.
  std::string topology = "mesh";
  int64_t gridCols = 16;                    // x: 0 .. gridCols-1
  int64_t gridRows = 16;                    // y: 0 .. gridRows-1
  int64_t coreMemoryBytes = 768 * 1024;     // per core
  int64_t macsPerCycleInt8 = 2048;          // per core; INT4 x2, INT2 x4
  // The MAC array's geometry (assumed, docs/target.md): at INT8 an input
  // vector of `macArrayDepth` reduction elements feeds macsPerCycleInt8 /
  // macArrayDepth output lanes per cycle; a tile whose reduction or output
  // count does not fill it pays for the empty lanes. 0: every MAC counts
  // whatever the tile's shape (the rule before the geometry).
  int64_t macArrayDepth = 64;
  // SRAM ports per core (assumed: one per thread of the papers' 8, docs/target.md):
  // a tile's computation
  // holds one for its duration, a transfer one at its source core and one
  // at its destination core from its start to its arrival; at most this
  // many at once on a core. 0: unlimited (the rule before the ports).
  int64_t sramPorts = 8;
  double clockHz = 400e6;
  int64_t frameBufferBytes = 32ll * 1024 * 1024;
  // The host link, each direction: a frame's inputs arrive over it into the
  // frame buffer and its outputs leave over it. Assumed: 8 GB/s, a PCIe
  // Gen3 x8 class card (docs/target.md).
  double hostLinkBytesPerSecond = 8e9;
  NocParams noc[kNumNocs] = {
      {256, 1}, // activation: one 256-byte word per hop per cycle
      {256, 1}, // partial sum
      {256, 1}, // model (weights)
      {64, 1},  // instruction
  };
  // Energy per event in picojoules. SRAM and NoC are assumed; the MAC
  // energy is calibrated so that npc's ResNet-50-shaped INT8 network
  // (bench/gen_resnet50.py) costs NorthPole's published 74 W / 42,460
  // frames/s = 1742.8 uJ per frame (docs/target.md "Energy").
  double energyPerMacInt8Pj = 0.3916;
  double energyPerSramBytePj = 0.5;
  double energyPerNocHopBytePj = 0.5;

  int64_t numCores() const { return gridCols * gridRows; }
  /// MACs per cycle per core for operands of `bits` (8, 4 or 2).
  int64_t macsPerCycle(int bits) const {
    return bits <= 2 ? 4 * macsPerCycleInt8 : bits <= 4 ? 2 * macsPerCycleInt8 : macsPerCycleInt8;
  }
  const NocParams &nocParams(NocKind k) const { return noc[int(k)]; }
  /// The MAC array at operands of `bits`: reduction depth x output lanes
  /// (macsPerCycle(bits) MACs). A depth above the MACs per cycle is that
  /// many; narrower operands split each 8-bit lane SIMD-style into two or
  /// four products of the same output, so the depth grows, the lanes stay.
  /// {0, 0} when macArrayDepth is 0.
  struct MacArray {
    int64_t depth = 0, lanes = 0;
  };
  MacArray macArray(int bits) const {
    if (macArrayDepth <= 0)
      return {};
    int64_t depth8 = std::min(macArrayDepth, macsPerCycleInt8);
    return {depth8 * (macsPerCycle(bits) / macsPerCycleInt8), macsPerCycleInt8 / depth8};
  }

  /// Field-by-field equality (doubles compared exactly: both forms round-trip).
  bool operator==(const TargetDesc &o) const;
  bool operator!=(const TargetDesc &o) const { return !(*this == o); }

  /// Checks every field for a usable value; the message names the field.
  llvm::Error validate() const;

  /// Every scalar field with its key (the JSON and the `npc.target`
  /// attribute use these keys); exactly one of `i` and `f` is set.
  void forEachField(
      llvm::function_ref<void(llvm::StringRef key, const int64_t *i, const double *f)> fn) const;
  /// The parameters of NoC `k` with their keys.
  void forEachNocField(NocKind k,
                       llvm::function_ref<void(llvm::StringRef key, int64_t value)> fn) const;
  /// Same rules as parseTargetJson: missing keys keep the northpole default,
  /// unknown keys and wrong types are errors; the result is validated.
  static llvm::Expected<TargetDesc> fromJson(const llvm::json::Object &o);
  /// The JSON form (all fields, the same keys as the attribute).
  std::string toJson() const;
};

/// The published chip: 16x16 cores, 768 KiB each.
TargetDesc northpoleTarget();
/// A 4x4 grid with 64 KiB per core: forces heavy tiling in tests.
TargetDesc smallTarget();

/// `northpole`, `small`, or a path to a JSON file whose keys override the
/// northpole defaults (unknown keys are an error).
llvm::Expected<TargetDesc> resolveTarget(llvm::StringRef nameOrPath);
llvm::Expected<TargetDesc> parseTargetJson(llvm::StringRef json);

} // namespace npc

#endif
