//===- Parallel.h - the runtime's worker threads --------------------*- C++ -*-===//
//
// One pool for the executor and the kernels: the calling thread and one
// worker per further hardware thread share the items of a loop. A loop
// started inside another loop's item runs on that item's thread, so nesting
// (tiles in parallel, each splitting its own rows) never oversubscribes.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_RUNTIME_PARALLEL_H
#define NPC_RUNTIME_PARALLEL_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>

namespace npc {

/// Calls body(i) for every i in [0, n), spread over the threads; returns
/// when all are done.
void parallelFor(int64_t n, llvm::function_ref<void(int64_t)> body);

/// The threads parallelFor uses (the hardware's, at least 1).
int64_t parallelThreads();

} // namespace npc

#endif
