// x86-64 FindLiteral (literal_search.h): SSE2 first/last-byte filter, 16 positions per step.
#include <emmintrin.h>

#include "viewer/literal_search.h"
#include "viewer/literal_search_verify.h"

namespace logstow::viewer {

namespace {

// Bytes of `block` equal to c (or to c in either case when c is a letter and fold is set).
inline __m128i Equal(__m128i block, unsigned char c, bool fold) {
  if (fold && IsAsciiLetter(c)) {
    return _mm_cmpeq_epi8(_mm_or_si128(block, _mm_set1_epi8(0x20)),
                          _mm_set1_epi8(static_cast<char>(c | 0x20)));
  }
  return _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(c)));
}

}  // namespace

size_t FindLiteral(std::string_view haystack, std::string_view needle, size_t from,
                   bool ascii_fold, bool guard_unicode_fold) {
  const size_t n = needle.size();
  const size_t size = haystack.size();
  if (from >= size) return std::string_view::npos;
  const char* h = haystack.data();
  const unsigned char first = static_cast<unsigned char>(needle[0]);
  const unsigned char last = static_cast<unsigned char>(needle[n - 1]);
  size_t i = from;
  for (; i + n - 1 + 16 <= size; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i));
    if (guard_unicode_fold) {
      unsigned lead = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(0xE2))),
                       _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(0xC5))))));
      for (; lead != 0; lead &= lead - 1) {
        if (UnicodeFoldAt(haystack, i + static_cast<size_t>(__builtin_ctz(lead)))) {
          return kUnicodeFoldHit;
        }
      }
    }
    const __m128i a = Equal(block, first, ascii_fold);
    const __m128i b =
        Equal(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + n - 1)), last, ascii_fold);
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(a, b)));
    while (mask != 0) {
      const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
      if (LiteralAt(h + at, needle, ascii_fold)) return at;
      mask &= mask - 1;
    }
  }
  for (; i < size; ++i) {
    if (guard_unicode_fold && UnicodeFoldAt(haystack, i)) return kUnicodeFoldHit;
    if (i + n <= size && LiteralAt(h + i, needle, ascii_fold)) return i;
  }
  return std::string_view::npos;
}

}  // namespace logstow::viewer
