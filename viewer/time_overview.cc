#include "viewer/time_overview.h"

#include <algorithm>
#include <limits>

#include "viewer/document.h"

namespace logstow::viewer {

std::vector<TimeGap> FindTimeGaps(const Document& document, int64_t min_gap_us, size_t max_gaps) {
  std::vector<TimeGap> gaps;
  bool have_before = false;
  int64_t before_us = 0;
  const size_t count = document.stable_line_count();
  for (size_t n = 0; n < count && gaps.size() < max_gaps; ++n) {
    const Timestamp ts = document.timestamp(n);
    if (!ts.ok) continue;
    if (have_before && ts.unix_us - before_us >= min_gap_us) {
      gaps.push_back(TimeGap{static_cast<uint32_t>(n), ts.unix_us - before_us});
    }
    have_before = true;
    before_us = ts.unix_us;
  }
  return gaps;
}

TimeBuckets BucketRecords(const Document& document, size_t bucket_count) {
  TimeBuckets out;
  const size_t count = document.stable_line_count();
  int64_t first = std::numeric_limits<int64_t>::max();
  int64_t last = std::numeric_limits<int64_t>::min();
  for (size_t n = 0; n < count; ++n) {
    const Timestamp ts = document.timestamp(n);
    if (!ts.ok) continue;
    ++out.timed_lines;
    if (ts.has_date && !ts.has_year) ++out.yearless_lines;
    first = std::min(first, ts.unix_us);
    last = std::max(last, ts.unix_us);
  }
  if (out.timed_lines == 0 || bucket_count == 0) return out;
  constexpr int64_t kMs = 1000;
  const int64_t span = last - first + 1;
  const int64_t buckets = static_cast<int64_t>(bucket_count);
  out.bucket_us = ((span + buckets - 1) / buckets + kMs - 1) / kMs * kMs;
  out.start_us = first;
  out.bucket_count = bucket_count;
  out.counts.assign(bucket_count * static_cast<size_t>(kSeverityLevels), 0);
  for (size_t n = 0; n < count; ++n) {
    const Timestamp ts = document.timestamp(n);
    if (!ts.ok) continue;
    const size_t bucket =
        std::min(bucket_count - 1, static_cast<size_t>((ts.unix_us - first) / out.bucket_us));
    ++out.counts[bucket * static_cast<size_t>(kSeverityLevels) +
                 static_cast<size_t>(document.severity(n))];
  }
  return out;
}

}  // namespace logstow::viewer
