// The failures users of other Swift/S3 uploaders and token schemes run into, against the real
// local Swift (issue 13): directory symlinks, names with control characters, oversized files,
// a 401 explained with Swift's clock, a job that printed its own token, and the summary line.
// The fault proxy (tests/tools/fault_proxy.py) makes /info fail, answers 413 and 401, and
// sets the Date of its answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "common/time_format.h"
#include "tests/swift/upload_checks.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/http_client.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tokens/token_codec.h"
#include "uploader/token_redactor.h"
#include "uploader/token_refresh.h"
#include "uploader/upload.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ElementsAre;
using testing::FaultProxy;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Origin;
using testing::ThroughProxy;

testing::ProcessResult RunUpload(const fs::path& folder, const std::string& token_text,
                                 std::vector<std::string> flags = {}) {
  std::vector<std::string> argv = {LOGSTOW_BINARY, "upload", folder.string(), "--progress", "none"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return testing::RunProcess({.argv = argv, .env = {"LOGSTOW_TOKEN=" + token_text}});
}

const ObjectResult* Find(const UploadReport& report, const std::string& name) {
  for (const ObjectResult& o : report.objects) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

// Item 1: zuul-jobs does not follow folder links; neither do we. A file link inside the root
// uploads its target's bytes, typed by the target's name.
TEST(UploadEdges, FolderLinksAreSkippedAndCountedFileLinksCarryTheirTargetsType) {
  testing::SwiftContainer c("edge-links");
  testing::TempDir dir, work;
  dir.Write("real/a.txt", "a\n");
  dir.Write("report.html", "<p>hi</p>\n");
  fs::create_directory_symlink("real", dir.path() / "again");
  fs::create_directory_symlink("../again", dir.path() / "real/up");
  fs::create_symlink("report.html", dir.path() / "latest");
  fs::create_symlink("/etc/passwd", dir.path() / "passwd");
  const fs::path report_file = work.path() / "report.json";
  testing::ProcessResult r = RunUpload(dir.path(), tokens::EncodeToken(c.Token("links/")),
                                       {"--json", report_file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, AllOf(HasSubstr("logstow: warning: skipped again: symlink to a folder, not "
                                     "followed (-> real)\n"),
                           HasSubstr("logstow: warning: skipped real/up: symlink to a folder, not "
                                     "followed (-> ../again)\n"),
                           HasSubstr("logstow: warning: skipped passwd: symlink leaves the folder "
                                     "(-> /etc/passwd)\n")));
  auto report = nlohmann::json::parse(testing::ReadFile(report_file));
  EXPECT_EQ(report["files"]["landed"], 3);
  EXPECT_EQ(report["files"]["skipped"], 3) << "every skipped entry counts";
  std::map<std::string, std::string> skipped;
  for (const auto& o : report["objects"]) {
    if (o["status"] == "skipped") skipped[o["name"]] = o["error"];
  }
  EXPECT_EQ(skipped["again"], "symlink to a folder, not followed (-> real)");
  EXPECT_EQ(skipped.size(), 3u);
  EXPECT_THAT(c.List("links/"), ElementsAre("links/index.html", "links/latest", "links/real/a.txt",
                                            "links/real/index.html", "links/report.html",
                                            "links/zuul-manifest.json"));
  testing::HttpResponse latest;
  EXPECT_EQ(c.ReadObjectDecoded("links/latest", &latest), "<p>hi</p>\n");
  EXPECT_EQ(latest.header("content-type"), "text/html; charset=utf-8");
}

// Item 2: Swift stores any valid UTF-8 name without NUL up to max_object_name_length bytes.
TEST(UploadEdges, NamesWithControlCharactersRoundTripAndOnlyWhatSwiftRefusesIsRefused) {
  testing::SwiftContainer c("edge-names");
  testing::TempDir dir;
  const std::vector<std::string> names = {"tab\there.txt",      "del\x7f.txt",   "bell\x01\x07.txt",
                                          "esc\x1b[31mred.txt", "new\nline.txt", "cr\r.txt",
                                          "ünï\tcode.log"};
  for (const std::string& n : names) dir.Write(n, "body of " + n);
  dir.Write("bad\xff\xfe.txt", "not utf-8");
  const std::string prefix = "names/";
  // 1019 bytes in folders of 200 (file systems cap a segment at 255): 1025 with the prefix.
  std::string long_name;
  for (int i = 0; i < 5; ++i) long_name += std::string(200, 'x') + "/";
  long_name += std::string(1019 - long_name.size(), 'y');
  dir.Write(long_name, "long");
  UploadReport report = Upload({.folder = dir.path(), .token = c.Token(prefix)});

  for (const std::string& n : names) {
    SCOPED_TRACE(n);
    const ObjectResult* o = Find(report, n);
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->status, ObjectStatus::kLanded) << o->error;
    EXPECT_EQ(c.ReadObjectDecoded(prefix + n), "body of " + n);
  }
  auto listed = c.List(prefix);
  for (const std::string& n : names) {
    EXPECT_NE(std::find(listed.begin(), listed.end(), prefix + n), listed.end()) << n;
  }
  const ObjectResult* bad = Find(report, "bad\xff\xfe.txt");
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(bad->status, ObjectStatus::kFailed);
  EXPECT_EQ(bad->error, "its name is not valid UTF-8, which Swift refuses; rename the file");
  const ObjectResult* too_long = Find(report, long_name);
  ASSERT_NE(too_long, nullptr);
  EXPECT_EQ(too_long->status, ObjectStatus::kFailed);
  EXPECT_EQ(too_long->error,
            "its object name is 1025 bytes, over Swift's max_object_name_length of 1024 (token "
            "prefix included); shorten the path");
  EXPECT_EQ(report.count(ObjectStatus::kFailed), 2);
}

// Item 3: one file over the limit no longer stops the job.
TEST(UploadEdges, OversizedFilesFailByNameAndEverythingElseLands) {
  testing::SwiftContainer c("edge-big");
  testing::TempDir dir;
  const tokens::Token token = TreeWithAFileOverTheLimit(c, dir, "big/", "logs/big.log");
  testing::ProcessResult r = RunUpload(dir.path(), tokens::EncodeToken(token));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logstow: failed: logs/big.log: too large: 5000 bytes, over the "
                               "token's max_file_size of 1000 bytes; not sent (split or compress "
                               "it, or leave it out)\n"));
  EXPECT_THAT(c.List("big/"),
              ElementsAre("big/index.html", "big/small.txt", "big/zuul-manifest.json"));
}

