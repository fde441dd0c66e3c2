// A log being viewed: its bytes and line index (line_index.h) plus the severity of every line,
// kept up to date as chunks arrive.
//
// Lines here are the rows the page shows and numbers (#L12 is line 11 here, 0-based). In almost
// every log they are the raw lines of line_index.h, one for one. A terminal capture, a log with a
// line that moves the cursor to another line (terminal_screen.h: "ESC[1A", "ESC[H", "ESC[J",
// ESC 7/8...), is shown as the screen a terminal would leave: from the first such line on
// (less terminal_screen.h's 100-row window above it) rows are the TerminalScreen's rows, each
// mapped back to the raw lines that wrote it (row_source()). Detection costs one SIMD scan for
// ESC over the bytes (literal_search.h) and a parse of each line holding one; a log without
// such a line has no TerminalScreen and costs nothing more. While the log streams, the last rows
// of a terminal capture may still change: rows before stable_line_count() never do.
//
// Severity per line (1 byte): the level the line states (severity.h, classified on the text a
// terminal would show, ansi.h), else, for a line that continues a record (traceback frames,
// indented or unprefixed lines), the level of that record, so a severity filter keeps whole
// messages; a line that starts a record without stating a level is kNone (severity.h has the
// rule). Stored as level | kOwnLevelBit when the line states it.
// Timestamps are parsed on demand (timestamp.h), not stored; a time written without a year takes
// it from the file's date (set_file_date).
// Memory: the bytes + 5 bytes per raw line (uint32_t start, uint8_t severity); a terminal
// capture adds TerminalScreen::memory_bytes() (24 bytes a row + the text of redrawn rows).
// Not thread-safe: one owner makes every non-const call. Never throws.
// Tested by tests/unit/viewer/document_test.cc (over the real samples in tests/data/) and
// tests/unit/viewer/terminal_screen_test.cc.
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
#include "viewer/terminal_screen.h"
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
  // Lines shown (rows): index().line_count() unless this is a terminal capture.
  size_t line_count() const {
    return terminal_ ? terminal_->first_line() + terminal_->row_count() : index_.line_count();
  }
  // Lines that later bytes can no longer change (all of them but a terminal capture's window).
  size_t stable_line_count() const {
    return terminal_ ? terminal_->first_line() + terminal_->settled_count() : line_count();
  }
  // Whether lines are a terminal screen's rows (see above).
  bool is_terminal() const { return terminal_ != nullptr; }
  // The first line that is a terminal screen's row (line_count() when none is).
  size_t first_screen_line() const { return terminal_ ? terminal_->first_line() : line_count(); }
  // Whether some line shows other text than its bytes (escape sequences, '\r', '\b', invalid
  // UTF-8 shown as U+FFFD, other C0 controls and DEL shown as control pictures): then search
  // must run on the shown text (search.h).
  // Also true for a log whose lines end in a lone '\r' (line_index.h), or with a line ending in
  // "\r\n": its bytes hold a '\r' between lines, so search goes line by line there too.
  bool hides_text() const { return hides_text_ || index_.cr_lines(); }
  // Whether line n shows exactly its raw bytes and a raw search over a run of such lines finds
  // exactly what they show: a raw line (not a terminal screen's row) with no ESC, '\r', '\b',
  // other C0 control but '\t', DEL or invalid UTF-8, whose terminator is "\n" alone.
  // O(1): one bit a line, set as lines are classified, kept only once some line shows other
  // text. REQUIRES: n < line_count().
  bool shows_its_bytes(size_t n) const;
  // The raw lines that wrote line n; {n, n, raw=true} unless a terminal capture.
  // REQUIRES: n < line_count().
  RowSource row_source(size_t n) const;
  // The raw bytes of row_source(n): from the first raw line's start to the last one's end.
  ByteRange row_bytes(size_t n) const;

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
  // For a document that is only searched (the build-wide search): from now on lines are not
  // classified (each is kNone, counted as such), which saves the rule match per line, most of
  // what appending costs; escape sequences are still found (hides_text()). Call before the
  // first append.
  void SkipSeverity() { classify_severity_ = false; }

  // The date of the log's file, Unix seconds (its mtime, or the Last-Modified of the response it
  // came in): a time written without a year takes its year from it (timestamp.h
  // YearFromFileDate). Until set: the time the document was made (now), the fallback when the
  // file's date is not known. May be set at any time (timestamps are parsed on demand).
  void set_file_date(int64_t unix_s) { file_date_unix_s_ = unix_s; }
  int64_t file_date() const { return file_date_unix_s_; }

  // The timestamp line n starts with (after escape sequences are applied). O(1).
  Timestamp timestamp(size_t n) const;
  // The first line whose timestamp is at or after `unix_us` (timestamp.h units): a timestamped
  // line, or line_count() if no line is that late. Times need not grow through the log (several
  // writers interleave; a year-less log crosses New Year): the first call parses every line's
  // timestamp once and keeps each block of kTimeBlockLines lines' latest time; later calls (the
  // same lines and file date) read the blocks and parse at most one block's lines.
  size_t LineAtTime(int64_t unix_us) const;

  // The text a terminal would show for line n, as ansi.h's CleanLine.
  void CleanText(size_t n, CleanLine* out) const;
  // Line n's raw bytes when it is one raw line as ansi.h draws it (escape sequences still in),
  // else its shown text, put in *scratch. Valid until the next non-const call or *scratch changes.
  std::string_view RawOrShownText(size_t n, CleanLine* scratch) const;

  const SeverityClassifier& classifier() const { return classifier_; }
  size_t memory_bytes() const {
    return index_.memory_bytes() + severities_.capacity() + shown_other_.capacity() * 8 +
           (terminal_ ? terminal_->memory_bytes() : 0);
  }

 private:
  void Update();
  void FeedTerminal();
  void ForgetUnstableLines();
  void ClassifyNewLines();
  void MarkShownOther(size_t n);

  LineIndex index_;
  SeverityClassifier classifier_;
  std::vector<uint8_t> severities_;
  std::array<size_t, kSeverityLevels> effective_counts_{};
  std::array<size_t, kSeverityLevels> stated_counts_{};
  RecordTracker records_;
  std::unique_ptr<TerminalScreen> terminal_;
  size_t fed_lines_ = 0;          // raw lines scanned for cross-line moves (or fed to terminal_)
  size_t classified_stable_ = 0;  // stable_line_count() when lines were last classified
  std::vector<uint64_t> shown_other_;  // bit n: raw line n is not shows_its_bytes()
  bool hides_text_ = false;
  bool classify_severity_ = true;
  int64_t file_date_unix_s_;  // set_file_date; now until set (constructor)
  // LineAtTime's blocks: the latest timestamp among lines [k * kTimeBlockLines, (k + 1) *
  // kTimeBlockLines), INT64_MIN for a block without one; made for time_blocks_lines_ lines
  // and time_blocks_file_date_ (a year-less time moves with the file date).
  static constexpr size_t kTimeBlockLines = 256;
  mutable std::vector<int64_t> time_blocks_;
  mutable size_t time_blocks_lines_ = 0;
  mutable int64_t time_blocks_file_date_ = 0;
};

}  // namespace logstow::viewer
