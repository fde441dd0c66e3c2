// Native newline scan: glibc's memchr (SSE2/AVX2) is as fast as a hand-written SIMD loop.
#include <cstring>

#include "viewer/newline_scan.h"

namespace logstow::viewer {

size_t ScanNewlinesInto(const char* data, size_t size, uint32_t base, uint32_t* out) {
  uint32_t* const first = out;
  const char* p = data;
  const char* const end = data + size;
  while (p < end) {
    const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (hit == nullptr) break;
    const char* nl = static_cast<const char*>(hit);
    *out++ = base + static_cast<uint32_t>(nl - data) + 1;
    p = nl + 1;
  }
  return static_cast<size_t>(out - first);
}

const char* NewlineScanName() { return "memchr"; }

}  // namespace logstow::viewer
