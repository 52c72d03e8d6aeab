//===- ModuloTable.cpp - one resource's occupancy, repeating every period -===//
#include "npc/Runtime/ModuloTable.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cassert>

using namespace npc;

int64_t ModuloTable::pastConflict(int64_t s, int64_t d) const {
  int64_t r = s % period_;
  // The pieces of [r, r + d) inside [0, period): [r, min(r + d, period)) and,
  // when it wraps, [0, r + d - period) one period later.
  auto hit = [&](int64_t lo, int64_t hi) -> const std::pair<int64_t, int64_t> * {
    auto it = std::upper_bound(busy_.begin(), busy_.end(), lo,
                               [](int64_t v, const auto &iv) { return v < iv.second; });
    return it != busy_.end() && it->first < hi ? &*it : nullptr;
  };
  if (auto *iv = hit(r, std::min(r + d, period_)))
    return s + (iv->second - r);
  if (r + d > period_)
    if (auto *iv = hit(0, r + d - period_))
      return s + (period_ - r) + iv->second;
  return s;
}

int64_t ModuloTable::firstFree(int64_t s, int64_t d) const {
  if (d > period_)
    return -1;
  for (int64_t t = s;;) {
    int64_t next = pastConflict(t, d);
    if (next == t)
      return t;
    if (next - s >= period_)
      return -1;
    t = next;
  }
}

int64_t ModuloTable::firstFreeAdjacent(int64_t s, int64_t d) const {
  if (busy_.empty() || d > period_ || period_ == kNoPipelining)
    return firstFree(s, d);
  int64_t best = -1, r = s % period_;
  for (const auto &iv : busy_) {
    int64_t c = s + ((iv.second % period_) - r + period_) % period_;
    if ((best < 0 || c < best) && isFree(c, d))
      best = c;
  }
  return best >= 0 ? best : firstFree(s, d);
}

bool ModuloTable::fitsAll(std::vector<int64_t> lengths) const {
  std::vector<int64_t> gaps;
  if (busy_.empty()) {
    gaps.push_back(period_);
  } else {
    for (size_t i = 0; i + 1 < busy_.size(); ++i)
      gaps.push_back(busy_[i + 1].first - busy_[i].second);
    gaps.push_back(busy_.front().first + period_ - busy_.back().second);
  }
  std::sort(lengths.rbegin(), lengths.rend());
  for (int64_t d : lengths) {
    auto it = std::find_if(gaps.begin(), gaps.end(), [&](int64_t g) { return g >= d; });
    if (it == gaps.end())
      return false;
    *it -= d;
  }
  return true;
}

void ModuloTable::reserve(int64_t s, int64_t d) {
  assert(d <= period_ && isFree(s, d) && "reserving a busy interval");
  int64_t r = s % period_;
  auto add = [&](int64_t lo, int64_t hi) {
    if (lo >= hi)
      return;
    auto it = std::lower_bound(busy_.begin(), busy_.end(), std::make_pair(lo, hi));
    busy_.insert(it, {lo, hi});
  };
  add(r, std::min(r + d, period_));
  if (r + d > period_)
    add(0, r + d - period_);
}

int64_t npc::firstFreeAll(const std::vector<ModuloTable *> &tables,
                          const std::vector<int64_t> &offsets, int64_t ready, int64_t d) {
  int64_t s = ready;
  for (bool moved = true; moved;) {
    moved = false;
    for (size_t i = 0; i < tables.size(); ++i) {
      int64_t f = tables[i]->firstFree(s + offsets[i], d);
      if (f < 0 || f - offsets[i] - ready >= tables[i]->period())
        return -1;
      if (f - offsets[i] != s) {
        s = f - offsets[i];
        moved = true;
      }
    }
  }
  return s;
}

int64_t ModuloPool::firstFree(int64_t s, int64_t d) const {
  if (limit_ <= 0)
    return s;
  const int64_t whole = d / period_, rest = d % period_;
  const int64_t spare = limit_ - int64_t(used_.size()) - whole; // untouched units left
  if (spare < 0)
    return -1;
  if (rest == 0 || spare > 0)
    return s;
  int64_t best = -1; // the unit used so far that is free the soonest
  for (const ModuloTable &u : used_)
    if (int64_t f = u.firstFree(s, rest); f >= 0 && (best < 0 || f < best))
      best = f;
  return best;
}

void ModuloPool::reserve(int64_t s, int64_t d) {
  if (limit_ <= 0)
    return;
  const int64_t whole = d / period_, rest = d % period_;
  if (rest > 0) {
    auto free = llvm::find_if(used_, [&](const ModuloTable &u) { return u.isFree(s, rest); });
    if (free != used_.end())
      free->reserve(s, rest);
    else
      used_.emplace_back(period_).reserve(s, rest);
  }
  for (int64_t k = 0; k < whole; ++k)
    used_.emplace_back(period_).reserve(0, period_);
  assert(int64_t(used_.size()) <= limit_ && "reserving more units than the pool has");
}

std::pair<int64_t, int64_t> npc::maxOverlap(std::vector<std::pair<int64_t, int64_t>> spans,
                                            int64_t period) {
  // +1 at each start, -1 at each end, the pieces of a span that wraps past
  // the period folded back; ends sort before starts at the same cycle.
  // A span of k whole periods and more covers every cycle k times (frames
  // overlap it with itself), then its remainder once more.
  std::vector<std::pair<int64_t, int64_t>> edges;
  for (auto [s, e] : spans) {
    if (e <= s)
      continue;
    int64_t whole = (e - s) / period, rest = (e - s) % period;
    if (whole > 0) {
      edges.push_back({0, whole});
      edges.push_back({period, -whole});
    }
    int64_t r = s % period, q = r + rest;
    if (rest == 0)
      continue;
    edges.push_back({r, 1});
    edges.push_back({std::min(q, period), -1});
    if (q > period) {
      edges.push_back({0, 1});
      edges.push_back({q - period, -1});
    }
  }
  std::sort(edges.begin(), edges.end());
  int64_t depth = 0, best = 0, at = 0;
  for (auto [c, delta] : edges) {
    depth += delta;
    if (depth > best) {
      best = depth;
      at = c;
    }
  }
  return {best, at};
}
