// Portable scan, 8 bytes a step: a word holds a byte < 0x20 iff (w - 0x20..20) & ~w & 0x80..80
// is non-zero; only then are its bytes looked at one by one (ansi.cc's HasTerminalControls).
#include <cstdint>
#include <cstring>

#include "viewer/terminal_control_scan.h"

namespace logstow::viewer {

namespace {

bool IsControl(char c) { return c == '\x1b' || c == '\r' || c == '\b'; }

}  // namespace

size_t FindTerminalControl(std::string_view bytes, size_t from) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const char* const data = bytes.data();
  const size_t size = bytes.size();
  size_t i = from;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    if (((word - 0x20 * kOnes) & ~word & 0x80 * kOnes) == 0) continue;
    for (size_t j = i; j < i + 8; ++j) {
      if (IsControl(data[j])) return j;
    }
  }
  for (; i < size; ++i) {
    if (IsControl(data[i])) return i;
  }
  return size;
}

}  // namespace logstow::viewer
