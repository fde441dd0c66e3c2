#include "viewer/document.h"

#include <algorithm>
#include <cstring>

#include "viewer/ansi.h"

namespace logstow::viewer {

namespace {

// Lines whose shown text differs from their bytes in a way that can change a classification.
bool HasTerminalControls(std::string_view line) {
  return std::memchr(line.data(), '\x1b', line.size()) != nullptr ||
         std::memchr(line.data(), '\r', line.size()) != nullptr ||
         std::memchr(line.data(), '\b', line.size()) != nullptr;
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
    const std::string_view line = index_.line_text(n);
    Severity own;
    if (HasTerminalControls(line)) {
      ScrubLine(line, &clean);
      own = classifier_.Classify(clean.text);
    } else {
      own = classifier_.Classify(line);
    }
    uint8_t value;
    if (own != Severity::kNone) {
      last_ = own;
      value = static_cast<uint8_t>(own) | kOwnLevelBit;
    } else {
      value = static_cast<uint8_t>(last_);
    }
    ++stated_counts_[static_cast<int>(own)];
    ++effective_counts_[static_cast<int>(last_)];
    severities_.push_back(value);
  }
}

void Document::CleanText(size_t n, CleanLine* out) const { ScrubLine(index_.line_text(n), out); }

Timestamp Document::timestamp(size_t n) const {
  const std::string_view line = index_.line_text(n);
  if (!HasTerminalControls(line)) return ParseTimestamp(line);
  CleanLine clean;
  ScrubLine(line.substr(0, std::min<size_t>(line.size(), 256)), &clean);
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
