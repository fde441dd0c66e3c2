// memchr for the Wasm module, with explicit 128-bit SIMD. Emscripten's musl memchr is scalar
// and half the speed of native glibc (bench/baselines.md); RE2's literal-prefix
// acceleration (e.g. the "req-" of "req-[0-9a-f]{8}") and std::string_view::find call memchr, so
// defining it here (the linker then never pulls musl's memchr.o) speeds up every regex search with
// a literal prefix. Same contract as C's memchr. Tested by tests/browser/viewer_core.spec.js
// (search counts) and measured by bench/viewer_wasm_bench.js.
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

extern "C" void* memchr(const void* source, int value, size_t size) {
  const unsigned char* p = static_cast<const unsigned char*>(source);
  const unsigned char c = static_cast<unsigned char>(value);
  // Byte by byte up to a 16-byte boundary, so whole-vector loads never cross into an unmapped
  // page (Wasm memory has no pages, but keep to the bounds of the caller's object anyway).
  while (size > 0 && (reinterpret_cast<uintptr_t>(p) & 15) != 0) {
    if (*p == c) return const_cast<unsigned char*>(p);
    ++p;
    --size;
  }
  const v128_t needle = wasm_i8x16_splat(static_cast<int8_t>(c));
  while (size >= 16) {
    const uint32_t mask = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p), needle));
    if (mask != 0) return const_cast<unsigned char*>(p + __builtin_ctz(mask));
    p += 16;
    size -= 16;
  }
  for (; size > 0; ++p, --size) {
    if (*p == c) return const_cast<unsigned char*>(p);
  }
  return nullptr;
}
