//===- TargetModel.cpp - topology, cost rules and energy of a chip --------===//
#include "npc/Runtime/TargetModel.h"

#include <algorithm>
#include <cmath>

using namespace npc;
using namespace npc::kernels;

static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// Link directions, in link-number order.
enum Dir { kEast = 0, kWest = 1, kSouth = 2, kNorth = 3 };
static const char *const kDirNames[] = {"east", "west", "south", "north"};

TargetModel::~TargetModel() = default;

std::unique_ptr<TargetModel> TargetModel::create(const TargetDesc &t) {
  if (t.topology == "torus")
    return std::make_unique<TorusModel>(t);
  return std::make_unique<MeshModel>(t); // "mesh"; validate() allows no other
}

void TargetModel::walkRoute(int64_t src, int64_t dst,
                            llvm::function_ref<void(int64_t)> link) const {
  // An end off the grid has no route (callers check ends first; this keeps
  // a wrong one from walking off the grid forever).
  auto onGrid = [&](int64_t c) { return c == kFrameBuffer || (c >= 0 && c < t.numCores()); };
  if (src == dst || !onGrid(src) || !onGrid(dst))
    return;
  int64_t fbIn = 4 * t.numCores(), fbOut = fbIn + 1;
  int64_t at = src;
  if (src == kFrameBuffer) {
    link(fbIn);
    at = 0;
  }
  int64_t to = dst == kFrameBuffer ? 0 : dst;
  for (bool alongY : {false, true}) {
    auto coord = [&](int64_t c) { return alongY ? c / t.gridCols : c % t.gridCols; };
    while (coord(at) != coord(to)) {
      auto [next, dir] = step(at, to, alongY);
      link(at * 4 + dir);
      at = next;
    }
  }
  if (dst == kFrameBuffer)
    link(fbOut);
}

std::vector<int64_t> TargetModel::route(int64_t src, int64_t dst) const {
  std::vector<int64_t> links;
  walkRoute(src, dst, [&](int64_t l) { links.push_back(l); });
  return links;
}

int64_t TargetModel::hops(int64_t src, int64_t dst) const {
  const int64_t cores = t.numCores();
  auto walked = [&](int64_t a, int64_t b) {
    int64_t n = 0;
    walkRoute(a, b, [&](int64_t) { ++n; });
    return n;
  };
  if (cores > kHopTableCores || src < 0 || dst < 0 || src >= cores || dst >= cores)
    return walked(src, dst);
  // A route crosses each core at most once: fewer than `cores` hops, which
  // fit 16 bits.
  std::call_once(hopTableOnce_, [&] {
    hopTable_.resize(size_t(cores * cores));
    for (int64_t a = 0; a < cores; ++a)
      for (int64_t b = 0; b < cores; ++b)
        hopTable_[size_t(a * cores + b)] = uint16_t(walked(a, b));
  });
  return hopTable_[size_t(src * cores + dst)];
}

std::optional<int64_t> TargetModel::linkTarget(int64_t link) const {
  int64_t cores = t.numCores();
  if (link == 4 * cores)
    return 0;
  if (link == 4 * cores + 1)
    return kFrameBuffer;
  if (link < 0 || link > 4 * cores + 1)
    return std::nullopt;
  int64_t to = neighbour(link / 4, int(link % 4));
  return to < 0 ? std::nullopt : std::optional<int64_t>(to);
}

std::string TargetModel::linkName(int64_t link) const {
  auto core = [&](int64_t c) {
    return "(" + std::to_string(c % t.gridCols) + ", " + std::to_string(c / t.gridCols) + ")";
  };
  int64_t cores = t.numCores();
  if (link == 4 * cores)
    return "frame buffer -> core " + core(0);
  if (link == 4 * cores + 1)
    return "core " + core(0) + " -> frame buffer";
  if (link < 0 || link > 4 * cores + 1)
    return "link " + std::to_string(link) + " (none)";
  std::optional<int64_t> to = linkTarget(link);
  return "core " + core(link / 4) + " " + kDirNames[link % 4] + " -> " +
         (to ? core(*to) : "(none)");
}

int64_t MeshModel::neighbour(int64_t core, int dir) const {
  int64_t x = core % t.gridCols, y = core / t.gridCols;
  int64_t dx = dir == kEast ? 1 : dir == kWest ? -1 : 0;
  int64_t dy = dir == kSouth ? 1 : dir == kNorth ? -1 : 0;
  if (x + dx < 0 || x + dx >= t.gridCols || y + dy < 0 || y + dy >= t.gridRows)
    return -1;
  return (y + dy) * t.gridCols + x + dx;
}

std::pair<int64_t, int> MeshModel::step(int64_t from, int64_t to, bool alongY) const {
  int64_t a = alongY ? from / t.gridCols : from % t.gridCols;
  int64_t b = alongY ? to / t.gridCols : to % t.gridCols;
  int dir = alongY ? (b > a ? kSouth : kNorth) : (b > a ? kEast : kWest);
  return {neighbour(from, dir), dir};
}

