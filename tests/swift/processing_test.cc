// `logstow upload --processing FILE --on-uploaded CMD` against the real local Swift (issue 15,
// item 2): each stage changes what is stored as docs/processing.md says, a failing and a
// hanging command end as their rule says, and the hook receives the JSON report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tokens/token_codec.h"

namespace logstow {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

struct UploadRun {
  testing::ProcessResult result;
  nlohmann::json report;
};

// Uploads `dir` under `prefix` with the processing file `rules`; the report is parsed.
UploadRun Upload(const testing::SwiftContainer& c, const testing::TempDir& dir,
                 const std::string& prefix, const std::string& rules,
                 std::vector<std::string> flags = {}) {
  testing::TempDir work;
  const fs::path rules_file = work.Write("processing.json", rules);
  const fs::path report_file = work.path() / "report.json";
  std::vector<std::string> argv = {LOGSTOW_BINARY,      "upload", dir.path().string(),
                                   "--progress",        "none",   "--processing",
                                   rules_file.string(), "--json", report_file.string()};
  argv.insert(argv.end(), flags.begin(), flags.end());
  UploadRun run;
  run.result = testing::RunProcess({.argv = argv,
                                    .env = {"LOGSTOW_TOKEN=" + tokens::EncodeToken(c.Token(prefix)),
                                            "TMPDIR=" + work.path().string()}});
  std::string text = testing::ReadFile(report_file);
  if (!text.empty()) run.report = nlohmann::json::parse(text);
  return run;
}

const nlohmann::json* Entry(const nlohmann::json& report, const std::string& name) {
  for (const auto& o : report["objects"]) {
    if (o["name"] == name) return &o;
  }
  return nullptr;
}

TEST(ProcessingUpload, EachStageChangesWhatIsStored) {
  testing::SwiftContainer c("proc-stages");
  testing::TempDir dir;
  dir.Write("app.out", "hello from the app\n");
  dir.Write("etc/nova.conf", "[db]\npassword=hunter2\nhost=db1\n");
  dir.Write("capture.pcap", std::string("\xd4\xc3\xb2\xa1", 4));
  dir.Write("tiny.log", "x\n");
  dir.Write("plain.txt", "left alone\n");
  UploadRun run = Upload(c, dir, "stages/", R"({"logstow_processing": 1, "rules": [
      {"name": "upper", "glob": "*.out", "stages": [
          {"stage": "command", "argv": ["tr", "a-z", "A-Z"]},
          {"stage": "rename", "match": "\\.out$", "replace": ".out.txt"}]},
      {"glob": "etc/**", "stages": [{"stage": "redact", "patterns": ["password=\\S+"]}]},
      {"glob": "*.pcap", "stages": [{"stage": "skip"}]},
      {"glob": "tiny.log", "stages": [{"stage": "gzip", "level": 9}]}]})");
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;

  // command + rename: the output, under the new name, typed by it.
  testing::HttpResponse response;
  EXPECT_EQ(c.ReadObjectDecoded("stages/app.out.txt", &response), "HELLO FROM THE APP\n");
  EXPECT_THAT(response.header("content-type"), HasSubstr("text/plain"));
  EXPECT_EQ(c.GetObject("stages/app.out").status, 404);
  const nlohmann::json* app = Entry(run.report, "app.out.txt");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ((*app)["renamed_from"], "app.out");
  EXPECT_EQ((*app)["processing"], "rule 1 'upper': command, rename");
  // redact: same length, so the size metadata is the file's.
  EXPECT_EQ(c.ReadObjectDecoded("stages/etc/nova.conf", &response),
            "[db]\n[redacted]******\nhost=db1\n");
  EXPECT_EQ(response.header("x-object-meta-logstow-size"), "31");
  EXPECT_EQ((*Entry(run.report, "etc/nova.conf"))["pattern_redactions"], 1);
  // skip: not stored, listed as skipped with the rule.
  EXPECT_EQ(c.GetObject("stages/capture.pcap").status, 404);
  EXPECT_EQ((*Entry(run.report, "capture.pcap"))["status"], "skipped");
  EXPECT_EQ((*Entry(run.report, "capture.pcap"))["error"], "skipped by processing rule 3");
  // gzip: forced on a 2-byte file that the default rule sends as it is.
  EXPECT_EQ(c.GetObject("stages/tiny.log").header("content-encoding"), "gzip");
  EXPECT_EQ(c.ReadObjectDecoded("stages/tiny.log"), "x\n");
  EXPECT_EQ(c.GetObject("stages/plain.txt").header("content-encoding"), "");
  // The manifest lists the new name only.
  std::string manifest = c.ReadObjectDecoded("stages/zuul-manifest.json");
  EXPECT_THAT(manifest, HasSubstr("app.out.txt"));
  EXPECT_THAT(manifest, Not(HasSubstr("capture.pcap")));
}

