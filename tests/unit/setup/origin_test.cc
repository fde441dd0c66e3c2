#include "setup/origin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.h"

namespace logstow::setup {
namespace {

TEST(IsOrigin, AcceptsSchemeHostAndPort) {
  for (const char* origin : {"https://logs.example", "http://127.0.0.1:8080", "http://localhost",
                             "https://a-b.c0.example:443", "http://[::1]:8080", "http://[fe80::1]",
                             "http://h:1", "http://h:65535"}) {
    SCOPED_TRACE(origin);
    EXPECT_TRUE(IsOrigin(origin));
  }
}

TEST(IsOrigin, RejectsAnythingMore) {
  for (const char* text : {"",
                           "logs.example",
                           "ftp://logs.example",
                           "https://",
                           "https://Logs.example",
                           "https://logs.example/",
                           "https://logs.example/path",
                           "https://u@logs.example",
                           "https://logs.example:",
                           "https://logs.example:123456",
                           "https://logs.example:8o",
                           "https://logs.example\r\nX-Evil: 1",
                           "https://logs example",
                           "http://[::1",
                           "http://[]:80",
                           "http://[::1]x",
                           "http://[::1]:",
                           "http://[::G]",
                           "https://logs.example?x",
                           "https://logs.example#x",
                           " https://logs.example"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    EXPECT_FALSE(IsOrigin(text));
  }
}

TEST(CheckOrigins, NamesTheFirstBadOneAndShowsNoControlCharacters) {
  EXPECT_NO_THROW(CheckOrigins("--cors-origin", {"https://a.example", "http://b.example:81"}));
  try {
    CheckOrigins("--cors-origin", {"https://a.example", "https://b.example/\n"});
    FAIL() << "no throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "setup.origin");
    EXPECT_STREQ(e.what(),
                 "--cors-origin 'https://b.example/?' is not an origin: write scheme://host[:port] "
                 "in lower case, with no path or trailing slash, e.g. https://logs.example");
  }
}

}  // namespace
}  // namespace logstow::setup
