#include "viewer/baseline_diff.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "viewer/document.h"

namespace logstow::viewer {
namespace {

LineShapeSet Baseline(std::string_view text, size_t chunk) {
  LineShapeSet set;
  for (size_t at = 0; at < text.size(); at += chunk) set.Append(text.substr(at, chunk));
  set.Finish();
  return set;
}

constexpr std::string_view kGood =
    "2024-03-01 12:00:00.000 | node-01 | TASK [setup]\n"
    "2024-03-01 12:00:01.000 | node-01 | ok: [controller]\n"
    "\n"
    "\x1b[32m2024-03-01 12:00:02.000 | node-01 | changed: 3\x1b[0m\r\n"
    "2024-03-01 12:00:03.000 | node-01 | took 12 s in /tmp/tmpa8x_q1/x";  // no final newline

constexpr std::string_view kBad =
    "2024-03-02 08:00:00.000 | node-02 | TASK [setup]\n"
    "2024-03-02 08:00:01.000 | node-02 | ok: [controller]\n"
    "2024-03-02 08:00:01.500 | node-02 | ERROR: disk full\n"
    "\n"
    "2024-03-02 08:00:02.000 | node-02 | changed: 17\n"
    "2024-03-02 08:00:03.000 | node-02 | took 7 s in /tmp/tmpzz91_k/x\n"
    "Traceback (most recent call last):\n";

TEST(LineShapeSet, KeepsDistinctShapesWhateverTheChunking) {
  for (size_t chunk : {1, 2, 7, 64, 4096}) {
    SCOPED_TRACE(chunk);
    const LineShapeSet set = Baseline(kGood, chunk);
    EXPECT_EQ(set.line_count(), 5u);
    EXPECT_EQ(set.shape_count(), 4u);  // the blank line has none
  }
}

TEST(LineShapeSet, DropsDuplicatesAsItGrows) {
  LineShapeSet set;
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "step " + std::to_string(i) + " done\n";
  set.Append(text);
  set.Finish();
  EXPECT_EQ(set.line_count(), 200000u);
  EXPECT_EQ(set.shape_count(), 1u);
}

TEST(NewLines, AreTheLinesWhoseShapeTheBaselineNeverHad) {
  const LineShapeSet good = Baseline(kGood, 5);
  Document document;
  document.Append(kBad);
  document.Finish();
  EXPECT_EQ(NewLines(document, good), (std::vector<uint32_t>{2, 6}));
}

TEST(NewLineCounter, CountsWhatNewLinesFindsWhateverTheChunking) {
  const LineShapeSet good = Baseline(kGood, 4096);
  for (size_t chunk : {1, 3, 4096}) {
    SCOPED_TRACE(chunk);
    NewLineCounter counter(good);
    for (size_t at = 0; at < kBad.size(); at += chunk) counter.Append(kBad.substr(at, chunk));
    counter.Finish();
    EXPECT_EQ(counter.line_count(), 7u);
    EXPECT_EQ(counter.new_line_count(), 2u);
  }
}

// Classic Mac OS line ends ('\r' alone): the baseline's reader ends lines where the Document does,
// whatever the chunking, also when the '\r' first comes after the decision point (64 KiB).
TEST(NewLines, LinesEndingInALoneCrAreSplitAsTheDocumentSplitsThem) {
  std::string good, bad, late;
  for (int i = 0; i < 3000; ++i)
    good += "2024-03-01 12:00:00.000 step " + std::to_string(i) + " ok\r";
  bad = good + "2024-03-01 12:00:01.000 ERROR disk full\r2024-03-01 12:00:02.000 step 9 ok";
  late = std::string(70000, 'x') + "\rsecond part";  // no '\n' and no '\r' in the first 64 KiB
  for (size_t chunk : {1, 7, 4096, 100000}) {
    SCOPED_TRACE(chunk);
    const LineShapeSet baseline = Baseline(good, chunk);
    EXPECT_EQ(baseline.line_count(), 3000u);
    Document document;
    document.Append(bad);
    document.Finish();
    ASSERT_TRUE(document.index().cr_lines());
    EXPECT_EQ(NewLines(document, baseline), (std::vector<uint32_t>{3000}));
    NewLineCounter counter(baseline);
    for (size_t at = 0; at < bad.size(); at += chunk)
      counter.Append(std::string_view(bad).substr(at, chunk));
    counter.Finish();
    EXPECT_EQ(counter.line_count(), 3002u);
    EXPECT_EQ(counter.new_line_count(), 1u);
    EXPECT_EQ(Baseline(late, chunk).line_count(), 1u);  // one line, as the Document reads it
  }
}

TEST(NewLines, AgainstAnEmptyBaselineEveryLineWithTextIsNew) {
  const LineShapeSet empty = Baseline("", 1);
  Document document;
  document.Append("a\n\nb\n");
  document.Finish();
  EXPECT_EQ(NewLines(document, empty), (std::vector<uint32_t>{0, 2}));
}

}  // namespace
}  // namespace logstow::viewer
