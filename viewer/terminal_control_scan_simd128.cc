// Wasm scan with explicit 128-bit SIMD: 64 bytes a step (four 16-byte blocks, each compared with
// the three bytes, OR-ed into one branch, since almost every block of a log holds none).
#include <wasm_simd128.h>

#include <cstdint>

#include "viewer/terminal_control_scan.h"

namespace logstow::viewer {

namespace {

inline v128_t Controls(const char* at, v128_t esc, v128_t cr, v128_t bs) {
  const v128_t block = wasm_v128_load(at);
  return wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(block, esc), wasm_i8x16_eq(block, cr)),
                      wasm_i8x16_eq(block, bs));
}

bool IsControl(char c) { return c == '\x1b' || c == '\r' || c == '\b'; }

}  // namespace

size_t FindTerminalControl(std::string_view bytes, size_t from) {
  const char* const data = bytes.data();
  const size_t size = bytes.size();
  const v128_t esc = wasm_i8x16_splat('\x1b');
  const v128_t cr = wasm_i8x16_splat('\r');
  const v128_t bs = wasm_i8x16_splat('\b');
  size_t i = from;
  for (; i + 64 <= size; i += 64) {
    const v128_t a = Controls(data + i, esc, cr, bs);
    const v128_t b = Controls(data + i + 16, esc, cr, bs);
    const v128_t c = Controls(data + i + 32, esc, cr, bs);
    const v128_t d = Controls(data + i + 48, esc, cr, bs);
    if (!wasm_v128_any_true(wasm_v128_or(wasm_v128_or(a, b), wasm_v128_or(c, d)))) continue;
    break;  // the 16-byte steps below find which byte
  }
  for (; i + 16 <= size; i += 16) {
    const uint32_t mask = wasm_i8x16_bitmask(Controls(data + i, esc, cr, bs));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  for (; i < size; ++i) {
    if (IsControl(data[i])) return i;
  }
  return size;
}

}  // namespace logstow::viewer
