#include "common/utf8.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(IsValidUtf8, AcceptsWellFormedText) {
  for (const char* ok : {"", "ascii", "ü", "Ꮓບບξ", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"}) {
    SCOPED_TRACE(ok);
    EXPECT_TRUE(IsValidUtf8(ok));
  }
}

TEST(IsValidUtf8, RejectsMalformedText) {
  for (const char* bad : {"\xff", "\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
                          "\xf4\x90\x80\x80", "\x80", "a\xc3(b"}) {
    SCOPED_TRACE(testing::PrintToString(std::string(bad)));
    EXPECT_FALSE(IsValidUtf8(bad));
  }
}

TEST(HasControlCharacter, FindsC0AndDel) {
  EXPECT_FALSE(HasControlCharacter("plain ü text"));
  EXPECT_TRUE(HasControlCharacter("a\nb"));
  EXPECT_TRUE(HasControlCharacter(std::string("a\0b", 3)));
  EXPECT_TRUE(HasControlCharacter("a\x7f"));
}

}  // namespace
}  // namespace logstow
