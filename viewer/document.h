// A log being viewed: its bytes and line index (line_index.h) plus the severity of every line,
// kept up to date as chunks arrive.
//
// Severity per line (1 byte): the level the line states (severity.h, classified on the text a
// terminal would show, ansi.h), else, for a line that continues a record (traceback frames,
// indented or unprefixed lines), the level of that record, so a severity filter keeps whole
// messages; a line that starts a record without stating a level is kNone (severity.h has the
// rule). Stored as level | kOwnLevelBit when the line states it.
// Timestamps are parsed on demand (timestamp.h), not stored.
// Memory: the bytes + 5 bytes per line (uint32_t start, uint8_t severity).
// Not thread-safe: one owner makes every non-const call. Never throws.
// Tested by tests/unit/viewer/document_test.cc (over the real samples in tests/data/).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "viewer/ansi.h"
#include "viewer/line_index.h"
#include "viewer/rules.h"
#include "viewer/severity.h"
#include "viewer/timestamp.h"

namespace logstow::viewer {

class Document {
 public:
  static constexpr uint8_t kOwnLevelBit = 0x10;
  static constexpr uint8_t kLevelMask = 0x0F;

  // With the built-in rules.
  Document();
  // With `rules` (Rules::Compile). REQUIRES: rules != nullptr.
  explicit Document(std::shared_ptr<const Rules> rules);

  // As LineIndex::Reserve / PrepareAppend / Append / Finish; appending also classifies every
  // line the bytes complete. O(bytes) for the index + O(lines) RE2 matches of line prefixes.
  bool Reserve(size_t total_bytes) { return index_.Reserve(total_bytes); }
  char* PrepareAppend(size_t size) { return index_.PrepareAppend(size); }
  size_t CommitAppend(size_t size);
  size_t Append(std::string_view chunk);
  void Finish();

  const LineIndex& index() const { return index_; }
  size_t line_count() const { return index_.line_count(); }

  // Effective level of line n (own or inherited). REQUIRES: n < line_count().
  Severity severity(size_t n) const { return static_cast<Severity>(severities_[n] & kLevelMask); }
  // Whether line n states its level itself. REQUIRES: n < line_count().
  bool states_severity(size_t n) const { return (severities_[n] & kOwnLevelBit) != 0; }
  // line_count() bytes as described above; valid until the next non-const call.
  const uint8_t* severity_bytes() const { return severities_.data(); }
  // Lines per effective level (own or of the record continued), indexed by
  // static_cast<int>(Severity); kNone counts lines before the first record and records without
  // a level. Sums to line_count().
  const std::array<size_t, kSeverityLevels>& severity_counts() const { return effective_counts_; }
  // Lines per own level (kNone: lines that state none, including lines whose stated level
  // continues a record, such as an oslo TRACE line after an ERROR). Sums to line_count().
  const std::array<size_t, kSeverityLevels>& stated_counts() const { return stated_counts_; }

  // The timestamp line n starts with (after escape sequences are applied). O(1).
  Timestamp timestamp(size_t n) const;
  // The first line whose timestamp is at or after `unix_us` (timestamp.h units), assuming times
  // grow through the log; a line without a timestamp has the time of the line before it (so the
  // answer is a timestamped line, or line_count() if no line is that late).
  // O(log lines) timestamp parses.
  size_t LineAtTime(int64_t unix_us) const;

  // The text a terminal would show for line n, as ansi.h's CleanLine.
  void CleanText(size_t n, CleanLine* out) const;

  const SeverityClassifier& classifier() const { return classifier_; }
  size_t memory_bytes() const { return index_.memory_bytes() + severities_.capacity(); }

 private:
  void ClassifyNewLines();

  LineIndex index_;
  SeverityClassifier classifier_;
  std::vector<uint8_t> severities_;
  std::array<size_t, kSeverityLevels> effective_counts_{};
  std::array<size_t, kSeverityLevels> stated_counts_{};
  RecordTracker records_;
};

}  // namespace logstow::viewer
