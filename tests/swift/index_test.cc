// `logstow index` (uploader/build_index.h) against the real local Swift: a build uploaded by two
// "nodes" (each with a token for its own sub-prefix, no pages, no manifest) and the "executor"
// gets one set of pages and one zuul-manifest.json that list exactly what Swift holds, whatever
// the nodes' reports claim; a proxy that does not answer is left for --fallback-storage-url.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "tests/swift/upload_checks.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tokens/scope.h"
#include "tokens/token_codec.h"
#include "uploader/build_index.h"
#include "uploader/upload.h"

namespace logstow::uploader {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

UploadReport UploadPart(const testing::SwiftContainer& c, const std::string& prefix,
                        const std::map<std::string, std::string>& files) {
  testing::TempDir dir;
  for (const auto& [name, body] : files) dir.Write(name, body);
  UploadReport report = Upload({.folder = dir.path(),
                                .token = c.Token(prefix),
                                .write_indexes = false,
                                .write_manifest = false});
  EXPECT_TRUE(report.ok()) << report.ToJson();
  return report;
}

TEST(BuildIndex, ListsEveryUploadersLandedObjectsOnce) {
  testing::SwiftContainer c("index");
  const std::string build = "t/check/p/job/b1/";
  UploadReport executor =
      UploadPart(c, build, {{"job-output.txt", "ok\n"}, {"zuul-info/inventory.yaml", "all: {}\n"}});
  UploadReport a =
      UploadPart(c, build + "logs/node-a/",
                 {{"syslog.txt", std::string(5000, 'a')}, {"sub/x.txt.gz", "\x1f\x8b not"}});
  UploadReport b = UploadPart(c, build + "logs/node-b/", {{"b.json", "{}"}});

  UploadReport report = BuildIndex({.token = c.Token(build),
                                    .reports = {{"", executor.ToJson(), "executor.json"},
                                                {"logs/node-a/", a.ToJson(), "node-a.json"},
                                                {"logs/node-b/", b.ToJson(), "node-b.json"}}});
  ASSERT_TRUE(report.ok()) << report.ToJson();
  EXPECT_THAT(c.List(build),
              ElementsAre(build + "index.html", build + "job-output.txt", build + "logs/index.html",
                          build + "logs/node-a/index.html", build + "logs/node-a/sub/index.html",
                          build + "logs/node-a/sub/x.txt.gz", build + "logs/node-a/syslog.txt",
                          build + "logs/node-b/b.json", build + "logs/node-b/index.html",
                          build + "zuul-info/index.html", build + "zuul-info/inventory.yaml",
                          build + "zuul-manifest.json"));
  auto files =
      ManifestFiles(nlohmann::json::parse(c.ReadObjectDecoded(build + "zuul-manifest.json")));
  EXPECT_THAT(files, ::testing::SizeIs(5));
  // The file's own size (the report's, since TempURL answers drop X-Object-Meta-*), not the
  // stored gzip size; the encoding is the file's own.
  EXPECT_EQ(files["logs/node-a/syslog.txt"]["size"], 5000);
  EXPECT_TRUE(files["logs/node-a/syslog.txt"]["encoding"].is_null());
  EXPECT_EQ(files["logs/node-a/sub/x.txt.gz"]["encoding"], "gzip");
  EXPECT_GT(files["job-output.txt"]["last_modified"].get<int64_t>(), 1700000000);
  EXPECT_THAT(c.ReadObjectDecoded(build + "logs/index.html"),
              HasSubstr("href=\"node-a/index.html\""));
}

// A node's report is its own word: entries outside its sub-prefix and objects Swift does not
// have are dropped, and neither a page nor the manifest names them.
TEST(BuildIndex, DropsWhatANodeClaimsOutsideItsSubPrefixOrWhatIsMissing) {
  testing::SwiftContainer c("index-lies");
  const std::string build = "b2/";
  UploadReport a = UploadPart(c, build + "logs/node-a/", {{"real.txt", "real\n"}});
  UploadPart(c, build + "logs/node-b/", {{"b.txt", "b\n"}});
  nlohmann::json lying = nlohmann::json::parse(a.ToJson());
  lying["objects"].push_back({{"name", "ghost.txt"},
                              {"object", build + "logs/node-a/ghost.txt"},
                              {"status", "landed"},
                              {"size", 3}});
  lying["objects"].push_back({{"name", "b.txt"},
                              {"object", build + "logs/node-b/b.txt"},
                              {"status", "landed"},
                              {"size", 2}});
  lying["objects"].push_back(
      {{"name", "x"}, {"object", build + "logs/node-a/../x"}, {"status", "landed"}, {"size", 1}});

  UploadReport report = BuildIndex({.token = c.Token(build),
                                    .reports = {{"logs/node-a/", lying.dump(), "node-a.json"},
                                                {"logs/node-c/", "not json", "node-c.json"}}});
  std::map<std::string, std::string> outcome;
  for (const ObjectResult& o : report.objects) {
    outcome[o.name] = std::string(ObjectStatusName(o.status)) + ": " + o.error;
  }
  EXPECT_THAT(outcome["logs/node-a/real.txt"], HasSubstr("landed"));
  EXPECT_THAT(outcome["logs/node-a/ghost.txt"],
              HasSubstr("skipped: in node-a.json but not in Swift (HTTP 404); not listed"));
  EXPECT_THAT(outcome[build + "logs/node-b/b.txt"],
              HasSubstr("skipped: listed by node-a.json but outside its logs/node-a/; not listed"));
  EXPECT_THAT(outcome["logs/node-a/../x"], HasSubstr("skipped: not a usable object name"));
  EXPECT_THAT(outcome["logs/node-c/"],
              HasSubstr("failed: the upload report node-c.json is not a logstow upload report"));
  EXPECT_FALSE(report.ok());
  auto files =
      ManifestFiles(nlohmann::json::parse(c.ReadObjectDecoded(build + "zuul-manifest.json")));
  EXPECT_THAT(files, ::testing::ElementsAre(::testing::Key("logs/node-a/real.txt")));
}

// `logstow index --fallback-storage-url`, as `logstow upload`'s: the token names a proxy that
// does not answer (port 1: nothing listens there), the fallback is the real Swift. The HEADs
// move on to it once, with one warning, and the pages are PUT there without trying the dead
// one again.
TEST(BuildIndex, AProxyThatDoesNotAnswerIsLeftForTheFallbackStorageUrl) {
  testing::SwiftContainer c("index-fallback");
  const std::string build = "fb/";
  UploadReport part = UploadPart(c, build, {{"job-output.txt", "ok\n"}, {"logs/a.txt", "a\n"}});
  testing::TempDir work;
  const auto report_file = work.Write("report.json", part.ToJson());
  tokens::Token token = c.Token(build);
  const std::string real = token.scope.storage_url;
  const std::string dead = "http://127.0.0.1:1" + tokens::AccountPath(token.scope);
  token.scope.storage_url = dead;
  testing::ProcessResult r = testing::RunProcess(
      {.argv = {LOGSTOW_BINARY, "index", "--report", report_file.string(), "--fallback-storage-url",
                real, "--json", (work.path() / "index.json").string()},
       .env = {"LOGSTOW_TOKEN=" + tokens::EncodeToken(token)}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, tokens::PrefixUrl(token.scope) + "\n") << "the token's own log_url";
  const std::string moved = "logstow: warning: could not connect to " + dead + " (";
  ASSERT_THAT(r.err, HasSubstr(moved));
  EXPECT_THAT(r.err, HasSubstr("); continuing with " + real + "\n"));
  EXPECT_EQ(r.err.find(moved), r.err.rfind(moved)) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logstow: indexed 2 objects of 1 report, 0 dropped, 0 failed\n"));
  EXPECT_THAT(c.List(build),
              ElementsAre(build + "index.html", build + "job-output.txt", build + "logs/a.txt",
                          build + "logs/index.html", build + "zuul-manifest.json"));
  auto files =
      ManifestFiles(nlohmann::json::parse(c.ReadObjectDecoded(build + "zuul-manifest.json")));
  EXPECT_THAT(files, ::testing::SizeIs(2));
}

// A token Swift refuses (its signature altered): the index stops at the first 401, writes
// nothing, exits 1 and prints no address (a script taking stdout as log_url gets none).
TEST(BuildIndex, WhenNothingIsWrittenNoAddressIsPrinted) {
  testing::SwiftContainer c("index-refused");
  const std::string build = "nope/";
  UploadReport part = UploadPart(c, build, {{"job-output.txt", "ok\n"}});
  testing::TempDir work;
  const auto report_file = work.Write("report.json", part.ToJson());
  tokens::Token token = c.Token(build);
  for (auto& [method, signature] : token.tempurl_signatures)
    signature.assign(signature.size(), 'a');
  testing::ProcessResult r =
      testing::RunProcess({.argv = {LOGSTOW_BINARY, "index", "--report", report_file.string()},
                           .env = {"LOGSTOW_TOKEN=" + tokens::EncodeToken(token)}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("logstow: error: index stopped: "));
  EXPECT_THAT(c.List(build), ElementsAre(build + "job-output.txt"));
}

TEST(BuildIndex, RefusesASubPrefixThatIsNotARelativeFolder) {
  for (const std::string bad : {"logs/node-a", "/logs/", "logs/../", "logs//a/"}) {
    SCOPED_TRACE(bad);
    try {
      tokens::Token token;
      token.scope.storage_url = "http://127.0.0.1:1/v1/AUTH_x";
      token.scope.container = "c";
      token.scope.prefix = "p/";
      BuildIndex({.token = token, .reports = {{bad, "{}", "r.json"}}});
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "index.sub_prefix");
      EXPECT_EQ(std::string(e.what()),
                "the sub-prefix '" + bad +
                    "' is not a relative path ending in '/' (no empty, "
                    "'.' or '..' parts): write e.g. logs/node-a/, or nothing for the whole prefix");
    }
  }
}

}  // namespace
}  // namespace logstow::uploader
