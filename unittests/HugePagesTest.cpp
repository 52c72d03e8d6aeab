//===- HugePagesTest.cpp - the executor's huge-page blocks -----------------===//
#include "npc/Runtime/HugePages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

using namespace npc;

namespace {

bool aligned64(const void *p) { return reinterpret_cast<uintptr_t>(p) % 64 == 0; }

// (Other tests of this process may have left arrays in blocks with room,
// which these then share: only what holds either way is checked.)
TEST(HugePages, BlocksGoBackWhenEmpty) {
  if (!hugePagesEnabled())
    GTEST_SKIP() << "no transparent huge pages here (or NPC_HUGE_PAGES=0)";
  const std::size_t before = hugeBlockBytes();
  void *a = hugeAllocate(768 << 10); // a core memory
  void *b = hugeAllocate(1 << 20);
  EXPECT_TRUE(aligned64(a) && aligned64(b));
  // Neither overlaps the other, and both hold what is written.
  auto *pa = static_cast<uint8_t *>(a), *pb = static_cast<uint8_t *>(b);
  EXPECT_TRUE(pa + (768 << 10) <= pb || pb + (1 << 20) <= pa);
  std::fill_n(pa, 768 << 10, uint8_t(0xa5));
  std::fill_n(pb, 1 << 20, uint8_t(0x5a));
  EXPECT_EQ(pa[(768 << 10) - 1], 0xa5);
  EXPECT_EQ(pb[0], 0x5a);
  hugeFree(a, 768 << 10);
  hugeFree(b, 1 << 20);
  EXPECT_EQ(hugeBlockBytes(), before);
}

TEST(HugePages, AnArrayLargerThanABlockGetsItsOwn) {
  if (!hugePagesEnabled())
    GTEST_SKIP() << "no transparent huge pages here (or NPC_HUGE_PAGES=0)";
  const std::size_t before = hugeBlockBytes();
  const std::size_t big = (std::size_t(100) << 20) + 3;
  void *p = hugeAllocate(big);
  EXPECT_GE(hugeBlockBytes(), before + big);
  static_cast<uint8_t *>(p)[big - 1] = 7;
  hugeFree(p, big);
  EXPECT_EQ(hugeBlockBytes(), before);
}

TEST(HugePages, FreedRangesAreReused) {
  // Executors loaded one after another, each with its core memories, while
  // arrays that stay (threads' scratch) land between them: the freed core
  // memories merge and are used again, so the blocks stay as few as one
  // executor needs (placed end to end, without reuse, 50 x 30 MiB).
  if (!hugePagesEnabled())
    GTEST_SKIP() << "no transparent huge pages here (or NPC_HUGE_PAGES=0)";
  const std::size_t before = hugeBlockBytes();
  constexpr std::size_t kCore = 768 << 10, kKept = 100 << 10;
  std::vector<void *> kept;
  for (int i = 0; i < 50; ++i) {
    std::vector<void *> cores;
    for (int c = 0; c < 40; ++c)
      cores.push_back(hugeAllocate(kCore));
    kept.push_back(hugeAllocate(kKept));
    EXPECT_GT(hugeBlockBytes(), 0u); // (the arrays are in blocks)
    // Written all over, then freed (their whole pages go back to the
    // system; what is handed out again must still work).
    for (void *p : cores)
      std::fill_n(static_cast<uint8_t *>(p), kCore, uint8_t(0xee));
    for (void *p : cores)
      hugeFree(p, kCore);
  }
  EXPECT_LE(hugeBlockBytes(), before + (std::size_t(128) << 20));
  for (void *p : kept)
    hugeFree(p, kKept);
  EXPECT_EQ(hugeBlockBytes(), before);
}

TEST(HugePages, SmallArraysComeFromTheHeap) {
  const std::size_t before = hugeBlockBytes();
  void *p = hugeAllocate(kHugeMinBytes - 1);
  EXPECT_TRUE(aligned64(p));
  EXPECT_EQ(hugeBlockBytes(), before);
  hugeFree(p, kHugeMinBytes - 1);
}

TEST(HugePages, VectorsWork) {
  HugeVector<int32_t> v(300000);
  std::iota(v.begin(), v.end(), 0);
  v.resize(600000, -1); // grows into a new array, the old one freed
  EXPECT_EQ(v[299999], 299999);
  EXPECT_EQ(v[300000], -1);
  HugeVector<int32_t> w = v;
  EXPECT_EQ(w, v);
}

} // namespace
