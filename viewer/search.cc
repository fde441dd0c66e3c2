#include "viewer/search.h"

#include <re2/re2.h>

#include <algorithm>
#include <cassert>

#include "viewer/ansi.h"
#include "viewer/literal_search.h"

namespace logstow::viewer {

namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Whether RE2's Unicode case folding of `text` reaches beyond ASCII: 'k' and 's' have U+212A
// KELVIN SIGN and U+017F LONG S in their case orbits.
bool HasUnicodeFoldLetter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return (c | 0x20) == 'k' || (c | 0x20) == 's'; });
}

// The end of the bytes that belong to complete lines.
uint32_t SearchableEnd(const LineIndex& index) { return index.line_starts()[index.line_count()]; }

// Calls visit(begin, end) for each non-empty match in text[from, to) (offsets into `text`, whose
// bytes before `from` are context for '^' and '\b'), stopping when visit returns false.
// Literal patterns and literal prefixes are found by literal_search.h; RE2 takes over where the
// guard says ASCII folding could differ from RE2's (and for every other pattern).
template <class Visit>
void ForEachMatchIn(const SearchPattern& pattern, std::string_view text, size_t from, size_t to,
                    Visit visit) {
  const std::string_view haystack = text.substr(0, to);
  const re2::StringPiece piece(text.data(), to);
  re2::StringPiece match;
  size_t at = from;
  if (pattern.literal_scan()) {
    const std::string_view needle = pattern.pattern();
    while (true) {
      const size_t found =
          FindLiteral(haystack, needle, at, pattern.folds_case(), pattern.guards_fold());
      if (found == kUnicodeFoldHit) break;
      if (found == std::string_view::npos) return;
      if (!visit(found, found + needle.size())) return;
      at = found + needle.size();
    }
  } else if (!pattern.literal_prefix().empty()) {
    const std::string& prefix = pattern.literal_prefix();
    while (true) {
      const size_t found =
          FindLiteral(haystack, prefix, at, pattern.folds_case(), pattern.guards_fold());
      if (found == kUnicodeFoldHit) break;
      if (found == std::string_view::npos) return;
      // The candidate, checked by RE2 anchored there.
      if (pattern.re2().Match(piece, found, to, RE2::ANCHOR_START, &match, 1) && !match.empty()) {
        if (!visit(found, found + match.size())) return;
        at = found + match.size();
      } else {
        at = found + 1;
      }
    }
  }
  while (at < to && pattern.re2().Match(piece, at, to, RE2::UNANCHORED, &match, 1)) {
    const size_t begin = static_cast<size_t>(match.data() - text.data());
    const size_t end = begin + match.size();
    if (end == begin) {
      at = begin + 1;
      continue;
    }
    if (!visit(begin, end)) return;
    at = end;
  }
}

// ForEachMatchIn over bytes [from, to) of the log.
template <class Visit>
void ForEachMatch(const LineIndex& index, const SearchPattern& pattern, uint32_t from, uint32_t to,
                  Visit visit) {
  ForEachMatchIn(pattern, index.bytes(), from, to, [&](size_t begin, size_t end) {
    return visit(static_cast<uint32_t>(begin), static_cast<uint32_t>(end));
  });
}

// The line holding `offset`, searching forward from line `hint` (offsets only grow).
uint32_t LineFrom(const LineIndex& index, uint32_t offset, uint32_t hint) {
  const uint32_t* starts = index.line_starts();
  const uint32_t* end = starts + index.line_count() + 1;
  return static_cast<uint32_t>(std::upper_bound(starts + hint, end, offset) - starts) - 1;
}

// A raw-search hit as an offset into its line (which shows exactly its bytes).
SearchHit InLine(const LineIndex& index, const SearchHit& hit) {
  const uint32_t start = index.line_starts()[hit.line];
  return SearchHit{hit.line, ByteRange{hit.bytes.begin - start, hit.bytes.end - start}};
}

// Calls visit(line, begin, end) for each non-empty match in lines [from, to) of what `document`
// shows, in order (offsets into the line's shown text), until visit returns false. Runs of lines
// that show their bytes are searched as raw bytes in one go; the others one by one.
template <class Visit>
void ForEachShownMatch(const Document& document, const SearchPattern& pattern, size_t from,
                       size_t to, Visit visit) {
  const LineIndex& index = document.index();
  const uint32_t* starts = index.line_starts();
  bool go_on = true;
  const auto raw_run = [&](size_t a, size_t b) {
    if (a >= b) return;
    uint32_t line = static_cast<uint32_t>(a);
    ForEachMatch(index, pattern, starts[a], starts[b], [&](uint32_t begin, uint32_t end) {
      line = LineFrom(index, begin, line);
      go_on = visit(line, begin - starts[line], end - starts[line]);
      return go_on;
    });
  };
  CleanLine shown, clean;
  std::string plain;
  std::vector<ByteRange> ranges;
  size_t run = from;
  for (size_t n = from; n < to && go_on; ++n) {
    if (document.shows_its_bytes(n)) continue;
    raw_run(run, n);
    run = n + 1;
    if (!go_on) return;
    std::string_view text = document.RawOrShownText(n, &shown);
    if (!ShowsAsItsBytes(text)) {
      if (ShownTextWithoutCursor(text, &plain)) {  // most coloured lines (SGR only), invalid UTF-8
        text = plain;
      } else {
        ScrubLine(text, &clean);
        text = clean.text;
      }
    }
    ranges.clear();
    FindInText(pattern, text, &ranges);
    for (const ByteRange& r : ranges) {
      go_on = visit(static_cast<uint32_t>(n), r.begin, r.end);
      if (!go_on) return;
    }
  }
  if (go_on) raw_run(run, to);
}

