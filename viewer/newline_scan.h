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

// Writes `base + i + 1` to out[0], out[1], ... for every i in [0, size) with data[i] == '\n', in
// order: the byte offset (in the whole log) where the next line starts. Returns how many it
// wrote. REQUIRES: out has room for `size` entries (a block of only newlines). O(size).
size_t ScanNewlinesInto(const char* data, size_t size, uint32_t base, uint32_t* out);

// The same, appended to *starts (for benchmarks and tools; LineIndex scans into its own buffer).
// Never throws except std::bad_alloc from the vector (which aborts in Wasm).
inline size_t ScanNewlines(const char* data, size_t size, uint32_t base,
                           std::vector<uint32_t>* starts) {
  const size_t before = starts->size();
  starts->resize(before + size);
  const size_t found = ScanNewlinesInto(data, size, base, starts->data() + before);
  starts->resize(before + found);
  return found;
}

// Which implementation this build uses: "memchr" or "simd128" (shown by the benchmarks).
const char* NewlineScanName();

}  // namespace logstow::viewer
