#include "viewer/search.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "tests/testing/viewer_samples.h"
#include "viewer/document.h"

namespace logstow::viewer {
namespace {

LineIndex Index(std::string_view bytes) {
  LineIndex index;
  index.Append(bytes);
  index.Finish();
  return index;
}

TEST(SearchPattern, InvalidPatternsGiveClearErrors) {
  const SearchPattern bad("(foo", {});
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.code(), SearchPattern::ErrorCode::kBadPattern);
  EXPECT_EQ(bad.error(), "missing ): (foo");
  EXPECT_EQ(SearchPattern("a{2,1}", {}).error(), "invalid repetition size: {2,1}");
  EXPECT_EQ(SearchPattern("(?<n>x)", {}).error(), "invalid perl operator: (?<");
  EXPECT_EQ(SearchPattern("x)", {}).error(), "unexpected ): x)");
  const SearchPattern empty("", {});
  EXPECT_EQ(empty.code(), SearchPattern::ErrorCode::kEmpty);
  EXPECT_EQ(empty.error(), "empty search pattern");
  EXPECT_TRUE(SearchPattern("(foo", {.literal = true}).ok());
}

TEST(SearchAll, CountsMatchesAndLines) {
  const LineIndex index = Index("error one error\nfine\nERROR two\nerror");
  const SearchSummary plain = SearchAll(index, SearchPattern("error", {}), 100);
  EXPECT_EQ(plain.match_count, 3u);
  EXPECT_EQ(plain.line_count, 2u);
  ASSERT_EQ(plain.hits.size(), 3u);
  EXPECT_EQ(plain.hits[0], (SearchHit{0, ByteRange{0, 5}}));
  EXPECT_EQ(plain.hits[1], (SearchHit{0, ByteRange{10, 15}}));
  EXPECT_EQ(plain.hits[2], (SearchHit{3, ByteRange{31, 36}}));
  const SearchSummary folded =
      SearchAll(index, SearchPattern("error", {.case_insensitive = true}), 2);
  EXPECT_EQ(folded.match_count, 4u);
  EXPECT_EQ(folded.line_count, 3u);
  EXPECT_EQ(folded.hits.size(), 2u);
  EXPECT_TRUE(folded.hits_truncated);
}

TEST(SearchAll, MatchesNeverSpanLinesAndAnchorsAreLineAnchors) {
  const LineIndex index = Index("ab\ncd\nxab cdx\n");
  EXPECT_EQ(SearchAll(index, SearchPattern("b\\s+c", {}), 10).match_count, 1u);  // line 3 only
  EXPECT_EQ(SearchAll(index, SearchPattern("b[^x]c", {}), 10).match_count, 1u);
  EXPECT_EQ(SearchAll(index, SearchPattern("b\\n", {}), 10).match_count, 0u);
  EXPECT_EQ(SearchAll(index, SearchPattern("^cd", {}), 10).match_count, 1u);
  EXPECT_EQ(SearchAll(index, SearchPattern("cd$", {}), 10).match_count, 1u);
  EXPECT_EQ(SearchAll(index, SearchPattern("^ab$", {}), 10).match_count, 1u);
  EXPECT_EQ(SearchAll(index, SearchPattern("q*", {}), 10).match_count, 0u);  // empty matches
}

TEST(SearchAll, LiteralSearchTakesMetacharactersAsText) {
  const LineIndex index = Index("a.b axb\n(x) [y]\n");
  EXPECT_EQ(SearchAll(index, SearchPattern("a.b", {}), 10).match_count, 2u);
  EXPECT_EQ(SearchAll(index, SearchPattern("a.b", {.literal = true}), 10).match_count, 1u);
  EXPECT_EQ(SearchAll(index, SearchPattern("(x) [", {.literal = true}), 10).match_count, 1u);
  EXPECT_EQ(SearchAll(index, SearchPattern("A.B", {.case_insensitive = true, .literal = true}), 10)
                .match_count,
            1u);
}

TEST(SearchAll, OnlyCompleteLinesBeforeFinish) {
  LineIndex index;
  index.Append("hit\nhit");
  EXPECT_EQ(SearchAll(index, SearchPattern("hit", {}), 10).match_count, 1u);
  index.Finish();
  EXPECT_EQ(SearchAll(index, SearchPattern("hit", {}), 10).match_count, 2u);
}

TEST(FindNext, StepsForwardAndBackwardWithWrapping) {
  const LineIndex index = Index("x\nhit\nx\nx\nhit hit\nx\n");
  const SearchPattern hit("hit", {});
  EXPECT_EQ(FindNext(index, hit, 0, false)->line, 1u);
  EXPECT_EQ(FindNext(index, hit, 1, false)->line, 4u);
  EXPECT_FALSE(FindNext(index, hit, 4, false).has_value());
  EXPECT_EQ(FindNext(index, hit, 4, true)->line, 1u);
  EXPECT_EQ(FindPrevious(index, hit, 4, false)->line, 1u);
  EXPECT_EQ(FindPrevious(index, hit, 5, false)->bytes, (ByteRange{14, 17}));  // last on line 4
  EXPECT_FALSE(FindPrevious(index, hit, 1, false).has_value());
  EXPECT_EQ(FindPrevious(index, hit, 1, true)->line, 4u);
  EXPECT_FALSE(FindNext(index, SearchPattern("nowhere", {}), 0, true).has_value());
}

TEST(FindPrevious, FindsMatchesFarBehind) {
  std::string bytes = "target\n";
  for (int i = 0; i < 10000; ++i) bytes += "filler line\n";
  const LineIndex index = Index(bytes);
  const auto hit = FindPrevious(index, SearchPattern("target", {}), index.line_count() - 1, false);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->line, 0u);
}

