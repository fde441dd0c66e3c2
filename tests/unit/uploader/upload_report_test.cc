#include "uploader/upload_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace logstow::uploader {
namespace {

// Regression: a file name that is not UTF-8 made the JSON report throw after the upload.
TEST(UploadReport, JsonSurvivesNamesThatAreNotUtf8) {
  UploadReport report;
  report.objects.push_back({.name = "bad\xff.txt", .status = ObjectStatus::kFailed,
                            .error = "its name is not valid UTF-8"});
  auto j = nlohmann::json::parse(report.ToJson());
  EXPECT_EQ(j["objects"][0]["name"], "bad\xEF\xBF\xBD.txt");
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["files"]["failed"], 1);
}

}  // namespace
}  // namespace logstow::uploader
