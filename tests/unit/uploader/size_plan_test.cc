#include "uploader/size_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "tests/testing/temp_dir.h"
#include "tokens/issue.h"
#include "tokens/token_codec.h"
#include "uploader/open_beneath.h"

namespace logstow::uploader {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr uint64_t kLimit = 100000;

PlannedObject Planned(const std::string& name, uint64_t size, bool text) {
  return {.name = name,
          .object = "p/" + name,
          .target = name,
          .text = text,
          .compress = text,
          .size_bytes = size};
}

std::string Noise(size_t n) {
  std::mt19937 random(7);
  std::string bytes(n, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

tokens::Token MakeToken() {
  tokens::TokenScope scope;
  scope.storage_url = "https://swift.example/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "p/";
  scope.expires_unix_s = 1900000000;
  return tokens::IssueToken(scope, "secret-key");
}

struct Fixture {
  testing::TempDir dir;
  SwiftLimits limits{.max_file_size = kLimit, .max_manifest_segments = 1000};
  std::vector<std::string> warnings;

  void Fit(std::vector<PlannedObject>& objects, std::optional<int64_t> token_max = std::nullopt,
           std::shared_ptr<const RedactionPatterns> redact = nullptr) {
    RootFolder root(dir.path());
    FitToLimits(objects, limits, token_max,
                {.root_fd = root.fd(), .gzip_level = 6, .prefix = "p/", .redact = redact},
                warnings);
  }
};

TEST(SizePlan, FilesWithinTheLimitAreLeftAsTheyAre) {
  Fixture f;
  f.dir.Write("a.txt", "a\n");
  std::vector<PlannedObject> objects = {Planned("a.txt", 2, true)};
  f.Fit(objects);
  EXPECT_EQ(objects[0].problem, "");
  EXPECT_EQ(objects[0].segments, 0u);
}

// Item 3: the stored size decides, where it is known before sending.
TEST(SizePlan, TextOverTheLimitThatGzipMakesFitGoesAsOneObject) {
  Fixture f;
  const std::string text(3 * kLimit, 'x');
  f.dir.Write("big.log", text);
  std::vector<PlannedObject> objects = {Planned("big.log", text.size(), true)};
  f.Fit(objects);
  EXPECT_EQ(objects[0].problem, "");
  EXPECT_EQ(objects[0].segments, 0u);
  EXPECT_LT(objects[0].encoded_bytes, kLimit);
}

TEST(SizePlan, WhatDoesNotFitGoesInSegmentsOfTheLimit) {
  Fixture f;
  const std::string noise = Noise(3 * kLimit + 3);
  f.dir.Write("big.bin", noise);
  f.dir.Write("noise.txt", noise);  // "text" that gzip cannot shrink: its gzip stream is cut
  std::vector<PlannedObject> objects = {Planned("big.bin", noise.size(), false),
                                        Planned("noise.txt", noise.size(), true)};
  f.Fit(objects);
  EXPECT_EQ(objects[0].segments, 4u);
  EXPECT_EQ(objects[0].segment_bytes, kLimit);
  EXPECT_EQ(objects[0].encoded_bytes, noise.size());
  EXPECT_EQ(objects[1].segments, 4u);
  EXPECT_GT(objects[1].encoded_bytes, noise.size()) << "gzip framing on incompressible bytes";
}

TEST(SizePlan, WhatCannotGoIsNamedWithItsSizeAndTheLimit) {
  Fixture f;
  const std::string noise = Noise(3 * kLimit);
  f.dir.Write("big.bin", noise);
  f.dir.Write(".logstow-segments/x.txt", "x\n");
  std::vector<PlannedObject> objects = {Planned("big.bin", noise.size(), false),
                                        Planned(".logstow-segments/x.txt", 2, true)};
  f.Fit(objects, /*token_max=*/1000);
  EXPECT_EQ(objects[0].problem,
            "too large: 300000 bytes, over the token's max_file_size of 1000 bytes; not sent "
            "(split or compress it, or leave it out)");
  EXPECT_EQ(objects[1].problem,
            "its name is in the folder .logstow-segments/ that logstow keeps for the parts of "
            "large files; rename the folder");

  objects = {Planned("big.bin", noise.size(), false)};
  f.limits.max_manifest_segments.reset();  // no slo middleware
  f.Fit(objects);
  EXPECT_EQ(objects[0].problem,
            "too large: 300000 bytes, over Swift's max_file_size of 100000 bytes; not sent (Swift "
            "has no slo middleware for large objects; split or compress it, or leave it out)");

  objects = {Planned("big.bin", noise.size(), false)};
  f.limits.max_manifest_segments = 2;
  f.Fit(objects);
  EXPECT_EQ(objects[0].problem,
            "too large: 300000 bytes, over Swift's max_file_size of 100000 bytes; not sent (it "
            "would take 3 segments, over Swift's max_manifest_segments of 2; split or compress "
            "it, or leave it out)");
  EXPECT_EQ(objects[0].segments, 0u);
}

TEST(SizePlan, GzippedTextIsRescannedOnlyWhenItHoldsTheToken) {
  Fixture f;
  tokens::Token token = MakeToken();
  const std::string text = tokens::EncodeToken(token);
  const std::string leaked = testing::Gzip("+ export LOGSTOW_TOKEN=" + text + "\n");
  const std::string clean = testing::Gzip("nothing\n");
  f.dir.Write("leaked.txt.gz", leaked);
  f.dir.Write("clean.LOG.GZ", clean);
  f.dir.Write("broken.txt.gz", "not gzip at all");
  f.dir.Write("archive.tar.gz", leaked);
  std::vector<PlannedObject> objects = {
      Planned("leaked.txt.gz", leaked.size(), false), Planned("clean.LOG.GZ", clean.size(), false),
      Planned("broken.txt.gz", 15, false), Planned("archive.tar.gz", leaked.size(), false)};
  f.Fit(objects, std::nullopt, PatternsForToken(token, text));
  ASSERT_TRUE(objects[0].rescanned_bytes.has_value());
  EXPECT_GT(*objects[0].rescanned_bytes, 0u);
  EXPECT_FALSE(objects[1].rescanned_bytes.has_value()) << "no token: sent as it is";
  EXPECT_FALSE(objects[2].rescanned_bytes.has_value());
  EXPECT_FALSE(objects[3].rescanned_bytes.has_value()) << "not a text name: not scanned";
  EXPECT_THAT(f.warnings, ElementsAre("could not scan broken.txt.gz for the token ('broken.txt.gz' "
                                      "is not valid gzip data (or it is cut short)): sent as it "
                                      "is"));
}

TEST(SizePlan, IsGzippedTextMatchesTxtAndLogGzInAnyCase) {
  EXPECT_TRUE(IsGzippedText("a/job-output.txt.gz"));
  EXPECT_TRUE(IsGzippedText("n-api.LOG.GZ"));
  EXPECT_FALSE(IsGzippedText("x.tar.gz"));
  EXPECT_FALSE(IsGzippedText("txt.gz.bak"));
  EXPECT_FALSE(IsGzippedText(".gz"));
}

}  // namespace
}  // namespace logstow::uploader
