// Wasm FindLiteral (literal_search.h): simd128 first/last-byte filter, 32 positions per step.
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
  // 32 positions per step; one any_true test skips the (common) steps without a candidate.
  const v128_t lead_e2 = wasm_i8x16_splat(static_cast<int8_t>(0xE2));
  const v128_t lead_c5 = wasm_i8x16_splat(static_cast<int8_t>(0xC5));
  for (; i + n - 1 + 32 <= size; i += 32) {
    const v128_t block0 = wasm_v128_load(h + i);
    const v128_t block1 = wasm_v128_load(h + i + 16);
    const v128_t cand0 = wasm_v128_and(Equal<kFold>(block0, first),
                                       Equal<kFold>(wasm_v128_load(h + i + n - 1), last));
    const v128_t cand1 = wasm_v128_and(Equal<kFold>(block1, first),
                                       Equal<kFold>(wasm_v128_load(h + i + 16 + n - 1), last));
    v128_t any = wasm_v128_or(cand0, cand1);
    v128_t lead0 = wasm_i8x16_splat(0), lead1 = lead0;
    if (kGuard) {
      lead0 = wasm_v128_or(wasm_i8x16_eq(block0, lead_e2), wasm_i8x16_eq(block0, lead_c5));
      lead1 = wasm_v128_or(wasm_i8x16_eq(block1, lead_e2), wasm_i8x16_eq(block1, lead_c5));
      any = wasm_v128_or(any, wasm_v128_or(lead0, lead1));
    }
    if (!wasm_v128_any_true(any)) continue;
    // Positions in order: a guard hit before a candidate hands over to RE2.
    const uint64_t leads = kGuard ? (static_cast<uint64_t>(wasm_i8x16_bitmask(lead1)) << 16) |
                                        wasm_i8x16_bitmask(lead0)
                                  : 0;
    uint64_t mask =
        (static_cast<uint64_t>(wasm_i8x16_bitmask(cand1)) << 16) | wasm_i8x16_bitmask(cand0);
    for (uint64_t l = leads; l != 0; l &= l - 1) {
      const size_t at = i + static_cast<size_t>(__builtin_ctzll(l));
      if (UnicodeFoldAt(haystack, at)) return kUnicodeFoldHit;
    }
    for (; mask != 0; mask &= mask - 1) {
      const size_t at = i + static_cast<size_t>(__builtin_ctzll(mask));
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
