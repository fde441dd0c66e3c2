// The viewer's severity pass, native: lines classified one by one (MB/s), and whole Documents
// (split + severity + record inheritance) over generated logs of two shapes:
//   BM_ClassifyOsloLines     oslo.log lines, every one states its level (the first rule's shape)
//   BM_ClassifyZuulLines     Zuul job-output lines: task headers, host output, ok/changed
//   BM_DocumentOslo          Document over 100,000 oslo lines (with traceback continuations)
//   BM_DocumentZuulJobOutput Document over 100,000 Zuul job-output lines (zuul_log_generator.h)
// Compare builds in the same run (this machine's absolute timings move 2x from day to day).
// Run: build/bench/severity_benchmark [--benchmark_repetitions=5
// --benchmark_report_aggregates_only]
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/zuul_log_generator.h"
#include "viewer/document.h"
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

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    lines.emplace_back(text, at, end - at);
    at = end + 1;
  }
  return lines;
}

void ClassifyLines(benchmark::State& state, const std::vector<std::string>& lines) {
  logstow::viewer::SeverityClassifier classifier;
  size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size() + 1;
  for (auto _ : state) {
    for (const auto& l : lines) benchmark::DoNotOptimize(classifier.Classify(l));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * lines.size()));
}

void BM_ClassifyOsloLines(benchmark::State& state) { ClassifyLines(state, OsloLines(10000)); }
BENCHMARK(BM_ClassifyOsloLines);

void BM_ClassifyZuulLines(benchmark::State& state) {
  ClassifyLines(state, SplitLines(logstow::bench::GenerateZuulJobOutput(10000, 7)));
}
BENCHMARK(BM_ClassifyZuulLines);

void DocumentOver(benchmark::State& state, const std::string& log) {
  size_t errors = 0;
  for (auto _ : state) {
    logstow::viewer::Document document;
    document.Reserve(log.size());
    document.Append(log);
    document.Finish();
    errors = document.severity_counts()[static_cast<int>(logstow::viewer::Severity::kError)];
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
  state.counters["effective_ERROR_lines"] = static_cast<double>(errors);
}

void BM_DocumentOslo(benchmark::State& state) {
  std::string log;
  for (const std::string& line : OsloLines(100000)) log += line + '\n';
  DocumentOver(state, log);
}
BENCHMARK(BM_DocumentOslo)->Unit(benchmark::kMillisecond);

void BM_DocumentZuulJobOutput(benchmark::State& state) {
  DocumentOver(state, logstow::bench::GenerateZuulJobOutput(100000, 7));
}
BENCHMARK(BM_DocumentZuulJobOutput)->Unit(benchmark::kMillisecond);

}  // namespace
