// Wasm GrowableBuffer: a stack of buffers at the top of linear memory, grown in place with sbrk
// (growable_buffer.h says why and what happens when malloc takes the memory above it).
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "viewer/growable_buffer.h"

namespace logstow::viewer {

namespace {

constexpr uintptr_t kAlign = 16;

uintptr_t AlignUp(uintptr_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

// The buffers of the live stack, lowest address first; each starts where the one below ends
// (its capacity rounded up to kAlign). A buffer not in here and not empty is stranded: it cannot
// grow in place any more.
std::vector<GrowableBuffer*>& Stack() {
  static std::vector<GrowableBuffer*> stack;
  return stack;
}
uintptr_t g_stack_end = 0;
size_t g_relocations = 0;

uintptr_t Break() { return reinterpret_cast<uintptr_t>(sbrk(0)); }

bool Sbrk(intptr_t increment) { return sbrk(increment) != reinterpret_cast<void*>(-1); }

// Whether the stack still ends at the program break; if not (malloc grew above it), it is given
// up: its buffers become stranded.
bool StackAtTop() {
  if (!Stack().empty() && Break() == g_stack_end) return true;
  Stack().clear();
  return false;
}

}  // namespace

GrowableBuffer::GrowableBuffer(GrowableBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), capacity_(std::exchange(other.capacity_, 0)) {
  for (GrowableBuffer*& b : Stack()) {
    if (b == &other) b = this;
  }
}

GrowableBuffer& GrowableBuffer::operator=(GrowableBuffer&& other) noexcept {
  if (this != &other) {
    Resize(0);
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
    for (GrowableBuffer*& b : Stack()) {
      if (b == &other) b = this;
    }
  }
  return *this;
}

GrowableBuffer::~GrowableBuffer() { Resize(0); }

bool GrowableBuffer::Resize(size_t capacity) {
  if (capacity == capacity_) return true;
  std::vector<GrowableBuffer*>& stack = Stack();
  const bool stacked = std::find(stack.begin(), stack.end(), this) != stack.end() && StackAtTop();
  if (stacked) {
    const auto self = std::find(stack.begin(), stack.end(), this);
    // In the stack: grow (or shrink) in place and slide the buffers above it.
    const intptr_t delta =
        static_cast<intptr_t>(AlignUp(capacity)) - static_cast<intptr_t>(AlignUp(capacity_));
    const size_t above = static_cast<size_t>(self - stack.begin()) + 1;
    if (delta > 0) {
      if (!Sbrk(delta)) return false;
      for (size_t i = stack.size(); i-- > above;) {
        GrowableBuffer* b = stack[i];
        std::memmove(b->data_ + delta, b->data_, b->capacity_);
        b->data_ += delta;
      }
    } else if (delta < 0) {
      for (size_t i = above; i < stack.size(); ++i) {
        GrowableBuffer* b = stack[i];
        std::memmove(b->data_ + delta, b->data_, b->capacity_);
        b->data_ += delta;
      }
      Sbrk(delta);
    }
    g_stack_end += delta;
    capacity_ = capacity;
    if (capacity == 0) {
      stack.erase(std::find(stack.begin(), stack.end(), this));
      data_ = nullptr;
    }
    return true;
  }
  if (capacity == 0) {  // a stranded buffer's memory stays where it is (nothing can reuse it)
    data_ = nullptr;
    capacity_ = 0;
    return true;
  }
  // Not in the live stack: put it on top of it, or start a new stack at the break.
  static bool headroom = false;
  if (!headroom) {
    headroom = true;
    // Stays in malloc's free space (dlmalloc never trims). Through a volatile pointer, or the
    // compiler drops the pair.
    void* volatile headroom_block = std::malloc(kMallocHeadroom);
    std::free(headroom_block);
  }
  if (!StackAtTop()) {
    const uintptr_t pad = AlignUp(Break()) - Break();
    if (pad > 0 && !Sbrk(static_cast<intptr_t>(pad))) return false;
    g_stack_end = Break();
  }
  const uintptr_t base = g_stack_end;
  if (!Sbrk(static_cast<intptr_t>(AlignUp(capacity)))) return false;
  char* data = reinterpret_cast<char*>(base);
  if (data_ != nullptr) {  // stranded: the one copy, its old place lost
    std::memcpy(data, data_, std::min(capacity, capacity_));
    ++g_relocations;
  }
  data_ = data;
  capacity_ = capacity;
  g_stack_end = base + AlignUp(capacity);
  stack.push_back(this);
  return true;
}

size_t GrowableBuffer::relocations() { return g_relocations; }

}  // namespace logstow::viewer
