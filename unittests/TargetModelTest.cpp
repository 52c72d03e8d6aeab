//===- TargetModelTest.cpp - routes and link names of each topology -------===//
//
// Expected routes worked out by hand on a 4x3 grid (cores numbered row by
// row: core = 4 * y + x; link = 4 * core + dir, dir 0 east, 1 west,
// 2 south, 3 north; 48 is frame buffer -> core 0, 49 core 0 -> frame buffer).
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/TargetModel.h"

#include <gtest/gtest.h>

using namespace npc;

namespace {

TargetDesc grid4x3(const char *topology) {
  TargetDesc t = northpoleTarget();
  t.gridCols = 4;
  t.gridRows = 3;
  t.topology = topology;
  return t;
}

using Links = std::vector<int64_t>;

TEST(TargetModel, MeshRoutesXThenY) {
  auto m = TargetModel::create(grid4x3("mesh"));
  EXPECT_EQ(m->numLinks(), 50);
  // (0, 0) -> (3, 0): east from cores 0, 1, 2.
  EXPECT_EQ(m->route(0, 3), (Links{0, 4, 8}));
  // (3, 2) -> (0, 0): west from 11, 10, 9, then north from 8 and 4.
  EXPECT_EQ(m->route(11, 0), (Links{45, 41, 37, 35, 19}));
  // The frame buffer enters and leaves at core 0.
  EXPECT_EQ(m->route(kFrameBuffer, 5), (Links{48, 0, 6}));
  EXPECT_EQ(m->route(1, kFrameBuffer), (Links{5, 49}));
  EXPECT_EQ(m->route(6, 6), Links{});
  EXPECT_EQ(m->route(0, 12), Links{}); // no core 12 on a 4x3 grid
  EXPECT_EQ(m->route(-5, 3), Links{});
  EXPECT_EQ(m->neighbour(3, 0), -1); // no east link at the edge
  EXPECT_EQ(m->linkName(45), "core (3, 2) west -> (2, 2)");
  EXPECT_EQ(m->linkName(12), "core (3, 0) east -> (none)");
  EXPECT_EQ(m->linkName(48), "frame buffer -> core (0, 0)");
}

TEST(TargetModel, TorusRoutesTheShorterWayRound) {
  auto m = TargetModel::create(grid4x3("torus"));
  EXPECT_EQ(m->numLinks(), 50);
  // (0, 0) -> (3, 0): one hop west over the wrap-around link.
  EXPECT_EQ(m->route(0, 3), (Links{1}));
  // (3, 2) -> (0, 0): one hop east (wrap) to (0, 2), one south (wrap) to (0, 0).
  EXPECT_EQ(m->route(11, 0), (Links{44, 34}));
  // A tie (2 of 4 columns either way) goes east: (0, 0) -> (2, 0).
  EXPECT_EQ(m->route(0, 2), (Links{0, 4}));
  // Within reach without wrapping, the mesh's route.
  EXPECT_EQ(m->route(kFrameBuffer, 5), (Links{48, 0, 6}));
  EXPECT_EQ(m->neighbour(3, 0), 0);
  EXPECT_EQ(m->linkName(44), "core (3, 2) east -> (0, 2)");
  EXPECT_EQ(m->linkName(34), "core (0, 2) south -> (0, 0)");
}

TEST(TargetModel, CycleRulesAreTheTopologysOwn) {
  TargetDesc t = grid4x3("torus");
  auto m = TargetModel::create(t);
  // ceil(1000 / 256) + 2 hops x 1 cycle.
  EXPECT_EQ(m->transferCycles(NocKind::Activation, 1000, 2), 6);
  // A multicast lasts as long as its longest member: ceil(1000 / 256) + 5.
  EXPECT_EQ(m->multicastCycles(NocKind::Activation, 1000, {1, 5, 2}), 9);
  // INT4 MACs cost half the 8-bit energy each.
  EXPECT_DOUBLE_EQ(m->macEnergyPj(1000, 4), 1000 * t.energyPerMacInt8Pj / 2);
}

TEST(TargetModel, HostLinkCycles) {
  TargetDesc t = northpoleTarget(); // 8e9 bytes/s, 400 MHz: 20 bytes per cycle
  auto m = TargetModel::create(t);
  EXPECT_EQ(m->hostLinkCycles(0), 0);
  EXPECT_EQ(m->hostLinkCycles(20), 1);
  EXPECT_EQ(m->hostLinkCycles(21), 2);
  // A 224 x 224 x 3 uint8 frame: 150,528 / 20 = 7,526.4.
  EXPECT_EQ(m->hostLinkCycles(224 * 224 * 3), 7527);
  // The slowest link and the largest byte count saturate, never wrap.
  t.hostLinkBytesPerSecond = 1;
  t.clockHz = 1e12;
  EXPECT_EQ(TargetModel::create(t)->hostLinkCycles(int64_t(1) << 40), int64_t(1) << 62);
}

} // namespace
