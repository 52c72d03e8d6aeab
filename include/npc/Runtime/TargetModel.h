//===- TargetModel.h - topology, cost rules and energy of a chip --*- C++ -*-===//
//
// One object answers every question about the machine that is more than a
// parameter (as mlir-aie's AIETargetModel): how cores are connected (links,
// routes, their names), how long a tile or a transfer takes, and what an
// event costs in energy. The scheduler plans with it, the NoC timetable's
// verifier checks against it, the executor counts cycles with it and the
// report adds energy with it, so their numbers agree by construction.
// A topology is one subclass; `TargetDesc::topology` picks it. docs/target.md
// and docs/noc.md state the rules.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_RUNTIME_TARGETMODEL_H
#define NPC_RUNTIME_TARGETMODEL_H

#include "npc/Runtime/Kernels.h"
#include "npc/Runtime/TargetDesc.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace npc {

/// Index -1 stands for the frame buffer in core positions.
constexpr int64_t kFrameBuffer = -1;

class TargetModel {
public:
  virtual ~TargetModel();
  /// The model of `t.topology` (validated: "mesh" or "torus").
  static std::unique_ptr<TargetModel> create(const TargetDesc &t);
  const TargetDesc &desc() const { return t; }

  // --- topology -----------------------------------------------------------
  /// Directed links, numbered 0 .. numLinks() - 1: link 4 * core + dir
  /// leaves `core` towards its east (0), west (1), south (2) or north (3)
  /// neighbour; 4 * cores is frame buffer -> core 0, 4 * cores + 1 core 0 ->
  /// frame buffer.
  int64_t numLinks() const { return 4 * t.numCores() + 2; }
  /// Links of the route from `src` to `dst` (core indices or kFrameBuffer,
  /// attached to core 0); empty when src == dst or either is off the grid.
  std::vector<int64_t> route(int64_t src, int64_t dst) const;
  /// Calls link(id) for each link of route(src, dst), in order (nothing to
  /// allocate: the executor walks every transfer's route on every run).
  void walkRoute(int64_t src, int64_t dst, llvm::function_ref<void(int64_t)> link) const;
  /// The number of links of route(src, dst), without building it (placement
  /// asks for many: a table of every pair of cores, filled on first use).
  int64_t hops(int64_t src, int64_t dst) const;
  /// The core a link of direction `dir` leaving `core` reaches, or -1 when
  /// the topology has no such link.
  virtual int64_t neighbour(int64_t core, int dir) const = 0;
  /// Where link `link` arrives: a core, kFrameBuffer, or std::nullopt
  /// where the topology has no such link (a mesh's edge) or the id is out
  /// of range. The report lists it per link, so that its reader draws and
  /// names links without knowing the topology.
  std::optional<int64_t> linkTarget(int64_t link) const;
  /// "core (1, 0) east -> (2, 0)", "frame buffer -> core (0, 0)": reports.
  std::string linkName(int64_t link) const;

  // --- cycles ---------------------------------------------------------------
  /// Cycles a core needs for `outBox` of a layer. MAC layers run on the
  /// array TargetDesc::macArray gives for their operand width: each input
  /// vector (kernels::MacBlock) takes ceil(depth / array depth) x
  /// ceil(outputs / array lanes) cycles, so empty lanes cost; with
  /// mac_array_depth 0, ceil(MACs / MACs per cycle) (x2 at 4 bits, x4 at
  /// 2). Other layers run on a vector unit of macsPerCycleInt8 / 8 elements
  /// per cycle. At least one cycle.
  int64_t computeCycles(const kernels::LayerGeometry &g, const kernels::Box &outBox) const;
  /// Elements per cycle of the vector unit that runs layers off the MAC
  /// array (and a fused layer's epilogue): macsPerCycleInt8 / 8, at least 1.
  int64_t vectorElementsPerCycle() const;
  /// Work per cycle per core of a layer at the rate computeCycles charges
  /// when the array's geometry does not: MACs at its operand width on the
  /// MAC array (TargetDesc::macsPerCycle), else vector elements. The
  /// report's utilization is work over cycles at this rate.
  int64_t workPerCycle(const kernels::LayerGeometry &g) const;
  /// Cycles from a transfer's start to its arrival: ceil(bytes / link
  /// width) plus one hop latency per link; a local copy (no links) costs the
  /// serialization time only.
  int64_t transferCycles(NocKind noc, int64_t bytes, int64_t links) const;
  /// When a transfer of `bytes` holds the link at `position` (0-based) of
  /// its route: from `offset` cycles after its start, for `cycles` cycles.
  /// The head reaches that link after `position` hops and the words follow
  /// it one per cycle (a 256-byte word per hop per cycle), so each link
  /// carries the transfer for its serialization time only, later down the
  /// route; the last word arrives at transferCycles(). A multicast's
  /// members share each common link at the same position (X-then-Y routes
  /// from one source).
  struct LinkWindow {
    int64_t offset, cycles;
  };
  LinkWindow linkWindow(NocKind noc, int64_t bytes, int64_t position) const;
  /// Streamed parameters (docs/noc.md, docs/mapping.md "Streamed weights"):
  /// `bytes` from core `from` to core `to` over the model NoC, from the
  /// computing tile's start, as a transfer of that many bytes would go:
  /// each link of the route with its window, and the cycles until the last
  /// byte arrives, for which the home core's SRAM port is held. The one rule
  /// the scheduler, the executor and the report time streams by.
  struct ParamStream {
    llvm::SmallVector<std::pair<int64_t, LinkWindow>, 8> links;
    int64_t cycles = 0;
  };
  ParamStream paramStream(int64_t from, int64_t to, int64_t bytes) const;
  /// Cycles of a multicast: every member takes as long as the longest of
  /// the members' routes needs (it is one send; each link of the union
  /// carries it once). `memberLinks` lists each member's route length.
  int64_t multicastCycles(NocKind noc, int64_t bytes, llvm::ArrayRef<int64_t> memberLinks) const;
  /// Cycles the host link takes to move `bytes` one way:
  /// ceil(bytes x clock_hz / host_link_bytes_per_second), saturating. A
  /// frame's inputs cross it before the frame starts and its outputs after
  /// it ends, one frame's at a time each way, so the period is at least
  /// either direction's figure (docs/target.md).
  int64_t hostLinkCycles(int64_t bytes) const;

