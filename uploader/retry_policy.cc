#include "uploader/retry_policy.h"

#include <algorithm>

namespace logstow::uploader {

RetryPolicy::RetryPolicy(RetryLimits limits, unsigned seed) : limits_(limits), random_(seed) {}

bool RetryPolicy::IsTransient(const AttemptOutcome& o) {
  if (o.transport_error || o.etag_mismatch) return true;
  return o.http_status >= 500 || o.http_status == 408 || o.http_status == 429;
}

std::optional<std::chrono::milliseconds> RetryPolicy::NextDelay(const AttemptOutcome& outcome,
                                                                int attempts_made,
                                                                std::chrono::milliseconds elapsed) {
  using std::chrono::milliseconds;
  if (!IsTransient(outcome)) return std::nullopt;
  if (limits_.max_attempts > 0 && attempts_made >= limits_.max_attempts) return std::nullopt;
  // Equal jitter: uniform in [ceiling/2, ceiling], ceiling = min(cap, base * 2^(n-1)).
  int64_t ceiling = limits_.base_delay.count() << std::clamp(attempts_made - 1, 0, 20);
  ceiling = std::min<int64_t>(ceiling, limits_.max_delay.count());
  milliseconds delay(std::uniform_int_distribution<int64_t>(ceiling / 2, ceiling)(random_));
  if (outcome.retry_after) {
    delay = std::max<milliseconds>(delay,
                                   std::min<milliseconds>(*outcome.retry_after, limits_.max_delay));
  }
  const milliseconds left = limits_.max_total - elapsed;
  if (left < limits_.base_delay) return std::nullopt;
  return std::min(delay, left);
}

}  // namespace logstow::uploader
