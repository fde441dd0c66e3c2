// Unix time as people read it in logs and reports, and the proleptic Gregorian calendar under
// it (H. Hinnant's civil-date algorithms: no time zone database, no locale). Part of the text
// library (no dependencies; native and Wasm builds). Thread-safe.
// Tested by tests/unit/common/time_format_test.cc.
#pragma once

#include <cstdint>
#include <string>

namespace logstow {

// "2026-11-30T05:43:10Z" (UTC, ISO 8601, seconds).
std::string FormatUnixTimeUtc(int64_t unix_s);

// Now, in Unix seconds, UTC.
int64_t NowUnixSeconds();

// Days since 1970-01-01 of a proleptic Gregorian date (days_from_civil); negative before.
// REQUIRES: 1 <= month <= 12, 1 <= day <= 31.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// The date `days` after 1970-01-01 (civil_from_days); the inverse of DaysFromCivil.
CivilDate CivilFromDays(int64_t days);

}  // namespace logstow
