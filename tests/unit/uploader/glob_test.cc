#include "uploader/glob.h"

#include <gtest/gtest.h>

namespace logstow::uploader {
namespace {

struct GlobCase {
  const char* glob;
  const char* path;
  bool matches;
};

TEST(Glob, MatchesAsDocumented) {
  const GlobCase cases[] = {
      // No '/': the file name at any depth.
      {"*.log", "a.log", true},
      {"*.log", "logs/deep/a.log", true},
      {"*.log", "a.log.txt", false},
      {"*.log", "logs.log/a.txt", false},
      {"job-output.txt", "job-output.txt", true},
      {"job-output.txt", "n1/job-output.txt", true},
      {"*", ".hidden", true},
      {"?.txt", "a.txt", true},
      {"?.txt", "ab.txt", false},
      {"[ab].txt", "b.txt", true},
      {"[!ab].txt", "b.txt", false},
      {"\\*.txt", "*.txt", true},
      {"\\*.txt", "a.txt", false},
      {"\\[1].txt", "[1].txt", true},
      // With '/': the whole path; '*' stays within a segment.
      {"logs/*.log", "logs/a.log", true},
      {"logs/*.log", "logs/sub/a.log", false},
      {"logs/*.log", "x/logs/a.log", false},
      {"*/a.log", "x/a.log", true},
      {"*/a.log", "a.log", false},
      // '**' is any number of whole segments, none included.
      {"**/*.log", "a.log", true},
      {"**/*.log", "x/y/z/a.log", true},
      {"logs/**", "logs/a", true},
      {"logs/**", "logs/a/b/c", true},
      {"logs/**", "other/a", false},
      {"logs/**/x.txt", "logs/x.txt", true},
      {"logs/**/x.txt", "logs/a/b/x.txt", true},
      {"logs/**/x.txt", "logs/a/b/y.txt", false},
      {"**/etc/**", "n1/etc/nova/nova.conf", true},
      {"**/etc/**", "n1/etcx/nova.conf", false},
  };
  for (const GlobCase& c : cases) {
    SCOPED_TRACE(std::string(c.glob) + " vs " + c.path);
    EXPECT_EQ(GlobMatches(c.glob, c.path), c.matches);
  }
}

TEST(Glob, ManyDoubleStarsOnADeepPathEndQuickly) {
  std::string path;
  for (int i = 0; i < 200; ++i) path += "d/";
  EXPECT_FALSE(GlobMatches("**/**/**/**/**/**/**/x", path + "y"));
  EXPECT_TRUE(GlobMatches("**/**/**/**/**/**/**/x", path + "x"));
}

TEST(Glob, ProblemsAreNamed) {
  EXPECT_EQ(GlobProblem("**/*.log"), "");
  EXPECT_EQ(GlobProblem("[]].txt"), "");
  EXPECT_EQ(GlobProblem("\\[1\\].txt"), "") << "escaped brackets are literal";
  EXPECT_EQ(GlobProblem(""), "is empty");
  EXPECT_EQ(GlobProblem("/etc/*"), "starts with '/' (globs match paths relative to the folder)");
  EXPECT_EQ(GlobProblem("a//b"), "has an empty segment ('//' or a trailing '/')");
  EXPECT_EQ(GlobProblem("logs/"), "has an empty segment ('//' or a trailing '/')");
  EXPECT_EQ(GlobProblem("a**b"),
            "has '**' inside a segment ('a**b'): '**' stands alone between slashes (\"**/x\"); "
            "use '*' within a name");
  EXPECT_EQ(GlobProblem("[ab.txt"),
            "has an unclosed '[' in '[ab.txt' (write \\[ for a literal one)");
}

}  // namespace
}  // namespace logstow::uploader
