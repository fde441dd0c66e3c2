#include "viewer/http_url.h"

#include <gtest/gtest.h>

#include <string>

namespace logstow::viewer {
namespace {

TEST(IsHttpUrl, AcceptsWellFormedHttpUrlsWithAHost) {
  for (const char* url :
       {"http://example.com", "https://example.com/", "HTTPS://EXAMPLE.COM/A?b=c#d",
        "http://127.0.0.1:8774/v2/servers?x", "http://localhost:5000", "http://[::1]:8080/x",
        "https://user:pw@host.example.org/p", "https://en.wikipedia.org/wiki/A_(b)",
        "http://xn--bcher-kva.example/", "http://h/a%20b"}) {
    SCOPED_TRACE(url);
    EXPECT_TRUE(IsHttpUrl(url));
  }
}

TEST(IsHttpUrl, RefusesOtherSchemesAndMalformedUrls) {
  for (const char* url : {"javascript:alert(1)", "JaVaScRiPt://x/%0aalert(1)", "data:text/html,x",
                          "file:///etc/passwd", "ftp://x/y", "http://", "https://", "http:///path",
                          "http://http://http://x", "http://host:/x", "http://host:123456/",
                          "http://a..b/", "http://.x/", "http://h/a b", "http://h/\x01",
                          "http:// h/", "http://h:8o/", "http://[zz]/", "//example.com/"}) {
    SCOPED_TRACE(url);
    EXPECT_FALSE(IsHttpUrl(url));
  }
}

TEST(IsHttpUrl, IsLinearOnALongRun) {
  std::string run;
  for (int i = 0; i < 20000; ++i) run += "http://";
  EXPECT_FALSE(IsHttpUrl(run));
}

}  // namespace
}  // namespace logstow::viewer
