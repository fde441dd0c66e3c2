#include "viewer/baseline_diff.h"

#include <algorithm>

#include "viewer/document.h"
#include "viewer/line_index.h"
#include "viewer/line_shape.h"

namespace logstow::viewer {

namespace {
// Unsorted hashes kept before duplicates are dropped: bounds a baseline's transient memory.
constexpr size_t kCompactEvery = 1 << 16;
}  // namespace

bool LineShapeReader::Decide(std::string_view chunk) {
  constexpr size_t kDecide = LineIndex::kCrLinesDecideBytes;
  // Only the log's first kDecide bytes count, so the outcome never depends on the chunks.
  const std::string_view head = chunk.substr(0, kDecide - std::min(kDecide, carry_.size()));
  if (head.find('\n') != std::string_view::npos) {
    terminator_ = '\n';
    return true;
  }
  if (carry_.size() + head.size() < kDecide) {
    carry_.append(chunk);
    return false;
  }
  const bool cr =
      carry_.find('\r') != std::string::npos || head.find('\r') != std::string_view::npos;
  terminator_ = cr ? '\r' : '\n';
  return true;
}

uint64_t LineShapeReader::Hash(std::string_view raw) {
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  if (NeedsScrubbing(raw)) {
    ScrubLine(raw, &clean_);
    return LineShapeHash(clean_.text, &shape_);
  }
  return LineShapeHash(raw, &shape_);
}

void LineShapeSet::Add(uint64_t hash) {
  ++lines_;
  if (hash == 0) return;
  hashes_.push_back(hash);
  if (hashes_.size() - unique_ >= std::max(kCompactEvery, unique_)) Compact();
}

void LineShapeSet::Compact() {
  std::sort(hashes_.begin(), hashes_.end());
  hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
  unique_ = hashes_.size();
}

void LineShapeSet::Append(std::string_view chunk) {
  if (finished_) return;
  reader_.Append(chunk, [this](uint64_t hash) { Add(hash); });
}

void LineShapeSet::Finish() {
  if (finished_) return;
  reader_.Finish([this](uint64_t hash) { Add(hash); });
  Compact();
  hashes_.shrink_to_fit();
  finished_ = true;
}

bool LineShapeSet::Contains(uint64_t hash) const {
  return hash == 0 || std::binary_search(hashes_.begin(), hashes_.end(), hash);
}

void NewLineCounter::Append(std::string_view chunk) {
  reader_.Append(chunk, [this](uint64_t hash) {
    ++lines_;
    if (!baseline_.Contains(hash)) ++new_lines_;
  });
}

void NewLineCounter::Finish() {
  reader_.Finish([this](uint64_t hash) {
    ++lines_;
    if (!baseline_.Contains(hash)) ++new_lines_;
  });
}

std::vector<uint32_t> NewLines(const Document& document, const LineShapeSet& baseline) {
  std::vector<uint32_t> out;
  LineShapeReader reader;
  CleanLine scratch;
  const size_t count = document.stable_line_count();
  for (size_t n = 0; n < count; ++n) {
    // Raw bytes when the line is one raw line (Hash applies its escape sequences), else the
    // terminal's row text.
    if (!baseline.Contains(reader.Hash(document.RawOrShownText(n, &scratch)))) {
      out.push_back(static_cast<uint32_t>(n));
    }
  }
  return out;
}

}  // namespace logstow::viewer
