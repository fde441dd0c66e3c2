// One log line as a terminal would show it: ANSI escape sequences and carriage returns applied,
// text out as valid UTF-8 with style and link runs beside it (the design of lnav's
// src/base/ansi_scrubber.hh, extended with the single-line cursor moves that CI logs use).
//
// Applied: SGR (ECMA-48 "CSI ... m": bold, dim, italic, underline, inverse, strike; 16 colours,
// 256-colour "38;5;n", 24-bit "38;2;r;g;b", also in the ':' forms) become StyleRuns; '\r' moves
// the cursor to column 0 so later text overwrites earlier text (progress bars show their last
// state); '\b' moves back one column; "CSI K" (erase in line), "CSI G/C/D" (cursor column) act on
// the line; OSC 8 hyperlinks become LinkRuns only when the URI is http:// or https:// (any other
// scheme keeps the text and drops the link). Removed: every other CSI (the moves to other lines
// among them: terminal_screen.h renders files that use those), OSC, APC (Buildkite's
// "\e_bk;t=...\a" timestamps), DCS, PM, SOS and two/three-byte escape (ansi_token.h frames
// them). An ESC that starts no complete sequence (a lone ESC, or a sequence the line ends
// before completing) is dropped alone and the text after it shows. SGR state does not carry
// from one line to the next. Other C0 controls (except '\t') show as control pictures
// (U+2400 + c, DEL as U+2421); invalid UTF-8 shows as U+FFFD (see utf8.h). Columns are code
// points (no wide-character widths).
// Offsets in runs are bytes into CleanLine::text. Pure functions, thread-safe.
// Tested by tests/unit/viewer/ansi_test.cc; fuzzed by fuzz/line_index_ansi_fuzzer.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace logstow::viewer {

struct AnsiColor {
  enum class Kind : uint8_t { kDefault, kPalette, kRgb };
  Kind kind = Kind::kDefault;
  uint8_t index = 0;  // kPalette: 0-7 normal, 8-15 bright, 16-255 the xterm 256-colour cube/greys
  uint8_t r = 0, g = 0, b = 0;  // kRgb
  bool operator==(const AnsiColor&) const = default;
};

struct AnsiStyle {
  static constexpr uint8_t kBold = 1, kDim = 2, kItalic = 4, kUnderline = 8, kInverse = 16,
                           kStrike = 32;
  AnsiColor fg, bg;
  uint8_t flags = 0;
  bool is_default() const { return *this == AnsiStyle{}; }
  bool operator==(const AnsiStyle&) const = default;
};

// [begin, end) bytes of CleanLine::text drawn in `style`; only non-default styles get a run;
// runs are sorted, non-empty and do not overlap.
struct StyleRun {
  uint32_t begin = 0;
  uint32_t end = 0;
  AnsiStyle style;
};

// [begin, end) bytes of CleanLine::text that an OSC 8 hyperlink covers; `url` is http(s) only.
struct LinkRun {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string url;
};

struct CleanLine {
  std::string text;  // valid UTF-8, no escape sequences, no '\r', no C0 controls but '\t'
  std::vector<StyleRun> styles;
  std::vector<LinkRun> links;
};

// True when `raw` holds anything that ScrubLine changes (ESC, '\r', '\b', other C0 controls,
// DEL, bytes >= 0x80 that might be invalid UTF-8): a cheap test that lets plain ASCII lines skip
// the scrubber. O(size).
bool NeedsScrubbing(std::string_view raw);

// True when `line` holds ESC, '\r' or '\b': bytes that can hide or overwrite text, so its shown
// text may read differently from its bytes. O(size), 8 bytes at a time.
bool HasTerminalControls(std::string_view line);

// True when ScrubLine shows `line` as exactly its bytes: no ESC, '\r' or '\b' (text hidden or
// overwritten), no other C0 control but '\t' and no DEL (shown as control pictures, U+2400 + c
// and U+2421), no invalid UTF-8 (shown as U+FFFD, one per maximal invalid subpart). O(size),
// stopping at the first such byte: ASCII 8 bytes at a time, each non-ASCII character decoded.
bool ShowsAsItsBytes(std::string_view line);

// The text ScrubLine shows for `raw`, without its styles and links, when `raw` moves no cursor:
// no '\r', '\b' or other C0 control (but '\t'), no "CSI K/G/C/D". Returns false when it does (then
// ScrubLine is the way). Search uses it: no cells, no style table. O(size); never throws.
bool ShownTextWithoutCursor(std::string_view raw, std::string* out);

// Replaces *out with `raw` (one line, terminator excluded) as a terminal shows it. O(size) plus
// O(overwritten columns); never throws.
void ScrubLine(std::string_view raw, CleanLine* out);

// The xterm 256-colour palette entry nearest to an RGB colour (16-255, the cube and the greys),
// so 24-bit colours can be drawn with palette classes under a strict CSP.
uint8_t NearestPaletteIndex(uint8_t r, uint8_t g, uint8_t b);

}  // namespace logstow::viewer
