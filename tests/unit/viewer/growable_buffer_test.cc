// Native GrowableBuffer (growable_buffer_heap.cc). The Wasm stack (growable_buffer_wasm.cc) is
// tested in Chromium by tests/browser/viewer_memory.spec.js.
#include "viewer/growable_buffer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <utility>

namespace logstow::viewer {
namespace {

TEST(GrowableBuffer, StartsEmpty) {
  GrowableBuffer buffer;
  EXPECT_EQ(buffer.capacity(), 0u);
  EXPECT_EQ(buffer.data(), nullptr);
}

TEST(GrowableBuffer, GrowingKeepsTheBytesAndTheCapacityIsExact) {
  GrowableBuffer buffer;
  ASSERT_TRUE(buffer.Resize(10));
  std::memcpy(buffer.data(), "0123456789", 10);
  for (const size_t capacity : {size_t{11}, size_t{4096}, size_t{3} << 20}) {
    SCOPED_TRACE(capacity);
    ASSERT_TRUE(buffer.Resize(capacity));
    EXPECT_EQ(buffer.capacity(), capacity);
    EXPECT_EQ(std::string(buffer.data(), 10), "0123456789");
  }
}

TEST(GrowableBuffer, ShrinkingKeepsTheFirstBytes) {
  GrowableBuffer buffer;
  ASSERT_TRUE(buffer.Resize(6));
  std::memcpy(buffer.data(), "abcdef", 6);
  ASSERT_TRUE(buffer.Resize(3));
  EXPECT_EQ(std::string(buffer.data(), 3), "abc");
  ASSERT_TRUE(buffer.Resize(0));
  EXPECT_EQ(buffer.data(), nullptr);
}

TEST(GrowableBuffer, MovingTakesTheBytes) {
  GrowableBuffer a;
  ASSERT_TRUE(a.Resize(3));
  std::memcpy(a.data(), "xyz", 3);
  GrowableBuffer b = std::move(a);
  EXPECT_EQ(a.capacity(), 0u);
  EXPECT_EQ(std::string(b.data(), 3), "xyz");
  GrowableBuffer c;
  ASSERT_TRUE(c.Resize(1));
  c = std::move(b);
  EXPECT_EQ(std::string(c.data(), 3), "xyz");
}

TEST(GrowableBuffer, RefusesWhatCannotBeHad) {
  GrowableBuffer buffer;
  ASSERT_TRUE(buffer.Resize(4));
  EXPECT_FALSE(buffer.Resize(~size_t{0} / 2));
  EXPECT_EQ(buffer.capacity(), 4u);
}

TEST(GrowableBuffer, NativeBuffersNeverRelocate) { EXPECT_EQ(GrowableBuffer::relocations(), 0u); }

}  // namespace
}  // namespace logstow::viewer
