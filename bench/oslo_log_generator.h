// A generated oslo.log-style log for the viewer benchmarks (native and Wasm measure the same
// bytes): devstack-like lines "YYYY-MM-DD HH:MM:SS.mmm PID LEVEL module [req-<uuid> user
// project] message", ~100 bytes each on average, with the level mix of real screen logs (DEBUG
// 70 %, INFO 20 %, AUDIT 3 %, WARNING 4 %, ERROR 2 %, the rest continuation lines and oslo TRACE
// tracebacks), URLs, file paths with line numbers and an occasional 2 kB line.
// Deterministic: the same size and seed give the same bytes. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace logstow::bench {

// About `bytes` bytes (whole lines; the result is at most one line longer).
// `fresh_id_per_mille`: 1000 (the default): 1 line in 5 carries a request id, each new. Below
// 1000: every line with a level carries one, and only that many per 1000 start a new request
// (the others repeat the last id: a service busy with few long requests). Random ids are what
// gzip cannot shrink: 1000 compresses ~9x with gzip -6, 5 ~17x.
std::string GenerateOsloLog(size_t bytes, uint64_t seed = 1, int fresh_id_per_mille = 1000);

}  // namespace logstow::bench
