// `logstow import` against the real local Swift: an SCP-era tree goes in with upload's rules
// (gzip, index pages and a manifest per build folder, ".txt.gz" as it is); a second run sends
// nothing (the fault proxy's request log has no PUT); a run whose PUTs partly failed is
// resumed by the next, which sends only what is missing; the Apache map, loaded into Debian's
// apache2, answers old file and folder URLs with 301s to viewer URLs whose q= Swift serves.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "common/percent_encode.h"
#include "tests/testing/apache_server.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/http_client.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"

namespace logstow {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kViewer[] = "http://viewer.example/v1/AUTH_test/logviewer/index.html";

struct OldTree {
  std::map<std::string, std::string> files;  // relative path -> bytes as on disk
  std::vector<std::string> builds;           // build folders, ending in '/'
};

std::string Lines(const std::string& stem, int n) {
  std::string text;
  for (int i = 0; i < n; ++i) {
    text += "2026-12-07 01:00:" + std::to_string(i % 60) + " INFO " + stem + " line " +
            std::to_string(i) + "\n";
  }
  return text;
}

// The SCP-era layout: <NN>/<change>/<ps>/<pipeline>/<job>/<build>/..., logs gzipped or not,
// names with spaces, '%', ';', '#' and UTF-8; a file outside any build.
OldTree MakeOldTree(const testing::TempDir& dir, int builds) {
  OldTree tree;
  auto add = [&](const std::string& name, const std::string& bytes) {
    tree.files[name] = bytes;
    dir.Write(name, bytes);
  };
  for (int b = 0; b < builds; ++b) {
    const std::string build = std::to_string(10 + b) + "/3451" + std::to_string(b) +
                              "/2/check/tox-py3/" + std::string(1, static_cast<char>('a' + b)) +
                              "bc123/";
    tree.builds.push_back(build);
    add(build + "job-output.txt.gz", testing::Gzip(Lines("job " + std::to_string(b), 400)));
    add(build + "zuul-info/inventory.yaml", "all:\n  hosts:\n    controller: {}\n");
    add(build + "logs/a b.txt", Lines("spaced", 50));
    add(build + "logs/100%.log", Lines("percent", 50));
    add(build + "logs/ü semi;colon#1.txt", Lines("unicode", 50));
    add(build + "logs/screen-n-api.txt.gz", testing::Gzip(Lines("n-api", 300)));
    add(build + "logs/tiny.txt", "x");
  }
  add("README.txt", "SCP-era log server\n");
  return tree;
}

struct Summary {
  int sent = -1, stored = -1, failed = -1, puts = -1;
};

// "logstow: import: … 12 sent, 3 already in Swift, 0 failed, … ; 15 PUTs, …"
Summary ParseSummary(const std::string& err) {
  Summary s;
  std::smatch m;
  if (std::regex_search(err, m,
                        std::regex("(\\d+) sent, (\\d+) already in Swift, (\\d+) failed"))) {
    s.sent = std::stoi(m[1]);
    s.stored = std::stoi(m[2]);
    s.failed = std::stoi(m[3]);
  }
  if (std::regex_search(err, m, std::regex("(\\d+) PUTs?,"))) s.puts = std::stoi(m[1]);
  return s;
}

// Credentials as an operator gives them: v1 auth, or (through a proxy) a token and the
// proxy's account URL.
std::vector<std::string> AuthEnv(const testing::SwiftEnv& env) {
  return {"LOGSTOW_SWIFT_AUTH_URL=" + env.auth_url, "LOGSTOW_SWIFT_USER=" + env.user,
          "LOGSTOW_SWIFT_KEY=" + env.key};
}
std::vector<std::string> ProxyEnv(const testing::SwiftEnv& env, const std::string& proxy_url) {
  const std::string account_path = env.storage_url.substr(testing::Origin(env.storage_url).size());
  return {"OS_STORAGE_URL=" + proxy_url + account_path,
          "OS_AUTH_TOKEN=" + testing::SwiftLogin(env)};
}

testing::ProcessResult RunImport(const fs::path& root, const testing::SwiftContainer& c,
                                 std::vector<std::string> env, std::vector<std::string> flags,
                                 const std::string& container = "") {
  std::vector<std::string> argv = {LOGSTOW_BINARY,
                                   "import",
                                   root.string(),
                                   "--prefix",
                                   "old/",
                                   "--container",
                                   container.empty() ? c.name() : container,
                                   "--progress",
                                   "none"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return testing::RunProcess({.argv = argv, .env = std::move(env)});
}

void ExpectImported(const OldTree& tree, const testing::SwiftContainer& c) {
  const std::vector<std::string> listed = c.List("old/");
  const std::set<std::string> names(listed.begin(), listed.end());
  for (const auto& [name, bytes] : tree.files) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(names.contains("old/" + name));
    testing::HttpResponse raw = c.GetObject("old/" + name);
    if (name.ends_with(".gz")) {
      // Stored as it is, and never with a Content-Encoding (as `upload` stores a .txt.gz).
      EXPECT_EQ(raw.body, bytes);
      EXPECT_EQ(raw.header("content-encoding"), "");
    } else {
      EXPECT_EQ(c.ReadObjectDecoded("old/" + name), bytes);
    }
  }
  for (const std::string& build : tree.builds) {
    SCOPED_TRACE(build);
    EXPECT_TRUE(names.contains("old/" + build + "index.html"));
    EXPECT_TRUE(names.contains("old/" + build + "logs/index.html"));
    ASSERT_TRUE(names.contains("old/" + build + "zuul-manifest.json"));
    nlohmann::json manifest =
        nlohmann::json::parse(c.ReadObjectDecoded("old/" + build + "zuul-manifest.json"));
    std::set<std::string> top;
    for (const auto& entry : manifest["tree"]) top.insert(entry["name"].get<std::string>());
    EXPECT_EQ(top, (std::set<std::string>{"logs", "zuul-info", "job-output.txt.gz"}));
  }
  // Pages only inside builds: the folders above them are listed by Swift itself.
  EXPECT_FALSE(names.contains("old/index.html"));
  EXPECT_FALSE(names.contains("old/10/index.html"));
  EXPECT_FALSE(names.contains("old/zuul-manifest.json"));
}

TEST(Import, OldTreeLandsWithPagesPerBuildAndASecondRunSendsNothing) {
  testing::SwiftContainer c("import-twice");
  testing::TempDir dir, work;
  const OldTree tree = MakeOldTree(dir, 4);

  testing::ProcessResult first = RunImport(dir.path(), c, AuthEnv(c.env()), {});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  Summary one = ParseSummary(first.err);
  EXPECT_EQ(one.sent, static_cast<int>(tree.files.size())) << first.err;
  EXPECT_EQ(one.stored, 0);
  EXPECT_THAT(first.err, HasSubstr("in 4 builds (1 outside any build)"));
  EXPECT_THAT(first.out, StartsWith(c.url() + "/old/"));
  ExpectImported(tree, c);

  // Again, through the fault proxy (no faults) to see every request it makes.
  testing::FaultProxy proxy(testing::Origin(c.env().storage_url), {}, work.path() / "proxy.log");
  testing::ProcessResult second = RunImport(dir.path(), c, ProxyEnv(c.env(), proxy.url()), {});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  Summary two = ParseSummary(second.err);
  EXPECT_EQ(two.sent, 0) << second.err;
  EXPECT_EQ(two.stored, static_cast<int>(tree.files.size()));
  EXPECT_EQ(two.puts, 0);
  EXPECT_THAT(second.err, HasSubstr("0 index pages and manifests sent"));
  // HEAD of the container, GET /info, two listing pages (the second one empty): no PUT.
  std::multiset<std::string> methods;
  for (const auto& line : testing::ReadProxyLog(work.path() / "proxy.log", 4)) {
    methods.insert(line["method"].get<std::string>());
  }
  EXPECT_EQ(methods.count("PUT"), 0u) << ::testing::PrintToString(methods);
  EXPECT_EQ(methods.count("GET"), 3u) << ::testing::PrintToString(methods);
}

TEST(Import, InterruptedRunIsResumedSendingOnlyWhatIsMissing) {
  testing::SwiftContainer c("import-resume");
  testing::TempDir dir, work;
  const OldTree tree = MakeOldTree(dir, 5);

  // A third of the PUTs answered 503 and no retries: the run ends with files missing.
  testing::ProcessResult first;
  {
    testing::FaultProxy proxy(testing::Origin(c.env().storage_url),
                              {"--fail-503", "0.3", "--only-method", "PUT", "--seed", "7"},
                              work.path() / "proxy.log");
    first = RunImport(dir.path(), c, ProxyEnv(c.env(), proxy.url()), {"--retry-for", "0"});
  }
  ASSERT_EQ(first.exit_code, 1) << first.err;
  Summary one = ParseSummary(first.err);
  ASSERT_GT(one.failed, 0) << first.err;
  ASSERT_GT(one.sent, 0) << first.err;
  EXPECT_EQ(one.sent + one.failed, static_cast<int>(tree.files.size()));

  testing::ProcessResult second = RunImport(dir.path(), c, AuthEnv(c.env()), {});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  Summary two = ParseSummary(second.err);
  EXPECT_EQ(two.sent, one.failed) << "only the files the first run lost: " << second.err;
  EXPECT_EQ(two.stored, one.sent) << second.err;
  ExpectImported(tree, c);
}

TEST(Import, BadInputIsRefusedBeforeAnythingIsSent) {
  testing::SwiftContainer c("import-bad");
  testing::TempDir dir, work;
  MakeOldTree(dir, 1);

  testing::ProcessResult missing =
      RunImport(dir.path() / "nope", c, AuthEnv(c.env()), {"--viewer-url", kViewer});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("logstow: error: the log tree '" +
                                     (dir.path() / "nope").string() + "' is not a folder"));

