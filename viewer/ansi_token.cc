#include "viewer/ansi_token.h"

#include <algorithm>
#include <vector>

#include "common/utf8.h"
#include "viewer/http_url.h"

namespace logstow::viewer {

namespace {

constexpr char kEsc = '\x1b';

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

// A CSI sequence starting at raw[i] == ESC, raw[i + 1] == '['. Returns the index after it, or
// i + 1 (only the ESC dropped) when the line ends first or a forbidden byte interrupts it.
size_t Csi(std::string_view raw, size_t i, AnsiToken* token) {
  size_t j = i + 2;
  const size_t params_begin = j;
  const bool private_marker = j < raw.size() && raw[j] >= 0x3C && raw[j] <= 0x3F;
  while (j < raw.size() && raw[j] >= 0x30 && raw[j] <= 0x3F) ++j;
  const std::string_view params = raw.substr(params_begin, j - params_begin);
  bool intermediates = false;
  while (j < raw.size() && raw[j] >= 0x20 && raw[j] <= 0x2F) {
    intermediates = true;
    ++j;
  }
  if (j >= raw.size() || raw[j] < 0x40 || raw[j] > 0x7E) {
    token->kind = AnsiToken::Kind::kNone;
    return i + 1;
  }
  token->kind = AnsiToken::Kind::kCsi;
  token->final_byte = raw[j];
  token->params = params;
  token->plain = !private_marker && !intermediates;
  return j + 1;
}

// A control string (OSC, APC, DCS, PM, SOS) starting at raw[i] == ESC, ended by BEL or ST
// ("ESC \"). Sets *body to its content. Returns the index after it, or i + 1 if unterminated.
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
  return i + 1;
}

size_t Escape(std::string_view raw, size_t i, AnsiToken* token) {
  token->kind = AnsiToken::Kind::kNone;
  if (i + 1 >= raw.size()) return raw.size();  // ESC ends the line: nothing follows it
  const char kind = raw[i + 1];
  std::string_view body;
  switch (kind) {
    case '[':
      return Csi(raw, i, token);
    case ']': {
      const size_t next = ControlString(raw, i, &body);
      // OSC 8: "8;params;URI" starts a link, "8;;" ends it.
      if (body.size() >= 2 && body[0] == '8' && body[1] == ';') {
        const size_t uri_at = body.find(';', 2);
        if (uri_at != std::string_view::npos) {
          const std::string_view uri = body.substr(uri_at + 1);
          token->kind = AnsiToken::Kind::kLink;
          token->url = IsHttpUrl(uri) ? uri : std::string_view();
        }
      }
      return next;
    }
    case '_':
    case 'P':
    case '^':
    case 'X':
      return ControlString(raw, i, &body);
    case '7':
    case '8':
    case 'M':
    case 'D':
    case 'E':
    case 'c':
    case '=':
    case '>':
    case '\\':
      token->kind = AnsiToken::Kind::kEscape;
      token->final_byte = kind;
      return i + 2;
    default:
      break;
  }
  // nF escapes (charset designation "ESC ( B", "ESC # 8"...): one intermediate, one final.
  if (kind >= 0x20 && kind <= 0x2F && i + 2 < raw.size() && raw[i + 2] >= 0x30 &&
      raw[i + 2] <= 0x7E) {
    return i + 3;
  }
  return i + 1;  // a lone ESC: drop it, show what follows
}

}  // namespace

size_t NextAnsiToken(std::string_view raw, size_t i, AnsiToken* token) {
  const unsigned char c = static_cast<unsigned char>(raw[i]);
  if ((c >= 0x20 && c < 0x7F) || c == '\t') {
    token->kind = AnsiToken::Kind::kText;
    token->code_point = c;
    return i + 1;
  }
  if (c == static_cast<unsigned char>(kEsc)) return Escape(raw, i, token);
  if (c < 0x20 || c == 0x7F) {
    token->kind = AnsiToken::Kind::kControl;
    token->control = c;
    return i + 1;
  }
  const Utf8Step step = DecodeUtf8(raw.substr(i));
  token->kind = AnsiToken::Kind::kText;
  token->code_point = step.code_point;
  return i + step.length;
}

int CsiParam(std::string_view params, size_t index, int fallback) {
  size_t at = 0;
  for (size_t k = 0; k < index; ++k) {
    at = params.find(';', at);
    if (at == std::string_view::npos) return fallback;
    ++at;
  }
  int value = -1;
  for (; at < params.size() && params[at] != ';' && params[at] != ':'; ++at) {
    const char c = params[at];
    if (c >= '0' && c <= '9') value = std::min((value < 0 ? 0 : value) * 10 + (c - '0'), 65535);
  }
  return value < 0 ? fallback : value;
}

void ApplySgr(std::string_view params, AnsiStyle* style) {
  const SgrParams p = ParseParams(params);
  AnsiStyle s = *style;
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
  *style = s;
}

}  // namespace logstow::viewer
