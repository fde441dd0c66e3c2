#include "uploader/token_redactor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tokens/base64url.h"
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
std::string Redact(const std::shared_ptr<const RedactionPatterns>& patterns,
                   const std::string& text, size_t block, size_t* replacements = nullptr) {
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
  const std::string body = text.substr(5);  // after "lst1."
  EXPECT_EQ(out, "+ export LOGSTOW_TOKEN=lst1." + RedactedText(body.size()) + "\n" +
                     "curl '...?temp_url_sig=" + RedactedText(sig.size()) +
                     "&temp_url_expires=1900000000'\n" + "SIG=" + RedactedText(sig.size()) +
                     "\nform " + RedactedText(token.formpost_signature.size()) +
                     "\nnothing else\n");
  EXPECT_EQ(out.size(), log.size()) << "sizes known before reading stay true";
}

// Windows PowerShell 5 writes `env` or `Get-ChildItem Env:` redirected to a file in UTF-16LE.
std::string Utf16(const std::string& ascii, bool big_endian) {
  std::string out;
  for (char c : ascii) {
    out += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
  }
  return out;
}

TEST(TokenRedactor, ReplacesTheTokenAndItsSignaturesInUtf16) {
  tokens::Token token = MakeToken();
  const std::string text = tokens::EncodeToken(token);
  auto patterns = PatternsForToken(token, text);
  const std::string sig = token.tempurl_signatures.at(tokens::Method::kPut);
  for (bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "UTF-16BE" : "UTF-16LE");
    const std::string log = (big_endian ? "\xfe\xff" : "\xff\xfe") +
                            Utf16("LOGSTOW_TOKEN=" + text + "\r\nsig=" + sig + "\r\n", big_endian);
    size_t n = 0;
    std::string out = Redact(patterns, log, 100, &n);
    EXPECT_EQ(n, 2u);
    EXPECT_EQ(out.size(), log.size());
    EXPECT_THAT(out, Not(HasSubstr(Utf16(text.substr(5, 40), big_endian))));
    EXPECT_THAT(out, Not(HasSubstr(Utf16(sig.substr(0, 40), big_endian))));
    // The other byte order's pattern may start one byte off: the NUL beside "." goes too.
    EXPECT_THAT(out, HasSubstr(Utf16("LOGSTOW_TOKEN=lst1", big_endian)));
  }
}

TEST(TokenRedactor, RedactedTextHasTheLengthOfWhatItReplaces) {
  EXPECT_EQ(RedactedText(16), "[token redacted]");
  EXPECT_EQ(RedactedText(18), "[token redacted**]");
  EXPECT_EQ(RedactedText(25), "[logstow: token redacted]");
  EXPECT_EQ(RedactedText(28), "[logstow: token redacted***]");
}

std::string StandardBase64(std::string_view bytes, bool pad) {
  std::string text = tokens::EncodeBase64Url(bytes);
  for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (pad && text.size() % 4 != 0) text += '=';
  return text;
}

std::string Unhex(const std::string& hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

TEST(TokenRedactor, ReplacesBase64SignaturesPercentEncodedAsInAUrl) {
  tokens::Token token = MakeToken();
  auto patterns = PatternsForToken(token, "");
  const std::string b64 = StandardBase64(Unhex(token.tempurl_signatures.at(tokens::Method::kPut)),
                                         /*pad=*/true);
  ASSERT_NE(b64.find_first_of("+/"), std::string::npos) << "the case needs a '+' or '/'";
  for (bool lower : {false, true}) {
    std::string encoded;
    for (char c : b64) {
      encoded += c == '+'   ? (lower ? "%2b" : "%2B")
                 : c == '/' ? (lower ? "%2f" : "%2F")
                 : c == '=' ? (lower ? "%3d" : "%3D")
                            : std::string(1, c);
    }
    const std::string url = "?temp_url_sig=sha256:" + encoded + "&temp_url_expires=1";
    size_t n = 0;
    std::string out = Redact(patterns, url, 4096, &n);
    EXPECT_EQ(n, 1u) << url;
    EXPECT_THAT(out, Not(HasSubstr(encoded.substr(0, 20))));
    EXPECT_EQ(out.size(), url.size());
  }
}

// `echo "$LOGSTOW_TOKEN" | base64`, or the token inside something base64'd at any offset.
TEST(TokenRedactor, ReplacesTheTokenInBase64AtEveryOffsetAndAsBase64WrapsIt) {
  tokens::Token token = MakeToken();
  const std::string text = tokens::EncodeToken(token);
  auto patterns = PatternsForToken(token, text);
  for (size_t offset = 0; offset < 3; ++offset) {
    SCOPED_TRACE(offset);
    const std::string blob = StandardBase64(std::string(offset, 'x') + text + "\n", true);
    size_t n = 0;
    std::string out = Redact(patterns, "cfg: " + blob + "\n", 100, &n);
    EXPECT_EQ(n, 1u);
    // What is left of the token's base64 is at most a few characters at either end.
    EXPECT_THAT(out, Not(HasSubstr(blob.substr(8, 16))));
  }
  std::string wrapped;  // base64(1): lines of 76 characters
  const std::string flat = StandardBase64(text + "\n", true);
  for (size_t at = 0; at < flat.size(); at += 76) wrapped += flat.substr(at, 76) + "\n";
  size_t n = 0;
  std::string out = Redact(patterns, "+ base64\n" + wrapped, 64, &n);
  EXPECT_EQ(n, 1u);
  EXPECT_THAT(out, Not(HasSubstr(flat.substr(80, 40))));
}

TEST(TokenRedactor, CoversEveryTokenGivenAsTheTokenCommandsToo) {
  tokens::Token first = MakeToken();
  tokens::TokenScope scope = first.scope;
  scope.expires_unix_s += 3600;
  tokens::Token second = tokens::IssueToken(scope, "secret-key");
  const std::string a = tokens::EncodeToken(first), b = tokens::EncodeToken(second);
  auto patterns = PatternsForTokens({{first, a}, {second, b + "\n"}});
  size_t n = 0;
  std::string out = Redact(patterns, a + " " + b, 512, &n);
  EXPECT_EQ(n, 2u);
  EXPECT_THAT(out, Not(HasSubstr(b.substr(5, 20))));
}

TEST(TokenRedactor, FindsMatchesSplitAcrossEveryBlockBoundary) {
  tokens::Token token = MakeToken();
  const std::string text = tokens::EncodeToken(token);
  auto patterns = PatternsForToken(token, text);
  const std::string log = "head " + text + " mid " + text + text + " tail lst1.";
  const std::string r = RedactedText(text.size() - 5);
  const std::string want = "head lst1." + r + " mid lst1." + r + "lst1." + r + " tail lst1.";
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
  const std::string noise =
      "0123456789abcdef"
      "deadbeefcafef00d"
      "0123456789abcdef";
  for (size_t offset = 0; offset < 16; ++offset) {
    SCOPED_TRACE(offset);
    std::string text = noise.substr(0, offset) + sig + noise;
    size_t n = 0;
    EXPECT_EQ(Redact(patterns, text, 4096, &n),
              noise.substr(0, offset) + RedactedText(sig.size()) + noise);
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
