#include "viewer/document.h"

#include <algorithm>
#include <cstring>

#include "viewer/ansi.h"

namespace logstow::viewer {

namespace {

bool IsTerminalControl(char c) { return c == '\x1b' || c == '\r' || c == '\b'; }

// Lines whose shown text differs from their bytes in a way that can change a classification
// (ESC, '\r', '\b'). One pass, 8 bytes at a time: a word holds a byte < 0x20 iff
// (w - 0x20..20) & ~w & 0x80..80 is non-zero; only then are its bytes looked at one by one.
// (Three memchr calls per line cost ~25 % of the severity pass in Wasm, where memchr is scalar.)
bool HasTerminalControls(std::string_view line) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const char* p = line.data();
  const char* const end = p + line.size();
  for (; p + 8 <= end; p += 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    if (((word - 0x20 * kOnes) & ~word & 0x80 * kOnes) == 0) continue;
    for (int i = 0; i < 8; ++i) {
      if (IsTerminalControl(p[i])) return true;
    }
  }
  for (; p < end; ++p) {
    if (IsTerminalControl(*p)) return true;
  }
  return false;
}

}  // namespace

Document::Document() = default;

Document::Document(std::shared_ptr<const Rules> rules) : classifier_(std::move(rules)) {}

size_t Document::CommitAppend(size_t size) {
  const size_t completed = index_.CommitAppend(size);
  ClassifyNewLines();
  return completed;
}

size_t Document::Append(std::string_view chunk) {
  const size_t completed = index_.Append(chunk);
  ClassifyNewLines();
  return completed;
}

void Document::Finish() {
  index_.Finish();
  ClassifyNewLines();
}

void Document::ClassifyNewLines() {
  const size_t count = index_.line_count();
  if (severities_.capacity() < count) severities_.reserve(count + count / 2);
  CleanLine clean;
  for (size_t n = severities_.size(); n < count; ++n) {
    std::string_view line = index_.line_text(n);
    if (HasTerminalControls(line)) {
      ScrubLine(line, &clean);
      line = clean.text;
    }
    const LineSeverity level = records_.Next(classifier_.Match(line, /*want_token=*/false));
    const int value = static_cast<int>(level.level);
    ++stated_counts_[level.own ? value : 0];
    ++effective_counts_[value];
    severities_.push_back(static_cast<uint8_t>(level.own ? value | kOwnLevelBit : value));
  }
}

void Document::CleanText(size_t n, CleanLine* out) const { ScrubLine(index_.line_text(n), out); }

Timestamp Document::timestamp(size_t n) const {
  const std::string_view line = index_.line_text(n);
  if (!HasTerminalControls(line)) return ParseTimestamp(line);
  CleanLine clean;
  ScrubLine(line, &clean);
  return ParseTimestamp(clean.text);
}

size_t Document::LineAtTime(int64_t unix_us) const {
  constexpr size_t kProbe = 256;  // lines without a timestamp skipped per probe
  const size_t count = line_count();
  size_t lo = 0, hi = count;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    // The first timestamped line at or after mid; untimestamped lines belong to the time of
    // the line before them, so if none follows closely, mid counts as "before".
    size_t at = mid;
    bool before = true;
    bool found = false;
    for (; at < count && at < mid + kProbe; ++at) {
      const Timestamp ts = timestamp(at);
      if (ts.ok) {
        before = ts.unix_us < unix_us;
        found = true;
        break;
      }
    }
    if (before) {
      lo = std::min(found ? at + 1 : at, hi);
      if (lo == mid) lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // Land on a line that has a timestamp, if one follows closely.
  for (size_t at = lo; at < count && at < lo + kProbe; ++at) {
    if (timestamp(at).ok) return at;
  }
  return lo;
}

}  // namespace logstow::viewer
