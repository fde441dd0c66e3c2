// What `logstow upload` lists and prints when not everything lands, against the real local Swift
// (a fresh-eyes trial's faults): the index pages and zuul-manifest.json name only what landed
// in this run, and are not written at all when nothing landed (a rerun whose files all fail
// leaves the earlier run's as they were); no address is printed for a run that landed nothing;
// a folder the job cannot read fails the run by name; a job's own manifest naming files that
// did not land is not published. Runs the binary, as a job does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/swift/upload_checks.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unreadable.h"
#include "tokens/token_codec.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using testing::FaultProxy;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Origin;
using testing::ThroughProxy;

std::vector<std::string> UploadArgv(const fs::path& folder, std::vector<std::string> flags) {
  std::vector<std::string> argv = {LOGSTOW_BINARY, "upload", folder.string(), "--progress", "none"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return argv;
}

testing::ProcessResult RunUpload(const fs::path& folder, const tokens::Token& token,
                                 std::vector<std::string> flags = {}) {
  return testing::RunProcess(
      {.argv = UploadArgv(folder, flags), .env = {"LOGSTOW_TOKEN=" + tokens::EncodeToken(token)}});
}

// The summary line: the last line of stderr.
std::string Summary(const std::string& err) {
  return err.substr(err.rfind("logstow: ", err.size() - 2));
}

std::set<std::string> ManifestPaths(const std::string& text) {
  std::set<std::string> paths;
  for (const auto& [path, node] : ManifestFiles(nlohmann::json::parse(text))) paths.insert(path);
  return paths;
}

// The trial's repro: a good build, then a rerun with the same token whose every file fails.
TEST(UploadLanded, ARerunWhoseFilesAllFailLeavesTheEarlierPagesAndManifest) {
  testing::SwiftContainer c("landed-rerun");
  testing::TempDir dir, work;
  dir.Write("job-output.log", "top\n");
  dir.Write("logs/a.log", "a\n");
  dir.Write("logs/sub/b.log", "b\n");
  const tokens::Token token = c.Token("rerun/");
  testing::ProcessResult first = RunUpload(dir.path(), token);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string index = c.ReadObjectDecoded("rerun/index.html");
  const std::string logs_index = c.ReadObjectDecoded("rerun/logs/index.html");
  const std::string manifest = c.ReadObjectDecoded("rerun/zuul-manifest.json");
  ASSERT_THAT(index, HasSubstr("job-output.log"));
  ASSERT_EQ(ManifestPaths(manifest).size(), 3u);

  FaultProxy proxy(Origin(c.env().storage_url),
                   {"--fail-503", "1", "--match", "\\.log$", "--only-method", "PUT"},
                   work.path() / "proxy.log");
  const fs::path report_file = work.path() / "report.json";
  testing::ProcessResult r = RunUpload(dir.path(), ThroughProxy(token, proxy.url()),
                                       {"--retry-for", "1s", "--json", report_file.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "") << "no address for a run that landed nothing";
  EXPECT_THAT(r.err, HasSubstr("logstow: failed: logs/a.log: HTTP 503"));
  EXPECT_THAT(r.err, HasSubstr("logstow: warning: no file landed, so no index page or "
                               "zuul-manifest.json was written; what an earlier upload wrote "
                               "under the prefix is left as it was\n"));
  EXPECT_TRUE(std::regex_match(Summary(r.err),
                               std::regex("logstow: 0 B in 0 files, .* 3 failed, 0 skipped\n")))
      << r.err;
  EXPECT_EQ(c.ReadObjectDecoded("rerun/index.html"), index);
  EXPECT_EQ(c.ReadObjectDecoded("rerun/logs/index.html"), logs_index);
  EXPECT_EQ(c.ReadObjectDecoded("rerun/zuul-manifest.json"), manifest);
  auto report = nlohmann::json::parse(testing::ReadFile(report_file));
  EXPECT_EQ(report["files"]["failed"], 3);
  EXPECT_EQ(report["objects"].size(), 3u) << "no index page or manifest was tried";
  EXPECT_TRUE(report["viewer_url"].is_null());
}

// Swift unreachable: the file fails after its retries, and nothing else is tried, so the
// summary's count and the report's objects agree.
TEST(UploadLanded, AnUnreachableSwiftTriesNoPageAndCountsTheFileOnce) {
  testing::SwiftContainer c("landed-down");
  testing::TempDir dir, work;
  dir.Write("a.txt", "a\n");
  const fs::path report_file = work.path() / "report.json";
  testing::ProcessResult r =
      RunUpload(dir.path(), ThroughProxy(c.Token("down/"), "http://127.0.0.1:1"),
                {"--retry-for", "1s", "--json", report_file.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("logstow: failed: a.txt: "));
  EXPECT_THAT(r.err, Not(HasSubstr("index.html")));
  EXPECT_TRUE(std::regex_match(Summary(r.err),
                               std::regex("logstow: 0 B in 0 files, .* 1 failed, 0 skipped\n")))
      << r.err;
  auto report = nlohmann::json::parse(testing::ReadFile(report_file));
  ASSERT_EQ(report["objects"].size(), 1u) << report.dump(1);
  EXPECT_EQ(report["objects"][0]["status"], "failed");
  EXPECT_EQ(report["files"]["failed"], 1);
}

// A run Swift stops at once (401): exit 1, as for any run that did not land everything (the
// roles take 0 and 1 as "the run finished"), and no viewer link to an empty folder.
TEST(UploadLanded, ARunStoppedBeforeAnythingLandedPrintsNoAddress) {
  testing::SwiftContainer c("landed-401");
  testing::TempDir dir, work;
  dir.Write("a.txt", "a\n");
  tokens::Token token = c.Token("refused/");
  token.scope.viewer_url = "https://viewer.example/";  // not signed: the token stays valid
  FaultProxy proxy(Origin(c.env().storage_url), {"--expire-after", "0"}, work.path() / "p.log");
  testing::ProcessResult r = RunUpload(dir.path(), ThroughProxy(token, proxy.url()));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("logstow: error: upload stopped: "));
  EXPECT_THAT(c.List("refused/"), ::testing::IsEmpty());
}

// A folder the job cannot read hides files: a failure like an unreadable file, named in the
// summary and the report; the pages and manifest list what landed.
TEST(UploadLanded, AFolderItCannotReadFailsTheRunByName) {
  testing::SwiftContainer c("landed-locked");
  testing::TempDir dir, work;
  dir.Write("a.txt", "a\n");
  dir.Write("locked/b.txt", "b\n");
  testing::LockedFolder locked(dir.path() / "locked");
  const fs::path report_file = work.path() / "report.json";
  testing::ProcessResult r = testing::RunProcess(
      {.argv = testing::BoundByFileModes(UploadArgv(dir.path(), {"--json", report_file.string()})),
       .env = {"LOGSTOW_TOKEN=" + tokens::EncodeToken(c.Token("locked/"))}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logstow: failed: locked: cannot read folder: Permission denied; "
                               "its files are not uploaded: let the user running logstow read "
                               "it, or move it out of the log folder\n"));
  EXPECT_THAT(r.err, Not(HasSubstr("skipped locked")));
  EXPECT_TRUE(std::regex_match(Summary(r.err),
                               std::regex("logstow: 2 B in 1 file, .* 1 failed, 0 skipped\n")))
      << r.err;
  EXPECT_EQ(r.out, c.url() + "/locked/index.html\n") << "a.txt landed: its page is the link";
  auto report = nlohmann::json::parse(testing::ReadFile(report_file));
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["files"]["failed"], 1);
  bool named = false;
  for (const auto& o : report["objects"]) named |= o["name"] == "locked" && o["status"] == "failed";
  EXPECT_TRUE(named) << report.dump(1);
  EXPECT_THAT(c.List("locked/"),
              ElementsAre("locked/a.txt", "locked/index.html", "locked/zuul-manifest.json"));
  EXPECT_EQ(ManifestPaths(c.ReadObjectDecoded("locked/zuul-manifest.json")),
            std::set<std::string>{"a.txt"});
}

// The job wrote its own zuul-manifest.json: kept when every file it names landed, else
// logstow's own takes its place, and a warning names the first missing path.
TEST(UploadLanded, AJobsManifestIsKeptOnlyWhenEveryFileItNamesLanded) {
  testing::SwiftContainer c("landed-own");
  testing::TempDir good, ghost;
  const std::string kept =
      R"({"tree": [{"name": "logs", "mimetype": "application/directory", "children": [)"
      R"({"name": "a.txt", "mimetype": "text/plain", "size": 2}]}], "index_links": false})";
  good.Write("logs/a.txt", "a\n");
  good.Write("zuul-manifest.json", kept);
  testing::ProcessResult r = RunUpload(good.path(), c.Token("good/"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logstow: warning: kept the job's own zuul-manifest.json instead "
                               "of writing one\n"));
  EXPECT_EQ(c.ReadObjectDecoded("good/zuul-manifest.json"), kept);
  EXPECT_THAT(c.ReadObjectDecoded("good/index.html"), HasSubstr("zuul-manifest.json"));

  ghost.Write("logs/a.txt", "a\n");
  ghost.Write("zuul-manifest.json",
              R"({"tree": [{"name": "logs", "children": [{"name": "a.txt"}]},)"
              R"( {"name": "ghost.txt", "mimetype": "text/plain", "size": 5}]})");
  r = RunUpload(ghost.path(), c.Token("ghost/"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logstow: warning: the job's own zuul-manifest.json names "
                               "ghost.txt, which did not land in this run: not published; "
                               "logstow writes its own, listing what landed\n"));
  EXPECT_THAT(r.err, Not(HasSubstr("kept the job's own zuul-manifest.json")));
  const std::string written = c.ReadObjectDecoded("ghost/zuul-manifest.json");
  EXPECT_EQ(ManifestPaths(written), std::set<std::string>{"logs/a.txt"});
  EXPECT_EQ(nlohmann::json::parse(written)["index_links"], true) << "logstow's own";
  EXPECT_THAT(c.ReadObjectDecoded("ghost/index.html"), Not(HasSubstr("zuul-manifest.json")));
  EXPECT_TRUE(std::regex_match(Summary(r.err),
                               std::regex("logstow: .* in 1 file, .* 0 failed, 1 skipped\n")))
      << r.err;
}

}  // namespace
}  // namespace logstow::uploader
