//===- ParallelTest.cpp - the runtime's worker threads ----------------------===//
//
// Many short loops back to back (where a worker that wakes late meets the
// next loop: an earlier version ran an item twice there and hung), loops
// inside loops, and loops from several threads at once: every item runs
// exactly once and every call returns. Task graphs: every task runs once,
// after each task it depends on, round after round, from two threads at
// once, with loops inside tasks.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/Parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

using namespace npc;

namespace {

TEST(Parallel, EveryItemOnceInManyShortLoops) {
  for (int rep = 0; rep < 20000; ++rep) {
    const int64_t n = 1 + rep % 7;
    std::vector<std::atomic<int>> hits(n);
    parallelFor(n, [&](int64_t i) {
      // Items of uneven length: the threads finish in varying orders.
      for (volatile int spin = 0; spin < (rep * 7 + i * 13) % 300; ++spin) {
      }
      hits[i].fetch_add(1);
    });
    for (int64_t i = 0; i < n; ++i)
      ASSERT_EQ(hits[i].load(), 1) << "loop " << rep << " item " << i;
  }
}

TEST(Parallel, NestedLoopsRunInline) {
  std::atomic<int64_t> sum{0};
  parallelFor(8, [&](int64_t i) {
    parallelFor(100, [&](int64_t j) { sum.fetch_add(i * 100 + j); });
  });
  EXPECT_EQ(sum.load(), (800 * 799) / 2);
}

TEST(Parallel, LoopsFromSeveralThreads) {
  std::atomic<int64_t> total{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int rep = 0; rep < 2000; ++rep)
        parallelFor(3, [&](int64_t) { total.fetch_add(1); });
    });
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(total.load(), 4 * 2000 * 3);
  EXPECT_GE(parallelThreads(), 1);
}

/// Random graphs: each task depends on up to 4 earlier ones and checks that
/// they have finished when it starts; each runs exactly once.
void checkRandomGraphs(unsigned seed, int rounds, bool loops) {
  std::mt19937 rng(seed);
  const int64_t n = 3000;
  std::vector<std::atomic<int>> runs(n);
  std::vector<std::vector<int64_t>> depsOf(n);
  std::atomic<int64_t> early{0}, loopSum{0};
  TaskGraph graph([&](int64_t id) {
    for (int64_t d : depsOf[id])
      if (runs[d].load() != 1)
        early.fetch_add(1);
    if (loops && id % 97 == 0)
      parallelFor(16, [&](int64_t i) { loopSum.fetch_add(i); });
    runs[id].fetch_add(1);
  });
  for (int round = 0; round < rounds; ++round) {
    for (auto &r : runs)
      r.store(0);
    for (int64_t id = 0; id < n; ++id) {
      depsOf[id].clear();
      for (int k = int(rng() % 5); k > 0 && id > 0; --k)
        depsOf[id].push_back(int64_t(rng() % uint64_t(std::min<int64_t>(id, 50))) + id -
                             std::min<int64_t>(id, 50));
      ASSERT_EQ(graph.add(depsOf[id]), id);
    }
    graph.wait();
    EXPECT_EQ(graph.size(), 0);
    for (int64_t id = 0; id < n; ++id)
      ASSERT_EQ(runs[id].load(), 1) << "round " << round << " task " << id;
  }
  EXPECT_EQ(early.load(), 0);
  if (loops)
    EXPECT_EQ(loopSum.load(), int64_t(rounds) * ((n + 96) / 97) * 120);
}

TEST(Parallel, TaskGraphRunsEachTaskOnceAfterItsDependencies) {
  checkRandomGraphs(1, 5, /*loops=*/true);
}

TEST(Parallel, TaskGraphsFromTwoThreads) {
  std::thread other([] { checkRandomGraphs(2, 3, /*loops=*/true); });
  checkRandomGraphs(3, 3, /*loops=*/false);
  other.join();
}

} // namespace