  testing::ProcessResult map = RunImport(
      dir.path(), c, AuthEnv(c.env()),
      {"--viewer-url", kViewer, "--apache-map", (work.path() / "no/such/dir/moved.map").string()});
  EXPECT_EQ(map.exit_code, 2);
  EXPECT_THAT(map.err, HasSubstr("logstow: error: cannot write the redirect map '"));

  testing::SwiftEnv wrong = c.env();
  wrong.key = "not-the-key";
  testing::ProcessResult auth = RunImport(dir.path(), c, AuthEnv(wrong), {});
  EXPECT_EQ(auth.exit_code, 2);
  EXPECT_THAT(auth.err, StartsWith("logstow: error: login at "));

  testing::ProcessResult container =
      RunImport(dir.path(), c, AuthEnv(c.env()), {}, c.name() + "-missing");
  EXPECT_EQ(container.exit_code, 2);
  EXPECT_THAT(container.err, HasSubstr("logstow: error: Swift has no container '"));

  EXPECT_THAT(c.List("old/"), ::testing::IsEmpty()) << "nothing was sent";
}

// The target the Location names: q= decoded.
std::string QueryTarget(const std::string& location) {
  const std::string head = std::string(kViewer) + "?q=";
  if (!location.starts_with(head)) return "";
  return PercentDecode(location.substr(head.size())).value_or("");
}

