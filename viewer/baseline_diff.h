// "What is new against a good build": the lines of a log whose shape (line_shape.h) the same log
// of a good build (the baseline) never had. docs/baseline.md has the design and how it differs
// from logjuicer's.
//
// A baseline is read once, as its bytes stream in, into a LineShapeSet: the distinct 64-bit shape
// hashes of its lines, 8 bytes per distinct shape (duplicates are dropped as the set grows), so a
// 100 MB baseline of 1M lines with 50k shapes costs ~0.4 MB, not its text. The log under study is
// either a Document (the page's log: NewLines gives line numbers for the "new lines only" filter)
// or bytes streamed through a NewLineCounter (the folder view's per-file counts, no text kept).
// Lines are split as the Document splits them (at '\n', '\r' before it dropped; at '\r' in a log
// whose lines end in '\r' alone) and read as shown: escape sequences applied
// (ansi.h ScrubLine), as Document shows a log that is not a terminal capture.
//
// Not thread-safe: one owner per object. Never throw. Tested by
// tests/unit/viewer/baseline_diff_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/ansi.h"

namespace logstow::viewer {

class Document;

// Splits bytes into lines as they arrive and hands each line's shape hash (0: blank) to a sink.
// Lines end where the Document ends them (line_index.h): at '\n', or, in a log whose first
// LineIndex::kCrLinesDecideBytes (all of it when shorter) hold no '\n' but a '\r', at every '\r'.
// Until that is decided the bytes wait in the carry (they hold no '\n', so no line has ended).
class LineShapeReader {
 public:
  // Feeds `chunk`; `sink(uint64_t hash)` is called once per line the chunk completes. O(size).
  template <typename Sink>
  void Append(std::string_view chunk, Sink&& sink) {
    if (terminator_ == 0) {
      if (!Decide(chunk)) return;  // still undecided: the chunk is in the carry
      // Decided: split what waited as the rest will be.
      std::string waited;
      waited.swap(carry_);
      Split(waited, sink);
    }
    Split(chunk, sink);
  }
  // Ends the input: an unterminated last line is handed to `sink` too.
  template <typename Sink>
  void Finish(Sink&& sink) {
    if (terminator_ == 0) {
      terminator_ = carry_.find('\r') != std::string::npos ? '\r' : '\n';
      std::string waited;
      waited.swap(carry_);
      Split(waited, sink);
    }
    if (!carry_.empty()) sink(Hash(carry_));
    carry_.clear();
    carry_.shrink_to_fit();
  }
  // The shape hash of one line's raw bytes (escape sequences still in). 0: no shape.
  uint64_t Hash(std::string_view raw);

 private:
  template <typename Sink>
  void Split(std::string_view chunk, Sink&& sink) {
    size_t at = 0;
    while (at < chunk.size()) {
      const size_t end = chunk.find(terminator_, at);
      if (end == std::string_view::npos) {
        carry_.append(chunk.substr(at));
        return;
      }
      if (carry_.empty()) {
        sink(Hash(chunk.substr(at, end - at)));
      } else {
        carry_.append(chunk.substr(at, end - at));
        sink(Hash(carry_));
        carry_.clear();
      }
      at = end + 1;
    }
  }
  // Sets terminator_ when `chunk` decides it, as LineIndex::DecideCrLines does; else keeps the
  // chunk in the carry and returns false.
  bool Decide(std::string_view chunk);

  char terminator_ = 0;  // '\n' or '\r' once decided; 0 before
  std::string carry_;    // the start of a line whose end has not arrived
  std::string shape_;
  CleanLine clean_;
};

// The distinct shapes of a baseline log.
class LineShapeSet {
 public:
  // Reads the next bytes of the baseline log.
  void Append(std::string_view chunk);
  // Ends the input. After this, Contains() may be called; Append() may not.
  void Finish();
  bool finished() const { return finished_; }
  // Whether the baseline has a line of this shape hash (0, a blank line: always true).
  // REQUIRES: finished(). O(log shapes).
  bool Contains(uint64_t hash) const;
  // Adds a shape hash directly (tests, or a caller that hashes lines itself).
  void Add(uint64_t hash);
  size_t shape_count() const { return hashes_.size(); }  // exact once finished()
  size_t line_count() const { return lines_; }
  size_t memory_bytes() const { return hashes_.capacity() * sizeof(uint64_t); }

 private:
  void Compact();
  LineShapeReader reader_;
  std::vector<uint64_t> hashes_;
  size_t unique_ = 0;  // hashes_[0, unique_) are sorted and distinct
  size_t lines_ = 0;
  bool finished_ = false;
};

// Counts the lines of a log that are new against a baseline, as the log's bytes stream in.
class NewLineCounter {
 public:
  // REQUIRES: baseline.finished(); it outlives this counter.
  explicit NewLineCounter(const LineShapeSet& baseline) : baseline_(baseline) {}
  void Append(std::string_view chunk);
  void Finish();
  size_t line_count() const { return lines_; }
  size_t new_line_count() const { return new_lines_; }

 private:
  const LineShapeSet& baseline_;
  LineShapeReader reader_;
  size_t lines_ = 0;
  size_t new_lines_ = 0;
};

// The lines (0-based, ascending) of `document` that are new against `baseline`: those whose
// shape hash the baseline does not contain. Only stable lines are looked at (a terminal
// capture's rows still changing are not). REQUIRES: baseline.finished(). O(lines).
std::vector<uint32_t> NewLines(const Document& document, const LineShapeSet& baseline);

}  // namespace logstow::viewer
