#include "uploader/body_encoder.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/testing/http_client.h"
#include "tests/testing/temp_dir.h"
#include "tokens/issue.h"
#include "tokens/token_codec.h"
#include "uploader/body_stream.h"

namespace logstow::uploader {
namespace {

// Drains `encoder` into a string the way the transfer thread does: pump when asked, read in
// small pieces. Returns the bytes as sent.
std::string Drain(BodyEncoder& encoder, BodyStream& stream, bool* pump_wanted) {
  std::string sent;
  char buffer[1000];
  encoder.Pump(stream);
  while (true) {
    size_t n = 0;
    BodyStream::ReadStatus status = stream.Read(buffer, sizeof buffer, &n);
    sent.append(buffer, n);
    if (status == BodyStream::ReadStatus::kEnd || status == BodyStream::ReadStatus::kError) break;
    if (*pump_wanted || status == BodyStream::ReadStatus::kWouldBlock) {
      *pump_wanted = false;
      encoder.Pump(stream);
    }
  }
  return sent;
}

std::string LogText(size_t lines) {
  std::mt19937 random(1);
  std::string text;
  for (size_t i = 0; i < lines; ++i) {
    text += "2013-09-10 12:34:56." + std::to_string(random() % 1000) +
            " 1234 INFO nova.compute [req-" + std::to_string(random()) + "] line " +
            std::to_string(i) + "\n";
  }
  return text;
}

TEST(BodyEncoder, GzipsBigFilesThroughASmallBufferWithTheRightMd5) {
  testing::TempDir dir;
  const std::string text = LogText(40000);  // ~3 MB, many times the stream's capacity
  auto file = dir.Write("big.log", text);
  bool pump_wanted = false;
  BodyStream stream(
      64 * 1024, [&] { pump_wanted = true; }, nullptr);
  BodyEncoder encoder(file, 6);
  std::string sent = Drain(encoder, stream, &pump_wanted);
  std::string plain;
  ASSERT_TRUE(testing::Gunzip(sent, &plain));
  EXPECT_EQ(plain, text);
  EXPECT_EQ(stream.md5_hex(), testing::Md5Hex(sent));
  EXPECT_EQ(stream.total_bytes(), sent.size());
  EXPECT_LT(sent.size(), text.size() / 3);
  EXPECT_FALSE(stream.complete()) << "it streamed, so it was never whole in the buffer";
}

TEST(BodyEncoder, SmallFilesAreCompleteBeforeSending) {
  testing::TempDir dir;
  auto file = dir.Write("small.txt", "hello\n");
  BodyStream stream(64 * 1024, nullptr, nullptr);
  BodyEncoder encoder(file, 0);
  encoder.Pump(stream);
  ASSERT_TRUE(stream.complete());
  EXPECT_EQ(stream.total_bytes(), 6u);
  EXPECT_EQ(stream.md5_hex(), testing::Md5Hex("hello\n"));
}

TEST(BodyEncoder, EmptyFileIsAnEmptyBody) {
  testing::TempDir dir;
  auto file = dir.Write("empty.log", "");
  BodyStream stream(1024, nullptr, nullptr);
  BodyEncoder encoder(file, 0);
  encoder.Pump(stream);
  ASSERT_TRUE(stream.complete());
  EXPECT_EQ(stream.total_bytes(), 0u);
  EXPECT_EQ(stream.md5_hex(), "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(BodyEncoder, InMemoryBodiesAreEncodedLikeFiles) {
  auto bytes = std::make_shared<const std::string>("<html>index</html>\n");
  BodyStream stream(1024, nullptr, nullptr);
  BodyEncoder encoder(bytes, 9);
  encoder.Pump(stream);
  char buffer[4096];
  size_t n = 0;
  ASSERT_EQ(stream.Read(buffer, sizeof buffer, &n), BodyStream::ReadStatus::kData);
  std::string plain;
  ASSERT_TRUE(testing::Gunzip(std::string(buffer, n), &plain));
  EXPECT_EQ(plain, *bytes);
}

TEST(BodyEncoder, AnUnreadableFileFailsTheStreamNamingIt) {
  BodyStream stream(1024, nullptr, nullptr);
  BodyEncoder encoder("/nonexistent/x.log", 6);
  encoder.Pump(stream);
  EXPECT_EQ(stream.error(), "cannot read '/nonexistent/x.log': No such file or directory");
  char buffer[16];
  size_t n = 0;
  EXPECT_EQ(stream.Read(buffer, sizeof buffer, &n), BodyStream::ReadStatus::kError);
}

TEST(BodyEncoder, AFileShorterThanListedFailsTheStreamBeforeItsEnd) {
  // The file shrank after the folder was read: the stream must fail, never end, so libcurl
  // aborts the PUT instead of completing it and Swift storing a cut-off object.
  testing::TempDir dir;
  const std::string text = LogText(40000);
  auto file = dir.Write("changed.log", text);
  for (int level : {0, 6}) {
    bool pump_wanted = false;
    BodyStream stream(
        64 * 1024, [&] { pump_wanted = true; }, nullptr);
    BodyEncoder encoder(file, level);
    encoder.ExpectSize(text.size() + 1000);
    Drain(encoder, stream, &pump_wanted);
    char buffer[16];
    size_t n = 0;
    EXPECT_EQ(stream.Read(buffer, sizeof buffer, &n), BodyStream::ReadStatus::kError)
        << "gzip " << level;
    EXPECT_NE(stream.error().find("shrank while it was uploaded"), std::string::npos);
    EXPECT_FALSE(encoder.grew());
  }
  // The size it has: the body ends normally.
  bool pump_wanted = false;
  BodyStream stream(
      64 * 1024, [&] { pump_wanted = true; }, nullptr);
  BodyEncoder encoder(file, 6);
  encoder.ExpectSize(text.size());
  std::string plain;
  ASSERT_TRUE(testing::Gunzip(Drain(encoder, stream, &pump_wanted), &plain));
  EXPECT_EQ(plain, text);
  EXPECT_TRUE(stream.error().empty());
  EXPECT_FALSE(encoder.grew());
}

TEST(BodyEncoder, AFileLongerThanListedIsCutAtTheListedSize) {
  // A log still being written (Zuul's job-output.txt during post-run): exactly the bytes the
  // folder listing counted are sent, plain or gzipped, at a block boundary or not.
  testing::TempDir dir;
  const std::string text = LogText(40000);
  auto file = dir.Write("growing.log", text);
  for (uint64_t listed : {uint64_t{0}, uint64_t{1}, uint64_t{64 * 1024}, uint64_t{text.size() / 2},
                          uint64_t{text.size() - 1}}) {
    for (int level : {0, 6}) {
      SCOPED_TRACE("listed " + std::to_string(listed) + ", gzip " + std::to_string(level));
      bool pump_wanted = false;
      BodyStream stream(
          64 * 1024, [&] { pump_wanted = true; }, nullptr);
      BodyEncoder encoder(file, level);
      encoder.ExpectSize(listed);
      std::string sent = Drain(encoder, stream, &pump_wanted);
      ASSERT_EQ(stream.error(), "");
      std::string plain = sent;
      if (level > 0) ASSERT_TRUE(testing::Gunzip(sent, &plain));
      EXPECT_EQ(plain, text.substr(0, listed));
      EXPECT_EQ(stream.md5_hex(), testing::Md5Hex(sent));
      EXPECT_EQ(stream.total_bytes(), sent.size());
      EXPECT_EQ(encoder.bytes_read(), listed);
      EXPECT_TRUE(encoder.grew());
    }
  }
}

// A job's token as the scheduler issues it, for the redaction tests.
tokens::Token JobToken() {
  tokens::TokenScope scope;
  scope.storage_url = "https://swift.example/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "zuul/42/";
  scope.expires_unix_s = 1900000000;
  return tokens::IssueToken(scope, "secret-key");
}

TEST(BodyEncoder, ATokenAcrossTheCutOfAGrownFileIsStillRedacted) {
  // The cut falls inside the token: the part before it must not be published either.
  tokens::Token token = JobToken();
  const std::string secret = tokens::EncodeToken(token);
  const std::string before = LogText(2000) + "+ export LOGSTOW_TOKEN=";
  const std::string text = before + secret + "\nmore output\n";
  testing::TempDir dir;
  auto file = dir.Write("job-output.txt", text);
  const uint64_t listed = before.size() + secret.size() / 2;
  for (int level : {0, 6}) {
    SCOPED_TRACE(level);
    bool pump_wanted = false;
    BodyStream stream(
        64 * 1024, [&] { pump_wanted = true; }, nullptr);
    BodyEncoder encoder(file, level);
    encoder.RedactWith(PatternsForToken(token, secret));
    encoder.ExpectSize(listed);
    std::string sent = Drain(encoder, stream, &pump_wanted);
    ASSERT_EQ(stream.error(), "");
    std::string plain = sent;
    if (level > 0) ASSERT_TRUE(testing::Gunzip(sent, &plain));
    ASSERT_EQ(plain.size(), listed);
    EXPECT_EQ(plain.substr(0, before.size()), before);
    EXPECT_EQ(plain.find(secret.substr(5, 16)), std::string::npos) << "no part of the token";
    EXPECT_EQ(plain.substr(before.size() + 5),
              RedactedText(secret.size() - 5).substr(0, listed - before.size() - 5));
    EXPECT_EQ(encoder.redactions(), 1u);
    EXPECT_TRUE(encoder.grew());
  }
}

// Segments of a large object: windows of the body, cut from the gzip stream or the bytes.
TEST(BodyEncoder, WindowsOfTheBodyJoinIntoTheWholeBody) {
  testing::TempDir dir;
  const std::string text = LogText(20000);
  auto file = dir.Write("big.log", text);
  for (int level : {0, 6}) {
    SCOPED_TRACE(level);
    BodyEncoder whole_encoder(file, level);
    MeasuredBody whole = MeasureBody(whole_encoder);
    ASSERT_EQ(whole.error, "");
    const uint64_t segment = 100000;
    std::string joined;
    for (uint64_t skip = 0; skip < whole.bytes; skip += segment) {
      bool pump_wanted = false;
      BodyStream stream(
          64 * 1024, [&] { pump_wanted = true; }, nullptr);
      BodyEncoder encoder(file, level);
      encoder.SetWindow(skip, segment);
      encoder.ExpectSize(text.size());
      std::string part = Drain(encoder, stream, &pump_wanted);
      EXPECT_EQ(part.size(), std::min(segment, whole.bytes - skip));
      EXPECT_EQ(stream.md5_hex(), testing::Md5Hex(part)) << "the window's own MD5";
      joined += part;
    }
    EXPECT_EQ(joined.size(), whole.bytes);
    std::string plain = joined;
    if (level > 0) {
      ASSERT_TRUE(testing::Gunzip(joined, &plain));
    }
    EXPECT_EQ(plain, text);
  }
}

TEST(BodyEncoder, MeasureCountsTheBodyAsItWouldBeSent) {
  testing::TempDir dir;
  const std::string text = LogText(2000);
  auto file = dir.Write("a.log", text);
  BodyEncoder plain(file, 0);
  EXPECT_EQ(MeasureBody(plain).bytes, text.size());
  BodyEncoder gzip(file, 6);
  bool pump_wanted = false;
  BodyStream stream(
      64 * 1024, [&] { pump_wanted = true; }, nullptr);
  BodyEncoder sent(file, 6);
  EXPECT_EQ(MeasureBody(gzip).bytes, Drain(sent, stream, &pump_wanted).size());
  BodyEncoder missing(dir.path() / "missing.log", 6);
  EXPECT_EQ(MeasureBody(missing).error, "cannot read '" + (dir.path() / "missing.log").string() +
                                            "': No such file or directory");
}

TEST(BodyEncoder, InflateFirstReadsEveryGzipMemberAndGzipsThemAgainAsOne) {
  testing::TempDir dir;
  const std::string a = LogText(300), b = LogText(50);
  auto file = dir.Write("two.txt.gz", testing::Gzip(a) + testing::Gzip(b));
  bool pump_wanted = false;
  BodyStream stream(
      64 * 1024, [&] { pump_wanted = true; }, nullptr);
  BodyEncoder encoder(file, 6);
  encoder.InflateFirst();
  std::string plain;
  ASSERT_TRUE(testing::Gunzip(Drain(encoder, stream, &pump_wanted), &plain));
  EXPECT_EQ(plain, a + b);

  auto broken = dir.Write("broken.txt.gz", testing::Gzip(a).substr(0, 100));
  BodyEncoder cut(broken, 6);
  cut.InflateFirst();
  EXPECT_EQ(MeasureBody(cut).error,
            "'" + broken.string() + "' is not valid gzip data (or it is cut short)");
}

// A processing rule's redact stage runs before gzip, across the stream's many pumps, and keeps
// the length (so the size metadata sent before the body stays true).
TEST(BodyEncoder, RedactPatternsApplyBeforeGzipAndKeepTheLength) {
  testing::TempDir dir;
  std::string text = LogText(20000);
  for (size_t at = 1000; at + 40 < text.size(); at += 50000)
    text.replace(at, 16, "password=hunter2");
  auto file = dir.Write("p.log", text);
  bool pump_wanted = false;
  BodyStream stream(
      64 * 1024, [&] { pump_wanted = true; }, nullptr);
  BodyEncoder encoder(file, 6);
  encoder.RedactPatternsWith(std::make_shared<const RedactPatterns>(
      std::vector<std::string>{"password=hunter2"}, "[redacted]"));
  std::string sent = Drain(encoder, stream, &pump_wanted);
  std::string plain;
  ASSERT_TRUE(testing::Gunzip(sent, &plain));
  EXPECT_EQ(plain.size(), text.size());
  EXPECT_EQ(plain.find("hunter2"), std::string::npos);
  EXPECT_EQ(plain.substr(1000, 16), "[redacted]******");
  EXPECT_GT(encoder.pattern_redactions(), 10u);
  EXPECT_EQ(encoder.redactions(), 0u) << "the token redaction counts apart";
}

// A rule's pattern that hides the token's head must not leave the rest (the signature) to be
// published: the token scan runs first, on the whole token.
TEST(BodyEncoder, TheTokenIsRedactedBeforeARulesPatternCanHidePartOfIt) {
  tokens::Token token = JobToken();
  const std::string secret = tokens::EncodeToken(token);
  testing::TempDir dir;
  auto file = dir.Write("partial.log", "tok " + secret + "\n");
  bool pump_wanted = false;
  BodyStream stream(
      64 * 1024, [&] { pump_wanted = true; }, nullptr);
  BodyEncoder encoder(file, 0);
  encoder.RedactWith(PatternsForToken(token, secret));
  encoder.RedactPatternsWith(std::make_shared<const RedactPatterns>(
      std::vector<std::string>{"lst1\\.[A-Za-z0-9]{5}"}, "X"));
  std::string sent = Drain(encoder, stream, &pump_wanted);
  ASSERT_EQ(stream.error(), "");
  EXPECT_EQ(sent.size(), secret.size() + 5);
  EXPECT_EQ(sent.find(secret.substr(secret.size() - 16)), std::string::npos)
      << "no part of the token's tail: " << sent;
  EXPECT_EQ(encoder.redactions(), 1u);
}

TEST(BodyStream, AsksForMoreOnlyBelowHalfAndWouldBlockWhenEmpty) {
  int asked = 0;
  BodyStream stream(
      10, [&] { ++asked; }, nullptr);
  char buffer[16];
  size_t n = 0;
  EXPECT_EQ(stream.Read(buffer, 4, &n), BodyStream::ReadStatus::kWouldBlock);
  stream.Push("0123456789");
  EXPECT_FALSE(stream.wants_more());
  EXPECT_TRUE(stream.ready_to_send());
  asked = 0;
  EXPECT_EQ(stream.Read(buffer, 4, &n), BodyStream::ReadStatus::kData);
  EXPECT_EQ(asked, 0) << "6 of 10 bytes still buffered";
  EXPECT_EQ(stream.Read(buffer, 4, &n), BodyStream::ReadStatus::kData);
  EXPECT_EQ(asked, 1);
  stream.Finish("md5", 10);
  EXPECT_EQ(stream.Read(buffer, 16, &n), BodyStream::ReadStatus::kData);
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(stream.Read(buffer, 16, &n), BodyStream::ReadStatus::kEnd);
}

}  // namespace
}  // namespace logstow::uploader
