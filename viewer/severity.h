// Severity of a log line, read from the line's shape (oslo.log, journal, plain "ERROR:" prefixes),
// never from the file name. Levels are ordered DEBUG < INFO < AUDIT < WARNING < ERROR < CRITICAL;
// TRACE marks Python traceback lines. kNone means the line states no level of its own.
// SeverityClassifier compiles its RE2 patterns once; Classify() is const and safe for
// concurrent use. Never throws. Tested by tests/unit/viewer/severity_test.cc.
#pragma once

#include <memory>
#include <string_view>

namespace re2 {
class RE2;
}

namespace logstow::viewer {

enum class Severity { kNone, kTrace, kDebug, kInfo, kAudit, kWarning, kError, kCritical };

// Upper-case name as written in logs ("WARNING"), "NONE" for kNone.
std::string_view SeverityName(Severity severity);

class SeverityClassifier {
 public:
  SeverityClassifier();
  ~SeverityClassifier();
  SeverityClassifier(const SeverityClassifier&) = delete;
  SeverityClassifier& operator=(const SeverityClassifier&) = delete;

  // The level a single line (no terminator) states. UTF-8 or arbitrary bytes; O(line length).
  Severity Classify(std::string_view line) const;

 private:
  std::unique_ptr<re2::RE2> level_word_;
};

}  // namespace logstow::viewer
