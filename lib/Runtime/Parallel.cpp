//===- Parallel.cpp - the runtime's worker threads ------------------------===//
#include "npc/Runtime/Parallel.h"

#include "llvm/Support/Threading.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace npc {

namespace {

/// Whether this thread is running a loop's item (then loops run inline), or
/// a graph's task (then loops split only while a thread is idle).
thread_local bool inLoopItem = false;
thread_local bool inTask = false;

/// One parallelFor: its items are handed out under the scheduler's lock
/// (an item is a chunk of real work, so a lock per item costs nothing that
/// shows), and the caller waits until `unfinished` is 0.
struct Loop {
  llvm::function_ref<void(int64_t)> body;
  int64_t n = 0, next = 0, unfinished = 0;
};

} // namespace

/// The workers, and what they take: loop items first (someone waits for
/// them), then the attached graph's ready tasks.
class Scheduler {
public:
  Scheduler() {
    unsigned n = std::max(1u, llvm::hardware_concurrency().compute_thread_count());
    for (unsigned i = 1; i < n; ++i)
      workers_.emplace_back([this] { work(); });
  }
  ~Scheduler() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto &t : workers_)
      t.join();
  }

  int64_t threads() const { return int64_t(workers_.size()) + 1; }

  /// Whether a loop started on this thread now gets help from another.
  bool wouldSplit() const {
    return !(inLoopItem || workers_.empty() ||
             (inTask && idle_.load(std::memory_order_relaxed) == 0));
  }

  void loop(int64_t n, llvm::function_ref<void(int64_t)> body) {
    if (n == 1 || !wouldSplit()) {
      for (int64_t i = 0; i < n; ++i)
        body(i);
      return;
    }
    Loop l;
    l.body = body;
    l.n = l.unfinished = n;
    std::unique_lock<std::mutex> lock(mu_);
    loops_.push_back(&l);
    wake_.notify_all();
    while (l.next < l.n)
      runItem(lock, l);
    // Every item done: no worker touches `l` after its last decrement,
    // which happens under the lock.
    finishedLoop_.wait(lock, [&] { return l.unfinished == 0; });
  }

  // Graph bookkeeping, all under mu_.
  int64_t add(TaskGraph &g, llvm::ArrayRef<int64_t> deps) {
    std::lock_guard<std::mutex> lock(mu_);
    if (g.added_ == 0 && !graph_) { // the workers are free: they take this graph
      graph_ = &g;
      g.attached_ = true;
    }
    const int64_t id = g.added_++;
    if (int64_t(g.waitingOn_.size()) <= id) {
      g.waitingOn_.resize(id + 1);
      g.done_.resize(id + 1);
      g.firstNext_.resize(id + 1);
    }
    g.waitingOn_[id] = 0;
    g.done_[id] = 0;
    g.firstNext_[id] = -1;
    for (int64_t d : deps) {
      assert(d >= 0 && d < id && "a task depends on an earlier one");
      if (!g.done_[d]) {
        g.next_.push_back({int32_t(id), g.firstNext_[d]});
        g.firstNext_[d] = int32_t(g.next_.size() - 1);
        ++g.waitingOn_[id];
      }
    }
    if (g.waitingOn_[id] == 0) {
      g.ready_.push(id);
      if (g.attached_ && idle_ > 0)
        wake_.notify_all(); // not _one: it might wake another graph's owner
    }
    return id;
  }

  void wait(TaskGraph &g) {
    std::unique_lock<std::mutex> lock(mu_);
    while (g.finished_ < g.added_) {
      if (!g.ready_.empty()) {
        runTask(lock, g);
        continue;
      }
      if (Loop *l = openLoop()) { // a task's loop on another thread: help it
        runItem(lock, *l);
        continue;
      }
      ++idle_;
      wake_.wait(lock);
      --idle_;
    }
    g.added_ = g.finished_ = 0;
    g.next_.clear();
    if (g.attached_) {
      g.attached_ = false;
      graph_ = nullptr;
    }
  }

