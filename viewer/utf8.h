// UTF-8 decoding as browsers do it (WHATWG Encoding "utf-8 decoder"): every maximal invalid
// subsequence becomes one U+FFFD, so the viewer shows exactly what TextDecoder would, and never
// drops a byte silently. Pure functions, thread-safe. Tested by tests/unit/viewer/utf8_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace logstow::viewer {

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

// How many UTF-16 code units (JavaScript string length) the valid UTF-8 `text` has. O(size).
size_t Utf16Length(std::string_view text);

}  // namespace logstow::viewer
