// Numeric flags are taken as text and parsed here, so a bad number gets a "logstow: error:"
// line naming the flag (docs/errors.md) rather than CLI11's message, and "0x10", "017" or an
// overflowing count are refused rather than read as hex, octal or clamped (common/decimal.h).
// Tested by tests/unit/cli/token_command_test.cc and upload_command_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace logstow::cli {

// The value of `flag` given as `text`, in [min, max]. Throws UsageError:
// "--max-file-size '0x10' is not a decimal whole number (digits 0-9 only)".
int64_t ParseNumberFlag(std::string_view flag, const std::string& text, int64_t min, int64_t max);

}  // namespace logstow::cli
