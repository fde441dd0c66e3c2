#include "uploader/upload_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace logstow::uploader {
namespace {

// Regression: a file name that is not UTF-8 made the JSON report throw after the upload.
TEST(UploadReport, JsonSurvivesNamesThatAreNotUtf8) {
  UploadReport report;
  report.objects.push_back({.name = "bad\xff.txt",
                            .status = ObjectStatus::kFailed,
                            .error = "its name is not valid UTF-8"});
  auto j = nlohmann::json::parse(report.ToJson());
  EXPECT_EQ(j["objects"][0]["name"], "bad\xEF\xBF\xBD.txt");
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["files"]["failed"], 1);
}

// What `logstow finalize` reads: a segmented file with its segments in order, each segment also
// an entry of its own; segments are no files in the counts.
TEST(UploadReport, ASegmentedFileListsItsSegmentsAndCountsOnce) {
  UploadReport report;
  report.container = "logs";
  report.delete_at_unix_s = 1900000000;
  report.objects.push_back({.name = "big.bin",
                            .object = "b/big.bin",
                            .status = ObjectStatus::kSegmented,
                            .size_bytes = 3});
  for (int k = 0; k < 2; ++k) {
    const std::string name = ".logstow-segments/big.bin/0000000" + std::to_string(k);
    report.objects.push_back({.name = name,
                              .object = "b/" + name,
                              .status = ObjectStatus::kLanded,
                              .size_bytes = 2u - k,
                              .stored_bytes = 2u - k,
                              .etag = std::string(32, 'a' + k),
                              .segment_of = "big.bin"});
  }
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.count(ObjectStatus::kSegmented), 1);
  EXPECT_EQ(report.count(ObjectStatus::kLanded), 0);
  EXPECT_EQ(report.logical_bytes(), 3u);
  EXPECT_EQ(report.stored_bytes(), 3u);
  auto j = nlohmann::json::parse(report.ToJson());
  EXPECT_EQ(j["container"], "logs");
  EXPECT_EQ(j["delete_at"], 1900000000);
  EXPECT_EQ(j["files"]["segmented"], 1);
  EXPECT_EQ(j["objects"][0]["status"], "segmented");
  EXPECT_EQ(j["objects"][0]["segments"],
            nlohmann::json::parse(R"([
              {"object": "b/.logstow-segments/big.bin/00000000", "etag": ")" +
                                  std::string(32, 'a') + R"(", "size": 2},
              {"object": "b/.logstow-segments/big.bin/00000001", "etag": ")" +
                                  std::string(32, 'b') + R"(", "size": 1}])"));
  EXPECT_EQ(j["objects"][1]["segment_of"], "big.bin");
}

}  // namespace
}  // namespace logstow::uploader
