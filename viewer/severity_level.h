// Severity levels, ordered TRACE < DEBUG < INFO < AUDIT < WARNING < ERROR < CRITICAL; kNone (a
// line that states no level) sorts lowest. The vocabulary both the rules (rules.h: which words
// and shapes state which level) and the classifier (severity.h: a line's level in its log)
// speak, so neither header needs the other for it. Pure, thread-safe.
// Tested by tests/unit/viewer/severity_test.cc.
#pragma once

#include <cstdint>
#include <string_view>

namespace logstow::viewer {

enum class Severity : uint8_t { kNone, kTrace, kDebug, kInfo, kAudit, kWarning, kError, kCritical };
inline constexpr int kSeverityLevels = 8;

// Upper-case name as written in logs ("WARNING"), "NONE" for kNone.
std::string_view SeverityName(Severity severity);
// The inverse of SeverityName, also accepting lower case ("warning"); false if unknown.
bool ParseSeverityName(std::string_view name, Severity* severity);

}  // namespace logstow::viewer
