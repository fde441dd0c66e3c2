#include "tokens/issue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tokens/formpost.h"
#include "tokens/hmac.h"
#include "tokens/token_codec.h"
#include "tokens/token_error.h"
#include "tokens/verify.h"

namespace logstow::tokens {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kKey[] = "mykey";
constexpr int64_t kExpires = 4102444800;

TokenScope VectorScope() {
  TokenScope scope;
  scope.storage_url = "http://127.0.0.1:8080/v1/AUTH_test";
  scope.container = "vectors";
  scope.prefix = "dir/";
  scope.expires_unix_s = kExpires;
  return scope;
}

// The code and message of the TokenError that `call` throws.
template <typename F>
std::pair<std::string, std::string> TokenErrorOf(F call) {
  try {
    call();
  } catch (const TokenError& e) {
    return {e.code(), e.what()};
  }
  ADD_FAILURE() << "no TokenError";
  return {};
}

TEST(IssueToken, SignsThePrefixForPutAsSwiftExpects) {
  // The PUT vector a live Swift 2.30 accepted for prefix "dir/" (docs/swift-notes.md).
  Token token = IssueToken(VectorScope(), kKey);
  ASSERT_EQ(token.tempurl_signatures.size(), 1u);
  EXPECT_EQ(token.tempurl_signatures.at(Method::kPut),
            "0a597cf75dde9a6b71662159b3d48b842f0cd5f618dd04cebf79fb9217ca5075");
  EXPECT_EQ(token.formpost_signature, "");
}

TEST(IssueToken, SignsEveryMethodOfTheScopeAndNoOther) {
  TokenScope scope = VectorScope();
  scope.methods = {Method::kGet, Method::kPut, Method::kDelete};
  scope.digest = Digest::kSha512;
  Token token = IssueToken(scope, kKey);
  ASSERT_EQ(token.tempurl_signatures.size(), 3u);
  for (Method m : scope.methods) {
    SCOPED_TRACE(MethodName(m));
    EXPECT_EQ(
        token.tempurl_signatures.at(m),
        HmacHex(Digest::kSha512, kKey,
                std::string(MethodName(m)) + "\n4102444800\nprefix:/v1/AUTH_test/vectors/dir/"));
  }
  EXPECT_FALSE(token.tempurl_signatures.contains(Method::kHead));
}

TEST(IssueToken, KeepsTheScopeAsGiven) {
  TokenScope scope = VectorScope();
  scope.delete_after_s = 30 * 86400;
  scope.viewer_url = "https://logs.example/logviewer/";
  scope.max_file_size = 5 << 20;
  Token token = IssueToken(scope, kKey);
  EXPECT_EQ(token.scope.storage_url, scope.storage_url);
  EXPECT_EQ(token.scope.container, scope.container);
  EXPECT_EQ(token.scope.prefix, scope.prefix);
  EXPECT_EQ(token.scope.expires_unix_s, scope.expires_unix_s);
  EXPECT_EQ(token.scope.delete_after_s, scope.delete_after_s);
  EXPECT_EQ(token.scope.viewer_url, scope.viewer_url);
  EXPECT_EQ(token.scope.max_file_size, scope.max_file_size);
}

TEST(IssueToken, SignsTheFormWhenAsked) {
  // The FormPost vector a live Swift 2.30 accepted (tests/unit/tokens/formpost_test.cc).
  TokenScope scope = VectorScope();
  scope.prefix = "fp/";
  scope.formpost = true;
  scope.max_file_size = 1024;
  scope.max_file_count = 3;
  Token token = IssueToken(scope, kKey);
  EXPECT_EQ(token.formpost_signature,
            "6b18f7090abf06aba6a47552b399801488ee5ad99b8ae407b572d5033e8417a4");
  EXPECT_EQ(token.tempurl_signatures.size(), 1u);
}

TEST(IssueToken, ATokenItIssuedVerifiesWithItsKeyOnly) {
  Token token = IssueToken(VectorScope(), kKey);
  VerifyResult ok = VerifyToken(token, {kKey}, kExpires - 3600);
  EXPECT_EQ(ok.status, VerifyStatus::kValid) << ok.message;
  EXPECT_EQ(ok.key_index, 0);
  EXPECT_EQ(VerifyToken(token, {"another-key"}, kExpires - 3600).status,
            VerifyStatus::kBadSignature);
}

TEST(IssueToken, TheKeyIsNowhereInTheToken) {
  constexpr char kSecret[] = "zuul-secret-4f9a1c";
  TokenScope scope = VectorScope();
  scope.formpost = true;
  scope.max_file_size = 1;
  scope.max_file_count = 1;
  Token token = IssueToken(scope, kSecret);
  EXPECT_THAT(EncodeToken(token), Not(HasSubstr("zuul-secret")));
  Token decoded = DecodeToken(EncodeToken(token));
  EXPECT_EQ(decoded.tempurl_signatures, token.tempurl_signatures);
  EXPECT_EQ(decoded.formpost_signature, token.formpost_signature);
}

TEST(IssueToken, RefusesAnEmptyKey) {
  EXPECT_EQ(TokenErrorOf([] { IssueToken(VectorScope(), ""); }),
            std::make_pair(std::string(kTokenField),
                           std::string("the Temp-URL key is empty: set it to the secret that "
                                       "Swift holds in X-Account-Meta-Temp-URL-Key")));
}

TEST(IssueToken, RefusesAnInvalidScopeNamingTheField) {
  TokenScope scope = VectorScope();
  scope.prefix = "a/b";
  EXPECT_EQ(TokenErrorOf([&] { IssueToken(scope, kKey); }),
            std::make_pair(std::string(kTokenField),
                           std::string("token field 'prefix' must end in '/', got 'a/b' (without "
                                       "it, 'a/b' would also cover 'a/bc/...')")));
  scope = VectorScope();
  scope.formpost = true;
  EXPECT_EQ(TokenErrorOf([&] { IssueToken(scope, kKey); }),
            std::make_pair(std::string(kTokenField),
                           std::string("token field 'formpost' needs max_file_size and "
                                       "max_file_count (they are part of its signature)")));
}

}  // namespace
}  // namespace logstow::tokens
