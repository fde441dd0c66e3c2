#include "viewer/line_filter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace logstow::viewer {
namespace {

// Runs a window over `kept` (one flag per line) and writes what it shows the grep way:
// "n:" kept, "n-" context, "--" before a line that does not follow the one shown before.
std::string Shown(size_t context, const std::vector<bool>& kept) {
  ContextWindow window(context);
  std::string out;
  for (size_t n = 0; n < kept.size(); ++n) {
    window.Add(n, kept[n], [&](size_t line, bool is_context, bool after_gap) {
      if (after_gap) out += "-- ";
      out += std::to_string(line) + (is_context ? "- " : ": ");
    });
  }
  return out;
}

TEST(ContextWindow, ShowsKeptLinesAndTheirContextOnceInOrder) {
  EXPECT_EQ(Shown(0, {false, true, false, true, true}), "1: -- 3: 4: ");
  EXPECT_EQ(Shown(1, {false, false, false, true, false, false, false, true, false}),
            "2- 3: 4- -- 6- 7: 8- ");
  // Overlapping windows merge; adjacent ones need no separator.
  EXPECT_EQ(Shown(2, {true, false, false, true, false, false, false, false, true}),
            "0: 1- 2- 3: 4- 5- 6- 7- 8: ");
  EXPECT_EQ(Shown(1, {false, true, false, false, true}), "0- 1: 2- 3- 4: ");
  // Context at the edges of the log is cut, not wrapped.
  EXPECT_EQ(Shown(3, {true, false}), "0: 1- ");
  EXPECT_EQ(Shown(3, {}), "");
  EXPECT_EQ(Shown(1, {false, false, false}), "");
}

TEST(PassesMinSeverity, LevelAndUpWithTraceTheLevelBelowDebug) {
  EXPECT_TRUE(PassesMinSeverity(Severity::kError, Severity::kError));
  EXPECT_TRUE(PassesMinSeverity(Severity::kCritical, Severity::kError));
  EXPECT_FALSE(PassesMinSeverity(Severity::kWarning, Severity::kError));
  // TRACE is a level below DEBUG (a traceback states ERROR), never kept by an ERROR filter.
  EXPECT_FALSE(PassesMinSeverity(Severity::kTrace, Severity::kError));
  EXPECT_FALSE(PassesMinSeverity(Severity::kTrace, Severity::kWarning));
  EXPECT_FALSE(PassesMinSeverity(Severity::kTrace, Severity::kCritical));
  EXPECT_TRUE(PassesMinSeverity(Severity::kTrace, Severity::kTrace));
  EXPECT_FALSE(PassesMinSeverity(Severity::kNone, Severity::kTrace));
  EXPECT_TRUE(PassesMinSeverity(Severity::kDebug, Severity::kTrace));
}

}  // namespace
}  // namespace logstow::viewer
