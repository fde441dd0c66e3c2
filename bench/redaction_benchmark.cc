// What scanning text for the job's token (uploader/token_redactor.h) adds to the body encoder's
// pass, beside the gzip it already does, on the same 64 KiB blocks of a generated oslo log.
// The ratio of the two, measured in one run, is the figure (bench/runs/*/redaction.md).
// Run: build/bench/redaction_benchmark
#include <benchmark/benchmark.h>
#include <zlib.h>

#include "bench/oslo_log_generator.h"
#include "tokens/issue.h"
#include "uploader/token_redactor.h"

namespace {

using namespace logstow;

constexpr size_t kBlock = 64 * 1024;

const std::string& Log() {
  static const std::string log = bench::GenerateOsloLog(16 << 20);
  return log;
}

void BM_RedactScan(benchmark::State& state) {
  tokens::TokenScope scope;
  scope.storage_url = "https://swift.example/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "zuul/periodic/openstack/nova/master/tempest-full/0b7f4c3d/";
  scope.expires_unix_s = 1900000000;
  auto patterns = uploader::PatternsForToken(tokens::IssueToken(scope, "k"), "");
  const std::string& log = Log();
  for (auto _ : state) {
    uploader::TokenRedactor redactor(patterns);
    for (size_t at = 0; at < log.size(); at += kBlock) {
      benchmark::DoNotOptimize(
          redactor.Process(std::string_view(log).substr(at, kBlock), at + kBlock >= log.size()));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
}
BENCHMARK(BM_RedactScan)->Unit(benchmark::kMillisecond);

void BM_Gzip6(benchmark::State& state) {
  const std::string& log = Log();
  std::string out(kBlock * 2, '\0');
  for (auto _ : state) {
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    for (size_t at = 0; at < log.size(); at += kBlock) {
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(log.data() + at));
      z.avail_in = static_cast<uInt>(std::min(kBlock, log.size() - at));
      do {
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        deflate(&z, at + kBlock >= log.size() ? Z_FINISH : Z_NO_FLUSH);
      } while (z.avail_out == 0);
    }
    deflateEnd(&z);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
}
BENCHMARK(BM_Gzip6)->Unit(benchmark::kMillisecond);

}  // namespace
