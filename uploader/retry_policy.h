// Which failed PUTs are worth another attempt, and when. Transient: HTTP 5xx, 408, 429, and
// transport failures (timeouts, resets, refused connections, a body cut short, an ETag that does
// not match what was sent, which Swift reports as 422). Never retried: any other 4xx (401 = the
// token is expired or wrong; a retry cannot fix it). Backoff: exponential with full jitter,
// capped, and a bounded number of attempts and total time per object. Thread-compatible.
// Tested by tests/unit/uploader/retry_policy_test.cc.
#pragma once

#include <chrono>
#include <optional>
#include <random>

namespace logstow::uploader {

struct AttemptOutcome {
  long http_status = 0;      // 0 when no response arrived
  bool transport_error = false;
  bool etag_mismatch = false;
  std::optional<std::chrono::seconds> retry_after;  // from a 429/503 Retry-After header
};

struct RetryLimits {
  int max_attempts = 5;                             // first try included
  std::chrono::milliseconds base_delay{500};        // before the 2nd attempt, on average half
  std::chrono::milliseconds max_delay{15000};       // cap of one wait
  std::chrono::milliseconds max_total{180000};      // from the first attempt's start
};

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryLimits limits = {}, unsigned seed = std::random_device{}());

  // True for outcomes a later attempt may fix.
  static bool IsTransient(const AttemptOutcome& outcome);

  // The wait before attempt `attempts_made + 1`, or nullopt when the object should fail now:
  // not transient, out of attempts, or the wait would pass max_total (elapsed: time since the
  // first attempt started).
  std::optional<std::chrono::milliseconds> NextDelay(const AttemptOutcome& outcome,
                                                     int attempts_made,
                                                     std::chrono::milliseconds elapsed);

  const RetryLimits& limits() const { return limits_; }

 private:
  RetryLimits limits_;
  std::mt19937 random_;
};

}  // namespace logstow::uploader
