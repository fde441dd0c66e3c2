#include "tokens/formpost.h"

#include <gtest/gtest.h>

#include "tokens/hmac.h"

namespace logstow::tokens {
namespace {

// Fixed vectors checked against Swift 2.30's formpost middleware (a live single-node Swift
// accepted a form signed with each; docs/swift-notes.md "FormPost"). Key "mykey", expires
// 4102444800 (2100-01-01), action path /v1/AUTH_test/vectors/fp/, max_file_size 1024,
// max_file_count 3.
constexpr char kKey[] = "mykey";
constexpr int64_t kExpires = 4102444800;
constexpr char kSha256NoRedirect[] =
    "6b18f7090abf06aba6a47552b399801488ee5ad99b8ae407b572d5033e8417a4";
constexpr char kSha512WithRedirect[] =
    "9f16bff9bff2a053ec9d3e0e7d794bee4d31724635791cc6803bcab03539961c52f77c1c46a865fe8806094040a2"
    "b0acbcf8be65308886897b44817380e5aa2e";

TokenScope VectorScope() {
  TokenScope scope;
  scope.storage_url = "http://127.0.0.1:8080/v1/AUTH_test";
  scope.container = "vectors";
  scope.prefix = "fp/";
  scope.expires_unix_s = kExpires;
  scope.formpost = true;
  scope.max_file_size = 1024;
  scope.max_file_count = 3;
  return scope;
}

TEST(FormPostHmacBody, IsPathRedirectSizeCountExpiresOnFiveLines) {
  EXPECT_EQ(FormPostHmacBody("/v1/AUTH_test/vectors/fp/", "", 1024, 3, kExpires),
            "/v1/AUTH_test/vectors/fp/\n\n1024\n3\n4102444800");
  EXPECT_EQ(FormPostHmacBody("/v1/AUTH_test/vectors/fp/", "https://viewer.example/done", 1024, 3,
                             kExpires),
            "/v1/AUTH_test/vectors/fp/\nhttps://viewer.example/done\n1024\n3\n4102444800");
}

TEST(SignFormPost, ReproducesTheSwiftVectorWithoutRedirect) {
  EXPECT_EQ(SignFormPost(VectorScope(), kKey), kSha256NoRedirect);
}

TEST(SignFormPost, ReproducesTheSwiftVectorWithRedirectAndSha512) {
  TokenScope scope = VectorScope();
  scope.digest = Digest::kSha512;
  scope.formpost_redirect = "https://viewer.example/done";
  EXPECT_EQ(SignFormPost(scope, kKey), kSha512WithRedirect);
}

TEST(SignFormPost, SignsTheDecodedPath) {
  // Swift computes the HMAC over the decoded action path (a literal space, raw UTF-8), as for
  // TempURL; a signature over the percent-encoded path is refused.
  TokenScope scope = VectorScope();
  scope.prefix = "job 1/ü/";
  EXPECT_EQ(
      SignFormPost(scope, kKey),
      HmacHex(Digest::kSha256, kKey, "/v1/AUTH_test/vectors/job 1/ü/\n\n1024\n3\n4102444800"));
}

TEST(SignFormPost, EverySignedFieldChangesTheSignature) {
  const std::string base = SignFormPost(VectorScope(), kKey);
  TokenScope scope = VectorScope();
  scope.max_file_size = 1025;
  EXPECT_NE(SignFormPost(scope, kKey), base) << "max_file_size";
  scope = VectorScope();
  scope.max_file_count = 4;
  EXPECT_NE(SignFormPost(scope, kKey), base) << "max_file_count";
  scope = VectorScope();
  scope.expires_unix_s += 1;
  EXPECT_NE(SignFormPost(scope, kKey), base) << "expires";
  scope = VectorScope();
  scope.prefix = "fq/";
  EXPECT_NE(SignFormPost(scope, kKey), base) << "prefix";
  scope = VectorScope();
  scope.formpost_redirect = "https://viewer.example/";
  EXPECT_NE(SignFormPost(scope, kKey), base) << "redirect";
  EXPECT_NE(SignFormPost(VectorScope(), "other-key"), base) << "key";
}

TEST(SignFormPost, UsesTheScopesDigest) {
  TokenScope scope = VectorScope();
  for (Digest digest : {Digest::kSha1, Digest::kSha256, Digest::kSha512}) {
    SCOPED_TRACE(DigestName(digest));
    scope.digest = digest;
    EXPECT_EQ(SignFormPost(scope, kKey).size(), DigestHexLength(digest));
  }
}

TEST(FormPostActionUrl, IsThePrefixUrlPercentEncodedOnce) {
  TokenScope scope = VectorScope();
  scope.prefix = "job 1/#x/";
  EXPECT_EQ(FormPostActionUrl(scope), "http://127.0.0.1:8080/v1/AUTH_test/vectors/job%201/%23x/");
  EXPECT_EQ(FormPostActionUrl(scope), PrefixUrl(scope));
}

}  // namespace
}  // namespace logstow::tokens
