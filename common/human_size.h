// Byte counts for people: "0 B", "999 B", "1.0 KiB", "12.3 MiB" (binary units, one decimal).
// Part of the text library (no dependencies; native and Wasm builds). Pure, thread-safe.
// Tested by tests/unit/common/human_size_test.cc.
#pragma once

#include <cstdint>
#include <string>

namespace logstow {

// Below 1024: "<n> B"; then KiB, MiB, GiB, TiB (TiB for anything larger) with one decimal.
std::string HumanSize(uint64_t bytes);

}  // namespace logstow
