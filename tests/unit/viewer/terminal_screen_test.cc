// Terminal captures drawn as the screen a terminal leaves (viewer/terminal_screen.h, through
// viewer/document.h), and search on shown text (viewer/search.h SearchShown...).
#include "viewer/terminal_screen.h"

#include <gtest/gtest.h>

#include <array>
#include <numeric>
#include <string>
#include <vector>

#include "tests/testing/viewer_samples.h"
#include "viewer/document.h"
#include "viewer/search.h"

namespace logstow::viewer {
namespace {

using testing::ReadSample;

Document Load(std::string_view bytes, size_t chunk = 65536) {
  Document document;
  for (size_t at = 0; at < bytes.size(); at += chunk) document.Append(bytes.substr(at, chunk));
  document.Finish();
  return document;
}

std::vector<std::string> Shown(const Document& document) {
  std::vector<std::string> rows;
  CleanLine clean;
  for (size_t n = 0; n < document.line_count(); ++n) {
    document.CleanText(n, &clean);
    rows.push_back(clean.text);
  }
  return rows;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

size_t Count(const Document& document, std::string_view pattern, bool literal = false) {
  SearchPattern p(pattern, SearchOptions{false, literal});
  EXPECT_TRUE(p.ok()) << p.error();
  return SearchShown(document, p, 1000).match_count;
}

// The generated `docker compose pull` capture (tests/browser/lib/compose_pull_capture.js) whose
// expected rows that generator computed from its own model, without emulating a terminal.
TEST(TerminalScreen, ComposePullShowsTheFinalScreenOnce) {
  const std::string bytes = ReadSample("docker-compose-pull.txt");
  const std::vector<std::string> expected = Split(ReadSample("docker-compose-pull.screen.txt"));
  ASSERT_GT(expected.size(), 20u);
  for (const size_t chunk : {size_t{7}, size_t{4096}, bytes.size()}) {
    SCOPED_TRACE(chunk);
    const Document document = Load(bytes, chunk);
    EXPECT_TRUE(document.is_terminal());
    EXPECT_GT(document.index().line_count(), 700u);  // the raw capture: every spinner frame
    EXPECT_EQ(Shown(document), expected);
    EXPECT_EQ(Count(document, "Pulling 0/20", true), 0u);  // no frame but the last shows
    EXPECT_EQ(Count(document, "Pulling 20/20", true), 1u);
    EXPECT_EQ(Count(document, "Pull complete", true), 20u);
  }
}

TEST(TerminalScreen, SpinnerFramesCollapseToTheLastOne) {
  std::string raw = "header\nspin 0\n";
  for (int i = 1; i <= 50; ++i) raw += "\x1b[1A\rspin " + std::to_string(i) + "\n";
  raw += "after\n";
  const Document document = Load(raw);
  EXPECT_EQ(Shown(document), (std::vector<std::string>{"header", "spin 50", "after"}));
  EXPECT_EQ(document.index().line_count(), 53u);
}

TEST(TerminalScreen, EraseInLineAndInDisplay) {
  EXPECT_EQ(Shown(Load("first\nsecond\n\x1b[1A\x1b[2Kthird\n")),
            (std::vector<std::string>{"first", "third"}));
  // ESC[J clears from the cursor to the end of the screen; cleared rows stay, empty.
  EXPECT_EQ(Shown(Load("a\nb\nc\n\x1b[2A\x1b[Jx\n")), (std::vector<std::string>{"a", "x", ""}));
  // ESC[1J clears the rows above, and blanks the current one up to the cursor (inclusive).
  EXPECT_EQ(Shown(Load("aaa\nbbb\n\x1b[1A\x1b[2C\x1b[1J\n")),
            (std::vector<std::string>{"", "   "}));
}

TEST(TerminalScreen, SaveAndRestoreCursor) {
  EXPECT_EQ(Shown(Load("\x1b"
                       "7one\ntwo\n\x1b"
                       "8ONE\n")),
            (std::vector<std::string>{"ONE", "two"}));
  EXPECT_EQ(Shown(Load("ab\x1b[s\ncd\n\x1b[uX\n")), (std::vector<std::string>{"abX", "cd"}));
}

TEST(TerminalScreen, CursorPositionStartsARowAsTerminalToHtmlDoes) {
  EXPECT_EQ(Shown(Load("one\x1b[H\x1b[1;3Htwo\n")), (std::vector<std::string>{"one", "  two"}));
}

TEST(TerminalScreen, MovesReachOnlyTheWindow) {
  std::string raw;
  for (int i = 0; i < 150; ++i) raw += "l" + std::to_string(i) + "\n";
  raw += "\x1b[200AX\n";
  const Document document = Load(raw);
  const std::vector<std::string> rows = Shown(document);
  ASSERT_EQ(rows.size(), 150u);
  EXPECT_EQ(rows[49], "l49");
  EXPECT_EQ(rows[50], "X50");  // the window's top row: 100 rows above the bottom
  EXPECT_EQ(rows[149], "l149");
}

TEST(TerminalScreen, LinesWithoutCrossLineMovesKeepTheFastPath) {
  const Document document = Load("a\x1b[31mred\x1b[0m\nDownloading 10%\rDownloading 100%\n");
  EXPECT_FALSE(document.is_terminal());
  EXPECT_TRUE(document.hides_text());
  EXPECT_EQ(Shown(document), (std::vector<std::string>{"ared", "Downloading 100%"}));
  const Document plain = Load("a\nb\n");
  EXPECT_FALSE(plain.hides_text());
  EXPECT_FALSE(plain.is_terminal());
}

TEST(TerminalScreen, RowsMapToTheRawLinesThatWroteThem) {
  const std::string raw = "a\nb\n\x1b[1A\rB\nc\n";
  const Document document = Load(raw);
  ASSERT_EQ(document.line_count(), 3u);
  EXPECT_EQ(document.row_source(0), (RowSource{0, 0, true}));
  EXPECT_EQ(document.row_source(1), (RowSource{1, 2, false}));
  EXPECT_EQ(document.row_source(2), (RowSource{3, 3, true}));
  const ByteRange bytes = document.row_bytes(1);
  EXPECT_EQ(raw.substr(bytes.begin, bytes.size()), "b\n\x1b[1A\rB");
}

TEST(TerminalScreen, StreamingRowsSettleAndSeveritiesStayConsistent) {
  const std::string bytes = ReadSample("docker-compose-pull.txt");
  Document document;
  size_t stable = 0;
  for (size_t at = 0; at < bytes.size(); at += 1000) {
    document.Append(std::string_view(bytes).substr(at, 1000));
    EXPECT_GE(document.stable_line_count(), stable);
    stable = document.stable_line_count();
    EXPECT_LE(stable, document.line_count());
    const auto& counts = document.severity_counts();
    EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), size_t{0}), document.line_count());
  }
  document.Finish();
  EXPECT_EQ(document.stable_line_count(), document.line_count());
  const auto& counts = document.severity_counts();
  EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), size_t{0}), document.line_count());
}

