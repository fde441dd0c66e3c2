// `logstow show` as a job script or a reader runs it: the real binary over the real samples in
// tests/data/. What it prints must agree with the viewer core the page runs (viewer::Document over
// the same bytes) and with independent tools (grep -n -C, hand-checked lines), so these tests
// hold whatever the severity rules become.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/gzip.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/viewer_samples.h"
#include "viewer/document.h"
#include "viewer/severity.h"

namespace logstow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using viewer::Severity;

const std::string kData = LOGSTOW_TEST_DATA_DIR;

ProcessResult Logstow(std::vector<std::string> args, std::string stdin_data = "") {
  args.insert(args.begin(), LOGSTOW_BINARY);
  return RunProcess({.argv = args, .env = {"NO_COLOR=", "TERM=xterm"}, .stdin_data = stdin_data});
}

ProcessResult Shell(const std::string& script) {
  return RunProcess({.argv = {"/bin/bash", "-c", script}});
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

viewer::Document DocumentOf(const std::string& bytes) {
  viewer::Document doc;
  doc.Append(bytes);
  doc.Finish();
  return doc;
}

// The page's "LEVEL and up" rule, written out here (web/worker_search.js extendFilter()).
bool PageKeeps(Severity effective, Severity min) {
  return effective >= min || (effective == Severity::kTrace && min <= Severity::kError);
}

// --count is exactly the Document's counts, for every sample (plain and gzip).
TEST(ShowCommand, CountEqualsTheDocumentsCountsOnEverySample) {
  for (const char* name : {"screen-n-api.txt.gz", "screen-neutron-l3.txt.gz", "screen-c-api.txt.gz",
                           "devstacklog.txt.gz", "devstack@c-vol.service.log.txt", "job-output.txt",
                           "console.html.gz", "npm.sh.raw.gz", "pikachu.sh.raw"}) {
    SCOPED_TRACE(name);
    ProcessResult r = Logstow({"show", "--count", kData + "/" + name});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const viewer::Document doc = DocumentOf(ReadSample(name));
    const nlohmann::json counts = nlohmann::json::parse(r.out);
    EXPECT_EQ(counts["lines"], doc.line_count());
    for (int level = 0; level < viewer::kSeverityLevels; ++level) {
      const std::string level_name(viewer::SeverityName(static_cast<Severity>(level)));
      EXPECT_EQ(counts["effective"][level_name], doc.severity_counts()[level]) << level_name;
      EXPECT_EQ(counts["own"][level_name], doc.stated_counts()[level]) << level_name;
    }
  }
}

// --json --min-severity keeps exactly the lines the page's filter keeps, with the Document's
// levels, 1-based line numbers and the text of the line.
TEST(ShowCommand, MinSeverityJsonAgreesWithTheDocumentLineByLine) {
  const std::string bytes = ReadSample("screen-neutron-l3.txt.gz");
  const viewer::Document doc = DocumentOf(bytes);
  const std::vector<std::string> reference = ReferenceLines(bytes);
  for (const char* level : {"WARNING", "error", "DEBUG"}) {
    SCOPED_TRACE(level);
    Severity min;
    ASSERT_TRUE(viewer::ParseSeverityName(level, &min));
    ProcessResult r =
        Logstow({"show", "--json", "--min-severity", level, kData + "/screen-neutron-l3.txt.gz"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<size_t> expected;
    for (size_t n = 0; n < doc.line_count(); ++n) {
      if (PageKeeps(doc.severity(n), min)) expected.push_back(n);
    }
    const std::vector<std::string> out = Lines(r.out);
    ASSERT_EQ(out.size(), expected.size());
    for (size_t i = 0; i < out.size(); ++i) {
      const nlohmann::json row = nlohmann::json::parse(out[i]);
      const size_t n = expected[i];
      ASSERT_EQ(row["line"], n + 1);
      EXPECT_EQ(row["severity"], viewer::SeverityName(doc.severity(n)));
      EXPECT_EQ(row["own"], doc.states_severity(n));
      EXPECT_EQ(row["text"], reference[n]);  // plain ASCII: the shown text is the bytes
      EXPECT_FALSE(row.contains("context"));
    }
  }
}

// Checked by hand against the file (zcat | grep -n ERROR): the first ERROR record of the
// n-api log is line 4384, and it states its level.
TEST(ShowCommand, FirstErrorOfTheNovaApiLogIsTheOneGrepFinds) {
  ProcessResult r =
      Logstow({"show", "--json", "--min-severity", "ERROR", kData + "/screen-n-api.txt.gz"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json first = nlohmann::json::parse(Lines(r.out).at(0));
  EXPECT_EQ(first,
            nlohmann::json::parse(
                R"({"line":4384,"severity":"ERROR","own":true,"text":"2013-09-27 18:24:08.147 )"
                R"(2790 ERROR glanceclient.common.http [-] Request returned failure status.",)"
                R"("time":"2013-09-27T18:24:08.147"})"));
}

// A journal log's times have no year: --json's "time" takes it from the file's modification
// time (a log that crossed New Year: its December lines are of the year before), and a file
// modified in another year reads the same lines in that year. Never a fixed year.
TEST(ShowCommand, JsonTimeOfAYearlessLogHasTheYearOfTheFilesDate) {
  TempDir dir;
  const std::string log =
      "Dec 31 23:59:58.000000 host nova-api[1]: INFO nova.api [req-1] old year\n"
      "Jan 01 00:00:02.500000 host nova-api[1]: INFO nova.api [req-1] new year\n"
      "I0101 00:00:03.000000 1 klog.go:1] klog too\n"
      "2024-12-31 23:59:59.000 1 INFO a year as written\n";
  const std::string path = dir.Write("screen-n-api.txt", log).string();
  const auto times = [&](const std::string& mtime) {
    const ProcessResult touched = Shell("TZ=UTC touch -m -d '" + mtime + "' '" + path + "'");
    EXPECT_EQ(touched.exit_code, 0) << touched.err;
    ProcessResult r = Logstow({"show", "--json", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> out;
    for (const std::string& line : Lines(r.out)) {
      out.push_back(nlohmann::json::parse(line).value("time", std::string("none")));
    }
    return out;
  };
  EXPECT_EQ(times("2025-01-01 00:05:00"),
            (std::vector<std::string>{"2024-12-31T23:59:58.000", "2025-01-01T00:00:02.500",
                                      "2025-01-01T00:00:03.000", "2024-12-31T23:59:59.000"}));
  EXPECT_EQ(times("2019-06-01 12:00:00"),
            (std::vector<std::string>{"2018-12-31T23:59:58.000", "2019-01-01T00:00:02.500",
                                      "2019-01-01T00:00:03.000", "2024-12-31T23:59:59.000"}));
  // From a pipe (no date): this year's, or the year before's when the date lies ahead.
  const std::string piped = Logstow({"show", "--json", "-"}, log).out;
  EXPECT_THAT(piped, Not(HasSubstr("\"2000-")));
  EXPECT_THAT(piped, Not(HasSubstr("\"2019-")));
}

// --search with -n and -C prints what grep -n -C prints, "--" separators included (the sample
// is plain ASCII without escapes, so the shown text is the bytes grep reads).
TEST(ShowCommand, SearchWithContextMatchesGrep) {
  TempDir dir;
  const auto plain = dir.Write("n-api.txt", ReadSample("screen-n-api.txt.gz"));
  for (const auto& [pattern, context] :
       std::vector<std::pair<std::string, std::string>>{{"ERROR nova\\.compute", "2"},
                                                        {"req-9796575d", "0"},
                                                        {"Request returned failure", "5"},
                                                        {"^2013-09-27 18:24:3[0-9]\\.1", "1"}}) {
    SCOPED_TRACE(pattern);
    ProcessResult grep =
        RunProcess({.argv = {"/bin/grep", "-n", "-E", "-C", context, pattern, plain.string()}});
    ASSERT_EQ(grep.exit_code, 0);
    ProcessResult r = Logstow(
        {"show", "-n", "--context", context, "--search", pattern, kData + "/screen-n-api.txt.gz"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, grep.out);
  }
}

TEST(ShowCommand, SearchIgnoreCaseAndFixedStrings) {
  const std::string log = "a.b\naxb\nA.B\n";
  EXPECT_EQ(Logstow({"show", "--search", "a.b", "-"}, log).out, "a.b\naxb\n");
  EXPECT_EQ(Logstow({"show", "-F", "--search", "a.b", "-"}, log).out, "a.b\n");
  EXPECT_EQ(Logstow({"show", "-F", "-i", "--search", "a.b", "-"}, log).out, "a.b\nA.B\n");
}

// Search runs on the shown text: bytes an escape sequence hides never match, text split by one
// does; "$" anchors at the visible end.
TEST(ShowCommand, SearchSeesTheShownTextNotTheBytes) {
  const std::string log = "\x1b[31mERROR\x1b[0m boom\nplain 31m\nred\x1b[0m\n";
  EXPECT_EQ(Logstow({"show", "--search", "31m", "-"}, log).out, "plain 31m\n");
  EXPECT_EQ(Logstow({"show", "--search", "ERROR boom$", "-"}, log).out, "ERROR boom\n");
  EXPECT_EQ(Logstow({"show", "--search", "red$", "-"}, log).out, "red\n");
}

TEST(ShowCommand, ContextAroundSeverityUsesSeparatorsLikeGrep) {
  std::string log;
  for (int i = 1; i <= 20; ++i) {
    log += "2024-03-01 12:00:00.000 1 " + std::string(i == 5 || i == 15 ? "ERROR" : "INFO") +
           " x line" + std::to_string(i) + "\n";
  }
  ProcessResult r = Logstow({"show", "-n", "-C", "1", "--min-severity", "ERROR", "-"}, log);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "4-2024-03-01 12:00:00.000 1 INFO x line4\n"
            "5:2024-03-01 12:00:00.000 1 ERROR x line5\n"
            "6-2024-03-01 12:00:00.000 1 INFO x line6\n"
            "--\n"
            "14-2024-03-01 12:00:00.000 1 INFO x line14\n"
            "15:2024-03-01 12:00:00.000 1 ERROR x line15\n"
            "16-2024-03-01 12:00:00.000 1 INFO x line16\n");
  ProcessResult json = Logstow({"show", "--json", "-C", "1", "--min-severity", "ERROR", "-"}, log);
  const std::vector<std::string> rows = Lines(json.out);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(nlohmann::json::parse(rows[0])["context"], true);
  EXPECT_EQ(nlohmann::json::parse(rows[0])["line"], 4);
  EXPECT_FALSE(nlohmann::json::parse(rows[1]).contains("context"));
}

// Any bytes in, valid JSON out: control characters, invalid UTF-8, NUL, escapes.
TEST(ShowCommand, JsonIsValidForAnyBytes) {
  std::string log;
  for (int b = 0; b < 256; ++b) {
    if (b != '\n') log += static_cast<char>(b);
  }
  log += "\n\x1b]0;title\x07\x1b[?25ltext\xff\xfe\n\"quoted\"\\back\tslash\n";
  log += std::string("nul\0byte", 8) + "\n";
  // Enough text that the control bytes are under 1 in 20 (else it is a binary file:
  // BinaryFilesAreRefusedNotPrinted).
  log += std::string(700, 'y') + "\n";
  ProcessResult r = Logstow({"show", "--json", "-"}, log);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> rows = Lines(r.out);
  ASSERT_EQ(rows.size(), 5u);
  for (size_t i = 0; i < rows.size(); ++i) {
    const nlohmann::json row = nlohmann::json::parse(rows[i]);  // throws on invalid JSON/UTF-8
    EXPECT_EQ(row["line"], i + 1);
    EXPECT_THAT(row["text"].get<std::string>(), Not(HasSubstr("\x1b")));
  }
  EXPECT_EQ(nlohmann::json::parse(rows[2])["text"], "\"quoted\"\\back\tslash");
  EXPECT_EQ(nlohmann::json::parse(rows[1])["text"], "text\xEF\xBF\xBD\xEF\xBF\xBD");
}

// Colours are ours, never the log's bytes: a title change, a switch to the alternate screen and
// a cursor-position query in the log do not reach the terminal; the log's own green comes back
// as a fresh SGR.
TEST(ShowCommand, ColorsRestyleAndNeverPassTheLogsEscapesThrough) {
  const std::string log =
      "2024-03-01 12:00:00.000 1 ERROR x \x1b]0;pwned\x07\x1b[?1049h\x1b[6nboom\n"
      "2024-03-01 12:00:01.000 1 INFO x plain \x1b[1;32mgreen\x1b[0m text\n";
  ProcessResult r = Logstow({"show", "--color", "always", "-"}, log);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* bad : {"\x1b]", "\x1b[?1049h", "\x1b[6n", "pwned"}) {
    EXPECT_THAT(r.out, Not(HasSubstr(bad)));
  }
  const std::vector<std::string> rows = Lines(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], "\x1b[0;31m2024-03-01 12:00:00.000 1 ERROR x boom\x1b[0m");
  EXPECT_EQ(rows[1], "2024-03-01 12:00:01.000 1 INFO x plain \x1b[0;1;32mgreen\x1b[0m text");
  // Not a terminal and no --color: plain text.
  const std::string plain =
      "2024-03-01 12:00:00.000 1 ERROR x boom\n2024-03-01 12:00:01.000 1 INFO x plain green text\n";
  EXPECT_EQ(Logstow({"show", "-"}, log).out, plain);
  EXPECT_EQ(Logstow({"show", "--color", "never", "-"}, log).out, plain);
}

TEST(ShowCommand, SearchMatchesAreMarkedInColor) {
  ProcessResult r = Logstow({"show", "--color", "always", "--search", "b+", "-"}, "abbc\n");
  EXPECT_EQ(r.out, "a\x1b[0;7mbb\x1b[0mc\n");
}

// gzip is recognised by its bytes: a gzipped ".txt", a plain ".gz", gzip on stdin, and
// concatenated members all read as the text they hold.
TEST(ShowCommand, GzipIsDetectedByContentNotName) {
  TempDir dir;
  const std::string text = ReadSample("devstack@c-vol.service.log.txt");
  const std::string expected = Logstow({"show", kData + "/devstack@c-vol.service.log.txt"}).out;
  ASSERT_FALSE(expected.empty());
  const std::string half = text.substr(0, text.size() / 2);
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"gzipped.txt", GzipCompress(text)},
           {"plain.gz", text},
           {"members.log", GzipCompress(half) + GzipCompress(text.substr(half.size()))}}) {
    SCOPED_TRACE(name);
    ProcessResult r = Logstow({"show", dir.Write(name, bytes).string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, expected);
  }
  EXPECT_EQ(Logstow({"show", "-"}, GzipCompress(text)).out, expected);
  EXPECT_EQ(Logstow({"show", "-"}, text).out, expected);
}

// A log that breaks off part-way: what arrived is shown, the error says so, exit 1.
TEST(ShowCommand, TruncatedGzipShowsWhatArrivedAndExitsOne) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + " of a long log\n";
  const std::string gz = GzipCompress(text, 1);
  ProcessResult r = Logstow({"show", dir.Write("cut.gz", gz.substr(0, gz.size() / 2)).string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, StartsWith("line 0 of a long log\nline 1 of a long log\n"));
  EXPECT_THAT(r.err, HasSubstr("logstow: error: "));
  EXPECT_THAT(r.err, HasSubstr("ends in the middle of a member"));
}

TEST(ShowCommand, ErrorsSayWhatIsWrongWithExitTwo) {
  ProcessResult missing = Logstow({"show", "/nonexistent/job-output.txt"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(
      missing.err,
      "logstow: error: cannot open '/nonexistent/job-output.txt': No such file or directory\n");
  EXPECT_EQ(missing.out, "");

  ProcessResult level = Logstow({"show", "--min-severity", "LOUD", "-"}, "x\n");
  EXPECT_EQ(level.exit_code, 2);
  EXPECT_THAT(level.err, StartsWith("logstow: error: --min-severity 'LOUD' is not a level"));

  ProcessResult pattern = Logstow({"show", "--search", "a(", "-"}, "x\n");
  EXPECT_EQ(pattern.exit_code, 2);
  EXPECT_THAT(pattern.err, StartsWith("logstow: error: --search 'a(' is not an RE2 pattern: "));

  ProcessResult refused = Logstow({"show", "http://127.0.0.1:9/log.txt"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, StartsWith("logstow: error: GET http://127.0.0.1:9/log.txt failed: "));

  ProcessResult both = Logstow({"show", "--count", "--json", "-"}, "x\n");
  EXPECT_EQ(both.exit_code, 2);
}

// A binary file is refused as the page refuses it (viewer/binary_check.h), before any line is
// printed, however it comes (a big executable from stdin, a small PNG file); text with a few
// control bytes is still shown.
TEST(ShowCommand, BinaryFilesAreRefusedNotPrinted) {
  std::string elf(
      "\x7f"
      "ELF\x02\x01\x01",
      7);
  elf += "\nthis line would print\n";
  elf += std::string(20000, '\0');
  ProcessResult piped = Logstow({"show", "-"}, elf);
  EXPECT_EQ(piped.exit_code, 2);
  EXPECT_EQ(piped.out, "");
  EXPECT_THAT(piped.err, StartsWith("logstow: error: - looks like a binary file, not a log"));

  TempDir dir;
  std::string bytes("\x89PNG\r\n\x1a\n", 8);
  bytes += "IHDR\n";
  ProcessResult small = Logstow({"show", dir.Write("logstow-show-binary.png", bytes).string()});
  EXPECT_EQ(small.exit_code, 2);
  EXPECT_EQ(small.out, "");
  EXPECT_THAT(small.err, HasSubstr("logstow-show-binary.png looks like a binary file, not a log"));

  ProcessResult text =
      Logstow({"show", "-"}, "a line with one \x01 byte in it, and the rest text\n");
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("a line with one"));
}

// `show ... | head -1` ends quietly: no "Broken pipe", no signal, exit 0 (with pipefail, so a
// job script that ends with it passes).
TEST(ShowCommand, HeadClosingThePipeEndsQuietly) {
  TempDir dir;
  std::string big;
  big.reserve(24 << 20);
  for (int i = 0; i < 300000; ++i) {
    big += "2024-03-01 12:00:00.000 1 " + std::string(i % 1000 == 999 ? "ERROR" : "INFO") +
           " nova.compute line " + std::to_string(i) + " with some padding to make it longer\n";
  }
  const auto plain = dir.Write("job-output.txt", big);
  const auto gz = dir.Write("job-output.txt.gz", GzipCompress(big, 1));
  for (const auto& args : {plain.string(), gz.string(), "--min-severity ERROR " + plain.string(),
                           "--json " + gz.string()}) {
    SCOPED_TRACE(args);
    ProcessResult r =
        Shell("set -o pipefail; '" + std::string(LOGSTOW_BINARY) + "' show " + args + " | head -1");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(Lines(r.out).size(), 1u);
  }
  ProcessResult first = Shell("'" + std::string(LOGSTOW_BINARY) + "' show --min-severity ERROR " +
                              plain.string() + " | head -1");
  EXPECT_EQ(first.out,
            "2024-03-01 12:00:00.000 1 ERROR nova.compute line 999 with some padding to make it "
            "longer\n");
}

}  // namespace
}  // namespace logstow::testing
