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
    Job job;
    job.body = body;
    job.n = job.pending = n;
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_ = &job;
      ++generation_;
    }
    wake_.notify_all();
    take(job);
    // Every item done and every worker out of this job before it goes: a
    // worker only ever touches the job it joined under the lock.
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] { return job.pending == 0 && job.active == 0; });
    job_ = nullptr;
    return true;
  }

private:
  /// One loop: its items are taken by index; `pending` and `active` (the
  /// workers in it) change under the pool's lock.
  struct Job {
    llvm::function_ref<void(int64_t)> body;
    int64_t n = 0, pending = 0, active = 0;
    std::atomic<int64_t> next{0};
  };

  /// Takes the job's items until none are left; counts them done.
  void take(Job &job) {
    inLoop = true;
    int64_t finished = 0;
    for (int64_t i; (i = job.next.fetch_add(1)) < job.n;) {
      job.body(i);
      ++finished;
    }
    inLoop = false;
    std::lock_guard<std::mutex> lock(mu_);
    job.pending -= finished;
  }

  void work() {
    uint64_t seen = 0;
    while (true) {
      Job *job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [&] { return stop_ || (job_ && generation_ != seen); });
        if (stop_)
          return;
        seen = generation_;
        job = job_;
        ++job->active;
      }
      take(*job);
      std::lock_guard<std::mutex> lock(mu_);
      --job->active;
      done_.notify_all();
    }
  }

  std::vector<std::thread> workers_;
  std::mutex runMu_; // one loop at a time
  std::mutex mu_;
  std::condition_variable wake_, done_;
  Job *job_ = nullptr; // the loop running, if any
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
