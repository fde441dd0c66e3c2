#include "viewer/severity.h"

#include <re2/re2.h>

#include <string>

namespace logstow::viewer {

namespace {

// A level word where log formats put one: after an oslo/syslog-style timestamp and pid, after a
// journal "proc[pid]:" tag, or at the start of the line as "ERROR:". Anchored so a level word in
// the middle of a message ("no ERROR found") does not count. Traceback headers are TRACE.
constexpr char kLevelPattern[] =
    R"(^(?:)"
    // "2013-09-10 12:34:56.789 1234 WARNING" (oslo.log) or "2013-09-10 12:34:56,789 - ERROR"
    R"(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?: \d+)?(?: -)? |)"
    // "Jun 09 15:41:36.377230 host proc[1234]: " (systemd journal, syslog)
    R"([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ [^:\s]+(?:\[\d+\])?: |)"
    R"()\s*(DEBUG|INFO|AUDIT|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE)\b)"
    R"(|^(Traceback) \(most recent call last\):)";

Severity FromWord(std::string_view word) {
  if (word == "DEBUG") return Severity::kDebug;
  if (word == "INFO") return Severity::kInfo;
  if (word == "AUDIT") return Severity::kAudit;
  if (word == "WARNING" || word == "WARN") return Severity::kWarning;
  if (word == "ERROR") return Severity::kError;
  if (word == "CRITICAL" || word == "FATAL") return Severity::kCritical;
  if (word == "TRACE" || word == "Traceback") return Severity::kTrace;
  return Severity::kNone;
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNone: return "NONE";
    case Severity::kTrace: return "TRACE";
    case Severity::kDebug: return "DEBUG";
    case Severity::kInfo: return "INFO";
    case Severity::kAudit: return "AUDIT";
    case Severity::kWarning: return "WARNING";
    case Severity::kError: return "ERROR";
    case Severity::kCritical: return "CRITICAL";
  }
  return "NONE";
}

SeverityClassifier::SeverityClassifier() {
  RE2::Options options;
  options.set_log_errors(false);
  level_word_ = std::make_unique<RE2>(kLevelPattern, options);
}

SeverityClassifier::~SeverityClassifier() = default;

Severity SeverityClassifier::Classify(std::string_view line) const {
  re2::StringPiece level, traceback;
  if (!RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), *level_word_, &level,
                         &traceback)) {
    return Severity::kNone;
  }
  return FromWord(level.empty() ? std::string_view(traceback.data(), traceback.size())
                                : std::string_view(level.data(), level.size()));
}

}  // namespace logstow::viewer
