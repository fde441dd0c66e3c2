// Fixed vectors, each accepted by a live Swift 2.30 (docs/swift-notes.md "Fixed test vectors");
// the FormPost ones are in formpost_test.cc.
#include "tokens/hmac.h"

#include <gtest/gtest.h>

#include "tokens/tempurl.h"

namespace logstow::tokens {
namespace {

constexpr char kKey[] = "mykey";
constexpr int64_t kExpires = 4102444800;
constexpr char kGetBody[] = "GET\n4102444800\n/v1/AUTH_test/vectors/dir/obj.txt";

TEST(HmacHex, ReproducesSwiftTempUrlVectorsForEveryDigest) {
  EXPECT_EQ(HmacHex(Digest::kSha1, kKey, kGetBody), "ad1347cfd61f73d7f9140a1b0feee6ed4166fd2c");
  EXPECT_EQ(HmacHex(Digest::kSha256, kKey, kGetBody),
            "66390144c7ae9284b02e56300fe74a8228a3491c0440ba497d93753df6ab8785");
  EXPECT_EQ(HmacHex(Digest::kSha512, kKey, kGetBody),
            "e2c8aebf4b2c9c52e033f1de0563e45125110f0c54acf617d9319a2eaa99e7eda44bff2021e9e48abcd5"
            "f3387434a4c00f6cc9ed66dc198b50ca162afb522fb3");
}

TokenScope VectorScope() {
  TokenScope scope;
  scope.storage_url = "http://127.0.0.1:8080/v1/AUTH_test";
  scope.container = "vectors";
  scope.prefix = "dir/";
  scope.expires_unix_s = kExpires;
  return scope;
}

TEST(SignPrefixTempUrl, ReproducesSwiftPrefixPutVector) {
  TokenScope scope = VectorScope();
  EXPECT_EQ(TempUrlPrefixPath(scope), "prefix:/v1/AUTH_test/vectors/dir/");
  EXPECT_EQ(SignPrefixTempUrl(scope, Method::kPut, kKey),
            "0a597cf75dde9a6b71662159b3d48b842f0cd5f618dd04cebf79fb9217ca5075");
}

TEST(Digest, NamesParseAndLengthsMatchSwift) {
  for (Digest d : {Digest::kSha1, Digest::kSha256, Digest::kSha512}) {
    EXPECT_EQ(ParseDigest(DigestName(d)), d);
    EXPECT_EQ(HmacHex(d, "k", "m").size(), DigestHexLength(d));
  }
  EXPECT_EQ(ParseDigest("md5"), std::nullopt);
  EXPECT_EQ(ParseDigest("SHA256"), std::nullopt);
}

TEST(ConstantTimeEquals, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace logstow::tokens