// The last hit in a line before `line` (then, when `wrap`, in a line from `line` to `count`),
// given `last(lo, hi)`: the last hit in lines [lo, hi). Windows of 64 lines that double as they
// go back, so a hit just above costs a small window and a miss costs O(log lines) calls beyond
// one pass over the lines.
template <typename LastIn>
std::optional<SearchHit> SearchBackwards(size_t line, size_t count, bool wrap, const LastIn& last) {
  const auto backwards = [&](size_t hi, size_t floor) -> std::optional<SearchHit> {
    size_t window = 64;
    while (hi > floor) {
      const size_t lo = hi - std::min(window, hi - floor);
      if (auto found = last(lo, hi)) return found;
      hi = lo;
      window *= 2;
    }
    return std::nullopt;
  };
  const size_t before = std::min(line, count);
  if (auto found = backwards(before, 0)) return found;
  if (wrap) return backwards(count, before);
  return std::nullopt;
}

}  // namespace

SearchPattern::SearchPattern(std::string_view pattern, SearchOptions options) : pattern_(pattern) {
  if (pattern.empty()) {
    code_ = ErrorCode::kEmpty;
    error_ = "empty search pattern";
    return;
  }
  RE2::Options re_options;
  re_options.set_log_errors(false);
  re_options.set_never_nl(true);
  re_options.set_case_sensitive(!options.case_insensitive);
  re_options.set_literal(options.literal);
  re_options.set_max_mem(64 << 20);
  // Multi-line mode: '^' and '$' at line boundaries. A literal needs no flags.
  const std::string text = options.literal ? std::string(pattern) : "(?m)" + std::string(pattern);
  re_ = std::make_unique<RE2>(text, re_options);
  // A pattern with no RE2 metacharacter is a literal too ("traceback", "req-12").
  const bool plain = pattern.find_first_of("\\.+*?()|[]{}^$") == std::string_view::npos;
  if ((options.literal || plain) && pattern.find('\n') == std::string_view::npos) {
    literal_scan_ = !options.case_insensitive || IsAscii(pattern);
    folds_case_ = options.case_insensitive;
    guards_fold_ = folds_case_ && HasUnicodeFoldLetter(pattern);
  }
  if (!literal_scan_ && !options.literal && re_->ok() &&
      pattern.find('|') == std::string_view::npos) {
    size_t run = pattern.find_first_of("\\.+*?()|[]{}^$");
    if (run == std::string_view::npos) run = pattern.size();
    // A quantifier applies to the run's last character: leave it out.
    if (run < pattern.size() &&
        std::string_view("*?{+").find(pattern[run]) != std::string_view::npos) {
      run = run > 0 ? run - 1 : 0;
    }
    const std::string_view prefix = pattern.substr(0, run);
    if (prefix.size() >= 2 && prefix.find('\n') == std::string_view::npos &&
        (!options.case_insensitive || IsAscii(prefix))) {
      literal_prefix_ = std::string(prefix);
      folds_case_ = options.case_insensitive;
      guards_fold_ = folds_case_ && HasUnicodeFoldLetter(prefix);
    }
  }
  if (!re_->ok()) {
    code_ = ErrorCode::kBadPattern;
    error_ = re_->error();
    // RE2 quotes the failing part of the pattern; show the user's pattern, not our "(?m)".
    if (!options.literal) {
      if (const size_t at = error_.find("(?m)"); at != std::string::npos) error_.erase(at, 4);
    }
    re_.reset();
  }
}

SearchPattern::~SearchPattern() = default;
SearchPattern::SearchPattern(SearchPattern&&) noexcept = default;
SearchPattern& SearchPattern::operator=(SearchPattern&&) noexcept = default;

SearchSummary SearchAll(const LineIndex& index, const SearchPattern& pattern, size_t max_hits) {
  assert(pattern.ok());
  SearchSummary summary;
  uint32_t line = 0;
  bool line_counted = false;
  ForEachMatch(index, pattern, 0, SearchableEnd(index), [&](uint32_t begin, uint32_t end) {
    const uint32_t at = LineFrom(index, begin, line);
    if (at != line) line_counted = false;
    line = at;
    if (!line_counted) {
      ++summary.line_count;
      line_counted = true;
    }
    if (summary.hits.size() < max_hits) {
      summary.hits.push_back(SearchHit{line, ByteRange{begin, end}});
    }
    ++summary.match_count;
    return true;
  });
  summary.hits_truncated = summary.match_count > summary.hits.size();
  return summary;
}

