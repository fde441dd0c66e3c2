#include "viewer/timestamp.h"

#include <gtest/gtest.h>

#include "common/time_format.h"

namespace logstow::viewer {
namespace {

int64_t Us(int y, int mo, int d, int h, int mi, int s, int64_t frac_us = 0) {
  return (DaysFromCivil(y, mo, d) * 86400 + (h * 60 + mi) * 60 + s) * 1000000 + frac_us;
}

TEST(ParseTimestamp, ReadsTheKnownFormatsWithoutShiftingTimeZones) {
  struct Case {
    const char* line;
    int64_t unix_us;
    size_t length;  // of the timestamp's text
    bool has_year;
    bool has_date;
  };
  const Case cases[] = {
      {"2013-09-10 12:34:56.789 1234 WARNING x", Us(2013, 9, 10, 12, 34, 56, 789000), 23, true,
       true},
      {"2018-08-01 00:43:51.328884 | Job console", Us(2018, 8, 1, 0, 43, 51, 328884), 26, true,
       true},
      {"2024-01-31T08:00:00Z x", Us(2024, 1, 31, 8, 0, 0), 20, true, true},
      {"2024-01-31T08:00:00+02:00 x", Us(2024, 1, 31, 8, 0, 0), 25, true, true},  // no shift
      {"2024/01/31 08:00:00,5 x", Us(2024, 1, 31, 8, 0, 0, 500000), 21, true, true},
      {"Mar 28 12:20:42.377230 host cinder-api[8526]:", Us(2000, 3, 28, 12, 20, 42, 377230), 22,
       false, true},
      {"Jun  9 15:41:36 host x", Us(2000, 6, 9, 15, 41, 36), 15, false, true},
      {"[Sat Mar 28 12:20:42.377230 2020] [error]", Us(2020, 3, 28, 12, 20, 42, 377230), 31, true,
       true},
      {"Tue Mar 28 12:20:42 2017 x", Us(2017, 3, 28, 12, 20, 42), 24, true, true},
      {"E0301 12:00:00.000001 1234 file.go:12] lost lease", Us(2000, 3, 1, 12, 0, 0, 1), 20, false,
       true},
      {"I1231 23:59:59.5 x", Us(2000, 12, 31, 23, 59, 59, 500000), 15, false, true},
      {"12:34:56.5 starting", Us(2000, 1, 1, 12, 34, 56, 500000), 10, false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const Timestamp t = ParseTimestamp(c.line);
    ASSERT_TRUE(t.ok);
    EXPECT_EQ(t.unix_us, c.unix_us);
    EXPECT_EQ(t.end - t.begin, c.length);
    EXPECT_EQ(t.has_year, c.has_year);
    EXPECT_EQ(t.has_date, c.has_date);
  }
}

TEST(FormatNaiveTime, WritesIsoWithoutAZoneToTheMillisecond) {
  EXPECT_EQ(FormatNaiveTime(Us(2024, 3, 1, 12, 2, 49, 135679)), "2024-03-01T12:02:49.135");
  EXPECT_EQ(FormatNaiveTime(Us(2000, 2, 29, 0, 0, 0)), "2000-02-29T00:00:00.000");
  EXPECT_EQ(FormatNaiveTime(Us(1969, 12, 31, 23, 59, 59, 500000)), "1969-12-31T23:59:59.500");
  EXPECT_EQ(FormatNaiveTime(ParseTimestamp("2013-09-27 18:24:08.147 2790 ERROR").unix_us),
            "2013-09-27T18:24:08.147");
}

TEST(ParseTimestamp, RejectsLinesThatDoNotStartWithATime) {
  for (const char* line :
       {"", "+ echo 12:34:56", "2013-13-10 12:34:56 bad month", "2013-02-30 12:00:00 bad day",
        "2013-09-10 25:00:00", "Foo 28 12:20:42", "12:34:567", "1234", "[", "Feb 29 2021",
        "E1301 12:00:00 bad month", "X0301 12:00:00 not a klog level", "E0301x"}) {
    SCOPED_TRACE(line);
    EXPECT_FALSE(ParseTimestamp(line).ok);
  }
}

}  // namespace
}  // namespace logstow::viewer
