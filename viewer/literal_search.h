// Finding a literal string in a large buffer: the fast path of search.h for literal searches
// (case-sensitive, or ASCII case-insensitive for an ASCII needle). Candidates are found 16 bytes
// at a time by comparing the needle's first and last bytes (W. Mula, "SIMD-friendly algorithms
// for substring searching"), then verified. Three implementations, picked by CMake (never an #if
// here): literal_search_simd128.cc (Wasm -msimd128), literal_search_sse2.cc (x86-64),
// literal_search_scalar.cc (elsewhere). RE2's own literal acceleration leans on memchr, which is
// scalar in Emscripten's musl: this keeps Wasm literal search near native speed.
// Pure functions, thread-safe. Tested by tests/unit/viewer/search_test.cc.
#pragma once

#include <cstddef>
#include <string_view>

namespace logstow::viewer {

// Returned by FindLiteral with `guard_unicode_fold` (see there).
inline constexpr size_t kUnicodeFoldHit = std::string_view::npos - 1;

// The first position >= from where `needle` occurs in `haystack`, or std::string_view::npos.
// With `ascii_fold`, ASCII letters match either case (the needle may be in any case).
// With `guard_unicode_fold`, returns kUnicodeFoldHit instead if the bytes scanned before the
// answer hold U+212A KELVIN SIGN or U+017F LATIN SMALL LETTER LONG S, which RE2's case folding
// matches for 'k' and 's': the caller then lets RE2 search from `from` on, so results stay
// exactly RE2's. REQUIRES: !needle.empty(). O(haystack) plus O(needle) per candidate.
size_t FindLiteral(std::string_view haystack, std::string_view needle, size_t from, bool ascii_fold,
                   bool guard_unicode_fold = false);

}  // namespace logstow::viewer
