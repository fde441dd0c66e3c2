// UTF-8 as browsers decode it and as Swift checks names. Decoding follows the WHATWG Encoding
// "utf-8 decoder": every maximal invalid subsequence becomes one U+FFFD, so the viewer shows
// exactly what TextDecoder would and never drops a byte silently. Validity is the same rule
// Swift applies to object and container names (it answers 412 to invalid UTF-8 or NUL in a
// path): no overlong forms, no surrogates, nothing above U+10FFFF.
// Part of the text library (no dependencies; native and Wasm builds). Pure functions,
// thread-safe. Tested by tests/unit/common/utf8_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace logstow {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// One decoded code point: `code_point` (U+FFFD for invalid input) and how many bytes it used
// (1-4; always >= 1, so a loop over DecodeUtf8 always advances).
struct Utf8Step {
  char32_t code_point;
  uint32_t length;
  bool valid;  // false: code_point is the U+FFFD standing for `length` invalid bytes
};

// Decodes the code point starting at bytes[0]. REQUIRES: !bytes.empty(). O(1).
Utf8Step DecodeUtf8(std::string_view bytes);

// Appends `code_point` as UTF-8. REQUIRES: code_point <= 0x10FFFF and not a surrogate.
void AppendUtf8(char32_t code_point, std::string* out);

// `bytes` with every invalid sequence replaced by U+FFFD (EF BF BD). O(size).
std::string SanitizeUtf8(std::string_view bytes);

// True when `text` is well-formed UTF-8 (DecodeUtf8 finds no invalid sequence). O(size).
bool IsValidUtf8(std::string_view text);

// True when `text` holds an ASCII control character (0x00-0x1F or 0x7F).
bool HasControlCharacter(std::string_view text);

// `text` as it may be shown on a terminal or in a log line: each ASCII control character
// (0x00-0x1F, 0x7F), C1 control (U+0080-U+009F, which some terminals obey as escapes) and
// maximal invalid UTF-8 sequence (as DecodeUtf8 steps over it) becomes `replacement`; the rest
// is kept as it is. For untrusted text in messages (file names, token fields): it can neither
// move the cursor, forge a line, nor reach the terminal as a stray byte. O(size).
std::string ReplaceUnprintable(std::string_view text, char replacement = '?');

// How many UTF-16 code units (JavaScript string length) the valid UTF-8 `text` has. O(size).
size_t Utf16Length(std::string_view text);

// The UTF-16 code units (0, 1 or 2) that the byte `c` of valid UTF-8 adds: 1 for a lead byte
// or ASCII, 2 for the lead of a 4-byte sequence (a surrogate pair), 0 for a continuation byte.
inline size_t Utf16UnitsOfByte(unsigned char c) {
  return ((c & 0xC0) != 0x80 ? 1 : 0) + (c >= 0xF0 ? 1 : 0);
}

}  // namespace logstow
