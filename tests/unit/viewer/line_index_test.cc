#include "viewer/line_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tests/testing/viewer_samples.h"

namespace logstow::viewer {
namespace {

using testing::ReadSample;
using testing::ReferenceLines;

std::vector<std::string> Lines(const LineIndex& index) {
  std::vector<std::string> lines;
  for (size_t n = 0; n < index.line_count(); ++n) lines.emplace_back(index.line_text(n));
  return lines;
}

LineIndex IndexInChunks(std::string_view bytes, size_t chunk) {
  LineIndex index;
  for (size_t at = 0; at < bytes.size(); at += chunk) index.Append(bytes.substr(at, chunk));
  index.Finish();
  return index;
}

TEST(LineIndex, SplitsAtNewlinesAndDropsTerminators) {
  struct Case {
    const char* name;
    std::string bytes;
    std::vector<std::string> lines;
  };
  const Case cases[] = {
      {"empty", "", {}},
      {"one terminated", "a\n", {"a"}},
      {"unterminated tail", "a\nb", {"a", "b"}},
      {"crlf", "a\r\nb\r\n", {"a", "b"}},
      {"empty lines", "\n\n", {"", ""}},
      {"lone cr stays inside the line", "10%\r50%\r100%\n", {"10%\r50%\r100%"}},
      {"cr before crlf", "done\r\r\n", {"done\r"}},
      {"final lone cr ends the tail", "a\nb\r", {"a", "b"}},
      {"only a cr", "\r", {""}},
      {"nul bytes are text", std::string("a\0b\n", 4), {std::string("a\0b", 3)}},
      {"lines ending in a lone cr (classic Mac OS)", "a\rb\r\rc\r", {"a", "b", "", "c"}},
      {"cr-only with an unterminated tail", "first\rsecond", {"first", "second"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    LineIndex index;
    index.Append(c.bytes);
    index.Finish();
    EXPECT_EQ(Lines(index), c.lines);
    EXPECT_EQ(Lines(index), ReferenceLines(c.bytes));
  }
}

// A log whose first 64 KiB hold no '\n' but a '\r' ends every line at '\r' (else it would be one
// line showing only its last part); a '\n' in those 64 KiB keeps '\r' inside lines for the whole
// log. The first 64 KiB alone decide, so any chunking gives the same lines.
TEST(LineIndex, CarriageReturnLinesAreDecidedByTheFirst64KiB) {
  std::string cr_only;
  for (int n = 0; cr_only.size() < LineIndex::kCrLinesDecideBytes + 10000; ++n) {
    cr_only += "serial console line " + std::to_string(n) + "\r";
  }
  std::string newline_late = cr_only + "a newline past the first 64 KiB\nand a last line\n";
  std::string newline_early = "one real line\n" + cr_only;
  for (const std::string* bytes : {&cr_only, &newline_late, &newline_early}) {
    const std::vector<std::string> expected = ReferenceLines(*bytes);
    for (const size_t chunk : {size_t{1} << 20, size_t{65536}, size_t{4096}, size_t{7}}) {
      SCOPED_TRACE(chunk);
      const LineIndex index = IndexInChunks(*bytes, chunk);
      EXPECT_EQ(Lines(index), expected);
      EXPECT_EQ(index.cr_lines(), bytes != &newline_early);
    }
  }
  EXPECT_EQ(ReferenceLines(cr_only).front(), "serial console line 0");
  EXPECT_EQ(ReferenceLines(newline_early).size(), 2u);  // the '\r's stay inside line 2
  // Past the first 64 KiB a '\n' is text of its line.
  EXPECT_EQ(ReferenceLines(newline_late).back(),
            "a newline past the first 64 KiB\nand a last line\n");
}

TEST(LineIndex, CrlfSplitAcrossChunksIsOneTerminator) {
  LineIndex index;
  EXPECT_EQ(index.Append("first\r"), 0u);
  EXPECT_EQ(index.Append("\nsecond"), 1u);
  index.Finish();
  ASSERT_EQ(index.line_count(), 2u);
  EXPECT_EQ(index.line_text(0), "first");
  EXPECT_EQ(index.line_text(1), "second");
}

TEST(LineIndex, TailCountsOnlyAfterFinish) {
  LineIndex index;
  index.Append("a\nb");
  EXPECT_EQ(index.line_count(), 1u);
  EXPECT_EQ(index.size_in_bytes(), 3u);
  index.Finish();
  EXPECT_EQ(index.line_count(), 2u);
  index.Finish();  // idempotent
  EXPECT_EQ(index.line_count(), 2u);
  EXPECT_EQ(index.Append("more"), 0u);  // finished: nothing more is taken
  EXPECT_EQ(index.size_in_bytes(), 3u);
}

TEST(LineIndex, LineAtFindsTheLineOfAnyByte) {
  LineIndex index;
  index.Append("ab\r\ncd\n\nef");
  index.Finish();
  const size_t expected[] = {0, 0, 0, 0, 1, 1, 1, 2, 3, 3};
  for (uint32_t offset = 0; offset < 10; ++offset) {
    SCOPED_TRACE(offset);
    EXPECT_EQ(index.LineAt(offset), expected[offset]);
  }
  EXPECT_EQ(index.line(1), (ByteRange{4, 6}));
}

TEST(LineIndex, ZeroCopyAppendWritesIntoTheReservedBuffer) {
  LineIndex index;
  ASSERT_TRUE(index.Reserve(1000));
  char* first = index.PrepareAppend(4);
  ASSERT_NE(first, nullptr);
  std::copy_n("ab\nc", 4, first);
  EXPECT_EQ(index.CommitAppend(4), 1u);
  char* second = index.PrepareAppend(3);
  EXPECT_EQ(second, first + 4);  // reserved: the buffer did not move
  std::copy_n("d\ne", 3, second);
  EXPECT_EQ(index.CommitAppend(2), 1u);  // only "d\n" committed
  index.Finish();
  EXPECT_EQ(Lines(index), (std::vector<std::string>{"ab", "cd"}));
  EXPECT_GE(index.memory_bytes(), 1000u);
}

TEST(LineIndex, RefusesLogsPastFourGibibytes) {
  LineIndex index;
  EXPECT_FALSE(index.Reserve(LineIndex::kMaxBytes + 1));
  EXPECT_EQ(index.PrepareAppend(LineIndex::kMaxBytes + 1), nullptr);
  EXPECT_EQ(index.size_in_bytes(), 0u);
}

TEST(LineIndex, CopiesAreIndependent) {
  LineIndex index;
  index.Append("a\nb\n");
  LineIndex copy = index;
  index.Append("c\n");
  EXPECT_EQ(copy.line_count(), 2u);
  EXPECT_EQ(index.line_count(), 3u);
  EXPECT_EQ(copy.line_text(1), "b");
}

// Regression: issue #10 (a log compressed 17x left the Wasm heap at 3.06x the log: a 10x size
// guess, then regrowth that copied the buffer).
// Without a size the buffer grows by 1/16 at a time: never more than ~1/16 of it is slack (the
// start array: 1/8).
TEST(LineIndex, GrowthWithoutReserveKeepsSlackSmall) {
  const std::string line = "2026-12-06 20:00:00.000 1234 INFO nova.compute [req-1] a log line\n";
  std::string chunk;
  while (chunk.size() < (64 << 10)) chunk += line;
  LineIndex index;
  while (index.size_in_bytes() < (24u << 20)) {
    index.Append(chunk);
    const size_t starts = (index.line_count() + 1) * sizeof(uint32_t);
    ASSERT_LE(index.memory_bytes(),
              index.size_in_bytes() + index.size_in_bytes() / 16 + 4096 + starts + starts / 8 + 64);
  }
  EXPECT_EQ(index.line_count(), index.size_in_bytes() / line.size());
}

// With the exact size reserved, the byte buffer is exactly the log: memory is the log plus its
// line starts (and their 1/8 of slack), however it is chunked.
TEST(LineIndex, ReservedExactlyHoldsTheLogOnce) {
  std::string log;
  for (int i = 0; log.size() < (3u << 20); ++i) log += "line " + std::to_string(i) + "\n";
  for (const size_t chunk : {size_t{1000}, size_t{65536}, log.size()}) {
    SCOPED_TRACE(chunk);
    LineIndex index;
    ASSERT_TRUE(index.Reserve(log.size()));
    for (size_t at = 0; at < log.size(); at += chunk) {
      index.Append(std::string_view(log).substr(at, chunk));
    }
    index.Finish();
    ASSERT_EQ(index.bytes(), log);
    const size_t starts = (index.line_count() + 1) * sizeof(uint32_t);
    EXPECT_LE(index.memory_bytes(), log.size() + starts + starts / 8 + 64);
  }
}

TEST(LineIndex, AppendingPastTheReservedSizeStillWorks) {
  LineIndex index;
  ASSERT_TRUE(index.Reserve(4));
  index.Append("ab\ncd\nef\ngh");
  index.Finish();
  EXPECT_EQ(Lines(index), (std::vector<std::string>{"ab", "cd", "ef", "gh"}));
}

TEST(LineIndex, MovedIndexKeepsItsLines) {
  LineIndex index;
  index.Append("a\nb\n");
  LineIndex moved = std::move(index);
  moved.Append("c\n");
  EXPECT_EQ(Lines(moved), (std::vector<std::string>{"a", "b", "c"}));
}

// Every sample, fed in chunks of 1, 7, 4096 and 1 MiB bytes, gives the reference lines.
TEST(LineIndex, SamplesGiveTheSameLinesAtEveryChunkSize) {
  const char* samples[] = {"screen-n-api.txt.gz", "screen-neutron-l3.txt.gz",
                           "console.html.gz",     "devstack@c-vol.service.log.txt",
                           "job-output.txt",      "buildah-build.sh.raw",
                           "npm.sh.raw.gz",       "pikachu.sh.raw"};
  for (const char* name : samples) {
    SCOPED_TRACE(name);
    const std::string bytes = ReadSample(name);
    const std::vector<std::string> expected = ReferenceLines(bytes);
    for (const size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, size_t{1} << 20}) {
      SCOPED_TRACE(chunk);
      const LineIndex index = IndexInChunks(bytes, chunk);
      ASSERT_EQ(index.line_count(), expected.size());
      EXPECT_TRUE(Lines(index) == expected);
      EXPECT_EQ(index.bytes(), bytes);
    }
  }
}

TEST(LineIndex, ScreenNApiHasItsKnownShape) {
  const LineIndex index = IndexInChunks(ReadSample("screen-n-api.txt.gz"), 65536);
  EXPECT_EQ(index.size_in_bytes(), 12317962u);  // tests/data/SOURCES.md
  EXPECT_EQ(index.line_count(), 50745u);        // wc -l: the file ends in "\n"
  // The longest line: 97,190 characters, line 40335 (1-based) by awk.
  size_t longest = 0, longest_at = 0;
  for (size_t n = 0; n < index.line_count(); ++n) {
    if (index.line(n).size() > longest) {
      longest = index.line(n).size();
      longest_at = n;
    }
  }
  EXPECT_EQ(longest, 97190u);
  EXPECT_EQ(longest_at + 1, 40335u);
  // 4 bytes per line on top of the bytes (+ growth slack).
  EXPECT_LT(index.memory_bytes(), 2 * index.size_in_bytes());
}

}  // namespace
}  // namespace logstow::viewer
