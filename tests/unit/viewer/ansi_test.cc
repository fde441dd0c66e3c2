#include "viewer/ansi.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/testing/viewer_samples.h"
#include "viewer/line_index.h"

namespace logstow::viewer {
namespace {

CleanLine Scrub(std::string_view raw) {
  CleanLine line;
  ScrubLine(raw, &line);
  return line;
}

AnsiColor Palette(uint8_t index) { return AnsiColor{AnsiColor::Kind::kPalette, index}; }
AnsiColor Rgb(uint8_t r, uint8_t g, uint8_t b) {
  return AnsiColor{AnsiColor::Kind::kRgb, 0, r, g, b};
}

TEST(ScrubLine, RemovesEscapesAndKeepsTheText) {
  struct Case {
    const char* name;
    std::string raw;
    std::string text;
  };
  const Case cases[] = {
      {"plain", "hello", "hello"},
      {"sgr", "\x1b[31mred\x1b[0m done", "red done"},
      {"cursor hide (private CSI)", "\x1b[?25lx\x1b[?25h", "x"},
      {"buildkite APC timestamp", "\x1b_bk;t=1729032357206\x07~~~ Preparing", "~~~ Preparing"},
      {"OSC title with ST", "\x1b]0;title\x1b\\text", "text"},
      {"charset designation", "\x1b(Bplain", "plain"},
      {"carriage return overwrites", "10%\r50%\r100%", "100%"},
      {"shorter overwrite keeps the rest", "abcdef\rXY", "XYcdef"},
      {"erase line after overwrite", "abcdef\rXY\x1b[K", "XY"},
      {"progress with erase", "Counting:   0%\x1b[K\rCounting: 100%\x1b[K\r\r", "Counting: 100%"},
      {"backspace", "ab\bc", "ac"},
      {"cursor column", "abc\x1b[2Gx", "axc"},
      {"cursor forward pads", "a\x1b[3Cb", "a   b"},
      {"erase whole line", "old\x1b[2Knew", "   new"},
      {"controls as pictures",
       std::string("a\0b\x07"
                   "c",
                   5),
       "a\xE2\x90\x80"
       "b\xE2\x90\x87"
       "c"},
      {"invalid utf-8 kept as U+FFFD", "x\xFF\x1b[1my", "x\xEF\xBF\xBDy"},
      // Regression: issue #10. An ESC that starts no complete sequence is dropped alone.
      {"unterminated CSI shows its bytes", "text\x1b[31", "text[31"},
      {"lone ESC before text", "a\x1bhello \x1b[1mworld", "ahello world"},
      {"unterminated OSC shows its bytes", "\x1b]0;title without end", "]0;title without end"},
      {"malformed CSI keeps the text", "\x1b[12\x01ok", "[12\xE2\x90\x81ok"},
      {"two-byte escape", "\x1b=keypad", "keypad"},
      {"lone ESC at end", "text\x1b", "text"},
      {"tab kept", "a\tb\x1b[0m", "a\tb"},
  };
  size_t without_cursor = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Scrub(c.raw).text, c.text);
    // The cursor-free shortcut search uses gives the same text whenever it applies.
    std::string text;
    if (ShownTextWithoutCursor(c.raw, &text)) {
      EXPECT_EQ(text, c.text);
      ++without_cursor;
    }
  }
  EXPECT_GE(without_cursor, 10u);
}

TEST(ScrubLine, SgrBecomesStyleRuns) {
  const CleanLine line =
      Scrub("\x1b[1;31mERR\x1b[0m ok \x1b[4;38;5;208mo\x1b[38;2;1;2;3;48;5;4mr\x1b[m");
  EXPECT_EQ(line.text, "ERR ok or");
  ASSERT_EQ(line.styles.size(), 3u);
  EXPECT_EQ(line.styles[0].begin, 0u);
  EXPECT_EQ(line.styles[0].end, 3u);
  EXPECT_EQ(line.styles[0].style.fg, Palette(1));
  EXPECT_EQ(line.styles[0].style.flags, AnsiStyle::kBold);
  EXPECT_EQ(line.styles[1].style.fg, Palette(208));
  EXPECT_EQ(line.styles[1].style.flags, AnsiStyle::kUnderline);
  EXPECT_EQ(line.styles[2].style.fg, Rgb(1, 2, 3));
  EXPECT_EQ(line.styles[2].style.bg, Palette(4));
}

TEST(ScrubLine, SixteenColoursAndTheColonForms) {
  EXPECT_EQ(Scrub("\x1b[92mx").styles.at(0).style.fg, Palette(10));
  EXPECT_EQ(Scrub("\x1b[104mx").styles.at(0).style.bg, Palette(12));
  EXPECT_EQ(Scrub("\x1b[38:5:196mx").styles.at(0).style.fg, Palette(196));
  EXPECT_EQ(Scrub("\x1b[38:2::10:20:30mx").styles.at(0).style.fg, Rgb(10, 20, 30));
  EXPECT_EQ(Scrub("\x1b[38:2:10:20:30mx").styles.at(0).style.fg, Rgb(10, 20, 30));
  EXPECT_TRUE(Scrub("\x1b[31m\x1b[39mx").styles.empty());
  EXPECT_TRUE(Scrub("\x1b[1m\x1b[22mx").styles.empty());
}

