#include "tokens/verify.h"

#include <gtest/gtest.h>

#include "tokens/issue.h"

namespace logstow::tokens {
namespace {

constexpr int64_t kNow = 1800000000;

Token SampleToken(const std::string& key, std::vector<Method> methods = {Method::kPut}) {
  TokenScope scope;
  scope.storage_url = "https://swift.example/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "a/b/";
  scope.expires_unix_s = kNow + 3600;
  scope.methods = std::move(methods);
  return IssueToken(scope, key);
}

TEST(VerifyToken, ValidWithTheKeyThatSignedIt) {
  VerifyResult r = VerifyToken(SampleToken("k1"), {"k1"}, kNow);
  EXPECT_EQ(r.status, VerifyStatus::kValid);
  EXPECT_EQ(r.key_index, 0);
  EXPECT_EQ(r.message, "valid for 1h");
}

TEST(VerifyToken, EitherKeyVerifiesDuringRotation) {
  EXPECT_EQ(VerifyToken(SampleToken("old"), {"new", "old"}, kNow).key_index, 1);
  EXPECT_EQ(VerifyToken(SampleToken("new"), {"new", "old"}, kNow).key_index, 0);
  EXPECT_EQ(VerifyToken(SampleToken("old"), {"new"}, kNow).status, VerifyStatus::kBadSignature);
}

TEST(VerifyToken, TamperedScopeFailsTheSignature) {
  Token token = SampleToken("k1");
  token.scope.prefix = "a/";
  EXPECT_EQ(VerifyToken(token, {"k1"}, kNow).status, VerifyStatus::kBadSignature);
  token = SampleToken("k1");
  token.scope.expires_unix_s += 1;
  EXPECT_EQ(VerifyToken(token, {"k1"}, kNow).status, VerifyStatus::kBadSignature);
}

TEST(VerifyToken, ExpiredOnceExpiresIsReached) {
  VerifyResult r = VerifyToken(SampleToken("k1"), {"k1"}, kNow + 3600 + 90);
  EXPECT_EQ(r.status, VerifyStatus::kExpired);
  EXPECT_EQ(r.message, "expired 1m30s ago");
  EXPECT_EQ(VerifyToken(SampleToken("k1"), {"k1"}, kNow + 3600).status, VerifyStatus::kExpired);
}

TEST(VerifyToken, ChecksObjectAndMethodAgainstTheScope) {
  Token token = SampleToken("k1", {Method::kPut, Method::kGet});
  EXPECT_EQ(VerifyToken(token, {"k1"}, kNow, {.object_name = "a/b/c.txt"}).status,
            VerifyStatus::kValid);
  VerifyResult sibling = VerifyToken(token, {"k1"}, kNow, {.object_name = "a/bc/x"});
  EXPECT_EQ(sibling.status, VerifyStatus::kOutOfScope);
  EXPECT_EQ(sibling.message, "object 'a/bc/x' is not under the prefix 'a/b/'");
  EXPECT_EQ(VerifyToken(token, {"k1"}, kNow, {.method = Method::kHead}).status,
            VerifyStatus::kValid);
  VerifyResult del = VerifyToken(token, {"k1"}, kNow, {.method = Method::kDelete});
  EXPECT_EQ(del.status, VerifyStatus::kOutOfScope);
  EXPECT_EQ(del.message, "the token does not allow DELETE");
}

}  // namespace
}  // namespace logstow::tokens
