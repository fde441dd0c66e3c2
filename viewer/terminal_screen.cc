#include "viewer/terminal_screen.h"

#include <algorithm>
#include <cstring>

#include "common/utf8.h"
#include "viewer/ansi_token.h"

namespace logstow::viewer {

namespace {

// CSI finals that move the cursor to another row or erase other rows ('d' (VPA) is dropped,
// like terminal-to-html: it needs the terminal's height).
bool IsCrossLineCsi(char final_byte) {
  return std::strchr("ABEFHfJsu", final_byte) != nullptr && final_byte != '\0';
}

bool IsCrossLineEscape(char final_byte) {
  return final_byte == '7' || final_byte == '8' || final_byte == 'M' || final_byte == 'D' ||
         final_byte == 'E';
}

}  // namespace

bool TerminalScreen::MovesAcrossLines(std::string_view line) {
  size_t i = line.find('\x1b');
  AnsiToken token;
  while (i != std::string_view::npos && i < line.size()) {
    i = NextAnsiToken(line, i, &token);
    if (token.kind == AnsiToken::Kind::kCsi && token.plain && IsCrossLineCsi(token.final_byte)) {
      return true;
    }
    if (token.kind == AnsiToken::Kind::kEscape && IsCrossLineEscape(token.final_byte)) {
      return true;
    }
    i = line.find('\x1b', i);
  }
  return false;
}

TerminalScreen::TerminalScreen(uint32_t first_line) : first_line_(first_line), line_(first_line) {}

void TerminalScreen::AddLine(const LineIndex& index, uint32_t n) {
  line_ = n;
  const std::string_view raw = index.line_text(n);
  blank_budget_ += 16 * raw.size();
  style_ = AnsiStyle{};
  link_.clear();
  // The common case: a line that stays on its own new row is that raw line; nothing to draw.
  if (y_ == window_.size() && !MovesAcrossLines(raw)) {
    window_.push_back(Row{RowSource{n, n, true}, {}, {}});
    y_ = window_.size();
    x_ = 0;
    if (window_.size() > kWindowRows) SettleFront();
    return;
  }
  AnsiToken token;
  for (size_t i = 0; i < raw.size();) {
    i = NextAnsiToken(raw, i, &token);
    switch (token.kind) {
      case AnsiToken::Kind::kText:
        Put(index, token.code_point);
        break;
      case AnsiToken::Kind::kControl:
        if (token.control == '\r') {
          x_ = 0;
        } else if (token.control == '\b') {
          x_ -= std::min<size_t>(x_, 1);
        } else {
          Put(index, token.control == 0x7F ? 0x2421 : 0x2400 + token.control);
        }
        break;
      case AnsiToken::Kind::kCsi:
        if (token.plain) ApplyCsi(index, token.final_byte, token.params);
        break;
      case AnsiToken::Kind::kEscape:
        switch (token.final_byte) {
          case '7':
            saved_y_ = y_;
            saved_x_ = x_;
            break;
          case '8':
            y_ = std::min(saved_y_, window_.size());
            x_ = saved_x_;
            break;
          case 'M':
            Up(1);
            break;
          case 'D':
            LineFeed();
            break;
          case 'E':
            x_ = 0;
            LineFeed();
            break;
          default:
            break;
        }
        break;
      case AnsiToken::Kind::kLink:
        link_.assign(token.url);
        break;
      case AnsiToken::Kind::kNone:
        break;
    }
  }
  x_ = 0;
  LineFeed();
}

void TerminalScreen::ApplyCsi(const LineIndex& index, char final_byte, std::string_view params) {
  const auto count = [&] { return static_cast<size_t>(std::max(CsiParam(params, 0, 1), 1)); };
  switch (final_byte) {
    case 'm':
      ApplySgr(params, &style_);
      break;
    case 'A':
      Up(count());
      break;
    case 'B':
      Down(count());
      break;
    case 'E':
      x_ = 0;
      Down(count());
      break;
    case 'F':
      x_ = 0;
      Up(count());
      break;
    case 'C':
      Column(x_ + std::min(count(), kMaxColumns));
      break;
    case 'D':
      x_ -= std::min(x_, count());
      break;
    case 'G':
      Column(count() - 1);
      break;
    case 'H':
    case 'f':
      // The row is unknowable without the terminal's height: start the next row if this one
      // has text (terminal-to-html's reading), then take the column.
      if (y_ < window_.size()) {
        const Row& row = window_[y_];
        if (row.source.raw ? !index.line_text(row.source.first_line).empty() : !row.cells.empty()) {
          ++y_;
        }
      }
      Column(static_cast<size_t>(std::max(CsiParam(params, 1, 1), 1) - 1));
      break;
    case 'J':
      EraseInDisplay(index, CsiParam(params, 0, 0));
      break;
    case 'K':
      EraseInLine(index, CsiParam(params, 0, 0));
      break;
    case 's':
      saved_y_ = y_;
      saved_x_ = x_;
      break;
    case 'u':
      y_ = std::min(saved_y_, window_.size());
      x_ = saved_x_;
      break;
    default:
      break;
  }
}

TerminalScreen::Row& TerminalScreen::Materialize(const LineIndex& index, size_t y) {
  Row& row = window_[y];
  if (!row.source.raw) return row;
  row.source.raw = false;
  CleanLine clean;
  ScrubLine(index.line_text(row.source.first_line), &clean);
  row.cells.clear();
  row.links.clear();
  size_t style = 0, link = 0;
  for (size_t at = 0; at < clean.text.size();) {
    const Utf8Step step = DecodeUtf8(std::string_view(clean.text).substr(at));
    Cell cell{step.code_point, AnsiStyle{}, 0};
    while (style < clean.styles.size() && clean.styles[style].end <= at) ++style;
    if (style < clean.styles.size() && clean.styles[style].begin <= at) {
      cell.style = clean.styles[style].style;
    }
    while (link < clean.links.size() && clean.links[link].end <= at) ++link;
    if (link < clean.links.size() && clean.links[link].begin <= at) {
      if (row.links.empty() || row.links.back() != clean.links[link].url) {
        row.links.push_back(clean.links[link].url);
      }
      cell.link = static_cast<uint16_t>(std::min<size_t>(row.links.size(), 0xFFFF));
    }
    row.cells.push_back(cell);
    at += step.length;
  }
  return row;
}

TerminalScreen::Row& TerminalScreen::CurrentRow(const LineIndex& index) {
  if (y_ == window_.size()) {
    window_.push_back(Row{RowSource{line_, line_, false}, {}, {}});
    if (window_.size() > kWindowRows) SettleFront();
  }
  Row& row = Materialize(index, y_);
  row.source.last_line = line_;
  return row;
}

void TerminalScreen::Put(const LineIndex& index, char32_t code_point) {
  Row& row = CurrentRow(index);
  if (x_ > row.cells.size()) {
    if (Spend(x_ - row.cells.size())) {
      row.cells.resize(x_);
    } else {
      x_ = row.cells.size();
    }
  }
  Cell cell{code_point, style_, 0};
  if (!link_.empty()) {
    if (row.links.empty() || row.links.back() != link_) row.links.push_back(link_);
    cell.link = static_cast<uint16_t>(std::min<size_t>(row.links.size(), 0xFFFF));
  }
  if (x_ == row.cells.size()) {
    row.cells.push_back(cell);
  } else {
    row.cells[x_] = cell;
  }
  ++x_;
}

void TerminalScreen::LineFeed() {
  if (y_ == window_.size()) {
    window_.push_back(Row{RowSource{line_, line_, false}, {}, {}});
    if (window_.size() > kWindowRows) SettleFront();
  }
  ++y_;
}

void TerminalScreen::Up(size_t n) { y_ -= std::min(y_, n); }

void TerminalScreen::Down(size_t n) {
  y_ = std::min(y_ + std::min(n, kWindowRows), window_.size());
}

bool TerminalScreen::Spend(size_t blanks) {
  if (blanks > blank_budget_) return false;
  blank_budget_ -= blanks;
  return true;
}

void TerminalScreen::Clear(size_t y) {
  Row& row = window_[y];
  row.source.raw = false;
  row.source.last_line = line_;
  row.cells.clear();
  row.links.clear();
}

void TerminalScreen::EraseInLine(const LineIndex& index, int mode) {
  if (y_ == window_.size()) return;  // the row below the last: nothing drawn there yet
  if (mode == 2) {
    Clear(y_);
    return;
  }
  Row& row = Materialize(index, y_);
  row.source.last_line = line_;
  if (mode == 0) {
    if (x_ < row.cells.size()) row.cells.resize(x_);
  } else if (mode == 1) {
    const size_t end = std::min(row.cells.size(), x_ + 1);
    if (!Spend(end)) return;
    for (size_t i = 0; i < end; ++i) row.cells[i] = Cell{};
  }
}

void TerminalScreen::EraseInDisplay(const LineIndex& index, int mode) {
  if (mode == 0) {
    EraseInLine(index, 0);
    for (size_t y = y_ + 1; y < window_.size(); ++y) Clear(y);
  } else if (mode == 1) {
    for (size_t y = 0; y < std::min(y_, window_.size()); ++y) Clear(y);
    EraseInLine(index, 1);
  } else if (mode == 2 || mode == 3) {
    for (size_t y = 0; y < window_.size(); ++y) Clear(y);
  }
}

void TerminalScreen::SettleFront() {
  const Row& row = window_.front();
  Settled settled{row.source};
  if (!row.source.raw) {
    CleanLine clean;
    Emit(row, &clean);
    text_ += clean.text;
    styles_.insert(styles_.end(), clean.styles.begin(), clean.styles.end());
    for (LinkRun& link : clean.links) links_.push_back(std::move(link));
  }
  settled.text_end = static_cast<uint32_t>(text_.size());
  settled.styles_end = static_cast<uint32_t>(styles_.size());
  settled.links_end = static_cast<uint32_t>(links_.size());
  settled_.push_back(settled);
  window_.pop_front();
  y_ -= std::min<size_t>(y_, 1);
  saved_y_ -= std::min<size_t>(saved_y_, 1);
}

void TerminalScreen::Finish() {
  while (!window_.empty()) SettleFront();
  y_ = 0;
}

RowSource TerminalScreen::source(size_t r) const {
  if (r < settled_.size()) return settled_[r].source;
  return window_[r - settled_.size()].source;
}

void TerminalScreen::RowText(const LineIndex& index, size_t r, CleanLine* out) const {
  const RowSource src = source(r);
  if (src.raw) {
    ScrubLine(index.line_text(src.first_line), out);
    return;
  }
  if (r >= settled_.size()) {
    Emit(window_[r - settled_.size()], out);
    return;
  }
  const Settled& row = settled_[r];
  const Settled before = r > 0 ? settled_[r - 1] : Settled{};
  out->text.assign(text_, before.text_end, row.text_end - before.text_end);
  out->styles.assign(styles_.begin() + before.styles_end, styles_.begin() + row.styles_end);
  out->links.assign(links_.begin() + before.links_end, links_.begin() + row.links_end);
}

void TerminalScreen::Emit(const Row& row, CleanLine* out) const {
  out->text.clear();
  out->styles.clear();
  out->links.clear();
  for (const Cell& cell : row.cells) {
    const uint32_t begin = static_cast<uint32_t>(out->text.size());
    AppendUtf8(cell.code_point, &out->text);
    const uint32_t end = static_cast<uint32_t>(out->text.size());
    if (!cell.style.is_default()) {
      if (!out->styles.empty() && out->styles.back().end == begin &&
          out->styles.back().style == cell.style) {
        out->styles.back().end = end;
      } else {
        out->styles.push_back(StyleRun{begin, end, cell.style});
      }
    }
    if (cell.link != 0) {
      const std::string& url = row.links[cell.link - 1];
      if (!out->links.empty() && out->links.back().end == begin && out->links.back().url == url) {
        out->links.back().end = end;
      } else {
        out->links.push_back(LinkRun{begin, end, url});
      }
    }
  }
}

size_t TerminalScreen::memory_bytes() const {
  size_t bytes = settled_.capacity() * sizeof(Settled) + text_.capacity() +
                 styles_.capacity() * sizeof(StyleRun) + links_.capacity() * sizeof(LinkRun);
  for (const Row& row : window_) bytes += sizeof(Row) + row.cells.capacity() * sizeof(Cell);
  return bytes;
}

}  // namespace logstow::viewer