TEST(ScrubLine, Osc8LinksOnlyForHttpSchemes) {
  const CleanLine http = Scrub("see \x1b]8;;https://example.com/a\x1b\\docs\x1b]8;;\x1b\\ now");
  EXPECT_EQ(http.text, "see docs now");
  ASSERT_EQ(http.links.size(), 1u);
  EXPECT_EQ(http.links[0].url, "https://example.com/a");
  EXPECT_EQ(http.links[0].begin, 4u);
  EXPECT_EQ(http.links[0].end, 8u);
  const CleanLine js = Scrub(
      "\x1b]8;;javascript:alert(1)\x07"
      "click\x1b]8;;\x07");
  EXPECT_EQ(js.text, "click");
  EXPECT_TRUE(js.links.empty());
  EXPECT_TRUE(Scrub("\x1b]8;;file:///etc/passwd\x07x").links.empty());
}

// A hostile line of many large cursor jumps stays small: jumps stop at column
// max(line length, 65,536), so 100 kB of "\e[65535Cx" is at most 100 k cells, not 655 M.
TEST(ScrubLine, CursorJumpsCannotInflateALine) {
  std::string raw;
  for (int i = 0; i < 10000; ++i) raw += "\x1b[65535Cx";
  EXPECT_LE(Scrub(raw).text.size(), raw.size() + 1);
  EXPECT_LE(Scrub("a\x1b[999999Gb").text.size(), 65537u);
}

// Erasing and re-padding far columns again and again costs linear time, not quadratic: without
// the blank-cell budget this line means ~1.3 * 10^9 cell writes (seconds); with it, milliseconds.
// (No time is asserted; a regression shows as this test's run time.)
TEST(ScrubLine, RepeatedFarJumpsAndErasesStayLinear) {
  std::string raw;
  for (int i = 0; i < 20000; ++i) raw += "\x1b[65535Cx\x1b[1G\x1b[K\x1b[1K";
  const CleanLine line = Scrub(raw);
  EXPECT_LE(line.text.size(), raw.size() + 1);
  EXPECT_EQ(line.text.find_first_not_of(" x"), std::string::npos);
}

TEST(NearestPaletteIndex, MapsToTheCubeOrTheGreys) {
  EXPECT_EQ(NearestPaletteIndex(255, 0, 0), 196);
  EXPECT_EQ(NearestPaletteIndex(0, 0, 0), 16);
  EXPECT_EQ(NearestPaletteIndex(128, 128, 128), 244);
}

// The Buildkite captures (tests/data/SOURCES.md): every line scrubs to text without escape
// bytes, and the colours arrive as style runs.
TEST(ScrubLine, AnsiSamplesLeaveNoRawEscapes) {
  struct Sample {
    const char* name;
    size_t min_styled_lines;
  };
  for (const Sample& s : {Sample{"npm.sh.raw.gz", 4000}, Sample{"buildah-build.sh.raw", 10},
                          Sample{"pikachu.sh.raw", 30}}) {
    SCOPED_TRACE(s.name);
    LineIndex index;
    index.Append(testing::ReadSample(s.name));
    index.Finish();
    size_t styled = 0, palette256 = 0;
    CleanLine line;
    for (size_t n = 0; n < index.line_count(); ++n) {
      ScrubLine(index.line_text(n), &line);
      ASSERT_EQ(line.text.find('\x1b'), std::string::npos) << "line " << n + 1;
      ASSERT_EQ(line.text.find('\r'), std::string::npos) << "line " << n + 1;
      ASSERT_EQ(line.text.find('\a'), std::string::npos) << "line " << n + 1;
      if (!line.styles.empty()) ++styled;
      for (const StyleRun& run : line.styles) {
        if (run.style.fg.kind == AnsiColor::Kind::kPalette && run.style.fg.index >= 16)
          ++palette256;
        if (run.style.bg.kind == AnsiColor::Kind::kPalette && run.style.bg.index >= 16)
          ++palette256;
      }
    }
    EXPECT_GE(styled, s.min_styled_lines);
    if (std::string_view(s.name) == "pikachu.sh.raw") {
      EXPECT_GT(palette256, 500u);
    }
  }
}

TEST(ScrubLine, BuildahProgressLinesShowTheirLastState) {
  LineIndex index;
  index.Append(testing::ReadSample("buildah-build.sh.raw"));
  index.Finish();
  // Line 9 (1-based) is "remote: Counting objects:   0% (1/1011)\e[K...\r" 100 times over.
  CleanLine line;
  ScrubLine(index.line_text(8), &line);
  EXPECT_EQ(line.text, "remote: Counting objects: 100% (1011/1011), done.");
}

TEST(ShowsAsItsBytes, FindsEveryByteShownAsSomethingElse) {
  EXPECT_TRUE(ShowsAsItsBytes(""));
  EXPECT_TRUE(ShowsAsItsBytes("plain text, tabs\tand all ~"));
  EXPECT_TRUE(ShowsAsItsBytes("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80 long enough text"));
  for (const std::string& other :
       {std::string("a\x1b[31mred"), std::string("progress\r100%"), std::string("x\b"),
        std::string("caf\xE9 ok"), std::string("cut \xE2\x82"),
        std::string("\xED\xA0\x80 surrogate"), std::string("overlong \xC0\xAF"),
        std::string("\xF4\x90\x80\x80 above U+10FFFF"), std::string("lone \x80"),
        std::string("0123456789abcdef\xFF"), std::string("nul \0 in", 8),
        std::string("form\x0c"
                    "feed"),
        std::string("del \x7f"), std::string("0123456789\x7f abcdefgh"),
        std::string("\x1f unit sep")}) {
    SCOPED_TRACE(other);
    EXPECT_FALSE(ShowsAsItsBytes(other));
    CleanLine clean;
    ScrubLine(other, &clean);
    EXPECT_NE(clean.text, other);
  }
}

}  // namespace
}  // namespace logstow::viewer