TEST(UploadEdges, WithoutInfoA413FailsTheFileAtOnceAndTheRestLands) {
  testing::SwiftContainer c("edge-413");
  testing::TempDir dir, work;
  dir.Write("small.txt", "x\n");
  dir.Write("huge.bin", std::string(3000, '\0'));
  FaultProxy proxy(
      Origin(c.env().storage_url),
      {"--fail-503", "1", "--match", "^/info$", "--only-method", "GET", "--fail-413", "0"},
      work.path() / "info.log");
  // Two rules need two proxies: /info fails at the first, huge.bin gets 413 at the second.
  FaultProxy big(proxy.url(), {"--fail-413", "1", "--match", "/huge\\.bin$"},
                 work.path() / "413.log");
  UploadOptions options{.folder = dir.path(), .token = ThroughProxy(c.Token("t413/"), big.url())};
  // /info is retried within the retry budget (5 minutes by default): a short one here.
  options.retry = {.base_delay = std::chrono::milliseconds(50),
                   .max_total = std::chrono::milliseconds(500)};
  UploadReport report = Upload(options);
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(report.warnings,
              ::testing::Contains(
                  "could not read Swift's /info (HTTP 503): sizes are not checked before sending; "
                  "a file Swift refuses as too large (HTTP 413) fails without retries"));
  const ObjectResult* huge = Find(report, "huge.bin");
  ASSERT_NE(huge, nullptr);
  EXPECT_EQ(huge->status, ObjectStatus::kFailed);
  EXPECT_EQ(huge->attempts, 1) << "no retries for a 413";
  EXPECT_EQ(huge->error,
            "HTTP 413: Swift refused it as too large (3000 bytes; over its "
            "max_file_size)");
  EXPECT_EQ(Find(report, "small.txt")->status, ObjectStatus::kLanded);
}

