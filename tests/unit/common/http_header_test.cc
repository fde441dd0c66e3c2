#include "common/http_header.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(ParseHeaderLine, LowerCasesTheNameAndTrimsTheValue) {
  std::string name, value;
  ASSERT_TRUE(ParseHeaderLine("Content-Encoding:  gzip \r\n", &name, &value));
  EXPECT_EQ(name, "content-encoding");
  EXPECT_EQ(value, "gzip");
  ASSERT_TRUE(ParseHeaderLine("ETag:\t\"d41d8cd98f00b204e9800998ecf8427e\"\r\n", &name, &value));
  EXPECT_EQ(name, "etag");
  EXPECT_EQ(value, "\"d41d8cd98f00b204e9800998ecf8427e\"");
  ASSERT_TRUE(ParseHeaderLine("X-Empty:\r\n", &name, &value));
  EXPECT_EQ(value, "");
  ASSERT_TRUE(ParseHeaderLine("Location: http://a:8080/x\r\n", &name, &value));
  EXPECT_EQ(value, "http://a:8080/x");  // only the first ':' splits
}

TEST(ParseHeaderLine, StatusAndBlankLinesAreNotHeaders) {
  std::string name = "keep", value = "keep";
  EXPECT_FALSE(ParseHeaderLine("HTTP/1.1 200 OK\r\n", &name, &value));
  EXPECT_FALSE(ParseHeaderLine("\r\n", &name, &value));
  EXPECT_EQ(name, "keep");
  EXPECT_EQ(value, "keep");
}

}  // namespace
}  // namespace logstow
