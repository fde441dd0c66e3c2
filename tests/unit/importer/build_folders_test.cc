#include "importer/build_folders.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace logstow::importer {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::vector<std::string> kTree = {
    "12/34512/3/check/tox-py3/abc1234/job-output.txt.gz",
    "12/34512/3/check/tox-py3/abc1234/zuul-info/inventory.yaml",
    "12/34512/3/check/tox-py3/abc1234/logs/nested/job-output.txt",  // belongs to the build above
    "12/34512/3/gate/pep8/def5678/zuul-info/zuul-info.controller.txt",
    "periodic/nova/master/nightly/ghi9/job-output.json",
    "README.txt",                          // in no build
    "12/34512/3/check/tox-py3/notes.txt",  // in no build
};

TEST(FindBuildFolders, MarkersFindBuildsAtAnyDepthTopmostFirst) {
  EXPECT_THAT(FindBuildFolders(kTree, BuildRule{}),
              ElementsAre("12/34512/3/check/tox-py3/abc1234/", "12/34512/3/gate/pep8/def5678/",
                          "periodic/nova/master/nightly/ghi9/"));
}

TEST(FindBuildFolders, DepthMakesEveryFolderAtThatDepthABuild) {
  EXPECT_THAT(FindBuildFolders(kTree, BuildRule{.depth = 6}),
              ElementsAre("12/34512/3/check/tox-py3/abc1234/", "12/34512/3/gate/pep8/def5678/"));
  EXPECT_THAT(FindBuildFolders(kTree, BuildRule{.depth = 1}), ElementsAre("12/", "periodic/"));
}

TEST(FindBuildFolders, OwnMarkersReplaceTheDefaults) {
  EXPECT_THAT(FindBuildFolders(kTree, BuildRule{.markers = {"inventory.yaml"}}),
              ElementsAre("12/34512/3/check/tox-py3/abc1234/zuul-info/"));
}

TEST(FindBuildFolders, MarkerAtTheRootMakesNoBuild) {
  EXPECT_THAT(FindBuildFolders({"job-output.txt", "a/b.txt"}, BuildRule{}), IsEmpty());
}

TEST(FindBuildFolders, SiblingWithACommonStemIsItsOwnBuild) {
  EXPECT_THAT(
      FindBuildFolders({"a/job-output.txt", "a-b/job-output.txt", "ab/zuul-info/x"}, BuildRule{}),
      ElementsAre("a-b/", "a/", "ab/"));
}

TEST(BuildOf, FindsTheBuildHoldingAFileOrNone) {
  const auto builds = FindBuildFolders(kTree, BuildRule{});
  EXPECT_EQ(BuildOf("12/34512/3/check/tox-py3/abc1234/logs/nested/job-output.txt", builds),
            "12/34512/3/check/tox-py3/abc1234/");
  EXPECT_EQ(BuildOf("12/34512/3/check/tox-py3/notes.txt", builds), "");
  EXPECT_EQ(BuildOf("README.txt", builds), "");
  EXPECT_EQ(BuildOf("12/34512/3/check/tox-py3/abc1234", builds), "") << "the folder's name itself";
  EXPECT_EQ(BuildOf("a/x", {"a-b/", "a/"}), "a/");
  EXPECT_EQ(BuildOf("a-b/x", {"a-b/", "a/"}), "a-b/");
}

}  // namespace
}  // namespace logstow::importer
