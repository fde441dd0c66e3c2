// The listing `logstow show` asks for when a URL answers 404 (common/log_reader.h); the reading
// itself is tested through the binary (tests/unit/cli/show_command_test.cc,
// tests/swift/show_url_test.cc).
#include "common/log_reader.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(FolderListingUrl, ListsTheContainerUnderTheNameAsAFolder) {
  const std::string listing =
      "https://swift.example/v1/AUTH_ci/logs?format=json&delimiter=/&limit=20&prefix=";
  EXPECT_EQ(FolderListingUrl("https://swift.example/v1/AUTH_ci/logs/b1/"), listing + "b1%2F");
  EXPECT_EQ(FolderListingUrl("https://swift.example/v1/AUTH_ci/logs/b1"), listing + "b1%2F");
  EXPECT_EQ(FolderListingUrl("https://swift.example/v1/AUTH_ci/logs/zuul/b1/logs/"),
            listing + "zuul%2Fb1%2Flogs%2F");
  // The query (a TempURL's signature) is not sent on; the name's escapes are read, then the
  // name is encoded as a query value.
  EXPECT_EQ(FolderListingUrl("https://swift.example/v1/AUTH_ci/logs/a%20b&c?temp_url_sig=x"),
            listing + "a%20b%26c%2F");
  // Swift behind a path of its own.
  EXPECT_EQ(FolderListingUrl("http://127.0.0.1:8080/swift/v1/AUTH_t/c/x"),
            "http://127.0.0.1:8080/swift/v1/AUTH_t/c?format=json&delimiter=/&limit=20&prefix=x%2F");
}

TEST(FolderListingUrl, NothingForWhatIsNotASwiftObjectUrl) {
  for (const char* url :
       {"https://logs.example/build/1/", "https://swift.example/v1/AUTH_ci/logs/",
        "https://swift.example/v1/AUTH_ci/logs", "https://swift.example/v1/AUTH_ci/",
        "https://swift.example/v1//logs/x", "https://swift.example/v1/AUTH_ci//x", "no-scheme"}) {
    SCOPED_TRACE(url);
    EXPECT_EQ(FolderListingUrl(url), std::nullopt);
  }
}

}  // namespace
}  // namespace logstow
