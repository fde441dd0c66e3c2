#include "viewer/line_index.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "viewer/newline_scan.h"

namespace logstow::viewer {

LineIndex::LineIndex() { starts_.push_back(0); }

LineIndex::LineIndex(const LineIndex& other)
    : size_(other.size_),
      capacity_(other.size_),
      starts_(other.starts_),
      finished_(other.finished_) {
  if (size_ > 0) {
    data_.reset(new char[size_]);
    std::memcpy(data_.get(), other.data_.get(), size_);
  }
}

LineIndex& LineIndex::operator=(const LineIndex& other) {
  if (this != &other) *this = LineIndex(other);
  return *this;
}

bool LineIndex::Grow(size_t needed) {
  if (needed > kMaxBytes) return false;
  if (needed <= capacity_) return true;
  size_t capacity = std::max(needed, capacity_ + capacity_ / 2);
  capacity = std::min(std::max<size_t>(capacity, 4096), kMaxBytes);
  std::unique_ptr<char[]> data(new char[capacity]);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
  return true;
}

bool LineIndex::Reserve(size_t total_bytes) {
  if (total_bytes > kMaxBytes) return false;
  if (total_bytes > capacity_) {
    std::unique_ptr<char[]> data(new char[total_bytes]);
    if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
    data_ = std::move(data);
    capacity_ = total_bytes;
  }
  return true;
}

char* LineIndex::PrepareAppend(size_t size) {
  if (finished_ || size > kMaxBytes - size_) return nullptr;
  if (!Grow(size_ + size)) return nullptr;
  return data_.get() + size_;
}

size_t LineIndex::CommitAppend(size_t size) {
  assert(!finished_ && size_ + size <= capacity_);
  const size_t found =
      ScanNewlines(data_.get() + size_, size, static_cast<uint32_t>(size_), &starts_);
  size_ += size;
  return found;
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
  finished_ = true;
  if (size_ > starts_.back()) starts_.push_back(static_cast<uint32_t>(size_));
}

ByteRange LineIndex::line(size_t n) const {
  assert(n < line_count());
  ByteRange range{starts_[n], starts_[n + 1]};
  const char* data = data_.get();
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
  return {data_.get() + range.begin, range.size()};
}

size_t LineIndex::LineAt(uint32_t offset) const {
  assert(offset < size_);
  // The last start <= offset.
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<size_t>(it - starts_.begin()) - 1;
}

size_t LineIndex::memory_bytes() const { return capacity_ + starts_.capacity() * sizeof(uint32_t); }

}  // namespace logstow::viewer
