// A fixed set of threads running submitted jobs in order of submission (body producers).
// Submit() is thread-safe; the destructor finishes queued jobs and joins the threads.
// Tested by tests/unit/uploader/worker_pool_test.cc.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace logstow::uploader {

class WorkerPool {
 public:
  // threads: at least 1.
  explicit WorkerPool(size_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Submit(std::function<void()> job);

 private:
  void Run(std::stop_token stop);

  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::jthread> threads_;
};

}  // namespace logstow::uploader
