#include "uploader/retry_policy.h"

#include <gtest/gtest.h>

#include <set>

namespace logstow::uploader {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(RetryPolicy, RetriesTransientFailuresOnly) {
  for (long status : {500L, 502L, 503L, 504L, 507L, 408L, 429L}) {
    SCOPED_TRACE(status);
    EXPECT_TRUE(RetryPolicy::IsTransient({.http_status = status}));
  }
  for (long status : {400L, 401L, 403L, 404L, 411L, 412L, 413L, 422L}) {
    SCOPED_TRACE(status);
    EXPECT_FALSE(RetryPolicy::IsTransient({.http_status = status}));
  }
  EXPECT_TRUE(RetryPolicy::IsTransient({.transport_error = true}));
  EXPECT_TRUE(RetryPolicy::IsTransient({.http_status = 201, .etag_mismatch = true}));
}

TEST(RetryPolicy, BacksOffWithinTheExponentialCeiling) {
  RetryPolicy policy({.max_attempts = 10,
                      .base_delay = milliseconds(100),
                      .max_delay = milliseconds(1000),
                      .max_total = seconds(600)},
                     42);
  for (int attempt = 1; attempt < 10; ++attempt) {
    auto delay = policy.NextDelay({.http_status = 503}, attempt, milliseconds(0));
    ASSERT_TRUE(delay.has_value());
    int64_t ceiling = std::min<int64_t>(100LL << (attempt - 1), 1000);
    EXPECT_LE(delay->count(), ceiling) << "attempt " << attempt;
    EXPECT_GE(delay->count(), ceiling / 2) << "attempt " << attempt << ": waits grow";
  }
}

// Busy clusters answer 503 for minutes: by default a file is retried for its time budget, not
// for a count of attempts, and the last wait is cut to end at the budget.
TEST(RetryPolicy, KeepsRetryingUntilTheTimeBudgetByDefault) {
  RetryPolicy policy({}, 3);
  EXPECT_EQ(policy.limits().max_total, seconds(300));
  milliseconds elapsed(0);
  int attempts = 1;
  while (auto delay = policy.NextDelay({.http_status = 503}, attempts, elapsed)) {
    elapsed += *delay;
    ++attempts;
    ASSERT_LT(attempts, 100);
  }
  EXPECT_GT(attempts, 12) << "far more than the old 5 attempts";
  EXPECT_LE(elapsed, seconds(300));
  EXPECT_GT(elapsed, seconds(299)) << "the budget is used up to its end";
}

TEST(RetryPolicy, JitterSpreadsTheDelays) {
  RetryPolicy policy({.base_delay = milliseconds(1000)}, 7);
  std::set<int64_t> seen;
  for (int i = 0; i < 20; ++i) {
    seen.insert(policy.NextDelay({.http_status = 503}, 3, milliseconds(0))->count());
  }
  EXPECT_GT(seen.size(), 10u);
}

TEST(RetryPolicy, StopsAtTheAttemptAndTimeLimits) {
  RetryPolicy policy({.max_attempts = 3, .base_delay = milliseconds(100), .max_total = seconds(10)},
                     1);
  EXPECT_TRUE(policy.NextDelay({.http_status = 503}, 2, milliseconds(0)));
  EXPECT_FALSE(policy.NextDelay({.http_status = 503}, 3, milliseconds(0)));
  EXPECT_FALSE(policy.NextDelay({.http_status = 503}, 1, seconds(10)));
  EXPECT_FALSE(policy.NextDelay({.http_status = 503}, 1, milliseconds(9950)))
      << "less than base_delay left";
  EXPECT_EQ(policy.NextDelay({.http_status = 503}, 2, milliseconds(9850)), milliseconds(150))
      << "the last wait ends at the budget";
  EXPECT_FALSE(policy.NextDelay({.http_status = 401}, 1, milliseconds(0)));
}

TEST(RetryPolicy, HonoursRetryAfterUpToTheCap) {
  RetryPolicy policy({.base_delay = milliseconds(1), .max_delay = milliseconds(5000)}, 1);
  auto delay =
      policy.NextDelay({.http_status = 429, .retry_after = seconds(2)}, 1, milliseconds(0));
  EXPECT_EQ(*delay, milliseconds(2000));
  delay = policy.NextDelay({.http_status = 503, .retry_after = seconds(3600)}, 1, milliseconds(0));
  EXPECT_EQ(*delay, milliseconds(5000));
}

}  // namespace
}  // namespace logstow::uploader
