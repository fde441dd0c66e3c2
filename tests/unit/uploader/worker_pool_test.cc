#include "uploader/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace logstow::uploader {
namespace {

// Waits are bounded so a broken pool fails the test instead of hanging it; nothing sleeps.
constexpr auto kDeadline = std::chrono::seconds(30);

// A gate the test opens; jobs block on it until then.
class Gate {
 public:
  void Open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(WorkerPool, OneThreadRunsJobsInSubmissionOrder) {
  std::vector<int> order;  // only the pool's one thread writes it
  {
    WorkerPool pool(1);
    for (int i = 0; i < 200; ++i) pool.Submit([&order, i] { order.push_back(i); });
  }  // the destructor finishes the queue and joins
  ASSERT_EQ(order.size(), 200u);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(order[i], i);
}

TEST(WorkerPool, ManyThreadsStartJobsInSubmissionOrder) {
  // Jobs are taken from the queue front to back: while the first three hold all three threads,
  // the rest wait; each later job starts only after an earlier one has been taken.
  std::mutex mutex;
  std::vector<int> started;
  Gate gate;
  std::latch all_busy(3);
  {
    WorkerPool pool(3);
    for (int i = 0; i < 3; ++i) {
      pool.Submit([&, i] {
        {
          std::lock_guard lock(mutex);
          started.push_back(i);
        }
        all_busy.count_down();
        gate.Wait();
      });
    }
    for (int i = 3; i < 50; ++i) {
      pool.Submit([&, i] {
        std::lock_guard lock(mutex);
        started.push_back(i);
      });
    }
    all_busy.wait();
    {
      std::lock_guard lock(mutex);
      EXPECT_EQ(std::set<int>(started.begin(), started.end()), (std::set<int>{0, 1, 2}))
          << "a queued job ran before the blocked ones released a thread";
    }
    gate.Open();
  }
  ASSERT_EQ(started.size(), 50u);
  std::set<int> all(started.begin(), started.end());
  EXPECT_EQ(all.size(), 50u) << "a job ran twice or not at all";
}

TEST(WorkerPool, RunsAsManyJobsAtOnceAsItHasThreads) {
  // Four jobs that each wait until all four are running: only a pool of four (or more)
  // concurrent threads lets them finish.
  std::latch running(4);
  std::atomic<int> finished{0};
  {
    WorkerPool pool(4);
    for (int i = 0; i < 4; ++i) {
      pool.Submit([&] {
        running.arrive_and_wait();
        finished.fetch_add(1);
      });
    }
  }
  EXPECT_EQ(finished.load(), 4);
}

TEST(WorkerPool, NeverRunsMoreJobsAtOnceThanThreads) {
  std::atomic<int> active{0};
  std::atomic<int> peak{0};
  std::atomic<int> done{0};
  {
    WorkerPool pool(2);
    for (int i = 0; i < 400; ++i) {
      pool.Submit([&] {
        int now = active.fetch_add(1) + 1;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        active.fetch_sub(1);
        done.fetch_add(1);
      });
    }
  }
  EXPECT_EQ(done.load(), 400);
  EXPECT_LE(peak.load(), 2);
  EXPECT_GE(peak.load(), 1);
}

TEST(WorkerPool, ZeroThreadsStillRunsJobsOnOne) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(0);
    pool.Submit([&] { ran.fetch_add(1); });
  }
  EXPECT_EQ(ran.load(), 1);
}

TEST(WorkerPool, DestructorFinishesEveryQueuedJob) {
  // The first job holds the only thread while 999 more queue up behind it; the destructor is
  // already waiting when the gate opens, and still every job runs.
  std::atomic<int> ran{0};
  Gate gate;
  std::latch first_started(1);
  std::jthread opener;
  {
    WorkerPool pool(1);
    pool.Submit([&] {
      first_started.count_down();
      gate.Wait();
      ran.fetch_add(1);
    });
    for (int i = 0; i < 999; ++i) pool.Submit([&] { ran.fetch_add(1); });
    first_started.wait();
    opener = std::jthread([&] { gate.Open(); });
  }
  EXPECT_EQ(ran.load(), 1000);
}

TEST(WorkerPool, SubmitIsSafeFromManyThreadsAndFromJobs) {
  std::mutex mutex;
  std::condition_variable cv;
  int ran = 0;
  auto count = [&] {
    {
      std::lock_guard lock(mutex);
      ++ran;
    }
    cv.notify_all();
  };
  constexpr int kSubmitters = 4;
  constexpr int kEach = 250;
  WorkerPool pool(3);
  {
    std::vector<std::jthread> submitters;
    for (int s = 0; s < kSubmitters; ++s) {
      submitters.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) {
          // Half the jobs submit a follow-up job themselves (as a body pump reschedules itself).
          pool.Submit([&, i] {
            if (i % 2 == 0) pool.Submit(count);
            count();
          });
        }
      });
    }
  }  // every submitter has returned
  const int expected = kSubmitters * kEach + kSubmitters * kEach / 2;
  std::unique_lock lock(mutex);
  EXPECT_TRUE(cv.wait_for(lock, kDeadline, [&] { return ran == expected; }))
      << ran << " of " << expected << " jobs ran";
}

}  // namespace
}  // namespace logstow::uploader
