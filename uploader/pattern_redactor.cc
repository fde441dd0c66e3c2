#include "uploader/pattern_redactor.h"

#include <re2/re2.h>

namespace logstow::uploader {

RedactPatterns::RedactPatterns(const std::vector<std::string>& patterns, std::string replacement)
    : replacement_(std::move(replacement)) {
  RE2::Options options;
  options.set_log_errors(false);
  std::string joined;
  for (size_t i = 0; i < patterns.size(); ++i) {
    RE2 one(patterns[i], options);
    if (!one.ok()) {
      error_ = "pattern " + std::to_string(i + 1) + " ('" + patterns[i] + "'): " + one.error();
      break;
    }
    joined += (i == 0 ? "(?:" : "|(?:") + patterns[i] + ")";
  }
  regex_ = std::make_unique<RE2>(error_.empty() ? joined : "", options);
}

RedactPatterns::~RedactPatterns() = default;

std::string RedactPatterns::ReplacementFor(size_t length) const {
  if (replacement_.size() >= length) {
    return replacement_.size() == length ? replacement_ : std::string(length, '*');
  }
  return replacement_ + std::string(length - replacement_.size(), '*');
}

PatternRedactor::PatternRedactor(std::vector<std::shared_ptr<const RedactPatterns>> patterns)
    : patterns_(std::move(patterns)) {}

PatternRedactor::~PatternRedactor() = default;

void PatternRedactor::RedactLine(std::string_view line) {
  line_.assign(line);
  for (const auto& p : patterns_) {
    re2::StringPiece input(line_);
    re2::StringPiece match;
    size_t at = 0;
    while (at <= line_.size() &&
           p->regex().Match(input, at, line_.size(), RE2::UNANCHORED, &match, 1)) {
      const size_t begin = static_cast<size_t>(match.data() - line_.data());
      if (match.empty()) {  // nothing to hide; step on
        at = begin + 1;
        continue;
      }
      line_.replace(begin, match.size(), p->ReplacementFor(match.size()));
      input = re2::StringPiece(line_);
      at = begin + match.size();
      ++replacements_;
    }
  }
  out_ += line_;
}

std::string_view PatternRedactor::Process(std::string_view data, bool at_end) {
  out_.clear();
  while (!data.empty()) {
    size_t newline = data.find('\n');
    size_t room = kMaxRedactLineBytes - held_.size();
    if (newline == std::string_view::npos && data.size() < room) {
      held_.append(data);
      break;
    }
    size_t take = newline == std::string_view::npos ? room : std::min(newline + 1, room);
    if (held_.empty()) {
      RedactLine(data.substr(0, take));
    } else {
      held_.append(data.substr(0, take));
      RedactLine(held_);
      held_.clear();
    }
    data.remove_prefix(take);
  }
  if (at_end && !held_.empty()) {
    RedactLine(held_);
    held_.clear();
  }
  return out_;
}

}  // namespace logstow::uploader
