// `logstow import` flags and map paths checked before credentials are read or anything is sent:
// a real child process (no Swift is needed to be refused).
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"

namespace logstow::testing {
namespace {

ProcessResult Import(std::vector<std::string> args) {
  args.insert(args.begin(), {LOGSTOW_BINARY, "import"});
  return RunProcess({.argv = args});
}

TEST(ImportCommand, APrefixWithADotDotSegmentIsWordedForTheFlag) {
  TempDir tree;
  ProcessResult r = Import({tree.path().string(), "--prefix", "../x/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "logstow: error: --prefix '../x/' has an empty, '.' or '..' segment: give a "
            "pseudo-folder such as 'old/' or 'old/2019/'\n");
}

TEST(ImportCommand, AViewerUrlThatIsNotAUrlIsWordedForTheFlag) {
  TempDir tree;
  ProcessResult r = Import({tree.path().string(), "--prefix", "old/", "--viewer-url", "notaurl"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "logstow: error: --viewer-url 'notaurl' is not an http(s) URL: give the viewer page "
            "as `logstow publish-viewer` printed it, e.g. "
            "https://logs.example/logviewer/index.html\n");
}

TEST(ImportCommand, AViewerUrlWithAFragmentIsRefused) {
  TempDir tree;
  ProcessResult r = Import({tree.path().string(), "--prefix", "old/", "--viewer-url",
                            "https://v.example/index.html?x=1#frag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "logstow: error: --viewer-url 'https://v.example/index.html?x=1#frag' has a fragment "
            "('#...'): the viewer's q= would land in it: give the viewer page as `logstow "
            "publish-viewer` printed it, e.g. https://logs.example/logviewer/index.html\n");
}

TEST(ImportCommand, AMapPathThatIsAFolderIsRefusedAndNothingIsLeftBeside) {
  TempDir tree, out;
  const std::filesystem::path mapdir = out.path() / "mapdir";
  std::filesystem::create_directory(mapdir);
  ProcessResult r = Import({tree.path().string(), "--prefix", "old/", "--viewer-url",
                            "https://v.example/index.html", "--apache-map", mapdir.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "logstow: error: the redirect map '" + mapdir.string() +
                       "' is a folder: give a file path, e.g. '" +
                       (mapdir / "logstow-moved.map").string() + "'\n");
  EXPECT_FALSE(std::filesystem::exists(mapdir.string() + ".logstow-tmp"));
}

TEST(ImportCommand, AMapInAFolderThatDoesNotExistNamesTheReason) {
  TempDir tree, out;
  const std::string map = (out.path() / "no-such" / "moved.map").string();
  ProcessResult r = Import({tree.path().string(), "--prefix", "old/", "--viewer-url",
                            "https://v.example/index.html", "--nginx-map", map});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "logstow: error: cannot write the redirect map '" + map +
                       "' (No such file or directory): check that its folder exists and is "
                       "writable\n");
}

TEST(ImportCommand, TheSameFileForBothMapsIsRefused) {
  TempDir tree, out;
  const std::string map = (out.path() / "moved.map").string();
  const std::string same = (out.path() / "." / "moved.map").string();
  ProcessResult r =
      Import({tree.path().string(), "--prefix", "old/", "--viewer-url",
              "https://v.example/index.html", "--apache-map", map, "--nginx-map", same});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "logstow: error: --apache-map and --nginx-map are the same file '" + map +
                       "': give each its own path (the second would overwrite the first)\n");
  EXPECT_FALSE(std::filesystem::exists(map));
}

}  // namespace
}  // namespace logstow::testing
