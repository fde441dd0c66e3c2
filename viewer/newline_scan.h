// The inner loop of the line index: finds every '\n' in a block of bytes. Two implementations,
// picked by CMake (never an #if here): newline_scan_memchr.cc (native; glibc's memchr is
// vectorised) and newline_scan_simd128.cc (Wasm, explicit -msimd128; Emscripten's musl memchr is
// scalar and ~2x slower, see bench/baselines.md).
// Pure function, thread-safe. Tested by tests/unit/viewer/line_index_test.cc (both builds run the
// same LineIndex tests: native in ctest, Wasm through tests/browser/viewer_core.spec.js).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace logstow::viewer {

// Appends `base + i + 1` to *starts for every i in [0, size) with data[i] == '\n', in order:
// the byte offset (in the whole log) where the next line starts. Returns how many it appended.
// O(size); never throws except std::bad_alloc from the vector (which aborts in Wasm).
size_t ScanNewlines(const char* data, size_t size, uint32_t base, std::vector<uint32_t>* starts);

// Which implementation this build uses: "memchr" or "simd128" (shown by the benchmarks).
const char* NewlineScanName();

}  // namespace logstow::viewer