// Item 5: Swift checks `expires` against its own clock, which its Date header shows.
TEST(UploadEdges, A401IsExplainedWithSwiftsDate) {
  testing::SwiftContainer c("edge-401");
  testing::TempDir dir, work;
  dir.Write("a.txt", "a\n");
  tokens::Token token = c.Token("t401/", 3600);
  const std::string expiry = FormatUnixTimeUtc(token.scope.expires_unix_s);
  {
    // Swift's clock two hours ahead of ours: by its clock the token is spent.
    FaultProxy proxy(Origin(c.env().storage_url), {"--expire-after", "0", "--date-offset", "7200"},
                     work.path() / "a.log");
    UploadReport report = Upload({.folder = dir.path(), .token = ThroughProxy(token, proxy.url())});
    EXPECT_THAT(report.aborted,
                ::testing::MatchesRegex("the token expired at " + expiry +
                                        " by Swift's clock \\(Swift's Date: [-0-9T:Z]+\\); this "
                                        "machine's clock is 7(199|200|201) s behind Swift's: ask "
                                        "the scheduler for a new token and upload again"));
  }
  {
    FaultProxy proxy(Origin(c.env().storage_url), {"--expire-after", "0"}, work.path() / "b.log");
    UploadReport report = Upload({.folder = dir.path(), .token = ThroughProxy(token, proxy.url())});
    EXPECT_THAT(report.aborted,
                ::testing::MatchesRegex(
                    "Swift refused the token \\(HTTP 401\\) although it runs until " + expiry +
                    " by Swift's clock \\(Swift's Date: [-0-9T:Z]+\\): signature not accepted: "
                    "wrong or rotated key \\(or Swift lacks the tempurl middleware\\); `logstow "
                    "token verify` with the current key tells which"));
  }
  // The real Swift, a token signed with another key: its own 401 and Date.
  tokens::Token foreign = c.Token("t401/");
  foreign.tempurl_signatures.begin()->second.assign(64, 'a');
  UploadReport report = Upload({.folder = dir.path(), .token = foreign});
  EXPECT_THAT(report.aborted, HasSubstr("signature not accepted: wrong or rotated key"));
}

// Regression: a token refused part-way through a job's upload printed its ~330-character
// explanation once per file never sent (257 lines for 300 files). It is printed once, as the
// run's error; the files not sent are counted on one line.
TEST(UploadEdges, A401MidUploadIsExplainedOnceNotPerUnsentFile) {
  testing::SwiftContainer c("edge-401-once");
  testing::TempDir dir, work;
  for (int i = 10; i < 40; ++i) dir.Write("f" + std::to_string(i) + ".txt", "line\n");
  const tokens::Token token = c.Token("once/", 3600);
  FaultProxy proxy(Origin(c.env().storage_url), {"--expire-after", "3", "--only-method", "PUT"},
                   work.path() / "proxy.log");
  testing::ProcessResult r =
      RunUpload(dir.path(), tokens::EncodeToken(ThroughProxy(token, proxy.url())),
                {"--parallel", "1", "--no-index", "--no-manifest"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  size_t explained = 0;
  for (size_t at = r.err.find("signature not accepted"); at != std::string::npos;
       at = r.err.find("signature not accepted", at + 1)) {
    ++explained;
  }
  EXPECT_EQ(explained, 1u) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logstow: failed: f13.txt: HTTP 401: Swift refused the token\n"
                               "logstow: not sent, as the run stopped (the error below says "
                               "why): 26 files: f14.txt, f15.txt, f16.txt, f17.txt, f18.txt and "
                               "21 more (a --json report lists each)\n"));
  EXPECT_THAT(r.err, HasSubstr("logstow: error: upload stopped: Swift refused the token (HTTP "
                               "401) although it runs until "));
  // Each line of the job's log stays short.
  for (size_t start = 0, end; start < r.err.size(); start = end + 1) {
    end = r.err.find('\n', start);
    if (end == std::string::npos) end = r.err.size();
    if (r.err.compare(start, 23, "logstow: error: upload ") == 0) continue;
    EXPECT_LE(end - start, 200u) << r.err.substr(start, end - start);
  }
}

