// Fuzzes the byte path of the viewer: LineIndex + Document (chunked appends), the ANSI scrubber,
// terminal screens (terminal_screen.h), spans and row rendering, search on shown text. Checks,
// besides sanitizers: chunking does not change the lines, their shown text or severities;
// scrubbed text is valid UTF-8 with no escape/CR bytes; every shown line maps to raw lines;
// rendered rows are valid JSON whose segments cover the text and whose links are http(s) only.
#include <algorithm>
#include <cassert>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "viewer/ansi.h"
#include "viewer/document.h"
#include "viewer/render.h"
#include "viewer/search.h"

namespace {

using namespace logstow::viewer;
using logstow::SanitizeUtf8;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// The rows' JSON (render.h): parses; each row's segments cover its text (UTF-16 units) in order
// without gaps; every href is an http(s) URL.
bool RowsAreSound(const std::string& json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.contains("rows")) return false;
  for (const nlohmann::json& row : parsed["rows"]) {
    const std::string& text = row["text"].get_ref<const std::string&>();
    size_t units = 0;
    for (const char c : text) units += logstow::Utf16UnitsOfByte(static_cast<unsigned char>(c));
    size_t at = 0;
    for (const nlohmann::json& segment : row["segments"]) {
      if (segment[0].get<size_t>() != at || segment[1].get<size_t>() <= at) return false;
      at = segment[1].get<size_t>();
      std::string href = segment[3];
      for (char& c : href) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!href.empty() && !href.starts_with("http://") && !href.starts_with("https://")) {
        return false;
      }
    }
    if (at != units) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1 << 20)) return 0;
  const size_t chunk = 1 + data[0] % 64;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

  Document whole;
  whole.Append(bytes);
  whole.Finish();
  Document chunked;
  for (size_t at = 0; at < bytes.size(); at += chunk) chunked.Append(bytes.substr(at, chunk));
  chunked.Finish();
  Check(whole.line_count() == chunked.line_count(), "line count depends on chunking");
  Check(whole.line_count() == 0 ||
            std::memcmp(whole.severity_bytes(), chunked.severity_bytes(), whole.line_count()) == 0,
        "severities depend on chunking");
  Check(whole.index().bytes() == bytes, "bytes changed");

  for (size_t n = 0; n < whole.index().line_count() && n < 64; ++n) {
    const ByteRange range = whole.index().line(n);
    Check(range.begin <= range.end && range.end <= bytes.size(), "line out of range");
    Check(whole.index().LineAt(range.begin < bytes.size() ? range.begin : 0) <= n, "LineAt");
  }
  Check(whole.stable_line_count() == whole.line_count(), "unsettled rows after Finish");
  CleanLine line, other;
  for (size_t n = 0; n < whole.line_count() && n < 64; ++n) {
    const RowSource source = whole.row_source(n);
    Check(source.first_line <= source.last_line && source.last_line < whole.index().line_count(),
          "row source out of range");
    chunked.CleanText(n, &other);
    whole.CleanText(n, &line);
    Check(line.text == other.text, "shown text depends on chunking");
    Check(SanitizeUtf8(line.text) == line.text, "scrubbed text is not valid UTF-8");
    Check(line.text.find('\x1b') == std::string::npos, "ESC left in scrubbed text");
    Check(line.text.find('\r') == std::string::npos, "CR left in scrubbed text");
    // A line searched as its bytes shows them.
    if (whole.shows_its_bytes(n)) {
      Check(line.text == whole.index().line_text(n),
            "a line searched as its bytes shows other text");
    }
    uint32_t last_end = 0;
    for (const StyleRun& run : line.styles) {
      Check(run.begin >= last_end && run.begin < run.end && run.end <= line.text.size(),
            "style runs overlap or leave the text");
      last_end = run.end;
    }
  }
  std::string json;
  const SearchPattern search(bytes.substr(0, std::min<size_t>(bytes.size(), 8)), {.literal = true});
  RenderRowsJson(whole, 0, 64, search.ok() ? &search : nullptr, &json);
  Check(RowsAreSound(json), "rendered rows are not sound JSON");
  // Differential: the literal and literal-prefix fast paths of search.h against plain RE2 (a
  // non-capturing group around the pattern forces RE2).
  const std::string pattern(bytes.substr(0, std::min<size_t>(bytes.size(), 1 + data[0] % 12)));
  for (const bool fold : {false, true}) {
    const SearchPattern fast(pattern, {.case_insensitive = fold});
    const SearchPattern slow("(?:" + pattern + ")", {.case_insensitive = fold});
    if (fast.ok() && slow.ok()) {
      Check(SearchAll(whole.index(), fast, 64).hits == SearchAll(whole.index(), slow, 64).hits,
            "fast search paths disagree with RE2");
    }
  }
  if (search.ok()) {
    const SearchSummary shown = SearchShown(whole, search, 16);
    Check(shown.hits == SearchShown(chunked, search, 16).hits, "shown search depends on chunking");
    if (whole.line_count() > 0) {
      FindNextShown(whole, search, 0, true);
      FindPreviousShown(whole, search, whole.line_count() - 1, true);
    }
    // Hits are where the rows show them: the matches in each line's shown text, in order.
    if (whole.line_count() <= 256) {
      std::vector<SearchHit> expected;
      std::vector<ByteRange> ranges;
      for (size_t n = 0; n < whole.line_count() && expected.size() < 16; ++n) {
        whole.CleanText(n, &line);
        ranges.clear();
        FindInText(search, line.text, &ranges);
        for (const ByteRange& r : ranges) {
          if (expected.size() < 16) expected.push_back(SearchHit{static_cast<uint32_t>(n), r});
        }
      }
      Check(shown.hits == expected, "shown search hits are not the matches in the shown text");
    }
    const SearchSummary summary = SearchAll(whole.index(), search, 16);
    Check(summary.match_count >= summary.hits.size(), "hit count");
    if (whole.line_count() > 0) {
      FindNext(whole.index(), search, 0, true);
      FindPrevious(whole.index(), search, whole.line_count() - 1, true);
    }
  }
  return 0;
}
