//===- ModuloTable.h - one resource's occupancy, repeating every period -*- C++ -*-===//
//
// Frames are pipelined: frame f runs the timetable of frame 0 shifted by
// f * period. A resource (a core's MAC array, a NoC link) is then free for
// [s, s + d) in every frame only if [s, s + d) taken modulo the period
// overlaps nothing reserved before. The scheduler places work with it, the
// timetable verifier and the executor's loader check with it. A period of
// kNoPipelining makes the table an ordinary timeline (one frame at a time).
//
//===----------------------------------------------------------------------===//
#ifndef NPC_SUPPORT_MODULOTABLE_H
#define NPC_SUPPORT_MODULOTABLE_H

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace npc {

constexpr int64_t kNoPipelining = int64_t(1) << 60;

class ModuloTable {
public:
  explicit ModuloTable(int64_t period = kNoPipelining) : period_(period) {}

  /// The first cycle >= `s` at which [s, s + d) is free, or -1 when there is
  /// none within one period of `s` (or d exceeds the period).
  int64_t firstFree(int64_t s, int64_t d) const;
  /// Like firstFree, but only at `s` on an empty table or right where a
  /// reserved interval ends: the free cycles of the period stay one gap, so
  /// a long interval later still finds room. Falls back to firstFree.
  int64_t firstFreeAdjacent(int64_t s, int64_t d) const;
  /// Whether intervals of `lengths` cycles all fit the free runs of a
  /// period, placed longest first each in the first run with room (a
  /// sufficient test: where it says yes they fit).
  bool fitsAll(std::vector<int64_t> lengths) const;
  /// Whether [s, s + d) is free (every frame's copy of it).
  bool isFree(int64_t s, int64_t d) const { return firstFree(s, d) == s; }
  /// Marks [s, s + d) busy; it must be free.
  void reserve(int64_t s, int64_t d);
  int64_t period() const { return period_; }
  bool empty() const { return busy_.empty(); }

private:
  /// Where [s, s + d) first collides: the cycle >= s just after the
  /// colliding interval ends, or s when nothing collides.
  int64_t pastConflict(int64_t s, int64_t d) const;
  int64_t period_;
  std::vector<std::pair<int64_t, int64_t>> busy_; // sorted, disjoint, in [0, period)
};

/// `units` identical resources (a core's SRAM ports): an event takes any
/// one that is free. One longer than the period overlaps itself in the next
/// frame: each whole period of it takes a unit whole. Only the units used
/// so far are tables (a target may claim any number). No units: unlimited.
class ModuloPool {
public:
  ModuloPool(int64_t units, int64_t period) : limit_(units), period_(period) {}
  /// The first cycle >= `s` at which [s, s + d) finds its units free, or -1
  /// when there is none within one period of `s`.
  int64_t firstFree(int64_t s, int64_t d) const;
  /// Takes units for [s, s + d); they must be free.
  void reserve(int64_t s, int64_t d);

private:
  int64_t limit_, period_;
  std::vector<ModuloTable> used_; // the units taken so far; the others are free
};

/// The most of `spans` ([start, end) each, repeating every `period`) that
/// overlap at one cycle: what a checker compares with a pool's units.
/// Returns that count and the first cycle (modulo the period) it happens at.
std::pair<int64_t, int64_t> maxOverlap(std::vector<std::pair<int64_t, int64_t>> spans,
                                       int64_t period);

/// Earliest cycle s >= `ready` at which every table i in `tables` is free
/// for `d` cycles from s + offsets[i], or -1 when none is within one period.
int64_t firstFreeAll(const std::vector<ModuloTable *> &tables,
                     const std::vector<int64_t> &offsets, int64_t ready, int64_t d);

} // namespace npc

#endif
