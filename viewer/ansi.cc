#include "viewer/ansi.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "common/utf8.h"
#include "viewer/ansi_token.h"

namespace logstow::viewer {

namespace {

// One column of the line being drawn.
struct Cell {
  char32_t code_point;
  uint32_t style;  // index into Screen::styles
  uint32_t link;   // index into Screen::links; 0 = none
};

// The single line of "terminal" the raw bytes are drawn on.
class Screen {
 public:
  // Cursor jumps ("CSI n C", "CSI n G") never go past max(max_column, 65536), so a line of many
  // large jumps cannot blow a few bytes up into millions of blank cells; and the blank cells that
  // jumps and erases write are paid from a budget linear in the line's length, past which they
  // are skipped: a hostile line costs O(its length), never O(length^2).
  explicit Screen(size_t max_column)
      : max_column_(std::max<size_t>(max_column, 1 << 16)),
        blank_budget_(16 * max_column + (1 << 20)) {
    styles_.emplace_back();
    links_.emplace_back();
  }

  void Put(char32_t code_point) {
    if (cursor_ > cells_.size()) {
      if (Spend(cursor_ - cells_.size())) {
        cells_.resize(cursor_, Cell{U' ', 0, 0});
      } else {
        cursor_ = cells_.size();
      }
    }
    const Cell cell{code_point, style_id_, link_id_};
    if (cursor_ == cells_.size()) {
      cells_.push_back(cell);
    } else {
      cells_[cursor_] = cell;
    }
    ++cursor_;
  }
  void CarriageReturn() { cursor_ = 0; }
  void Back(size_t n) { cursor_ -= std::min(n, cursor_); }
  void Forward(size_t n) { cursor_ = std::min(cursor_ + std::min(n, max_column_), max_column_); }
  void Column(size_t n) { cursor_ = std::min(n, max_column_); }
  void EraseInLine(int mode) {
    if (mode == 0) {
      if (cursor_ < cells_.size()) cells_.resize(cursor_);
    } else if (mode == 1) {
      const size_t end = std::min(cells_.size(), cursor_ + 1);
      if (!Spend(end)) return;
      for (size_t i = 0; i < end; ++i) cells_[i] = Cell{U' ', 0, 0};
    } else if (mode == 2) {
      cells_.clear();
    }
  }

  // Takes n from the blank-cell budget; false (and nothing taken) if it does not hold n.
  bool Spend(size_t n) {
    if (n > blank_budget_) return false;
    blank_budget_ -= n;
    return true;
  }

  const AnsiStyle& style() const { return current_; }
  void SetStyle(const AnsiStyle& style) {
    if (style == current_) return;
    current_ = style;
    if (style == styles_[style_id_]) return;
    styles_.push_back(style);
    style_id_ = static_cast<uint32_t>(styles_.size() - 1);
  }
  void SetLink(std::string_view url) {
    if (url.empty()) {
      link_id_ = 0;
      return;
    }
    links_.emplace_back(url);
    link_id_ = static_cast<uint32_t>(links_.size() - 1);
  }

  void Emit(CleanLine* out) const {
    out->text.clear();
    out->styles.clear();
    out->links.clear();
    out->text.reserve(cells_.size());
    for (const Cell& cell : cells_) {
      const uint32_t begin = static_cast<uint32_t>(out->text.size());
      AppendUtf8(cell.code_point, &out->text);
      const uint32_t end = static_cast<uint32_t>(out->text.size());
      const AnsiStyle& style = styles_[cell.style];
      if (!style.is_default()) {
        if (!out->styles.empty() && out->styles.back().end == begin &&
            out->styles.back().style == style) {
          out->styles.back().end = end;
        } else {
          out->styles.push_back(StyleRun{begin, end, style});
        }
      }
      if (cell.link != 0) {
        if (!out->links.empty() && out->links.back().end == begin &&
            out->links.back().url == links_[cell.link]) {
          out->links.back().end = end;
        } else {
          out->links.push_back(LinkRun{begin, end, links_[cell.link]});
        }
      }
    }
  }