TEST(Import, ApacheAnswersOldUrlsWith301ToViewerUrlsSwiftServes) {
  testing::SwiftContainer c("import-apache");
  testing::TempDir dir, work;
  const OldTree tree = MakeOldTree(dir, 2);
  const fs::path apache_map = work.path() / "moved.map", nginx_map = work.path() / "moved.nginx";
  testing::ProcessResult run =
      RunImport(dir.path(), c, AuthEnv(c.env()),
                {"--viewer-url", kViewer, "--old-base-path", "/logs/", "--apache-map",
                 apache_map.string(), "--nginx-map", nginx_map.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(testing::ReadFile(nginx_map),
              HasSubstr("\"/logs/README.txt\" \"" + std::string(kViewer) + "?q="));

  // The snippet docs/import.md gives.
  testing::ApacheServer apache(
      "RewriteEngine On\n"
      "RewriteMap logstow_moved \"txt:@DIR@/moved.map\"\n"
      "RewriteMap logstow_escape int:escape\n"
      "RewriteCond ${logstow_moved:${logstow_escape:%{REQUEST_URI}}} ^(.+)$\n"
      "RewriteRule ^ %1 [R=301,L,NE,UnsafeAllow3F]\n",
      {{"moved.map", testing::ReadFile(apache_map)}});
  ASSERT_TRUE(apache.running());

  const std::string build = tree.builds[1];
  struct Case {
    std::string request;  // the old URL path as a browser sends it
    std::string object;   // what q= must name, relative to old/ ("…/" for a folder)
  };
  const std::vector<Case> cases = {
      {"/logs/" + build + "job-output.txt.gz", build + "job-output.txt.gz"},
      {"/logs/" + build + "job-output.txt", build + "job-output.txt.gz"},  // the old gzip rule
      {"/logs/" + build + "logs/a%20b.txt", build + "logs/a b.txt"},
      {"/logs/" + build + "logs/100%25.log", build + "logs/100%.log"},
      {"/logs/" + build + "logs/%C3%BC%20semi;colon%231.txt", build + "logs/ü semi;colon#1.txt"},
      {"/logs/" + build + "logs/screen-n-api.txt.gz", build + "logs/screen-n-api.txt.gz"},
      {"/logs/README.txt", "README.txt"},
      {"/logs/" + build, build},
      {"/logs/" + build.substr(0, build.size() - 1), build},
      {"/logs/" + build + "logs/", build + "logs/"},
      {"/logs/10/", "10/"},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.request);
    testing::HttpResponse r = testing::Send({.url = apache.origin() + k.request});
    ASSERT_EQ(r.status, 301) << r.body << apache.ErrorLog();
    const std::string target = QueryTarget(r.header("location"));
    ASSERT_EQ(target, c.url() + "/" + PercentEncodePath("old/" + k.object)) << r.header("location");
    if (k.object.ends_with("/")) {
      // A folder: Swift lists objects under it (what the viewer reads).
      EXPECT_THAT(c.List("old/" + k.object), ::testing::Not(::testing::IsEmpty()));
    } else {
      testing::HttpResponse object =
          testing::Send({.url = target, .headers = {"Accept-Encoding: identity"}});
      EXPECT_EQ(object.status, 200);
      const std::string& original = tree.files.at(k.object);
      std::string body = object.body;
      if (object.header("content-encoding") == "gzip")
        ASSERT_TRUE(testing::Gunzip(object.body, &body));
      EXPECT_EQ(body, original);
    }
  }
  // Paths that were never in the tree are not redirected.
  EXPECT_EQ(testing::Send({.url = apache.origin() + "/logs/" + build + "nope.txt"}).status, 404);
  EXPECT_EQ(testing::Send({.url = apache.origin() + "/elsewhere"}).status, 404);
}

}  // namespace
}  // namespace logstow
