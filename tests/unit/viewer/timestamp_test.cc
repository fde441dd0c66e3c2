#include "viewer/timestamp.h"

#include <gtest/gtest.h>

#include "common/time_format.h"

namespace logstow::viewer {
namespace {

int64_t Us(int y, int mo, int d, int h, int mi, int s, int64_t frac_us = 0) {
  return (DaysFromCivil(y, mo, d) * 86400 + (h * 60 + mi) * 60 + s) * 1000000 + frac_us;
}

// A file date, Unix seconds: y-mo-d at h:mi UTC.
int64_t FileDate(int y, int mo, int d, int h = 12, int mi = 0) {
  return DaysFromCivil(y, mo, d) * 86400 + (h * 60 + mi) * 60;
}

// The file date the format cases below are read against (a date of 2024, after every month/day
// they write but Dec 31's).
const int64_t kFileDate = FileDate(2024, 12, 20);

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
      {"Mar 28 12:20:42.377230 host cinder-api[8526]:", Us(2024, 3, 28, 12, 20, 42, 377230), 22,
       false, true},
      {"Jun  9 15:41:36 host x", Us(2024, 6, 9, 15, 41, 36), 15, false, true},
      {"[Sat Mar 28 12:20:42.377230 2020] [error]", Us(2020, 3, 28, 12, 20, 42, 377230), 31, true,
       true},
      {"Tue Mar 28 12:20:42 2017 x", Us(2017, 3, 28, 12, 20, 42), 24, true, true},
      {"E0301 12:00:00.000001 1234 file.go:12] lost lease", Us(2024, 3, 1, 12, 0, 0, 1), 20, false,
       true},
      // After the file's date (Dec 20): the year before (see the tests below).
      {"I1231 23:59:59.5 x", Us(2023, 12, 31, 23, 59, 59, 500000), 15, false, true},
      {"12:34:56.5 starting", Us(2000, 1, 1, 12, 34, 56, 500000), 10, false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const Timestamp t = ParseTimestamp(c.line, kFileDate);
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
  EXPECT_EQ(FormatNaiveTime(ParseTimestamp("2013-09-27 18:24:08.147 2790 ERROR", 0).unix_us),
            "2013-09-27T18:24:08.147");
}

// Times written with a year never depend on the file's date; times without one take its year.
TEST(ParseTimestamp, AYearlessTimeTakesTheYearOfTheFilesDate) {
  for (const int64_t date : {FileDate(2024, 3, 28, 13, 0), FileDate(1999, 6, 1), int64_t{0}}) {
    EXPECT_EQ(ParseTimestamp("2013-09-27 18:24:08.147 x", date).unix_us,
              Us(2013, 9, 27, 18, 24, 8, 147000));
    EXPECT_EQ(ParseTimestamp("Tue Mar 28 12:20:42 2017 x", date).unix_us,
              Us(2017, 3, 28, 12, 20, 42));
  }
  const char* journal = "Mar 28 12:20:41.000000 host nova-api[1]: INFO x";
  EXPECT_EQ(ParseTimestamp(journal, FileDate(2024, 3, 28, 13, 0)).unix_us,
            Us(2024, 3, 28, 12, 20, 41));
  EXPECT_EQ(ParseTimestamp(journal, FileDate(2019, 11, 2)).unix_us, Us(2019, 3, 28, 12, 20, 41));
  EXPECT_EQ(
      ParseTimestamp("I0301 12:00:00.000000 1 x.go:1] y", FileDate(2024, 3, 1, 12, 5)).unix_us,
      Us(2024, 3, 1, 12, 0, 0));
  EXPECT_FALSE(ParseTimestamp(journal, FileDate(2024, 3, 28)).has_year);
}

// A log written across New Year and uploaded (or touched) on Jan 2: its December lines are the
// year before, its January ones the file's year.
TEST(ParseTimestamp, ALogThatCrossedNewYearReadsDecemberAsTheYearBefore) {
  const int64_t date = FileDate(2025, 1, 2, 0, 10);
  EXPECT_EQ(ParseTimestamp("Dec 31 23:59:58 host x", date).unix_us, Us(2024, 12, 31, 23, 59, 58));
  EXPECT_EQ(ParseTimestamp("Jan 01 00:00:03 host x", date).unix_us, Us(2025, 1, 1, 0, 0, 3));
  EXPECT_EQ(ParseTimestamp("I1231 23:59:58.0 1 a.go:1] x", date).unix_us,
            Us(2024, 12, 31, 23, 59, 58));
  EXPECT_EQ(ParseTimestamp("I0101 00:00:03.0 1 a.go:1] x", date).unix_us, Us(2025, 1, 1, 0, 0, 3));
  // Times still grow through the log, so a jump to a time finds its line.
  EXPECT_LT(ParseTimestamp("Dec 31 23:59:58 host x", date).unix_us,
            ParseTimestamp("Jan 01 00:00:03 host x", date).unix_us);
}

// A day's slack: a line up to a day after the file's (UTC) date is of the file's year, a later
// one of the year before.
TEST(ParseTimestamp, ALineUpToADayAfterTheFilesDateIsOfItsYear) {
  const int64_t date = FileDate(2024, 6, 10, 23, 30);
  EXPECT_EQ(YearFromFileDate(6, 10, date), 2024);
  EXPECT_EQ(YearFromFileDate(6, 11, date), 2024);
  EXPECT_EQ(YearFromFileDate(6, 12, date), 2023);
  // A file dated Dec 31 (UTC) whose lines were written in a zone ahead of UTC: Jan 1 is the
  // next year, Jan 2 the year before.
  EXPECT_EQ(YearFromFileDate(1, 1, FileDate(2024, 12, 31, 22, 0)), 2025);
  EXPECT_EQ(YearFromFileDate(12, 31, FileDate(2024, 12, 31, 22, 0)), 2024);
  EXPECT_EQ(YearFromFileDate(1, 2, FileDate(2024, 12, 31, 22, 0)), 2024);
  // Before 1970 too (the date's day is the floor of its seconds).
  EXPECT_EQ(YearFromFileDate(12, 31, FileDate(1969, 12, 30, 0, 0) + 1), 1969);
  EXPECT_EQ(YearFromFileDate(12, 31, FileDate(1969, 12, 29, 23, 59)), 1968);
}

// Feb 29 exists only in leap years: against a file dated in a year without one, it is from the
// last leap year before the file's date (the latest Feb 29 not after it), never Mar 1.
TEST(ParseTimestamp, Feb29InAFileDatedInAYearWithoutOneIsFromTheLastLeapYear) {
  EXPECT_EQ(YearFromFileDate(2, 29, FileDate(2025, 3, 10)), 2024);
  EXPECT_EQ(YearFromFileDate(2, 29, FileDate(2027, 1, 5)), 2024);
  EXPECT_EQ(YearFromFileDate(2, 29, FileDate(2024, 3, 1)), 2024);
  EXPECT_EQ(YearFromFileDate(2, 29, FileDate(2024, 2, 28)), 2024);  // the day's slack
  EXPECT_EQ(YearFromFileDate(2, 29, FileDate(2024, 2, 27)), 2020);
  EXPECT_EQ(YearFromFileDate(2, 29, FileDate(2103, 6, 1)), 2096);  // 2100 is no leap year
  const Timestamp t = ParseTimestamp("Feb 29 08:00:00 host x", FileDate(2025, 3, 10));
  ASSERT_TRUE(t.ok);
  EXPECT_EQ(FormatNaiveTime(t.unix_us), "2024-02-29T08:00:00.000");
  EXPECT_EQ(FormatNaiveTime(
                ParseTimestamp("E0229 08:00:00.0 1 a.go:1] x", FileDate(2025, 3, 10)).unix_us),
            "2024-02-29T08:00:00.000");
  // A day no year has is no date.
  EXPECT_FALSE(ParseTimestamp("Feb 30 08:00:00 host x", FileDate(2024, 3, 1)).ok);
  EXPECT_FALSE(ParseTimestamp("E0230 08:00:00.0 1 a.go:1] x", FileDate(2024, 3, 1)).ok);
}

TEST(ParseTimestamp, RejectsLinesThatDoNotStartWithATime) {
  for (const char* line :
       {"", "+ echo 12:34:56", "2013-13-10 12:34:56 bad month", "2013-02-30 12:00:00 bad day",
        "2013-09-10 25:00:00", "Foo 28 12:20:42", "12:34:567", "1234", "[", "Feb 29 2021",
        "E1301 12:00:00 bad month", "X0301 12:00:00 not a klog level", "E0301x"}) {
    SCOPED_TRACE(line);
    EXPECT_FALSE(ParseTimestamp(line, kFileDate).ok);
  }
}

}  // namespace
}  // namespace logstow::viewer
