//===- ParallelTest.cpp - the runtime's worker threads ----------------------===//
//
// Many short loops back to back (where a worker that wakes late meets the
// next loop: an earlier version ran an item twice there and hung), loops
// inside loops, and loops from several threads at once: every item runs
// exactly once and every call returns.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/Parallel.h"

#include <gtest/gtest.h>

#include <atomic>
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

} // namespace
