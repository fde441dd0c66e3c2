// Finds the bytes that a line may not show as they are, in a run of many lines at once, so the
// severity pass (document.h) looks at a line's bytes again only when one lies inside it: the
// terminal controls that can hide or overwrite text (ESC, '\r', '\b': ansi.h's
// HasTerminalControls), the other C0 controls and DEL (shown as control pictures), and every
// byte >= 0x80 (UTF-8, valid or not: only decoding tells, ansi.h's ShowsAsItsBytes). In most logs
// that is none, or a few lines. Three implementations, picked by CMake (never an #if here):
// terminal_control_scan_simd128.cc (Wasm) and terminal_control_scan_sse2.cc (x86-64), 64 bytes a
// step, and terminal_control_scan_swar.cc (elsewhere, 8 bytes a step).
// Pure function, thread-safe. Tested by tests/unit/viewer/terminal_control_scan_test.cc (native)
// and, through Document, by tests/browser/viewer_core.spec.js (Wasm).
#pragma once

#include <cstddef>
#include <string_view>

namespace logstow::viewer {

// Whether `ch` is plain text: printable ASCII 0x20-0x7E, '\t' or '\n' (the implementations'
// byte-at-a-time tail).
inline bool IsPlainByte(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
}

// The offset of the first byte in `bytes` at or after `from` that is not plain text
// (IsPlainByte); bytes.size() if none.
// REQUIRES: from <= bytes.size(). O(distance scanned).
size_t FindNonPlainByte(std::string_view bytes, size_t from);

}  // namespace logstow::viewer
