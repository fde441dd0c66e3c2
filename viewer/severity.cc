#include "viewer/severity.h"

#include <re2/re2.h>

#include <algorithm>
#include <cassert>
#include <vector>

#include "viewer/oslo_level_prefix.h"
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

SeverityClassifier::SeverityClassifier() : rules_(Rules::Defaults()) {}

SeverityClassifier::SeverityClassifier(std::shared_ptr<const Rules> rules)
    : rules_(std::move(rules)) {
  assert(rules_ != nullptr);
}

SeverityClassifier::~SeverityClassifier() = default;

namespace {

// Severity rule `i` applied to `text` (REQUIRES: it matches, or `verify`: check that it does).
// False if it does not match, or its "$word" names no level (the next rule decides then).
bool ApplySeverityRule(const Rules& rules, size_t i, std::string_view line, bool want_token,
                       bool verify, SeverityMatch* out) {
  const SeverityRule& rule = rules.severity_rules()[i];
  const re2::StringPiece text(line.data(), line.size());
  std::string_view token;
  Severity level = rule.level;
  const bool need_match = rule.from_word || want_token;
  if (rule.oslo_level_prefix) {  // RE2's answer without RE2 (oslo_level_prefix.h); no group
    std::string_view word;
    size_t word_index = 0;
    if (!MatchOsloLevelPrefix(line, &word, &word_index)) return false;
    if (rule.from_word) {
      token = word;
      level = rule.oslo_word_levels[word_index];
      if (level == Severity::kNone) return false;
    }
  } else if (need_match) {
    const RE2& pattern = rule.pattern->get();
    const bool has_group = pattern.NumberOfCapturingGroups() > 0;
    if (rule.from_word || has_group) {
      re2::StringPiece match[2];
      if (!pattern.Match(text, 0, text.size(), RE2::ANCHOR_START, match, has_group ? 2 : 1)) {
        return false;
      }
      if (has_group && match[1].data() != nullptr) {
        token = std::string_view(match[1].data(), match[1].size());
      } else if (rule.from_word) {
        token = LastWord(std::string_view(match[0].data(), match[0].size()));
      }
    } else if (verify && !pattern.Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0)) {
      return false;
    }
  } else if (verify &&
             !rule.pattern->get().Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0)) {
    return false;
  }
  if (rule.from_word && !rule.oslo_level_prefix) {
    level = rules.LevelOfWord(token);
    if (level == Severity::kNone) return false;
  }
  *out = SeverityMatch{};
  out->level = level;
  out->role = LineRole::kRecord;
  out->continues_from = rule.continues_from[static_cast<int>(level)];
  out->opens_traceback = rule.opens_traceback;
  if (want_token && !token.empty()) {
    out->token_begin = static_cast<uint32_t>(token.data() - line.data());
    out->token_end = out->token_begin + static_cast<uint32_t>(token.size());
  }
  return true;
}

}  // namespace

SeverityMatch SeverityClassifier::Match(std::string_view line, bool want_token) const {
  // Some rules read on while a token lasts ("[^\\s:]+::" of pytest, "\\S+" of access logs) or
  // through a message (syslog words): a 100,000-byte line would be read whole, at every line of
  // a log of such lines. Lines are read up to kLinePrefixBytes (severity.h).
  if (line.size() > kLinePrefixBytes) line = line.substr(0, kLinePrefixBytes);
  const Rules& rules = *rules_;
  const size_t severity_rules = rules.severity_rules().size();
  SeverityMatch result;
  // The first rule alone first: most lines of an oslo.log (the commonest big log) match it.
  if (severity_rules > 0 && ApplySeverityRule(rules, 0, line, want_token, true, &result)) {
    return result;
  }
  const size_t continuation_end = severity_rules + rules.continuation_rules().size();
  if (continuation_end + rules.record_rules().size() == 0) return {};
  // Every rule at once; the first (lowest index) that matches decides. The vector is reused
  // (RE2::Set::Match refills it) so that a line costs no allocation of ours.
  thread_local std::vector<int> hits;
  if (!rules.line_rules().Match(re2::StringPiece(line.data(), line.size()), &hits)) return {};
  std::sort(hits.begin(), hits.end());
  for (const int hit : hits) {
    const size_t i = static_cast<size_t>(hit);
    if (i == 0) continue;  // tried above
    if (i < severity_rules) {
      if (ApplySeverityRule(rules, i, line, want_token, false, &result)) return result;
      continue;
    }
    result.role = i < continuation_end ? LineRole::kContinuation : LineRole::kRecord;
    return result;
  }
  return {};
}

LineSeverity RecordTracker::Next(const SeverityMatch& line) {
  if (line.level != Severity::kNone) {
    in_traceback_ = line.opens_traceback;
    if (line.continues_from != Severity::kNone && current_ >= line.continues_from) {
      return {current_, false};
    }
    current_ = line.level;
    return {current_, true};
  }
  switch (line.role) {
    case LineRole::kRecord:
      if (in_traceback_) {  // the exception line after a traceback's frames ends it
        in_traceback_ = false;
        return {current_, false};
      }
      current_ = Severity::kNone;
      return {current_, false};
    case LineRole::kPlain:
      in_traceback_ = false;  // not indented: the exception line (or no traceback at all)
      return {current_, false};
    case LineRole::kContinuation:
      return {current_, false};
  }
  return {current_, false};
}

}  // namespace logstow::viewer
