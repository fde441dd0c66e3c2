#include "uploader/body_stream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace logstow::uploader {
namespace {

using Status = BodyStream::ReadStatus;

// A stream whose callbacks only count how often they ran.
struct Counted {
  int want_more = 0;
  int data = 0;
  BodyStream stream;
  explicit Counted(size_t capacity)
      : stream(
            capacity, [this] { ++want_more; }, [this] { ++data; }) {}
};

// Reads up to `max` bytes; the status and the bytes.
std::pair<Status, std::string> ReadSome(BodyStream& stream, size_t max) {
  std::string out(max, '\0');
  size_t copied = 99;
  Status status = stream.Read(out.data(), max, &copied);
  out.resize(copied);
  return {status, out};
}

TEST(BodyStream, ReadsBytesInPushOrderAcrossChunkBoundaries) {
  Counted c(1024);
  c.stream.Push("hello ");
  c.stream.Push("gzip ");
  c.stream.Push("world");
  EXPECT_EQ(ReadSome(c.stream, 3), std::make_pair(Status::kData, std::string("hel")));
  EXPECT_EQ(ReadSome(c.stream, 7), std::make_pair(Status::kData, std::string("lo gzip")));
  EXPECT_EQ(ReadSome(c.stream, 100), std::make_pair(Status::kData, std::string(" world")));
}

TEST(BodyStream, EmptyOpenStreamWouldBlock) {
  Counted c(1024);
  EXPECT_FALSE(c.stream.readable());
  EXPECT_EQ(ReadSome(c.stream, 10), std::make_pair(Status::kWouldBlock, std::string()));
  c.stream.Push("x");
  EXPECT_TRUE(c.stream.readable());
  EXPECT_EQ(ReadSome(c.stream, 10), std::make_pair(Status::kData, std::string("x")));
  EXPECT_EQ(ReadSome(c.stream, 10), std::make_pair(Status::kWouldBlock, std::string()));
}

TEST(BodyStream, EndsAfterTheLastByteOnceFinished) {
  Counted c(1024);
  c.stream.Push("abc");
  c.stream.Finish("900150983cd24fb0d6963f7d28e17f72", 3);
  EXPECT_EQ(ReadSome(c.stream, 2), std::make_pair(Status::kData, std::string("ab")));
  EXPECT_EQ(ReadSome(c.stream, 2), std::make_pair(Status::kData, std::string("c")));
  EXPECT_EQ(ReadSome(c.stream, 2), std::make_pair(Status::kEnd, std::string()));
  EXPECT_EQ(ReadSome(c.stream, 2), std::make_pair(Status::kEnd, std::string()));
  EXPECT_TRUE(c.stream.readable());
  EXPECT_EQ(c.stream.md5_hex(), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(c.stream.total_bytes(), 3u);
  EXPECT_EQ(c.stream.error(), "");
}

TEST(BodyStream, Md5IsEmptyUntilFinished) {
  Counted c(1024);
  c.stream.Push("abc");
  EXPECT_EQ(c.stream.md5_hex(), "");
}

TEST(BodyStream, ProducerPausesAtCapacity) {
  Counted c(10);
  EXPECT_TRUE(c.stream.wants_more());
  c.stream.Push("123456789");  // 9 of 10
  EXPECT_TRUE(c.stream.wants_more());
  EXPECT_FALSE(c.stream.ready_to_send());
  c.stream.Push("0");  // 10 of 10
  EXPECT_FALSE(c.stream.wants_more());
  EXPECT_TRUE(c.stream.ready_to_send());
  // Push never refuses bytes: a producer that overshoots is buffered, still paused.
  c.stream.Push("overshoot");
  EXPECT_FALSE(c.stream.wants_more());
}

TEST(BodyStream, OnDataRunsAfterEveryPushAndTheEnd) {
  Counted c(1024);
  c.stream.Push("a");
  EXPECT_EQ(c.data, 1);
  c.stream.Push("b");
  EXPECT_EQ(c.data, 2);
  c.stream.Finish("", 2);
  EXPECT_EQ(c.data, 3);
  EXPECT_EQ(c.want_more, 0) << "the producer side never asks itself for more";
}

TEST(BodyStream, OnDataRunsWhenTheProducerFails) {
  Counted c(1024);
  c.stream.Fail("cannot read 'a.txt': Permission denied");
  EXPECT_EQ(c.data, 1) << "a paused transfer must wake up to see the failure";
}

TEST(BodyStream, OnWantMoreRunsOnlyOnceDrainedBelowHalf) {
  Counted c(100);
  c.stream.Push(std::string(100, 'x'));
  ASSERT_FALSE(c.stream.wants_more());
  // Below capacity a running producer may go on, but a parked one is woken only below half,
  // so it is not rescheduled for every few bytes the transfer takes.
  ReadSome(c.stream, 50);  // 50 left: not below half
  EXPECT_EQ(c.want_more, 0);
  EXPECT_TRUE(c.stream.wants_more());
  ReadSome(c.stream, 1);  // 49 left: below half
  EXPECT_EQ(c.want_more, 1);
  ReadSome(c.stream, 1);  // each read below half asks again; the scheduler dedupes (pump_pending)
  EXPECT_EQ(c.want_more, 2);
}

TEST(BodyStream, OnWantMoreNeverRunsOnceFinished) {
  Counted c(100);
  c.stream.Push(std::string(100, 'x'));
  c.stream.Finish("", 100);
  ReadSome(c.stream, 100);
  ReadSome(c.stream, 100);
  EXPECT_EQ(c.want_more, 0);
  EXPECT_FALSE(c.stream.wants_more());
}

TEST(BodyStream, CompleteMeansFinishedAndUntouched) {
  Counted c(1024);
  c.stream.Push("small file");
  EXPECT_FALSE(c.stream.complete());
  c.stream.Finish("d41d8cd98f00b204e9800998ecf8427e", 10);
  EXPECT_TRUE(c.stream.complete()) << "a whole body: Content-Length and ETag can go up front";
  EXPECT_TRUE(c.stream.ready_to_send());
  ReadSome(c.stream, 1);
  EXPECT_FALSE(c.stream.complete()) << "a body partly sent is no longer whole";
}

TEST(BodyStream, FailureWinsOverBufferedBytes) {
  Counted c(1024);
  c.stream.Push("partial");
  c.stream.Fail("the file changed while it was uploaded");
  EXPECT_EQ(ReadSome(c.stream, 100), std::make_pair(Status::kError, std::string()));
  EXPECT_EQ(c.stream.error(), "the file changed while it was uploaded");
  EXPECT_FALSE(c.stream.wants_more());
  EXPECT_FALSE(c.stream.complete());
  EXPECT_TRUE(c.stream.ready_to_send()) << "the transfer starts, and fails at once";
  EXPECT_TRUE(c.stream.readable());
}

TEST(BodyStream, FailureWithoutAMessageIsStillAFailure) {
  Counted c(1024);
  c.stream.Push("partial");
  c.stream.Fail("");
  EXPECT_EQ(ReadSome(c.stream, 100), std::make_pair(Status::kError, std::string()));
  EXPECT_EQ(c.stream.error(), "the body could not be read");
  EXPECT_FALSE(c.stream.complete());
}

TEST(BodyStream, CancelStopsTheProducer) {
  Counted c(1024);
  EXPECT_FALSE(c.stream.cancelled());
  c.stream.Push("a");
  ASSERT_TRUE(c.stream.wants_more());
  c.stream.Cancel();
  EXPECT_TRUE(c.stream.cancelled());
  EXPECT_FALSE(c.stream.wants_more());
}

TEST(BodyStream, EmptyPushIsNotData) {
  Counted c(1024);
  c.stream.Push("");
  EXPECT_EQ(c.data, 0);
  EXPECT_FALSE(c.stream.readable());
}

// The way the uploader uses it: a producer thread that runs only when scheduled (first, then on
// each on_want_more) and pushes while wants_more(); a consumer thread that reads small pieces and
// waits for on_data when it would block. The body arrives whole and in order, and the buffer
// never holds more than capacity plus one producer chunk.
TEST(BodyStream, ProducerAndConsumerThreadsMoveABodyUnderTheBound) {
  constexpr size_t kCapacity = 4096;
  constexpr size_t kChunk = 700;
  constexpr size_t kReadSize = 333;
  std::string body;
  for (size_t i = 0; body.size() < 1'000'000; ++i) body += std::to_string(i * 7919) + ',';

  std::mutex mutex;
  std::condition_variable cv;
  bool pump_scheduled = true;  // the first pump runs at once
  uint64_t data_events = 0;
  std::atomic<size_t> pushed{0};
  std::atomic<size_t> consumed{0};
  std::atomic<size_t> peak_buffered{0};
  std::atomic<int> want_more_calls{0};

  BodyStream stream(
      kCapacity,
      [&] {
        want_more_calls.fetch_add(1);
        {
          std::lock_guard lock(mutex);
          pump_scheduled = true;
        }
        cv.notify_all();
      },
      [&] {
        {
          std::lock_guard lock(mutex);
          ++data_events;
        }
        cv.notify_all();
      });

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::jthread producer([&] {
    size_t offset = 0;
    while (offset < body.size()) {
      {
        std::unique_lock lock(mutex);
        if (!cv.wait_until(lock, deadline, [&] { return pump_scheduled; })) return;
        pump_scheduled = false;
      }
      while (stream.wants_more() && offset < body.size()) {
        size_t n = std::min(kChunk, body.size() - offset);
        size_t now = pushed.fetch_add(n) + n - consumed.load();
        size_t seen = peak_buffered.load();
        while (now > seen && !peak_buffered.compare_exchange_weak(seen, now)) {
        }
        stream.Push(body.substr(offset, n));
        offset += n;
      }
    }
    stream.Finish("md5-of-body", body.size());
  });

  std::string received;
  char buffer[kReadSize];
  bool ended = false;
  while (!ended) {
    uint64_t events_before;
    {
      std::lock_guard lock(mutex);
      events_before = data_events;
    }
    size_t copied = 0;
    switch (stream.Read(buffer, sizeof buffer, &copied)) {
      case Status::kData:
        consumed.fetch_add(copied);
        received.append(buffer, copied);
        break;
      case Status::kWouldBlock: {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(cv.wait_until(lock, deadline, [&] { return data_events != events_before; }))
            << "no data after " << received.size() << " bytes";
        break;
      }
      case Status::kEnd:
        ended = true;
        break;
      case Status::kError:
        FAIL() << stream.error();
    }
  }
  EXPECT_EQ(received.size(), body.size());
  EXPECT_TRUE(received == body) << "bytes arrived out of order or changed";
  EXPECT_EQ(stream.total_bytes(), body.size());
  EXPECT_EQ(stream.md5_hex(), "md5-of-body");
  // The producer's count of what is buffered runs ahead by at most one read in progress.
  EXPECT_LE(peak_buffered.load(), kCapacity + kChunk + kReadSize);
  EXPECT_GT(want_more_calls.load(), 0);
}

}  // namespace
}  // namespace logstow::uploader
