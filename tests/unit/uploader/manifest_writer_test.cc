#include "uploader/manifest_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/testing/temp_dir.h"
#include "uploader/walk.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// The golden case: a log tree with every kind of entry generate_manifest.py distinguishes.
// Expected output: tests/data/zuul-manifest-golden-tree.json (written from zuul-jobs'
// generate_manifest.py rules: folders first, names sorted, mimetype/encoding by name, unknown
// types text/plain), except that the empty folder is absent: only objects in Swift are listed.
TEST(BuildManifest, GoldenTreeMatchesZuulJobsMeanings) {
  testing::TempDir dir;
  dir.Write("job-output.txt", "ok\n");
  dir.Write("job-output.json", "[]");
  dir.Write("zuul-info/inventory.yaml", "all: {}\n");
  dir.Write("logs/controller/screen-n-api.txt.gz", std::string("\x1f\x8b\x08\0", 4));
  dir.Write("logs/controller/report.html", "<p>hi</p>");
  dir.Write("logs/controller/devstack.log.summary", "summary\n");
  dir.Write("logs/controller/etc/nova/nova.conf", "[DEFAULT]\n");
  dir.Write("logs/controller/b.txt", "b");
  dir.Write("logs/controller/Z-first.txt", "z");
  dir.Write("logs/controller/stackviz.tgz", "tar");
  dir.Write("logs/Makefile", "all:\n");
  fs::create_directories(dir.path() / "logs/empty");

  std::vector<ManifestEntry> landed;
  for (const WalkEntry& e : Walk(dir.path()).files) {
    // A fixed time: the golden file cannot hold the test's clock.
    landed.push_back({e.relative_path, e.size_bytes, 1700000000});
  }
  const std::string written = BuildManifest(landed);
  ASSERT_EQ(written.back(), '\n');
  const ordered_json golden = ordered_json::parse(
      testing::ReadFile(fs::path(LOGSTOW_TEST_DATA_DIR) / "zuul-manifest-golden-tree.json"));
  // Same fields, in the same order at every level (ordered_json compares order).
  EXPECT_EQ(ordered_json::parse(written).dump(2), golden.dump(2));
}

TEST(BuildManifest, EncodingIsTheFilesOwnNotTheTransports) {
  ordered_json manifest =
      ordered_json::parse(BuildManifest({{"a.txt", 10, 1}, {"a.txt.gz", 4, 1}}));
  EXPECT_EQ(manifest["tree"][0]["name"], "a.txt");
  EXPECT_TRUE(manifest["tree"][0]["encoding"].is_null());
  EXPECT_EQ(manifest["tree"][1]["mimetype"], "text/plain");
  EXPECT_EQ(manifest["tree"][1]["encoding"], "gzip");
}

TEST(BuildManifest, EmptyUploadHasAnEmptyTree) {
  EXPECT_EQ(BuildManifest({}), "{\"tree\":[],\"index_links\":false}\n");
}

}  // namespace
}  // namespace logstow::uploader