  // --- energy (docs/target.md "Energy") ------------------------------------
  /// `macs` multiply-accumulates at `operandBits` (the 8-bit energy scaled
  /// by width).
  double macEnergyPj(double macs, int64_t operandBits) const;

  // --- SRAM ports -----------------------------------------------------------
  /// Ports per core (TargetDesc::sramPorts; 0: unlimited). A computation
  /// holds one port of its core for its duration; a transfer (a multicast:
  /// all its members together) one port of each core it reads or writes,
  /// from its start to its arrival: transferPortCores.
  int64_t sramPorts() const { return t.sramPorts; }
  /// The cores whose SRAM a transfer reads or writes, each once: its source
  /// and its destination (one core for a copy within a core); the frame
  /// buffer has no ports.
  static llvm::SmallVector<int64_t, 2> transferPortCores(int64_t src, int64_t dst);
  double sramEnergyPj(double bytes) const { return bytes * t.energyPerSramBytePj; }
  double nocEnergyPj(double byteHops) const { return byteHops * t.energyPerNocHopBytePj; }

protected:
  explicit TargetModel(const TargetDesc &t) : t(t) {}
  /// The next core on the way from `from` to `to` along x (y when `alongY`)
  /// and the direction taken; the subclass's routing rule.
  virtual std::pair<int64_t, int> step(int64_t from, int64_t to, bool alongY) const = 0;
  TargetDesc t;

private:
  /// hops() between cores, src * cores + dst, for grids of up to
  /// kHopTableCores cores (larger ones walk each route).
  static constexpr int64_t kHopTableCores = 1024;
  mutable std::vector<uint16_t> hopTable_;
  mutable std::once_flag hopTableOnce_;
};

/// A 2-D mesh: links between horizontal and vertical neighbours only;
/// routes go along x, then y (deadlock-free dimension order). NorthPole.
class MeshModel : public TargetModel {
public:
  explicit MeshModel(const TargetDesc &t) : TargetModel(t) {}
  int64_t neighbour(int64_t core, int dir) const override;

protected:
  std::pair<int64_t, int> step(int64_t from, int64_t to, bool alongY) const override;
};

/// A 2-D torus: the mesh plus wrap-around links at each row's and column's
/// ends; routes go along x, then y, each the shorter way round (east or
/// south on a tie).
class TorusModel : public TargetModel {
public:
  explicit TorusModel(const TargetDesc &t) : TargetModel(t) {}
  int64_t neighbour(int64_t core, int dir) const override;

protected:
  std::pair<int64_t, int> step(int64_t from, int64_t to, bool alongY) const override;
};

/// The multicast rule applied to a list of transfers: collect every
/// member's route length, then ask each transfer's duration (the verifier
/// and the executor, which see transfers one by one).
class TransferDurations {
public:
  void addMember(int64_t group, int64_t routeLinks);
  /// Cycles of a transfer with `routeLinks` links, in multicast `group`
  /// (-1: not a multicast).
  int64_t cycles(const TargetModel &m, NocKind noc, int64_t bytes, int64_t group,
                 int64_t routeLinks) const;

private:
  std::map<int64_t, std::vector<int64_t>> members; // group -> route lengths
};

} // namespace npc

#endif
