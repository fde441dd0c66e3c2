// What `logstow upload` lists and prints when not everything lands, against the real local Swift
// (a fresh-eyes trial's faults): a folder the job cannot read fails the run by name, and the
// index pages and zuul-manifest.json name only what landed. Runs the binary, as a job does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/swift/upload_checks.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unreadable.h"
#include "tokens/token_codec.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> UploadArgv(const fs::path& folder, std::vector<std::string> flags) {
  std::vector<std::string> argv = {LOGSTOW_BINARY, "upload", folder.string(), "--progress", "none"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return argv;
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

}  // namespace
}  // namespace logstow::uploader
