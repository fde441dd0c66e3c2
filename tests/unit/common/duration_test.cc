#include "common/duration.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

using std::chrono::seconds;

TEST(ParseDuration, ReadsNumbersWithUnits) {
  EXPECT_EQ(ParseDuration("3600"), seconds(3600));
  EXPECT_EQ(ParseDuration("90s"), seconds(90));
  EXPECT_EQ(ParseDuration("90m"), seconds(5400));
  EXPECT_EQ(ParseDuration("6h"), seconds(21600));
  EXPECT_EQ(ParseDuration("30d"), seconds(2592000));
  EXPECT_EQ(ParseDuration("0"), seconds(0));
}

TEST(ParseDuration, RejectsEverythingElse) {
  for (const char* bad : {"", "h", "-5", "+5", "1.5h", "6 h", "6H", "6hours", "6w", " 6",
                          "99999999999d", "9999999999999999999999"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(ParseDuration(bad), std::nullopt);
  }
}

TEST(FormatDuration, SpellsTheShortestExactForm) {
  EXPECT_EQ(FormatDuration(seconds(0)), "0s");
  EXPECT_EQ(FormatDuration(seconds(21600)), "6h");
  EXPECT_EQ(FormatDuration(seconds(5400)), "1h30m");
  EXPECT_EQ(FormatDuration(seconds(93784)), "1d2h3m4s");
  EXPECT_EQ(FormatDuration(seconds(-90)), "-1m30s");
}

}  // namespace
}  // namespace logstow
