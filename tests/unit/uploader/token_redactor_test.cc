#include "uploader/token_redactor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tokens/issue.h"
#include "tokens/token_codec.h"

namespace logstow::uploader {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

tokens::Token MakeToken() {
  tokens::TokenScope scope;
  scope.storage_url = "https://swift.example/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "zuul/42/";
  scope.expires_unix_s = 1900000000;
  scope.formpost = true;
  scope.max_file_size = 1000;
  scope.max_file_count = 10;
  return tokens::IssueToken(scope, "secret-key");
}

// Feeds `text` in blocks of `block` bytes, as the body encoder does.
std::string Redact(const std::shared_ptr<const RedactionPatterns>& patterns, const std::string& text,
                size_t block, size_t* replacements = nullptr) {
  TokenRedactor redactor(patterns);
  std::string out;
  for (size_t at = 0; at < text.size() || at == 0; at += block) {
    bool last = at + block >= text.size();
    out += redactor.Process(std::string_view(text).substr(at, block), last);
    if (last) break;
  }
  if (replacements) *replacements = redactor.replacements();
  return out;
}

TEST(TokenRedactor, ReplacesTheTokenAndEverySpellingOfItsSignatures) {
  tokens::Token token = MakeToken();
  const std::string text = tokens::EncodeToken(token);
  auto patterns = PatternsForToken(token, "  " + text + "\n");
  const std::string sig = token.tempurl_signatures.at(tokens::Method::kPut);
  std::string upper = sig;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string log = "+ export LOGSTOW_TOKEN=" + text + "\n" +
                          "curl '...?temp_url_sig=" + sig + "&temp_url_expires=1900000000'\n" +
                          "SIG=" + upper + "\n" + "form " + token.formpost_signature + "\n" +
                          "nothing else\n";
  size_t n = 0;
  std::string out = Redact(patterns, log, 65536, &n);
  EXPECT_EQ(n, 4u);
  EXPECT_EQ(out, "+ export LOGSTOW_TOKEN=lst1.[logstow: token redacted]\n"
                 "curl '...?temp_url_sig=[logstow: token redacted]&temp_url_expires=1900000000'\n"
                 "SIG=[logstow: token redacted]\nform [logstow: token redacted]\nnothing else\n");
}

TEST(TokenRedactor, FindsMatchesSplitAcrossEveryBlockBoundary) {
  tokens::Token token = MakeToken();
  const std::string text = tokens::EncodeToken(token);
  auto patterns = PatternsForToken(token, text);
  const std::string log = "head " + text + " mid " + text + text + " tail lst1.";
  const std::string want = "head lst1.[logstow: token redacted] mid lst1.[logstow: token "
                           "redacted]lst1.[logstow: token redacted] tail lst1.";
  for (size_t block = 1; block <= log.size() + 1; ++block) {
    size_t n = 0;
    ASSERT_EQ(Redact(patterns, log, block, &n), want) << "block " << block;
    EXPECT_EQ(n, 3u);
  }
}

// The scan probes 8-aligned words only: a signature at any offset, amid hex noise, is found.
TEST(TokenRedactor, FindsASignatureAtEveryAlignmentAmidHexNoise) {
  tokens::Token token = MakeToken();
  auto patterns = PatternsForToken(token, "");
  const std::string sig = token.tempurl_signatures.at(tokens::Method::kPut);
  const std::string noise = "0123456789abcdef" "deadbeefcafef00d" "0123456789abcdef";
  for (size_t offset = 0; offset < 16; ++offset) {
    SCOPED_TRACE(offset);
    std::string text = noise.substr(0, offset) + sig + noise;
    size_t n = 0;
    EXPECT_EQ(Redact(patterns, text, 4096, &n),
              noise.substr(0, offset) + std::string(kRedactedText) + noise);
    EXPECT_EQ(n, 1u);
  }
}

TEST(TokenRedactor, PassesOtherBytesThroughUntouchedWithoutCopying) {
  auto patterns = PatternsForToken(MakeToken(), "");
  TokenRedactor redactor(patterns);
  const std::string block = "2013-09-10 12:34:56.789 INFO nothing secret here\n";
  std::string_view out = redactor.Process(block, /*at_end=*/true);
  EXPECT_EQ(out, block);
  EXPECT_EQ(out.data(), block.data()) << "the block itself, not a copy";
  EXPECT_EQ(redactor.replacements(), 0u);
}

TEST(TokenRedactor, AnEncodingOtherThanTheJobsStillCoversTheSignatures) {
  tokens::Token token = MakeToken();
  auto patterns = PatternsForToken(token, "");  // no text: the canonical encoding
  const std::string sig = token.tempurl_signatures.at(tokens::Method::kPut);
  EXPECT_THAT(Redact(patterns, "x" + sig + "y", 7), Not(HasSubstr(sig)));
}

}  // namespace
}  // namespace logstow::uploader