// Item 6: a job that ran `set -x` printed its token; the logs must not publish it.
TEST(UploadEdges, TheTokenPrintedByTheJobIsReplacedAndTheReportSaysWhere) {
  testing::SwiftContainer c("edge-redact");
  testing::TempDir dir, work;
  tokens::Token token = c.Token("redact/");
  const std::string text = tokens::EncodeToken(token);
  const std::string sig = token.tempurl_signatures.begin()->second;
  std::string big_log;
  for (int i = 0; i < 20000; ++i)
    big_log += "2013-09-10 12:34:56.789 INFO line " + std::to_string(i) + "\n";
  big_log += "+ LOGSTOW_TOKEN=" + text + "\n";  // far past the first read block
  dir.Write("job-output.txt", big_log);
  dir.Write("logs/env.txt", "PATH=/bin\nSIG=" + sig + "\n");
  dir.Write("logs/clean.txt", "nothing here\n");
  // Gzipped text is inflated and scanned: sent again gzipped when the token is in it, else as
  // it is, byte for byte.
  const std::string old_log = "old run\n+ LOGSTOW_TOKEN=" + text + "\n";
  dir.Write("logs/old.txt.gz", testing::Gzip(old_log));
  const std::string clean_gz = testing::Gzip("nothing here either\n");
  dir.Write("logs/clean.log.gz", clean_gz);
  const fs::path report_file = work.path() / "report.json";
  testing::ProcessResult r =
      RunUpload(dir.path(), "  " + text + "\n", {"--json", report_file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logstow: warning: replaced the upload token in job-output.txt (1 "
                               "time): the job printed it; it is not published\n"));
  EXPECT_THAT(r.err, Not(HasSubstr(sig)));
  std::string stored = c.ReadObjectDecoded("redact/job-output.txt");
  EXPECT_THAT(stored, Not(HasSubstr(text.substr(5))));
  const std::string redacted_token = "lst1." + RedactedText(text.size() - 5);
  EXPECT_THAT(stored, HasSubstr("+ LOGSTOW_TOKEN=" + redacted_token + "\n"));
  // The replacement is as long as the token: the size given before reading is the published one.
  testing::HttpResponse head;
  c.ReadObjectDecoded("redact/job-output.txt", &head);
  EXPECT_EQ(stored.size(), big_log.size());
  EXPECT_EQ(head.header("x-object-meta-logstow-size"), std::to_string(stored.size()));
  EXPECT_EQ(c.ReadObjectDecoded("redact/logs/env.txt"),
            "PATH=/bin\nSIG=" + RedactedText(sig.size()) + "\n");
  EXPECT_EQ(c.ReadObjectDecoded("redact/logs/clean.txt"), "nothing here\n");
  testing::HttpResponse old_gz = c.GetObject("redact/logs/old.txt.gz");
  std::string old_plain;
  ASSERT_TRUE(testing::Gunzip(old_gz.body, &old_plain));
  EXPECT_EQ(old_plain, "old run\n+ LOGSTOW_TOKEN=" + redacted_token + "\n");
  EXPECT_EQ(old_gz.header("x-object-meta-logstow-size"), std::to_string(old_gz.body.size()));
  EXPECT_EQ(c.GetObject("redact/logs/clean.log.gz").body, clean_gz);
  auto report = nlohmann::json::parse(testing::ReadFile(report_file));
  EXPECT_EQ(report["redacted"],
            nlohmann::json({"job-output.txt", "logs/env.txt", "logs/old.txt.gz"}));
  std::map<std::string, nlohmann::json> by_name;
  for (const nlohmann::json& o : report["objects"]) by_name[o["name"]] = o;
  EXPECT_EQ(by_name["logs/old.txt.gz"]["size"], old_gz.body.size());
  const std::string manifest = c.ReadObjectDecoded("redact/zuul-manifest.json");
  EXPECT_THAT(manifest, HasSubstr("\"size\":" + std::to_string(old_gz.body.size())));
  EXPECT_THAT(report.dump(), Not(HasSubstr(sig)));
}

// Item 7: the summary says what was stored and what went over the wire.
TEST(UploadEdges, TheSummaryCountsFilesBytesSentRetriesFailuresAndSkips) {
  testing::SwiftContainer c("edge-summary");
  testing::TempDir dir;
  dir.Write("a.txt", "abc\n");
  dir.Write("b.txt", "de\n");
  dir.Write("c.bin", std::string("\0\x01", 2));
  fs::create_directory_symlink(".", dir.path() / "self");
  testing::ProcessResult r = RunUpload(dir.path(), tokens::EncodeToken(c.Token("sum/")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  const std::string last = r.err.substr(r.err.rfind("logstow: ", r.err.size() - 2));
  ASSERT_TRUE(std::regex_match(last, m,
                               std::regex("logstow: 9 B in 3 files, ([0-9.]+ (B|KiB)) "
                                          "sent in [0-9]+\\.[0-9] s; 0 retries, 0 "
                                          "failed, 1 skipped\n")))
      << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("smaller")));
}

TEST(UploadEdges, BytesOfFailedAttemptsCountAsSent) {
  testing::SwiftContainer c("edge-sent");
  testing::TempDir dir, work;
  dir.Write("a.log", std::string(10000, 'a'));
  FaultProxy proxy(Origin(c.env().storage_url),
                   {"--fail-503", "1", "--match", "/a\\.log$", "--only-method", "PUT"},
                   work.path() / "p.log");
  UploadOptions options{.folder = dir.path(),
                        .token = ThroughProxy(c.Token("sent/"), proxy.url()),
                        .gzip_level = 0,
                        .write_indexes = false,
                        .write_manifest = false};
  options.retry = {.max_attempts = 3, .base_delay = std::chrono::milliseconds(10)};
  UploadReport report = Upload(options);
  EXPECT_EQ(report.count(ObjectStatus::kFailed), 1);
  EXPECT_EQ(report.sent_bytes, 3u * 10000u) << "three attempts of 10000 bytes each";
}

// Item 4: a file is retried for its time budget, with growing waits, not for 5 attempts.
TEST(UploadEdges, RetriesLastTheTimeBudgetThenNameTheAttempts) {
  testing::SwiftContainer c("edge-budget");
  testing::TempDir dir, work;
  dir.Write("busy.log", "busy\n");
  dir.Write("fine.log", "fine\n");
  FaultProxy proxy(Origin(c.env().storage_url),
                   {"--fail-503", "1", "--match", "/busy\\.log$", "--only-method", "PUT"},
                   work.path() / "p.log");
  UploadOptions options{.folder = dir.path(),
                        .token = ThroughProxy(c.Token("budget/"), proxy.url())};
  options.retry.base_delay = std::chrono::milliseconds(100);
  options.retry.max_total = std::chrono::seconds(3);
  const auto start = std::chrono::steady_clock::now();
  UploadReport report = Upload(options);
  const auto took = std::chrono::steady_clock::now() - start;
  const ObjectResult* busy = Find(report, "busy.log");
  ASSERT_NE(busy, nullptr);
  EXPECT_EQ(busy->status, ObjectStatus::kFailed);
  EXPECT_GT(busy->attempts, 5) << "more than the old fixed 5 attempts";
  EXPECT_THAT(busy->error, ::testing::MatchesRegex(
                               "HTTP 503: <html><h1>Service Unavailable</h1>.* \\(after [0-9]+ "
                               "attempts\\)"));
  EXPECT_GE(took, std::chrono::milliseconds(2900)) << "it used its budget";
  EXPECT_EQ(Find(report, "fine.log")->status, ObjectStatus::kLanded);
}

// Item 4: a token that runs out mid-upload is replaced by the token command's, same prefix.
TEST(UploadEdges, AnExpiredTokenIsReplacedFromTheTokenCommandAndTheUploadCompletes) {
  testing::SwiftContainer c("edge-refresh");
  testing::TempDir dir, work;
  for (int i = 0; i < 30; ++i) dir.Write("f" + std::to_string(i) + ".log", "line\n");
  // Each PUT held 0.3 s, two at a time: the 3-second token runs out part-way.
  FaultProxy proxy(Origin(c.env().storage_url),
                   {"--delay", "1.0", "--delay-seconds", "0.3", "--only-method", "PUT"},
                   work.path() / "p.log");
  // The new token, printed by the job (its token command's output in a log sent last).
  const std::string next =
      tokens::EncodeToken(ThroughProxy(c.Token("refresh/", 3600), proxy.url()));
  dir.Write("z-last.log", "+ get-token\n" + next + "\n");
  int calls = 0;
  UploadOptions options{.folder = dir.path(),
                        .token = ThroughProxy(c.Token("refresh/", 3), proxy.url()),
                        .parallel = 2};
  options.refresh_token = [&] {
    ++calls;
    return next;
  };
  UploadReport report = Upload(options);
  EXPECT_TRUE(report.ok()) << report.ToJson();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(report.token_refreshes, 1);
  EXPECT_EQ(c.List("refresh/").size(), 31u + 2u);
  EXPECT_EQ(c.ReadObjectDecoded("refresh/z-last.log"),
            "+ get-token\nlst1." + RedactedText(next.size() - 5) + "\n")
      << "a token from the token command is redacted in what is sent after it came";
}

TEST(UploadEdges, ATokenCommandThatHandsBackAnotherPrefixIsRefused) {
  testing::SwiftContainer c("edge-refresh-other");
  testing::TempDir dir, work;
  dir.Write("a.log", "a\n");
  tokens::Token expired = c.Token("mine/", 3600);
  expired.scope.expires_unix_s = NowUnixSeconds() - 10;  // Swift says 401 (signature too)
  const fs::path script = work.path() / "new-token";
  {
    std::ofstream out(script);
    out << "#!/bin/sh\necho " << tokens::EncodeToken(c.Token("other/", 3600)) << "\n";
  }
  fs::permissions(script, fs::perms::owner_all);
  testing::ProcessResult r = RunUpload(dir.path(), tokens::EncodeToken(c.Token("mine/", 3600)),
                                       {"--token-command", script.string() + " --for  mine/"});
  EXPECT_EQ(r.exit_code, 0) << "a valid token needs no command: " << r.err;
  UploadOptions options{.folder = dir.path(), .token = expired};
  options.refresh_token = [&] { return uploader::RunTokenCommand(script.string()); };
  UploadReport report = Upload(options);
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(report.aborted,
              HasSubstr("; no new token: the new token is for another prefix ('other/', not "
                        "'mine/'): refused; the command must print a token for this build's "
                        "prefix"));
}

// Zuul's stream callback still appends to job-output.txt while the post-run playbook uploads
// it: the file is stored as large as the folder listing saw it, not refused. The fault proxy
// holds the PUT (nothing more is read from the client) while the test appends; the file is
// larger than every buffer on the way (stream, socket buffers), so the encoder has not reached
// its end when the lines are added.
TEST(UploadEdges, AFileThatGrowsDuringItsUploadIsStoredAsLargeAsItWasListed) {
  testing::SwiftContainer c("edge-grow");
  testing::TempDir dir, work;
  std::string text;
  for (size_t i = 0; text.size() < 48u * 1024 * 1024; ++i) {
    text += "2026-12-06 22:00:00.000 | TASK [run] line " + std::to_string(i) + "\n";
  }
  const fs::path file = dir.Write("job-output.txt", text);
  FaultProxy proxy(Origin(c.env().storage_url), {"--only-method", "PUT", "--match", "/job-output"},
                   work.path() / "proxy.log");
  auto control = [&](const std::string& method, const std::string& path, std::string body = "") {
    return testing::Send({.method = method,
                          .url = proxy.url() + path,
                          .headers = {"Content-Type: application/json"},
                          .body = std::move(body)});
  };
  ASSERT_EQ(control("POST", "/__fault__/config", R"({"hold": true})").status, 200);
  UploadReport report;
  std::thread upload([&] {
    report = Upload({.folder = dir.path(),
                     .token = ThroughProxy(c.Token("grow/"), proxy.url()),
                     .gzip_level = 0,
                     .write_indexes = false,
                     .write_manifest = false});
  });
  // The event: the PUT is at the proxy, held.
  bool held = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!held && std::chrono::steady_clock::now() < deadline) {
    testing::HttpResponse stats = control("GET", "/__fault__/stats");
    held = stats.status == 200 && nlohmann::json::parse(stats.body).value("held", 0) >= 1;
    if (!held) std::this_thread::yield();
  }
  EXPECT_TRUE(held) << "the PUT never reached the proxy";
  {
    std::ofstream more(file, std::ios::app);
    more << "2026-12-06 22:05:00.000 | written during the upload\n";
  }
  ASSERT_EQ(control("POST", "/__fault__/config", R"({"hold": false})").status, 200);
  upload.join();

  ASSERT_TRUE(report.ok()) << report.ToJson();
  const ObjectResult* job_output = Find(report, "job-output.txt");
  ASSERT_NE(job_output, nullptr);
  EXPECT_EQ(job_output->status, ObjectStatus::kLanded);
  EXPECT_TRUE(job_output->grew);
  EXPECT_EQ(job_output->size_bytes, text.size());
  EXPECT_EQ(job_output->stored_bytes, text.size());
  EXPECT_THAT(report.ToJson(), HasSubstr("\"grew\": true"));
  EXPECT_THAT(report.warnings,
              ::testing::Contains("job-output.txt grew while it was uploaded: stored its first " +
                                  std::to_string(text.size()) +
                                  " bytes, as large as it was when the folder was read"));
  testing::HttpResponse got = c.GetObject("grow/job-output.txt");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.header("content-length"), std::to_string(text.size()));
  EXPECT_EQ(got.header("x-object-meta-logstow-size"), std::to_string(text.size()));
  EXPECT_TRUE(got.body == text) << "the first " << text.size() << " bytes, nothing appended";
}

}  // namespace
}  // namespace logstow::uploader
