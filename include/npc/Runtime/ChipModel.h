//===- ChipModel.h - cost rules and memory layouts of the chip ---*- C++ -*-===//
//
// The one definition of how long things take and how data sits in a core's
// memory. The scheduler plans with these rules, the verifier of the NoC
// timetable checks them, the executor counts cycles with them, so the
// report's numbers and the executor's agree by construction and are checked.
// docs/noc.md states the rules.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_CHIPMODEL_H
#define NPC_TARGET_CHIPMODEL_H

#include "npc/Runtime/Kernels.h"
#include "npc/Runtime/HostTensor.h"
#include "npc/Runtime/TargetDesc.h"

#include <cstdint>
#include <map>
#include <vector>

namespace npc {

/// Index -1 stands for the frame buffer in core positions.
constexpr int64_t kFrameBuffer = -1;

/// Cycles a core needs for `outBox` of a layer: MAC layers at the target's
/// MACs per cycle for their operand width (x2 at 4 bits, x4 at 2), other layers on a vector unit of
/// macsPerCycleInt8 / 8 elements per cycle. At least one cycle.
int64_t computeCycles(const TargetDesc &t, const kernels::LayerGeometry &g,
                      const kernels::Box &outBox);

/// Directed links of the X-then-Y route from `src` to `dst` (core indices or
/// kFrameBuffer, attached to core 0's west port). Empty when src == dst.
std::vector<int64_t> xyRoute(const TargetDesc &t, int64_t src, int64_t dst);
/// Number of link ids (for occupancy tables).
int64_t numLinks(const TargetDesc &t);

/// Cycles from a transfer's start to its arrival: ceil(bytes / link width)
/// plus one hop latency per link; a local copy (no links) costs the
/// serialization time only.
int64_t transferCycles(const TargetDesc &t, NocKind noc, int64_t bytes,
                       int64_t links);

/// Cycles of a multicast: every member takes as long as the longest of the
/// members' routes needs (it is one send; each link of the union carries
/// it once). `memberLinks` lists each member's route length.
int64_t multicastCycles(const TargetDesc &t, NocKind noc, int64_t bytes,
                        llvm::ArrayRef<int64_t> memberLinks);

/// The multicast rule applied to a list of transfers: collect every
/// member's route length, then ask each transfer's duration (the verifier
/// and the executor, which see transfers one by one).
class TransferDurations {
public:
  void addMember(int64_t group, int64_t routeLinks);
  /// Cycles of a transfer with `routeLinks` links, in multicast `group`
  /// (-1: not a multicast).
  int64_t cycles(const TargetDesc &t, NocKind noc, int64_t bytes, int64_t group,
                 int64_t routeLinks) const;

private:
  std::map<int64_t, std::vector<int64_t>> members; // group -> route lengths
};

/// Where a tile's parameters sit in its parameter buffer.
struct ParamLayout {
  int64_t weightBits = 8; // 2, 4, 8 or 16: the fewest that hold every centered weight
  int64_t weightsOffset = 0, weightCount = 0;
  int64_t biasOffset = 0, biasCount = 0;
  int64_t multOffset = 0, multCount = 0;
  int64_t shiftOffset = 0, shiftCount = 0;
  int64_t totalBytes = 0;
};

/// The sliced parameters of one tile.
struct TileParams {
  std::vector<int32_t> weights, bias, mult, shift;
  kernels::LayerParams view() const { return {weights, bias, mult, shift}; }
};

TileParams sliceParams(const kernels::LayerGeometry &g,
                       llvm::ArrayRef<int32_t> weights, llvm::ArrayRef<int32_t> bias,
                       llvm::ArrayRef<int32_t> mult, llvm::ArrayRef<int32_t> shift,
                       const kernels::Box &outBox);
/// Layout for parameter slices of these sizes; weights packed densely at
/// `weightBits` each (INT4 weights take half the bytes of INT8 ones).
ParamLayout paramLayout(const kernels::ParamCounts &c, int64_t weightBits);
std::vector<uint8_t> encodeParams(const TileParams &p, const ParamLayout &l);
TileParams decodeParams(const uint8_t *bytes, const ParamLayout &l);

/// Bytes a buffer takes when placed: rounded up to 8 (every buffer starts
/// 8-byte aligned).
inline int64_t alignedBytes(int64_t b) { return (b + 7) / 8 * 8; }
/// Bytes `copies` copies of a `bytes`-byte buffer span, one after another.
inline int64_t ringBytes(int64_t bytes, int64_t copies) {
  return copies <= 1 ? bytes : (copies - 1) * alignedBytes(bytes) + bytes;
}
/// Address of frame `frame`'s copy of a buffer with `copies` copies at `addr`.
inline int64_t ringAddr(int64_t addr, int64_t bytes, int64_t copies, int64_t frame) {
  return addr + (frame % copies) * alignedBytes(bytes);
}

/// Bytes per element of a stored activation kind.
int64_t elemBytes(ElemKind k);
/// Little-endian storage of activation values.
void storeElems(ElemKind k, llvm::ArrayRef<int32_t> values, uint8_t *dst);
void loadElems(ElemKind k, const uint8_t *src, int64_t count, int32_t *dst);

} // namespace npc

#endif
