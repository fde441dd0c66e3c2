// Fuzzes the baseline comparison's path over log text (viewer/line_shape.h, baseline_diff.h) and
// the timestamp parser it starts with. Checks, besides sanitizers: a shape is never longer than
// its line; a log compared with itself has no new line, whatever the chunking, through both the
// streaming counter and a Document.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "viewer/baseline_diff.h"
#include "viewer/document.h"
#include "viewer/line_shape.h"
#include "viewer/timestamp.h"

namespace {

using namespace logstow::viewer;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1 << 18)) return 0;
  const size_t chunk = 1 + data[0] % 61;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  // A file date for times without a year, ±350 years around 1970 (floor of its seconds' day).
  const int64_t file_date = (int64_t{data[0]} - 128) * 86400 * 997 + data[0] * 3571;
  const int64_t file_day = file_date / 86400 - (file_date % 86400 < 0 ? 1 : 0);
  std::string shape;
  for (size_t at = 0; at <= text.size();) {
    const size_t nl = text.find('\n', at);
    const std::string_view line =
        text.substr(at, nl == std::string_view::npos ? text.npos : nl - at);
    NormalizeLine(line, &shape);
    Check(shape.size() <= line.size(), "a shape is never longer than its line");
    const Timestamp ts = ParseTimestamp(line, file_date);
    Check(!ts.ok || (ts.begin <= ts.end && ts.end <= line.size()), "timestamp inside the line");
    Check(!ts.ok || ts.has_year || !ts.has_date || ts.unix_us < (file_day + 2) * 86400000000,
          "a time without a year is at most a day after the file's date");
    Check(!ts.ok || ts.has_year || !ts.has_date || ts.unix_us >= (file_day - 9 * 366) * 86400000000,
          "a time without a year is within 9 years before the file's date");
    if (ts.ok) (void)FormatNaiveTime(ts.unix_us);
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }

  LineShapeSet self;
  for (size_t at = 0; at < text.size(); at += chunk) self.Append(text.substr(at, chunk));
  self.Finish();
  NewLineCounter counter(self);
  for (size_t at = 0; at < text.size(); at += 7) counter.Append(text.substr(at, 7));
  counter.Finish();
  Check(counter.new_line_count() == 0, "a log has no line new against itself (stream)");
  Check(counter.line_count() == self.line_count(), "same lines whatever the chunking");

  Document document;
  document.Append(text);
  document.Finish();
  if (!document.is_terminal()) {
    Check(NewLines(document, self).empty(), "a log has no line new against itself (document)");
  }
  return 0;
}
