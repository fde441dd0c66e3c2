#include "viewer/terminal_control_scan.h"

#include <gtest/gtest.h>

#include <string>

namespace logstow::viewer {
namespace {

TEST(TerminalControlScan, FindsTheFirstNonPlainByteAtOrAfterTheStart) {
  const std::string text = "plain text\x1b[31mred\r\bend";
  EXPECT_EQ(FindNonPlainByte(text, 0), 10u);
  EXPECT_EQ(FindNonPlainByte(text, 11), 18u);
  EXPECT_EQ(FindNonPlainByte(text, 19), 19u);
  EXPECT_EQ(FindNonPlainByte(text, 20), text.size());
  EXPECT_EQ(FindNonPlainByte(text, text.size()), text.size());
  EXPECT_EQ(FindNonPlainByte("", 0), 0u);
  EXPECT_EQ(FindNonPlainByte("tabs\tand\nnewlines ~ are plain\x1f", 0), 29u);
  EXPECT_EQ(FindNonPlainByte("plain ~\x7f", 0), 7u);
  EXPECT_EQ(FindNonPlainByte("caf\xC3\xA9", 0), 3u);  // UTF-8 too: only decoding tells
  EXPECT_EQ(FindNonPlainByte("01234567\xFF", 0), 8u);
}

// Every byte value at every place of texts of every length up to a few steps of the scan.
TEST(TerminalControlScan, FindsEveryByteThatIsNotPlainTextEverywhere) {
  const auto plain = [](unsigned char c) {
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
  };
  for (int value = 0; value < 256; ++value) {
    const char byte = static_cast<char>(value);
    for (size_t size = 0; size <= 150; size += (value % 16 == 0 ? 1 : 13)) {
      for (size_t at = 0; at <= size; ++at) {
        std::string text(size, 'x');
        for (size_t i = 0; i < size; i += 7) text[i] = '\n';
        for (size_t i = 3; i < size; i += 11) text[i] = '\t';
        if (at < size) text[at] = byte;
        for (const size_t from : {size_t{0}, at / 2, at}) {
          SCOPED_TRACE(testing::Message()
                       << "byte " << value << " size " << size << " at " << at << " from " << from);
          const bool found_it = at < size && at >= from && !plain(static_cast<unsigned char>(byte));
          ASSERT_EQ(FindNonPlainByte(text, from), found_it ? at : size);
        }
      }
    }
  }
}

}  // namespace
}  // namespace logstow::viewer
