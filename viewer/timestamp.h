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
// "naive" time, as if it were UTC). Without a year, year 2000 is assumed (a leap year, so
// "Feb 29" parses); without a date, 2000-01-01. Deltas within one log are meaningful in every case.
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
  bool has_year = false;  // false: syslog-style, year assumed
};

// The timestamp that `line` starts with, if any. Looks only at the first ~40 bytes; O(1).
Timestamp ParseTimestamp(std::string_view line);

// A naive time (Timestamp::unix_us) as "2024-03-01T12:02:49.135": ISO 8601 without a zone, to
// the millisecond (truncated), as the page's &t= reads it. `logstow show --json` prints it.
std::string FormatNaiveTime(int64_t unix_us);

}  // namespace logstow::viewer
