#include "viewer/severity_level.h"

namespace logstow::viewer {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNone:
      return "NONE";
    case Severity::kTrace:
      return "TRACE";
    case Severity::kDebug:
      return "DEBUG";
    case Severity::kInfo:
      return "INFO";
    case Severity::kAudit:
      return "AUDIT";
    case Severity::kWarning:
      return "WARNING";
    case Severity::kError:
      return "ERROR";
    case Severity::kCritical:
      return "CRITICAL";
  }
  return "NONE";
}

bool ParseSeverityName(std::string_view name, Severity* severity) {
  for (int level = 0; level < kSeverityLevels; ++level) {
    const std::string_view known = SeverityName(static_cast<Severity>(level));
    if (known.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      char c = name[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      same = c == known[i];
    }
    if (same) {
      *severity = static_cast<Severity>(level);
      return true;
    }
  }
  return false;
}

}  // namespace logstow::viewer
