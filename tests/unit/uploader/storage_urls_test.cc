#include "uploader/storage_urls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.h"

namespace logstow::uploader {
namespace {

tokens::TokenScope Scope() {
  tokens::TokenScope scope;
  scope.storage_url = "http://proxy1.example:8080/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "build1/";
  scope.expires_unix_s = 4102444800;
  return scope;
}

TEST(StorageUrls, RebasesOnTheNextProxyAfterAConnectFailure) {
  StorageUrls urls(Scope(), {"https://proxy2.example/v1/AUTH_ci/", "http://proxy3:80/v1/AUTH_ci"});
  ASSERT_EQ(urls.size(), 3u);
  EXPECT_EQ(urls.all()[1], "https://proxy2.example/v1/AUTH_ci") << "trailing slash dropped";
  const std::string signed_url =
      "http://proxy1.example:8080/v1/AUTH_ci/logs/build1/a.txt?temp_url_sig=x";
  EXPECT_EQ(urls.Rebase(signed_url), signed_url);
  EXPECT_TRUE(urls.MoveOn(0));
  EXPECT_EQ(urls.Rebase(signed_url),
            "https://proxy2.example/v1/AUTH_ci/logs/build1/a.txt?temp_url_sig=x");
  EXPECT_FALSE(urls.MoveOn(0)) << "a second failure at proxy 1 does not skip proxy 2";
  EXPECT_TRUE(urls.MoveOn(1));
  EXPECT_TRUE(urls.MoveOn(2));
  EXPECT_EQ(urls.current(), 0u) << "round the list";
}

TEST(StorageUrls, OneUrlNeverMoves) {
  StorageUrls urls(Scope(), {"http://proxy1.example:8080/v1/AUTH_ci"});
  EXPECT_EQ(urls.size(), 1u) << "the token's own URL is not added twice";
  EXPECT_FALSE(urls.MoveOn(0));
}

TEST(StorageUrls, RefusesAnotherAccountOrNoUrl) {
  for (const char* bad : {"http://proxy2.example/v1/AUTH_other", "proxy2.example/v1/AUTH_ci",
                          "http://proxy2.example/swift/v1/AUTH_ci", "http://proxy2.example"}) {
    SCOPED_TRACE(bad);
    try {
      StorageUrls(Scope(), {bad});
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "upload.storage_url");
      EXPECT_EQ(std::string(e.what()),
                "--fallback-storage-url '" + std::string(bad) +
                    "' is not the token's account at another proxy: give an http(s) URL ending "
                    "in the token's path /v1/AUTH_ci (the signatures cover only the path), e.g. "
                    "http://proxy2.example:8080/v1/AUTH_ci");
    }
  }
}

}  // namespace
}  // namespace logstow::uploader
