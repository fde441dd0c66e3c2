// swift-setup and publish-viewer against the real local Swift, with the operator's account.
#include "setup/swift_setup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "setup/publish_viewer.h"
#include "tests/testing/http_client.h"
#include "tests/testing/swift_env.h"
#include "tests/testing/temp_dir.h"

namespace logstow::setup {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class SwiftSetupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = testing::LoadSwiftEnv();
    auto unique = std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    options_.logs_container = "setup-logs-" + unique;
    options_.viewer_container = "setup-viewer-" + unique;
    // The account key is shared by every test: set only the container's.
    options_.key_on_container = true;
  }

  SwiftSession Session() {
    return SwiftSession({.auth_url = env_.auth_url, .user = env_.user, .key = env_.key});
  }

  testing::SwiftEnv env_;
  SetupOptions options_;
};

TEST_F(SwiftSetupTest, CreatesBothContainersThenChangesNothingOnASecondRun) {
  SwiftSession session = Session();
  options_.tempurl_key = "first-key";
  options_.cors_origins = {"https://viewer.example"};
  SetupResult first = SetupSwift(session, options_);
  EXPECT_EQ(first.changes.size(), 8u) << ::testing::PrintToString(first.changes);
  EXPECT_THAT(SetupSwift(session, options_).changes, IsEmpty());

  SwiftResponse logs = session.Request("HEAD", "/" + options_.logs_container);
  EXPECT_EQ(logs.header("x-container-read"), ".r:*,.rlistings");
  EXPECT_EQ(logs.header("x-container-meta-temp-url-key"), "first-key");
  EXPECT_EQ(logs.header("x-container-meta-access-control-allow-origin"), "https://viewer.example");
  // Anonymous JSON listing works on the logs container (no staticweb there).
  testing::HttpResponse listing = testing::Send({.url = first.logs_url + "?format=json"});
  EXPECT_EQ(listing.status, 200);
  EXPECT_EQ(listing.header("content-type"), "application/json; charset=utf-8");
}

TEST_F(SwiftSetupTest, RemovesStaticwebFromTheLogsContainer) {
  SwiftSession session = Session();
  session.Request(
      "PUT", "/" + options_.logs_container,
      {"X-Container-Meta-Web-Index: index.html", "X-Container-Meta-Web-Listings: true"});
  SetupResult result = SetupSwift(session, options_);
  EXPECT_THAT(result.changes, ::testing::Contains("removed X-Container-Meta-Web-Index from " +
                                                  options_.logs_container));
  EXPECT_EQ(
      session.Request("HEAD", "/" + options_.logs_container).header("x-container-meta-web-index"),
      "");
}

TEST_F(SwiftSetupTest, RotationKeepsTheOldKeyAsKey2) {
  SwiftSession session = Session();
  options_.tempurl_key = "old";
  SetupSwift(session, options_);
  options_.tempurl_key = "new";
  options_.rotate = true;
  SetupSwift(session, options_);
  SwiftResponse head = session.Request("HEAD", "/" + options_.logs_container);
  EXPECT_EQ(head.header("x-container-meta-temp-url-key"), "new");
  EXPECT_EQ(head.header("x-container-meta-temp-url-key-2"), "old");
}

TEST_F(SwiftSetupTest, PublishedViewerIsServedByStaticwebWithItsConfig) {
  SwiftSession session = Session();
  SetupResult setup = SetupSwift(session, options_);
  testing::TempDir web;
  web.Write("index.html", "<!doctype html><title>viewer</title>");
  web.Write("logstow_viewer.wasm", std::string("\0asm\x01\0\0\0", 8));
  web.Write("main.js", "'use strict';");
  // On the storage's own origin (the test Swift has one name), so the risk is accepted here.
  PublishResult published = PublishViewer(session, {.web_dir = web.path(),
                                                    .viewer_container = options_.viewer_container,
                                                    .log_origins = {"https://swift.example"},
                                                    .allow_same_origin = true});
  EXPECT_THAT(published.objects,
              ElementsAre("config.json", "logstow_viewer.wasm", "main.js", "index.html"));
  EXPECT_EQ(published.viewer_url, setup.viewer_url);

  // Anonymous, as a reader's browser: the container root serves index.html.
  std::string root = setup.viewer_url.substr(0, setup.viewer_url.size() - 10);
  testing::HttpResponse page = testing::Send({.url = root});
  EXPECT_EQ(page.status, 200);
  testing::HttpResponse wasm = testing::Send(
      {.url = root + "logstow_viewer.wasm", .headers = {"Accept-Encoding: identity"}});
  EXPECT_EQ(wasm.header("content-type"), "application/wasm");
  EXPECT_EQ(wasm.header("content-encoding"), "gzip");
  std::string config;
  ASSERT_TRUE(testing::Gunzip(testing::Send({.url = root + "config.json"}).body, &config));
  EXPECT_EQ(config, "{\n  \"allowed_origins\": [\n    \"https://swift.example\"\n  ]\n}\n");
}

