#include "common/decimal.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(Decimal, TakesPlainDecimalNumbersInRange) {
  EXPECT_EQ(ParseDecimal("0", 0, 10).value, 0);
  EXPECT_EQ(ParseDecimal("16", 0, 100).value, 16);
  EXPECT_EQ(ParseDecimal("9223372036854775807", 0, INT64_MAX).value, INT64_MAX);
  EXPECT_EQ(ParseDecimal("-5", -10, 10).value, -5);
  EXPECT_EQ(ParseDecimal("16", 0, 100).problem, "");
}

TEST(Decimal, RefusesHexOctalExponentsSignsAndSpaces) {
  EXPECT_EQ(ParseDecimal("0x10", 0, 100).problem,
            "'0x10' is not a decimal whole number (digits 0-9 only)");
  EXPECT_EQ(ParseDecimal("017", 0, 100).problem,
            "'017' has a leading zero (read as octal by some tools): write 17");
  EXPECT_EQ(ParseDecimal("00", 0, 100).problem,
            "'00' has a leading zero (read as octal by some tools): write 0");
  for (const char* bad : {"", "1e3", "+5", " 5", "5 ", "1.5", "5k", "-", "--5"}) {
    EXPECT_EQ(ParseDecimal(bad, -100, 100).problem,
              "'" + std::string(bad) + "' is not a decimal whole number (digits 0-9 only)")
        << bad;
  }
}

TEST(Decimal, RefusesOverflowAndOutOfRangeInsteadOfClamping) {
  EXPECT_EQ(ParseDecimal("9223372036854775808", 0, INT64_MAX).problem,
            "'9223372036854775808' is out of range: give 0 to 9223372036854775807");
  EXPECT_EQ(ParseDecimal("99999999999999999999999", 1, 256).problem,
            "'99999999999999999999999' is out of range: give 1 to 256");
  EXPECT_EQ(ParseDecimal("300", 1, 256).problem, "'300' is out of range: give 1 to 256");
  EXPECT_EQ(ParseDecimal("0", 1, 256).problem, "'0' is out of range: give 1 to 256");
  EXPECT_EQ(ParseDecimal("-9223372036854775808", INT64_MIN, 0).value, INT64_MIN);
}

}  // namespace
}  // namespace logstow
