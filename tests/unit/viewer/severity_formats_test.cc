// Every log format the built-in rules read, over a sample per format in tests/data/ (see
// tests/data/SOURCES.md), with the effective level and whether the line states it written down
// line by line by hand, next to the rule in viewer/severity.h (the per-level counts below are
// counted from those annotations, not from the code). Then the record rule's edge cases.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "tests/testing/viewer_samples.h"
#include "viewer/document.h"

namespace logstow::viewer {
namespace {

using testing::ReadSample;
using Counts = std::array<size_t, kSeverityLevels>;  // {NONE, TRACE, DEBUG, ..., CRITICAL}

// One annotation per line: the effective level's name, "*" when the line states it itself.
struct Sample {
  const char* name;
  std::vector<const char*> lines;
  Counts stated;     // counted by hand from `lines`
  Counts effective;  // counted by hand from `lines`
};

Document Load(std::string_view name) {
  Document document;
  document.Append(ReadSample(name));
  document.Finish();
  return document;
}

std::string Annotation(const Document& document, size_t n) {
  return std::string(SeverityName(document.severity(n))) + (document.states_severity(n) ? "*" : "");
}

void CheckSample(const Sample& sample) {
  SCOPED_TRACE(sample.name);
  const Document document = Load(sample.name);
  ASSERT_EQ(document.line_count(), sample.lines.size());
  for (size_t n = 0; n < sample.lines.size(); ++n) {
    EXPECT_EQ(Annotation(document, n), sample.lines[n]) << "line " << n + 1;
  }
  EXPECT_EQ(document.stated_counts(), sample.stated);
  EXPECT_EQ(document.severity_counts(), sample.effective);
}

// Zuul job-output.txt (zuul_stream): level column, a traceback in task output, a failed task and
// its JSON result, FAILED - RETRYING (WARNING: a retry), fatal: FAILED!, PLAY RECAP in Zuul and
// Ansible forms, blank lines (records without a level).
TEST(SeverityFormats, ZuulJobOutputWithFailures) {
  CheckSample({"zuul-job-output-failed.txt",
               {"INFO*",  "NONE",   "INFO*", "NONE",   "INFO*",  "WARNING*", "NONE",
                "ERROR*", "ERROR",  "ERROR", "ERROR",  "NONE",   "ERROR*",   "ERROR",
                "ERROR",  "ERROR",  "ERROR", "NONE",   "INFO*",  "WARNING*", "WARNING*",
                "INFO*",  "NONE",   "INFO*", "ERROR*", "DEBUG*", "INFO*",    "NONE",
                "INFO*",  "ERROR*", "INFO*", "ERROR*", "INFO*",  "NONE"},
               {15, 0, 1, 10, 0, 3, 5, 0},
               {8, 0, 1, 10, 0, 3, 12, 0}});
}

// oslo.log with and without pid, AUDIT, WARN, old-style TRACE lines continuing an ERROR and a
// CRITICAL record, a TRACE record of its own, new-style ERROR traceback lines, unprefixed
// continuation lines.
TEST(SeverityFormats, OsloLogInAllShapes) {
  CheckSample({"oslo-all-shapes.txt",
               {"DEBUG*",   "INFO*",    "AUDIT*",   "WARNING*", "WARNING*", "ERROR*", "ERROR",
                "ERROR",    "ERROR",    "ERROR",    "ERROR",    "INFO*",    "TRACE*", "CRITICAL*",
                "CRITICAL", "CRITICAL", "CRITICAL", "DEBUG*",   "DEBUG",    "DEBUG",  "ERROR*",
                "ERROR*",   "ERROR*",   "ERROR*",   "ERROR",    "INFO*"},
               {11, 1, 2, 3, 1, 2, 5, 1},
               {0, 1, 4, 3, 1, 2, 11, 4}});
}

// Classic syslog (no level field): kernel segfault / Out of memory / Call Trace and its frames,
// error and failed words, a warning word.
TEST(SeverityFormats, ClassicSyslog) {
  CheckSample({"syslog-classic.txt",
               {"NONE", "ERROR*", "NONE", "ERROR*", "ERROR*", "NONE", "ERROR*", "ERROR", "ERROR",
                "NONE", "WARNING*", "ERROR*", "NONE"},
               {7, 0, 0, 0, 0, 1, 5, 0},
               {5, 0, 0, 0, 0, 1, 7, 0}});
}

// Apache/nginx combined access log: 5xx ERROR, 4xx WARNING, 1xx-3xx INFO (an escaped quote in the
// request).
TEST(SeverityFormats, AccessLog) {
  CheckSample({"access.log",
               {"INFO*", "INFO*", "WARNING*", "ERROR*", "INFO*", "ERROR*", "WARNING*", "INFO*"},
               {0, 0, 0, 4, 0, 2, 2, 0},
               {0, 0, 0, 4, 0, 2, 2, 0}});
}

// Python logging LEVEL:module:msg, [ISO] LEVEL, log4j with its \tat / Caused by: lines, klog
// I/W/E/F, GitHub/Azure ##[error] ::error:: ::warning::, pytest and stestr outcomes, levels inside
// ANSI colour.
TEST(SeverityFormats, ApplicationFormats) {
  CheckSample({"app-logs.txt",
               {"INFO*",    "WARNING*", "ERROR*",   "ERROR",    "DEBUG*",    "WARNING*", "NONE",
                "INFO*",    "ERROR*",   "ERROR",    "ERROR",    "ERROR",     "ERROR",    "ERROR",
                "WARNING*", "INFO*",    "WARNING*", "ERROR*",   "CRITICAL*", "ERROR*",   "WARNING*",
                "ERROR*",   "DEBUG*",   "ERROR*",   "ERROR*",   "INFO*",     "ERROR*",   "INFO*",
                "ERROR*",   "INFO*",    "ERROR*",   "WARNING*", "NONE",      "NONE"},
               {9, 0, 2, 6, 0, 6, 10, 1},
               {3, 0, 2, 6, 0, 6, 16, 1}});
}
// Build tools that state no level the other rules see: npm's "npm ERR!" / "npm error" (npm 10),
// "npm WARN", "npm notice"; make's "make[1]: *** ... Error 2"; gcc/clang "file:line:col: error:"
// and "warning:"; pytest's "E   " lines under a failed assert. Lines after them with no record
// prefix (the compiler's source excerpt, make's "Leaving directory", pytest's report) continue
// them; a timestamped line starts a record again.
TEST(SeverityFormats, BuildToolOutput) {
  CheckSample({"build-tools.txt",
               {"WARNING*", "ERROR*", "ERROR*", "ERROR*", "ERROR*", "ERROR*", "WARNING*",
                "INFO*",    "INFO",   "ERROR*", "ERROR",  "ERROR",  "ERROR*", "WARNING*",
                "ERROR*",   "ERROR",  "ERROR",  "ERROR",  "ERROR",  "ERROR",  "ERROR*",
                "ERROR*",   "ERROR",  "ERROR",  "NONE"},
               {11, 0, 0, 1, 0, 3, 10, 0},
               {1, 0, 0, 2, 0, 3, 19, 0}});
}

// The case: an INFO step after an ERROR is INFO, and host output after it has no level.
TEST(RecordRule, ARecordNeverInheritsTheLevelBeforeIt) {
  Document document;
  document.Append(
      "2024-03-01 12:02:48.000000 | node-01 | ERROR\n"
      "2024-03-01 12:02:49.135679 | node-01 | INFO | step\n"
      "2024-03-01 12:02:50.000000 | node-01 | make all\n"
      "[2024-03-01T12:00:00Z] DEBUG x\n"
      "10.0.0.1 - - [01/Mar/2024:12:00:00 +0000] \"GET / HTTP/1.1\" 200 2 \"-\" \"-\"\n");
  document.Finish();
  EXPECT_EQ(document.severity(1), Severity::kInfo);
  EXPECT_EQ(document.severity(2), Severity::kNone);
  EXPECT_EQ(document.severity(3), Severity::kDebug);
  EXPECT_EQ(document.severity(4), Severity::kInfo);
}

TEST(RecordRule, TraceIsALevelUnlessItContinuesAnErrorRecord) {
  RecordTracker records;
  const SeverityClassifier classifier;
  const auto next = [&](std::string_view line) { return records.Next(classifier.Match(line)); };
  EXPECT_EQ(next("2013-09-10 12:00:00.000 1 INFO n [-] x").level, Severity::kInfo);
  const LineSeverity alone = next("2013-09-10 12:00:00.000 1 TRACE n [-] frame");
  EXPECT_EQ(alone.level, Severity::kTrace);
  EXPECT_TRUE(alone.own);
  EXPECT_EQ(next("2013-09-10 12:00:00.000 1 ERROR n [-] boom").level, Severity::kError);
  const LineSeverity traceback = next("2013-09-10 12:00:00.000 1 TRACE n Traceback (most");
  EXPECT_EQ(traceback.level, Severity::kError);
  EXPECT_FALSE(traceback.own);
}

TEST(RecordRule, APythonTracebackEndsAfterItsExceptionLine) {
  RecordTracker records;
  const SeverityClassifier classifier;
  const auto next = [&](std::string_view line) { return records.Next(classifier.Match(line)); };
  const std::string z = "2024-03-01 12:00:00.000000 | node-01 | ";
  EXPECT_EQ(next(z + "building").level, Severity::kNone);
  const LineSeverity header = next(z + "Traceback (most recent call last):");
  EXPECT_EQ(header.level, Severity::kError);
  EXPECT_TRUE(header.own);
  EXPECT_EQ(next(z + "  File \"x.py\", line 1, in <module>").level, Severity::kError);
  EXPECT_EQ(next(z + "KeyError: 'x'").level, Severity::kError);  // the exception: still ERROR
  EXPECT_EQ(next(z + "next step").level, Severity::kNone);       // then a new record
  // Bare (no prefix): the exception line continues it too, and so do later unprefixed lines.
  EXPECT_EQ(next("2024-03-01 12:00:01 INFO x").level, Severity::kInfo);
  EXPECT_EQ(next("Traceback (most recent call last):").level, Severity::kError);
  EXPECT_EQ(next("ValueError: bad").level, Severity::kError);
}

TEST(RecordRule, ATracebackAfterAnErrorContinuesIt) {
  RecordTracker records;
  const SeverityClassifier classifier;
  const auto next = [&](std::string_view line) { return records.Next(classifier.Match(line)); };
  EXPECT_EQ(next("2013-09-10 12:00:00.000 1 CRITICAL n [-] boom").level, Severity::kCritical);
  const LineSeverity header = next("Traceback (most recent call last):");
  EXPECT_EQ(header.level, Severity::kCritical);
  EXPECT_FALSE(header.own);
}

}  // namespace
}  // namespace logstow::viewer
