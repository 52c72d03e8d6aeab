//===- Parallel.cpp - the runtime's worker threads ------------------------===//
#include "npc/Runtime/Parallel.h"

#include "llvm/Support/Threading.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace npc;

namespace {

/// Whether this thread is running a loop's item (then loops run inline).
thread_local bool inLoop = false;

class Pool {
public:
  Pool() {
    unsigned n = std::max(1u, llvm::hardware_concurrency().compute_thread_count());
    for (unsigned i = 1; i < n; ++i)
      workers_.emplace_back([this] { work(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto &t : workers_)
      t.join();
  }

  int64_t threads() const { return int64_t(workers_.size()) + 1; }

  /// Runs the loop on this thread and the workers; false if another thread
  /// holds the pool (the caller then runs the loop alone).
  bool run(int64_t n, llvm::function_ref<void(int64_t)> body) {
    std::unique_lock<std::mutex> owner(runMu_, std::try_to_lock);
    if (!owner.owns_lock())
      return false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      body_ = body;
      n_ = n;
      next_.store(0);
      pending_ = n;
      ++generation_;
    }
    wake_.notify_all();
    take();
    // Every item done and every worker out of this loop: none can touch the
    // next loop's state with this one's.
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] { return pending_ == 0 && active_ == 0; });
    return true;
  }

private:
  /// Takes items until none are left; counts them done.
  void take() {
    inLoop = true;
    int64_t finished = 0;
    for (int64_t i; (i = next_.fetch_add(1)) < n_;) {
      body_(i);
      ++finished;
    }
    inLoop = false;
    std::lock_guard<std::mutex> lock(mu_);
    pending_ -= finished;
  }

  void work() {
    uint64_t seen = 0;
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_)
          return;
        seen = generation_;
        ++active_;
      }
      take();
      std::lock_guard<std::mutex> lock(mu_);
      --active_;
      done_.notify_all();
    }
  }

  std::vector<std::thread> workers_;
  std::mutex runMu_; // one loop at a time
  std::mutex mu_;
  std::condition_variable wake_, done_;
  llvm::function_ref<void(int64_t)> body_;
  int64_t n_ = 0, pending_ = 0, active_ = 0;
  std::atomic<int64_t> next_{0};
  uint64_t generation_ = 0;
  bool stop_ = false;
};

Pool &pool() {
  static Pool p;
  return p;
}

} // namespace

int64_t npc::parallelThreads() { return pool().threads(); }

void npc::parallelFor(int64_t n, llvm::function_ref<void(int64_t)> body) {
  if (n <= 0)
    return;
  if (n == 1 || inLoop || pool().threads() == 1 || !pool().run(n, body))
    for (int64_t i = 0; i < n; ++i)
      body(i);
}
