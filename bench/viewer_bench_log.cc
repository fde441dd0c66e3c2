// Writes the benchmark log (oslo_log_generator.h) to a file, for the Wasm benchmark page:
//   viewer_bench_log OUT_FILE [MEGABYTES=100] [FRESH_ID_PER_MILLE=1000]
// (oslo_log_generator.h: 1000 compresses ~9x with gzip, lower values more.)
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/oslo_log_generator.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: viewer_bench_log OUT_FILE [MEGABYTES=100] [FRESH_ID_PER_MILLE]\n");
    return 2;
  }
  const size_t megabytes = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100;
  const int fresh = argc > 3 ? std::atoi(argv[3]) : 1000;
  const std::string log = logstow::bench::GenerateOsloLog(megabytes * 1000 * 1000, 1, fresh);
  FILE* out = std::fopen(argv[1], "wb");
  if (out == nullptr || std::fwrite(log.data(), 1, log.size(), out) != log.size() ||
      std::fclose(out) != 0) {
    std::fprintf(stderr, "viewer_bench_log: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
