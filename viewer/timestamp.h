// Timestamps at the start of log lines, so the page can jump to a time and show deltas.
// Formats (a leading '[' is allowed; anything after the time is the message):
//   ISO 8601 / oslo.log / Zuul   "2013-09-10 12:34:56.789", "2013-09-10T12:34:56,789123Z",
//                                "2024/01/31 08:00:00" (the zone suffix Z/+hh:mm is read over
//                                and ignored: no time-zone shifting, the wall clock as written)
//   syslog / systemd journal     "Jun 09 15:41:36", "Mar 28 12:20:42.377230"  (no year)
//   Apache error log / ctime     "[Sat Mar 28 12:20:42.377230 2020]", "Tue Mar 28 12:20:42 2017"
//   klog (Kubernetes, glog)      "E0301 12:00:00.000000 1234 file.go:12]"     (no year)
//   time only                    "12:34:56", "12:34:56.789"                   (no date)
// The value is microseconds since 1970-01-01 00:00:00 of the wall-clock time as written (a
// "naive" time, as if it were UTC). A time without a year takes it from the log file's date
// (YearFromFileDate below, as syslog readers such as lnav do); a time without a date is on
// 2000-01-01 (a placeholder: such times only compare within their own log). Deltas within one
// log are meaningful in every case.
// Pure functions, thread-safe, never throw. Tested by tests/unit/viewer/timestamp_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace logstow::viewer {

struct Timestamp {
  bool ok = false;     // false: the line does not start with a timestamp
  uint32_t begin = 0;  // bytes into the line: the timestamp's text (without '[' ']')
  uint32_t end = 0;
  int64_t unix_us = 0;    // wall-clock time as written, in microseconds since 1970 (see above)
  bool has_date = false;  // false: time of day only
  bool has_year = false;  // false: syslog-style, the year taken from the file's date
};

// The year of a date written without one (syslog/journal "Mar 28", klog "0328"), from the date
// of the file it is in, `file_date_unix_s` (Unix seconds: the file's mtime, or the Last-Modified
// of the response it came in; its UTC date is used): the latest year in which month/day exists
// and falls no more than one day after the file's date. So a log written across New Year (its
// file dated 2025-01-02) reads "Dec 31" as 2024; the day's slack takes in a file stamped in UTC
// while its lines were written in a zone ahead of it ("Jan 01" in a file dated 2024-12-31 is
// 2025); and "Feb 29" in a file dated in a year without one (2025-03-10) is from the last leap
// year before (2024: the latest Feb 29 not after the file's date).
// REQUIRES: month/day is a date of some year (Feb 29 included).
int64_t YearFromFileDate(int month, int day, int64_t file_date_unix_s);

// The timestamp that `line` starts with, if any; a date without a year gets the year
// YearFromFileDate gives for `file_date_unix_s` (callers that look only at where the timestamp
// is, not at its value, may pass 0). Looks only at the first ~40 bytes; O(1).
Timestamp ParseTimestamp(std::string_view line, int64_t file_date_unix_s);

// A naive time (Timestamp::unix_us) as "2024-03-01T12:02:49.135": ISO 8601 without a zone, to
// the millisecond (truncated), as the page's &t= reads it. `logstow show --json` prints it.
std::string FormatNaiveTime(int64_t unix_us);

}  // namespace logstow::viewer
