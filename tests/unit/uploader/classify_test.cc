#include "uploader/classify.h"

#include <gtest/gtest.h>

#include <cstring>

namespace logstow::uploader {
namespace {

struct Case {
  const char* name;
  const char* head;
  const char* type;
  bool compress;
};

TEST(Classify, PicksTypeAndCompressionByNameThenContent) {
  const Case cases[] = {
      {"job-output.txt", "x", "text/plain; charset=utf-8", true},
      {"logs/n-api.log", "x", "text/plain; charset=utf-8", true},
      {"zuul-info/inventory.yaml", "x", "text/plain; charset=utf-8", true},
      {"etc/nova/nova.conf", "x", "text/plain; charset=utf-8", true},
      {"report.json", "{}", "application/json; charset=utf-8", true},
      {"testr_results.html", "<html>", "text/html; charset=utf-8", true},
      {"screen-n-api.txt.gz", "\x1f\x8b", "application/gzip", false},
      {"LOGS.TXT.GZ", "\x1f\x8b", "application/gzip", false},
      {"artifacts.tar.gz", "\x1f\x8b", "application/gzip", false},
      {"journal.xz",
       "\xfd"
       "7zXZ",
       "application/x-xz", false},
      {"cpu-load.svg", "<svg", "image/svg+xml; charset=utf-8", true},
      {"screenshot.png", "\x89PNG", "image/png", false},
      {"Makefile", "all:\n\tcc x.c\n", "text/plain; charset=utf-8", true},
      {"syslog", "Jun  9 15:41:36 host kernel: x", "text/plain; charset=utf-8", true},
      {"core",
       "\x7f"
       "ELF\x02\x01\x01\x03",
       "application/octet-stream", false},
      {"dump.bin", "ab\0cd", "application/octet-stream", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string head(c.head, std::string_view(c.name) == "dump.bin" ? 5 : std::strlen(c.head));
    Classification got = Classify(c.name, head);
    EXPECT_EQ(got.content_type, c.type);
    EXPECT_EQ(got.compress, c.compress);
  }
}

// gzip adds 18+ bytes of framing: a 1-byte file would be stored as 21. Only what shrinks is
// gzipped.
TEST(GzipShrinks, OnlyWhenTheBytesGetSmaller) {
  EXPECT_FALSE(GzipShrinks("", 6));
  EXPECT_FALSE(GzipShrinks("x", 6));
  EXPECT_FALSE(GzipShrinks("2026-12-06 ok\n", 6));
  EXPECT_TRUE(GzipShrinks(std::string(4096, 'a'), 6));
  std::string log;
  for (int i = 0; i < 100; ++i) log += "2026-12-06 12:00:00.000 INFO nova.compute [req-1] tick\n";
  EXPECT_TRUE(GzipShrinks(log, 1));
}

TEST(LooksLikeText, AcceptsUtf8CutMidCharacterAndLatin1) {
  EXPECT_TRUE(LooksLikeText("plain ascii\n"));
  EXPECT_TRUE(LooksLikeText("ends inside \xc3"));
  EXPECT_TRUE(LooksLikeText("caf\xe9 latin-1 log line\n"));
  EXPECT_TRUE(LooksLikeText("\x1b[31mred\x1b[0m ansi\n"));
  EXPECT_FALSE(LooksLikeText(std::string("a\0b", 3)));
  EXPECT_FALSE(LooksLikeText("\x01\x02\x03\x04\x05\x06"));
}

}  // namespace
}  // namespace logstow::uploader