// Regression-style check against the real sample: the count equals a plain substring count.
TEST(SearchAll, CountOnTheSampleEqualsAPlainSubstringCount) {
  const std::string bytes = testing::ReadSample("screen-n-api.txt.gz");
  const LineIndex index = Index(bytes);
  size_t expected = 0;
  for (size_t at = bytes.find("req-"); at != std::string::npos; at = bytes.find("req-", at + 4)) {
    ++expected;
  }
  EXPECT_EQ(SearchAll(index, SearchPattern("req-", {.literal = true}), 0).match_count, expected);
}

// The literal fast path (literal_search.h) gives exactly RE2's results, at every alignment and
// near the end of the buffer, with and without case folding.
TEST(SearchAll, LiteralScanAgreesWithRe2) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes += std::string(static_cast<size_t>(i % 37), 'x') + (i % 3 == 0 ? "Needle" : "nEEDLE") +
             (i % 5 == 0 ? "\n" : " ");
  }
  bytes += "S\xE2\x84\xAA \xC5\xBFK needl";  // Kelvin sign, long s; a partial match at the end
  const LineIndex index = Index(bytes);
  for (const char* needle :
       {"Needle", "needle", "N", "e\xC3\xA9", "x\nN", "Needle x", "xN", "sk"}) {
    for (const bool fold : {false, true}) {
      SCOPED_TRACE(std::string(needle) + (fold ? " folded" : ""));
      const SearchPattern fast(needle, {.case_insensitive = fold, .literal = true});
      const SearchPattern plain(needle, {.case_insensitive = fold});  // no metacharacters
      // The same search through RE2: the literal quoted as a regex (the group forces RE2).
      const SearchPattern slow("(?:" + RE2::QuoteMeta(needle) + ")", {.case_insensitive = fold});
      EXPECT_FALSE(slow.literal_scan());
      const SearchSummary a = SearchAll(index, fast, 100000);
      const SearchSummary b = SearchAll(index, slow, 100000);
      EXPECT_EQ(a.match_count, b.match_count);
      EXPECT_TRUE(a.hits == b.hits);
      EXPECT_TRUE(SearchAll(index, plain, 100000).hits == b.hits);
    }
  }
  EXPECT_TRUE(SearchPattern("Needle", {.literal = true}).literal_scan());
  EXPECT_TRUE(SearchPattern("needle x", {.case_insensitive = true}).literal_scan());
  EXPECT_FALSE(SearchPattern("needle.", {}).literal_scan());
  EXPECT_FALSE(SearchPattern("^needle", {}).literal_scan());
  // RE2 folds k to U+212A KELVIN SIGN and s to U+017F LONG S: the fast path hands over to RE2
  // where those appear, so "ok" still finds "o\u212A" and "traceback" finds "tracebac\u212A".
  const SearchPattern ok("ok", {.case_insensitive = true});
  EXPECT_TRUE(ok.literal_scan());
  EXPECT_TRUE(ok.guards_fold());
  EXPECT_FALSE(SearchPattern("oi", {.case_insensitive = true}).guards_fold());
  const LineIndex kelvin = Index("ok\nxx \xE2\x84\xAA ok OK o\xE2\x84\xAA \xC5\xBF\n");
  EXPECT_EQ(SearchAll(kelvin, ok, 10).match_count, 4u);
  EXPECT_EQ(SearchAll(kelvin, SearchPattern("s", {.case_insensitive = true, .literal = true}), 10)
                .match_count,
            1u);
  EXPECT_EQ(SearchAll(kelvin, SearchPattern("o[k]", {.case_insensitive = true}), 10).match_count,
            4u);
  EXPECT_FALSE(
      SearchPattern("\xC3\xA9", {.case_insensitive = true, .literal = true}).literal_scan());
}

