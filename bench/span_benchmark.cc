// Highlight time of pathological lines, native: FindSpans (spans.h: severity token, timestamp,
// request ids, URLs, paths) and the JSON row (render.h) of one line each of
//   long_line   a 100,000-character line of ordinary tokens (words, key=value, paths, URLs)
//   heart       "<3" x 5,000 (every other byte a markup character)
//   http        "http://" x 2,000 (a URL candidate at every 7th byte, none well formed)
//   plain       100,000 'x' (nothing to mark: the floor)
// A line's cost must stay linear in its length: compare the us per 100 KB across cases.
// Run: build/bench/span_benchmark [--benchmark_repetitions=5 --benchmark_report_aggregates_only]
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "viewer/document.h"
#include "viewer/render.h"
#include "viewer/spans.h"

namespace {

using namespace logstow::viewer;

std::string Repeat(std::string_view piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

std::string LongLine() {
  std::string line = "2024-03-01 12:00:00.123 1234 DEBUG nova.compute [-] ";
  for (int i = 0; line.size() < 100000; ++i) {
    line += "key" + std::to_string(i) +
            "=value /opt/stack/nova/compute/manager.py:" + std::to_string(i % 900) +
            " see https://docs.example.org/x/" + std::to_string(i) + " (ok), ";
  }
  line.resize(100000);
  return line;
}

const std::string& Line(int which) {
  static const std::string lines[] = {LongLine(), Repeat("<3", 5000), Repeat("http://", 2000),
                                      std::string(100000, 'x')};
  return lines[which];
}

void BM_FindSpans(benchmark::State& state) {
  const std::string& line = Line(static_cast<int>(state.range(0)));
  const SeverityClassifier classifier;
  std::vector<Span> spans;
  for (auto _ : state) {
    FindSpans(classifier, line, &spans);
    benchmark::DoNotOptimize(spans.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * line.size()));
  state.counters["chars"] = static_cast<double>(line.size());
  state.counters["spans"] = static_cast<double>(spans.size());
}

void BM_RenderRowJson(benchmark::State& state) {
  const std::string& line = Line(static_cast<int>(state.range(0)));
  Document document;
  document.Append(line);
  document.Finish();
  std::string json;
  for (auto _ : state) {
    json.clear();
    RenderRowsJson(document, 0, 1, nullptr, &json);
    benchmark::DoNotOptimize(json.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * line.size()));
  state.counters["json_bytes"] = static_cast<double>(json.size());
}

// Arguments: 0 long_line, 1 heart ("<3" x 5,000), 2 http ("http://" x 2,000), 3 plain.
void Cases(benchmark::internal::Benchmark* b) {
  b->ArgName("case")->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMicrosecond);
}
BENCHMARK(BM_FindSpans)->Apply(Cases);
BENCHMARK(BM_RenderRowJson)->Apply(Cases);

}  // namespace