// Regression: issue #10. Search runs on what is shown.
TEST(SearchShown, HiddenBytesNeverMatchShownTextAlwaysDoes) {
  const Document document =
      Load("\x1b[31mERROR\x1b[0m boom\nplain 31m here\nER\x1b[1mROR split\nold 10%\rnew 100%\n");
  ASSERT_TRUE(document.hides_text());
  EXPECT_EQ(Count(document, "31m", true), 1u);  // only the visible "31m" on line 2
  EXPECT_EQ(Count(document, "ERROR"), 2u);      // incl. the one split by an SGR
  EXPECT_EQ(Count(document, "boom$"), 1u);      // '$' at the shown end, not before ESC[0m
  EXPECT_EQ(Count(document, "^ERROR boom$"), 1u);
  EXPECT_EQ(Count(document, "10%", true), 0u);  // overwritten by '\r'
  EXPECT_EQ(Count(document, "new 100%$"), 1u);
  SearchPattern split("ERROR split", SearchOptions{});
  const SearchSummary summary = SearchShown(document, split, 10);
  ASSERT_EQ(summary.hits.size(), 1u);
  EXPECT_EQ(summary.hits[0], (SearchHit{2, ByteRange{0, 11}}));  // offsets into the shown text
}

TEST(SearchShown, NextAndPreviousWalkShownLines) {
  // Rows: "xfoo", "bar", "foo" (the last raw line rewrites row 2 after a move up).
  const Document document = Load("x\x1b[31mfoo\x1b[0m\nbar\nfoo\x1b[1A\n\x1b[32mfoo\n");
  ASSERT_EQ(Shown(document), (std::vector<std::string>{"xfoo", "bar", "foo"}));
  SearchPattern foo("foo$", SearchOptions{});
  EXPECT_EQ(FindNextShown(document, foo, 0, false), (SearchHit{2, ByteRange{0, 3}}));
  EXPECT_EQ(FindNextShown(document, foo, 2, false), std::nullopt);
  EXPECT_EQ(FindNextShown(document, foo, 2, true), (SearchHit{0, ByteRange{1, 4}}));
  EXPECT_EQ(FindPreviousShown(document, foo, 2, false), (SearchHit{0, ByteRange{1, 4}}));
  EXPECT_EQ(FindPreviousShown(document, foo, 0, true), (SearchHit{2, ByteRange{0, 3}}));
  SearchPattern hidden("32m", SearchOptions{});
  EXPECT_EQ(FindNextShown(document, hidden, 0, true), std::nullopt);
}

TEST(SearchShown, FilesThatHideNothingUseTheRawSearch) {
  const Document document = Load("alpha 31m\nbeta\n");
  ASSERT_FALSE(document.hides_text());
  SearchPattern p("31m$", SearchOptions{});
  const SearchSummary summary = SearchShown(document, p, 10);
  ASSERT_EQ(summary.hits.size(), 1u);
  EXPECT_EQ(summary.hits[0], (SearchHit{0, ByteRange{6, 9}}));
}

// The real terminal-to-html fixture with cursor moves: every row drawn once, no escape left.
TEST(TerminalScreen, BuildahCaptureRendersWithoutEscapes) {
  const std::string bytes = ReadSample("buildah-build.sh.raw");
  const Document document = Load(bytes);
  EXPECT_TRUE(document.is_terminal());
  EXPECT_LT(document.line_count(), document.index().line_count());
  for (const std::string& row : Shown(document)) {
    EXPECT_EQ(row.find('\x1b'), std::string::npos) << row;
  }
}

}  // namespace
}  // namespace logstow::viewer
