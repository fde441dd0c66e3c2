// What searching the shown text costs (viewer/search.h SearchShown, issue 10 item 4), measured
// in one run over the same generated 20 MB oslo-style log (oslo_log_generator.h) in three forms:
//   plain      the log as generated: nothing hidden, so SearchShown is the raw search
//   coloured   every line's level word wrapped in SGR ("\e[32mINFO\e[0m"): every line is drawn
//              (ansi.h) and searched on its own
//   tenth      one line in ten coloured: runs of plain lines are still searched as raw bytes
//   terminal   the plain log with a `docker compose pull`-like redraw ("\e[3A" + 3 rows) every
//              100 lines: a TerminalScreen capture
//   bad-tenth  one line in ten ends in " caf\xE9" (Latin-1, invalid UTF-8 shown as U+FFFD):
//              those lines are searched on their own, the runs between as raw bytes
//   bad-one    one such line in the whole log
//   utf8-tenth one line in ten ends in " caf\xC3\xA9" (valid UTF-8): nothing hidden, the fast
//              path
// BM_Raw is SearchAll over the raw bytes of the same log (what search did before: it matched
// escape bytes). BM_Index* is Document indexing (split + terminal detection + severities) of each
// form, BM_EscScan the SIMD scan for ESC that detection adds to a log that has none,
// BM_NonPlainScan the scan for bytes a line may not show as they are (every line is checked by it).
// Run: build/bench/search_shown_benchmark; figures in bench/runs/2026-12-06-vm/search_shown.txt,
// for the bad-*/utf8-* forms bench/runs/2026-12-07-vm/search_shown_utf8.md.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "bench/oslo_log_generator.h"
#include "viewer/document.h"
#include "viewer/literal_search.h"
#include "viewer/search.h"
#include "viewer/terminal_control_scan.h"

