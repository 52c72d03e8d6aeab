//===- Broadcast.h - numpy's broadcasting of shapes ----------*- C++ -*-===//
#ifndef NPC_SUPPORT_BROADCAST_H
#define NPC_SUPPORT_BROADCAST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace npc {

/// Result shape of numpy-style broadcasting; empty optional if incompatible.
/// The qg verifiers and the onnx-level evaluator (ConstantFolding.h) share it.
inline std::optional<llvm::SmallVector<int64_t>> broadcastShapes(llvm::ArrayRef<int64_t> a,
                                                                 llvm::ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  llvm::SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    out[i] = da == 1 ? db : da;
  }
  return out;
}

} // namespace npc

#endif
