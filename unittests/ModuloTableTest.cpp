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
  EXPECT_EQ(t.largestGap(), 6);
}

TEST(ModuloTable, AdjacentPlacementKeepsOneFreeRun) {
  ModuloTable t(10);
  t.reserve(0, 3);
  // The earliest slot from 5 splits the free cycles [3, 10) into [3, 5) and
  // [7, 10); right after the reserved interval keeps [6, 10) in one run.
  EXPECT_EQ(t.firstFree(5, 3), 5);
  EXPECT_EQ(t.firstFreeAdjacent(5, 3), 13);
  t.reserve(13, 3);
  EXPECT_EQ(t.largestGap(), 4);
  // An empty table places at the ready cycle.
  EXPECT_EQ(ModuloTable(10).firstFreeAdjacent(7, 2), 7);
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
