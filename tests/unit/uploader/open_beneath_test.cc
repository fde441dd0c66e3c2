#include "uploader/open_beneath.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "tests/testing/temp_dir.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(int fd) {
  std::string out;
  char buffer[256];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  close(fd);
  return out;
}

class OpenBeneathTest : public ::testing::TestWithParam<BeneathMethod> {};

TEST_P(OpenBeneathTest, OpensFilesUnderTheRoot) {
  testing::TempDir dir;
  dir.Write("a/b/c.txt", "hello");
  RootFolder root(dir.path());
  int fd = OpenBeneath(root.fd(), "a/b/c.txt", GetParam());
  ASSERT_GE(fd, 0) << OpenBeneathError(fd);
  EXPECT_EQ(ReadAll(fd), "hello");
}

// A folder swapped for a link after the walk: the open fails instead of reading outside.
TEST_P(OpenBeneathTest, AFolderSwappedForALinkIsNotFollowed) {
  testing::TempDir dir, outside;
  outside.Write("c.txt", "secret");
  dir.Write("a/c.txt", "fine");
  RootFolder root(dir.path());
  fs::remove_all(dir.path() / "a");
  fs::create_directory_symlink(outside.path(), dir.path() / "a");
  int fd = OpenBeneath(root.fd(), "a/c.txt", GetParam());
  EXPECT_EQ(fd, -ELOOP);
  EXPECT_EQ(OpenBeneathError(fd),
            "a symlink is on the way (it changed after the folder was read; not followed)");
}

TEST_P(OpenBeneathTest, AFileSwappedForALinkOrAFifoIsNotOpened) {
  testing::TempDir dir, outside;
  outside.Write("secret.txt", "secret");
  dir.Write("f.txt", "fine");
  RootFolder root(dir.path());
  fs::remove(dir.path() / "f.txt");
  fs::create_symlink(outside.path() / "secret.txt", dir.path() / "f.txt");
  EXPECT_EQ(OpenBeneath(root.fd(), "f.txt", GetParam()), -ELOOP);
  ASSERT_EQ(mkfifo((dir.path() / "pipe").c_str(), 0600), 0);
  EXPECT_EQ(OpenBeneath(root.fd(), "pipe", GetParam()), -EINVAL) << "and it did not block";
}

TEST_P(OpenBeneathTest, RefusesPathsThatClimbOrAreAbsolute) {
  testing::TempDir dir;
  dir.Write("a/f.txt", "x");
  RootFolder root(dir.path() / "a");
  for (const char* bad : {"../a/f.txt", "/etc/passwd", "./f.txt", "", "x//f.txt", "f.txt/"}) {
    EXPECT_EQ(OpenBeneath(root.fd(), bad, GetParam()), -EINVAL) << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(BothMethods, OpenBeneathTest,
                         ::testing::Values(BeneathMethod::kAuto, BeneathMethod::kSegmentBySegment));

TEST(OpenBeneath, UsesOpenat2WhereTheKernelHasIt) {
  // Linux 5.6+ has openat2; a seccomp filter may still hide it (then the fallback runs).
  struct utsname_like {
    int major = 0, minor = 0;
  } v;
  FILE* f = std::fopen("/proc/sys/kernel/osrelease", "r");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(std::fscanf(f, "%d.%d", &v.major, &v.minor), 2);
  std::fclose(f);
  if (v.major < 5 || (v.major == 5 && v.minor < 6)) GTEST_SKIP() << "kernel without openat2";
  EXPECT_TRUE(KernelHasOpenat2());
}

}  // namespace
}  // namespace logstow::uploader
