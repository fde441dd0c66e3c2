// A block of bytes that grows without ever holding its contents twice, for the log and its line
// starts (line_index.h), which are most of a viewer's memory.
//
// Two implementations, picked by CMake (never an #if here):
//  - growable_buffer_heap.cc (native): realloc. glibc moves a large block with mremap (pages are
//    remapped, not copied), so a 1 GB log never needs 2 GB.
//  - growable_buffer_wasm.cc (Wasm): the buffers live in one stack at the top of linear memory,
//    above everything malloc owns, and grow in place with sbrk (Wasm memory then grows under
//    them; it never shrinks). Growing a buffer that is not the topmost moves the smaller ones
//    above it up (memmove, in place). Before the first buffer is placed, malloc gets a fixed
//    headroom (kMallocHeadroom) so the small allocations made while a log loads (severities,
//    rendered rows, a search) come from below the stack. If malloc still takes memory above the
//    stack (sbrk called by someone else), a buffer that must grow is moved to the new top once:
//    that is the only copy, its old place is lost, and relocations() counts it.
// Units: bytes. Capacity is exactly what Resize() asked for (no hidden slack).
// Not thread-safe (Wasm memory is single-threaded here; natively one owner per buffer).
// Never throws: allocation failure is a false return. Movable, not copyable.
// Tested by tests/unit/viewer/growable_buffer_test.cc (native) and, in Wasm, by
// tests/browser/viewer_memory.spec.js.
#pragma once

#include <cstddef>

namespace logstow::viewer {

class GrowableBuffer {
 public:
  // Malloc space set aside below the Wasm stack before its first buffer (see above).
  static constexpr size_t kMallocHeadroom = 8u << 20;

  GrowableBuffer() = default;
  GrowableBuffer(GrowableBuffer&& other) noexcept;
  GrowableBuffer& operator=(GrowableBuffer&& other) noexcept;
  GrowableBuffer(const GrowableBuffer&) = delete;
  GrowableBuffer& operator=(const GrowableBuffer&) = delete;
  ~GrowableBuffer();

  // Makes capacity() == `capacity`, keeping the first min(old, new) bytes. data() may change.
  // Returns false (and changes nothing) if memory cannot be had. Cost: O(1) amortised when it
  // grows in place; natively, realloc's cost.
  bool Resize(size_t capacity);

  char* data() { return data_; }
  const char* data() const { return data_; }
  size_t capacity() const { return capacity_; }

  // Buffers moved to a new place because something else took the memory above them (Wasm; always
  // 0 natively). For the viewer's memory figures and tests.
  static size_t relocations();

 private:
  char* data_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace logstow::viewer
