// Severity of a log line, read from the line's shape (oslo.log, systemd journal, Zuul/Ansible
// job output, Python tracebacks, plain "ERROR:" prefixes), never from the file name. The shapes
// are data: the severity rules of a Rules set (rules.h; built-in defaults in
// viewer/rules/default_rules.json, users may add their own).
// Levels are ordered DEBUG < INFO < AUDIT < WARNING < ERROR < CRITICAL; TRACE marks traceback
// lines (its own value, ordered between NONE and DEBUG so it compares low but filters apart).
// kNone means the line states no level of its own: it inherits (severity_index.h).
// SeverityClassifier is immutable after construction; Classify() is const and safe for
// concurrent use. Never throws. Tested by tests/unit/viewer/severity_test.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

namespace logstow::viewer {

class Rules;

enum class Severity : uint8_t { kNone, kTrace, kDebug, kInfo, kAudit, kWarning, kError, kCritical };
inline constexpr int kSeverityLevels = 8;

// Upper-case name as written in logs ("WARNING"), "NONE" for kNone.
std::string_view SeverityName(Severity severity);
// The inverse of SeverityName, also accepting lower case ("warning"); false if unknown.
bool ParseSeverityName(std::string_view name, Severity* severity);

// What a line states: its level and where the token that says so is, as bytes into the line
// (both 0 when the rule marks no token).
struct SeverityMatch {
  Severity level = Severity::kNone;
  uint32_t token_begin = 0;
  uint32_t token_end = 0;
};

class SeverityClassifier {
 public:
  // With the built-in default rules.
  SeverityClassifier();
  // With `rules`. REQUIRES: rules != nullptr.
  explicit SeverityClassifier(std::shared_ptr<const Rules> rules);
  ~SeverityClassifier();

  // The level a single line (no terminator) states. Arbitrary bytes; escape sequences are not
  // interpreted here (Document classifies the scrubbed text of lines that hold any).
  // Cost: one anchored RE2 match for lines of the first rule's shape, two for lines no rule
  // matches, a few more for the rare other shapes; each touches only the line's prefix.
  Severity Classify(std::string_view line) const { return Match(line).level; }
  SeverityMatch Match(std::string_view line) const;

  const Rules& rules() const { return *rules_; }

 private:
  std::shared_ptr<const Rules> rules_;
};

}  // namespace logstow::viewer
