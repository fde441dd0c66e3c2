#include "common/decimal.h"

#include <algorithm>

namespace logstow {

DecimalResult ParseDecimal(std::string_view text, int64_t min, int64_t max) {
  DecimalResult r;
  const std::string quoted = "'" + std::string(text) + "'";
  auto out_of_range = [&] {
    r.problem =
        quoted + " is out of range: give " + std::to_string(min) + " to " + std::to_string(max);
  };
  bool negative = text.starts_with('-');
  std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    r.problem = quoted + " is not a decimal whole number (digits 0-9 only)";
    return r;
  }
  if (digits.size() > 1 && digits.front() == '0') {
    size_t first = digits.find_first_not_of('0');
    r.problem = quoted + " has a leading zero (read as octal by some tools): write " +
                (negative ? "-" : "") +
                std::string(first == std::string_view::npos ? "0" : digits.substr(first));
    return r;
  }
  // Accumulate negatively so INT64_MIN fits; stop at the first digit that would overflow.
  int64_t value = 0;
  for (char c : digits) {
    int digit = c - '0';
    if (value < (INT64_MIN + digit) / 10) {
      out_of_range();
      return r;
    }
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == INT64_MIN) {
      out_of_range();
      return r;
    }
    value = -value;
  }
  if (value < min || value > max) {
    out_of_range();
    return r;
  }
  r.value = value;
  return r;
}

}  // namespace logstow
