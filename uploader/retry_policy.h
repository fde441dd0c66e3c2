// Which failed PUTs are worth another attempt, and when. Transient: HTTP 5xx, 408, 429, and
// transport failures (timeouts, resets, refused connections, a body cut short, an ETag that does
// not match what was sent, which Swift reports as 422). Never retried: any other 4xx (401 = the
// token is expired or wrong; 413 = too large). Backoff grows: each wait is drawn from the upper
// half of an exponential ceiling ("equal jitter": base·2^(n-1)/2 .. base·2^(n-1), capped at
// max_delay), so clients that failed together spread out and every wait is longer than the last
// on average. A file keeps being retried until its time budget (max_total, `--retry-for`,
// 5 minutes by default: busy clusters answer 503 for minutes) would pass; max_attempts, when
// set, also caps the attempts. Thread-compatible.
// Tested by tests/unit/uploader/retry_policy_test.cc.
#pragma once

#include <chrono>
#include <optional>
#include <random>

namespace logstow::uploader {

struct AttemptOutcome {
  long http_status = 0;  // 0 when no response arrived
  bool transport_error = false;
  bool etag_mismatch = false;
  std::optional<std::chrono::seconds> retry_after;  // from a 429/503 Retry-After header
};

struct RetryLimits {
  int max_attempts = 0;                         // first try included; 0: only time bounds
  std::chrono::milliseconds base_delay{500};    // ceiling of the wait before the 2nd attempt
  std::chrono::milliseconds max_delay{30000};   // cap of one wait
  std::chrono::milliseconds max_total{300000};  // per file, from its first attempt's start
};

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryLimits limits = {}, unsigned seed = std::random_device{}());

  // True for outcomes a later attempt may fix.
  static bool IsTransient(const AttemptOutcome& outcome);

  // The wait before attempt `attempts_made + 1`, or nullopt when the object should fail now:
  // not transient, out of attempts, or the wait would pass max_total (elapsed: time since the
  // first attempt started). A wait that would overshoot the budget is shortened to end at it
  // (one last attempt) unless less than base_delay is left.
  std::optional<std::chrono::milliseconds> NextDelay(const AttemptOutcome& outcome,
                                                     int attempts_made,
                                                     std::chrono::milliseconds elapsed);

  const RetryLimits& limits() const { return limits_; }

 private:
  RetryLimits limits_;
  std::mt19937 random_;
};

}  // namespace logstow::uploader