// Regexes with a literal prefix look for the prefix first, then let RE2 decide: same results.
TEST(SearchAll, LiteralPrefixCandidatesAgreeWithRe2) {
  const std::string bytes =
      "req-1234abcd-dead req-12-dead\nREQ-abcdabcd-dead "
      "xreq-00000000-deadx\nreq-\nreq-req-11111111-dead";
  const LineIndex index = Index(bytes);
  struct Case {
    const char* pattern;
    const char* prefix;
  };
  for (const Case& c : {Case{"req-[0-9a-f]{8}-dead", "req-"}, Case{"req-[0-9a-f]*", "req-"},
                        Case{"req-?[0-9]", "req"}, Case{"re+q", ""}, Case{"req|x", ""},
                        Case{"(req)-1", ""}, Case{"x\\d", ""}, Case{"q-\\d", "q-"}}) {
    for (const bool fold : {false, true}) {
      SCOPED_TRACE(std::string(c.pattern) + (fold ? " folded" : ""));
      const SearchPattern fast(c.pattern, {.case_insensitive = fold});
      EXPECT_EQ(fast.literal_prefix(), c.prefix);
      const SearchPattern slow(std::string("(?:") + c.pattern + ")", {.case_insensitive = fold});
      EXPECT_EQ(slow.literal_prefix(), "");
      EXPECT_TRUE(SearchAll(index, fast, 100).hits == SearchAll(index, slow, 100).hits);
    }
  }
}

TEST(FindInText, FindsEveryMatchInOneLine) {
  std::vector<ByteRange> out;
  FindInText(SearchPattern("o", {}), "foo bo", &out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2], (ByteRange{5, 6}));
}

// In a log whose lines end in a lone '\r' (line_index.h), a match never spans two lines and '^'
// anchors at each line, as in any other log.
TEST(SearchShown, CarriageReturnLinesAreLines) {
  Document document;
  document.Append("alpha one\rbeta two\rgamma alpha\r");
  document.Finish();
  ASSERT_TRUE(document.index().cr_lines());
  ASSERT_EQ(document.line_count(), 3u);
  EXPECT_EQ(SearchShown(document, SearchPattern("one.beta", {}), 10).match_count, 0u);
  EXPECT_EQ(SearchShown(document, SearchPattern("e\\s+b", {}), 10).match_count, 0u);
  const SearchSummary anchored = SearchShown(document, SearchPattern("^\\w+", {}), 10);
  ASSERT_EQ(anchored.match_count, 3u);
  EXPECT_EQ(anchored.hits[1], (SearchHit{1, ByteRange{0, 4}}));
  const SearchSummary alpha = SearchShown(document, SearchPattern("alpha", {}), 10);
  EXPECT_EQ(alpha.match_count, 2u);
  EXPECT_EQ(alpha.line_count, 2u);
  EXPECT_EQ(alpha.hits[1], (SearchHit{2, ByteRange{6, 11}}));
}

