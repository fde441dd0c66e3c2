#include "viewer/render.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/testing/viewer_samples.h"

namespace logstow::viewer {
namespace {

Document Doc(std::string_view bytes) {
  Document document;
  document.Append(bytes);
  document.Finish();
  return document;
}

nlohmann::json Rows(const Document& document, size_t first, size_t last,
                    const SearchPattern* search = nullptr) {
  std::string out;
  RenderRowsJson(document, first, last, search, &out);
  return nlohmann::json::parse(out)["rows"];
}

// A row's segments as [text, classes, href, fg, bg], for readable expectations. REQUIRES: ASCII
// text (UTF-16 indices are then byte offsets).
using Shown = std::vector<std::vector<std::string>>;
Shown Segments(const nlohmann::json& row) {
  const std::string text = row["text"];
  Shown shown;
  for (const auto& s : row["segments"]) {
    const size_t begin = s[0], end = s[1];
    shown.push_back({text.substr(begin, end - begin), s[2], s[3], s[4], s[5]});
  }
  return shown;
}

TEST(RenderRowsJson, DrawsRowsWithNumbersSeverityAndSpans) {
  const Document document =
      Doc("2013-09-10 12:34:56.789 1234 WARNING nova [-] see http://x.org/a?b=1&c=2\n  more\n");
  const nlohmann::json rows = Rows(document, 0, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["line"], 1);
  EXPECT_EQ(rows[0]["severity"], "WARNING");
  EXPECT_EQ(rows[0]["inherited"], false);
  EXPECT_EQ(Segments(rows[0]),
            (Shown{{"2013-09-10 12:34:56.789", "hl-timestamp", "", "", ""},
                   {" 1234 ", "", "", "", ""},
                   {"WARNING", "hl-severity", "", "", ""},
                   {" nova [-] see ", "", "", "", ""},
                   {"http://x.org/a?b=1&c=2", "hl-url", "http://x.org/a?b=1&c=2", "", ""}}));
  EXPECT_EQ(rows[1]["line"], 2);
  EXPECT_EQ(rows[1]["severity"], "WARNING");
  EXPECT_EQ(rows[1]["inherited"], true);
  EXPECT_EQ(rows[1]["text"], "  more");
  EXPECT_TRUE(Rows(document, 5, 9).empty());  // past the end: nothing
}

// The page puts text in text nodes and hrefs in attributes (no innerHTML): what matters is that
// the text arrives exactly and only http(s) URLs become links.
TEST(RenderRowsJson, LogTextStaysTextAndOnlyHttpUrlsBecomeLinks) {
  const std::string markup =
      "<script>alert(1)</script> <img src=x onerror=alert(2)> \"quoted\" 'single' &amp;";
  const Document document =
      Doc(markup + "\nhttp://evil/\"><script>x</script> javascript:alert(1)\n" +
          "\x1b]8;;https://ok/\"onmouseover=\"x\x1b\\link\x1b]8;;\x1b\\ "
          "\x1b]8;;javascript:alert(3)\x1b\\bad\x1b]8;;\x1b\\\n");
  const nlohmann::json rows = Rows(document, 0, 3);
  EXPECT_EQ(rows[0]["text"], markup);
  // The URL stops at the quote; what follows is text.
  EXPECT_EQ(Segments(rows[1])[0],
            (std::vector<std::string>{"http://evil/", "hl-url", "http://evil/", "", ""}));
  std::vector<std::string> hrefs;
  for (const auto& row : rows) {
    for (const auto& s : Segments(row)) {
      if (!s[2].empty()) hrefs.push_back(s[2]);
    }
  }
  EXPECT_EQ(hrefs, (std::vector<std::string>{"http://evil/", "https://ok/\"onmouseover=\"x"}));
}

TEST(RenderRowsJson, AnsiColoursBecomeClasses) {
  const Document document = Doc("\x1b[1;31mred\x1b[0m \x1b[38;2;255;0;0mtrue\x1b[7m inv\n");
  const nlohmann::json rows = Rows(document, 0, 1);
  EXPECT_EQ(rows[0]["severity"], "NONE");
  EXPECT_EQ(Segments(rows[0]), (Shown{{"red", "fg-1 b", "", "", ""},
                                      {" ", "", "", "", ""},
                                      {"true", "fg-196", "", "#ff0000", ""},
                                      {" inv", "bg-196 inv", "", "", "#ff0000"}}));
}

TEST(RenderRowsJson, MarksSearchHitsInTheShownText) {
  const Document document = Doc("\x1b[31mERR\x1b[0mOR here\n");
  const SearchPattern search("error", {.case_insensitive = true});
  EXPECT_EQ(Segments(Rows(document, 0, 1, &search)[0]),
            (Shown{{"ERR", "hl-severity fg-1 hl-match", "", "", ""},
                   {"OR", "hl-severity hl-match", "", "", ""},
                   {" here", "", "", "", ""}}));
}

// Jenkins console.html is a <pre> of real HTML; the viewer shows it as text.
TEST(RenderRowsJson, JenkinsConsoleHtmlIsShownAsText) {
  const Document document = Doc(testing::ReadSample("console.html.gz"));
  ASSERT_EQ(document.line_count(), 21373u);
  const nlohmann::json rows = Rows(document, 0, document.line_count());
  ASSERT_EQ(rows.size(), document.line_count());
  // Line 2: "... | Started by user <a href='https://jenkins02...' class='model-link'>anonymous</a>"
  const std::string text = rows[1]["text"];
  EXPECT_NE(text.find("Started by user <a href='https://jenkins02.openstack.org/user/null' "
                      "class='model-link'>anonymous</a>"),
            std::string::npos);
  for (const auto& row : rows) {
    const std::string t = row["text"];
    ASSERT_EQ(t.find('\r'), std::string::npos);
    ASSERT_EQ(t.find('\x1b'), std::string::npos);
    for (const auto& s : row["segments"]) {
      const std::string href = s[3];
      ASSERT_TRUE(href.empty() || href.starts_with("http://") || href.starts_with("https://"))
          << href;
    }
  }
}

// The longest line of the samples: 97,190 bytes of oslo.log, a neutron JSON response with 9,090
// '"' and 20 '\'' in it.
TEST(RenderRowsJson, DrawsThe97kCharacterLineWhole) {
  const Document document = Doc(testing::ReadSample("screen-n-api.txt.gz"));
  const size_t n = 40335 - 1;  // tests/data/SOURCES.md
  ASSERT_EQ(document.index().line(n).size(), 97190u);
  const nlohmann::json rows = Rows(document, n, n + 1);
  const std::string_view raw = document.index().line_text(n);
  const std::string text = rows[0]["text"];
  EXPECT_EQ(text, raw);
  EXPECT_EQ(std::count(text.begin(), text.end(), '"'), 9090);
  EXPECT_EQ(rows[0]["severity"], "DEBUG");
  EXPECT_EQ(rows[0]["segments"].back()[1], 97190);  // ASCII: UTF-16 units = bytes
}

TEST(RenderRowsJson, GivesTextAndSegmentsInUtf16Units) {
  const Document document = Doc("\xF0\x9F\x98\x80 ERROR: caf\xC3\xA9 \xFF http://x/\n");
  std::string out;
  RenderRowsJson(document, 0, 1, nullptr, &out);
  const auto json = nlohmann::json::parse(out);
  const auto& row = json["rows"][0];
  EXPECT_EQ(row["line"], 1);
  EXPECT_EQ(row["severity"], "NONE");
  EXPECT_EQ(row["text"], "\xF0\x9F\x98\x80 ERROR: caf\xC3\xA9 \xEF\xBF\xBD http://x/");
  // Segments cover the text without gaps; the URL starts at UTF-16 index 2+1+7+5+2 = 17.
  const auto& segments = row["segments"];
  ASSERT_GE(segments.size(), 2u);
  EXPECT_EQ(segments[0][0], 0);
  for (size_t i = 1; i < segments.size(); ++i) EXPECT_EQ(segments[i][0], segments[i - 1][1]);
  const auto& last = segments.back();
  EXPECT_EQ(last[0], 17);
  EXPECT_EQ(last[1], 26);
  EXPECT_EQ(last[2], "hl-url");
  EXPECT_EQ(last[3], "http://x/");
}

}  // namespace
}  // namespace logstow::viewer
