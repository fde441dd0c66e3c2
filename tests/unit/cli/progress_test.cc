// The upload's progress line (cli/progress.h): what it says at a given point of a phase.
#include "cli/progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace logstow::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr uint64_t kMiB = 1024 * 1024;

uploader::UploadProgress Progress(uint64_t done, uint64_t total) {
  return {.files_done = 1, .files_total = 10, .bytes_done = done, .bytes_total = total};
}

TEST(ProgressLine, ShowsTheEtaFromTheAverageRate) {
  EXPECT_EQ(ProgressLine(Progress(40 * kMiB, 100 * kMiB), 20),
            "files 1/10, 40.0 MiB/100.0 MiB, 2.0 MiB/s, ETA 0:30, 0 B sent");
  // From an hour on: h:mm:ss, not thousands of minutes.
  EXPECT_THAT(ProgressLine(Progress(10 * kMiB, 1000 * kMiB), 60), HasSubstr(", ETA 1:39:00,"));
}

// Regression: after Swift's proxy was killed and restarted early in a run, the line read
// "ETA 203167:08", from a rate near zero. No ETA until the rate means something, none beyond
// a day.
TEST(ProgressLine, NoEtaFromARateNearZero) {
  // Almost nothing landed yet (under 1%), minutes into the phase.
  EXPECT_EQ(ProgressLine(Progress(2 * 1024, 1000 * kMiB), 300),
            "files 1/10, 2.0 KiB/1000.0 MiB, 6 B/s, 0 B sent");
  // The first second of a phase.
  EXPECT_THAT(ProgressLine(Progress(50 * kMiB, 100 * kMiB), 1), Not(HasSubstr("ETA")));
  // Over a day to go: no estimate.
  EXPECT_THAT(ProgressLine(Progress(20 * kMiB, 1000 * kMiB), 3600), Not(HasSubstr("ETA")));
  // Nothing done, or everything.
  EXPECT_THAT(ProgressLine(Progress(0, 100 * kMiB), 60), Not(HasSubstr("ETA")));
  EXPECT_THAT(ProgressLine(Progress(100 * kMiB, 100 * kMiB), 60), Not(HasSubstr("ETA")));
}

}  // namespace
}  // namespace logstow::cli
