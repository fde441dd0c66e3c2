#include "common/time_format.h"

#include <gtest/gtest.h>

#include <ctime>

namespace logstow {
namespace {

TEST(FormatUnixTimeUtc, WritesIso8601InUtc) {
  EXPECT_EQ(FormatUnixTimeUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUnixTimeUtc(4102444800), "2100-01-01T00:00:00Z");
  EXPECT_EQ(FormatUnixTimeUtc(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(FormatUnixTimeUtc(1796010471), "2026-11-30T03:47:51Z");
  EXPECT_EQ(FormatUnixTimeUtc(-1), "1969-12-31T23:59:59Z");
}

// The system clock in seconds: not milliseconds, not local time.
TEST(NowUnixSeconds, ReadsTheSystemClockInSeconds) {
  int64_t before = std::time(nullptr);
  int64_t now = NowUnixSeconds();
  int64_t after = std::time(nullptr);
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

}  // namespace
}  // namespace logstow