namespace {

using namespace logstow::viewer;

constexpr size_t kBytes = 20 * 1000 * 1000;
constexpr size_t kChunk = 1 << 20;

const bool kHeapKept = [] {
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  return true;
}();

// The log with the level word of every `every`-th line coloured.
std::string Coloured(const std::string& log, size_t every) {
  std::string out;
  out.reserve(log.size() + log.size() / 8);
  size_t n = 0;
  for (size_t at = 0; at < log.size();) {
    size_t end = log.find('\n', at);
    end = end == std::string::npos ? log.size() : end + 1;
    std::string_view line(log.data() + at, end - at);
    bool done = false;
    if (n++ % every == 0) {
      for (const char* level : {" DEBUG ", " INFO ", " WARNING ", " ERROR ", " AUDIT "}) {
        const size_t k = line.find(level);
        if (k == std::string_view::npos || k > 40) continue;
        const std::string_view word(level + 1, std::char_traits<char>::length(level) - 2);
        out.append(line.substr(0, k + 1)).append("\x1b[32m").append(word).append("\x1b[0m");
        out.append(line.substr(k + 1 + word.size()));
        done = true;
        break;
      }
    }
    if (!done) out.append(line);
    at = end;
  }
  return out;
}

// The log with a 3-row progress block redrawn every 100 lines.
std::string Terminal(const std::string& log) {
  std::string out;
  out.reserve(log.size() + log.size() / 10);
  size_t n = 0;
  for (size_t at = 0; at < log.size();) {
    size_t end = log.find('\n', at);
    end = end == std::string::npos ? log.size() : end + 1;
    out.append(log, at, end - at);
    if (++n % 100 == 0) {
      out += "[+] Pulling 1/3\n layer a Downloading 10%\n layer b Waiting\n";
      out += "\x1b[3A[+] Pulling 3/3\n layer a Pull complete \n layer b Pull complete\n";
    }
    at = end;
  }
  return out;
}

// The log with " caf" + `tail` before the newline of every `every`-th line (or of the middle
// line only, when `every` is 0).
std::string Suffixed(const std::string& log, size_t every, std::string_view tail) {
  std::string out;
  out.reserve(log.size() + log.size() / 8);
  size_t n = 0;
  const size_t middle = static_cast<size_t>(std::count(log.begin(), log.end(), '\n')) / 2;
  for (size_t at = 0; at < log.size();) {
    size_t end = log.find('\n', at);
    if (end == std::string::npos) end = log.size();
    out.append(log, at, end - at);
    if (every == 0 ? n == middle : n % every == 0) out.append(" caf").append(tail);
    ++n;
    if (end < log.size()) out.push_back('\n');
    at = end + 1;
  }
  return out;
}

const std::string& Form(int form) {
  static const std::string plain = logstow::bench::GenerateOsloLog(kBytes);
  static const std::string coloured = Coloured(plain, 1);
  static const std::string tenth = Coloured(plain, 10);
  static const std::string terminal = Terminal(plain);
  static const std::string bad_tenth = Suffixed(plain, 10, "\xE9");
  static const std::string bad_one = Suffixed(plain, 0, "\xE9");
  static const std::string utf8_tenth = Suffixed(plain, 10, "\xC3\xA9");
  switch (form) {
    case 0:
      return plain;
    case 1:
      return coloured;
    case 2:
      return tenth;
    case 3:
      return terminal;
    case 4:
      return bad_tenth;
    case 5:
      return bad_one;
    default:
      return utf8_tenth;
  }
}

const char* const kForms[] = {"plain",     "coloured", "tenth",     "terminal",
                              "bad-tenth", "bad-one",  "utf8-tenth"};
constexpr int kLastForm = 6;

Document Load(const std::string& log) {
  Document document;
  document.Reserve(log.size());
  for (size_t at = 0; at < log.size(); at += kChunk)
    document.Append(std::string_view(log).substr(at, kChunk));
  document.Finish();
  return document;
}

void BM_Index(benchmark::State& state) {
  const std::string& log = Form(static_cast<int>(state.range(0)));
  size_t lines = 0;
  for (auto _ : state) lines = Load(log).line_count();
  state.SetLabel(kForms[state.range(0)]);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
  state.counters["shown_lines"] = static_cast<double>(lines);
}
BENCHMARK(BM_Index)->DenseRange(0, kLastForm)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EscScan(benchmark::State& state) {
  const std::string& log = Form(0);
  size_t found = 0;
  for (auto _ : state) found = FindLiteral(log, "\x1b", 0, false);
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
}
BENCHMARK(BM_EscScan)->Unit(benchmark::kMillisecond)->UseRealTime();

// The scan Document runs over every raw line for bytes a line may not show as they are
// (terminal_control_scan.h): one pass over a log that holds none.
void BM_NonPlainScan(benchmark::State& state) {
  const std::string& log = Form(0);
  size_t found = 0;
  for (auto _ : state) found = FindNonPlainByte(log, 0);
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
}
BENCHMARK(BM_NonPlainScan)->Unit(benchmark::kMillisecond)->UseRealTime();

void Search(benchmark::State& state, const char* pattern, SearchOptions options, bool raw) {
  const int form = static_cast<int>(state.range(0));
  const std::string& log = Form(form);
  const Document document = Load(log);
  const SearchPattern search(pattern, options);
  size_t matches = 0;
  for (auto _ : state) {
    matches = raw ? SearchAll(document.index(), search, 1000).match_count
                  : SearchShown(document, search, 1000).match_count;
  }
  state.SetLabel(kForms[form]);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
  state.counters["matches"] = static_cast<double>(matches);
}

void BM_RawLiteral(benchmark::State& state) { Search(state, "ERROR", {.literal = true}, true); }
void BM_ShownLiteral(benchmark::State& state) { Search(state, "ERROR", {.literal = true}, false); }
void BM_RawRegex(benchmark::State& state) { Search(state, "req-[0-9a-f]{8}-dead", {}, true); }
// A pattern that finds the shown U+FFFD (and "café"): every bad line matches.
void BM_ShownDot(benchmark::State& state) { Search(state, "caf.$", {}, false); }
void BM_ShownRegex(benchmark::State& state) { Search(state, "req-[0-9a-f]{8}-dead", {}, false); }
BENCHMARK(BM_RawLiteral)->DenseRange(0, kLastForm)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ShownLiteral)->DenseRange(0, kLastForm)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_RawRegex)->DenseRange(0, kLastForm)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ShownRegex)->DenseRange(0, kLastForm)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ShownDot)->DenseRange(4, kLastForm)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
