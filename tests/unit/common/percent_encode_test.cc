#include "common/percent_encode.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(PercentEncodePath, KeepsSlashesAndUnreservedOnly) {
  EXPECT_EQ(PercentEncodePath("a b/#?%+:@&=;,'\"<>~._-"),
            "a%20b/%23%3F%25%2B%3A%40%26%3D%3B%2C%27%22%3C%3E~._-");
  EXPECT_EQ(PercentEncodePath("devstack@c-api.service.log.txt"),
            "devstack%40c-api.service.log.txt");
  EXPECT_EQ(PercentEncodePath("Ꮓບບξ-unicode.txt"), "%E1%8F%83%E0%BA%9A%E0%BA%9A%CE%BE-unicode.txt");
}

TEST(PercentEncode, EncodesSlashToo) { EXPECT_EQ(PercentEncode("a/b c"), "a%2Fb%20c"); }

TEST(PercentDecode, InvertsBothEncodings) {
  const std::string samples[] = {"a b/#?%+:", "Ꮓບບξ", std::string("\0\xff", 2), ""};
  for (const std::string& s : samples) {
    EXPECT_EQ(PercentDecode(PercentEncodePath(s)), s);
    EXPECT_EQ(PercentDecode(PercentEncode(s)), s);
  }
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("%2f"), "/");
}

TEST(PercentDecode, RejectsMalformedEscapes) {
  for (const char* bad : {"%", "%2", "%zz", "a%g0", "%%"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(PercentDecode(bad), std::nullopt);
  }
}

TEST(PercentDecodeLenient, KeepsMalformedEscapesAsWritten) {
  EXPECT_EQ(PercentDecodeLenient("a%20b%zz%4"), "a b%zz%4");
  EXPECT_EQ(PercentDecodeLenient("%2f%2F+%"), "//+%");
  EXPECT_EQ(PercentDecodeLenient(PercentEncode("a b/#?%+:")), "a b/#?%+:");
}

}  // namespace
}  // namespace logstow
