#include "viewer/severity.h"

#include <re2/re2.h>

#include <cassert>

#include "viewer/rules.h"

namespace logstow::viewer {

namespace {

bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The last run of ASCII letters in `text` (empty if none).
std::string_view LastWord(std::string_view text) {
  size_t end = text.size();
  while (end > 0 && !IsLetter(text[end - 1])) --end;
  size_t begin = end;
  while (begin > 0 && IsLetter(text[begin - 1])) --begin;
  return text.substr(begin, end - begin);
}

}  // namespace

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

SeverityClassifier::SeverityClassifier() : rules_(Rules::Defaults()) {}

SeverityClassifier::SeverityClassifier(std::shared_ptr<const Rules> rules)
    : rules_(std::move(rules)) {
  assert(rules_ != nullptr);
}

SeverityClassifier::~SeverityClassifier() = default;

SeverityMatch SeverityClassifier::Match(std::string_view line) const {
  const re2::StringPiece text(line.data(), line.size());
  const std::vector<SeverityRule>& rules = rules_->severity_rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    // After the first rule failed, one combined match tells whether any rule can match at all.
    if (i == 1 &&
        !rules_->any_severity().Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0)) {
      return {};
    }
    const SeverityRule& rule = rules[i];
    re2::StringPiece match[2];
    if (!rule.pattern->Match(text, 0, text.size(), RE2::ANCHOR_START, match,
                             rule.has_group ? 2 : 1)) {
      continue;
    }
    std::string_view token;
    if (rule.has_group && match[1].data() != nullptr) {
      token = std::string_view(match[1].data(), match[1].size());
    } else if (rule.from_word) {
      token = LastWord(std::string_view(match[0].data(), match[0].size()));
    }
    Severity level = rule.level;
    if (rule.from_word) {
      level = rules_->LevelOfWord(token);
      if (level == Severity::kNone) continue;
    }
    SeverityMatch result{level, 0, 0};
    if (!token.empty()) {
      result.token_begin = static_cast<uint32_t>(token.data() - line.data());
      result.token_end = result.token_begin + static_cast<uint32_t>(token.size());
    }
    return result;
  }
  return {};
}

}  // namespace logstow::viewer
