// Wasm scan with explicit 128-bit SIMD: 64 bytes a step (four 16-byte blocks, each tested for
// bytes outside 0x20-0x7E, '\t' and '\n', AND-ed into one branch, since almost every block of a
// log is plain text).
#include <wasm_simd128.h>

#include <cstdint>

#include "viewer/terminal_control_scan.h"

namespace logstow::viewer {

namespace {

// 0xFF in each lane that holds plain text.
inline v128_t Plain(const char* at, v128_t space, v128_t span, v128_t tab, v128_t newline) {
  const v128_t block = wasm_v128_load(at);
  // 0x20-0x7E: (byte - 0x20) < 0x5F unsigned.
  const v128_t printable = wasm_u8x16_lt(wasm_i8x16_sub(block, space), span);
  return wasm_v128_or(printable,
                      wasm_v128_or(wasm_i8x16_eq(block, tab), wasm_i8x16_eq(block, newline)));
}

}  // namespace

size_t FindNonPlainByte(std::string_view bytes, size_t from) {
  const char* const data = bytes.data();
  const size_t size = bytes.size();
  const v128_t space = wasm_i8x16_splat(0x20);
  const v128_t span = wasm_i8x16_splat(0x5F);
  const v128_t tab = wasm_i8x16_splat('\t');
  const v128_t newline = wasm_i8x16_splat('\n');
  size_t i = from;
  for (; i + 64 <= size; i += 64) {
    const v128_t a = Plain(data + i, space, span, tab, newline);
    const v128_t b = Plain(data + i + 16, space, span, tab, newline);
    const v128_t c = Plain(data + i + 32, space, span, tab, newline);
    const v128_t d = Plain(data + i + 48, space, span, tab, newline);
    if (wasm_i8x16_all_true(wasm_v128_and(wasm_v128_and(a, b), wasm_v128_and(c, d)))) continue;
    break;  // the 16-byte steps below find which byte
  }
  for (; i + 16 <= size; i += 16) {
    const uint32_t mask = ~wasm_i8x16_bitmask(Plain(data + i, space, span, tab, newline)) & 0xFFFF;
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  for (; i < size; ++i) {
    if (!IsPlainByte(data[i])) return i;
  }
  return size;
}

}  // namespace logstow::viewer
