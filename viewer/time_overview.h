// A log's time at a glance: the silences between records (a hang stands out as a gap) and the
// records per time bucket by severity (bursts and silences). Times are the naive wall-clock
// times of timestamp.h (never shifted to a zone; a time written without a year has the year of
// the document's file date, Document::set_file_date); a line without a timestamp continues the
// record before it and is not counted on its own.
//
// Pure functions over a Document; safe to call concurrently on a document nobody appends to.
// Never throw. O(lines) timestamp parses each (timestamp.h reads ~40 bytes a line).
// Tested by tests/unit/viewer/time_overview_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "viewer/severity_level.h"

namespace logstow::viewer {

class Document;

// A silence: no timestamped line between `line`'s time and the time of the timestamped line
// before it, `gap_us` microseconds earlier.
struct TimeGap {
  uint32_t line = 0;  // the first timestamped line after the silence (0-based)
  int64_t gap_us = 0;
};

// Every gap of at least `min_gap_us` between consecutive timestamped lines, in line order, at
// most `max_gaps` (the first ones). Times that go backwards (a log restarting, a clock step)
// are no gap. REQUIRES: min_gap_us > 0.
std::vector<TimeGap> FindTimeGaps(const Document& document, int64_t min_gap_us, size_t max_gaps);

// Records per time bucket, by effective severity.
struct TimeBuckets {
  int64_t start_us = 0;   // time of the first bucket's start (the earliest timestamp)
  int64_t bucket_us = 0;  // width of a bucket; 0 when the log has no timestamped line
  size_t bucket_count = 0;
  // bucket_count * kSeverityLevels counts: [bucket * kSeverityLevels + level] = timestamped
  // lines in that bucket whose effective level is `level` (severity_level.h order).
  std::vector<uint32_t> counts;
  size_t timed_lines = 0;  // lines with a timestamp
  // Of those, lines whose time has a date but no year (its year is the file date's, so a
  // picture can say where it came from).
  size_t yearless_lines = 0;
};

// The log's timestamped lines in `bucket_count` equal buckets from its earliest to its latest
// time (the width rounded up to a whole millisecond). REQUIRES: bucket_count > 0.
TimeBuckets BucketRecords(const Document& document, size_t bucket_count);

}  // namespace logstow::viewer