private:
  Loop *openLoop() const {
    for (Loop *l : loops_)
      if (l->next < l->n)
        return l;
    return nullptr;
  }

  /// fn() with the lock released and `mark` (this thread's inLoopItem or
  /// inTask) set meanwhile.
  template <typename Fn>
  static void unlockedAs(std::unique_lock<std::mutex> &lock, bool &mark, Fn fn) {
    lock.unlock();
    const bool was = mark;
    mark = true;
    fn();
    mark = was;
    lock.lock();
  }

  /// Runs the next item of `l` (lock held on entry and exit).
  void runItem(std::unique_lock<std::mutex> &lock, Loop &l) {
    const int64_t i = l.next++;
    if (l.next == l.n)
      loops_.erase(std::find(loops_.begin(), loops_.end(), &l));
    unlockedAs(lock, inLoopItem, [&] { l.body(i); });
    if (--l.unfinished == 0)
      finishedLoop_.notify_all();
  }

  /// Runs `g`'s lowest ready task (lock held on entry and exit) and
  /// releases the tasks waiting for it. Of those it releases, this thread
  /// runs the lowest next, while its data are still in this core's caches
  /// (a copy right after the tile that wrote its source, a tile right after
  /// the copy that completed its input); the others go to the ready queue.
  void runTask(std::unique_lock<std::mutex> &lock, TaskGraph &g) {
    int64_t id = g.ready_.top();
    g.ready_.pop();
    while (true) {
      unlockedAs(lock, inTask, [&] { g.run_(id); });
      g.done_[id] = 1;
      ++g.finished_;
      int64_t follow = -1; // the lowest task released; the others queue
      bool queued = false;
      for (int32_t e = g.firstNext_[id]; e >= 0; e = g.next_[e].next) {
        const int32_t s = g.next_[e].task;
        if (--g.waitingOn_[s] != 0)
          continue;
        if (follow < 0) {
          follow = s;
          continue;
        }
        g.ready_.push(std::max<int64_t>(s, follow));
        follow = std::min<int64_t>(s, follow);
        queued = true;
      }
      // A loop's items come first (a thread waits for them).
      if (follow >= 0 && !loops_.empty()) {
        g.ready_.push(follow);
        queued = true;
        follow = -1;
      }
      // Idle threads: new tasks, or the owner waiting for the last one.
      if (idle_ > 0 && (queued || g.finished_ == g.added_))
        wake_.notify_all();
      if (follow < 0)
        return;
      id = follow;
    }
  }

  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      if (Loop *l = openLoop()) {
        runItem(lock, *l);
        continue;
      }
      if (graph_ && !graph_->ready_.empty()) {
        runTask(lock, *graph_);
        continue;
      }
      ++idle_;
      wake_.wait(lock);
      --idle_;
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable wake_, finishedLoop_;
  std::vector<Loop *> loops_; // loops with items not yet handed out
  TaskGraph *graph_ = nullptr; // the graph the workers serve
  // Threads waiting on wake_ (read without the lock by `loop`: a hint).
  std::atomic<int64_t> idle_{0};
  bool stop_ = false;
};

static Scheduler &scheduler() {
  static Scheduler s;
  return s;
}

int64_t parallelThreads() { return scheduler().threads(); }

bool parallelHelpAvailable() { return scheduler().wouldSplit(); }

void parallelFor(int64_t n, llvm::function_ref<void(int64_t)> body) {
  if (n > 0)
    scheduler().loop(n, body);
}

TaskGraph::TaskGraph(std::function<void(int64_t)> run) : run_(std::move(run)) {}

TaskGraph::~TaskGraph() { wait(); }

int64_t TaskGraph::add(llvm::ArrayRef<int64_t> deps) { return scheduler().add(*this, deps); }

void TaskGraph::wait() { scheduler().wait(*this); }

} // namespace npc
