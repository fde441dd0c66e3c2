// Durations as people write them on command lines: "3600" (seconds), "90s", "90m", "6h", "30d".
// Tested by tests/unit/common/duration_test.cc.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace logstow {

// Parses a whole number followed by an optional unit s, m, h or d. Returns nullopt for anything
// else (empty, negative, fractions, unknown units, spaces, overflow past 100 years).
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

// "6h", "90m", "1d2h", "45s": the shortest exact spelling, for messages.
std::string FormatDuration(std::chrono::seconds duration);

}  // namespace logstow
