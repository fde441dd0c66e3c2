#include "uploader/manifest_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace logstow::uploader {
namespace {

using nlohmann::json;

TEST(BuildManifest, WritesZuulsTreeShape) {
  std::vector<ManifestEntry> landed = {
      {"job-output.txt", "text/plain; charset=utf-8", "gzip", 3907, 1533114000},
      {"logs/b.txt.gz", "application/gzip", "", 1262, 1533114001},
      {"logs/a.json", "application/json; charset=utf-8", "gzip", 10, 1533114002},
  };
  json manifest = json::parse(BuildManifest(landed));
  json expected = json::parse(R"({
    "tree": [
      {"name": "job-output.txt", "mimetype": "text/plain", "encoding": "gzip",
       "last_modified": 1533114000, "size": 3907},
      {"name": "logs", "mimetype": "application/directory", "encoding": null, "children": [
        {"name": "a.json", "mimetype": "application/json", "encoding": "gzip",
         "last_modified": 1533114002, "size": 10},
        {"name": "b.txt.gz", "mimetype": "application/gzip", "encoding": null,
         "last_modified": 1533114001, "size": 1262}]}],
    "index_links": false})");
  EXPECT_EQ(manifest, expected);
}

TEST(BuildManifest, EmptyUploadHasAnEmptyTree) {
  EXPECT_EQ(json::parse(BuildManifest({})), json::parse(R"({"tree":[],"index_links":false})"));
}

}  // namespace
}  // namespace logstow::uploader
