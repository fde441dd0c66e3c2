#include "uploader/index_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace logstow::uploader {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Keys(const std::map<std::string, std::string>& pages) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : pages) keys.push_back(k);
  return keys;
}

TEST(BuildIndexes, OnePagePerFolderOnTheWayToEachObject) {
  std::vector<ListedObject> landed = {{"a.txt", 1, 0}, {"x/y/z.txt", 2, 0}, {"x/w.txt", 3, 0}};
  auto pages = BuildIndexes(landed, {.title = "job/", .prefix_url = "http://s/v1/A/logs/job/"});
  EXPECT_THAT(Keys(pages), ElementsAre("", "x/", "x/y/"));
  EXPECT_THAT(pages[""], HasSubstr("<a href=\"x/index.html\">x/</a>"));
  EXPECT_THAT(pages[""], HasSubstr("<a href=\"a.txt\">a.txt</a>"));
  EXPECT_THAT(pages[""], Not(HasSubstr("w.txt")));
  EXPECT_THAT(pages["x/"], HasSubstr("<a href=\"../index.html\">../</a>"));
  EXPECT_THAT(pages["x/"], HasSubstr("<a href=\"y/index.html\">y/</a>"));
  EXPECT_THAT(pages["x/y/"], HasSubstr("<a href=\"z.txt\">z.txt</a>"));
}

// The pages live in the logs' origin beside job-written files: a strict CSP, nothing inline.
TEST(BuildIndexes, PagesCarryAStrictPolicyAndNothingInline) {
  auto pages = BuildIndexes({{"a.txt", 1, 0}}, {.title = "job/",
                                                .prefix_url = "http://s/v1/A/logs/job/",
                                                .viewer_url = "http://v/index.html"});
  EXPECT_THAT(pages[""],
              HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                        "'none'; img-src 'self'; base-uri 'none'; form-action 'none'\">"));
  EXPECT_THAT(pages[""], Not(HasSubstr("<style")));
  EXPECT_THAT(pages[""], Not(HasSubstr("<script")));
  EXPECT_THAT(pages[""], Not(HasSubstr(" style=")));
  EXPECT_THAT(pages[""], Not(::testing::ContainsRegex(" on[a-z]+=")));  // no event handlers
}

TEST(BuildIndexes, EscapesNamesAndPercentEncodesHrefs) {
  std::vector<ListedObject> landed = {
      {"<img src=x onerror=alert(1)>.txt", 1, 0}, {"a\"b' #?%+.log", 2, 0}, {"ünï/x.txt", 3, 0}};
  auto pages = BuildIndexes(landed, {.title = "<b>/", .prefix_url = "http://s/v1/A/logs/p/"});
  const std::string& root = pages[""];
  EXPECT_THAT(root, Not(HasSubstr("<img")));
  EXPECT_THAT(root, Not(HasSubstr("<b>")));
  EXPECT_THAT(root, HasSubstr(">&lt;img src=x onerror=alert(1)&gt;.txt</a>"));
  EXPECT_THAT(root, HasSubstr("href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt\""));
  EXPECT_THAT(root, HasSubstr("href=\"a%22b%27%20%23%3F%25%2B.log\""));
  EXPECT_THAT(root, HasSubstr("href=\"%C3%BCn%C3%AF/index.html\""));
}

// A job's names may hold tab, newline, ESC, DEL: the page shows them as the viewer does
// (Control Pictures), while the href keeps the real name percent-encoded.
TEST(BuildIndexes, ShowsControlCharactersInNamesAsControlPictures) {
  auto pages = BuildIndexes({{"a\tb\x1b[31m\x7f.txt", 1, 0}, {"new\nline/x.txt", 2, 0}},
                            {.title = "job/", .prefix_url = "http://s/v1/A/logs/job/"});
  EXPECT_THAT(pages[""],
              HasSubstr("<a href=\"a%09b%1B%5B31m%7F.txt\">a\u2409b\u241b[31m\u2421.txt</a>"));
  EXPECT_THAT(pages[""], HasSubstr("<a href=\"new%0Aline/index.html\">new\u240aline/</a>"));
  EXPECT_THAT(pages["new\nline/"], HasSubstr("<title>Index of job/new\u240aline/</title>"));
}

TEST(BuildIndexes, LinksEachFileToTheViewerWhenThereIsOne) {
  std::vector<ListedObject> landed = {{"d/a b.txt", 1, 0}};
  auto pages = BuildIndexes(
      landed,
      {.title = "p/", .prefix_url = "http://s/v1/A/logs/p/", .viewer_url = "https://v.example/"});
  EXPECT_THAT(pages["d/"], HasSubstr("<a href=\"https://v.example/?q=http%3A%2F%2Fs%2Fv1%2FA%2F"
                                     "logs%2Fp%2Fd%2Fa%2520b.txt\">view</a>"));
  EXPECT_THAT(pages[""], HasSubstr("Open this folder in the log viewer"));
}

TEST(BuildIndexes, SkipsFoldersThatHaveTheirOwnIndex) {
  std::vector<ListedObject> landed = {{"index.html", 1, 0}, {"d/a.txt", 1, 0}};
  auto pages = BuildIndexes(landed, {.title = "p/", .prefix_url = "http://s/"}, {""});
  EXPECT_THAT(Keys(pages), ElementsAre("d/"));
}

}  // namespace
}  // namespace logstow::uploader
