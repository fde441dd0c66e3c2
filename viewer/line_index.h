// Where each line of a log starts, built chunk by chunk as bytes arrive, over one buffer that
// holds the whole log.
//
// Bytes: the log as fetched (after HTTP/gzip decoding), any encoding; offsets are bytes into it
// (never UTF-16 units) and fit in uint32_t, so a log is at most kMaxBytes (4 GiB - 2), which is
// also the most a wasm32 heap can hold.
// Lines: a line ends at '\n'; a '\r' just before it belongs to the terminator ("\r\n"). A lone
// '\r' (not followed by '\n') is a carriage return *inside* the line: the text after it
// overwrites the text before it, as on a terminal, so a progress bar written with "\r" 500 times
// is one line whose last state is shown (AnsiScrubber renders that; search still sees every
// state). After Finish(), a non-empty unterminated tail is the last line, and a lone '\r' ending
// it is a terminator too. A chunk may split a line, a "\r\n" pair or a UTF-8 sequence anywhere:
// the result does not depend on how the bytes were chunked.
// Files whose lines end in '\r' alone (classic Mac OS, some serial-console captures): when the
// first kCrLinesDecideBytes of a log, or all of it when shorter, hold no '\n' but a '\r', every
// '\r' ends a line instead (cr_lines()); otherwise the whole log would be one line showing only
// its last part. A '\n' in the first kCrLinesDecideBytes keeps the rule above for the whole log.
// Memory: the bytes (one buffer) plus 4 bytes per line (a uint32_t start offset), each in a
// GrowableBuffer (growable_buffer.h) that grows in place: the log is never held twice, whether
// its size is known up front (Reserve(), exact) or not (the buffer grows by 1/16 at a time, so
// at most 1/16 of it is slack; the start array grows by 1/8). No per-line allocation.
// Not thread-safe: one owner (the viewer's worker) makes every call; const calls may run
// concurrently with each other. Copyable and movable. Never throws (allocation failure aborts, as
// it does in Wasm). Tested by tests/unit/viewer/line_index_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "viewer/growable_buffer.h"

namespace logstow::viewer {

// Half-open byte range [begin, end) into the log.
struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool operator==(const ByteRange&) const = default;
};

class LineIndex {
 public:
  // The largest log, in bytes: offsets are uint32_t and one value is kept for "end".
  static constexpr size_t kMaxBytes = 0xFFFFFFFEu;

  LineIndex();
  LineIndex(const LineIndex& other);
  LineIndex& operator=(const LineIndex& other);
  LineIndex(LineIndex&&) noexcept = default;
  LineIndex& operator=(LineIndex&&) noexcept = default;
  ~LineIndex() = default;

  // Makes room for `total_bytes` in all (the log's size, when known: the viewer reads it from the
  // object's X-Object-Meta-Logstow-Size) so the buffer holds exactly the log once it has all
  // arrived. Never shrinks. Returns false (and does nothing) if total_bytes > kMaxBytes or the
  // memory cannot be had.
  bool Reserve(size_t total_bytes);

  // Zero-copy append, for the Wasm page: returns where the caller may write up to `size` bytes
  // (valid until the next non-const call), or nullptr if the log would exceed kMaxBytes or the
  // index is finished. Then CommitAppend(n) with n <= size makes the first n of them part of the
  // log. Past the reserved size the buffer grows in place by 1/16 of its size at a time
  // (amortised O(1) per byte; growable_buffer.h).
  char* PrepareAppend(size_t size);
  // Indexes the `size` bytes written after PrepareAppend(). Returns how many lines they
  // completed. REQUIRES: a PrepareAppend(m) with m >= size since the last mutating call.
  size_t CommitAppend(size_t size);

  // Copies `chunk` in and indexes it: PrepareAppend + memcpy + CommitAppend. Returns the lines it
  // completed, or 0 and appends nothing if the log would exceed kMaxBytes or is finished.
  // O(chunk size).
  size_t Append(std::string_view chunk);

  // How many bytes without a '\n' (and with a '\r') make a log one whose lines end in '\r'.
  static constexpr size_t kCrLinesDecideBytes = 64 * 1024;
  // True once the log was found to end its lines with a lone '\r' (see the top of this file).
  bool cr_lines() const { return cr_lines_; }

  // Ends the input: an unterminated tail becomes the last line. Idempotent.
  void Finish();
  bool finished() const { return finished_; }

  // Complete lines; the unterminated tail counts once Finish() was called.
  size_t line_count() const { return start_count_ - 1; }
  // Line n as bytes, terminator ("\n", "\r\n", or a final lone "\r"; "\r" in cr_lines())
  // excluded.
  // REQUIRES: n < line_count(). O(1).
  ByteRange line(size_t n) const;
  // The same bytes as a view. Valid until the next non-const call.
  std::string_view line_text(size_t n) const;
  // The line holding byte `offset` (a terminator belongs to its line). REQUIRES: offset <
  // size_in_bytes() and the line complete (offset < line(line_count()-1).end or finished()).
  // O(log lines).
  size_t LineAt(uint32_t offset) const;

  // Every byte appended so far, tail included. Valid until the next non-const call.
  std::string_view bytes() const { return {bytes_.data(), size_}; }
  size_t size_in_bytes() const { return size_; }
  // line_count() + 1 start offsets; entry n is where line n starts and the last entry is where the
  // next line would start. Valid until the next non-const call (it is what JS views as a
  // Uint32Array).
  const uint32_t* line_starts() const { return starts(); }
  // Bytes held: the byte buffer's capacity + the start array's capacity.
  size_t memory_bytes() const;

 private:
  bool GrowBytes(size_t needed);
  // Adds a line start after each '\n' (each '\r' when cr_lines_) in bytes [from, to).
  size_t ScanTerminators(size_t from, size_t to);
  // Decides cr_lines_ when still open (no '\n' seen): at kCrLinesDecideBytes or at Finish().
  void DecideCrLines();
  bool RoomForStarts(size_t more);
  uint32_t* starts() { return reinterpret_cast<uint32_t*>(starts_.data()); }
  const uint32_t* starts() const { return reinterpret_cast<const uint32_t*>(starts_.data()); }

  GrowableBuffer bytes_;   // placed first: in Wasm it sits below starts_, which is smaller
  GrowableBuffer starts_;  // uint32_t; [0] == 0; one more per '\n' (+ the tail at Finish)
  size_t size_ = 0;
  size_t start_count_ = 1;
  bool finished_ = false;
  bool lf_lines_ = false;  // decided: lines end at '\n' (see DecideCrLines)
  bool cr_lines_ = false;
};

}  // namespace logstow::viewer
