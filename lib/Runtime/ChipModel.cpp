//===- ChipModel.cpp - cost rules and memory layouts of the chip ----------===//
#include "npc/Runtime/ChipModel.h"

#include "npc/Runtime/SubByte.h"

#include <cstring>

using namespace npc;
using namespace npc::kernels;

static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

int64_t npc::computeCycles(const TargetDesc &t, const LayerGeometry &g,
                           const Box &outBox) {
  int64_t work = workFor(g, outBox);
  bool mac = isMacLayer(g.kind);
  int64_t perCycle = mac ? t.macsPerCycle(int(g.operandBits))
                         : std::max<int64_t>(1, t.macsPerCycleInt8 / 8);
  return std::max<int64_t>(1, ceilDiv(work, perCycle));
}

int64_t npc::numLinks(const TargetDesc &t) { return 4 * t.numCores() + 2; }

std::vector<int64_t> npc::xyRoute(const TargetDesc &t, int64_t src, int64_t dst) {
  std::vector<int64_t> links;
  if (src == dst)
    return links;
  int64_t fbIn = 4 * t.numCores(), fbOut = fbIn + 1;
  int64_t from = src;
  if (src == kFrameBuffer) {
    links.push_back(fbIn);
    from = 0;
  }
  int64_t to = dst == kFrameBuffer ? 0 : dst;
  int64_t x = from % t.gridCols, y = from / t.gridCols;
  int64_t tx = to % t.gridCols, ty = to / t.gridCols;
  while (x != tx) { // east (0) or west (1)
    int dir = tx > x ? 0 : 1;
    links.push_back((y * t.gridCols + x) * 4 + dir);
    x += tx > x ? 1 : -1;
  }
  while (y != ty) { // south (2) or north (3)
    int dir = ty > y ? 2 : 3;
    links.push_back((y * t.gridCols + x) * 4 + dir);
    y += ty > y ? 1 : -1;
  }
  if (dst == kFrameBuffer)
    links.push_back(fbOut);
  return links;
}

int64_t npc::transferCycles(const TargetDesc &t, NocKind noc, int64_t bytes,
                            int64_t links) {
  const NocParams &p = t.nocParams(noc);
  return std::max<int64_t>(1, ceilDiv(bytes, p.linkBytesPerCycle)) +
         links * p.hopLatencyCycles;
}

int64_t npc::multicastCycles(const TargetDesc &t, NocKind noc, int64_t bytes,
                             llvm::ArrayRef<int64_t> memberLinks) {
  int64_t longest = 0;
  for (int64_t links : memberLinks)
    longest = std::max(longest, links);
  return transferCycles(t, noc, bytes, longest);
}

void TransferDurations::addMember(int64_t group, int64_t routeLinks) {
  if (group >= 0)
    members[group].push_back(routeLinks);
}

int64_t TransferDurations::cycles(const TargetDesc &t, NocKind noc, int64_t bytes, int64_t group,
                                  int64_t routeLinks) const {
  auto it = group >= 0 ? members.find(group) : members.end();
  if (it == members.end())
    return transferCycles(t, noc, bytes, routeLinks);
  return multicastCycles(t, noc, bytes, it->second);
}

TileParams npc::sliceParams(const LayerGeometry &g, llvm::ArrayRef<int32_t> w,
                            llvm::ArrayRef<int32_t> bias, llvm::ArrayRef<int32_t> mult,
                            llvm::ArrayRef<int32_t> shift, const Box &outBox) {
  TileParams p;
  p.weights = sliceWeights(g, w, outBox);
  p.bias = sliceChannelParam(g, bias, outBox, /*isBias=*/true);
  p.mult = sliceChannelParam(g, mult, outBox, false);
  p.shift = sliceChannelParam(g, shift, outBox, false);
  return p;
}


ParamLayout npc::paramLayout(const kernels::ParamCounts &c, int64_t weightBits) {
  ParamLayout l;
  l.weightBits = weightBits;
  l.weightCount = c.weights;
  l.biasOffset = (packedBytes(l.weightCount, weightBits) + 3) / 4 * 4; // int32 aligned
  l.biasCount = c.bias;
  l.multOffset = l.biasOffset + 4 * l.biasCount;
  l.multCount = c.mult;
  l.shiftOffset = l.multOffset + 4 * l.multCount;
  l.shiftCount = c.shift;
  l.totalBytes = l.shiftOffset + 4 * l.shiftCount;
  return l;
}

static void put32(uint8_t *dst, llvm::ArrayRef<int32_t> v) {
  if (!v.empty()) // memcpy's pointers must be valid even for 0 bytes
    std::memcpy(dst, v.data(), v.size() * 4); // little-endian host (x86-64)
}

std::vector<uint8_t> npc::encodeParams(const TileParams &p, const ParamLayout &l) {
  std::vector<uint8_t> bytes(l.totalBytes, 0);
  packBits(p.weights, unsigned(l.weightBits), bytes.data() + l.weightsOffset);
  put32(bytes.data() + l.biasOffset, p.bias);
  put32(bytes.data() + l.multOffset, p.mult);
  put32(bytes.data() + l.shiftOffset, p.shift);
  return bytes;
}

TileParams npc::decodeParams(const uint8_t *bytes, const ParamLayout &l) {
  TileParams p;
  p.weights.resize(l.weightCount);
  unpackBits(bytes + l.weightsOffset, l.weightCount, unsigned(l.weightBits),
             /*isSigned=*/true, p.weights.data());
  auto get32 = [&](int64_t off, int64_t n, std::vector<int32_t> &v) {
    v.resize(n);
    if (n) // memcpy's pointers must be valid even for 0 bytes
      std::memcpy(v.data(), bytes + off, n * 4);
  };
  get32(l.biasOffset, l.biasCount, p.bias);
  get32(l.multOffset, l.multCount, p.mult);
  get32(l.shiftOffset, l.shiftCount, p.shift);
  return p;
}

int64_t npc::elemBytes(ElemKind k) {
  switch (k) {
  case ElemKind::U8: case ElemKind::I8: return 1;
  case ElemKind::U16: case ElemKind::I16: return 2;
  case ElemKind::I32: case ElemKind::F32: return 4;
  case ElemKind::I64: return 8;
  }
  return 4;
}

void npc::storeElems(ElemKind k, llvm::ArrayRef<int32_t> v, uint8_t *dst) {
  int64_t n = v.size();
  switch (elemBytes(k)) {
  case 1:
    for (int64_t i = 0; i < n; ++i) dst[i] = uint8_t(v[i]);
    break;
  case 2:
    for (int64_t i = 0; i < n; ++i) { int16_t x = int16_t(v[i]); std::memcpy(dst + 2 * i, &x, 2); }
    break;
  default:
    std::memcpy(dst, v.data(), n * 4);
  }
}

void npc::loadElems(ElemKind k, const uint8_t *src, int64_t n, int32_t *dst) {
  switch (k) {
  case ElemKind::U8: for (int64_t i = 0; i < n; ++i) dst[i] = src[i]; break;
  case ElemKind::I8: for (int64_t i = 0; i < n; ++i) dst[i] = int8_t(src[i]); break;
  case ElemKind::U16: for (int64_t i = 0; i < n; ++i) { uint16_t x; std::memcpy(&x, src + 2 * i, 2); dst[i] = x; } break;
  case ElemKind::I16: for (int64_t i = 0; i < n; ++i) { int16_t x; std::memcpy(&x, src + 2 * i, 2); dst[i] = x; } break;
  default: std::memcpy(dst, src, n * 4);
  }
}
