//===- Parallel.h - the runtime's worker threads --------------------*- C++ -*-===//
//
// One pool for the executor and the kernels: the calling thread and one
// worker per further hardware thread. Two kinds of work share it:
//  - loops (parallelFor): the items of a loop go to whichever threads are
//    free; a loop started inside another loop's item runs on that item's
//    thread, so nesting never oversubscribes;
//  - a task graph (TaskGraph): tasks run as soon as the tasks they depend on
//    have finished, on any free thread. A loop started inside a task splits
//    only while some thread is idle (otherwise the other threads have tasks
//    of their own), so one large task still uses every thread.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_RUNTIME_PARALLEL_H
#define NPC_RUNTIME_PARALLEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

namespace npc {

/// Calls body(i) for every i in [0, n), spread over the threads; returns
/// when all are done.
void parallelFor(int64_t n, llvm::function_ref<void(int64_t)> body);

/// Whether a parallelFor started here now would spread over threads (else
/// it runs its items in order on this thread): not inside a loop's item,
/// nor inside a task while no thread is idle. A hint: a thread may turn
/// idle a moment later.
bool parallelHelpAvailable();

/// The threads parallelFor uses (the hardware's, at least 1).
int64_t parallelThreads();

/// Tasks with dependencies, numbered 0, 1, ... in the order they are added.
/// A task may start as soon as it is added and its dependencies have
/// finished, on a worker thread, while the caller goes on adding; `wait`
/// runs tasks on the calling thread too until all have finished. Ready tasks
/// run lowest id first, except that a thread goes on with the lowest of the
/// tasks its last one released (their data are in its caches). Only one graph at a time has the workers; another
/// one (a second thread running its own graph) runs its tasks on its own
/// thread in `wait`, in the same dependency order.
///
/// Storage is kept between rounds (`wait` starts the numbering again), so a
/// graph used round after round allocates nothing once it has reached its
/// largest round.
class TaskGraph {
public:
  /// `run(id)` executes task `id`; it may call parallelFor.
  explicit TaskGraph(std::function<void(int64_t)> run);
  /// Waits for every task added.
  ~TaskGraph();
  TaskGraph(const TaskGraph &) = delete;
  TaskGraph &operator=(const TaskGraph &) = delete;

  /// Adds a task that runs after the tasks `deps` (ids of this round);
  /// returns its id.
  int64_t add(llvm::ArrayRef<int64_t> deps);
  /// Tasks added this round.
  int64_t size() const { return added_; }
  /// Runs tasks here too until every task of the round has finished; the
  /// next `add` starts a new round at id 0.
  void wait();

private:
  friend class Scheduler;
  std::function<void(int64_t)> run_;
  // Under the scheduler's lock:
  int64_t added_ = 0, finished_ = 0;
  std::vector<int32_t> waitingOn_;  // unfinished dependencies per task
  std::vector<uint8_t> done_;       // per task
  // The tasks that depend on each: a list per task through one pool of
  // edges (one array for all, kept between rounds: no allocation per edge).
  struct Edge {
    int32_t task, next; // next: the list's next edge, -1 at its end
  };
  std::vector<int32_t> firstNext_; // per task, -1: none
  std::vector<Edge> next_;
  std::priority_queue<int64_t, std::vector<int64_t>, std::greater<int64_t>> ready_;
  bool attached_ = false; // the workers take its tasks
};

} // namespace npc

#endif
