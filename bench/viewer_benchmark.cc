// The viewer core's throughput on a generated 100 MB, ~1M-line oslo-style log (generated at
// start-up, never stored; oslo_log_generator.h), in MB/s (SetBytesProcessed), side by side with
// the ceiling (a plain memchr line split) in the same run:
//   BM_MemchrSplit       memchr loop pushing line starts: the bandwidth ceiling
//   BM_LineIndexSplit    LineIndex over the log in 1 MiB chunks (copy into its buffer + split)
//   BM_LineIndexCommit   the split alone (bytes already in the reserved buffer)
//   BM_IndexSeverity     Document: split + severity of every line (+ inheritance)
//   BM_Search/...        SearchAll: literal, case-insensitive, regex (literal prefix + RE2)
//   BM_RenderRows        100 rows as the page takes them, JSON (rows/s as items)
// The Wasm figures of the same operations come from bench/viewer_wasm_bench.js.
// Rates use wall-clock time (UseRealTime), as the Wasm page does.
// Run: build/bench/viewer_benchmark [--benchmark_repetitions=5 --benchmark_report_aggregates_only]
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstring>
#include <string>
#include <vector>

#include "bench/oslo_log_generator.h"
#include "viewer/document.h"
#include "viewer/line_index.h"
#include "viewer/newline_scan.h"
#include "viewer/render.h"
#include "viewer/search.h"

namespace {

using namespace logstow::viewer;

constexpr size_t kChunk = 1 << 20;

// A Wasm heap never returns memory, so the page reuses warm pages for each new 100 MB buffer.
// Do the same natively (no mmap for large blocks, no trimming), or every iteration would pay
// ~25,000 fresh page faults that the Wasm figures do not.
const bool kHeapKept = [] {
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  return true;
}();

const std::string& Log() {
  static const std::string log = logstow::bench::GenerateOsloLog(100 * 1000 * 1000);
  return log;
}

void SetCounters(benchmark::State& state, size_t lines) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Log().size()));
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["MB"] = static_cast<double>(Log().size()) / 1e6;
}

void BM_MemchrSplit(benchmark::State& state) {
  const std::string& log = Log();
  std::vector<uint32_t> starts;
  for (auto _ : state) {
    starts.clear();
    starts.push_back(0);
    const char* p = log.data();
    const char* end = p + log.size();
    while (const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
      p = static_cast<const char*>(hit) + 1;
      starts.push_back(static_cast<uint32_t>(p - log.data()));
    }
    benchmark::DoNotOptimize(starts.data());
  }
  SetCounters(state, starts.size() - 1);
}
BENCHMARK(BM_MemchrSplit)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LineIndexSplit(benchmark::State& state) {
  const std::string_view log = Log();
  size_t lines = 0;
  for (auto _ : state) {
    LineIndex index;
    index.Reserve(log.size());
    for (size_t at = 0; at < log.size(); at += kChunk) index.Append(log.substr(at, kChunk));
    index.Finish();
    lines = index.line_count();
    benchmark::DoNotOptimize(index.line_starts());
  }
  SetCounters(state, lines);
  state.SetLabel(NewlineScanName());
}
BENCHMARK(BM_LineIndexSplit)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LineIndexCommit(benchmark::State& state) {
  const std::string_view log = Log();
  size_t lines = 0;
  for (auto _ : state) {
    state.PauseTiming();
    LineIndex index;
    char* buffer = index.PrepareAppend(log.size());
    std::memcpy(buffer, log.data(), log.size());
    state.ResumeTiming();
    index.CommitAppend(log.size());
    index.Finish();
    lines = index.line_count();
  }
  SetCounters(state, lines);
}
BENCHMARK(BM_LineIndexCommit)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_IndexSeverity(benchmark::State& state) {
  const std::string_view log = Log();
  size_t lines = 0, errors = 0;
  for (auto _ : state) {
    Document document;
    document.Reserve(log.size());
    for (size_t at = 0; at < log.size(); at += kChunk) document.Append(log.substr(at, kChunk));
    document.Finish();
    lines = document.line_count();
    errors = document.stated_counts()[static_cast<int>(Severity::kError)];
    state.counters["memory_MB"] = static_cast<double>(document.memory_bytes()) / 1e6;
  }
  SetCounters(state, lines);
  state.counters["ERROR_lines"] = static_cast<double>(errors);
}
BENCHMARK(BM_IndexSeverity)->Unit(benchmark::kMillisecond)->UseRealTime();

// The first jump to a time (&t=) in a loaded log: every line's timestamp parsed once (the log's
// times need not grow, document.h LineAtTime); a second jump reads the blocks kept.
void BM_FirstJumpToATime(benchmark::State& state) {
  const std::string_view log = Log();
  Document document;
  document.Append(log);
  document.Finish();
  size_t line = 0;
  for (auto _ : state) {
    state.PauseTiming();
    document.set_file_date(document.file_date() + 1);  // the blocks are made again
    state.ResumeTiming();
    line = document.LineAtTime(INT64_MAX);  // later than any line: every block read
  }
  SetCounters(state, document.line_count());
  state.counters["line"] = static_cast<double>(line);
}
BENCHMARK(BM_FirstJumpToATime)->Unit(benchmark::kMillisecond)->UseRealTime();

const LineIndex& Indexed() {
  static const LineIndex index = [] {
    LineIndex index;
    index.Append(Log());
    index.Finish();
    return index;
  }();
  return index;
}

void BM_Search(benchmark::State& state, const char* pattern, SearchOptions options) {
  const LineIndex& index = Indexed();
  const SearchPattern search(pattern, options);
  size_t matches = 0;
  for (auto _ : state) matches = SearchAll(index, search, 1000).match_count;
  SetCounters(state, index.line_count());
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK_CAPTURE(BM_Search, literal_rare, "Traceback", SearchOptions{.literal = true})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Search, literal_common, "ERROR", SearchOptions{.literal = true})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Search, case_insensitive, "error", SearchOptions{.case_insensitive = true})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// 'k' folds to U+212A KELVIN SIGN in RE2: the literal scan also watches for it (search.h).
BENCHMARK_CAPTURE(BM_Search, case_insensitive_guarded, "traceback",
                  SearchOptions{.case_insensitive = true})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Search, regex, "req-[0-9a-f]{8}-dead", SearchOptions{})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_RenderRows(benchmark::State& state) {
  static const Document document = [] {
    Document d;
    d.Append(std::string_view(Log()).substr(0, 8 << 20));
    d.Finish();
    return d;
  }();
  size_t first = 0;
  std::string json;
  for (auto _ : state) {
    json.clear();
    RenderRowsJson(document, first, first + 100, nullptr, &json);
    first = (first + 100) % (document.line_count() - 100);
    benchmark::DoNotOptimize(json.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 100));
}
BENCHMARK(BM_RenderRows)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
