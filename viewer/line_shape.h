// The shape of a log line: its text with what changes from run to run masked, so the same
// message in two builds has the same shape. "What is new against a good build" (docs/baseline.md)
// compares shapes. Masked, left to right over the shown text (escape sequences already applied):
//   - a leading timestamp (timestamp.h)                         -> "T"
//   - a UUID (8-4-4-4-12 hex digits; "req-<uuid>" -> "req-#")                 -> "#"
//   - the tail of a run of letters and digits that is all hex digits, holds a digit and is 6 or
//     more long (hex ids, SHAs; Swift's "tx4f2a9c1e0b…" -> "tx#")                 -> "#"
//   - a hex literal ("0x1f")                                                     -> "#"
//   - any other run of digits (numbers, IP octets, PIDs, ports, "node-01" -> "node-#") -> "#"
//   - the name after "/tmp/" or "/var/tmp/" up to the next '/' or space, and a word that starts
//     with "tmp" followed by 6 or more letters, digits or '_' (Python's tempfile names) -> "*"
//   - runs of spaces and tabs -> one space; spaces at both ends are dropped
// So "2024-03-01 12:02:49.1 | node-01 | took 12 s in /tmp/tmpa8x_q1/x" and
// "2024-03-02 08:00:00.9 | node-02 | took 7 s in /tmp/tmpzz91_k/x" have one shape,
// "T | node-# | took # s in /tmp/*/x".
// Pure functions, thread-safe, never throw. Tested by tests/unit/viewer/line_shape_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace logstow::viewer {

// Replaces *out with the shape of `text` (one line, no terminator). O(size).
void NormalizeLine(std::string_view text, std::string* out);

// A 64-bit hash of a shape (FNV-1a: the same value on every platform and in Wasm).
uint64_t ShapeHash(std::string_view shape);

// ShapeHash of the shape of `text`; `scratch` is reused between calls. 0 for a line whose shape
// is empty (blank lines have no shape and are never new).
uint64_t LineShapeHash(std::string_view text, std::string* scratch);

}  // namespace logstow::viewer
