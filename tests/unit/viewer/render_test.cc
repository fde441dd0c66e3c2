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

std::string Html(const Document& document, size_t first, size_t last,
                 const SearchPattern* search = nullptr) {
  std::string out;
  RenderRowsHtml(document, first, last, search, &out);
  return out;
}

TEST(RenderRowsHtml, DrawsRowsWithNumbersSeverityAndSpans) {
  const Document document =
      Doc("2013-09-10 12:34:56.789 1234 WARNING nova [-] see http://x.org/a?b=1&c=2\n  more\n");
  EXPECT_EQ(Html(document, 0, 2),
            "<div class=\"row sev-warning\" data-line=\"1\"><a class=\"ln\" href=\"#L1\">1</a>"
            "<span class=\"tx\"><span class=\"hl-timestamp\">2013-09-10 12:34:56.789</span> 1234 "
            "<span class=\"hl-severity\">WARNING</span> nova [-] see "
            "<a href=\"http://x.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow\" "
            "target=\"_blank\" class=\"hl-url\">http://x.org/a?b=1&amp;c=2</a></span></div>\n"
            "<div class=\"row sev-warning inh\" data-line=\"2\"><a class=\"ln\" href=\"#L2\">2</a>"
            "<span class=\"tx\">  more</span></div>\n");
  EXPECT_EQ(Html(document, 5, 9), "");  // past the end: nothing
}

TEST(RenderRowsHtml, LogTextNeverBecomesMarkup) {
  const Document document =
      Doc("<script>alert(1)</script> <img src=x onerror=alert(2)> \"quoted\" 'single' &amp;\n"
          "http://evil/\"><script>x</script>\n"
          "\x1b]8;;https://ok/\"onmouseover=\"x\x1b\\link\x1b]8;;\x1b\\\n");
  const std::string html = Html(document, 0, 3);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&amp;amp;"), std::string::npos);
  // The URL stops at the quote; what follows is text.
  EXPECT_NE(html.find("href=\"http://evil/\""), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;script&gt;"), std::string::npos);
  // The OSC 8 link's quote is escaped inside the attribute.
  EXPECT_NE(html.find("href=\"https://ok/&quot;onmouseover=&quot;x\""), std::string::npos);
}

TEST(RenderRowsHtml, AnsiColoursBecomeClasses) {
  const Document document = Doc("\x1b[1;31mred\x1b[0m \x1b[38;2;255;0;0mtrue\x1b[7m inv\n");
  EXPECT_EQ(Html(document, 0, 1),
            "<div class=\"row sev-none inh\" data-line=\"1\"><a class=\"ln\" href=\"#L1\">1</a>"
            "<span class=\"tx\"><span class=\"fg-1 b\">red</span> <span class=\"fg-196\" "
            "data-fg=\"#ff0000\">true</span><span class=\"bg-196 inv\" data-bg=\"#ff0000\"> "
            "inv</span></span></div>\n");
}

TEST(RenderRowsHtml, MarksSearchHitsInTheShownText) {
  const Document document = Doc("\x1b[31mERR\x1b[0mOR here\n");
  const SearchPattern search("error", {.case_insensitive = true});
  const std::string html = Html(document, 0, 1, &search);
  EXPECT_NE(html.find("<span class=\"hl-severity fg-1 hl-match\">ERR</span>"
                      "<span class=\"hl-severity hl-match\">OR</span> here"),
            std::string::npos)
      << html;
}

// Jenkins console.html is a <pre> of real HTML; the viewer shows it as text.
TEST(RenderRowsHtml, JenkinsConsoleHtmlIsShownAsText) {
  const Document document = Doc(testing::ReadSample("console.html.gz"));
  ASSERT_EQ(document.line_count(), 21373u);
  const std::string html = Html(document, 0, document.line_count());
  // Our own markup: one <a class="ln"> per row plus URL links; nothing from the log.
  EXPECT_EQ(html.find("<pre"), std::string::npos);
  EXPECT_EQ(html.find("class='model-link'"), std::string::npos);
  // Line 2: "... | Started by user <a href='https://jenkins02...' class='model-link'>anonymous</a>"
  EXPECT_NE(html.find("Started by user &lt;a href=&#39;<a href=\"https://jenkins02.openstack.org/"
                      "user/null\" rel=\"noopener noreferrer nofollow\" target=\"_blank\" "
                      "class=\"hl-url\">https://jenkins02.openstack.org/user/null</a>&#39; "
                      "class=&#39;model-link&#39;&gt;anonymous&lt;/a&gt;"),
            std::string::npos);
  size_t rows = 0;
  for (size_t at = html.find("<div class=\"row"); at != std::string::npos;
       at = html.find("<div class=\"row", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, document.line_count());
  EXPECT_EQ(html.find('\r'), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
}

// The longest line of the samples: 97,190 bytes of oslo.log, a neutron JSON response with 9,090
// '"' and 20 '\'' in it.
TEST(RenderRowsHtml, DrawsThe97kCharacterLineEscaped) {
  const Document document = Doc(testing::ReadSample("screen-n-api.txt.gz"));
  const size_t n = 40335 - 1;  // tests/data/SOURCES.md
  ASSERT_EQ(document.index().line(n).size(), 97190u);
  const std::string html = Html(document, n, n + 1);
  const std::string_view raw = document.index().line_text(n);
  const size_t quotes = static_cast<size_t>(std::count(raw.begin(), raw.end(), '"'));
  ASSERT_EQ(quotes, 9090u);
  // Every quote of the text arrives as "&quot;"; the only raw quotes left are in our attributes.
  size_t escaped = 0;
  for (size_t at = html.find("&quot;"); at != std::string::npos; at = html.find("&quot;", at + 1)) {
    ++escaped;
  }
  EXPECT_EQ(escaped, quotes);
  EXPECT_GT(html.size(), raw.size() + 5 * quotes);
  EXPECT_NE(html.find("{&quot;security_groups&quot;: [{&quot;"), std::string::npos);
  EXPECT_EQ(document.severity(n), Severity::kDebug);
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
