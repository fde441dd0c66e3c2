// `logstow upload` flags checked before anything is read or sent: a real child process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unreadable.h"

namespace logstow::testing {
namespace {

using ::testing::HasSubstr;

ProcessResult Logstow(std::vector<std::string> args, std::vector<std::string> env = {}) {
  args.insert(args.begin(), LOGSTOW_BINARY);
  return RunProcess({.argv = args, .env = env});
}

std::string Issue() {
  ProcessResult r =
      Logstow({"token", "issue", "--storage-url=http://proxy1.example:8080/v1/AUTH_ci",
               "--prefix=zuul/42/"},
              {"LOGSTOW_TEMPURL_KEY=zuul-secret-4f9a1c"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.substr(0, r.out.find('\n'));
}

TEST(UploadCommand, AFallbackStorageUrlOfAnotherAccountIsRefusedWithExit2) {
  TempDir dir;
  dir.Write("job-output.txt", "hello\n");
  ProcessResult r = Logstow({"upload", "--fallback-storage-url",
                             "http://proxy2.example:8080/v1/AUTH_other", dir.path().string()},
                            {"LOGSTOW_TOKEN=" + Issue()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "logstow: error: --fallback-storage-url 'http://proxy2.example:8080/v1/AUTH_other' is "
            "not the token's account at another proxy: give an http(s) URL ending in the token's "
            "path /v1/AUTH_ci (the signatures cover only the path), e.g. "
            "http://proxy2.example:8080/v1/AUTH_ci\n");
}

TEST(UploadCommand, EachFallbackFlagTakesOneUrlAndTheFolderStaysPositional) {
  TempDir dir;
  dir.Write("job-output.txt", "hello\n");
  ProcessResult r = Logstow(
      {"upload", "--dry-run", "--fallback-storage-url", "http://proxy2.example:8080/v1/AUTH_ci",
       "--fallback-storage-url", "https://proxy3.example/v1/AUTH_ci/", dir.path().string()},
      {"LOGSTOW_TOKEN=" + Issue()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("zuul/42/job-output.txt"));
}

// --processing applies its rules to the plan a dry run prints (commands are not run); a bad
// --on-uploaded-timeout stops the run before anything is read.
TEST(UploadCommand, ADryRunShowsTheProcessingRulesAndBadHookTimeoutsAreRefused) {
  TempDir dir, work;
  dir.Write("app.out", "hello\n");
  dir.Write("capture.pcap", "x");
  const auto rules = work.Write("p.json", R"({"logstow_processing": 1, "rules": [
      {"glob": "*.pcap", "stages": [{"stage": "skip"}]},
      {"name": "text", "glob": "*.out", "stages": [
          {"stage": "rename", "match": "$", "replace": ".txt"}, {"stage": "gzip", "level": 9}]}]})");
  ProcessResult r =
      Logstow({"upload", "--dry-run", "--processing", rules.string(), dir.path().string()},
              {"LOGSTOW_TOKEN=" + Issue()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("zuul/42/app.out.txt\ttext/plain; charset=utf-8\tgzip\t6\trule 2 "
                               "'text': rename, gzip\n"));
  EXPECT_THAT(r.out, HasSubstr("zuul/42/capture.pcap\t-\t-\t-\tNOT SENT: skipped by processing "
                               "rule 1\n"));
  EXPECT_THAT(r.err, HasSubstr("; 1 skipped; nothing was sent"));

  r = Logstow(
      {"upload", "--on-uploaded", "true", "--on-uploaded-timeout", "2h", dir.path().string()},
      {"LOGSTOW_TOKEN=" + Issue()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "logstow: error: --on-uploaded-timeout '2h' is not a duration from 1 s to 1 h: write "
            "e.g. 30s or 5m\n");
  r = Logstow({"upload", "--on-uploaded-timeout", "5s", dir.path().string()},
              {"LOGSTOW_TOKEN=" + Issue()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "logstow: error: --on-uploaded-timeout is given without --on-uploaded: name the "
            "command to run after the upload, or drop the timeout\n");
}

// Regression: with --token and --token-file, --token won silently.
TEST(UploadCommand, ATokenAndATokenFileTogetherAreRefused) {
  TempDir dir, work;
  dir.Write("job-output.txt", "hello\n");
  const std::string token = Issue();
  const auto file = work.Write("token", token + "\n");
  ProcessResult r = Logstow({"upload", "--dry-run", "--token", token, "--token-file", file.string(),
                             dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "logstow: error: --token and --token-file both give a token: pass only one "
            "(--token-file or LOGSTOW_TOKEN keep it out of process listings)\n");
  ProcessResult folder =
      Logstow({"upload", "--dry-run", "--token-file", work.path().string(), dir.path().string()});
  EXPECT_EQ(folder.exit_code, 2);
  EXPECT_EQ(folder.err, "logstow: error: the token file given is a folder, not a file\n");
}

// Regression: a name's invalid UTF-8 reached the output as the raw byte while its ESC showed
// as '?': both show as '?'.
TEST(UploadCommand, NamesShowInvalidUtf8AndControlCharactersAlike) {
  TempDir dir;
  dir.Write("bad\xff\x1b[2J.txt", "hello\n");
  ProcessResult r =
      Logstow({"upload", "--dry-run", dir.path().string()}, {"LOGSTOW_TOKEN=" + Issue()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("zuul/42/bad??[2J.txt\t"));
  EXPECT_EQ(r.out.find('\xff'), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
}

// A folder the uploading user cannot read hides files: the plan names it as something that
// cannot go (the upload fails it, tests/swift/upload_landed_test.cc), never as a mere skip.
TEST(UploadCommand, ADryRunNamesAFolderItCannotRead) {
  TempDir dir;
  dir.Write("job-output.txt", "hello\n");
  dir.Write("locked/secret.txt", "x\n");
  LockedFolder locked(dir.path() / "locked");
  ProcessResult r = RunProcess(
      {.argv = BoundByFileModes({LOGSTOW_BINARY, "upload", "--dry-run", dir.path().string()}),
       .env = {"LOGSTOW_TOKEN=" + Issue()}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("zuul/42/job-output.txt\t"));
  EXPECT_THAT(r.out, HasSubstr("zuul/42/locked\t-\t-\t-\tCANNOT UPLOAD: cannot read folder: "
                               "Permission denied; its files are not uploaded: let the user "
                               "running logstow read it, or move it out of the log folder\n"));
  EXPECT_THAT(r.err, HasSubstr("logstow: dry run: 1 files, 6 B, would go under "));
  EXPECT_THAT(r.err, HasSubstr("; 1 cannot be read; nothing was sent\n"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("skipped locked")));
}

}  // namespace
}  // namespace logstow::testing