// The viewer on the storage's own origin, reading logs from that origin: refused before any PUT
// (job-written HTML would run in the viewer's origin); on another host name it is published.
TEST_F(SwiftSetupTest, PublishingOnTheLogsOriginIsRefused) {
  SwiftSession session = Session();
  SetupSwift(session, options_);
  testing::TempDir web;
  web.Write("index.html", "<!doctype html><title>viewer</title>");
  web.Write("logstow_viewer.wasm", std::string("\0asm\x01\0\0\0", 8));
  const PublishOptions same{.web_dir = web.path(), .viewer_container = options_.viewer_container};
  try {
    PublishViewer(session, same);
    ADD_FAILURE() << "published on the logs' origin";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "publish.same_origin");
  }
  EXPECT_EQ(session.Request("HEAD", "/" + options_.viewer_container + "/config.json").status, 404);
  // Regression: naming another log origin does not make the storage origin safe (the logs
  // container is served there all the same).
  PublishOptions other_logs = same;
  other_logs.log_origins = {"https://other.example"};
  try {
    PublishViewer(session, other_logs);
    ADD_FAILURE() << "published on the storage's origin";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "publish.same_origin");
  }

  PublishOptions apart = same;
  apart.viewer_origin = "http://localhost:1";
  PublishResult published = PublishViewer(session, apart);
  EXPECT_EQ(published.viewer_url.rfind("http://localhost:1/v1/", 0), 0u) << published.viewer_url;
  EXPECT_EQ(published.log_origins, std::vector<std::string>{OriginOfUrl(session.storage_url())});
}

TEST(SwiftSession, AWrongKeyFailsWithAClearMessage) {
  testing::SwiftEnv env = testing::LoadSwiftEnv();
  try {
    SwiftSession({.auth_url = env.auth_url, .user = env.user, .key = "wrong"});
    ADD_FAILURE();
  } catch (const SwiftError& e) {
    EXPECT_EQ(e.code(), "swift.auth");
    EXPECT_EQ(std::string(e.what()),
              "login at " + env.auth_url +
                  " as test:tester failed with HTTP 401: check the "
                  "user and key (v1 auth: tempauth or Keystone's v1 compatibility)");
  }
}

// Partition containers (the Zuul role's zuul_log_partition): every one is created and set up as
// the single logs container is, a second run changes nothing, and a damaged one is fixed.
TEST_F(SwiftSetupTest, CreatesAndFixesEveryPartitionContainer) {
  SwiftSession session = Session();
  options_.tempurl_key = "partition-key";
  options_.partition_chars = 1;
  const std::vector<std::string> names = LogsContainers(options_.logs_container, 1);
  ASSERT_EQ(names.size(), 16u);
  EXPECT_EQ(names.front(), options_.logs_container + "_0");
  EXPECT_EQ(names.back(), options_.logs_container + "_f");
  SetupSwift(session, options_);
  for (const std::string& name : names) {
    SwiftResponse head = session.Request("HEAD", "/" + name);
    EXPECT_EQ(head.header("x-container-read"), ".r:*,.rlistings") << name;
    EXPECT_EQ(head.header("x-container-meta-temp-url-key"), "partition-key") << name;
  }
  EXPECT_EQ(session.Request("HEAD", "/" + options_.logs_container).status, 404)
      << "with partitions, no unpartitioned logs container is made";
  EXPECT_THAT(SetupSwift(session, options_).changes, IsEmpty());

  session.Request("POST", "/" + names[7], {"X-Remove-Container-Read: x"});
  EXPECT_THAT(SetupSwift(session, options_).changes,
              ElementsAre("set X-Container-Read: .r:*,.rlistings on " + names[7]));
}

TEST(LogsContainers, NamesOnePerHexPrefix) {
  EXPECT_THAT(LogsContainers("logs", 0), ElementsAre("logs"));
  std::vector<std::string> two = LogsContainers("logs", 2);
  ASSERT_EQ(two.size(), 256u);
  EXPECT_EQ(two[0], "logs_00");
  EXPECT_EQ(two[0x3f], "logs_3f");
  EXPECT_EQ(two[255], "logs_ff");
}

}  // namespace
}  // namespace logstow::setup
