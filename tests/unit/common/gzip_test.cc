#include "common/gzip.h"

#include <gtest/gtest.h>

#include "tests/testing/temp_dir.h"

namespace logstow {
namespace {

TEST(GzipCompress, RoundTripsThroughGunzip) {
  for (const std::string& text : {std::string(), std::string("x"),
                                  std::string(100000, 'a') + "tail\n"}) {
    std::string compressed = GzipCompress(text);
    ASSERT_GE(compressed.size(), 18u);
    EXPECT_EQ(compressed.substr(0, 2), "\x1f\x8b");
    std::string back;
    ASSERT_TRUE(testing::Gunzip(compressed, &back));
    EXPECT_EQ(back, text);
  }
}

}  // namespace
}  // namespace logstow
