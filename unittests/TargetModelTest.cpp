//===- TargetModelTest.cpp - routes and link names of each topology -------===//
//
// Expected routes worked out by hand on a 4x3 grid (cores numbered row by
// row: core = 4 * y + x; link = 4 * core + dir, dir 0 east, 1 west,
// 2 south, 3 north; 48 is frame buffer -> core 0, 49 core 0 -> frame buffer).
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/Kernels.h"
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

// Where each link arrives, as the report lists it (report.noc.link_targets):
// a core, the frame buffer, or none where the topology has no such link.
TEST(TargetModel, LinkTargetsAreTheNeighbours) {
  auto mesh = TargetModel::create(grid4x3("mesh"));
  auto torus = TargetModel::create(grid4x3("torus"));
  EXPECT_EQ(mesh->linkTarget(0), 1);            // (0, 0) east
  EXPECT_EQ(mesh->linkTarget(1), std::nullopt); // (0, 0) west: the edge
  EXPECT_EQ(torus->linkTarget(1), 3);           // ... wraps to (3, 0)
  EXPECT_EQ(mesh->linkTarget(35), 4);           // (0, 2) north
  EXPECT_EQ(torus->linkTarget(34), 0);          // (0, 2) south wraps to (0, 0)
  for (const auto &m : {mesh.get(), torus.get()}) {
    EXPECT_EQ(m->linkTarget(48), 0);           // frame buffer -> core 0
    EXPECT_EQ(m->linkTarget(49), kFrameBuffer); // core 0 -> frame buffer
    EXPECT_EQ(m->linkTarget(50), std::nullopt);
    EXPECT_EQ(m->linkTarget(-1), std::nullopt);
  }
}

// The rate the report's utilization divides by: MACs per cycle at the
// layer's operand width on the MAC array (x2 at 4 bits, x4 at 2), else the
// vector unit's macs_per_cycle_int8 / 8 elements.
TEST(TargetModel, WorkPerCycleByUnitAndWidth) {
  auto m = TargetModel::create(grid4x3("mesh")); // northpole's 2048 INT8 MACs per cycle
  kernels::LayerGeometry conv, add;
  conv.kind = kernels::findKernel("conv2d");
  add.kind = kernels::findKernel("add");
  conv.operandBits = 8;
  EXPECT_EQ(m->workPerCycle(conv), 2048);
  conv.operandBits = 4;
  EXPECT_EQ(m->workPerCycle(conv), 4096);
  conv.operandBits = 2;
  EXPECT_EQ(m->workPerCycle(conv), 8192);
  add.operandBits = 8;
  EXPECT_EQ(m->workPerCycle(add), 256);
  EXPECT_EQ(m->vectorElementsPerCycle(), 256);
}

