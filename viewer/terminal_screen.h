// Terminal captures: a log whose lines move the cursor to other lines (docker compose pull, npm,
// buildah, anything that redraws a progress region) drawn as a terminal leaves the screen, so
// each redrawn region shows its final state once instead of every spinner frame (Buildkite's
// terminal-to-html does this for its logs; this is our own code, compared with its fixtures).
//
// Rows: the screen's rows, top to bottom; row 0 is raw line `first_line()` (Document keeps the
// rows before it one per raw line). Raw lines are fed in order, each ending with a newline.
// Each row remembers the raw lines that wrote it, first and last (RowSource), for Raw links,
// permalinks and search hits.
// Acted on, besides what ansi.h does on one line: cursor up/down ("CSI n A/B", "CSI n E/F",
// ESC M, ESC D, ESC E), "CSI r;c H"/"f" (as terminal-to-html: the capture does not say how tall
// the terminal was, so it starts the next row when the current one has text, then sets the
// column), erase in display ("CSI J" 0/1/2/3 on the window's rows), erase in line ("CSI K"),
// save/restore (ESC 7/8, "CSI s/u"). SGR and OSC 8 state start afresh on each raw line (as in
// ansi.h). Not emulated: auto-wrap at a terminal width (a long line is one row, and cursor moves
// count rows; terminal-to-html wraps at 160 columns, so where a line over 160 columns sits inside
// a redrawn region, it ends one row lower: of its fixtures, buildah-build.sh.raw shows one
// leftover progress row fewer here, while docker-compose-pull, docker-pull, curl and
// cursor-save-restore give the same rows), scroll regions, the alternate screen, insert/delete
// line, "CSI d"; those sequences are dropped.
// Bounds: the cursor reaches the last kWindowRows rows only (terminal-to-html's 100-row window);
// rows above are settled and never change. Column moves stop at kMaxColumns, and the blank cells
// that moves and erases write are paid from a budget of 16 per byte fed + 1 Mi, so a hostile
// file costs O(its size) time and memory.
// Memory: per settled row 24 bytes; a row that a single raw line wrote alone, from its start,
// keeps no text (it is that line, drawn by ansi.h); any other row keeps its shown text and style
// runs (at most the text on screen). The window holds at most kWindowRows rows of cells (20
// bytes a column). Work: O(bytes) for lines without cross-line moves (one scan each), plus
// O(cells touched) for the others.
// Not thread-safe: one owner (Document) makes every non-const call. Never throws.
// Tested by tests/unit/viewer/terminal_screen_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "viewer/ansi.h"
#include "viewer/line_index.h"

namespace logstow::viewer {

// The raw lines [first_line, last_line] (0-based, inclusive) that wrote a row. `raw`: the row is
// exactly raw line first_line (== last_line) as ansi.h's ScrubLine draws it.
struct RowSource {
  uint32_t first_line = 0;
  uint32_t last_line = 0;
  bool raw = false;
  bool operator==(const RowSource&) const = default;
};

class TerminalScreen {
 public:
  static constexpr size_t kWindowRows = 100;
  static constexpr size_t kMaxColumns = 1024;

  // True when `line` holds a sequence that moves the cursor to another row or erases other rows
  // (the ones listed above). O(size); only bytes after an ESC are parsed.
  static bool MovesAcrossLines(std::string_view line);

  // A screen whose row 0 will be raw line `first_line`.
  explicit TerminalScreen(uint32_t first_line);

  // Draws raw line n of `index` (the next one: first_line() + lines fed so far), then a newline.
  void AddLine(const LineIndex& index, uint32_t n);
  // No more lines: every row settles.
  void Finish();

  uint32_t first_line() const { return first_line_; }
  // Rows so far: settled ones plus the window's (which later lines may still change).
  size_t row_count() const { return settled_.size() + window_.size(); }
  // Rows that can no longer change (all of them after Finish()).
  size_t settled_count() const { return settled_.size(); }

  // REQUIRES: r < row_count().
  RowSource source(size_t r) const;
  // The shown text of row r (ansi.h's CleanLine). REQUIRES: r < row_count(); `index` the one fed.
  void RowText(const LineIndex& index, size_t r, CleanLine* out) const;

  size_t memory_bytes() const;

 private:
  struct Cell {
    char32_t code_point = U' ';
    AnsiStyle style;
    uint16_t link = 0;  // 1-based into Row::links; 0 = none
  };
  struct Row {
    RowSource source;
    std::vector<Cell> cells;  // empty while source.raw
    std::vector<std::string> links;
  };
  struct Settled {
    RowSource source;
    uint32_t text_end = 0;    // this row's text is text_[previous text_end, text_end)
    uint32_t styles_end = 0;  // likewise into styles_ (offsets relative to the row's text)
    uint32_t links_end = 0;   // likewise into links_
  };

  Row& Materialize(const LineIndex& index, size_t y);
  Row& CurrentRow(const LineIndex& index);
  void Put(const LineIndex& index, char32_t code_point);
  void LineFeed();
  void Up(size_t n);
  void Down(size_t n);
  void Column(size_t x) { x_ = std::min(x, kMaxColumns); }
  void EraseInLine(const LineIndex& index, int mode);
  void EraseInDisplay(const LineIndex& index, int mode);
  void Clear(size_t y);
  bool Spend(size_t blanks);
  void ApplyCsi(const LineIndex& index, char final_byte, std::string_view params);
  void SettleFront();
  void Emit(const Row& row, CleanLine* out) const;

  uint32_t first_line_;
  uint32_t line_ = 0;  // the raw line being drawn
  std::deque<Row> window_;
  size_t y_ = 0;  // row in window_; window_.size() = the row below the last one (not yet made)
  size_t x_ = 0;
  size_t saved_y_ = 0, saved_x_ = 0;
  AnsiStyle style_;
  std::string link_;
  size_t blank_budget_ = 1 << 20;

  std::vector<Settled> settled_;
  std::string text_;
  std::vector<StyleRun> styles_;
  std::vector<LinkRun> links_;
};

}  // namespace logstow::viewer
