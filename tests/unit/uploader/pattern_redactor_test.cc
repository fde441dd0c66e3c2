#include "uploader/pattern_redactor.h"

#include <gtest/gtest.h>

namespace logstow::uploader {
namespace {

std::string Redact(const std::shared_ptr<const RedactPatterns>& patterns, const std::string& text,
                   size_t block, size_t* replacements = nullptr) {
  PatternRedactor redactor({patterns});
  std::string out;
  for (size_t at = 0;; at += block) {
    bool last = at + block >= text.size();
    out += redactor.Process(std::string_view(text).substr(std::min(at, text.size()), block), last);
    if (last) break;
  }
  if (replacements != nullptr) *replacements = redactor.replacements();
  return out;
}

TEST(PatternRedactor, ReplacesMatchesKeepingTheLengthAtEveryBlockSize) {
  auto patterns = std::make_shared<const RedactPatterns>(
      std::vector<std::string>{"password=\\S+", "AKIA[0-9A-Z]{16}"}, "[redacted]");
  ASSERT_TRUE(patterns->ok()) << patterns->error();
  const std::string text =
      "login ok\npassword=hunter2 and password=correct-horse-battery\nkey AKIAABCDEFGHIJKLMNOP "
      "end\n"
      "tail without newline password=x";
  // 16, 30 and 20 bytes matched: the text padded with '*'; 10 bytes: the text itself.
  const std::string want = "login ok\n[redacted]****** and [redacted]" + std::string(20, '*') +
                           "\nkey [redacted]********** end\ntail without newline [redacted]";
  for (size_t block : {1, 2, 3, 7, 16, 64, 4096}) {
    SCOPED_TRACE(block);
    size_t n = 0;
    std::string got = Redact(patterns, text, block, &n);
    EXPECT_EQ(got, want);
    EXPECT_EQ(got.size(), text.size());
    EXPECT_EQ(n, 4u);
  }
}

TEST(PatternRedactor, AMatchNeverSpansLines) {
  auto patterns =
      std::make_shared<const RedactPatterns>(std::vector<std::string>{"a\\s+b"}, "XXXXXXXX");
  EXPECT_EQ(Redact(patterns, "a  b\na\nb\n", 2), "****\na\nb\n") << "shorter than the text: stars";
}

TEST(PatternRedactor, EmptyMatchesReplaceNothing) {
  auto patterns = std::make_shared<const RedactPatterns>(std::vector<std::string>{"x*"}, "#");
  size_t n = 0;
  EXPECT_EQ(Redact(patterns, "abxxc\n", 3, &n), "ab#*c\n");
  EXPECT_EQ(n, 1u);
}

TEST(PatternRedactor, ABadPatternNamesItsNumberAndRe2sReason) {
  RedactPatterns patterns({"ok", "a(b"}, "x");
  EXPECT_FALSE(patterns.ok());
  EXPECT_EQ(patterns.error(), "pattern 2 ('a(b'): missing ): a(b");
}

TEST(PatternRedactor, ALineLongerThanTheLimitGoesInPieces) {
  auto patterns = std::make_shared<const RedactPatterns>(std::vector<std::string>{"secret"}, "");
  std::string text(kMaxRedactLineBytes * 2 + 10, 'a');
  text.replace(100, 6, "secret");
  std::string got = Redact(patterns, text, 65536);
  EXPECT_EQ(got.size(), text.size());
  EXPECT_EQ(got.substr(100, 6), "******");
}

}  // namespace
}  // namespace logstow::uploader
