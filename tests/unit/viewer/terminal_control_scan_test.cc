#include "viewer/terminal_control_scan.h"

#include <gtest/gtest.h>

#include <string>

#include "viewer/ansi.h"

namespace logstow::viewer {
namespace {

TEST(TerminalControlScan, FindsTheFirstControlAtOrAfterTheStart) {
  const std::string text = "plain text\x1b[31mred\r\bend";
  EXPECT_EQ(FindTerminalControl(text, 0), 10u);
  EXPECT_EQ(FindTerminalControl(text, 11), 18u);
  EXPECT_EQ(FindTerminalControl(text, 19), 19u);
  EXPECT_EQ(FindTerminalControl(text, 20), text.size());
  EXPECT_EQ(FindTerminalControl(text, text.size()), text.size());
  EXPECT_EQ(FindTerminalControl("", 0), 0u);
  EXPECT_EQ(FindTerminalControl("tabs\tand\nnewlines\x1f\x7f"
                                " are no controls",
                                0),
            35u);
}

// Each control byte at every place of texts of every length up to a few steps of the scan, as
// HasTerminalControls sees every range.
TEST(TerminalControlScan, AgreesWithHasTerminalControlsEverywhere) {
  for (const char control : {'\x1b', '\r', '\b'}) {
    for (size_t size = 0; size <= 150; ++size) {
      for (size_t at = 0; at <= size; ++at) {
        std::string text(size, 'x');
        for (size_t i = 0; i < size; i += 7) text[i] = '\n';
        if (at < size) text[at] = control;
        for (const size_t from : {size_t{0}, at / 2, at}) {
          SCOPED_TRACE(testing::Message()
                       << "size " << size << " control at " << at << " from " << from);
          const size_t found = FindTerminalControl(text, from);
          ASSERT_EQ(found, at < size && at >= from ? at : size);
          ASSERT_EQ(found < size, HasTerminalControls(std::string_view(text).substr(from)));
        }
      }
    }
  }
}

}  // namespace
}  // namespace logstow::viewer
