// Whole numbers as command lines take them: decimal digits only. "0x10", "1e3", "+5", " 5" and
// "017" (which C's strtol with base 0 reads as octal 15) are refused, and so is anything out of
// the caller's range, instead of being clamped. Tested by tests/unit/common/decimal_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace logstow {

struct DecimalResult {
  int64_t value = 0;
  // "" when the text is a number in [min, max]; otherwise what is wrong, quoting the text:
  // "'0x10' is not a decimal whole number (digits 0-9 only)", "'017' has a leading zero (read
  // as octal by some tools): write 17", "'300' is out of range: give 1 to 256".
  std::string problem;
};

DecimalResult ParseDecimal(std::string_view text, int64_t min, int64_t max);

}  // namespace logstow
