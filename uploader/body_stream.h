// The bytes of one PUT on their way from a producer (a worker thread reading, gzipping and
// hashing a file: uploader/body_encoder.h) to libcurl's read callback on the transfer thread.
// A bounded buffer: the producer fills it up to `capacity` bytes and stops; when the consumer
// drains it below half, `on_want_more` runs so the producer is scheduled again, and whenever new
// bytes (or the end) arrive, `on_data` runs so a paused transfer can resume. Nothing blocks.
// Thread-safe: one producer thread at a time, one consumer thread. Tested by
// tests/unit/uploader/body_stream_test.cc.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

namespace logstow::uploader {

class BodyStream {
 public:
  // capacity: bytes buffered before the producer pauses (memory per transfer).
  // on_want_more: called (from the consumer's thread) when the producer should run again.
  // on_data: called (from the producer's thread) after bytes or the end arrived.
  BodyStream(size_t capacity, std::function<void()> on_want_more, std::function<void()> on_data);

  // --- producer side ---
  // Appends bytes. Never blocks; the producer should stop when !wants_more().
  void Push(std::string bytes);
  // No more bytes: md5_hex is the MD5 of everything pushed, total its length.
  void Finish(std::string md5_hex, uint64_t total_bytes);
  // The producer failed (file unreadable, ...); the transfer should fail with `error` (an
  // empty one reads "the body could not be read"); Read() says kError from then on, even with
  // bytes still buffered.
  void Fail(std::string error);
  // True while the buffer is below capacity and the stream is open (not finished or cancelled).
  bool wants_more() const;
  // Set by the consumer when the transfer ended; producers stop early.
  bool cancelled() const { return cancelled_.load(); }

  // --- consumer side ---
  enum class ReadStatus { kData, kWouldBlock, kEnd, kError };
  // Copies up to `max` bytes into `out`; *copied tells how many. kWouldBlock: nothing buffered
  // yet (pause the transfer until on_data runs).
  ReadStatus Read(char* out, size_t max, size_t* copied);
  // True once the body can start: it is complete, failed, or the buffer is full.
  bool ready_to_send() const;
  // True when Read() would not block: bytes are buffered, or the stream ended.
  bool readable() const;
  // Complete and nothing consumed yet: the whole length and MD5 are known up front.
  bool complete() const;
  uint64_t total_bytes() const;  // REQUIRES: complete() or finished
  std::string md5_hex() const;   // "" until finished
  std::string error() const;     // "" unless failed
  // Stops the producer (transfer aborted or done).
  void Cancel() { cancelled_.store(true); }

  // Scheduling flag for the producer (set by whoever schedules it; see body_encoder.h).
  std::atomic<bool> pump_pending{false};

 private:
  mutable std::mutex mutex_;
  std::deque<std::string> chunks_;
  size_t front_offset_ = 0;  // bytes of chunks_.front() already read
  size_t buffered_ = 0;
  uint64_t consumed_ = 0;
  bool finished_ = false;
  bool failed_ = false;
  uint64_t total_ = 0;
  std::string md5_hex_;
  std::string error_;
  std::atomic<bool> cancelled_{false};
  const size_t capacity_;
  std::function<void()> on_want_more_;
  std::function<void()> on_data_;
};

}  // namespace logstow::uploader
