// Finds the bytes that can hide or overwrite text on a terminal (ESC, '\r', '\b': ansi.h's
// HasTerminalControls) in a run of many lines at once, so the severity pass (document.h) looks
// at a line's bytes again only when one lies inside it. Two implementations, picked by CMake
// (never an #if here): terminal_control_scan_simd128.cc (Wasm, 64 bytes a step) and
// terminal_control_scan_swar.cc (native and elsewhere, 8 bytes a step).
// Pure function, thread-safe. Tested by tests/unit/viewer/terminal_control_scan_test.cc (native)
// and, through Document, by tests/browser/viewer_core.spec.js (Wasm).
#pragma once

#include <cstddef>
#include <string_view>

namespace logstow::viewer {

// The offset of the first ESC, '\r' or '\b' in `bytes` at or after `from`; bytes.size() if none.
// REQUIRES: from <= bytes.size(). O(distance scanned).
size_t FindTerminalControl(std::string_view bytes, size_t from);

}  // namespace logstow::viewer
