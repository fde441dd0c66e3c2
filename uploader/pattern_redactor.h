// The `redact` processing stage (uploader/processing_rules.h): RE2 patterns replaced in a file
// while it streams through the body encoder (uploader/body_encoder.h), before the token
// redaction (uploader/token_redactor.h) and gzip.
//   - Lines: patterns are matched within one line at a time (up to and including its '\n'), so
//     a match never spans lines; memory is one line, at most kMaxRedactLineBytes: a longer line
//     is taken in pieces of that size, and a match across a piece's end is not found.
//   - Same length: each match is replaced by the rule's replacement text cut or padded with '*'
//     to the match's length ("[redacted]" over a 4-byte match is "****"), as the token
//     redaction does, so the file's size (X-Object-Meta-Logstow-Size, the size plan's segments)
//     is known before it is read. An empty match replaces nothing.
// RedactPatterns is thread-safe once built (RE2 is); a PatternRedactor is one file's pass, not
// thread-safe. Tested by tests/unit/uploader/pattern_redactor_test.cc.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace logstow::uploader {

inline constexpr size_t kMaxRedactLineBytes = 1 << 20;

class RedactPatterns {
 public:
  // Compiles the patterns (RE2 syntax) into one alternation. `error` is set (and ok() false)
  // when one does not compile: "pattern 2 ('a(b'): missing ): a(b". REQUIRES: patterns
  // non-empty.
  RedactPatterns(const std::vector<std::string>& patterns, std::string replacement);
  ~RedactPatterns();
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const re2::RE2& regex() const { return *regex_; }
  // The replacement of a `length`-byte match.
  std::string ReplacementFor(size_t length) const;

 private:
  std::unique_ptr<re2::RE2> regex_;
  std::string replacement_;
  std::string error_;
};

class PatternRedactor {
 public:
  // Several rules' patterns may apply in turn (each with its replacement).
  explicit PatternRedactor(std::vector<std::shared_ptr<const RedactPatterns>> patterns);
  ~PatternRedactor();

  // Takes the next block (`at_end` for the last) and returns the bytes to pass on, valid until
  // the next call: the complete lines seen so far (a partial last line is held back until its
  // '\n', the end, or kMaxRedactLineBytes).
  std::string_view Process(std::string_view data, bool at_end);
  size_t replacements() const { return replacements_; }

 private:
  void RedactLine(std::string_view line);

  std::vector<std::shared_ptr<const RedactPatterns>> patterns_;
  std::string held_;  // a line not yet complete
  std::string out_;
  std::string line_;
  size_t replacements_ = 0;
};

}  // namespace logstow::uploader
