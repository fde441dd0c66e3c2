#include "viewer/line_index.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>

#include "viewer/newline_scan.h"

namespace logstow::viewer {

namespace {

// Newlines are scanned in blocks of this many bytes into a buffer on the stack, then copied to
// the starts buffer, which so grows by what was found, not by the worst case.
constexpr size_t kScanBlock = 4096;
// The byte buffer's first size (it is allocated first: in Wasm it then sits below the starts
// buffer, the smaller of the two, which is the one moved when the other grows) and its smallest
// growth step (so appending a few bytes at a time stays amortised O(1)).
constexpr size_t kFirstBytes = 256;
constexpr size_t kMinGrowth = 4096;

// Allocation failure aborts, as std::bad_alloc does in Wasm.
void Require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

LineIndex::LineIndex() {
  Require(bytes_.Resize(kFirstBytes));
  Require(RoomForStarts(1));
  starts()[0] = 0;
}

LineIndex::LineIndex(const LineIndex& other)
    : size_(other.size_),
      start_count_(other.start_count_),
      finished_(other.finished_),
      lf_lines_(other.lf_lines_),
      cr_lines_(other.cr_lines_) {
  Require(bytes_.Resize(std::max(other.size_, kFirstBytes)));
  Require(starts_.Resize(other.start_count_ * sizeof(uint32_t)));
  if (size_ > 0) std::memcpy(bytes_.data(), other.bytes_.data(), size_);
  std::memcpy(starts_.data(), other.starts_.data(), start_count_ * sizeof(uint32_t));
}

LineIndex& LineIndex::operator=(const LineIndex& other) {
  if (this != &other) *this = LineIndex(other);
  return *this;
}

bool LineIndex::GrowBytes(size_t needed) {
  if (needed > kMaxBytes) return false;
  const size_t capacity = bytes_.capacity();
  if (needed <= capacity) return true;
  return bytes_.Resize(
      std::min(std::max({needed, capacity + capacity / 16, capacity + kMinGrowth}), kMaxBytes));
}

bool LineIndex::RoomForStarts(size_t more) {
  const size_t needed = (start_count_ + more) * sizeof(uint32_t);
  const size_t capacity = starts_.capacity();
  if (needed <= capacity) return true;
  return starts_.Resize(std::max(needed, capacity + capacity / 8));
}

bool LineIndex::Reserve(size_t total_bytes) {
  if (total_bytes > kMaxBytes) return false;
  if (total_bytes <= bytes_.capacity()) return true;
  return bytes_.Resize(total_bytes);
}

char* LineIndex::PrepareAppend(size_t size) {
  if (finished_ || size > kMaxBytes - size_) return nullptr;
  if (!GrowBytes(size_ + size)) return nullptr;
  return bytes_.data() + size_;
}

size_t LineIndex::CommitAppend(size_t size) {
  assert(!finished_ && size_ + size <= bytes_.capacity());
  const size_t before = line_count();
  const size_t from = size_;
  size_ += size;
  ScanTerminators(from, size_);
  if (!lf_lines_ && !cr_lines_ && size_ >= kCrLinesDecideBytes) DecideCrLines();
  return line_count() - before;
}

size_t LineIndex::ScanTerminators(size_t from, size_t to) {
  size_t found = 0;
  uint32_t hits[kScanBlock];
  for (size_t at = from; at < to; at += kScanBlock) {
    const size_t block = std::min(kScanBlock, to - at);
    const char* data = bytes_.data() + at;
    size_t n = 0;
    if (!cr_lines_) {
      n = ScanNewlinesInto(data, block, static_cast<uint32_t>(at), hits);
    } else {  // rare files: a plain loop
      for (size_t i = 0; i < block; ++i) {
        if (data[i] == '\r') hits[n++] = static_cast<uint32_t>(at + i + 1);
      }
    }
    if (n == 0) continue;
    Require(RoomForStarts(n));
    std::memcpy(starts() + start_count_, hits, n * sizeof(uint32_t));
    start_count_ += n;
    found += n;
  }
  return found;
}

void LineIndex::DecideCrLines() {
  if (lf_lines_ || cr_lines_) return;
  // On the first kCrLinesDecideBytes only, so the outcome never depends on the chunks.
  const std::string_view head(bytes_.data(), std::min(size_, kCrLinesDecideBytes));
  if (head.find('\n') != std::string_view::npos || head.find('\r') == std::string_view::npos) {
    lf_lines_ = true;
    return;
  }
  // No line ended inside the head; '\n' lines found past it (in the same chunk) are dropped.
  cr_lines_ = true;
  start_count_ = 1;
  ScanTerminators(0, size_);
}

size_t LineIndex::Append(std::string_view chunk) {
  if (chunk.empty()) return 0;
  char* out = PrepareAppend(chunk.size());
  if (out == nullptr) return 0;
  std::memcpy(out, chunk.data(), chunk.size());
  return CommitAppend(chunk.size());
}

void LineIndex::Finish() {
  if (finished_) return;
  DecideCrLines();
  finished_ = true;
  if (size_ > starts()[start_count_ - 1]) {
    Require(RoomForStarts(1));
    starts()[start_count_++] = static_cast<uint32_t>(size_);
  }
}

ByteRange LineIndex::line(size_t n) const {
  assert(n < line_count());
  const uint32_t* s = starts();
  ByteRange range{s[n], s[n + 1]};
  const char* data = bytes_.data();
  if (cr_lines_) {
    if (range.end > range.begin && data[range.end - 1] == '\r') --range.end;
    return range;
  }
  if (range.end > range.begin && data[range.end - 1] == '\n') {
    --range.end;
    if (range.end > range.begin && data[range.end - 1] == '\r') --range.end;
  } else if (range.end > range.begin && data[range.end - 1] == '\r') {
    --range.end;  // the unterminated tail's final lone '\r'
  }
  return range;
}

std::string_view LineIndex::line_text(size_t n) const {
  const ByteRange range = line(n);
  return {bytes_.data() + range.begin, range.size()};
}

size_t LineIndex::LineAt(uint32_t offset) const {
  assert(offset < size_);
  // The last start <= offset.
  const uint32_t* s = starts();
  const uint32_t* it = std::upper_bound(s, s + start_count_, offset);
  return static_cast<size_t>(it - s) - 1;
}

size_t LineIndex::memory_bytes() const { return bytes_.capacity() + starts_.capacity(); }

}  // namespace logstow::viewer
