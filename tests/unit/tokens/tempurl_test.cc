#include "tokens/tempurl.h"

#include <gtest/gtest.h>

#include "tokens/issue.h"
#include "tokens/token_error.h"

namespace logstow::tokens {
namespace {

Token SampleToken() {
  TokenScope scope;
  scope.storage_url = "http://127.0.0.1:8080/v1/AUTH_test";
  scope.container = "logs";
  scope.prefix = "job 1/";
  scope.expires_unix_s = 4102444800;
  return IssueToken(scope, "mykey");
}

TEST(SignedObjectUrl, EncodesTheNameOnceAndSignsTheDecodedPrefix) {
  Token token = SampleToken();
  // The signature covers the decoded prefix path, with its literal space.
  EXPECT_EQ(token.tempurl_signatures.at(Method::kPut),
            HmacHex(Digest::kSha256, "mykey", "PUT\n4102444800\nprefix:/v1/AUTH_test/logs/job 1/"));
  EXPECT_EQ(SignedObjectUrl(token, Method::kPut, "a b/#?%+:ü.txt"),
            "http://127.0.0.1:8080/v1/AUTH_test/logs/job%201/a%20b/%23%3F%25%2B%3A%C3%BC.txt"
            "?temp_url_sig=" +
                token.tempurl_signatures.at(Method::kPut) +
                "&temp_url_expires=4102444800&temp_url_prefix=job%201%2F");
}

TEST(SignedObjectUrl, RefusesAMethodTheTokenDoesNotCarry) {
  try {
    SignedObjectUrl(SampleToken(), Method::kDelete, "x.txt");
    ADD_FAILURE();
  } catch (const TokenError& e) {
    EXPECT_EQ(e.code(), kTokenScope);
    EXPECT_STREQ(e.what(),
                 "the token does not allow DELETE; ask the scheduler for a token that does");
  }
}

TEST(SignedObjectUrl, RefusesNamesThatCouldEscapeOrBreakThePath) {
  for (const std::string& name : std::vector<std::string>{"", "../x", "a/./b", "a//b", "a/", "\xc3",
                                                          std::string("a\0b", 3)}) {
    SCOPED_TRACE(name);
    EXPECT_THROW(SignedObjectUrl(SampleToken(), Method::kPut, name), TokenError);
  }
}

// Swift stores every other byte; the URL carries it percent-encoded.
TEST(SignedObjectUrl, ControlCharactersArePercentEncoded) {
  std::string url = SignedObjectUrl(SampleToken(), Method::kPut, "tab\tdel\x7fnl\n.txt");
  EXPECT_NE(url.find("/tab%09del%7Fnl%0A.txt?temp_url_sig="), std::string::npos) << url;
}

}  // namespace
}  // namespace logstow::tokens
