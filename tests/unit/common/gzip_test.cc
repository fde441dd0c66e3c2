#include "common/gzip.h"

#include <gtest/gtest.h>

#include "tests/testing/temp_dir.h"

namespace logstow {
namespace {

TEST(GzipCompress, RoundTripsThroughGunzip) {
  for (const std::string& text :
       {std::string(), std::string("x"), std::string(100000, 'a') + "tail\n"}) {
    std::string compressed = GzipCompress(text);
    ASSERT_GE(compressed.size(), 18u);
    EXPECT_EQ(compressed.substr(0, 2), "\x1f\x8b");
    std::string back;
    ASSERT_TRUE(testing::Gunzip(compressed, &back));
    EXPECT_EQ(back, text);
  }
}

// Inflates `gz` fed in pieces of `piece` bytes; false and *error on failure.
bool InflateInPieces(const std::string& gz, size_t piece, std::string* out, std::string* error) {
  GzipInflater inflater;
  for (size_t at = 0; at < gz.size(); at += piece) {
    if (!inflater.Feed(std::string_view(gz).substr(at, piece), [&](std::string_view block) {
          EXPECT_LE(block.size(), 64u * 1024);
          out->append(block);
          return true;
        })) {
      *error = inflater.error();
      return false;
    }
  }
  const bool ok = inflater.Finish();
  *error = inflater.error();
  EXPECT_EQ(inflater.inflated_bytes(), out->size());
  return ok;
}

std::string SomeLog() {
  std::string text;
  for (int i = 0; i < 30000; ++i)
    text += "2024-03-01 12:00:00 INFO line " + std::to_string(i) + "\n";
  return text;
}

TEST(GzipInflater, InflatesWhateverTheChunkingAndAcrossMembers) {
  const std::string text = SomeLog();
  const std::string gz = GzipCompress(text, 6);
  for (size_t piece : {size_t{1}, size_t{7}, size_t{4096}, gz.size()}) {
    SCOPED_TRACE(piece);
    std::string out, error;
    ASSERT_TRUE(InflateInPieces(gz, piece, &out, &error)) << error;
    EXPECT_EQ(out, text);
  }
  // Concatenated members (cat a.gz b.gz) are one stream, as gzip -d reads them.
  std::string out, error;
  ASSERT_TRUE(InflateInPieces(GzipCompress("first\n") + GzipCompress("") + GzipCompress("second\n"),
                              3, &out, &error));
  EXPECT_EQ(out, "first\nsecond\n");
}

// Zeros after the last member (tape-block padding) are skipped, as gzip -dc skips them (exit 0);
// anything after the zeros is damage (the viewer's web/fetch_stream.js reads them the same way).
TEST(GzipInflater, ZerosAfterTheLastMemberAreSkipped) {
  const std::string gz = GzipCompress("first\n") + GzipCompress("second\n");
  for (size_t piece : {size_t{1}, size_t{5}, size_t{4096}}) {
    SCOPED_TRACE(piece);
    std::string out, error;
    ASSERT_TRUE(InflateInPieces(gz + std::string(512, '\0'), piece, &out, &error)) << error;
    EXPECT_EQ(out, "first\nsecond\n");
    out.clear();
    EXPECT_FALSE(InflateInPieces(gz + std::string(8, '\0') + "x", piece, &out, &error));
    EXPECT_EQ(error,
              "not gzip data, or damaged: bytes after the zeros that follow the last member");
  }
}

TEST(GzipInflater, ACutOrDamagedStreamIsAnError) {
  const std::string gz = GzipCompress(SomeLog(), 6);
  std::string out, error;
  EXPECT_FALSE(InflateInPieces(gz.substr(0, gz.size() - 5), 1000, &out, &error));
  EXPECT_EQ(error,
            "the gzip data ends in the middle of a member (the file or download was cut short)");
  out.clear();
  EXPECT_FALSE(InflateInPieces("\x1f\x8bnot really gzip", 4, &out, &error));
  EXPECT_EQ(error.rfind("not gzip data, or damaged: ", 0), 0u) << error;
}

TEST(GzipInflater, TheSinkCanStopIt) {
  GzipInflater inflater;
  int blocks = 0;
  EXPECT_FALSE(inflater.Feed(GzipCompress(std::string(1 << 20, 'x')), [&](std::string_view) {
    ++blocks;
    return false;
  }));
  EXPECT_EQ(blocks, 1);
  EXPECT_EQ(inflater.error(), "");
}

TEST(GzipMagic, IsTheFirstTwoBytes) {
  EXPECT_TRUE(HasGzipMagic("\x1f\x8b\x08"));
  EXPECT_TRUE(HasGzipMagic(GzipCompress("x")));
  EXPECT_FALSE(HasGzipMagic("\x1f"));
  EXPECT_FALSE(HasGzipMagic("plain text"));
  EXPECT_FALSE(HasGzipMagic(""));
}

}  // namespace
}  // namespace logstow