// A Windows log ("\r\n"): the '\r' is part of the terminator, never of the shown text, so it
// is never matched and '$' anchors before it, with nothing else on the line to clean up.
TEST(SearchShown, CrLfTerminatorsAreNotText) {
  Document document;
  for (int i = 0; i < 5; ++i) document.Append("abc code 1\r\n");
  document.Finish();
  ASSERT_EQ(document.line_count(), 5u);
  ASSERT_TRUE(document.hides_text());
  const SearchSummary anchored = SearchShown(document, SearchPattern("code \\d+$", {}), 10);
  EXPECT_EQ(anchored.match_count, 5u);
  EXPECT_EQ(anchored.hits[4], (SearchHit{4, ByteRange{4, 10}}));
  EXPECT_EQ(SearchShown(document, SearchPattern("\\r", {}), 10).match_count, 0u);
  EXPECT_EQ(SearchShown(document, SearchPattern("1\\s", {}), 10).match_count, 0u);
  EXPECT_FALSE(FindNextShown(document, SearchPattern("\\r", {}), 0, true).has_value());
}

// The hits SearchShown gives for every line of `document` are the matches FindInText finds in the
// line's shown text (Document::CleanText), which is what render.h marks and the page copies.
void ExpectHitsInShownText(const Document& document, std::string_view pattern,
                           SearchOptions options = {}) {
  SCOPED_TRACE(pattern);
  const SearchPattern search(pattern, options);
  ASSERT_TRUE(search.ok());
  std::vector<SearchHit> expected;
  CleanLine clean;
  for (size_t n = 0; n < document.line_count(); ++n) {
    document.CleanText(n, &clean);
    std::vector<ByteRange> ranges;
    FindInText(search, clean.text, &ranges);
    for (const ByteRange& r : ranges) expected.push_back(SearchHit{static_cast<uint32_t>(n), r});
  }
  const SearchSummary summary = SearchShown(document, search, 1000);
  EXPECT_EQ(summary.hits, expected);
  // FindNextShown from each line lands on the first expected hit after it.
  for (size_t n = 0; n < document.line_count(); ++n) {
    const auto after = std::find_if(expected.begin(), expected.end(),
                                    [&](const SearchHit& h) { return h.line > n; });
    const std::optional<SearchHit> next = FindNextShown(document, search, n, false);
    if (after == expected.end()) {
      EXPECT_FALSE(next.has_value()) << "after line " << n;
    } else {
      EXPECT_EQ(next, *after) << "after line " << n;
    }
  }
}

// Invalid UTF-8 shows as U+FFFD, one for each maximal invalid subpart (the WHATWG decoder's rule,
// as the page's TextDecoder and `logstow show` show it): search, like the reader, sees U+FFFD,
// never the byte it stands for, and '$' anchors at the shown end.
TEST(SearchShown, InvalidUtf8IsSearchedAsTheReplacementCharactersShown) {
  Document document;
  document.Append(
      "plain one\n"
      "caf\xE9 ok\n"             // Latin-1 e-acute: one U+FFFD
      "cut abc\xE2\x82\n"        // a 3-byte sequence cut by the line end: one U+FFFD
      "x\xED\xA0\x80y\n"         // a surrogate (ED A0 80): three, ED is no prefix of a valid one
      "over\xC0\xAF!\n"          // an overlong '/': two
      "plain caf\xC3\xA9 two");  // valid UTF-8, unterminated last line
  document.Finish();
  ASSERT_EQ(document.line_count(), 6u);
  EXPECT_TRUE(document.hides_text());
  CleanLine clean;
  document.CleanText(3, &clean);
  EXPECT_EQ(clean.text, "x\uFFFD\uFFFD\uFFFDy");
  document.CleanText(4, &clean);
  EXPECT_EQ(clean.text, "over\uFFFD\uFFFD!");
  const auto count = [&](std::string_view pattern, SearchOptions options = {}) {
    return SearchShown(document, SearchPattern(pattern, options), 100).match_count;
  };
  // What is shown matches; hits are bytes into the shown text.
  const SearchSummary dot = SearchShown(document, SearchPattern("caf. ", {}), 100);
  ASSERT_EQ(dot.match_count, 2u);
  EXPECT_EQ(dot.hits[0], (SearchHit{1, ByteRange{0, 7}}));
  EXPECT_EQ(dot.hits[1], (SearchHit{5, ByteRange{6, 12}}));
  EXPECT_EQ(count("caf\uFFFD ok"), 1u);
  EXPECT_EQ(count("caf\uFFFD ok", {.literal = true}), 1u);
  EXPECT_EQ(count("CAF\uFFFD OK", {.case_insensitive = true, .literal = true}), 1u);
  const SearchSummary ok = SearchShown(document, SearchPattern("ok", {.literal = true}), 100);
  ASSERT_EQ(ok.match_count, 1u);
  EXPECT_EQ(ok.hits[0], (SearchHit{1, ByteRange{7, 9}}));  // after 3 bytes of U+FFFD, not 1
  // A pattern that matches the raw byte (\C: any byte) finds nothing the reader cannot see.
  EXPECT_EQ(count("caf\\C ok"), 0u);
  EXPECT_EQ(count("x\\C\\C\\Cy"), 0u);  // three raw bytes, nine shown
  EXPECT_EQ(count("abc\\C\\C$"), 0u);
  // '$' anchors at the shown end: the U+FFFD of the cut sequence is the last character.
  EXPECT_EQ(count("abc\uFFFD$"), 1u);
  EXPECT_EQ(count("abc.$"), 1u);
  EXPECT_EQ(count("abc\uFFFD{2}"), 0u);
  // Maximal subparts: a surrogate is three U+FFFD, an overlong pair two.
  EXPECT_EQ(count("^x\\x{FFFD}{3}y$"), 1u);
  EXPECT_EQ(count("^over\\x{FFFD}{2}!$"), 1u);
  EXPECT_EQ(count("\\x{FFFD}"), 7u);
  EXPECT_EQ(SearchShown(document, SearchPattern("\\x{FFFD}", {}), 100).line_count, 4u);
  // Lines that show their bytes are found as before, around the others.
  EXPECT_EQ(count("plain"), 2u);
  EXPECT_EQ(FindNextShown(document, SearchPattern("\\x{FFFD}+", {}), 1, false),
            (SearchHit{2, ByteRange{7, 10}}));
  EXPECT_EQ(FindPreviousShown(document, SearchPattern("\\x{FFFD}+", {}), 5, false),
            (SearchHit{4, ByteRange{4, 10}}));
  for (const char* pattern : {"caf.", "\\x{FFFD}", ".$", "^.", "\\w+", "o", "\\S+\\s"})
    ExpectHitsInShownText(document, pattern);
  ExpectHitsInShownText(document, "caf", {.literal = true});
}

