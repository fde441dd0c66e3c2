// The baseline comparison and the time pictures, native, over a generated Zuul job-output of
// 100,000 lines (zuul_log_generator.h), MB/s of log text:
//   BM_ReadBaseline    a good build's log into its LineShapeSet (split, scrub, normalise, hash)
//   BM_CountNewLines   a second log streamed through a NewLineCounter against it
//   BM_NewLinesOfDocument   NewLines over a Document (the file view's "new lines only")
//   BM_TimeBuckets     BucketRecords over the same Document (the timeline)
//   BM_DocumentOnly    the Document itself, in the same run, for scale
// Run: build/bench/baseline_benchmark [--benchmark_repetitions=5
// --benchmark_report_aggregates_only]
#include <benchmark/benchmark.h>

#include <string>

#include "bench/zuul_log_generator.h"
#include "viewer/baseline_diff.h"
#include "viewer/document.h"
#include "viewer/time_overview.h"

namespace {

using namespace logstow::viewer;

const std::string& Log() {
  static const std::string text = logstow::bench::GenerateZuulJobOutput(100000, 20);
  return text;
}

void BM_ReadBaseline(benchmark::State& state) {
  for (auto _ : state) {
    LineShapeSet set;
    set.Append(Log());
    set.Finish();
    benchmark::DoNotOptimize(set.shape_count());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Log().size()));
}
BENCHMARK(BM_ReadBaseline)->Unit(benchmark::kMillisecond);

void BM_CountNewLines(benchmark::State& state) {
  LineShapeSet set;
  set.Append(Log());
  set.Finish();
  for (auto _ : state) {
    NewLineCounter counter(set);
    counter.Append(Log());
    counter.Finish();
    benchmark::DoNotOptimize(counter.new_line_count());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Log().size()));
}
BENCHMARK(BM_CountNewLines)->Unit(benchmark::kMillisecond);

void BM_NewLinesOfDocument(benchmark::State& state) {
  LineShapeSet set;
  set.Append(Log());
  set.Finish();
  Document document;
  document.Append(Log());
  document.Finish();
  for (auto _ : state) benchmark::DoNotOptimize(NewLines(document, set).size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Log().size()));
}
BENCHMARK(BM_NewLinesOfDocument)->Unit(benchmark::kMillisecond);

void BM_TimeBuckets(benchmark::State& state) {
  Document document;
  document.Append(Log());
  document.Finish();
  for (auto _ : state) benchmark::DoNotOptimize(BucketRecords(document, 200).timed_lines);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Log().size()));
}
BENCHMARK(BM_TimeBuckets)->Unit(benchmark::kMillisecond);

void BM_DocumentOnly(benchmark::State& state) {
  for (auto _ : state) {
    Document document;
    document.Append(Log());
    document.Finish();
    benchmark::DoNotOptimize(document.line_count());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Log().size()));
}
BENCHMARK(BM_DocumentOnly)->Unit(benchmark::kMillisecond);

}  // namespace
