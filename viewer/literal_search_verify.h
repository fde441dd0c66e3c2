// Internal to the FindLiteral implementations (literal_search.h): candidate checks.
#pragma once

#include <cstring>
#include <string_view>

namespace logstow::viewer {

inline bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Whether a U+212A (E2 84 AA) or U+017F (C5 BF) encoding starts at haystack[at].
inline bool UnicodeFoldAt(std::string_view haystack, size_t at) {
  const std::string_view rest = haystack.substr(at);
  return rest.substr(0, 3) == "\xE2\x84\xAA" || rest.substr(0, 2) == "\xC5\xBF";
}

// Whether the needle.size() bytes at `at` equal `needle` (ASCII letters folded if `fold`).
inline bool LiteralAt(const char* at, std::string_view needle, bool fold) {
  if (!fold) return std::memcmp(at, needle.data(), needle.size()) == 0;
  for (size_t i = 0; i < needle.size(); ++i) {
    const unsigned char a = static_cast<unsigned char>(at[i]);
    const unsigned char b = static_cast<unsigned char>(needle[i]);
    if (a == b) continue;
    if (!IsAsciiLetter(b) || (a | 0x20) != (b | 0x20)) return false;
  }
  return true;
}

}  // namespace logstow::viewer
