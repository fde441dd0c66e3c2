// x86-64 FindLiteral (literal_search.h): SSE2 first/last-byte filter, 16 positions per step.
#include <emmintrin.h>

#include <cstdint>

#include "viewer/literal_search.h"
#include "viewer/literal_search_verify.h"

namespace logstow::viewer {

namespace {

// Bytes of `block` equal to c (or to c in either case when c is a letter and kFold).
template <bool kFold>
inline __m128i Equal(__m128i block, unsigned char c) {
  if (kFold && IsAsciiLetter(c)) {
    return _mm_cmpeq_epi8(_mm_or_si128(block, _mm_set1_epi8(0x20)),
                          _mm_set1_epi8(static_cast<char>(c | 0x20)));
  }
  return _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(c)));
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
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i));
    if (kGuard) {
      uint32_t lead = static_cast<uint32_t>(_mm_movemask_epi8(
          _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(0xE2))),
                       _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(0xC5))))));
      for (; lead != 0; lead &= lead - 1) {
        if (UnicodeFoldAt(haystack, i + static_cast<size_t>(__builtin_ctz(lead)))) {
          return kUnicodeFoldHit;
        }
      }
    }
    const __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + n - 1));
    uint32_t mask = static_cast<uint32_t>(
        _mm_movemask_epi8(_mm_and_si128(Equal<kFold>(block, first), Equal<kFold>(tail, last))));
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
