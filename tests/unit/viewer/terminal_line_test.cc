#include "viewer/terminal_line.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace logstow::viewer {
namespace {

std::string Draw(std::string_view raw, Severity severity, std::vector<ByteRange> marks = {}) {
  CleanLine clean;
  ScrubLine(raw, &clean);
  std::string out;
  AppendTerminalLine(clean, severity, marks, &out);
  return out;
}

TEST(TerminalLine, PlainInfoLinesAreTheirText) {
  EXPECT_EQ(Draw("INFO all good", Severity::kInfo), "INFO all good");
  EXPECT_EQ(Draw("", Severity::kNone), "");
}

TEST(TerminalLine, SeverityColoursTheWholeLine) {
  EXPECT_EQ(Draw("ERROR boom", Severity::kError), "\x1b[0;31mERROR boom\x1b[0m");
  EXPECT_EQ(Draw("CRITICAL", Severity::kCritical), "\x1b[0;1;31mCRITICAL\x1b[0m");
  EXPECT_EQ(Draw("w", Severity::kWarning), "\x1b[0;33mw\x1b[0m");
}

TEST(TerminalLine, TheLogsStylesAreRewrittenNotCopied) {
  // 24-bit and 256-colour forms come back in canonical form; an unknown private mode is dropped.
  EXPECT_EQ(Draw("a\x1b[38;2;1;2;3;48;5;200mb\x1b[?2004hc\x1b[0md", Severity::kInfo),
            "a\x1b[0;38;2;1;2;3;48;5;200mbc\x1b[0md");
  // The log's foreground wins over the severity's; its background and bold stay.
  EXPECT_EQ(Draw("x\x1b[1;94;41my", Severity::kError), "\x1b[0;31mx\x1b[0;1;94;41my\x1b[0m");
}

TEST(TerminalLine, MarksInvertTheirText) {
  EXPECT_EQ(Draw("abcdef", Severity::kInfo, {{1, 3}, {4, 5}}),
            "a\x1b[0;7mbc\x1b[0md\x1b[0;7me\x1b[0mf");
  // On inverse text a mark turns inversion off, so it still stands out.
  EXPECT_EQ(Draw("\x1b[7mab", Severity::kInfo, {{0, 1}}), "a\x1b[0;7mb\x1b[0m");
}

}  // namespace
}  // namespace logstow::viewer
