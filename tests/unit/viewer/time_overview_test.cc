#include "viewer/time_overview.h"

#include <gtest/gtest.h>

#include "common/time_format.h"
#include "viewer/document.h"

namespace logstow::viewer {
namespace {

Document Load(std::string_view text) {
  Document document;
  document.Append(text);
  document.Finish();
  return document;
}

constexpr std::string_view kLog =
    "2024-03-01 12:00:00.000 1 INFO a start\n"        // 0
    "2024-03-01 12:00:01.000 1 WARNING a slow\n"      // 1
    "  continued\n"                                   // 2  no time of its own
    "2024-03-01 12:02:49.000 1 ERROR a timed out\n"   // 3  after 168 s of silence
    "2024-03-01 12:02:50.000 1 INFO a retry\n"        // 4
    "2024-03-01 11:00:00.000 1 INFO clock stepped\n"  // 5  backwards: no gap
    "2024-03-01 12:03:50.000 1 INFO b\n";             // 6  3830 s after line 5

TEST(FindTimeGaps, MarksSilencesBetweenTimestampedLines) {
  const Document document = Load(kLog);
  const std::vector<TimeGap> gaps = FindTimeGaps(document, 60 * 1000000LL, 10);
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0].line, 3u);
  EXPECT_EQ(gaps[0].gap_us, 168 * 1000000LL);
  EXPECT_EQ(gaps[1].line, 6u);
  EXPECT_EQ(gaps[1].gap_us, 3830 * 1000000LL);
  EXPECT_EQ(FindTimeGaps(document, 60 * 1000000LL, 1).size(), 1u);
  EXPECT_TRUE(FindTimeGaps(document, 4000 * 1000000LL, 10).empty());
}

TEST(BucketRecords, CountsTimestampedLinesPerBucketBySeverity) {
  const Document document = Load(kLog);
  const TimeBuckets buckets = BucketRecords(document, 4);
  EXPECT_EQ(buckets.timed_lines, 6u);
  ASSERT_EQ(buckets.bucket_count, 4u);
  // 11:00:00 .. 12:03:50 in 4 buckets, each rounded up to a whole millisecond.
  const int64_t span_us = (3 * 60 + 50) * 1000000LL + 3600 * 1000000LL + 1;
  EXPECT_EQ(buckets.bucket_us, ((span_us + 3) / 4 + 999) / 1000 * 1000);
  const auto at = [&](size_t bucket, Severity level) {
    return buckets.counts[bucket * kSeverityLevels + static_cast<size_t>(level)];
  };
  EXPECT_EQ(at(0, Severity::kInfo), 1u);  // 11:00
  EXPECT_EQ(at(3, Severity::kInfo), 3u);  // 12:00:00, 12:02:50, 12:03:50
  EXPECT_EQ(at(3, Severity::kWarning), 1u);
  EXPECT_EQ(at(3, Severity::kError), 1u);
  EXPECT_EQ(at(1, Severity::kInfo) + at(2, Severity::kInfo), 0u);
}

TEST(BucketRecords, CountsTheLinesWhoseYearIsTheFilesDates) {
  Document document = Load(
      "Dec 31 23:59:50 host a: INFO x\n"
      "2024-12-31 23:59:55.000 1 INFO y\n"
      "Jan 01 00:00:10 host a: INFO z\n");
  document.set_file_date(DaysFromCivil(2025, 1, 1) * 86400 + 3600);
  const TimeBuckets buckets = BucketRecords(document, 2);
  EXPECT_EQ(buckets.timed_lines, 3u);
  EXPECT_EQ(buckets.yearless_lines, 2u);
  // Across New Year, 20 s from the first line to the last (not the year 2000's 366 days).
  EXPECT_EQ(buckets.start_us, (DaysFromCivil(2024, 12, 31) * 86400 + 86390) * 1000000);
  EXPECT_EQ(buckets.bucket_us, 10001000);
}

TEST(BucketRecords, ALogWithoutTimesHasNoBuckets) {
  const TimeBuckets buckets = BucketRecords(Load("no\ntimes\n"), 10);
  EXPECT_EQ(buckets.timed_lines, 0u);
  EXPECT_EQ(buckets.bucket_count, 0u);
  EXPECT_TRUE(buckets.counts.empty());
}

}  // namespace
}  // namespace logstow::viewer
