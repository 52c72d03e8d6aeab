//===- ChipModel.h - cost rules and memory layouts of the chip ---*- C++ -*-===//
//
// How data sits in a core's memory: parameter layouts, ring buffers,
// stored elements. The cost rules and the topology are the TargetModel's
// (TargetModel.h).
//
//===----------------------------------------------------------------------===//
#ifndef NPC_TARGET_CHIPMODEL_H
#define NPC_TARGET_CHIPMODEL_H

#include "llvm/ADT/STLExtras.h"
#include "npc/Runtime/Kernels.h"
#include "npc/Runtime/HostTensor.h"
#include "npc/Runtime/TargetDesc.h"
#include "npc/Runtime/TargetModel.h"

#include <cstdint>
#include <map>
#include <vector>

namespace npc {

/// Where a tile's parameters sit in its parameter buffer.
struct ParamLayout {
  int64_t weightBits = 8; // 2, 4, 8 or 16: the fewest that hold every centered weight
  int64_t weightsOffset = 0, weightCount = 0;
  int64_t biasOffset = 0, biasCount = 0;
  int64_t multOffset = 0, multCount = 0;
  int64_t shiftOffset = 0, shiftCount = 0;
  int64_t totalBytes = 0;
  bool operator==(const ParamLayout &o) const {
    return weightBits == o.weightBits && weightsOffset == o.weightsOffset &&
           weightCount == o.weightCount && biasOffset == o.biasOffset &&
           biasCount == o.biasCount && multOffset == o.multOffset && multCount == o.multCount &&
           shiftOffset == o.shiftOffset && shiftCount == o.shiftCount &&
           totalBytes == o.totalBytes;
  }
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
/// Whether `copies` copies of a `bytes`-byte buffer at `addr` lie inside a
/// memory of `mem` bytes. Any int64 values: nothing is computed that could
/// overflow (bytes and copies are bounded by `mem` before they multiply).
inline bool ringFits(int64_t addr, int64_t bytes, int64_t copies, int64_t mem) {
  if (addr < 0 || bytes < 0 || copies < 1 || addr > mem || bytes > mem || copies > mem)
    return false;
  return ringBytes(bytes, copies) <= mem - addr;
}
/// Address of frame `frame`'s copy of a buffer with `copies` copies at `addr`.
inline int64_t ringAddr(int64_t addr, int64_t bytes, int64_t copies, int64_t frame) {
  return addr + (frame % copies) * alignedBytes(bytes);
}

/// When a buffer holds data of one frame, in layer positions (program
/// order), both ends included. Buffers whose lifetimes do not meet may
/// share bytes of a core when frames do not overlap (npc-map-to-cores
/// reuse-buffers, docs/mapping.md): npc-schedule-noc decides the cycles of
/// each layer's transfers and tiles after those of every earlier layer
/// (placement order, not time order) and holds a buffer's first write until
/// the last access to every earlier buffer in its bytes; the executor
/// checks that it did.
struct Lifetime {
  int64_t first = 0, last = 0;
  bool meets(const Lifetime &o) const { return first <= o.last && o.first <= last; }
};
/// The lifetimes of a layer's buffers (the same for every tile): an input
/// window at its layer only (its data waits in the producer's output, which
/// lives until its last reader); the output from its layer to its last
/// reader (past the last layer for a graph output, which leaves for the
/// host at the end).
struct LayerLifetimes {
  std::vector<Lifetime> inputs;
  Lifetime output;
  /// Input `which`, or the output for any other index.
  const Lifetime &of(int64_t which) const {
    return which >= 0 && which < int64_t(inputs.size()) ? inputs[which] : output;
  }
};
/// Of layers reading tensors `layerInputs[i]` and writing `layerOutputs[i]`,
/// with `graphOutputs` taken by the host.
std::vector<LayerLifetimes> bufferLifetimes(llvm::ArrayRef<std::vector<int>> layerInputs,
                                            llvm::ArrayRef<int> layerOutputs,
                                            llvm::ArrayRef<int> graphOutputs);
/// Calls `visit(earlier, later)` for every two of `spans` (sorted by `lo`;
/// each a byte range [lo, hi)) that share a byte, the one starting first
/// as `earlier`; stops when `visit` returns false and says whether it went
/// through. The buffers of one core: the nmap verifier and the executor
/// find those that share memory with it.
template <typename Span, typename Visit>
bool forEachOverlap(llvm::ArrayRef<Span> spans, Visit visit) {
  std::vector<const Span *> open; // those reaching past the current start
  for (const Span &s : spans) {
    llvm::erase_if(open, [&](const Span *o) { return o->hi <= s.lo; });
    for (const Span *o : open)
      if (!visit(*o, s))
        return false;
    open.push_back(&s);
  }
  return true;
}
/// Whether a timetable of `cycles` repeated every `period` cycles overlaps
/// frames (buffers that share bytes need it not to).
inline bool framesOverlap(int64_t period, int64_t cycles) { return period < cycles; }
/// Parameters: from before the first layer to after the last.
inline Lifetime parameterLifetime(size_t numLayers) { return {0, int64_t(numLayers)}; }

/// Bytes per element of a stored activation kind.
int64_t elemBytes(ElemKind k);
/// Little-endian storage of activation values.
void storeElems(ElemKind k, llvm::ArrayRef<int32_t> values, uint8_t *dst);
void loadElems(ElemKind k, const uint8_t *src, int64_t count, int32_t *dst);

} // namespace npc

#endif
