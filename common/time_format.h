// Unix time as people read it in logs and reports. Tested by tests/unit/common/time_format_test.cc.
#pragma once

#include <cstdint>
#include <string>

namespace logstow {

// "2026-11-30T05:43:10Z" (UTC, ISO 8601, seconds).
std::string FormatUnixTimeUtc(int64_t unix_s);

// Now, in Unix seconds, UTC.
int64_t NowUnixSeconds();

}  // namespace logstow
