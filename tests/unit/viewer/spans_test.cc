#include "viewer/spans.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace logstow::viewer {
namespace {

// The spans of `line` as (kind, text) pairs.
std::vector<std::pair<std::string, std::string>> Spans(std::string_view line) {
  static const SeverityClassifier classifier;
  std::vector<Span> spans;
  FindSpans(classifier, line, &spans);
  std::vector<std::pair<std::string, std::string>> out;
  for (const Span& s : spans) {
    out.emplace_back(SpanKindName(s.kind), std::string(line.substr(s.begin, s.end - s.begin)));
  }
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(FindSpans, MarksTheKnownTokens) {
  EXPECT_EQ(
      Spans("2013-09-27 18:22:39.743 DEBUG nova.api [req-4f2667be-d397-4819-a731-a3c7a5182fec "
            "admin] GET http://127.0.0.1:8774/v2/servers? get_body "
            "/opt/stack/new/nova/nova/api/openstack/wsgi.py:484"),
      (Pairs{{"timestamp", "2013-09-27 18:22:39.743"},
             {"severity", "DEBUG"},
             {"request-id", "req-4f2667be-d397-4819-a731-a3c7a5182fec"},
             {"url", "http://127.0.0.1:8774/v2/servers"},
             {"path", "/opt/stack/new/nova/nova/api/openstack/wsgi.py:484"}}));
  EXPECT_EQ(Spans("proxy-server: GET /v1/AUTH_test/c/o 200 txa1b2c3d4e5f60718293a4-0065a1b2c3"),
            (Pairs{{"request-id", "txa1b2c3d4e5f60718293a4-0065a1b2c3"}}));
  // A bare UUID (an instance, a volume) is an id to follow too; "req-<uuid>" stays one span.
  EXPECT_EQ(Spans("nova [instance: 8d1a5a0e-3b7f-4c2e-9a61-0f2b7c9d4e11] spawned"),
            (Pairs{{"request-id", "8d1a5a0e-3b7f-4c2e-9a61-0f2b7c9d4e11"}}));
  EXPECT_EQ(Spans("  File \"/usr/lib/python3/dist-packages/eventlet/hub.py\", line 457, in fire"),
            (Pairs{{"path", "\"/usr/lib/python3/dist-packages/eventlet/hub.py\", line 457"}}));
  EXPECT_EQ(Spans("2018-08-01 00:44:04.736863 | TASK [emit-job-header : Setup log path fact]"),
            (Pairs{{"timestamp", "2018-08-01 00:44:04.736863"},
                   {"task", "TASK [emit-job-header : Setup log path fact]"}}));
  EXPECT_EQ(Spans("error in main.go:12:3 while building"),
            (Pairs{{"severity", "error"}, {"path", "main.go:12:3"}}));
}

TEST(FindSpans, OnlyHttpUrlsAndNoTrailingPunctuation) {
  EXPECT_EQ(Spans("see https://example.com/a_(b)."), (Pairs{{"url", "https://example.com/a_(b)"}}));
  EXPECT_EQ(Spans("(at http://x.org/y)"), (Pairs{{"url", "http://x.org/y"}}));
  EXPECT_EQ(Spans("javascript:alert(1) ftp://x/y file:///etc/passwd"), Pairs{});
  EXPECT_EQ(Spans("HTTPS://EXAMPLE.COM/"), (Pairs{{"url", "HTTPS://EXAMPLE.COM/"}}));
}

// Issue 10: "http://http://http://…" is not one link, trailing ").,;:" is not part of a URL,
// brackets the URL opens are kept (as GitHub does), and javascript: never links.
TEST(FindSpans, OnlyWellFormedUrlsWithAHost) {
  EXPECT_EQ(Spans("http://http://http://x"), Pairs{});
  std::string run;
  for (int i = 0; i < 2000; ++i) run += "http://";
  EXPECT_EQ(Spans(run), Pairs{});
  EXPECT_EQ(Spans("see (https://example.com/a_(b)):"),
            (Pairs{{"url", "https://example.com/a_(b)"}}));
  EXPECT_EQ(Spans("at http://x.org/y;, then"), (Pairs{{"url", "http://x.org/y"}}));
  EXPECT_EQ(Spans("go to http://127.0.0.1:8080/."), (Pairs{{"url", "http://127.0.0.1:8080/"}}));
  EXPECT_EQ(Spans("javascript:alert('http://x/')"), (Pairs{{"url", "http://x/"}}));
  EXPECT_EQ(Spans("http:// nothing"), Pairs{});
}

// Trimming a URL counts its brackets once (it used to recount per trailing bracket: quadratic).
TEST(FindSpans, UrlTrimmingIsLinear) {
  const std::string tail(100000, ')');
  EXPECT_EQ(Spans("see http://x/a(b)" + tail), (Pairs{{"url", "http://x/a(b)"}}));
  EXPECT_EQ(Spans("[http://x/y]."), (Pairs{{"url", "http://x/y"}}));
  EXPECT_EQ(Spans("{http://x/{y}}"), (Pairs{{"url", "http://x/{y}"}}));
}

TEST(FindSpans, SpansAreSortedAndNeverOverlap) {
  const std::string line =
      "2013-09-27 18:22:39.743 2515 ERROR x [req-4f2667be-d397-4819-a731-a3c7a5182fec] "
      "http://h/req-4f2667be-d397-4819-a731-a3c7a5182fec/a.py:3 /a/b.py:1 c.py:2";
  const SeverityClassifier classifier;
  std::vector<Span> spans;
  FindSpans(classifier, line, &spans);
  ASSERT_GE(spans.size(), 5u);
  for (size_t i = 1; i < spans.size(); ++i) {
    EXPECT_LE(spans[i - 1].end, spans[i].begin);
    EXPECT_LT(spans[i].begin, spans[i].end);
  }
}

}  // namespace
}  // namespace logstow::viewer
