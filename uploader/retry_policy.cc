#include "uploader/retry_policy.h"

#include <algorithm>

namespace logstow::uploader {

RetryPolicy::RetryPolicy(RetryLimits limits, unsigned seed) : limits_(limits), random_(seed) {}

bool RetryPolicy::IsTransient(const AttemptOutcome& o) {
  if (o.transport_error || o.etag_mismatch) return true;
  return o.http_status >= 500 || o.http_status == 408 || o.http_status == 429;
}

std::optional<std::chrono::milliseconds> RetryPolicy::NextDelay(
    const AttemptOutcome& outcome, int attempts_made, std::chrono::milliseconds elapsed) {
  using std::chrono::milliseconds;
  if (!IsTransient(outcome) || attempts_made >= limits_.max_attempts) return std::nullopt;
  // Full jitter: uniform in [0, min(cap, base * 2^(n-1))], so clients that failed together
  // do not come back together.
  int64_t ceiling = limits_.base_delay.count() << std::min(attempts_made - 1, 20);
  ceiling = std::min<int64_t>(ceiling, limits_.max_delay.count());
  milliseconds delay(std::uniform_int_distribution<int64_t>(0, ceiling)(random_));
  if (outcome.retry_after) {
    delay = std::max<milliseconds>(delay, std::min<milliseconds>(*outcome.retry_after,
                                                                 limits_.max_delay));
  }
  if (elapsed + delay > limits_.max_total) return std::nullopt;
  return delay;
}

}  // namespace logstow::uploader
