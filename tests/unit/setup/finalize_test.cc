#include "setup/finalize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace logstow::setup {
namespace {

using nlohmann::json;
using ::testing::StrEq;
using ::testing::ThrowsMessage;

const std::string kEtag(32, 'a');

json Segment(const std::string& object) {
  return {{"object", object}, {"etag", kEtag}, {"size", 1048576}};
}

json Report(json objects) {
  return {{"container", "logs"}, {"delete_at", 1900000000}, {"objects", std::move(objects)}};
}

json Segmented(const std::string& name, const std::string& object, json segments) {
  return {{"name", name},
          {"object", object},
          {"status", "segmented"},
          {"content_type", "text/plain; charset=utf-8"},
          {"content_encoding", "gzip"},
          {"size", 3145731},
          {"segments", std::move(segments)}};
}

TEST(Finalize, ReadsEverySegmentedFileOfAReport) {
  json report = Report({Segmented("logs/big.txt", "b/logs/big.txt",
                                  {Segment("b/.logstow-segments/logs/big.txt/00000000"),
                                   Segment("b/.logstow-segments/logs/big.txt/00000001")}),
                        {{"name", "small.txt"}, {"object", "b/small.txt"}, {"status", "landed"}},
                        {{"name", ".logstow-segments/logs/big.txt/00000000"},
                         {"status", "landed"},
                         {"segment_of", "logs/big.txt"}}});
  FinalizePlan plan = ReadFinalizePlan(report.dump(), "logs", "b/");
  EXPECT_EQ(plan.container, "logs");
  EXPECT_EQ(plan.delete_at_unix_s, 1900000000);
  ASSERT_EQ(plan.objects.size(), 1u);
  const LargeObject& o = plan.objects[0];
  EXPECT_EQ(o.object, "b/logs/big.txt");
  EXPECT_EQ(o.content_encoding, "gzip");
  EXPECT_EQ(o.size_bytes, 3145731u);
  ASSERT_EQ(o.segments.size(), 2u);
  EXPECT_EQ(ManifestBody("logs", o),
            "[{\"etag\":\"" + kEtag +
                "\",\"path\":\"/logs/b/.logstow-segments/logs/big.txt/00000000\",\"size_bytes\":"
                "1048576},{\"etag\":\"" +
                kEtag +
                "\",\"path\":\"/logs/b/.logstow-segments/logs/big.txt/00000001\",\"size_bytes\":"
                "1048576}]");
}

TEST(Finalize, RefusesReportsThatReachBeyondTheBuild) {
  const std::string tail =
      ": give the file `logstow upload --json` wrote for this build, with the build's "
      "--container and --prefix";
  struct Case {
    const char* what;
    json report;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"not JSON", "x", "the upload report is not JSON with an \"objects\" list"},
      {"another container",
       {{"container", "other"}, {"objects", json::array()}},
       "the upload report is for the container 'other', not 'logs'"},
      {"a manifest outside the prefix",
       Report({Segmented("x", "a/x", {Segment("b/.logstow-segments/x/00000000")})}),
       "the upload report names the object 'a/x', which is not a file under the prefix 'b/'"},
      {"a dot segment",
       Report({Segmented("../x", "b/../x", {Segment("b/.logstow-segments/../x/00000000")})}),
       "the upload report names the object 'b/../x', which is not a file under the prefix "
       "'b/'"},
      {"a segment of another file",
       Report({Segmented("x", "b/x", {Segment("b/.logstow-segments/y/00000000")})}),
       "the upload report names the segment 'b/.logstow-segments/y/00000000' of 'x' outside "
       "'b/.logstow-segments/x/'"},
      {"a segment outside the prefix", Report({Segmented("x", "b/x", {Segment("c/other")})}),
       "the upload report names the segment 'c/other' of 'x' outside 'b/.logstow-segments/x/'"},
      {"no segments", Report({Segmented("x", "b/x", json::array())}),
       "the upload report lists no segments for 'x'"},
      {"a bad etag",
       Report({Segmented(
           "x", "b/x",
           {{{"object", "b/.logstow-segments/x/00000000"}, {"etag", "\"quoted\""}, {"size", 1}}})}),
       "the upload report gives the segment 'b/.logstow-segments/x/00000000' an etag that is "
       "not 32 hex digits"},
      // Headers are sent with operator credentials: a CR/LF would add headers of the job's
      // choosing (X-Object-Manifest turned a log into a view of another container).
      {"a header in the content type",
       [] {
         json s = Segmented("x", "b/x", {Segment("b/.logstow-segments/x/00000000")});
         s["content_type"] = "text/plain\r\nX-Object-Manifest: private/secret";
         return Report({s});
       }(),
       "the upload report gives 'x' a content_type that is not printable ASCII of 1-256 "
       "characters"},
      {"a header in the content encoding",
       [] {
         json s = Segmented("x", "b/x", {Segment("b/.logstow-segments/x/00000000")});
         s["content_encoding"] = "gzip\r\nX-Copy-From: /private/secret";
         return Report({s});
       }(),
       "the upload report gives 'x' a content_encoding other than \"gzip\" or null"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const std::string text = c.report.is_string() ? c.report.get<std::string>() : c.report.dump();
    EXPECT_THAT([&] { ReadFinalizePlan(text, "logs", "b/"); },
                ThrowsMessage<Error>(StrEq(c.message + tail)));
    try {
      ReadFinalizePlan(text, "logs", "b/");
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "finalize.report");
    }
  }
}

}  // namespace
}  // namespace logstow::setup