int64_t TorusModel::neighbour(int64_t core, int dir) const {
  int64_t x = core % t.gridCols, y = core / t.gridCols;
  int64_t dx = dir == kEast ? 1 : dir == kWest ? -1 : 0;
  int64_t dy = dir == kSouth ? 1 : dir == kNorth ? -1 : 0;
  x = (x + dx + t.gridCols) % t.gridCols;
  y = (y + dy + t.gridRows) % t.gridRows;
  return y * t.gridCols + x;
}

std::pair<int64_t, int> TorusModel::step(int64_t from, int64_t to, bool alongY) const {
  int64_t n = alongY ? t.gridRows : t.gridCols;
  int64_t a = alongY ? from / t.gridCols : from % t.gridCols;
  int64_t b = alongY ? to / t.gridCols : to % t.gridCols;
  bool forward = (b - a + n) % n <= (a - b + n) % n; // east/south on a tie
  int dir = alongY ? (forward ? kSouth : kNorth) : (forward ? kEast : kWest);
  return {neighbour(from, dir), dir};
}

int64_t TargetModel::vectorElementsPerCycle() const {
  return std::max<int64_t>(1, t.macsPerCycleInt8 / 8);
}

int64_t TargetModel::workPerCycle(const LayerGeometry &g) const {
  return isMacLayer(g.kind) ? t.macsPerCycle(int(g.operandBits)) : vectorElementsPerCycle();
}

int64_t TargetModel::computeCycles(const LayerGeometry &g, const Box &outBox) const {
  bool mac = isMacLayer(g.kind);
  const int64_t vectorRate = vectorElementsPerCycle();
  // Work for the vector unit after the array (a fused residual add), in
  // the same tile after its MACs.
  const int64_t epilogue =
      mac && g.kind->epilogueWork ? ceilDiv(g.kind->epilogueWork(g, outBox), vectorRate) : 0;
  const TargetDesc::MacArray array = t.macArray(int(g.operandBits));
  if (mac && array.depth > 0) {
    // Each input vector takes the array once per depth's worth of its
    // reduction and per lanes' worth of its outputs: empty lanes are paid.
    int64_t cycles = 0;
    for (const kernels::MacBlock &b : kernels::macBlocksFor(g, outBox))
      cycles += b.vectors * ceilDiv(b.depth, array.depth) * ceilDiv(b.outputs, array.lanes);
    return std::max<int64_t>(1, cycles + epilogue);
  }
  return std::max<int64_t>(1, ceilDiv(workFor(g, outBox), workPerCycle(g)) + epilogue);
}

int64_t TargetModel::transferCycles(NocKind noc, int64_t bytes, int64_t links) const {
  const NocParams &p = t.nocParams(noc);
  return std::max<int64_t>(1, ceilDiv(bytes, p.linkBytesPerCycle)) +
         links * p.hopLatencyCycles;
}

TargetModel::ParamStream TargetModel::paramStream(int64_t from, int64_t to,
                                                  int64_t bytes) const {
  ParamStream s;
  walkRoute(from, to, [&](int64_t link) {
    s.links.push_back({link, linkWindow(NocKind::Model, bytes, int64_t(s.links.size()))});
  });
  s.cycles = transferCycles(NocKind::Model, bytes, int64_t(s.links.size()));
  return s;
}

TargetModel::LinkWindow TargetModel::linkWindow(NocKind noc, int64_t bytes,
                                                int64_t position) const {
  return {position * t.nocParams(noc).hopLatencyCycles, transferCycles(noc, bytes, 0)};
}

int64_t TargetModel::hostLinkCycles(int64_t bytes) const {
  const long double c =
      std::ceil((long double)bytes * t.clockHz / (long double)t.hostLinkBytesPerSecond);
  return c >= (long double)(int64_t(1) << 62) ? int64_t(1) << 62 : int64_t(c);
}

int64_t TargetModel::multicastCycles(NocKind noc, int64_t bytes,
                                     llvm::ArrayRef<int64_t> memberLinks) const {
  int64_t longest = 0;
  for (int64_t links : memberLinks)
    longest = std::max(longest, links);
  return transferCycles(noc, bytes, longest);
}

llvm::SmallVector<int64_t, 2> TargetModel::transferPortCores(int64_t src, int64_t dst) {
  llvm::SmallVector<int64_t, 2> cores;
  if (src != kFrameBuffer)
    cores.push_back(src);
  if (dst != kFrameBuffer && dst != src)
    cores.push_back(dst);
  return cores;
}

double TargetModel::macEnergyPj(double macs, int64_t operandBits) const {
  return macs * t.energyPerMacInt8Pj * double(operandBits) / 8.0;
}

void TransferDurations::addMember(int64_t group, int64_t routeLinks) {
  if (group >= 0)
    members[group].push_back(routeLinks);
}

int64_t TransferDurations::cycles(const TargetModel &m, NocKind noc, int64_t bytes,
                                  int64_t group, int64_t routeLinks) const {
  auto it = group >= 0 ? members.find(group) : members.end();
  if (it == members.end())
    return m.transferCycles(noc, bytes, routeLinks);
  return m.multicastCycles(noc, bytes, it->second);
}