// hops counts the route's links without building it (from a table of every
// pair of cores; the frame buffer and cores off the grid walk): on a torus
// the wrap-around makes (0, 0) and (3, 0) neighbours, on a mesh 3 apart
// (what placement asks when it moves tiles to the nearest core).
TEST(TargetModel, HopsAreTheRoutesLength) {
  for (const char *topology : {"mesh", "torus"}) {
    auto m = TargetModel::create(grid4x3(topology));
    for (int64_t a = -2; a < 14; ++a)
      for (int64_t b = -2; b < 14; ++b)
        EXPECT_EQ(m->hops(a, b), int64_t(m->route(a, b).size())) << topology << " " << a << " " << b;
  }
  EXPECT_EQ(TargetModel::create(grid4x3("mesh"))->hops(0, 3), 3);
  EXPECT_EQ(TargetModel::create(grid4x3("torus"))->hops(0, 3), 1);
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

/// A convolution's geometry as TargetModel::computeCycles reads it: OIHW
/// weights (I per group), groups, operand width.
kernels::LayerGeometry conv(int64_t out, int64_t inPerGroup, int64_t k, int64_t group,
                            int64_t bits = 8) {
  kernels::LayerGeometry g;
  g.kind = kernels::findKernel("conv2d");
  g.weightShape = {out, inPerGroup, k, k};
  g.group = group;
  g.operandBits = bits;
  return g;
}

kernels::Box box(std::vector<int64_t> lo, std::vector<int64_t> hi) {
  kernels::Box b;
  b.lo.assign(lo.begin(), lo.end());
  b.hi.assign(hi.begin(), hi.end());
  return b;
}

// Expected cycles worked out by hand: each input vector (one output pixel's
// window, one row of A) takes ceil(depth / array depth) x ceil(outputs /
// lanes) cycles; northpole's array is 64 x 32 at INT8, 128 x 32 at INT4.
TEST(TargetModel, MacArrayChargesEmptyLanes) {
  auto m = TargetModel::create(northpoleTarget());
  // 1x1 conv 64 -> 64 over 4x4 pixels: 16 x 1 x 2 = 32, the same as
  // 16 x 64 x 64 / 2048: the array is full.
  kernels::LayerGeometry c = conv(64, 64, 1, 1);
  EXPECT_EQ(m->computeCycles(c, box({0, 0, 0, 0}, {1, 64, 4, 4})), 32);
  // Channels [0, 16) of it: half the lanes empty, 16 x 1 x 1 = 16 (8 without).
  EXPECT_EQ(m->computeCycles(c, box({0, 0, 0, 0}, {1, 16, 4, 4})), 16);
  // A stem: 7x7 over 3 channels = 147 deep, 3 passes of 64; 64 outputs in 2
  // passes of 32: 6 cycles for one pixel (ceil(147 x 64 / 2048) = 5 without).
  EXPECT_EQ(m->computeCycles(conv(64, 3, 7, 1), box({0, 0, 0, 0}, {1, 64, 1, 1})), 6);
  // Depthwise 3x3 over 32 channels: every channel's window feeds one output,
  // so 2x2 pixels x 32 channels = 128 vectors of 9, one cycle each.
  EXPECT_EQ(m->computeCycles(conv(32, 1, 3, 32), box({0, 0, 0, 0}, {1, 32, 2, 2})), 128);
  // Two groups of 32 (1x1, 32 inputs each), channels [16, 48) of one pixel:
  // 16 outputs of group 0 and 16 of group 1, each vector one pass: 2.
  EXPECT_EQ(m->computeCycles(conv(64, 32, 1, 2), box({0, 16, 0, 0}, {1, 48, 1, 1})), 2);
  // INT4: 128 deep. 1x1 over 256 channels, 64 outputs, one pixel: 2 x 2 = 4
  // (at INT8 4 x 2 = 8).
  EXPECT_EQ(m->computeCycles(conv(64, 256, 1, 1, 4), box({0, 0, 0, 0}, {1, 64, 1, 1})), 4);
  EXPECT_EQ(m->computeCycles(conv(64, 256, 1, 1, 8), box({0, 0, 0, 0}, {1, 64, 1, 1})), 8);
  // matmul [3, 100] x [100, n], columns [0, 40): 3 rows x ceil(100/64) x
  // ceil(40/32) = 12 (ceil(3 x 100 x 40 / 2048) = 6 without).
  kernels::LayerGeometry mm;
  mm.kind = kernels::findKernel("matmul");
  mm.inputShapes = {{3, 100}};
  mm.weightShape = {100, 40};
  EXPECT_EQ(m->computeCycles(mm, box({0, 0}, {3, 40})), 12);

  // mac_array_depth 0: MACs over the rate, whatever the shape.
  TargetDesc ideal = northpoleTarget();
  ideal.macArrayDepth = 0;
  auto mi = TargetModel::create(ideal);
  EXPECT_EQ(mi->computeCycles(c, box({0, 0, 0, 0}, {1, 16, 4, 4})), 8);
  EXPECT_EQ(mi->computeCycles(conv(64, 3, 7, 1), box({0, 0, 0, 0}, {1, 64, 1, 1})), 5);
  EXPECT_EQ(mi->computeCycles(conv(32, 1, 3, 32), box({0, 0, 0, 0}, {1, 32, 2, 2})), 1);
  EXPECT_EQ(mi->computeCycles(mm, box({0, 0}, {3, 40})), 6);
}

// The blocks describe the kind's work exactly: vectors x depth x outputs
// summed over them is workFor, for boxes that cut groups anywhere.
TEST(TargetModel, MacBlocksSumToTheWork) {
  for (int64_t group : {1, 2, 3, 6, 12})
    for (int64_t lo = 0; lo < 12; lo += 5)
      for (int64_t hi = lo + 1; hi <= 12; hi += 4) {
        kernels::LayerGeometry g = conv(12, 12 / group, 3, group);
        kernels::Box b = box({0, lo, 1, 0}, {1, hi, 3, 5});
        int64_t sum = 0;
        for (const kernels::MacBlock &mb : kernels::macBlocksFor(g, b))
          sum += mb.vectors * mb.depth * mb.outputs;
        EXPECT_EQ(sum, kernels::workFor(g, b)) << "group " << group << " " << b.str();
      }
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
