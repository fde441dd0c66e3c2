#include "uploader/body_stream.h"

#include <algorithm>
#include <cstring>

namespace logstow::uploader {

BodyStream::BodyStream(size_t capacity, std::function<void()> on_want_more,
                       std::function<void()> on_data)
    : capacity_(capacity), on_want_more_(std::move(on_want_more)), on_data_(std::move(on_data)) {}

void BodyStream::Push(std::string bytes) {
  if (bytes.empty()) return;
  {
    std::lock_guard lock(mutex_);
    buffered_ += bytes.size();
    chunks_.push_back(std::move(bytes));
  }
  if (on_data_) on_data_();
}

void BodyStream::Finish(std::string md5_hex, uint64_t total_bytes) {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
    md5_hex_ = std::move(md5_hex);
    total_ = total_bytes;
  }
  if (on_data_) on_data_();
}

void BodyStream::Fail(std::string error) {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
    failed_ = true;
    error_ = error.empty() ? "the body could not be read" : std::move(error);
  }
  if (on_data_) on_data_();
}

bool BodyStream::wants_more() const {
  std::lock_guard lock(mutex_);
  return !finished_ && !cancelled_.load() && buffered_ < capacity_;
}

BodyStream::ReadStatus BodyStream::Read(char* out, size_t max, size_t* copied) {
  *copied = 0;
  bool want_more = false;
  ReadStatus status;
  {
    std::lock_guard lock(mutex_);
    if (failed_) return ReadStatus::kError;
    while (*copied < max && !chunks_.empty()) {
      std::string& front = chunks_.front();
      size_t n = std::min(max - *copied, front.size() - front_offset_);
      std::memcpy(out + *copied, front.data() + front_offset_, n);
      *copied += n;
      front_offset_ += n;
      if (front_offset_ == front.size()) {
        chunks_.pop_front();
        front_offset_ = 0;
      }
    }
    buffered_ -= *copied;
    consumed_ += *copied;
    want_more = !finished_ && buffered_ < capacity_ / 2;
    status = *copied > 0 ? ReadStatus::kData
             : finished_ ? ReadStatus::kEnd
                         : ReadStatus::kWouldBlock;
  }
  if (want_more && on_want_more_) on_want_more_();
  return status;
}

bool BodyStream::ready_to_send() const {
  std::lock_guard lock(mutex_);
  return finished_ || buffered_ >= capacity_;
}

bool BodyStream::readable() const {
  std::lock_guard lock(mutex_);
  return finished_ || buffered_ > 0;
}

bool BodyStream::complete() const {
  std::lock_guard lock(mutex_);
  return finished_ && !failed_ && consumed_ == 0;
}

uint64_t BodyStream::total_bytes() const {
  std::lock_guard lock(mutex_);
  return total_;
}

std::string BodyStream::md5_hex() const {
  std::lock_guard lock(mutex_);
  return md5_hex_;
}

std::string BodyStream::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace logstow::uploader
