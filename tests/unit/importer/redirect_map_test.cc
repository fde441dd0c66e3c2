#include "importer/redirect_map.h"

#include <gtest/gtest.h>

#include "importer/import.h"

namespace logstow::importer {
namespace {

struct EscapeCase {
  std::string decoded;
  std::string apache_key;
};

// What Apache's int:escape writes (checked against Debian's apache2 by
// tests/swift/import_test.cc, which requests such names through the map).
TEST(ApacheEscapePath, WritesWhatApacheIntEscapeWrites) {
  const EscapeCase cases[] = {
      {"/12/345/job-output.txt.gz", "/12/345/job-output.txt.gz"},
      {"/a b/c d.txt", "/a%20b/c%20d.txt"},
      {"/100%.txt", "/100%25.txt"},
      {"/q?#.txt", "/q%3f%23.txt"},
      {"/ü/日本.log", "/%c3%bc/%e6%97%a5%e6%9c%ac.log"},
      {"/tab\there\nnl", "/tab%09here%0anl"},
      {"/keep$-_.+!*'(),:;@&=~", "/keep$-_.+!*'(),:;@&=~"},
      {"/\"<>\\^`{|}[]", "/%22%3c%3e%5c%5e%60%7b%7c%7d%5b%5d"},
  };
  for (const EscapeCase& c : cases) {
    SCOPED_TRACE(c.decoded);
    EXPECT_EQ(ApacheEscapePath(c.decoded), c.apache_key);
  }
}

TEST(ApacheMapLine, KeyHasNoWhitespaceSoEveryNameFitsTheTxtFormat) {
  EXPECT_EQ(ApacheMapLine({"/a b/x y.txt", "https://v.example/?q=https%3A%2F%2Fs%2Fa%20b"}),
            "/a%20b/x%20y.txt https://v.example/?q=https%3A%2F%2Fs%2Fa%20b\n");
  // A leading '#' would start a comment; keys always start with '/'.
  EXPECT_EQ(ApacheMapLine({"/#1", "u"}), "/%231 u\n");
}

TEST(NginxMapLine, QuotesTheDecodedPathAndEscapesWhatNginxReads) {
  const std::pair<Redirect, std::string> cases[] = {
      {{"/a b/ü.txt", "https://v/?q=x"}, "\"/a b/ü.txt\" \"https://v/?q=x\";\n"},
      {{"/say \"hi\"\\.txt", "u"}, "\"/say \\\"hi\\\"\\\\.txt\" \"u\";\n"},
      {{"/t\tr\rn\n", "u"}, "\"/t\\tr\\rn\\n\" \"u\";\n"},
      {{"/100%;{}.txt", "u"}, "\"/100%;{}.txt\" \"u\";\n"},
      {{"/x", "https://v/$path?q=1"}, "\"/x\" \"https://v/%24path?q=1\";\n"},
  };
  for (const auto& [redirect, line] : cases) {
    SCOPED_TRACE(redirect.old_path);
    EXPECT_EQ(NginxMapLine(redirect), line);
  }
}

TEST(MakeRedirects, FilesFoldersBareFoldersAndGzAliases) {
  const std::string prefix_url = "https://s.example/v1/AUTH_ci/logs/old/";
  const std::string viewer = "https://v.example/index.html";
  std::vector<Redirect> r = MakeRedirects({"1/b/job-output.txt.gz", "1/b/x.txt", "1/b/x.txt.gz"},
                                          "/logs/", prefix_url, viewer);
  std::vector<std::string> lines;
  for (const Redirect& x : r) lines.push_back(x.old_path + " " + x.target_url);
  const std::string q = viewer + "?q=https%3A%2F%2Fs.example%2Fv1%2FAUTH_ci%2Flogs%2Fold%2F";
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "/logs/1 " + q + "1%2F",
                       "/logs/1/ " + q + "1%2F",
                       "/logs/1/b " + q + "1%2Fb%2F",
                       "/logs/1/b/ " + q + "1%2Fb%2F",
                       "/logs/1/b/job-output.txt " + q + "1%2Fb%2Fjob-output.txt.gz",
                       "/logs/1/b/job-output.txt.gz " + q + "1%2Fb%2Fjob-output.txt.gz",
                       "/logs/1/b/x.txt " + q + "1%2Fb%2Fx.txt",  // its own file, not the .gz
                       "/logs/1/b/x.txt.gz " + q + "1%2Fb%2Fx.txt.gz",
                   }));
}

TEST(MakeRedirects, NamesArePercentEncodedInTheTarget) {
  std::vector<Redirect> r = MakeRedirects({"a b/100%.txt"}, "/", "https://s/c/p/", "https://v/");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[2].old_path, "/a b/100%.txt");
  EXPECT_EQ(r[2].target_url, "https://v/?q=https%3A%2F%2Fs%2Fc%2Fp%2Fa%2520b%2F100%2525.txt");
}

}  // namespace
}  // namespace logstow::importer
