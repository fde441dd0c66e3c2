// A Zuul job-output.txt of the shape zuul_stream writes (`TS | TASK [...]`, `TS | host | text`,
// `TS | host | ok`, PLAY RECAP), generated for benches, never stored. Deterministic.
// `errors` failed tasks are spread evenly: each prints `TS | host | ERROR` and a JSON result
// (`TS | host | {`, indented fields, `}`); the middle one also prints a Python traceback.
// Tested by being used in bench/severity_benchmark.cc (its effective ERROR count is printed).
#pragma once

#include <cstddef>
#include <string>

namespace logstow::bench {

// About `lines` lines (a task is finished whole), ~70 bytes each.
std::string GenerateZuulJobOutput(size_t lines, int errors);

}  // namespace logstow::bench
