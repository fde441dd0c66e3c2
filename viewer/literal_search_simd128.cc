// Wasm FindLiteral (literal_search.h): simd128 first/last-byte filter, 16 positions per step.
#include <wasm_simd128.h>

#include <cstdint>

#include "viewer/literal_search.h"
#include "viewer/literal_search_verify.h"

namespace logstow::viewer {

namespace {

// Bytes of `block` equal to c (or to c in either case when c is a letter and kFold).
template <bool kFold>
inline v128_t Equal(v128_t block, unsigned char c) {
  if (kFold && IsAsciiLetter(c)) {
    return wasm_i8x16_eq(wasm_v128_or(block, wasm_i8x16_splat(0x20)),
                         wasm_i8x16_splat(static_cast<int8_t>(c | 0x20)));
  }
  return wasm_i8x16_eq(block, wasm_i8x16_splat(static_cast<int8_t>(c)));
}

template <bool kFold, bool kGuard>
size_t Find(std::string_view haystack, std::string_view needle, size_t from) {
  const size_t n = needle.size();
  const size_t size = haystack.size();
  const char* h = haystack.data();
  const unsigned char first = static_cast<unsigned char>(needle[0]);
  const unsigned char last = static_cast<unsigned char>(needle[n - 1]);
  size_t i = from;
  for (; i + n - 1 + 16 <= size; i += 16) {
    const v128_t block = wasm_v128_load(h + i);
    if (kGuard) {
      uint32_t lead = wasm_i8x16_bitmask(
          wasm_v128_or(wasm_i8x16_eq(block, wasm_i8x16_splat(static_cast<int8_t>(0xE2))),
                       wasm_i8x16_eq(block, wasm_i8x16_splat(static_cast<int8_t>(0xC5)))));
      for (; lead != 0; lead &= lead - 1) {
        if (UnicodeFoldAt(haystack, i + static_cast<size_t>(__builtin_ctz(lead)))) {
          return kUnicodeFoldHit;
        }
      }
    }
    uint32_t mask = wasm_i8x16_bitmask(wasm_v128_and(
        Equal<kFold>(block, first), Equal<kFold>(wasm_v128_load(h + i + n - 1), last)));
    for (; mask != 0; mask &= mask - 1) {
      const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
      if (LiteralAt(h + at, needle, kFold)) return at;
    }
  }
  for (; i < size; ++i) {
    if (kGuard && UnicodeFoldAt(haystack, i)) return kUnicodeFoldHit;
    if (i + n <= size && LiteralAt(h + i, needle, kFold)) return i;
  }
  return std::string_view::npos;
}

}  // namespace

size_t FindLiteral(std::string_view haystack, std::string_view needle, size_t from, bool ascii_fold,
                   bool guard_unicode_fold) {
  if (from >= haystack.size()) return std::string_view::npos;
  if (ascii_fold) {
    return guard_unicode_fold ? Find<true, true>(haystack, needle, from)
                              : Find<true, false>(haystack, needle, from);
  }
  return Find<false, false>(haystack, needle, from);
}

}  // namespace logstow::viewer
