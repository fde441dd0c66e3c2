// Files over Swift's max_file_size (issue 13, item 3), against the small test Swift whose
// max_file_size is 1 MiB (fixture swift_small): the job's token stores them as segments under
// the build's prefix, `logstow finalize` with operator credentials joins them, and a GET of the
// file's own name then returns the original bytes. Text that gzip makes fit goes as one object.
// The fault proxy (tests/tools/fault_proxy.py) fails one segment once.
#include "common/large_object.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "tests/testing/fault_proxy.h"
#include "tests/testing/http_client.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tokens/token_codec.h"
#include "uploader/build_index.h"
#include "uploader/upload.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr size_t kMiB = 1024 * 1024;
constexpr size_t kBigSize = 3 * kMiB + 3;

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::string bytes(n, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

// Text that gzip shrinks to about half: random hex, 64 digits a line.
std::string HexLines(size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::string text;
  while (text.size() < n) {
    text += "0123456789abcdef"[random() % 16];
    if (text.size() % 65 == 64) text += '\n';
  }
  text.resize(n);
  return text;
}

testing::ProcessResult Logstow(std::vector<std::string> args, std::vector<std::string> env) {
  args.insert(args.begin(), LOGSTOW_BINARY);
  return testing::RunProcess({.argv = args, .env = env});
}

std::vector<std::string> OperatorEnv(const testing::SwiftEnv& env) {
  return {"LOGSTOW_SWIFT_AUTH_URL=" + env.auth_url, "LOGSTOW_SWIFT_USER=" + env.user,
          "LOGSTOW_SWIFT_KEY=" + env.key};
}

const ObjectResult* Find(const UploadReport& report, const std::string& name) {
  for (const ObjectResult& o : report.objects) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

TEST(LargeObjects, OversizedFilesGoAsSegmentsAndFinalizeJoinsThemUnderTheirOwnNames) {
  testing::SwiftContainer c("large");
  testing::TempDir dir, work;
  const std::string binary = RandomBytes(kBigSize, 1);
  const std::string text = HexLines(kBigSize, 2);
  const std::string fits = std::string(2 * kMiB, 'a') + "\n";  // gzip makes it fit
  dir.Write("big.bin", binary);
  dir.Write("logs/big.txt", text);
  dir.Write("logs/fits.txt", fits);
  dir.Write("small.txt", "small\n");
  const std::string prefix = "lo/";
  const fs::path report_path = work.path() / "report.json";
  testing::ProcessResult up =
      Logstow({"upload", dir.path().string(), "--progress", "none", "--json", report_path},
              {"LOGSTOW_TOKEN=" + tokens::EncodeToken(c.Token(prefix))});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_THAT(up.err, HasSubstr("logstow: warning: big.bin is over Swift's max_file_size: sent as "
                                "4 segments, joined under its name once `logstow finalize` has "
                                "run after the job\n"));
  EXPECT_THAT(up.err, HasSubstr(" in 4 files, ")) << "segmented files count as files";
  nlohmann::json report = nlohmann::json::parse(testing::ReadFile(report_path));
  EXPECT_EQ(report["files"]["landed"], 2) << "small.txt and fits.txt";
  EXPECT_EQ(report["files"]["segmented"], 2);
  EXPECT_EQ(report["container"], c.name());
  std::map<std::string, nlohmann::json> by_name;
  for (const nlohmann::json& o : report["objects"]) by_name[o["name"]] = o;
  // 1 MiB per segment: the binary's bytes in 4 (the last 3 bytes); the text's gzip stream
  // (about 1.8 MiB: hex gzips to 57%) in 2.
  ASSERT_EQ(by_name["big.bin"]["status"], "segmented");
  ASSERT_EQ(by_name["big.bin"]["segments"].size(), 4u);
  EXPECT_EQ(by_name["big.bin"]["segments"][0]["object"],
            prefix + std::string(kSegmentFolder) + "/big.bin/00000000");
  EXPECT_EQ(by_name["big.bin"]["segments"][3]["size"], 3);
  EXPECT_EQ(by_name["logs/big.txt"]["status"], "segmented");
  EXPECT_EQ(by_name["logs/big.txt"]["content_encoding"], "gzip");
  EXPECT_EQ(by_name["logs/big.txt"]["segments"].size(), 2u);
  EXPECT_EQ(by_name["logs/fits.txt"]["status"], "landed") << "its gzip stream fits in one object";
  EXPECT_EQ(by_name["logs/fits.txt"]["content_encoding"], "gzip");

  // Before finalize: the files' own names are not there; pages and the manifest name them as
  // segmented, and never list a segment.
  EXPECT_EQ(c.GetObject(prefix + "big.bin").status, 404);
  const std::string root_index = c.ReadObjectDecoded(prefix + "index.html");
  EXPECT_THAT(root_index, HasSubstr(">big.bin</a>"));
  EXPECT_THAT(root_index, HasSubstr("segmented (4 parts, joined after the job)"));
  EXPECT_THAT(root_index, Not(HasSubstr(std::string(kSegmentFolder))));
  const std::string manifest = c.ReadObjectDecoded(prefix + "zuul-manifest.json");
  EXPECT_THAT(manifest, Not(HasSubstr(std::string(kSegmentFolder))));
  nlohmann::json tree = nlohmann::json::parse(manifest)["tree"];
  std::map<std::string, nlohmann::json> top;
  for (const nlohmann::json& e : tree) top[e["name"]] = e;
  EXPECT_EQ(top["big.bin"]["segments"], 4);
  EXPECT_EQ(top["big.bin"]["size"], kBigSize);

  testing::ProcessResult fin = Logstow(
      {"finalize", report_path, "--prefix", prefix, "--container", c.name()}, OperatorEnv(c.env()));
  ASSERT_EQ(fin.exit_code, 0) << fin.err;
  EXPECT_EQ(fin.out, "finalized big.bin\nfinalized logs/big.txt\n");
  EXPECT_EQ(fin.err, "logstow: 2 of 2 large objects finalized\n");

  testing::HttpResponse got = c.GetObject(prefix + "big.bin");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(testing::Md5Hex(got.body), testing::Md5Hex(binary));
  EXPECT_EQ(got.header("x-object-meta-logstow-size"), std::to_string(kBigSize));
  EXPECT_EQ(got.header("x-static-large-object"), "True");
  // The text: one gzip stream across its segments, served with Content-Encoding: gzip.
  testing::HttpResponse text_response;
  const std::string decoded = c.ReadObjectDecoded(prefix + "logs/big.txt", &text_response);
  EXPECT_EQ(text_response.header("content-encoding"), "gzip");
  EXPECT_EQ(text_response.header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(text_response.header("x-object-meta-logstow-size"), std::to_string(kBigSize));
  EXPECT_EQ(testing::Md5Hex(decoded), testing::Md5Hex(text));
  EXPECT_EQ(c.ReadObjectDecoded(prefix + "logs/fits.txt"), fits);

  // Rerunning finalize is harmless (the manifests are PUT again).
  EXPECT_EQ(Logstow({"finalize", report_path, "--prefix", prefix, "--container", c.name()},
                    OperatorEnv(c.env()))
                .exit_code,
            0);
}

// `logstow index` (uploader/build_index.h) on a Zuul node's report with segmented files: each
// is listed once under its own name with its segment count, while its segments are all there
// (before finalize) or once joined (after), and dropped when a segment is gone.
TEST(LargeObjects, TheBuildIndexListsASegmentedFileOnceWhileItsPartsOrItsJoinedObjectExist) {
  testing::SwiftContainer c("large-index");
  testing::TempDir dir, work;
  dir.Write("big.bin", RandomBytes(kBigSize, 3));
  dir.Write("lost.bin", RandomBytes(2 * kMiB, 4));
  dir.Write("small.txt", "small\n");
  const std::string build = "zuul/b7/";
  const std::string node = "logs/node-a/";
  UploadReport up = Upload({.folder = dir.path(),
                            .token = c.Token(build + node),
                            .write_indexes = false,
                            .write_manifest = false});
  ASSERT_TRUE(up.ok()) << up.ToJson();
  ASSERT_EQ(up.count(ObjectStatus::kSegmented), 2);
  // One part of lost.bin disappears (expired, deleted): the file cannot be served.
  const std::string lost_segment = build + node + SegmentName("lost.bin", 1);
  ASSERT_EQ(
      testing::Send(
          {.method = "DELETE", .url = c.url() + "/" + lost_segment, .headers = {c.auth_header()}})
          .status,
      204);

  auto index = [&] {
    return BuildIndex({.token = c.Token(build), .reports = {{node, up.ToJson(), "node-a.json"}}});
  };
  auto outcome = [](const UploadReport& report) {
    std::map<std::string, std::string> by_name;
    for (const ObjectResult& o : report.objects) {
      if (!o.generated) by_name[o.name] = std::string(ObjectStatusName(o.status)) + ": " + o.error;
    }
    return by_name;
  };
  UploadReport before = index();
  EXPECT_TRUE(before.ok()) << before.ToJson();
  EXPECT_THAT(outcome(before),
              ElementsAre(::testing::Pair(node + "big.bin", "segmented: "),
                          ::testing::Pair(node + "lost.bin",
                                          "skipped: segmented in node-a.json but neither joined "
                                          "nor all its segments in Swift (HTTP 404); not listed"),
                          ::testing::Pair(node + "small.txt", "landed: ")));
  const std::string page = c.ReadObjectDecoded(build + node + "index.html");
  EXPECT_THAT(page, HasSubstr(">big.bin</a>"));
  EXPECT_THAT(page, HasSubstr("segmented (4 parts, joined after the job)"));
  EXPECT_THAT(page, Not(HasSubstr("lost.bin")));
  EXPECT_THAT(page, Not(HasSubstr(std::string(kSegmentFolder))));
  const std::string manifest = c.ReadObjectDecoded(build + "zuul-manifest.json");
  EXPECT_THAT(manifest, Not(HasSubstr(std::string(kSegmentFolder))));
  EXPECT_THAT(manifest, Not(HasSubstr("lost.bin")));
  EXPECT_THAT(manifest, HasSubstr("\"segments\":4"));

  // A report that lists a segment folder's object as a file of its own: never listed.
  nlohmann::json lying = nlohmann::json::parse(up.ToJson());
  lying["objects"].push_back({{"name", SegmentName("big.bin", 0)},
                              {"object", build + node + SegmentName("big.bin", 0)},
                              {"status", "landed"},
                              {"size", kMiB}});
  UploadReport lied =
      BuildIndex({.token = c.Token(build), .reports = {{node, lying.dump(), "node-a.json"}}});
  EXPECT_THAT(outcome(lied)[node + SegmentName("big.bin", 0)],
              HasSubstr("skipped: listed by node-a.json in a .logstow-segments folder"));

  // After finalize (the node's sub-prefix is the report's prefix): the joined object is listed.
  const fs::path report_path = work.path() / "node-a.json";
  {
    std::ofstream out(report_path);
    out << up.ToJson();
  }
  testing::ProcessResult fin =
      Logstow({"finalize", report_path, "--prefix", build + node, "--container", c.name()},
              OperatorEnv(c.env()));
  EXPECT_NE(fin.exit_code, 0) << "lost.bin cannot be joined";
  EXPECT_THAT(fin.out, HasSubstr("finalized big.bin\n"));
  UploadReport after = index();
  EXPECT_TRUE(after.ok()) << after.ToJson();
  EXPECT_EQ(outcome(after)[node + "big.bin"], "landed: ");
  EXPECT_THAT(c.ReadObjectDecoded(build + node + "index.html"),
              HasSubstr("segmented (4 parts, joined after the job)"));
}

// The seed for which tests/tools/fault_proxy.py fails the first request for `object_name` (or
// for a path outside /v1/, such as /info) with 503 and lets the second through (it draws from
// Python's random.Random("<seed>|<method>|<object name>|<attempt>")).
int SeedFailingOnce(const std::string& object_name, const std::string& method = "PUT") {
  testing::ProcessResult r =
      testing::RunProcess({.argv = {"/usr/bin/python3", "-c",
                                    "import random, sys\n"
                                    "p, m = sys.argv[1], sys.argv[2]\n"
                                    "print(next(s for s in range(1000)"
                                    " if random.Random(f'{s}|{m}|{p}|0').random() < 0.5"
                                    " and random.Random(f'{s}|{m}|{p}|1').random() >= 0.5))\n",
                                    object_name, method}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return std::stoi(r.out);
}

TEST(LargeObjects, AFailedSegmentIsRetriedAloneAndTheFileStillJoins) {
  testing::SwiftContainer c("large-retry");
  testing::TempDir dir, work;
  const std::string binary = RandomBytes(kBigSize, 3);
  dir.Write("big.bin", binary);
  const std::string prefix = "retry/";
  // The proxy draws faults per object name (the part after the container).
  const std::string second = prefix + std::string(kSegmentFolder) + "/big.bin/00000001";
  testing::FaultProxy proxy(testing::Origin(c.env().storage_url),
                            {"--fail-503", "0.5", "--match", "/00000001$", "--only-method", "PUT",
                             "--seed", std::to_string(SeedFailingOnce(second))},
                            work.path() / "proxy.log");
  UploadOptions options{.folder = dir.path(),
                        .token = testing::ThroughProxy(c.Token(prefix), proxy.url())};
  options.retry.base_delay = std::chrono::milliseconds(10);
  UploadReport report = Upload(options);
  ASSERT_TRUE(report.ok()) << report.ToJson();
  EXPECT_EQ(Find(report, "big.bin")->status, ObjectStatus::kSegmented);
  EXPECT_EQ(Find(report, std::string(kSegmentFolder) + "/big.bin/00000001")->attempts, 2);
  std::map<std::string, std::vector<int>> statuses;  // segment -> statuses of its PUTs
  for (const nlohmann::json& line : testing::ReadProxyLog(work.path() / "proxy.log", 7)) {
    std::string path = line["path"];
    if (line["method"] == "PUT" && path.find(std::string(kSegmentFolder)) != std::string::npos) {
      statuses[path.substr(path.size() - 8)].push_back(line["status"]);
    }
  }
  EXPECT_THAT(statuses["00000000"], ElementsAre(201));
  EXPECT_THAT(statuses["00000001"], ElementsAre(503, 201)) << "only this one was sent again";
  EXPECT_THAT(statuses["00000002"], ElementsAre(201));
  EXPECT_THAT(statuses["00000003"], ElementsAre(201));

  const fs::path report_path = work.path() / "report.json";
  std::ofstream(report_path) << report.ToJson();
  testing::ProcessResult fin = Logstow(
      {"finalize", report_path, "--prefix", prefix, "--container", c.name()}, OperatorEnv(c.env()));
  ASSERT_EQ(fin.exit_code, 0) << fin.err;
  EXPECT_EQ(testing::Md5Hex(c.GetObject(prefix + "big.bin").body), testing::Md5Hex(binary));
}

// A proxy that answers /info with a 503 once (a blip as the job starts) is asked again: read as
// "unknown", every file over max_file_size would fail with 413 instead of going as segments.
TEST(LargeObjects, AnInfoThatFailsOnceIsAskedAgainSoLargeFilesStillGoAsSegments) {
  testing::SwiftContainer c("large-info");
  testing::TempDir dir, work;
  dir.Write("big.bin", RandomBytes(kBigSize, 4));
  testing::FaultProxy proxy(testing::Origin(c.env().storage_url),
                            {"--fail-503", "0.5", "--match", "^/info$", "--only-method", "GET",
                             "--seed", std::to_string(SeedFailingOnce("/info", "GET"))},
                            work.path() / "proxy.log");
  UploadOptions options{.folder = dir.path(),
                        .token = testing::ThroughProxy(c.Token("info/"), proxy.url())};
  options.retry.base_delay = std::chrono::milliseconds(10);
  UploadReport report = Upload(options);
  ASSERT_TRUE(report.ok()) << report.ToJson();
  EXPECT_EQ(Find(report, "big.bin")->status, ObjectStatus::kSegmented);
  for (const std::string& w : report.warnings) EXPECT_THAT(w, Not(HasSubstr("/info")));
  std::vector<int> info;
  for (const nlohmann::json& line : testing::ReadProxyLog(work.path() / "proxy.log", 2)) {
    if (line["path"] == "/info") info.push_back(line["status"]);
  }
  EXPECT_THAT(info, ElementsAre(503, 200));
}

TEST(LargeObjects, FinalizeRefusesAReportNamingObjectsOutsideThePrefix) {
  testing::SwiftContainer c("large-refuse");
  testing::TempDir work;
  nlohmann::json report = {{"container", c.name()},
                           {"objects",
                            {{{"name", "x.bin"},
                              {"object", "other/x.bin"},
                              {"status", "segmented"},
                              {"content_type", "application/octet-stream"},
                              {"size", 3},
                              {"segments",
                               {{{"object", "other/.logstow-segments/x.bin/00000000"},
                                 {"etag", std::string(32, 'a')},
                                 {"size", 3}}}}}}}};
  std::ofstream(work.path() / "r.json") << report.dump();
  testing::ProcessResult fin = Logstow(
      {"finalize", (work.path() / "r.json").string(), "--prefix", "mine/", "--container", c.name()},
      OperatorEnv(c.env()));
  EXPECT_EQ(fin.exit_code, 2);
  EXPECT_EQ(fin.err,
            "logstow: error: the upload report names the object 'other/x.bin', which is not a "
            "file under the prefix 'mine/': give the file `logstow upload --json` wrote for this "
            "build, with the build's --container and --prefix\n");
  EXPECT_THAT(c.List(""), ::testing::IsEmpty());
}

}  // namespace
}  // namespace logstow::uploader