 private:
  std::vector<Cell> cells_;
  size_t cursor_ = 0;
  size_t max_column_;
  size_t blank_budget_;
  std::vector<AnsiStyle> styles_;
  std::vector<std::string> links_;
  AnsiStyle current_;
  uint32_t style_id_ = 0;
  uint32_t link_id_ = 0;
};

// The CSI sequences a single line acts on: SGR, erase in line, cursor column. (Moves to other
// lines are terminal_screen.h's business; here they change nothing.)
void ApplyCsi(const AnsiToken& token, Screen* screen) {
  switch (token.final_byte) {
    case 'm': {
      AnsiStyle style = screen->style();
      ApplySgr(token.params, &style);
      screen->SetStyle(style);
      break;
    }
    case 'K':
      screen->EraseInLine(CsiParam(token.params, 0, 0));
      break;
    case 'G':
      screen->Column(static_cast<size_t>(std::max(CsiParam(token.params, 0, 1), 1) - 1));
      break;
    case 'C':
      screen->Forward(static_cast<size_t>(std::max(CsiParam(token.params, 0, 1), 1)));
      break;
    case 'D':
      screen->Back(static_cast<size_t>(std::max(CsiParam(token.params, 0, 1), 1)));
      break;
    default:
      break;
  }
}

}  // namespace

bool HasTerminalControls(std::string_view line) {
  // One pass, 8 bytes at a time: a word holds a byte < 0x20 iff (w - 0x20..20) & ~w & 0x80..80
  // is non-zero; only then are its bytes looked at one by one. (Three memchr calls per line cost
  // ~25 % of the severity pass in Wasm, where memchr is scalar.)
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const auto is_control = [](char c) { return c == '\x1b' || c == '\r' || c == '\b'; };
  const char* p = line.data();
  const char* const end = p + line.size();
  for (; p + 8 <= end; p += 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    if (((word - 0x20 * kOnes) & ~word & 0x80 * kOnes) == 0) continue;
    for (int i = 0; i < 8; ++i) {
      if (is_control(p[i])) return true;
    }
  }
  for (; p < end; ++p) {
    if (is_control(*p)) return true;
  }
  return false;
}

bool ShowsAsItsBytes(std::string_view line) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const size_t size = line.size();
  size_t i = 0;
  while (i < size) {
    // A word of printable ASCII goes in one step; one holding a byte < 0x20 ('\t' too), DEL or
    // >= 0x80 is read byte by byte.
    if (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, line.data() + i, 8);
      if (((((word - 0x20 * kOnes) & ~word) | word) & 0x80 * kOnes) == 0 &&
          ((word + kOnes) & 0x80 * kOnes) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
      ++i;
    } else {
      const Utf8Step step = DecodeUtf8(line.substr(i));
      if (!step.valid) return false;
      i += step.length;
    }
  }
  return true;
}

bool ShownTextWithoutCursor(std::string_view raw, std::string* out) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  out->clear();
  out->reserve(raw.size());
  AnsiToken token;
  const size_t size = raw.size();
  for (size_t i = 0; i < size;) {
    // A run of printable ASCII is its own text: copied in one go, 8 bytes a step while no byte
    // is < 0x20, 0x7F or >= 0x80 (a borrow or carry only ever flags a word that holds one).
    size_t run = i;
    for (uint64_t word; run + 8 <= size; run += 8) {
      std::memcpy(&word, raw.data() + run, 8);
      if ((((word - 0x20 * kOnes) | word | (word + kOnes)) & 0x80 * kOnes) != 0) break;
    }
    while (run < size && raw[run] >= 0x20 && raw[run] < 0x7F) ++run;
    if (run > i) {
      out->append(raw, i, run - i);
      i = run;
      continue;
    }
    const size_t begin = i;
    i = NextAnsiToken(raw, i, &token);
    switch (token.kind) {
      case AnsiToken::Kind::kText:
        if (token.code_point < 0x80 && i == begin + 1) {
          out->push_back(raw[begin]);
        } else {
          AppendUtf8(token.code_point, out);
        }
        break;
      case AnsiToken::Kind::kControl:
        return false;
      case AnsiToken::Kind::kCsi:
        if (token.plain && std::strchr("KGCD", token.final_byte) != nullptr) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

bool NeedsScrubbing(std::string_view raw) {
  for (const char ch : raw) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c >= 0x7F) return true;
  }
  return false;
}

void ScrubLine(std::string_view raw, CleanLine* out) {
  if (!NeedsScrubbing(raw)) {
    out->text.assign(raw);
    out->styles.clear();
    out->links.clear();
    return;
  }
  Screen screen(raw.size());
  AnsiToken token;
  for (size_t i = 0; i < raw.size();) {
    i = NextAnsiToken(raw, i, &token);
    switch (token.kind) {
      case AnsiToken::Kind::kText:
        screen.Put(token.code_point);
        break;
      case AnsiToken::Kind::kControl:
        if (token.control == '\r') {
          screen.CarriageReturn();
        } else if (token.control == '\b') {
          screen.Back(1);
        } else {
          // Control pictures: NUL -> U+2400 ..., DEL -> U+2421.
          screen.Put(token.control == 0x7F ? 0x2421 : 0x2400 + token.control);
        }
        break;
      case AnsiToken::Kind::kCsi:
        if (token.plain) ApplyCsi(token, &screen);
        break;
      case AnsiToken::Kind::kLink:
        screen.SetLink(token.url);
        break;
      case AnsiToken::Kind::kEscape:
      case AnsiToken::Kind::kNone:
        break;
    }
  }
  screen.Emit(out);
}

uint8_t NearestPaletteIndex(uint8_t r, uint8_t g, uint8_t b) {
  static constexpr int kLevels[6] = {0, 95, 135, 175, 215, 255};
  const auto nearest_level = [](int v) {
    int best = 0;
    for (int i = 1; i < 6; ++i) {
      if (std::abs(kLevels[i] - v) < std::abs(kLevels[best] - v)) best = i;
    }
    return best;
  };
  const int ri = nearest_level(r), gi = nearest_level(g), bi = nearest_level(b);
  const auto distance = [&](int cr, int cg, int cb) {
    return (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b);
  };
  const int cube = distance(kLevels[ri], kLevels[gi], kLevels[bi]);
  const int average = (r + g + b) / 3;
  const int grey_step = std::clamp((average - 8 + 5) / 10, 0, 23);
  const int grey_value = 8 + 10 * grey_step;
  const int grey = distance(grey_value, grey_value, grey_value);
  if (grey < cube) return static_cast<uint8_t>(232 + grey_step);
  return static_cast<uint8_t>(16 + 36 * ri + 6 * gi + bi);
}

}  // namespace logstow::viewer
