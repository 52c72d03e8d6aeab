//===- HugePages.cpp - the executor's large arrays on 2 MiB pages ---------===//
//
// First fit over 2 MiB-aligned blocks: the arrays it serves are made when
// an artifact loads or a tile first runs, and live as long as their
// executor (or thread); a freed range is reused and merged with its free
// neighbours, and a block is unmapped when nothing in it is live any more.
//
//===----------------------------------------------------------------------===//
#include "npc/Runtime/HugePages.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>

#if defined(__linux__)
#include <sys/mman.h>
#define NPC_HAVE_MADVISE 1
#endif

using namespace npc;

namespace {
constexpr std::size_t kPage = std::size_t(2) << 20;
// Blocks of at least this: a block is mapped, not committed, so its unused
// tail costs address space only.
constexpr std::size_t kBlockBytes = std::size_t(64) << 20;
constexpr std::size_t kAlign = 64;

struct Block {
  uint8_t *base = nullptr;
  std::size_t size = 0, live = 0;
  std::map<std::size_t, std::size_t> free; // offset -> bytes, disjoint, merged
};

struct Blocks {
  std::mutex mu;
  std::vector<Block> blocks; // a few dozen at most: searched linearly
  std::size_t mapped = 0;
  unsigned color = 0; // see kColors
};
// Arrays placed end to end at round addresses (core memories of 768 KiB,
// 2 MiB-aligned blocks) would start at the same offset in every 4 KiB and
// compete for the same cache sets; each allocation starts 1 to kColors
// cache lines into its range instead. The first line holds the range.
constexpr unsigned kColors = 61;
struct RangeHeader {
  std::size_t offset, bytes;
};

Blocks &blocks() {
  static Blocks *b = new Blocks(); // never destroyed: frees may come from static destructors
  return *b;
}

std::size_t roundUp(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

#ifdef NPC_HAVE_MADVISE
/// A block of `size` bytes (a multiple of kPage) at a kPage boundary,
/// advised for huge pages; nullptr when the system has no memory for it.
uint8_t *mapBlock(std::size_t size) {
  // Map a page more than asked and trim to the boundary.
  void *raw = ::mmap(nullptr, size + kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
  if (raw == MAP_FAILED)
    return nullptr;
  uint8_t *p = static_cast<uint8_t *>(raw);
  uint8_t *aligned = reinterpret_cast<uint8_t *>(roundUp(reinterpret_cast<uintptr_t>(p), kPage));
  if (aligned > p)
    ::munmap(p, std::size_t(aligned - p));
  if (std::size_t tail = std::size_t(p + size + kPage - (aligned + size)))
    ::munmap(aligned + size, tail);
  ::madvise(aligned, size, MADV_HUGEPAGE); // a hint: without it the block still works
  return aligned;
}
#endif
} // namespace

bool npc::hugePagesEnabled() {
  static const bool enabled = [] {
#ifdef NPC_HAVE_MADVISE
    if (const char *v = std::getenv("NPC_HUGE_PAGES"); v && std::strcmp(v, "0") == 0)
      return false;
    // "always [madvise] never": advised memory gets huge pages unless never.
    char mode[128] = {};
    if (FILE *f = std::fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r")) {
      std::size_t n = std::fread(mode, 1, sizeof(mode) - 1, f);
      mode[n] = 0;
      std::fclose(f);
    }
    return std::strstr(mode, "[always]") || std::strstr(mode, "[madvise]");
#else
    return false;
#endif
  }();
  return enabled;
}

void *npc::hugeAllocate(std::size_t bytes) {
#ifdef NPC_HAVE_MADVISE
  if (bytes > std::size_t(-1) / 2) // (no vector asks this much; roundUp would wrap)
    llvm::report_bad_alloc_error("npc: an array larger than memory");
  if (bytes >= kHugeMinBytes && hugePagesEnabled()) {
    Blocks &bs = blocks();
    std::lock_guard<std::mutex> lock(bs.mu);
    bs.color = bs.color % kColors + 1;
    const std::size_t need = roundUp(bytes, kAlign) + bs.color * kAlign;
    auto place = [&](Block &blk, std::map<std::size_t, std::size_t>::iterator range) {
      const std::size_t offset = range->first, rest = range->second - need;
      blk.free.erase(range);
      if (rest > 0)
        blk.free.emplace(offset + need, rest);
      ++blk.live;
      uint8_t *p = blk.base + offset + bs.color * kAlign;
      reinterpret_cast<RangeHeader *>(p)[-1] = {offset, need};
      return static_cast<void *>(p);
    };
    // The newest block first (most of an older one is in use or given back).
    for (auto it = bs.blocks.rbegin(); it != bs.blocks.rend(); ++it)
      for (auto range = it->free.begin(); range != it->free.end(); ++range)
        if (range->second >= need)
          return place(*it, range);
    const std::size_t size = std::max(kBlockBytes, roundUp(need, kPage));
    if (uint8_t *base = mapBlock(size)) {
      bs.blocks.push_back({base, size, 0, {{0, size}}});
      bs.mapped += size;
      return place(bs.blocks.back(), bs.blocks.back().free.begin());
    }
    // No memory for a block: operator new says so its own way.
  }
#endif
  return ::operator new(bytes, std::align_val_t(kAlign));
}

void npc::hugeFree(void *p, std::size_t bytes) noexcept {
  if (!p)
    return;
#ifdef NPC_HAVE_MADVISE
  if (bytes >= kHugeMinBytes) {
    Blocks &bs = blocks();
    std::lock_guard<std::mutex> lock(bs.mu);
    auto *q = static_cast<uint8_t *>(p);
    for (auto it = bs.blocks.begin(); it != bs.blocks.end(); ++it)
      if (q >= it->base && q < it->base + it->size) {
        if (--it->live == 0) {
          ::munmap(it->base, it->size);
          bs.mapped -= it->size;
          bs.blocks.erase(it);
          return;
        }
        // The range back to the free map, merged with free neighbours.
        RangeHeader r = reinterpret_cast<const RangeHeader *>(q)[-1];
        auto next = it->free.lower_bound(r.offset);
        if (next != it->free.end() && r.offset + r.bytes == next->first) {
          r.bytes += next->second;
          next = it->free.erase(next);
        }
        if (next != it->free.begin()) {
          auto prev = std::prev(next);
          if (prev->first + prev->second == r.offset) {
            r.offset = prev->first;
            r.bytes += prev->second;
            it->free.erase(prev);
          }
        }
        it->free.emplace_hint(next, r.offset, r.bytes);
        // The whole pages of the free range go back to the system: a block
        // may stay mapped for long (a thread's scratch lives in it) after
        // the executor whose core memories filled it is gone. They read as
        // zeros when used again.
        const std::size_t lo = roundUp(r.offset, kPage);
        const std::size_t hi = (r.offset + r.bytes) / kPage * kPage;
        if (hi > lo)
          ::madvise(it->base + lo, hi - lo, MADV_DONTNEED);
        return;
      }
  }
#endif
  ::operator delete(p, std::align_val_t(kAlign));
}

std::size_t npc::hugeBlockBytes() {
  Blocks &bs = blocks();
  std::lock_guard<std::mutex> lock(bs.mu);
  return bs.mapped;
}
