#include "uploader/walk.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.h"
#include "tests/testing/temp_dir.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Names(const WalkResult& r) {
  std::vector<std::string> names;
  for (const WalkEntry& e : r.files) names.push_back(e.relative_path);
  return names;
}

std::vector<std::string> Skipped(const WalkResult& r) {
  std::vector<std::string> out;
  for (const WalkWarning& w : r.skipped) out.push_back(w.relative_path + ": " + w.reason);
  return out;
}

TEST(Walk, ListsEveryFileSortedWithRelativeNames) {
  testing::TempDir dir;
  dir.Write("b.txt", "b");
  dir.Write("a/z.log", "z");
  dir.Write("a/deep/er/x y#?.txt", "x");
  dir.Write(".hidden", "");
  dir.Write("ünï.txt", "u");
  WalkResult r = Walk(dir.path());
  EXPECT_THAT(Names(r),
              ElementsAre(".hidden", "a/deep/er/x y#?.txt", "a/z.log", "b.txt", "ünï.txt"));
  EXPECT_EQ(r.files[0].size_bytes, 0u);
  EXPECT_EQ(r.files[3].size_bytes, 1u);
  EXPECT_TRUE(r.skipped.empty());
}

TEST(Walk, FileLinksInsideTheRootReadTheirTargetFolderLinksAreNotDescended) {
  testing::TempDir dir;
  dir.Write("real/a.txt", "a");
  dir.Write("real/b/c.txt", "c");
  fs::create_symlink("real/a.txt", dir.path() / "link.txt");
  fs::create_symlink("link.txt", dir.path() / "link-to-link.log");
  fs::create_directory_symlink("real", dir.path() / "linked-folder");
  fs::create_directory_symlink("../../real", dir.path() / "real/b/up");
  WalkResult r = Walk(dir.path());
  EXPECT_THAT(Names(r), ElementsAre("link-to-link.log", "link.txt", "real/a.txt", "real/b/c.txt"));
  EXPECT_EQ(r.files[0].target, "real/a.txt");
  EXPECT_EQ(r.files[1].target, "real/a.txt");
  EXPECT_EQ(r.files[2].target, "real/a.txt");
  EXPECT_EQ(r.files[1].size_bytes, 1u);
  EXPECT_THAT(Skipped(r),
              ElementsAre("linked-folder: symlink to a folder, not followed (-> real)",
                          "real/b/up: symlink to a folder, not followed (-> ../../real)"));
}

TEST(Walk, SkipsLinksThatLeaveDangleOrLoopAndSaysWhy) {
  testing::TempDir dir, outside;
  outside.Write("secret.txt", "s");
  dir.Write("ok.txt", "o");
  fs::create_symlink(outside.path() / "secret.txt", dir.path() / "out.txt");
  fs::create_symlink("missing.txt", dir.path() / "dangling.txt");
  fs::create_directories(dir.path() / "loop");
  fs::create_directory_symlink("..", dir.path() / "loop/up");
  fs::create_symlink("b", dir.path() / "loop/a");
  fs::create_symlink("a", dir.path() / "loop/b");
  WalkResult r = Walk(dir.path());
  EXPECT_THAT(Names(r), ElementsAre("ok.txt"));
  EXPECT_THAT(Skipped(r),
              ElementsAre("dangling.txt: dangling symlink (-> missing.txt)",
                          "loop/a: symlink loop (-> b)", "loop/b: symlink loop (-> a)",
                          "loop/up: symlink to a folder, not followed (-> ..)",
                          "out.txt: symlink leaves the folder (-> " +
                              fs::canonical(outside.path() / "secret.txt").string() + ")"));
}

TEST(Walk, SkipsFifos) {
  testing::TempDir dir;
  ASSERT_EQ(mkfifo((dir.path() / "pipe").c_str(), 0600), 0);
  WalkResult r = Walk(dir.path());
  EXPECT_TRUE(r.files.empty());
  EXPECT_THAT(Skipped(r), ElementsAre("pipe: not a regular file (socket, FIFO or device)"));
}

TEST(Walk, RefusesSomethingThatIsNotAFolder) {
  testing::TempDir dir;
  auto file = dir.Write("f.txt", "x");
  try {
    Walk(file);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "upload.folder");
    EXPECT_EQ(std::string(e.what()),
              "'" + file.string() + "' is not a folder: give the folder that holds the job's logs");
  }
}

}  // namespace
}  // namespace logstow::uploader
