//===- ModuloTableTest.cpp - occupancy that repeats every period ----------===//
#include "npc/Runtime/ModuloTable.h"

#include <gtest/gtest.h>

using namespace npc;

namespace {

TEST(ModuloTable, IntervalsRepeatEveryPeriod) {
  ModuloTable t(10);
  t.reserve(3, 4); // [3, 7) in every period
  EXPECT_FALSE(t.isFree(13, 1));      // frame 1's copy of cycle 3
  EXPECT_TRUE(t.isFree(17, 6));       // [7, 10) and [0, 3) of the next period
  EXPECT_FALSE(t.isFree(17, 7));      // would reach cycle 3 again
  EXPECT_EQ(t.firstFree(4, 2), 7);    // pushed past the busy interval
  EXPECT_EQ(t.firstFree(5, 6), 7);    // [7, 13) wraps onto [0, 3): free
  EXPECT_EQ(t.firstFree(0, 7), -1);   // only 6 free cycles per period
  EXPECT_EQ(t.firstFree(0, 11), -1);  // longer than the period
}

TEST(ModuloTable, WrappedReservationOccupiesBothEnds) {
  ModuloTable t(10);
  t.reserve(8, 4); // [8, 10) and [0, 2)
  EXPECT_FALSE(t.isFree(20, 1));
  EXPECT_FALSE(t.isFree(9, 1));
  EXPECT_EQ(t.firstFree(0, 6), 2);
  EXPECT_TRUE(t.fitsAll({6}));  // [2, 8) is one run of 6
  EXPECT_FALSE(t.fitsAll({7}));
}

TEST(ModuloTable, AdjacentPlacementKeepsOneFreeRun) {
  ModuloTable t(10);
  t.reserve(0, 3);
  // The earliest slot from 5 splits the free cycles [3, 10) into [3, 5) and
  // [7, 10); right after the reserved interval keeps [6, 10) in one run.
  EXPECT_EQ(t.firstFree(5, 3), 5);
  EXPECT_EQ(t.firstFreeAdjacent(5, 3), 13);
  t.reserve(13, 3);
  EXPECT_TRUE(t.fitsAll({4}));
  EXPECT_FALSE(t.fitsAll({5}));
  // An empty table places at the ready cycle.
  EXPECT_EQ(ModuloTable(10).firstFreeAdjacent(7, 2), 7);
}

TEST(ModuloTable, FitsAllPacksLongestFirstIntoTheFreeRuns) {
  ModuloTable t(20);
  t.reserve(4, 2);  // free runs: [6, 12) of 6 and [14, 24) wrapping to 4: 10
  t.reserve(12, 2);
  EXPECT_TRUE(t.fitsAll({6, 6, 4}));    // 6 and 4 in the run of 10, 6 in the 6
  EXPECT_FALSE(t.fitsAll({6, 6, 5}));   // 16 cycles free, but 5 + 6 > 10
  EXPECT_FALSE(t.fitsAll({7, 7}));      // the largest run holds one 7 only
  EXPECT_TRUE(t.fitsAll({}));
  EXPECT_TRUE(ModuloTable(8).fitsAll({3, 5}));
}

TEST(ModuloTable, WithoutPipeliningItIsATimeline) {
  ModuloTable t; // kNoPipelining
  t.reserve(0, 100);
  EXPECT_EQ(t.firstFree(50, 10), 100);
  EXPECT_EQ(t.firstFreeAdjacent(50, 10), 100);
  EXPECT_TRUE(t.isFree(1000, 5));
}

TEST(ModuloTable, FirstFreeAllFindsACommonWindow) {
  ModuloTable a(10), b(10);
  a.reserve(0, 4); // free [4, 10)
  b.reserve(6, 3); // free [9, 16) = [9, 10) and [0, 6)
  EXPECT_EQ(firstFreeAll({&a, &b}, {0, 0}, 0, 2), 4);
  EXPECT_EQ(firstFreeAll({&a, &b}, {0, 0}, 5, 2), 14); // [4, 6) of the next period
  EXPECT_EQ(firstFreeAll({&a, &b}, {0, 0}, 0, 3), -1); // no common 3-cycle run
}

TEST(ModuloTable, FirstFreeAllWithOffsetsShiftsEachWindow) {
  // A transfer holds the second link one cycle after the first (one hop):
  // s is free when a is free at [s, s + d) and b at [s + 1, s + 1 + d).
  ModuloTable a(10), b(10);
  a.reserve(0, 4); // free [4, 10)
  b.reserve(6, 3); // free [9, 16)
  EXPECT_EQ(firstFreeAll({&a, &b}, {0, 1}, 0, 2), 8);  // a [8, 10), b [9, 11); earlier b is busy
  EXPECT_EQ(firstFreeAll({&a, &b}, {0, 1}, 0, 1), 4);  // a [4, 5), b [5, 6)
  EXPECT_EQ(firstFreeAll({&a, &b}, {0, 5}, 0, 3), 4);  // a [4, 7), b [9, 12)
  EXPECT_EQ(firstFreeAll({&a, &b}, {0, 1}, 0, 3), -1); // b needs [s+1, s+4) in [9, 16)
}

} // namespace

// Two ports, period 10: [0, 6) takes one, [0, 4) the other; then the
// first free port is the second from 4; [7, 12) meets [0, 6) again on the
// first port and fits the second from 14.
TEST(ModuloPool, TakesAnyFreeUnit) {
  ModuloPool ports(2, 10);
  ports.reserve(0, 6);
  EXPECT_EQ(ports.firstFree(0, 4), 0); // the second port
  ports.reserve(0, 4);
  EXPECT_EQ(ports.firstFree(0, 2), 4);
  EXPECT_EQ(ports.firstFree(7, 5), 14);
  ModuloPool unlimited(0, 10);
  EXPECT_EQ(unlimited.firstFree(3, 100), 3);
}

// An event of 25 cycles at period 10 takes two ports whole and a third for
// [0, 5); nothing of 10 cycles or more fits after it, a short one from 5.
// A pool of 2^40 units only makes tables for the units it uses.
TEST(ModuloPool, LongEventsTakeWholeUnits) {
  ModuloPool ports(3, 10);
  EXPECT_EQ(ports.firstFree(0, 25), 0);
  ports.reserve(0, 25);
  EXPECT_EQ(ports.firstFree(0, 10), -1);
  EXPECT_EQ(ports.firstFree(0, 3), 5);
  EXPECT_EQ(ModuloPool(3, 10).firstFree(0, 40), -1); // four periods: four units
  ModuloPool many(int64_t(1) << 40, 10);
  EXPECT_EQ(many.firstFree(0, 1000), 0);
  many.reserve(0, 1000);
  EXPECT_EQ(many.firstFree(0, 5), 0);
}

// The most spans at one cycle, each repeating every 10 cycles: [8, 13)
// wraps to [8, 10) and [0, 3); [12, 34) is twice round and [2, 4) again.
TEST(ModuloTable, MaxOverlapFoldsSpansIntoThePeriod) {
  EXPECT_EQ(maxOverlap({{0, 5}, {5, 10}}, 10), std::make_pair(int64_t(1), int64_t(0)));
  EXPECT_EQ(maxOverlap({{0, 5}, {8, 13}}, 10), std::make_pair(int64_t(2), int64_t(0)));
  EXPECT_EQ(maxOverlap({{12, 34}, {3, 4}}, 10), std::make_pair(int64_t(4), int64_t(3)));
  EXPECT_EQ(maxOverlap({}, 10).first, 0);
}
