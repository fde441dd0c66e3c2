// MB/s of classifying oslo-style lines one by one (the viewer's severity pass, native).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "viewer/severity.h"

namespace {

std::vector<std::string> OsloLines(size_t count) {
  static const char* kLevels[] = {"DEBUG", "INFO", "WARNING", "ERROR", "AUDIT"};
  std::vector<std::string> lines;
  for (size_t i = 0; i < count; ++i) {
    lines.push_back("2013-09-10 12:34:56.789 1234 " + std::string(kLevels[i % 5]) +
                    " nova.compute.manager [req-0b7f-4c3d] Instance " + std::to_string(i) +
                    " is in state active, power state running");
  }
  return lines;
}

void BM_ClassifyOsloLines(benchmark::State& state) {
  const auto lines = OsloLines(10000);
  logstow::viewer::SeverityClassifier classifier;
  size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size() + 1;
  for (auto _ : state) {
    for (const auto& l : lines) benchmark::DoNotOptimize(classifier.Classify(l));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_ClassifyOsloLines);

}  // namespace
