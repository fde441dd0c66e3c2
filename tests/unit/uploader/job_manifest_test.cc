#include "uploader/job_manifest.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/testing/temp_dir.h"

namespace logstow::uploader {
namespace {

const std::set<std::string> kLanded = {"job-output.txt", "logs/a.txt", "logs/deep/b.log.gz"};

TEST(JobManifestProblem, AManifestNamingOnlyLandedFilesIsKept) {
  EXPECT_EQ(JobManifestProblem(R"({"tree": [
      {"name": "logs", "mimetype": "application/directory", "encoding": null, "children": [
        {"name": "deep", "mimetype": "application/directory", "children": [
          {"name": "b.log.gz", "mimetype": "text/plain", "encoding": "gzip", "size": 3}]},
        {"name": "a.txt", "mimetype": "text/plain", "size": 1},
        {"name": "empty", "mimetype": "application/directory", "children": []},
        {"name": "no-children", "mimetype": "application/directory"}]},
      {"name": "job-output.txt", "mimetype": "text/plain"}], "index_links": false})",
                               kLanded),
            "");
  EXPECT_EQ(JobManifestProblem(R"({"tree": []})", kLanded), "") << "names nothing";
}

TEST(JobManifestProblem, NamesTheFirstFileThatDidNotLandDepthFirst) {
  EXPECT_EQ(JobManifestProblem(R"({"tree": [{"name": "ghost.txt", "size": 1}]})", kLanded),
            "names ghost.txt, which did not land in this run");
  EXPECT_EQ(JobManifestProblem(R"({"tree": [
      {"name": "logs", "children": [{"name": "a.txt"}, {"name": "gone.txt"}]},
      {"name": "ghost.txt"}]})",
                               kLanded),
            "names logs/gone.txt, which did not land in this run");
  // A folder of that name is not the file: "logs" landed as a folder, not as an object.
  EXPECT_EQ(
      JobManifestProblem(R"({"tree": [{"name": "logs", "mimetype": "text/plain"}]})", kLanded),
      "names logs, which did not land in this run");
}

TEST(JobManifestProblem, ANameThatIsNotOnePathSegmentIsRefused) {
  for (const char* name : {"logs/a.txt", "", ".", ".."}) {
    std::string text = std::string(R"({"tree": [{"name": ")") + name + R"("}]})";
    EXPECT_EQ(JobManifestProblem(text, kLanded),
              std::string("names the entry '") + name + "', which is not one path segment")
        << name;
  }
}

TEST(JobManifestProblem, WhatIsNoZuulManifestIsSaid) {
  const std::string no_tree = R"(is not a Zuul manifest (JSON with a "tree" list))";
  EXPECT_EQ(JobManifestProblem("", kLanded), no_tree);
  EXPECT_EQ(JobManifestProblem("{not json", kLanded), no_tree);
  EXPECT_EQ(JobManifestProblem(R"({"files": []})", kLanded), no_tree);
  EXPECT_EQ(JobManifestProblem(R"({"tree": {}})", kLanded), no_tree);
  EXPECT_EQ(JobManifestProblem(R"({"tree": [{"size": 1}]})", kLanded),
            R"(is not a Zuul manifest (an entry of its tree has no "name" text))");
  EXPECT_EQ(JobManifestProblem(R"({"tree": [{"name": "logs", "children": [7]}]})", kLanded),
            R"(is not a Zuul manifest (an entry in logs/ has no "name" text))");
  EXPECT_EQ(JobManifestProblem(R"({"tree": [{"name": "logs", "children": {}}]})", kLanded),
            R"(is not a Zuul manifest ("children" of logs is not a list))");
}

TEST(JobManifestProblem, ADeepTreeIsWalkedWithoutRecursion) {
  std::string text = R"({"tree": )";
  const int depth = 100000;
  for (int i = 0; i < depth; ++i) text += R"([{"name": "d", "children": )";
  text += "[]";
  for (int i = 0; i < depth; ++i) text += "}]";
  text += "}";
  EXPECT_EQ(JobManifestProblem(text, kLanded), "");
}

TEST(JobManifestProblem, ZuulsOwnSampleIsCheckedAgainstItsFiles) {
  const std::string sample = testing::ReadFile(LOGSTOW_TEST_DATA_DIR "/zuul-manifest.json");
  ASSERT_FALSE(sample.empty());
  // Its files, gathered here by paths alone.
  std::set<std::string> files;
  std::function<void(const nlohmann::json&, const std::string&)> gather =
      [&](const nlohmann::json& nodes, const std::string& folder) {
        for (const auto& node : nodes) {
          const std::string path = folder + node["name"].get<std::string>();
          if (node.contains("children")) {
            gather(node["children"], path + "/");
          } else {
            files.insert(path);
          }
        }
      };
  gather(nlohmann::json::parse(sample)["tree"], "");
  ASSERT_GT(files.size(), 5u);
  EXPECT_EQ(JobManifestProblem(sample, files), "");
  const std::string first = *files.begin();
  files.erase(files.begin());
  EXPECT_EQ(JobManifestProblem(sample, files),
            "names " + first + ", which did not land in this run");
}

}  // namespace
}  // namespace logstow::uploader
