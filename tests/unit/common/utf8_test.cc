#include "common/utf8.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(IsValidUtf8, AcceptsWellFormedText) {
  for (const char* ok : {"", "ascii", "ü", "Ꮓບບξ", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"}) {
    SCOPED_TRACE(ok);
    EXPECT_TRUE(IsValidUtf8(ok));
  }
}

TEST(IsValidUtf8, RejectsMalformedText) {
  for (const char* bad : {"\xff", "\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
                          "\xf4\x90\x80\x80", "\x80", "a\xc3(b"}) {
    SCOPED_TRACE(testing::PrintToString(std::string(bad)));
    EXPECT_FALSE(IsValidUtf8(bad));
  }
}

TEST(HasControlCharacter, FindsC0AndDel) {
  EXPECT_FALSE(HasControlCharacter("plain ü text"));
  EXPECT_TRUE(HasControlCharacter("a\nb"));
  EXPECT_TRUE(HasControlCharacter(std::string("a\0b", 3)));
  EXPECT_TRUE(HasControlCharacter("a\x7f"));
}

// Untrusted text in a message: C0, DEL, C1 and invalid UTF-8 all show the same way, one '?' per
// character or invalid sequence; valid text (accents, emoji) stays. Regression: a name's 0xFF
// reached the terminal as a raw byte while its ESC showed as '?'.
TEST(ReplaceUnprintable, ShowsControlsAndInvalidUtf8AlikeAndKeepsTheRest) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"plain caf\xc3\xa9 \xf0\x9f\x98\x80", "plain caf\xc3\xa9 \xf0\x9f\x98\x80"},
      {"esc\x1b[2Jx", "esc?[2Jx"},
      {std::string("nul\0tab\tdel\x7f", 12), "nul?tab?del?"},
      {"bad\xff.txt", "bad?.txt"},
      {"two\xff\xfe", "two??"},
      {"cut \xe2\x82", "cut ?"},
      {"c1 \xc2\x9b"
       "31m",
       "c1 ?31m"},                         // U+009B, an 8-bit CSI
      {"nbsp \xc2\xa0", "nbsp \xc2\xa0"},  // U+00A0 is printable
      {"", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.in));
    EXPECT_EQ(ReplaceUnprintable(c.in), c.out);
  }
  EXPECT_EQ(ReplaceUnprintable("a\nb", '_'), "a_b");
}

TEST(Utf8, ReplacesEachMaximalInvalidSubsequenceOnce) {
  // Cases from the WHATWG Encoding standard / Unicode "U+FFFD substitution of maximal subparts"
  // (what TextDecoder does).
  struct Case {
    const char* name;
    std::string bytes;
    std::string expected;
  };
  const std::string r = "\xEF\xBF\xBD";
  const Case cases[] = {
      {"ascii", "abc", "abc"},
      {"valid 2/3/4 bytes", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80",
       "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"},
      {"lone continuation", "a\x80z", "a" + r + "z"},
      {"truncated 3-byte", "\xE2\x82z", r + "z"},
      {"truncated at end", "\xF0\x9F\x98", r},
      {"overlong C0", "\xC0\xAF", r + r},
      {"overlong E0", "\xE0\x80\xAF", r + r + r},
      {"surrogate", "\xED\xA0\x80", r + r + r},
      {"above U+10FFFF", "\xF4\x90\x80\x80", r + r + r + r},
      {"FF", "\xFF", r},
      {"latin-1 text", "caf\xE9!", "caf" + r + "!"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(SanitizeUtf8(c.bytes), c.expected);
  }
}

TEST(Utf8, DecodeAlwaysAdvances) {
  const std::string bytes = "\xE2\x82";
  const Utf8Step step = DecodeUtf8(bytes);
  EXPECT_FALSE(step.valid);
  EXPECT_EQ(step.code_point, kReplacementCharacter);
  EXPECT_EQ(step.length, 2u);
}

TEST(Utf8, Utf16LengthCountsSurrogatePairs) {
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("\xC3\xA9"), 1u);
  EXPECT_EQ(Utf16Length("\xF0\x9F\x98\x80"), 2u);
}

}  // namespace
}  // namespace logstow
