#include "tokens/token_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tokens/base64url.h"
#include "tokens/issue.h"
#include "tokens/token_error.h"

namespace logstow::tokens {
namespace {

using nlohmann::json;

Token SampleToken() {
  TokenScope scope;
  scope.storage_url = "http://127.0.0.1:8080/v1/AUTH_test";
  scope.container = "logs";
  scope.prefix = "periodic/nova/42/";
  scope.expires_unix_s = 1900000000;
  scope.methods = {Method::kPut, Method::kGet};
  scope.digest = Digest::kSha512;
  scope.max_file_size = 5 << 20;
  scope.max_file_count = 10;
  scope.formpost = true;
  scope.formpost_redirect = "https://ci.example/done";
  scope.delete_after_s = 30 * 86400;
  scope.viewer_url = "https://logs.example/logviewer/";
  return IssueToken(scope, "secret");
}

// The payload of a sample token as JSON, for tests that break one field.
json SamplePayload() {
  std::string text = EncodeToken(SampleToken());
  return json::parse(*DecodeBase64Url(text.substr(kTokenPrefix.size())));
}

std::string EncodePayload(const json& payload) {
  return std::string(kTokenPrefix) + EncodeBase64Url(payload.dump());
}

void ExpectDecodeError(const std::string& text, const std::string& code,
                       const std::string& message) {
  try {
    DecodeToken(text);
    ADD_FAILURE() << "decoded";
  } catch (const TokenError& e) {
    EXPECT_EQ(e.code(), code);
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(TokenCodec, RoundTripsEveryField) {
  Token token = SampleToken();
  std::string text = EncodeToken(token);
  ASSERT_TRUE(text.starts_with("lst1."));
  Token back = DecodeToken(text);
  EXPECT_EQ(back.scope.storage_url, token.scope.storage_url);
  EXPECT_EQ(back.scope.container, token.scope.container);
  EXPECT_EQ(back.scope.prefix, token.scope.prefix);
  EXPECT_EQ(back.scope.expires_unix_s, token.scope.expires_unix_s);
  EXPECT_EQ(back.scope.methods, token.scope.methods);
  EXPECT_EQ(back.scope.digest, Digest::kSha512);
  EXPECT_EQ(back.scope.max_file_size, token.scope.max_file_size);
  EXPECT_EQ(back.scope.max_file_count, token.scope.max_file_count);
  EXPECT_TRUE(back.scope.formpost);
  EXPECT_EQ(back.scope.formpost_redirect, token.scope.formpost_redirect);
  EXPECT_EQ(back.scope.delete_after_s, token.scope.delete_after_s);
  EXPECT_EQ(back.scope.viewer_url, token.scope.viewer_url);
  EXPECT_EQ(back.tempurl_signatures, token.tempurl_signatures);
  EXPECT_EQ(back.formpost_signature, token.formpost_signature);
  EXPECT_EQ(EncodeToken(back), text);
}

TEST(TokenCodec, IgnoresSurroundingWhitespace) {
  std::string text = EncodeToken(SampleToken());
  EXPECT_NO_THROW(DecodeToken("  " + text + "\n"));
}

TEST(TokenCodec, RejectsTextThatIsNoToken) {
  ExpectDecodeError("AUTH_tk320643ec881749c386ed5a133610ad62", kTokenFormat,
                    "not a logstow token: it must start with 'lst1.' (check that the whole token "
                    "was copied, and that it is not a Swift auth token)");
  ExpectDecodeError("lst1.eyJ2Ijox*", kTokenFormat,
                    "token is damaged: the text after 'lst1.' is not base64url (A-Z a-z 0-9 - _, "
                    "no padding); it was probably cut or edited");
  ExpectDecodeError("lst1." + EncodeBase64Url("{\"v\":1"), kTokenFormat,
                    "token is damaged: its payload is not a JSON object");
  ExpectDecodeError("lst1." + EncodeBase64Url("[1,2]"), kTokenFormat,
                    "token is damaged: its payload is not a JSON object");
}

struct FieldCase {
  const char* what;
  void (*change)(json&);
  const char* message;
};

TEST(TokenCodec, RejectsBrokenFieldsNamingThem) {
  const FieldCase cases[] = {
      {"missing prefix", [](json& j) { j.erase("prefix"); }, "token field 'prefix' is missing"},
      {"missing signatures", [](json& j) { j.erase("signatures"); },
       "token field 'signatures' is missing"},
      {"expires as string", [](json& j) { j["expires"] = "1900000000"; },
       "token field 'expires' must be an integer"},
      {"expires as float", [](json& j) { j["expires"] = 1.9e9; },
       "token field 'expires' must be an integer"},
      {"negative expiry", [](json& j) { j["expires"] = -1; },
       "token field 'expires' must be Unix seconds between 2001 and 2100, got -1"},
      {"absurd expiry", [](json& j) { j["expires"] = 99999999999999; },
       "token field 'expires' must be Unix seconds between 2001 and 2100, got 99999999999999"},
      {"huge expiry", [](json& j) { j["expires"] = 18446744073709551615ull; },
       "token field 'expires' is out of range"},
      {"container as number", [](json& j) { j["container"] = 7; },
       "token field 'container' must be a string"},
      {"unknown digest", [](json& j) { j["digest"] = "md5"; },
       "token field 'digest' must be sha1, sha256 or sha512, got 'md5'"},
      {"methods not array", [](json& j) { j["methods"] = "PUT"; },
       "token field 'methods' must be an array of method names"},
      {"unknown method",
       [](json& j) {
         j["methods"] = {"PUT", "POST"};
       },
       "token field 'methods' may only hold \"GET\", \"HEAD\", \"PUT\" or \"DELETE\""},
      {"short signature", [](json& j) { j["signatures"]["PUT"] = "abcd"; },
       "token field 'signatures.PUT' must be 128 lower-case hex digits for sha512"},
      {"signature for a method not listed", [](json& j) { j["methods"] = {"PUT"}; },
       "token field 'signatures' must hold exactly one signature per method in 'methods'"},
      {"version 2", [](json& j) { j["v"] = 2; },
       "token field 'v' is 2: this logstow reads version 1 tokens"},
      {"unknown field", [](json& j) { j["admin"] = true; },
       "token field 'admin' is unknown to this logstow version"},
      {"prefix without slash", [](json& j) { j["prefix"] = "periodic/nova/42"; },
       "token field 'prefix' must end in '/', got 'periodic/nova/42' (without it, 'a/b' would "
       "also cover 'a/bc/...')"},
      {"formpost not object", [](json& j) { j["formpost"] = true; },
       "token field 'formpost' must be an object"},
  };
  for (const FieldCase& c : cases) {
    SCOPED_TRACE(c.what);
    json payload = SamplePayload();
    c.change(payload);
    ExpectDecodeError(EncodePayload(payload), kTokenField, c.message);
  }
}

}  // namespace
}  // namespace logstow::tokens
