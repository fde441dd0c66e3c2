// The bytes of one log line split into what a terminal acts on: printable code points, C0
// controls, and escape sequences (ECMA-48 / xterm framing). Shared by the one-line screen of
// ansi.h (ScrubLine) and the multi-row screen of terminal_screen.h, so both read a line alike.
//
// Framing: CSI "ESC [ params intermediates final" (params 0x30-0x3F, intermediates 0x20-0x2F,
// final 0x40-0x7E); OSC/APC/DCS/PM/SOS "ESC ] _ P ^ X ... BEL or ESC \"; charset and other nF
// escapes "ESC ( B", "ESC # 8" (one intermediate, one final); the two-byte escapes terminals act
// on (ESC 7, 8, M, D, E, c, =, >, \). Anything else after an ESC, or a sequence the line ends
// before completing (or that holds a byte its grammar forbids), is no sequence: only the ESC is
// dropped (kNone) and the bytes after it are read again as text, so a lone ESC never swallows
// what follows it (terminal-to-html's parser does the same).
// Pure functions over the caller's bytes; thread-safe. Tested by tests/unit/viewer/ansi_test.cc.
#pragma once

#include <cstddef>
#include <string_view>

#include "viewer/ansi.h"

namespace logstow::viewer {

struct AnsiToken {
  enum class Kind {
    kText,     // code_point: a printable character, '\t', or U+FFFD for invalid UTF-8
    kControl,  // control: a C0 byte other than ESC and '\t', or DEL (0x7F)
    kCsi,      // final_byte, params; `plain` when there is no private marker and no intermediate
    kEscape,   // final_byte: the byte after ESC of a two-byte escape (ESC 7 -> '7')
    kLink,     // url: an OSC 8 hyperlink starts (http(s) only; "" ends the current link)
    kNone,     // a sequence that changes nothing drawn (charset, OSC title, APC, lone ESC...)
  };
  Kind kind = Kind::kNone;
  char32_t code_point = 0;
  unsigned char control = 0;
  char final_byte = 0;
  bool plain = false;
  std::string_view params;
  std::string_view url;
};

// Reads the token at raw[i] into *token and returns the index after it (> i).
// REQUIRES: i < raw.size(). O(token length).
size_t NextAnsiToken(std::string_view raw, size_t i, AnsiToken* token);

// CSI parameter `index` (0-based, ';'-separated; sub-parameters after ':' ignored), or
// `fallback` when absent or empty. Values are capped at 65535.
int CsiParam(std::string_view params, size_t index, int fallback);

// Applies SGR parameters ("1;31", "38;5;208", "38:2::1:2:3", "" = reset) to *style.
void ApplySgr(std::string_view params, AnsiStyle* style);

}  // namespace logstow::viewer
