#include "importer/body_fingerprint.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/testing/temp_dir.h"

namespace logstow::importer {
namespace {

TEST(BodyFingerprint, AsIsIsTheFilesMd5AndSize) {
  testing::TempDir dir;
  dir.Write("a/x.txt", "hello\n");
  int root = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  BodyFingerprint f = FingerprintFile(root, "a/x.txt", 6, 0);
  close(root);
  EXPECT_EQ(f.error, "");
  EXPECT_EQ(f.bytes, 6u);
  EXPECT_EQ(f.md5_hex, "b1946ac92492d2347c6235b4d2611184");  // md5sum of "hello\n"
}

TEST(BodyFingerprint, GzippedBodyIsTheSameEveryTime) {
  auto text = std::make_shared<const std::string>(std::string(10000, 'a') + "tail\n");
  BodyFingerprint one = FingerprintBytes(text, 6), two = FingerprintBytes(text, 6);
  EXPECT_EQ(one.error, "");
  EXPECT_LT(one.bytes, text->size());
  EXPECT_EQ(one.md5_hex, two.md5_hex);
  EXPECT_EQ(one.bytes, two.bytes);
  EXPECT_NE(FingerprintBytes(text, 1).md5_hex, one.md5_hex) << "the level is part of the body";
}

TEST(BodyFingerprint, FileShorterThanListedIsAnError) {
  testing::TempDir dir;
  dir.Write("x.txt", "abc");
  int root = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  BodyFingerprint f = FingerprintFile(root, "x.txt", 10, 0);
  close(root);
  EXPECT_NE(f.error, "");
}

}  // namespace
}  // namespace logstow::importer
