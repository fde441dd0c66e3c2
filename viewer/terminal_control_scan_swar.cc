// Portable scan, 8 bytes a step, with exact per-byte masks (no carry crosses a byte): the high
// bit of each byte of `special` says whether that byte is >= 0x80, DEL, or < 0x20 but neither
// '\t' nor '\n'; only a word with one is looked at byte by byte.
#include <cstdint>
#include <cstring>

#include "viewer/terminal_control_scan.h"

namespace logstow::viewer {

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kLow7 = 0x7F * kOnes;
constexpr uint64_t kHigh = 0x80 * kOnes;

// The high bit of each byte of `word` that equals c.
inline uint64_t Equal(uint64_t word, unsigned char c) {
  const uint64_t t = word ^ (c * kOnes);
  return ~(((t & kLow7) + kLow7) | t) & kHigh;
}

}  // namespace

size_t FindNonPlainByte(std::string_view bytes, size_t from) {
  const char* const data = bytes.data();
  const size_t size = bytes.size();
  size_t i = from;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    const uint64_t below_space = ~(((word & kLow7) + 0x60 * kOnes) | word) & kHigh;
    const uint64_t special = (word & kHigh) | Equal(word, 0x7F) |
                             (below_space & ~Equal(word, '\t') & ~Equal(word, '\n'));
    if (special == 0) continue;
    for (size_t j = i; j < i + 8; ++j) {
      if (!IsPlainByte(data[j])) return j;
    }
  }
  for (; i < size; ++i) {
    if (!IsPlainByte(data[i])) return i;
  }
  return size;
}

}  // namespace logstow::viewer
