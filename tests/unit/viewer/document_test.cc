#include "viewer/document.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <string>

#include "common/time_format.h"
#include "tests/testing/viewer_samples.h"
#include "viewer/search.h"

namespace logstow::viewer {
namespace {

using testing::ReadSample;

// Lines per level, as {NONE, TRACE, DEBUG, INFO, AUDIT, WARNING, ERROR, CRITICAL}.
using Counts = std::array<size_t, kSeverityLevels>;

Document Load(std::string_view name, size_t chunk = 65536) {
  const std::string bytes = ReadSample(name);
  Document document;
  for (size_t at = 0; at < bytes.size(); at += chunk)
    document.Append(std::string_view(bytes).substr(at, chunk));
  document.Finish();
  return document;
}

// Expected counts were computed independently of the C++ rules: the oslo and "TS | " samples
// with tests/tools/record_levels.awk (zcat FILE | awk -f tests/tools/record_levels.awk), the two
// journal files by hand; recorded in tests/data/SOURCES.md. "stated" = the line's own level;
// "effective" = own or of the record the line continues (viewer/severity.h).
struct Expected {
  const char* sample;
  size_t lines;
  Counts stated;
  Counts effective;
};

TEST(Document, PerLevelLineCountsOfTheRealSamples) {
  const Expected cases[] = {
      // screen-n-api: the counts of tests/data/SOURCES.md (DEBUG 11,886 ... ERROR 5).
      {"screen-n-api.txt.gz",
       50745,
       {50745 - 11886 - 2721 - 271 - 6 - 5, 0, 11886, 2721, 271, 6, 5, 0},
       {4, 0, 46071, 4388, 271, 6, 5, 0}},
      // WARN and WARNING both count as WARNING.
      {"screen-neutron-l3.txt.gz",
       26361,
       {26361 - 25212 - 85 - 122 - 19, 0, 25212, 85, 0, 122, 19, 0},
       {5, 0, 25214, 85, 0, 1038, 19, 0}},
      {"screen-c-api.txt.gz",
       3695,
       {3695 - 2804 - 486 - 249 - 50, 0, 2804, 486, 249, 50, 0, 0},
       {4, 0, 2906, 486, 249, 50, 0, 0}},
      {"devstack@c-api.service.log.txt", 10, {2, 0, 4, 3, 0, 1, 0, 0}, {2, 0, 4, 3, 0, 1, 0, 0}},
      // One Python traceback after the journal prefix: ERROR, continued by its 6 indented
      // lines; its exception line "error: cannot switch ..." states ERROR (a syslog error word);
      // an indented sudo line continues a DEBUG record; two pam_unix records have no level.
      {"devstack@c-vol.service.log.txt", 14, {9, 0, 1, 2, 0, 0, 2, 0}, {2, 0, 2, 2, 0, 0, 8, 0}},
      // Zuul job output: TASK/PLAY headers and "ok" are INFO, "skipping:" DEBUG; every other
      // "TS | host | text" line starts a record with no level (36), the one indented line
      // continues a TASK.
      {"job-output.txt", 54, {37, 0, 2, 15, 0, 0, 0, 0}, {36, 0, 2, 16, 0, 0, 0, 0}},
      // stack.sh output with "TS | " prefixes: "ERROR"/"warning:" prefixes; indented lines
      // continue them, every other "TS | " line is a record of its own.
      {"devstacklog.txt.gz",
       10839,
       {10839 - 448 - 6, 0, 0, 0, 0, 448, 6, 0},
       {9891, 0, 0, 0, 0, 942, 6, 0}},
  };
  for (const Expected& c : cases) {
    SCOPED_TRACE(c.sample);
    const Document document = Load(c.sample);
    EXPECT_EQ(document.line_count(), c.lines);
    EXPECT_EQ(document.stated_counts(), c.stated);
    EXPECT_EQ(document.severity_counts(), c.effective);
  }
}

TEST(Document, TracebackLinesContinueTheTraceback) {
  const Document document = Load("devstack@c-vol.service.log.txt");
  ASSERT_EQ(document.line_count(), 14u);
  EXPECT_EQ(document.severity(0), Severity::kInfo);
  EXPECT_EQ(document.severity(1), Severity::kError);  // "... cinder-volume[27348]: Traceback"
  EXPECT_TRUE(document.states_severity(1));
  for (size_t n = 2; n <= 7; ++n) {  // "  File ...", "    timer()", ... (indented after the prefix)
    SCOPED_TRACE(n);
    EXPECT_EQ(document.severity(n), Severity::kError);
    EXPECT_FALSE(document.states_severity(n));
  }
  EXPECT_EQ(document.severity(8), Severity::kError);  // "error: cannot switch ...": own ERROR
  EXPECT_EQ(document.severity(9), Severity::kInfo);
  EXPECT_EQ(document.severity(11), Severity::kDebug);  // a sudo line after a DEBUG line
  EXPECT_FALSE(document.states_severity(11));
}

TEST(Document, ContinuationLinesInheritAndTheFirstLineStartsAtNone) {
  Document document;
  document.Append(
      "plain start\n"
      "2013-09-10 12:34:56.789 1234 ERROR nova.compute [-] boom\n"
      "  continued\n"
      "Traceback (most recent call last):\n"
      "  File \"x.py\", line 3, in <module>\n"
      "ValueError: bad\n"
      "2013-09-10 12:34:57.000 1234 INFO nova [-] fine\n");
  document.Finish();
  // The traceback continues the ERROR record (severity.h).
  const Severity expected[] = {Severity::kNone,  Severity::kError, Severity::kError,
                               Severity::kError, Severity::kError, Severity::kError,
                               Severity::kInfo};
  ASSERT_EQ(document.line_count(), 7u);
  for (size_t n = 0; n < 7; ++n) {
    SCOPED_TRACE(n);
    EXPECT_EQ(document.severity(n), expected[n]);
  }
  EXPECT_EQ(document.severity_bytes()[1],
            static_cast<uint8_t>(Severity::kError) | Document::kOwnLevelBit);
  EXPECT_EQ(document.severity_bytes()[2], static_cast<uint8_t>(Severity::kError));
}

TEST(Document, ClassifiesWhatATerminalShows) {
  Document document;
  document.Append("\x1b[31mERROR:\x1b[0m red\n");   // colour codes around the level
  document.Append("ERROR: gone\rWARNING: last\n");  // overwritten: the last state counts
  document.Finish();
  EXPECT_EQ(document.severity(0), Severity::kError);
  EXPECT_EQ(document.severity(1), Severity::kWarning);
}

// A line with invalid UTF-8 is classified on the text it shows (U+FFFD for the bad bytes), as
// the severity filter and search see it.
TEST(Document, ClassifiesInvalidUtf8AsShown) {
  Document document;
  document.Append(
      "10.0.0.1 - - [01/Mar/2024:12:00:00 +0000] \"GET /caf\xE9 HTTP/1.1\" 404 12 \"-\" "
      "\"curl\"\n");
  document.Append("Mar 28 12:20:42 host caf\xE9[8526]: ERROR cinder.api [-] x\n");
  document.Finish();
  EXPECT_EQ(document.severity(0), Severity::kWarning);
  EXPECT_EQ(document.severity(1), Severity::kError);
}

// The build-wide search's documents: no severity, but the same lines, the same hidden text and
// so the same search results as a viewed document's.
TEST(Document, SkipSeverityKeepsLinesHiddenTextAndSearch) {
  const SearchPattern pattern("in", SearchOptions{.case_insensitive = true, .literal = true});
  ASSERT_TRUE(pattern.ok());
  for (const char* sample :
       {"screen-neutron-l3.txt.gz", "job-output.txt", "npm.sh.raw.gz", "console.html.gz"}) {
    SCOPED_TRACE(sample);
    const std::string bytes = ReadSample(sample);
    const Document viewed = Load(sample);
    Document searched;
    searched.SkipSeverity();
    for (size_t at = 0; at < bytes.size(); at += 65536)
      searched.Append(std::string_view(bytes).substr(at, 65536));
    searched.Finish();
    ASSERT_EQ(searched.line_count(), viewed.line_count());
    EXPECT_EQ(searched.hides_text(), viewed.hides_text());
    EXPECT_EQ(searched.severity_counts()[0], searched.line_count());
    for (size_t n = 0; n < searched.line_count(); ++n)
      ASSERT_EQ(searched.severity(n), Severity::kNone);
    const SearchSummary a = SearchShown(searched, pattern, 1000);
    const SearchSummary b = SearchShown(viewed, pattern, 1000);
    EXPECT_GT(b.match_count, 0u);
    EXPECT_EQ(a.match_count, b.match_count);
    EXPECT_EQ(a.line_count, b.line_count);
    EXPECT_EQ(a.hits, b.hits);
  }
}

TEST(Document, SeveritiesDoNotDependOnChunkSize) {
  for (const char* sample :
       {"screen-neutron-l3.txt.gz", "devstack@c-vol.service.log.txt", "job-output.txt",
        "buildah-build.sh.raw", "npm.sh.raw.gz", "console.html.gz"}) {
    SCOPED_TRACE(sample);
    const std::string bytes = ReadSample(sample);
    Document whole;
    whole.Append(bytes);
    whole.Finish();
    for (const size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, size_t{1} << 20}) {
      SCOPED_TRACE(chunk);
      Document document;
      for (size_t at = 0; at < bytes.size(); at += chunk) {
        document.Append(std::string_view(bytes).substr(at, chunk));
      }
      document.Finish();
      ASSERT_EQ(document.line_count(), whole.line_count());
      EXPECT_EQ(0,
                std::memcmp(document.severity_bytes(), whole.severity_bytes(), whole.line_count()));
      EXPECT_EQ(document.severity_counts(), whole.severity_counts());
    }
  }
}

TEST(Document, TimestampsAndJumpingToATime) {
  const Document document = Load("job-output.txt");
  const Timestamp first = document.timestamp(0);
  ASSERT_TRUE(first.ok);
  EXPECT_EQ(first.unix_us, (DaysFromCivil(2018, 8, 1) * 86400 + 43 * 60 + 51) * 1000000 + 328884);
  // 00:44:05 is first reached on line 13 (1-based) "2018-08-01 00:44:05.067095 | localhost | ok".
  const int64_t at = (DaysFromCivil(2018, 8, 1) * 86400 + 44 * 60 + 5) * int64_t{1000000};
  EXPECT_EQ(document.LineAtTime(at) + 1, 13u);
  EXPECT_EQ(document.LineAtTime(0), 0u);
  EXPECT_EQ(document.LineAtTime(INT64_MAX), document.line_count());
}

// Times need not grow through a log (writers interleave; a year-less log crosses New Year): the
// jump goes to the first line at or after the time, not where a search over sorted times lands.
TEST(Document, JumpingToATimeInALogWhoseTimesGoBack) {
  std::string text = "2025-01-05 10:00:00.000 a\n";
  for (int day = 1; day <= 4; ++day)
    text += "2025-01-0" + std::to_string(day) + " 00:00:00.000 b\n";
  // Past one block of lines, a late time again, then untimed lines.
  for (int i = 0; i < 600; ++i) text += "2025-01-02 00:00:00.000 c\n";
  text += "2025-02-01 00:00:00.000 d\nno time\n";
  Document document;
  document.Append(text);
  document.Finish();
  const auto us = [](int month, int day, int hour) {
    return (DaysFromCivil(2025, month, day) * 86400 + hour * 3600) * int64_t{1000000};
  };
  EXPECT_EQ(document.LineAtTime(us(1, 5, 10)), 0u);
  EXPECT_EQ(document.LineAtTime(us(1, 4, 0)), 0u);
  EXPECT_EQ(document.LineAtTime(us(1, 1, 0)), 0u);
  EXPECT_EQ(document.LineAtTime(us(1, 6, 0)), 605u);  // only the last time is later
  EXPECT_EQ(document.LineAtTime(us(2, 2, 0)), document.line_count());
  // The blocks follow the lines that come later.
  Document growing;
  growing.Append("2025-01-03 00:00:00.000 a\n");
  EXPECT_EQ(growing.LineAtTime(us(1, 4, 0)), growing.line_count());
  growing.Append("2025-01-05 00:00:00.000 b\n");
  EXPECT_EQ(growing.LineAtTime(us(1, 4, 0)), 1u);
}

// A journal log (no year in its lines) read with its file's date: its times, and a jump to one,
// are of that date's year; the date may be set after the bytes (times are parsed on demand).
TEST(Document, AYearlessLogTakesItsYearFromTheFilesDate) {
  Document document = Load("devstack@c-api.service.log.txt");
  // Line 2: "Mar 28 12:20:42.377230 ubuntu-xenial-… systemd[1]: Started …".
  const auto us = [](int64_t year, int h, int mi, int s, int64_t frac_us) {
    return (DaysFromCivil(year, 3, 28) * 86400 + (h * 60 + mi) * 60 + s) * 1000000 + frac_us;
  };
  document.set_file_date(DaysFromCivil(2017, 3, 28) * 86400 + 13 * 3600 + 17 * 60);
  EXPECT_EQ(document.file_date(), DaysFromCivil(2017, 3, 28) * 86400 + 13 * 3600 + 17 * 60);
  const Timestamp second = document.timestamp(1);
  ASSERT_TRUE(second.ok);
  EXPECT_FALSE(second.has_year);
  EXPECT_EQ(second.unix_us, us(2017, 12, 20, 42, 377230));
  EXPECT_EQ(document.LineAtTime(us(2017, 12, 20, 42, 377230)), 1u);
  EXPECT_EQ(document.LineAtTime(us(2000, 12, 20, 42, 0)), 1u);  // long before: the first time
  EXPECT_EQ(document.LineAtTime(us(2018, 0, 0, 0, 0)), document.line_count());
  // Another date, another year: the same line, found at that year's time.
  document.set_file_date(DaysFromCivil(2024, 4, 2) * 86400);
  EXPECT_EQ(document.timestamp(1).unix_us, us(2024, 12, 20, 42, 377230));
  EXPECT_EQ(document.LineAtTime(us(2024, 12, 20, 43, 0)), 2u);
}

// Until a date is set, the year is the one of now (the document's making): never a fixed year.
TEST(Document, WithoutAFileDateAYearlessTimeIsOfTheCurrentYear) {
  const int64_t before = NowUnixSeconds();
  Document document;
  document.Append("Jan 01 00:00:00 host x\n");
  document.Finish();
  EXPECT_GE(document.file_date(), before);
  EXPECT_LE(document.file_date(), NowUnixSeconds());
  const int64_t year = CivilFromDays(document.timestamp(0).unix_us / 86400000000).year;
  // Jan 1 is never more than a day after today's date: this year's, or next year's on Dec 31.
  const int64_t this_year = CivilFromDays(document.file_date() / 86400).year;
  EXPECT_TRUE(year == this_year || year == this_year + 1) << year;
}

TEST(Document, MemoryIsTheBytesPlusFiveBytesPerLine) {
  const std::string bytes = ReadSample("screen-n-api.txt.gz");
  Document document;
  document.Reserve(bytes.size());
  document.Append(bytes);
  document.Finish();
  // Reserved exactly: the bytes, 4 bytes (start) + 1 byte (severity) per line, growth slack.
  EXPECT_LE(document.memory_bytes(), bytes.size() + 5 * 2 * document.line_count() + 4096);
}

}  // namespace
}  // namespace logstow::viewer
