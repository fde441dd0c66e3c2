#include "viewer/ansi.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>

#include "viewer/http_url.h"
#include "viewer/utf8.h"

namespace logstow::viewer {

namespace {

constexpr char kEsc = '\x1b';

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

// A CSI parameter: sub-parameters split at ':', groups split at ';'. -1 = empty.
struct SgrParams {
  std::vector<std::vector<int>> groups;
};

SgrParams ParseParams(std::string_view params) {
  SgrParams out;
  out.groups.emplace_back();
  out.groups.back().push_back(-1);
  for (const char c : params) {
    if (c >= '0' && c <= '9') {
      int& value = out.groups.back().back();
      value = std::min((value < 0 ? 0 : value) * 10 + (c - '0'), 65535);
    } else if (c == ';') {
      out.groups.emplace_back();
      out.groups.back().push_back(-1);
    } else if (c == ':') {
      out.groups.back().push_back(-1);
    }
  }
  return out;
}

int Value(int v, int fallback) { return v < 0 ? fallback : v; }

uint8_t Byte(int v) { return static_cast<uint8_t>(std::clamp(v, 0, 255)); }

// Reads an extended colour ("5;n" or "2;r;g;b", or the same after ':') for SGR 38/48.
// `g` is the index of the 38/48 group; advances it past what was used.
bool ExtendedColor(const SgrParams& p, size_t* g, AnsiColor* color) {
  const std::vector<int>& group = p.groups[*g];
  if (group.size() > 1) {  // colon form: 38:5:n, 38:2:r:g:b or 38:2:cs:r:g:b
    const int kind = Value(group[1], -1);
    if (kind == 5 && group.size() >= 3) {
      *color = AnsiColor{AnsiColor::Kind::kPalette, Byte(Value(group[2], 0))};
      return true;
    }
    if (kind == 2 && group.size() >= 5) {
      const size_t at = group.size() >= 6 ? 3 : 2;
      *color = AnsiColor{AnsiColor::Kind::kRgb, 0, Byte(Value(group[at], 0)),
                         Byte(Value(group[at + 1], 0)), Byte(Value(group[at + 2], 0))};
      return true;
    }
    return false;
  }
  if (*g + 1 >= p.groups.size()) return false;
  const int kind = Value(p.groups[*g + 1][0], -1);
  if (kind == 5 && *g + 2 < p.groups.size()) {
    *color = AnsiColor{AnsiColor::Kind::kPalette, Byte(Value(p.groups[*g + 2][0], 0))};
    *g += 2;
    return true;
  }
  if (kind == 2 && *g + 4 < p.groups.size()) {
    *color = AnsiColor{AnsiColor::Kind::kRgb, 0, Byte(Value(p.groups[*g + 2][0], 0)),
                       Byte(Value(p.groups[*g + 3][0], 0)), Byte(Value(p.groups[*g + 4][0], 0))};
    *g += 4;
    return true;
  }
  *g = p.groups.size();  // malformed: ignore the rest, as xterm does
  return false;
}

void ApplySgr(std::string_view params, Screen* screen) {
  const SgrParams p = ParseParams(params);
  AnsiStyle s = screen->style();
  for (size_t g = 0; g < p.groups.size(); ++g) {
    const int code = Value(p.groups[g][0], 0);
    if (code == 0) {
      s = AnsiStyle{};
    } else if (code == 1) {
      s.flags |= AnsiStyle::kBold;
    } else if (code == 2) {
      s.flags |= AnsiStyle::kDim;
    } else if (code == 3) {
      s.flags |= AnsiStyle::kItalic;
    } else if (code == 4) {
      s.flags |= AnsiStyle::kUnderline;
    } else if (code == 7) {
      s.flags |= AnsiStyle::kInverse;
    } else if (code == 9) {
      s.flags |= AnsiStyle::kStrike;
    } else if (code == 21 || code == 22) {
      s.flags &= static_cast<uint8_t>(~(AnsiStyle::kBold | AnsiStyle::kDim));
    } else if (code == 23) {
      s.flags &= static_cast<uint8_t>(~AnsiStyle::kItalic);
    } else if (code == 24) {
      s.flags &= static_cast<uint8_t>(~AnsiStyle::kUnderline);
    } else if (code == 27) {
      s.flags &= static_cast<uint8_t>(~AnsiStyle::kInverse);
    } else if (code == 29) {
      s.flags &= static_cast<uint8_t>(~AnsiStyle::kStrike);
    } else if (code >= 30 && code <= 37) {
      s.fg = AnsiColor{AnsiColor::Kind::kPalette, static_cast<uint8_t>(code - 30)};
    } else if (code == 38) {
      ExtendedColor(p, &g, &s.fg);
    } else if (code == 39) {
      s.fg = AnsiColor{};
    } else if (code >= 40 && code <= 47) {
      s.bg = AnsiColor{AnsiColor::Kind::kPalette, static_cast<uint8_t>(code - 40)};
    } else if (code == 48) {
      ExtendedColor(p, &g, &s.bg);
    } else if (code == 49) {
      s.bg = AnsiColor{};
    } else if (code == 58) {
      AnsiColor ignored;  // underline colour: parsed so its arguments are skipped
      ExtendedColor(p, &g, &ignored);
    } else if (code >= 90 && code <= 97) {
      s.fg = AnsiColor{AnsiColor::Kind::kPalette, static_cast<uint8_t>(code - 90 + 8)};
    } else if (code >= 100 && code <= 107) {
      s.bg = AnsiColor{AnsiColor::Kind::kPalette, static_cast<uint8_t>(code - 100 + 8)};
    }
  }
  screen->SetStyle(s);
}

// A CSI sequence "ESC [ params intermediates final" starting at raw[i] == ESC; returns the
// index after it (or raw.size() if unterminated).
size_t Csi(std::string_view raw, size_t i, Screen* screen) {
  size_t j = i + 2;
  const size_t params_begin = j;
  bool private_marker = j < raw.size() && raw[j] >= 0x3C && raw[j] <= 0x3F;
  while (j < raw.size() && raw[j] >= 0x30 && raw[j] <= 0x3F) ++j;
  const std::string_view params = raw.substr(params_begin, j - params_begin);
  bool intermediates = false;
  while (j < raw.size() && raw[j] >= 0x20 && raw[j] <= 0x2F) {
    intermediates = true;
    ++j;
  }
  if (j >= raw.size()) return raw.size();
  const char final_byte = raw[j];
  if (final_byte < 0x40 || final_byte > 0x7E) return j;  // malformed: drop what was read
  if (!private_marker && !intermediates) {
    const int n = Value(ParseParams(params).groups[0][0], 0);
    switch (final_byte) {
      case 'm':
        ApplySgr(params, screen);
        break;
      case 'K':
        screen->EraseInLine(n);
        break;
      case 'G':
        screen->Column(static_cast<size_t>(std::max(n, 1) - 1));
        break;
      case 'C':
        screen->Forward(static_cast<size_t>(std::max(n, 1)));
        break;
      case 'D':
        screen->Back(static_cast<size_t>(std::max(n, 1)));
        break;
      default:
        break;
    }
  }
  return j + 1;
}

// A control string (OSC, APC, DCS, PM, SOS) starting at raw[i] == ESC, ended by BEL or ST
// ("ESC \"). Sets *body to its content. Returns the index after it.
size_t ControlString(std::string_view raw, size_t i, std::string_view* body) {
  const size_t begin = i + 2;
  for (size_t j = begin; j < raw.size(); ++j) {
    if (raw[j] == '\a') {
      *body = raw.substr(begin, j - begin);
      return j + 1;
    }
    if (raw[j] == kEsc && j + 1 < raw.size() && raw[j + 1] == '\\') {
      *body = raw.substr(begin, j - begin);
      return j + 2;
    }
  }
  *body = std::string_view();
  return raw.size();
}

// OSC 8: "8;params;URI" starts a link, "8;;" ends it.
void ApplyOsc(std::string_view body, Screen* screen) {
  if (body.size() < 2 || body[0] != '8' || body[1] != ';') return;
  const size_t uri_at = body.find(';', 2);
  if (uri_at == std::string_view::npos) return;
  const std::string_view uri = body.substr(uri_at + 1);
  screen->SetLink(IsHttpUrl(uri) ? uri : std::string_view());
}

size_t Escape(std::string_view raw, size_t i, Screen* screen) {
  if (i + 1 >= raw.size()) return raw.size();
  const char kind = raw[i + 1];
  std::string_view body;
  switch (kind) {
    case '[':
      return Csi(raw, i, screen);
    case ']': {
      const size_t next = ControlString(raw, i, &body);
      ApplyOsc(body, screen);
      return next;
    }
    case '_':
    case 'P':
    case '^':
    case 'X':
      return ControlString(raw, i, &body);
    default:
      break;
  }
  // nF escapes: ESC, intermediates 0x20-0x2F, then one final byte 0x30-0x7E. Fp/Fe/Fs escapes
  // are ESC + one byte.
  size_t j = i + 1;
  while (j < raw.size() && raw[j] >= 0x20 && raw[j] <= 0x2F) ++j;
  if (j < raw.size() && raw[j] >= 0x30 && raw[j] <= 0x7E) return j + 1;
  return j;  // malformed: drop the ESC and intermediates, keep what follows
}

}  // namespace

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
  size_t i = 0;
  while (i < raw.size()) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c >= 0x20 && c < 0x7F) {
      screen.Put(c);
      ++i;
    } else if (c == '\t') {
      screen.Put(U'\t');
      ++i;
    } else if (c == static_cast<unsigned char>(kEsc)) {
      i = Escape(raw, i, &screen);
    } else if (c == '\r') {
      screen.CarriageReturn();
      ++i;
    } else if (c == '\b') {
      screen.Back(1);
      ++i;
    } else if (c < 0x20) {
      screen.Put(0x2400 + c);  // control pictures: NUL -> U+2400 ...
      ++i;
    } else if (c == 0x7F) {
      screen.Put(0x2421);
      ++i;
    } else {
      const Utf8Step step = DecodeUtf8(raw.substr(i));
      screen.Put(step.code_point);
      i += step.length;
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
