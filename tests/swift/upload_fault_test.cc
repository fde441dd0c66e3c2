// The uploader under faults, against the real local Swift: a fault-injecting proxy in front of it
// (tests/tools/fault_proxy.py: 503s, slow answers past the timeout, TCP resets), a token that
// expires mid-upload, and a Swift restarted mid-upload. Whatever happens, the upload either
// lands every object (each verified) or names exactly the ones that did not land, and no index
// page or manifest lists an object that is not there.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "common/time_format.h"
#include "tests/swift/upload_checks.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "uploader/upload.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using testing::FaultProxy;
using testing::Origin;
using testing::ThroughProxy;

std::vector<nlohmann::json> ReadLog(const fs::path& log, size_t at_least) {
  return testing::ReadProxyLog(log, at_least);
}

TEST(UploadFaults, OneRequestPerFileWhenNothingFails) {
  testing::SwiftContainer c("fault-none");
  testing::TempDir dir, work;
  auto files = MakeTree(dir, 40, 2);
  FaultProxy proxy(Origin(c.env().storage_url), {}, work.path() / "proxy.log");
  UploadReport report =
      Upload({.folder = dir.path(), .token = ThroughProxy(c.Token("none/"), proxy.url())});
  ASSERT_TRUE(report.ok()) << report.ToJson();
  std::multiset<std::string> puts, others;
  for (const auto& line : ReadLog(work.path() / "proxy.log", report.requests + 1)) {
    (line["method"] == "PUT" ? puts : others).insert(line["path"].get<std::string>());
  }
  size_t folders = 1 + 4 + 1;  // root, logs/node0..3, logs
  EXPECT_EQ(puts.size(), files.size() + folders + 1)
      << "files, index pages, manifest: one PUT each; got " << ::testing::PrintToString(puts);
  EXPECT_EQ(std::set<std::string>(puts.begin(), puts.end()).size(), puts.size());
  EXPECT_THAT(others, ::testing::ElementsAre("/info")) << "one GET of /info, nothing else";
  ExpectConsistent(report, files, c, "none/");
}

TEST(UploadFaults, Survives503sResetsAndStallsWithEveryObjectVerified) {
  testing::SwiftContainer c("fault-mix");
  testing::TempDir dir, work;
  auto files = MakeTree(dir, 80, 3);
  FaultProxy proxy(Origin(c.env().storage_url),
                   {"--fail-503", "0.15", "--store-503", "0.05", "--reset", "0.1", "--delay",
                    "0.04", "--delay-seconds", "6", "--only-method", "PUT", "--seed", "5"},
                   work.path() / "proxy.log");
  UploadOptions options{.folder = dir.path(), .token = ThroughProxy(c.Token("mix/"), proxy.url())};
  options.stall_timeout = std::chrono::seconds(2);
  options.retry = {.max_attempts = 8,
                   .base_delay = std::chrono::milliseconds(100),
                   .max_delay = std::chrono::milliseconds(1000)};
  UploadReport report = Upload(options);

  EXPECT_TRUE(report.ok()) << report.ToJson();
  EXPECT_GT(report.retries, 10) << "the proxy injected faults, so there were retries";
  std::map<std::string, int> faults;
  // Every PUT the uploader sent, plus its GET of /info, is logged once the proxy is done with it.
  for (const auto& line : ReadLog(work.path() / "proxy.log", report.requests + 1)) {
    // Labels: "503", "store-503", "delay", "reset:<point>".
    if (line["fault"].is_string()) {
      std::string label = line["fault"].get<std::string>();
      ++faults[label.substr(0, label.find(':'))];
    }
  }
  EXPECT_GT(faults["503"], 0);
  EXPECT_GT(faults["reset"], 0);
  EXPECT_GT(faults["delay"], 0);
  ExpectConsistent(report, files, c, "mix/");
  EXPECT_EQ(c.List("mix/").size(), files.size() + 6 + 1);
}

TEST(UploadFaults, PersistentFailuresAreNamedAndLeftOutOfIndexes) {
  testing::SwiftContainer c("fault-hard");
  testing::TempDir dir, work;
  auto files = MakeTree(dir, 30, 0);
  // Every PUT of node1's logs fails with 503, every time.
  FaultProxy proxy(Origin(c.env().storage_url),
                   {"--fail-503", "1.0", "--match", "/logs/node1/", "--only-method", "PUT"},
                   work.path() / "proxy.log");
  UploadOptions options{.folder = dir.path(), .token = ThroughProxy(c.Token("hard/"), proxy.url())};
  options.retry = {.max_attempts = 3, .base_delay = std::chrono::milliseconds(50)};
  UploadReport report = Upload(options);

  EXPECT_FALSE(report.ok());
  int failed = 0;
  for (const ObjectResult& o : report.objects) {
    bool node1 = o.name.starts_with("logs/node1/") && !o.generated;
    EXPECT_EQ(o.status == ObjectStatus::kFailed, node1) << o.name;
    if (node1) {
      ++failed;
      EXPECT_EQ(o.attempts, 3);
      EXPECT_EQ(o.http_status, 503);
      EXPECT_THAT(o.error, HasSubstr("HTTP 503"));
    }
  }
  EXPECT_EQ(failed, 8);
  ExpectConsistent(report, files, c, "hard/");
}

