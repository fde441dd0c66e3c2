#include "uploader/delete_after.h"

#include <gtest/gtest.h>

namespace logstow::uploader {
namespace {

TEST(ChooseDeleteAfter, TheTokensRetentionWhenTheJobAsksForNothing) {
  DeleteAfterChoice c = ChooseDeleteAfter(std::nullopt, 2592000);
  EXPECT_EQ(c.delete_after_s, 2592000);
  EXPECT_EQ(c.warning, "");
  EXPECT_EQ(ChooseDeleteAfter(std::nullopt, std::nullopt).delete_after_s, std::nullopt);
}

TEST(ChooseDeleteAfter, AShorterRequestApplies) {
  DeleteAfterChoice c = ChooseDeleteAfter(3600, 2592000);
  EXPECT_EQ(c.delete_after_s, 3600);
  EXPECT_EQ(c.warning, "");
  EXPECT_EQ(ChooseDeleteAfter(3600, std::nullopt).delete_after_s, 3600);
  EXPECT_EQ(ChooseDeleteAfter(2592000, 2592000).delete_after_s, 2592000);
}

TEST(ChooseDeleteAfter, ALongerRequestIsCutToTheTokensWithAWarning) {
  DeleteAfterChoice c = ChooseDeleteAfter(7776000, 2592000);
  EXPECT_EQ(c.delete_after_s, 2592000);
  EXPECT_EQ(c.warning,
            "delete-after 7776000 s is longer than the token's 2592000 s; "
            "the token's applies");
}

}  // namespace
}  // namespace logstow::uploader