// C0 controls (but '\t') and DEL show as control pictures (U+2400 + c, U+2421): search sees
// the pictures, never the control bytes.
TEST(SearchShown, ControlCharactersAreSearchedAsTheirPictures) {
  Document document;
  document.Append(
      std::string("a\0b\nplain\tline\nform\x0c"
                  "feed\x7f\n",
                  26));
  document.Finish();
  ASSERT_EQ(document.line_count(), 3u);
  EXPECT_TRUE(document.hides_text());
  EXPECT_TRUE(document.shows_its_bytes(1));  // a tab is shown as it is
  EXPECT_FALSE(document.shows_its_bytes(2));
  const auto count = [&](std::string_view pattern, SearchOptions options = {}) {
    return SearchShown(document, SearchPattern(pattern, options), 100).match_count;
  };
  EXPECT_EQ(count("\\x00"), 0u);
  EXPECT_EQ(count("\\x0c"), 0u);
  EXPECT_EQ(count("\\x7f"), 0u);
  EXPECT_EQ(count("^a\\x{2400}b$"), 1u);
  EXPECT_EQ(count("feed\u2421$"), 1u);
  EXPECT_EQ(count("\\t"), 1u);
  const SearchSummary feed = SearchShown(document, SearchPattern("feed", {.literal = true}), 10);
  ASSERT_EQ(feed.match_count, 1u);
  EXPECT_EQ(feed.hits[0], (SearchHit{2, ByteRange{7, 11}}));  // after "form" and 3 bytes of U+240C
  for (const char* pattern : {"\\x{2400}", ".$", "^.", "\\w+", "[[:cntrl:]]", "\\pC"})
    ExpectHitsInShownText(document, pattern);
}

// Valid UTF-8 shows as its bytes: a log of it, even split mid-character between appends, keeps
// the raw search.
TEST(SearchShown, ValidUtf8KeepsTheRawSearch) {
  Document document;
  document.Append("caf\xC3");
  document.Append("\xA9 \xE2\x9C\x93 ok \xF0\x9F");
  document.Append("\x98\x80\nnext\n");
  document.Finish();
  EXPECT_FALSE(document.hides_text());
  EXPECT_EQ(SearchShown(document, SearchPattern("caf. . ok", {}), 10).match_count, 1u);
}

}  // namespace
}  // namespace logstow::viewer