TEST(ProcessingUpload, AFailingCommandFailsItsFileAndTheRestLands) {
  testing::SwiftContainer c("proc-fail");
  testing::TempDir dir;
  dir.Write("a.log", "a\n");
  dir.Write("b.txt", "b\n");
  UploadRun run = Upload(c, dir, "fail/", R"({"logstow_processing": 1, "rules": [
      {"glob": "a.log", "stages": [{"stage": "command",
                                    "shell": "echo 'filter: bad input' >&2; exit 2"}]}]})");
  EXPECT_EQ(run.result.exit_code, 1) << run.result.err;
  EXPECT_THAT(
      run.result.err,
      HasSubstr("logstow: failed: a.log: command 'echo 'filter: bad input' >&2; exit 2' "
                "(/bin/sh -c) failed (exit status 2): filter: bad input (processing rule 1)\n"));
  EXPECT_EQ(c.GetObject("fail/a.log").status, 404);
  EXPECT_EQ(c.ReadObjectDecoded("fail/b.txt"), "b\n");
  EXPECT_EQ((*Entry(run.report, "a.log"))["status"], "failed");
}

// The command sleeps far longer than the test may run: only its time limit lets the upload
// finish. The rule then sends the file as it is.
TEST(ProcessingUpload, AHangingCommandIsKilledAtItsLimitAndTheFileGoesAsTheRuleSays) {
  testing::SwiftContainer c("proc-hang");
  testing::TempDir dir;
  dir.Write("slow.log", "unprocessed\n");
  UploadRun run = Upload(c, dir, "hang/", R"({"logstow_processing": 1, "rules": [
      {"glob": "slow.log", "stages": [{"stage": "command", "shell": "sleep 600; cat",
                                       "timeout": "1s", "on_failure": "upload-unprocessed"}]}]})");
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_THAT(
      run.result.err,
      HasSubstr("logstow: warning: slow.log: command 'sleep 600; cat' (/bin/sh -c) ran longer "
                "than 1 s and was killed (processing rule 1); uploaded without the command, "
                "as the rule says\n"));
  EXPECT_EQ(c.ReadObjectDecoded("hang/slow.log"), "unprocessed\n");
}

TEST(ProcessingUpload, TheHookReceivesTheReportAndItsFailureIsOnlyAWarning) {
  testing::SwiftContainer c("proc-hook");
  testing::TempDir dir, out;
  dir.Write("a.txt", "a\n");
  const fs::path received = out.path() / "received.json";
  UploadRun run = Upload(c, dir, "hook/", R"({"logstow_processing": 1, "rules": []})",
                         {"--on-uploaded", "cat > '" + received.string() + "'"});
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  nlohmann::json hook = nlohmann::json::parse(testing::ReadFile(received));
  EXPECT_EQ(hook, run.report) << "the hook gets the report --json writes";
  EXPECT_EQ(hook["files"]["landed"], 1);

  UploadRun failing = Upload(c, dir, "hook2/", R"({"logstow_processing": 1, "rules": []})",
                             {"--on-uploaded", "echo 'curl: (7) Failed to connect' >&2; exit 7"});
  EXPECT_EQ(failing.result.exit_code, 0) << failing.result.err;
  EXPECT_THAT(failing.result.err,
              HasSubstr("logstow: warning: --on-uploaded command failed (exit status 7): curl: "
                        "(7) Failed to connect; the upload itself is not affected\n"));
  UploadRun hanging = Upload(c, dir, "hook3/", R"({"logstow_processing": 1, "rules": []})",
                             {"--on-uploaded", "sleep 600", "--on-uploaded-timeout", "1s"});
  EXPECT_EQ(hanging.result.exit_code, 0) << hanging.result.err;
  EXPECT_THAT(hanging.result.err,
              HasSubstr("logstow: warning: --on-uploaded command ran longer than 1 s and was "
                        "killed; the upload itself is not affected\n"));
}

TEST(ProcessingUpload, ABadProcessingFileStopsTheRunBeforeAnythingIsSent) {
  testing::SwiftContainer c("proc-bad");
  testing::TempDir dir;
  dir.Write("a.txt", "a\n");
  UploadRun run = Upload(c, dir, "bad/", R"({"logstow_processing": 1, "rules": [
      {"glob": "*", "stages": [{"stage": "zip"}]}]})");
  EXPECT_EQ(run.result.exit_code, 2);
  EXPECT_THAT(run.result.err, HasSubstr("': rule 1, stage 1: unknown stage 'zip' (expected gzip, "
                                        "redact, skip, rename or command) (docs/processing.md)\n"));
  EXPECT_EQ(c.GetObject("bad/a.txt").status, 404);
}

}  // namespace
}  // namespace logstow
