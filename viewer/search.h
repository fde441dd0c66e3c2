// Whole-file search with RE2: the total count, where the matches are, next/previous match from a
// line, and the matches inside one line for drawing. RE2 runs in time linear in the input for any
// pattern, so a user's pattern cannot hang the viewer.
//
// Literal patterns (and patterns without metacharacters; case-sensitive, or ASCII when folding)
// and the literal prefix of other patterns are found by literal_search.h 16 bytes at a time, with
// exactly RE2's results (RE2 takes over where U+212A KELVIN SIGN or U+017F LONG S could match a
// folded 'k' or 's').
// Semantics: a match never spans lines (RE2 never_nl: '\n' is never matched, "." and "\s" stop at
// line ends), '^' and '$' match at line starts and ends, empty matches are not counted. Options:
// case-insensitive, literal (the pattern is text, not a regex).
// Two inputs: SearchAll/FindNext/FindPrevious run over a LineIndex's bytes as stored (offsets are
// bytes into the log). SearchShown/FindNextShown/FindPreviousShown run over what a Document shows
// (document.h: its lines, after escape sequences, '\r', '\b' and terminal cursor moves), so bytes
// a reader cannot see never match, shown text always can, and '$' anchors at the shown end
// (offsets are bytes into the line's shown text, ansi.h's CleanLine::text). For a document whose
// lines show exactly their bytes (Document::hides_text() false: most logs, UTF-8 or ASCII) they
// are the raw search, literal pre-scan and all; otherwise runs of lines that show their bytes
// (Document::shows_its_bytes) are still searched as raw bytes and only the other lines (ESC,
// '\r', '\b', other C0 controls, DEL, invalid UTF-8, a "\r\n" terminator) are drawn (ansi.h)
// and searched one by one. Bytes shown as other characters are searched as what the reader
// sees, never as the bytes: invalid UTF-8 as U+FFFD, one per maximal invalid subpart (the
// WHATWG rule TextDecoder follows, common/utf8.h: "caf." finds "caf\xE9", "caf\C" does not),
// C0 controls but '\t' and DEL as control pictures ("\x{2400}" finds a NUL, "\x00" does not).
// FindInText runs over one line's clean text.
// Lines are 0-based.
// Errors are values: SearchPattern::ok() false, error() e.g. "missing ): (foo" (RE2's message) or
// "empty search pattern". A SearchPattern is immutable and safe for concurrent use.
// Tested by tests/unit/viewer/search_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/document.h"
#include "viewer/line_index.h"

namespace re2 {
class RE2;
}

namespace logstow::viewer {

struct SearchOptions {
  bool case_insensitive = false;
  bool literal = false;
};

class SearchPattern {
 public:
  enum class ErrorCode { kNone, kEmpty, kBadPattern };

  // Compiles `pattern`; check ok(). Cost: RE2 compilation (microseconds for typical patterns).
  SearchPattern(std::string_view pattern, SearchOptions options);
  ~SearchPattern();
  SearchPattern(SearchPattern&&) noexcept;
  SearchPattern& operator=(SearchPattern&&) noexcept;

  bool ok() const { return code_ == ErrorCode::kNone; }
  ErrorCode code() const { return code_; }
  const std::string& error() const { return error_; }
  const std::string& pattern() const { return pattern_; }
  // REQUIRES: ok().
  const re2::RE2& re2() const { return *re_; }
  // True when matches are found by literal_search.h instead of RE2 (a literal pattern, or one
  // without RE2 metacharacters, without '\n', case-sensitive or ASCII): same results, SIMD speed
  // in Wasm too.
  bool literal_scan() const { return literal_scan_; }
  bool folds_case() const { return folds_case_; }
  // Whether the fast paths must watch for U+212A/U+017F (a folded pattern with 'k' or 's').
  bool guards_fold() const { return guards_fold_; }
  // For a regex that starts with a literal run and has no '|' ("req-[0-9a-f]{8}"): that run
  // ("req-"), found by literal_search.h before RE2 checks each candidate anchored; else "".
  const std::string& literal_prefix() const { return literal_prefix_; }

 private:
  bool literal_scan_ = false;
  bool guards_fold_ = false;
  std::string literal_prefix_;
  bool folds_case_ = false;
  std::string pattern_;
  std::unique_ptr<re2::RE2> re_;
  ErrorCode code_ = ErrorCode::kNone;
  std::string error_;
};

struct SearchHit {
  uint32_t line = 0;
  ByteRange bytes;  // into the log
  bool operator==(const SearchHit&) const = default;
};

struct SearchSummary {
  size_t match_count = 0;       // every non-empty match in the searched lines
  size_t line_count = 0;        // lines holding at least one
  std::vector<SearchHit> hits;  // the first `max_hits` matches, in order
  bool hits_truncated = false;  // match_count > hits.size()
};

// Searches the complete lines of `index` (all of it once finished). REQUIRES: pattern.ok().
// O(bytes) RE2 time (~1-2 GB/s for literals) + O(log lines) per match.
SearchSummary SearchAll(const LineIndex& index, const SearchPattern& pattern, size_t max_hits);

// The first match on a line after `line` (`line` itself excluded), wrapping to the top of the
// file when `wrap` (then `line` itself is searched last). nullopt if there is none.
// REQUIRES: pattern.ok(). O(bytes searched).
std::optional<SearchHit> FindNext(const LineIndex& index, const SearchPattern& pattern, size_t line,
                                  bool wrap);
// The last match on a line before `line`, wrapping to the bottom when `wrap`. Searches backwards
// in windows that double in size, so the cost is O(bytes between `line` and the hit).
std::optional<SearchHit> FindPrevious(const LineIndex& index, const SearchPattern& pattern,
                                      size_t line, bool wrap);

// As SearchAll, FindNext and FindPrevious, over the lines `document` shows (see above): hit
// bytes are offsets into the hit line's shown text. Cost: the raw search for a document that
// hides nothing; otherwise the raw search over the runs of lines that show their bytes (one bit
// a line, set while indexing), plus, for each other line (ESC, '\r', '\b', other C0 controls,
// DEL, invalid UTF-8, a "\r\n" terminator, a terminal row), a ShowsAsItsBytes pass, its shown text
// (ShownTextWithoutCursor or ScrubLine) and a per-line RE2 (or literal) search (figures:
// bench/runs/2026-12-06-vm/search_shown.md; invalid UTF-8: bench/runs/2026-12-07-vm/
// search_shown_utf8.md). REQUIRES: pattern.ok().
SearchSummary SearchShown(const Document& document, const SearchPattern& pattern, size_t max_hits);
std::optional<SearchHit> FindNextShown(const Document& document, const SearchPattern& pattern,
                                       size_t line, bool wrap);
std::optional<SearchHit> FindPreviousShown(const Document& document, const SearchPattern& pattern,
                                           size_t line, bool wrap);

// Every non-empty match in `text` (one line), as byte ranges into `text`, appended to *out.
void FindInText(const SearchPattern& pattern, std::string_view text, std::vector<ByteRange>* out);

}  // namespace logstow::viewer
