// Native GrowableBuffer: realloc (glibc grows large blocks with mremap, without copying bytes).
#include <cstdlib>
#include <utility>

#include "viewer/growable_buffer.h"

namespace logstow::viewer {

GrowableBuffer::GrowableBuffer(GrowableBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), capacity_(std::exchange(other.capacity_, 0)) {}

GrowableBuffer& GrowableBuffer::operator=(GrowableBuffer&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

GrowableBuffer::~GrowableBuffer() { std::free(data_); }

bool GrowableBuffer::Resize(size_t capacity) {
  if (capacity == capacity_) return true;
  if (capacity == 0) {
    std::free(data_);
    data_ = nullptr;
    capacity_ = 0;
    return true;
  }
  void* data = std::realloc(data_, capacity);
  if (data == nullptr) return false;
  data_ = static_cast<char*>(data);
  capacity_ = capacity;
  return true;
}

size_t GrowableBuffer::relocations() { return 0; }

}  // namespace logstow::viewer
