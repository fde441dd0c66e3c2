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

TEST(DaysFromCivil, CountsFromTheUnixEpoch) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
}

TEST(CivilFromDays, InvertsDaysFromCivilOverFourCenturies) {
  for (int64_t days = DaysFromCivil(1800, 1, 1); days < DaysFromCivil(2200, 1, 1); ++days) {
    const CivilDate date = CivilFromDays(days);
    ASSERT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
  }
  const CivilDate leap = CivilFromDays(DaysFromCivil(2000, 2, 29));
  EXPECT_EQ(leap.year, 2000);
  EXPECT_EQ(leap.month, 2u);
  EXPECT_EQ(leap.day, 29u);
}

// The system clock in seconds: not milliseconds, not local time.
TEST(NowUnixSeconds, ReadsTheSystemClockInSeconds) {
  // Not std::time(): glibc reads it from a coarse clock that can lag the precise one by a tick,
  // so a second could turn between them (a flake seen on a loaded machine).
  auto precise = [] {
    timespec t{};
    clock_gettime(CLOCK_REALTIME, &t);
    return static_cast<int64_t>(t.tv_sec);
  };
  int64_t before = precise();
  int64_t now = NowUnixSeconds();
  int64_t after = precise();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

}  // namespace
}  // namespace logstow
