#include "common/human_size.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(HumanSize, UsesBinaryUnits) {
  EXPECT_EQ(HumanSize(0), "0 B");
  EXPECT_EQ(HumanSize(1023), "1023 B");
  EXPECT_EQ(HumanSize(1024), "1.0 KiB");
  EXPECT_EQ(HumanSize(5 * 1024 * 1024 + 512 * 1024), "5.5 MiB");
}

}  // namespace
}  // namespace logstow