std::optional<SearchHit> FindNext(const LineIndex& index, const SearchPattern& pattern, size_t line,
                                  bool wrap) {
  assert(pattern.ok());
  const size_t count = index.line_count();
  if (count == 0) return std::nullopt;
  const uint32_t* starts = index.line_starts();
  std::optional<SearchHit> hit;
  const auto first = [&](uint32_t from, uint32_t to) {
    ForEachMatch(index, pattern, from, to, [&](uint32_t begin, uint32_t end) {
      hit = SearchHit{LineFrom(index, begin, 0), ByteRange{begin, end}};
      return false;
    });
  };
  const size_t next = std::min(line + 1, count);
  first(starts[next], starts[count]);
  if (!hit && wrap) first(0, starts[next]);
  return hit;
}

std::optional<SearchHit> FindPrevious(const LineIndex& index, const SearchPattern& pattern,
                                      size_t line, bool wrap) {
  assert(pattern.ok());
  const size_t count = index.line_count();
  if (count == 0) return std::nullopt;
  const uint32_t* starts = index.line_starts();
  // The last match in lines [lo, hi).
  const auto last = [&](size_t lo, size_t hi) {
    std::optional<SearchHit> found;
    ForEachMatch(index, pattern, starts[lo], starts[hi], [&](uint32_t begin, uint32_t end) {
      found = SearchHit{0, ByteRange{begin, end}};
      return true;
    });
    if (found) found->line = LineFrom(index, found->bytes.begin, static_cast<uint32_t>(lo));
    return found;
  };
  return SearchBackwards(line, count, wrap, last);
}

void FindInText(const SearchPattern& pattern, std::string_view text, std::vector<ByteRange>* out) {
  assert(pattern.ok());
  ForEachMatchIn(pattern, text, 0, text.size(), [&](size_t begin, size_t end) {
    out->push_back(ByteRange{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
    return true;
  });
}

}  // namespace logstow::viewer

namespace logstow::viewer {

SearchSummary SearchShown(const Document& document, const SearchPattern& pattern, size_t max_hits) {
  assert(pattern.ok());
  const LineIndex& index = document.index();
  if (!document.hides_text()) {
    SearchSummary summary = SearchAll(index, pattern, max_hits);
    for (SearchHit& hit : summary.hits) hit = InLine(index, hit);
    return summary;
  }
  SearchSummary summary;
  uint32_t counted = UINT32_MAX;
  ForEachShownMatch(document, pattern, 0, document.line_count(),
                    [&](uint32_t line, uint32_t begin, uint32_t end) {
                      if (line != counted) {
                        ++summary.line_count;
                        counted = line;
                      }
                      if (summary.hits.size() < max_hits) {
                        summary.hits.push_back(SearchHit{line, ByteRange{begin, end}});
                      }
                      ++summary.match_count;
                      return true;
                    });
  summary.hits_truncated = summary.match_count > summary.hits.size();
  return summary;
}

std::optional<SearchHit> FindNextShown(const Document& document, const SearchPattern& pattern,
                                       size_t line, bool wrap) {
  assert(pattern.ok());
  const LineIndex& index = document.index();
  if (!document.hides_text()) {
    std::optional<SearchHit> hit = FindNext(index, pattern, line, wrap);
    if (hit) hit = InLine(index, *hit);
    return hit;
  }
  const size_t count = document.line_count();
  std::optional<SearchHit> hit;
  const auto first = [&](size_t from, size_t to) {
    ForEachShownMatch(document, pattern, from, to, [&](uint32_t n, uint32_t begin, uint32_t end) {
      hit = SearchHit{n, ByteRange{begin, end}};
      return false;
    });
  };
  const size_t next = std::min(line + 1, count);
  first(next, count);
  if (!hit && wrap) first(0, next);
  return hit;
}

std::optional<SearchHit> FindPreviousShown(const Document& document, const SearchPattern& pattern,
                                           size_t line, bool wrap) {
  assert(pattern.ok());
  const LineIndex& index = document.index();
  if (!document.hides_text()) {
    std::optional<SearchHit> hit = FindPrevious(index, pattern, line, wrap);
    if (hit) hit = InLine(index, *hit);
    return hit;
  }
  const size_t count = document.line_count();
  // The last match in lines [lo, hi), searched in windows that double (SearchBackwards).
  const auto last = [&](size_t lo, size_t hi) {
    std::optional<SearchHit> found;
    ForEachShownMatch(document, pattern, lo, hi, [&](uint32_t n, uint32_t begin, uint32_t end) {
      found = SearchHit{n, ByteRange{begin, end}};
      return true;
    });
    return found;
  };
  return SearchBackwards(line, count, wrap, last);
}

}  // namespace logstow::viewer