TEST(UploadFaults, ATokenExpiringMidUploadStopsWithAClearError) {
  testing::SwiftContainer c("fault-expiry");
  testing::TempDir dir, work;
  auto files = MakeTree(dir, 60, 0);
  // Each PUT is held 0.4 s, two at a time: the 4-second token runs out part-way.
  FaultProxy proxy(Origin(c.env().storage_url),
                   {"--delay", "1.0", "--delay-seconds", "0.4", "--only-method", "PUT"},
                   work.path() / "proxy.log");
  tokens::Token token = ThroughProxy(c.Token("expiry/", 4), proxy.url());
  UploadReport report = Upload({.folder = dir.path(), .token = token, .parallel = 2});

  EXPECT_FALSE(report.ok());
  EXPECT_THAT(report.aborted,
              HasSubstr("the token expired at " + FormatUnixTimeUtc(token.scope.expires_unix_s)));
  int landed = report.count(ObjectStatus::kLanded);
  EXPECT_GT(landed, 0);
  EXPECT_LT(landed, static_cast<int>(files.size()));
  ExpectConsistent(report, files, c, "expiry/");
  for (const std::string& object : c.List("expiry/")) {
    EXPECT_FALSE(object.ends_with("index.html") || object.ends_with("zuul-manifest.json"))
        << "an aborted upload writes no index or manifest: " << object;
  }
}

// A Swift of its own (restarting the shared fixture would disturb the other tests). Swift goes
// down once a quarter of the files have landed (the upload waits while it stops, so the rest
// certainly meets a Swift that is down) and comes back while the uploader retries: every object
// lands, after retries.
TEST(UploadFaults, SwiftRestartedMidUploadLandsEveryObjectAfterRetries) {
  testing::TempDir state, dir;
  const std::string ports = std::to_string(LOGSTOW_RESTART_SWIFT_PORT_BASE);
  const std::vector<std::string> env = {
      "LOGSTOW_SWIFT_DIR=" + state.path().string() + "/swift",
      "LOGSTOW_SWIFT_PROXY_PORT=" + std::to_string(LOGSTOW_RESTART_SWIFT_PORT_BASE + 1880),
      "LOGSTOW_SWIFT_PORT_BASE=" + ports,
      "LOGSTOW_SWIFT_MEMCACHED_PORT=" + std::to_string(LOGSTOW_RESTART_SWIFT_PORT_BASE - 4888),
      "LOGSTOW_SWIFT_EXPIRER=0"};
  auto swift = [&](const char* command) {
    return testing::RunProcess(
        {.argv = {LOGSTOW_SOURCE_DIR "/scripts/swift-dev", command}, .env = env});
  };
  ASSERT_EQ(swift("start").exit_code, 0);
  std::thread starter;
  struct StopAtEnd {
    std::function<void()> stop;
    ~StopAtEnd() { stop(); }
  } stop_at_end{[&] {
    if (starter.joinable()) starter.join();
    swift("stop");
  }};

  // Point the test helpers at this Swift for the container and token.
  setenv("LOGSTOW_SWIFT_DIR", (state.path() / "swift").c_str(), 1);
  testing::SwiftContainer c("restart");
  auto files = MakeTree(dir, 400, 2);
  UploadOptions options{.folder = dir.path(), .token = c.Token("restart/"), .parallel = 4};
  // Retried for as long as a restart on a loaded machine may take, never for a fixed count.
  options.retry = {.base_delay = std::chrono::milliseconds(200),
                   .max_delay = std::chrono::milliseconds(2000),
                   .max_total = std::chrono::minutes(3)};
  int stop_status = -1, start_status = -1;
  options.on_progress = [&](const UploadProgress& progress) {
    if (stop_status != -1 || progress.files_done < files.size() / 4) return;
    stop_status = swift("stop").exit_code;
    starter = std::thread([&] { start_status = swift("start").exit_code; });
  };
  UploadReport report = Upload(options);
  if (starter.joinable()) starter.join();

  ASSERT_EQ(stop_status, 0) << "Swift was never stopped: the upload ended first";
  EXPECT_EQ(start_status, 0);
  EXPECT_TRUE(report.ok()) << report.ToJson();
  EXPECT_GT(report.retries, 0) << "the files after the stop met a Swift that was down";
  ExpectConsistent(report, files, c, "restart/");
  EXPECT_EQ(c.List("restart/").size(), files.size() + 6 + 1) << "files, 6 index pages, manifest";
}

}  // namespace
}  // namespace logstow::uploader
