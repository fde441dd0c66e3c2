// LooksBinary (viewer/binary_check.h): the files the page and `logstow show` refuse.
#include "viewer/binary_check.h"

#include <gtest/gtest.h>

#include <string>

namespace logstow::viewer {
namespace {

TEST(LooksBinary, LogsAreText) {
  EXPECT_FALSE(LooksBinary(""));
  EXPECT_FALSE(LooksBinary("2026-11-30 06:00:00.000 1 INFO nova [-] started\n"));
  // Tabs, CRLF, form feeds, backspaces and ANSI colour are what logs hold.
  EXPECT_FALSE(LooksBinary("a\tb\r\n\fpage\x1b[31mred\x1b[0m bold\bd\n"));
  // UTF-8 and legacy 8-bit text.
  EXPECT_FALSE(LooksBinary("caf\xc3\xa9 na\xefve \xe9t\xe9\n"));
  // One stray NUL in a long line does not make a log binary.
  EXPECT_FALSE(LooksBinary(std::string(100, 'x') + '\0' + std::string(100, 'y')));
}

TEST(LooksBinary, MagicNumbers) {
  for (const std::string magic :
       {std::string("PK\x03\x04", 4),
        std::string("\x7f"
                    "ELF\x02\x01",
                    6),
        std::string("%PDF-1.7"), std::string("\x89PNG\r\n\x1a\n"), std::string("GIF89a"),
        std::string("\xff\xd8\xff\xe0"), std::string("BZh91AY"),
        std::string("\xfd"
                    "7zXZ\0",
                    6),
        std::string("7z\xbc\xaf\x27\x1c"), std::string("\x28\xb5\x2f\xfd")}) {
    EXPECT_TRUE(LooksBinary(magic + " then some text that reads as a log line\n")) << magic;
  }
  std::string tar(512, '\0');
  tar.replace(0, 8, "file.txt");
  tar.replace(257, 5, "ustar");
  EXPECT_TRUE(LooksBinary(tar));
  EXPECT_FALSE(LooksBinary("a log line that mentions PK and ELF and %PDF\n"));
}

TEST(LooksBinary, MoreThanOneControlByteInTwenty) {
  std::string head(200, 'a');
  for (int i = 0; i < 10; ++i) head[i * 20] = '\x01';  // exactly 1 in 20: text
  EXPECT_FALSE(LooksBinary(head));
  head[1] = '\x7f';  // one more (DEL counts): binary
  EXPECT_TRUE(LooksBinary(head));
  // Only the first kBinaryCheckBytes count.
  std::string later(kBinaryCheckBytes, 'a');
  later += std::string(4096, '\x02');
  EXPECT_FALSE(LooksBinary(later));
}

}  // namespace
}  // namespace logstow::viewer
