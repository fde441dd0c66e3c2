// `logstow upload` against the real local Swift: what was listed is what is stored, byte for
// byte after HTTP decoding, with the right Content-Type and Content-Encoding; index pages and
// the manifest list exactly the objects that landed.
#include "uploader/upload.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/percent_encode.h"
#include "tests/swift/upload_checks.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "tokens/token_codec.h"
#include "uploader/classify.h"

namespace logstow::uploader {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// The sample logs (tests/data, see SOURCES.md) plus a tree of awkward names and symlinks.
// Returns relative name -> expected bytes of every file that must be uploaded.
std::map<std::string, std::string> MakeTree(const testing::TempDir& dir,
                                            const testing::TempDir& outside) {
  std::map<std::string, std::string> files;
  const fs::path data = LOGSTOW_TEST_DATA_DIR;
  for (const auto& entry : fs::directory_iterator(data)) {
    if (!entry.is_regular_file() || entry.path().filename() == "SOURCES.md") continue;
    std::string name = "samples/" + entry.path().filename().string();
    files[name] = testing::ReadFile(entry.path());
    dir.Write(name, files[name]);
  }
  const std::map<std::string, std::string> awkward = {
      {"with space.txt", "space\n"},
      {"hash#and?query.log", "2013-09-10 12:34:56.789 1 ERROR x\n"},
      {"percent%41%2F.txt", "percent\n"},
      {"plus+plus.txt", "plus\n"},
      {"controller/subdir/foo::3.txt", "colon\n"},
      {"Ꮓບບξ-unicode.txt", "unicode ünï\n"},
      {".leading-dot", "dot\n"},
      {".hidden-folder/.env", "A=1\n"},
      {"a/b/c/d/e/f/g/h/deep.txt", "deep\n"},
      {"empty.log", ""},
      {"empty-folder-sibling/zero.txt", ""},
      {"<script>alert(1)<\\script>.txt", "<script>alert('x')</script>\n"},
      {"binary.bin", std::string("\x7f"
                                 "ELF\0\0\x01\x02",
                                 8)},
      {"already.txt.gz", "\x1f\x8b\x08\x00 not really gzip but sent as is"},
  };
  for (const auto& [name, body] : awkward) {
    dir.Write(name, body);
    files[name] = body;
  }
  // Symlinks: inside the root (uploaded as the target's bytes), outside, dangling, a folder link
  // back up (never descended).
  fs::create_symlink("with space.txt", dir.path() / "link-to-file.txt");
  files["link-to-file.txt"] = "space\n";
  outside.Write("secret.txt", "must not be uploaded");
  fs::create_symlink(outside.path() / "secret.txt", dir.path() / "escape.txt");
  fs::create_symlink("nowhere.txt", dir.path() / "dangling.txt");
  fs::create_directory_symlink("..", dir.path() / "a/loop");
  return files;
}

TEST(Upload, EveryObjectReadsBackByteIdenticalWithTypeAndEncoding) {
  testing::SwiftContainer container("upload");
  testing::TempDir dir, outside;
  auto files = MakeTree(dir, outside);
  const std::string prefix = "periodic/job 1/";
  UploadOptions options{.folder = dir.path(), .token = container.Token(prefix)};
  options.delete_after_s = 3600;

  UploadReport report = Upload(options);

  ASSERT_TRUE(report.ok()) << report.ToJson();
  EXPECT_EQ(report.count(ObjectStatus::kLanded), static_cast<int>(files.size()));
  EXPECT_EQ(report.requests, static_cast<int>(files.size() + 14 + 1))
      << "one request per file, per index page (14 folders) and the manifest";
  EXPECT_THAT(report.warnings,
              ::testing::UnorderedElementsAre(
                  HasSubstr("skipped a/loop: symlink to a folder, not followed (-> ..)"),
                  HasSubstr("skipped dangling.txt: dangling symlink"),
                  HasSubstr("skipped escape.txt: symlink leaves the folder"),
                  // Gzipped text is scanned for the token; this one is no gzip: sent unscanned.
                  "could not scan already.txt.gz for the token ('already.txt.gz' is not valid "
                  "gzip data (or it is cut short)): sent as it is"));

  for (const auto& [name, expected] : files) {
    SCOPED_TRACE(name);
    testing::HttpResponse response;
    EXPECT_EQ(container.ReadObjectDecoded(prefix + name, &response), expected);
    // Tiny files that gzip would make bigger go as they are too (classify.h GzipShrinks).
    const bool stored_as_is = name.ends_with(".gz") || name == "binary.bin" || expected.empty() ||
                              !GzipShrinks(expected, options.gzip_level);
    EXPECT_EQ(response.header("content-encoding"), stored_as_is ? "" : "gzip");
    EXPECT_EQ(response.header("x-delete-at").empty(), false);
  }
  EXPECT_EQ(container.GetObject(prefix + "samples/job-output.txt").header("content-type"),
            "text/plain; charset=utf-8");
  EXPECT_EQ(container.GetObject(prefix + "samples/screen-n-api.txt.gz").header("content-type"),
            "application/gzip");
  EXPECT_EQ(container.GetObject(prefix + "binary.bin").header("content-type"),
            "application/octet-stream");
  EXPECT_EQ(container.GetObject(prefix + "escape.txt").status, 404);
}

TEST(Upload, IndexesAndManifestListExactlyWhatLanded) {
  testing::SwiftContainer container("upload-index");
  testing::TempDir dir;
  dir.Write("job-output.txt", "top\n");
  dir.Write("logs/a b.txt", "a\n");
  dir.Write("logs/<b>bold.txt", "b\n");
  dir.Write("logs/sub/c.log", "c\n");
  const std::string prefix = "idx/";
  UploadReport report = Upload({.folder = dir.path(), .token = container.Token(prefix)});
  ASSERT_TRUE(report.ok()) << report.ToJson();

  std::vector<std::string> expected = {"idx/index.html",          "idx/job-output.txt",
                                       "idx/logs/<b>bold.txt",    "idx/logs/a b.txt",
                                       "idx/logs/index.html",     "idx/logs/sub/c.log",
                                       "idx/logs/sub/index.html", "idx/zuul-manifest.json"};
  EXPECT_THAT(container.List(prefix), ElementsAreArray(expected));

  std::string root = container.ReadObjectDecoded("idx/index.html");
  EXPECT_THAT(root, HasSubstr("href=\"job-output.txt\""));
  EXPECT_THAT(root, HasSubstr("href=\"logs/index.html\""));
  std::string logs = container.ReadObjectDecoded("idx/logs/index.html");
  EXPECT_THAT(logs, HasSubstr("href=\"a%20b.txt\">a b.txt</a>"));
  EXPECT_THAT(logs, HasSubstr("&lt;b&gt;bold.txt</a>"));
  EXPECT_THAT(logs, Not(HasSubstr("<b>bold")));

  auto manifest = nlohmann::json::parse(container.ReadObjectDecoded("idx/zuul-manifest.json"));
  std::vector<std::string> listed;
  for (const auto& [path, node] : ManifestFiles(manifest)) listed.push_back(path);
  EXPECT_THAT(listed, ::testing::UnorderedElementsAre("job-output.txt", "logs/a b.txt",
                                                      "logs/<b>bold.txt", "logs/sub/c.log"));
}

// Regression: issue #10. Every object (files, index pages, manifest) carries its size before
// gzip as X-Object-Meta-Logstow-Size (the viewer sizes its buffer from it; Content-Length is the
// gzipped size), and a CORS reader can see it.
TEST(Upload, EveryObjectCarriesItsSizeBeforeGzip) {
  testing::SwiftContainer container("upload-size");
  testing::TempDir dir;
  std::string text;
  while (text.size() < 200000) text += "2026-12-06 20:00:00.000 1 INFO nova.compute a line\n";
  dir.Write("job-output.txt", text);
  dir.Write("logs/empty.log", "");
  dir.Write("logs/already.txt.gz", "\x1f\x8b\x08\x00 stored as it is");
  const std::string prefix = "size/";
  UploadReport report = Upload({.folder = dir.path(), .token = container.Token(prefix)});
  ASSERT_TRUE(report.ok()) << report.ToJson();

  const std::vector<std::string> objects = container.List(prefix);
  ASSERT_EQ(objects.size(), 6u) << "3 files, 2 index pages, the manifest";
  for (const std::string& name : objects) {
    SCOPED_TRACE(name);
    testing::HttpResponse response;
    const std::string body = container.ReadObjectDecoded(name, &response);
    EXPECT_EQ(response.header("x-object-meta-logstow-size"), std::to_string(body.size()));
  }
  const testing::HttpResponse text_object = container.GetObject(prefix + "job-output.txt");
  EXPECT_EQ(text_object.header("x-object-meta-logstow-size"), std::to_string(text.size()));
  EXPECT_LT(std::stoul(text_object.header("content-length")), text.size() / 10);
  EXPECT_EQ(std::string(kSizeMetaHeader), "X-Object-Meta-Logstow-Size");
}

TEST(Upload, FilesOverTheTokensLimitFailByNameAndTheRestLands) {
  testing::SwiftContainer container("upload-limit");
  testing::TempDir dir;
  const tokens::Token token = TreeWithAFileOverTheLimit(container, dir, "limit/", "big.log");
  UploadReport report = Upload({.folder = dir.path(), .token = token});
  EXPECT_FALSE(report.ok());
  ASSERT_EQ(report.objects[0].name, "big.log");
  EXPECT_EQ(report.objects[0].status, ObjectStatus::kFailed);
  EXPECT_EQ(report.objects[0].attempts, 0) << "nothing was sent for it";
  EXPECT_EQ(report.objects[0].error,
            "too large: 5000 bytes, over the token's max_file_size of 1000 bytes; not sent "
            "(split or compress it, or leave it out)");
  EXPECT_THAT(container.List("limit/"), ElementsAreArray({"limit/index.html", "limit/small.txt",
                                                          "limit/zuul-manifest.json"}));
}

TEST(UploadCommand, PrintsTheViewerUrlAndWritesAJsonReport) {
  testing::SwiftContainer container("upload-cli");
  testing::TempDir dir, work;
  dir.Write("job-output.txt", "2013-09-10 12:34:56.789 1 ERROR x\n");
  tokens::Token token = container.Token("cli/");
  token.scope.viewer_url = "https://viewer.example/";
  // Re-sign: viewer_url is not part of the signature, so the token stays valid.
  std::string text = tokens::EncodeToken(token);
  fs::path report_file = work.path() / "report.json";
  testing::ProcessResult r =
      testing::RunProcess({.argv = {LOGSTOW_BINARY, "upload", dir.path().string(), "--json",
                                    report_file.string(), "--progress", "plain"},
                           .env = {"LOGSTOW_TOKEN=" + text}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "https://viewer.example/?q=" + PercentEncode(container.url() + "/cli/") + "\n");
  EXPECT_THAT(r.err, HasSubstr("logstow: 34 B in 1 file, "));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(token.tempurl_signatures.begin()->second)));
  auto report = nlohmann::json::parse(testing::ReadFile(report_file));
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(report["files"]["landed"], 1);
  EXPECT_THAT(report.dump(), Not(HasSubstr(token.tempurl_signatures.begin()->second)));
}

}  // namespace
}  // namespace logstow::uploader
