// x86-64 scan with SSE2: 64 bytes a step (four 16-byte blocks, each tested for bytes outside
// 0x20-0x7E, '\t' and '\n', AND-ed into one branch, since almost every block of a log is plain
// text), as the simd128 one in Wasm.
#include <emmintrin.h>

#include <cstdint>

#include "viewer/terminal_control_scan.h"

namespace logstow::viewer {

namespace {

// 0xFF in each byte that is plain text.
inline __m128i Plain(const char* at) {
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  // As signed bytes, 0x20-0x7E are those > 0x1F and < 0x7F (bytes >= 0x80 are negative).
  const __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(block, _mm_set1_epi8(0x1F)),
                                          _mm_cmplt_epi8(block, _mm_set1_epi8(0x7F)));
  return _mm_or_si128(printable, _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('\t')),
                                              _mm_cmpeq_epi8(block, _mm_set1_epi8('\n'))));
}

}  // namespace

size_t FindNonPlainByte(std::string_view bytes, size_t from) {
  const char* const data = bytes.data();
  const size_t size = bytes.size();
  size_t i = from;
  for (; i + 64 <= size; i += 64) {
    const __m128i all = _mm_and_si128(_mm_and_si128(Plain(data + i), Plain(data + i + 16)),
                                      _mm_and_si128(Plain(data + i + 32), Plain(data + i + 48)));
    if (_mm_movemask_epi8(all) == 0xFFFF) continue;
    break;  // the 16-byte steps below find which byte
  }
  for (; i + 16 <= size; i += 16) {
    const uint32_t mask = ~static_cast<uint32_t>(_mm_movemask_epi8(Plain(data + i))) & 0xFFFF;
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  for (; i < size; ++i) {
    if (!IsPlainByte(data[i])) return i;
  }
  return size;
}

}  // namespace logstow::viewer
