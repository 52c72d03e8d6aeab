//===- HugePages.h - the executor's large arrays on 2 MiB pages -----*- C++ -*-===//
//
// The executor's large, long-lived arrays (core memories, packed weights,
// the kernels' scratch) are read all over on every frame: on 4 KiB pages
// their hundred-odd megabytes miss the TLB on most tile runs. `npc` restarts
// itself with glibc's huge-page heap (ToolSetup), but a library loaded into
// someone else's process (the Python module) must not change that process's
// allocator: these arrays come from blocks of their own instead, 2 MiB
// aligned and advised for transparent huge pages.
//
//===----------------------------------------------------------------------===//
#ifndef NPC_RUNTIME_HUGEPAGES_H
#define NPC_RUNTIME_HUGEPAGES_H

#include "llvm/Support/ErrorHandling.h"

#include <cstddef>
#include <vector>

namespace npc {

/// `bytes` of memory, 64-byte aligned. At least kHugeMinBytes come from
/// 2 MiB-aligned blocks advised for huge pages (while huge pages are on),
/// smaller ones from operator new (which also answers running out of
/// memory, its own way).
void *hugeAllocate(std::size_t bytes);
/// Frees what hugeAllocate(bytes) returned. A block goes back to the
/// system once nothing in it is live, and the whole 2 MiB pages of a free
/// range inside a live block before that. (Not safe across fork() while
/// another thread allocates: the child may find the blocks' lock held.)
void hugeFree(void *p, std::size_t bytes) noexcept;

/// Allocations smaller than this are not worth a share of a huge page.
constexpr std::size_t kHugeMinBytes = std::size_t(64) << 10;

/// Whether large allocations go to huge-page blocks (and the tools restart
/// with glibc's huge-page heap, ToolSetup): not when NPC_HUGE_PAGES is 0
/// (for comparisons) or the kernel gives no transparent huge pages.
bool hugePagesEnabled();

/// Bytes of the huge-page blocks mapped now (for tests and benchmarks).
std::size_t hugeBlockBytes();

/// A std::allocator for hugeAllocate: containers of equal allocators.
template <typename T> struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U> HugePageAllocator(const HugePageAllocator<U> &) {}
  T *allocate(std::size_t n) {
    if (n > std::size_t(-1) / sizeof(T))
      llvm::report_bad_alloc_error("npc: an array larger than memory");
    return static_cast<T *>(hugeAllocate(n * sizeof(T)));
  }
  void deallocate(T *p, std::size_t n) noexcept { hugeFree(p, n * sizeof(T)); }
  template <typename U> bool operator==(const HugePageAllocator<U> &) const { return true; }
  template <typename U> bool operator!=(const HugePageAllocator<U> &) const { return false; }
};

/// A vector on hugeAllocate's memory.
template <typename T> using HugeVector = std::vector<T, HugePageAllocator<T>>;

} // namespace npc

#endif
