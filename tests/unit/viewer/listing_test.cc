#include "viewer/listing.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/testing/viewer_samples.h"
#include "uploader/index_writer.h"

namespace logstow::viewer {
namespace {

// The shape Swift 2.30 returned for GET /v1/AUTH_test/logs?format=json&prefix=job1/&delimiter=/
// (docs/swift-notes.md "Container listings"), with an awkward name added.
constexpr char kSwiftListing[] = R"([
 {"bytes": 6, "hash": "b1946ac92492d2347c6235b4d2611184", "name": "job1/console.txt",
  "content_type": "text/plain", "last_modified": "2026-11-30T03:46:34.109600"},
 {"bytes": 20, "hash": "f766", "name": "job1/index.html", "content_type": "text/plain",
  "last_modified": "2026-11-30T03:47:18.642810"},
 {"bytes": 3, "hash": "x", "name": "job1/a b#?%.txt", "content_type": "text/plain;charset=utf-8",
  "last_modified": "2026-11-30T03:47:18.642810"},
 {"subdir": "job1/logs/"},
 {"subdir": "job1/zuul-info/"}])";

TEST(ParseSwiftListing, ReadsFilesAndSubdirs) {
  const ListingResult result = ParseSwiftListing(kSwiftListing, "job1/", 10000);
  ASSERT_TRUE(result.ok()) << result.error.message;
  const Folder& folder = result.folder;
  EXPECT_EQ(folder.path, "job1/");
  ASSERT_EQ(folder.entries.size(), 5u);
  EXPECT_EQ(folder.entries[0].name, "console.txt");
  EXPECT_EQ(folder.entries[0].type, EntryType::kFile);
  EXPECT_EQ(folder.entries[0].size_bytes, 6);
  EXPECT_EQ(folder.entries[0].content_type, "text/plain");
  EXPECT_EQ(folder.entries[0].last_modified, "2026-11-30T03:46:34");
  EXPECT_EQ(folder.entries[2].name, "a b#?%.txt");
  EXPECT_EQ(folder.entries[2].href, "a%20b%23%3F%25.txt");
  EXPECT_EQ(folder.entries[3].name, "logs");
  EXPECT_EQ(folder.entries[3].type, EntryType::kFolder);
  EXPECT_EQ(folder.entries[3].href, "logs/");
  EXPECT_EQ(folder.entries[3].size_bytes, -1);
  EXPECT_FALSE(folder.maybe_more);  // 5 items, fewer than the 10000 asked for: the last page
  EXPECT_EQ(folder.page_items, 5u);
  EXPECT_EQ(folder.next_marker, "job1/zuul-info/");
  EXPECT_FALSE(folder.marker_seen);
}

// The parts of large files (common/large_object.h) live in a folder of their own that the
// viewer never shows; the large object itself is listed with its whole size, as Swift 2.30 did.
TEST(ParseSwiftListing, TheFolderOfLargeFileSegmentsIsNoEntry) {
  const ListingResult result = ParseSwiftListing(
      R"([{"subdir": "b/.logstow-segments/"},
          {"bytes": 1791793, "hash": "5abc", "name": "b/big.txt",
           "content_type": "text/plain;charset=utf-8", "last_modified": "2026-12-06T22:31:06.1",
           "slo_etag": "\"b78c\""},
          {"subdir": "b/.logstow-segmentsx/"}])",
      "b/", 10000);
  ASSERT_TRUE(result.ok()) << result.error.message;
  ASSERT_EQ(result.folder.entries.size(), 2u);
  EXPECT_EQ(result.folder.entries[0].name, "big.txt");
  EXPECT_EQ(result.folder.entries[0].size_bytes, 1791793);
  EXPECT_EQ(result.folder.entries[1].name, ".logstow-segmentsx") << "only the reserved name";
  EXPECT_EQ(result.folder.page_items, 3u) << "paging still counts it";
  EXPECT_TRUE(result.folder.segment_folder_seen);
  EXPECT_FALSE(ParseSwiftListing(kSwiftListing, "job1/", 10000).folder.segment_folder_seen);
}

// A listing of "b/.logstow-segments/" without a delimiter, as the viewer asks for it: one
// entry per large file with its segment count and bytes; names that are no segment's skipped.
TEST(ParseSegmentListing, OneEntryPerLargeFile) {
  const ListingResult result = ParseSegmentListing(
      R"([{"bytes": 1048576, "name": "b/.logstow-segments/big.bin/00000000",
           "last_modified": "2026-12-06T22:31:05.1"},
          {"bytes": 3, "name": "b/.logstow-segments/big.bin/00000001",
           "last_modified": "2026-12-06T22:31:06.2"},
          {"bytes": 9, "name": "b/.logstow-segments/big.bin/notes.txt"},
          {"bytes": 7, "name": "b/.logstow-segments/logs/a b#.txt/00000000"},
          {"bytes": 7, "name": "b/.logstow-segments/00000000"},
          {"bytes": 7, "name": "b/other/x/00000000"}])",
      "b/.logstow-segments/", 6);
  ASSERT_TRUE(result.ok()) << result.error.message;
  const std::vector<FolderEntry>& entries = result.folder.entries;
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "big.bin");
  EXPECT_EQ(entries[0].type, EntryType::kFile);
  EXPECT_EQ(entries[0].segments, 2);
  EXPECT_EQ(entries[0].size_bytes, 1048579);
  EXPECT_EQ(entries[0].last_modified, "2026-12-06T22:31:06");
  EXPECT_EQ(entries[1].name, "logs/a b#.txt") << "a file in a sub-folder keeps its path";
  EXPECT_EQ(entries[1].href, "logs%2Fa%20b%23.txt");
  EXPECT_EQ(entries[1].segments, 1);
  EXPECT_TRUE(result.folder.maybe_more);
  EXPECT_EQ(result.folder.next_marker, "b/other/x/00000000");
  const auto json = nlohmann::json::parse(ListingToJson(result));
  EXPECT_EQ(json["entries"][0]["segments"], 2);
  EXPECT_EQ(ParseSegmentListing("{}", "b/.logstow-segments/", 6).error.code,
            ListingError::Code::kNotAListing);
  EXPECT_EQ(ParseSegmentListing("[1,", "b/.logstow-segments/", 6).error.code,
            ListingError::Code::kBadJson);
}

// Directory markers as Swift clients make them: the folder's own marker ("build1/") is no entry
// but says the folder exists; a child's marker is a folder, also when it has no trailing slash
// but Content-Type application/directory; a file and a folder of one name are both kept.
TEST(ParseSwiftListing, DirectoryMarkersAreFoldersNeverFiles) {
  const ListingResult own = ParseSwiftListing(
      R"([{"name": "build1/", "bytes": 0, "content_type": "application/directory"}])", "build1/",
      3);
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own.folder.entries.empty());
  EXPECT_TRUE(own.folder.marker_seen);
  EXPECT_EQ(own.folder.page_items, 1u);
  EXPECT_FALSE(own.folder.maybe_more);

  const ListingResult children = ParseSwiftListing(
      R"([{"name": "b/dir", "bytes": 0, "content_type": "application/directory; charset=x"},
          {"name": "b/same", "bytes": 4, "content_type": "text/plain"},
          {"subdir": "b/same/"}])",
      "b/", 3);
  ASSERT_TRUE(children.ok());
  ASSERT_EQ(children.folder.entries.size(), 3u);
  EXPECT_EQ(children.folder.entries[0].type, EntryType::kFolder);
  EXPECT_EQ(children.folder.entries[0].href, "dir/");
  EXPECT_EQ(children.folder.entries[1].type, EntryType::kFile);
  EXPECT_EQ(children.folder.entries[1].href, "same");
  EXPECT_EQ(children.folder.entries[2].type, EntryType::kFolder);
  EXPECT_EQ(children.folder.entries[2].href, "same/");
  EXPECT_TRUE(children.folder.maybe_more);  // a full page of 3
  EXPECT_EQ(children.folder.next_marker, "b/same/");
}

// "a//x" under "a/" sits in a folder whose name is empty: listed (name "", href "/"), not dropped.
TEST(ParseSwiftListing, AnEmptyFolderNameIsKept) {
  const ListingResult result =
      ParseSwiftListing(R"([{"subdir": "a//"}, {"name": "a/b"}])", "a/", 0);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.folder.entries.size(), 2u);
  EXPECT_EQ(result.folder.entries[0].name, "");
  EXPECT_EQ(result.folder.entries[0].href, "/");
  EXPECT_EQ(result.folder.entries[0].type, EntryType::kFolder);
  EXPECT_FALSE(result.folder.maybe_more);  // limit 0: unknown page size, never "more"
}

// Regression (found by fuzz/listing_fuzzer.cc): an object name starting with '/' gave the
// absolute href "/name"; "." and ".." would resolve out of the folder.
TEST(ParseSwiftListing, HrefsNeverLeaveTheFolder) {
  const ListingResult result = ParseSwiftListing(
      R"([{"name": "/etc/passwd", "bytes": 1}, {"subdir": "//x/"}, {"name": ".."},
          {"subdir": "./"}, {"name": "../up"}, {"name": "a/b"}])",
      "", 100);
  ASSERT_TRUE(result.ok());
  std::vector<std::string> hrefs;
  for (const FolderEntry& e : result.folder.entries) hrefs.push_back(e.href);
  EXPECT_EQ(hrefs, (std::vector<std::string>{"%2Fetc%2Fpasswd", "%2F%2Fx/", "..%2Fup", "a%2Fb"}));
}

TEST(ParseSwiftListing, AFullPageAsksForTheNextWithAMarker) {
  const ListingResult result = ParseSwiftListing(kSwiftListing, "job1/", 5);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.folder.maybe_more);
  EXPECT_EQ(result.folder.next_marker, "job1/zuul-info/");
}

TEST(ParseSwiftListing, ErrorsAreValues) {
  EXPECT_EQ(ParseSwiftListing("[{", "", 100).error.code, ListingError::Code::kBadJson);
  EXPECT_EQ(ParseSwiftListing("{}", "", 100).error.message,
            "not a Swift container listing: expected a JSON array of objects");
  EXPECT_EQ(ParseSwiftListing("[1]", "", 100).error.message,
            "not a Swift container listing: entry 1 is not an object");
  EXPECT_EQ(ParseSwiftListing(R"([{"bytes": 1}])", "", 100).error.message,
            "not a Swift container listing: entry 1 has neither \"name\" nor \"subdir\"");
  EXPECT_TRUE(ParseSwiftListing("[]", "x/", 100).ok());
}

TEST(ParseZuulManifest, ReadsTheSampleManifest) {
  const std::string manifest = testing::ReadSample("zuul-manifest.json");
  const ListingResult root = ParseZuulManifest(manifest, "");
  ASSERT_TRUE(root.ok()) << root.error.message;
  ASSERT_EQ(root.folder.entries.size(), 3u);
  EXPECT_EQ(root.folder.entries[0].name, "os-loganalyze");
  EXPECT_EQ(root.folder.entries[0].type, EntryType::kFolder);
  EXPECT_EQ(root.folder.entries[0].href, "os-loganalyze/");
  EXPECT_EQ(root.folder.entries[2].name, "zuul-jobs");

  const ListingResult sub = ParseZuulManifest(manifest, "os-loganalyze/");
  ASSERT_TRUE(sub.ok()) << sub.error.message;
  ASSERT_EQ(sub.folder.entries.size(), 7u);
  const FolderEntry& console = sub.folder.entries[0];
  EXPECT_EQ(console.name, "console.html.gz");
  EXPECT_EQ(console.size_bytes, 284082);
  EXPECT_EQ(console.content_type, "text/html");
  EXPECT_EQ(console.content_encoding, "gzip");
  EXPECT_EQ(console.last_modified, "2019-05-05T16:25:41");  // 1557073541
  EXPECT_EQ(sub.folder.entries[1].href, "devstack%40c-api.service.log.txt");
  EXPECT_EQ(sub.folder.entries[1].content_encoding, "");  // null in the manifest

  EXPECT_EQ(ParseZuulManifest(manifest, "nope/").error.message,
            "the zuul manifest lists no folder \"nope/\"");
  EXPECT_EQ(ParseZuulManifest("{\"x\": 1}", "").error.code, ListingError::Code::kNotAListing);
}

// The manifest logstow writes (the golden file tests/unit/uploader/manifest_writer_test.cc
// checks BuildManifest against) reads as zuul-jobs' does: folders, then files, with the file's
// own encoding.
TEST(ParseZuulManifest, ReadsTheManifestLogstowWrites) {
  const std::string manifest = testing::ReadSample("zuul-manifest-golden-tree.json");
  const ListingResult node = ParseZuulManifest(manifest, "logs/controller/");
  ASSERT_TRUE(node.ok()) << node.error.message;
  ASSERT_EQ(node.folder.entries.size(), 7u);
  EXPECT_EQ(node.folder.entries[0].name, "etc");
  EXPECT_EQ(node.folder.entries[0].type, EntryType::kFolder);
  const FolderEntry& gz = node.folder.entries[5];
  EXPECT_EQ(gz.name, "screen-n-api.txt.gz");
  EXPECT_EQ(gz.content_type, "text/plain");
  EXPECT_EQ(gz.content_encoding, "gzip");
  EXPECT_EQ(gz.size_bytes, 4);
  EXPECT_EQ(gz.last_modified, "2023-11-14T22:13:20");  // 1700000000
  EXPECT_EQ(gz.segments, 0);
}

TEST(ParseZuulManifest, ReadsTheSegmentCountOfALargeFile) {
  const ListingResult result = ParseZuulManifest(
      R"({"tree": [{"name": "big.txt", "mimetype": "text/plain", "encoding": null,
                    "last_modified": 1700000000, "size": 3145731, "segments": 2},
                   {"name": "odd.txt", "segments": "2"}]})",
      "");
  ASSERT_TRUE(result.ok()) << result.error.message;
  EXPECT_EQ(result.folder.entries[0].segments, 2);
  EXPECT_EQ(result.folder.entries[0].size_bytes, 3145731);
  EXPECT_EQ(result.folder.entries[1].segments, 0) << "not a count";
}

// Apache 2.4 mod_autoindex, FancyIndexing with HTMLTable, as legacy log servers served it
// (written by hand in Apache's exact output shape).
constexpr char kApacheTable[] = R"(<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of /logs/27/123427/3/gate/gate-tempest-dsvm-full</title>
 </head>
 <body>
<h1>Index of /logs/27/123427/3/gate/gate-tempest-dsvm-full</h1>
  <table>
   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>
   <tr><th colspan="5"><hr></th></tr>
<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/logs/27/123427/3/gate/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/text.gif" alt="[TXT]"></td><td><a href="console.html">console.html</a></td><td align="right">2014-10-01 14:05  </td><td align="right">2.4M</td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/folder.gif" alt="[DIR]"></td><td><a href="logs/">logs/</a></td><td align="right">2014-10-01 14:06  </td><td align="right">  - </td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="screen-n-api.txt.gz">screen-n-api.txt.gz</a></td><td align="right">2014-10-01 14:06  </td><td align="right">570K</td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="a%20b%26c.txt">a b&amp;c.txt</a></td><td align="right">2014-10-01 14:07  </td><td align="right">512 </td><td>&nbsp;</td></tr>
   <tr><th colspan="5"><hr></th></tr>
</table>
<address>Apache/2.4.7 (Ubuntu) Server at logs.openstack.org Port 80</address>
</body></html>
)";

// Apache 2.2 FancyIndexing without tables: one <pre> line per entry.
constexpr char kApachePre[] = R"(<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html><head><title>Index of /logs/x</title></head><body>
<h1>Index of /logs/x</h1>
<pre><img src="/icons/blank.gif" alt="Icon "> <a href="?C=N;O=D">Name</a>                    <a href="?C=M;O=A">Last modified</a>      <a href="?C=S;O=A">Size</a>  <a href="?C=D;O=A">Description</a><hr><img src="/icons/back.gif" alt="[DIR]"> <a href="/logs/">Parent Directory</a>                             -   
<img src="/icons/text.gif" alt="[TXT]"> <a href="console.html">console.html</a>            28-Mar-2013 12:20  1.1M  
<img src="/icons/folder.gif" alt="[DIR]"> <a href="logs/">logs/</a>                   28-Mar-2013 12:21    -   
<img src="/icons/unknown.gif" alt="[   ]"> <a href="very-long-name-that-apache-trun..&gt;">very-long-name-that-apache-trun..&gt;</a> 28-Mar-2013 12:22   17K  
<hr></pre>
</body></html>
)";

TEST(ParseHtmlIndex, ReadsApacheAutoindexTables) {
  const ListingResult result = ParseHtmlIndex(kApacheTable);
  ASSERT_TRUE(result.ok()) << result.error.message;
  const auto& e = result.folder.entries;
  ASSERT_EQ(e.size(), 4u);  // no sort links, no parent
  EXPECT_EQ(e[0].name, "console.html");
  EXPECT_EQ(e[0].href, "console.html");
  EXPECT_EQ(e[0].last_modified, "2014-10-01T14:05:00");
  EXPECT_EQ(e[0].size_bytes, static_cast<int64_t>(2.4 * 1024 * 1024));
  EXPECT_TRUE(e[0].size_approximate);
  EXPECT_EQ(e[1].name, "logs");
  EXPECT_EQ(e[1].type, EntryType::kFolder);
  EXPECT_EQ(e[1].href, "logs/");
  EXPECT_EQ(e[1].size_bytes, -1);
  EXPECT_EQ(e[2].size_bytes, 570 * 1024);
  EXPECT_EQ(e[3].name, "a b&c.txt");
  EXPECT_EQ(e[3].href, "a%20b%26c.txt");
  EXPECT_EQ(e[3].size_bytes, 512);
  EXPECT_FALSE(e[3].size_approximate);
}

TEST(ParseHtmlIndex, ReadsApachePreLayout) {
  const ListingResult result = ParseHtmlIndex(kApachePre);
  ASSERT_TRUE(result.ok()) << result.error.message;
  const auto& e = result.folder.entries;
  ASSERT_EQ(e.size(), 2u);  // the truncated "..>" link has '>' in its href: not a child name
  EXPECT_EQ(e[0].name, "console.html");
  EXPECT_EQ(e[0].last_modified, "2013-03-28T12:20:00");
  EXPECT_EQ(e[0].size_bytes, static_cast<int64_t>(1.1 * 1024 * 1024));
  EXPECT_EQ(e[1].type, EntryType::kFolder);
  EXPECT_EQ(e[1].last_modified, "2013-03-28T12:21:00");
}

TEST(ParseHtmlIndex, KeepsOnlyRelativeChildLinks) {
  const ListingResult result = ParseHtmlIndex(
      "<a href=\"https://viewer/?q=x\">viewer</a><a href='javascript:alert(1)'>x</a>"
      "<a href=\"../up\">up</a><a href=\"/abs\">abs</a><a href=\"#top\">top</a>"
      "<a href=\"deep/er/file\">deep</a><a href=\"./job-output.txt.gz\">job</a>"
      "<a\nhref=job-output.txt.gz>dup</a><a href=\"x.txt\">x</a><td>1234</td>");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.folder.entries.size(), 2u);
  EXPECT_EQ(result.folder.entries[0].name, "job-output.txt.gz");
  EXPECT_EQ(result.folder.entries[1].name, "x.txt");
  EXPECT_EQ(result.folder.entries[1].size_bytes, 1234);
  EXPECT_EQ(ParseHtmlIndex("<html>no links</html>").error.message,
            "no links to folder entries found in the HTML page");
}

// logstow's own index.html, as uploader/index_writer.cc writes it (the real writer, so a change of
// its shape shows up here).
TEST(ParseHtmlIndex, ReadsLogstowsOwnIndexPages) {
  const std::vector<uploader::ListedObject> landed = {
      {"job-output.txt.gz", 5 * 1024 * 1024 + 512 * 1024, 1796010394},
      {"logs/n-api.txt", 1023, 1796010394},
      {"a b#?%.txt", 12, 0},
      {"\xC3\xBCn\xC3\xAF/x.txt", 1, 0}};
  const auto pages = uploader::BuildIndexes(landed, {.title = "zuul/42/",
                                                     .prefix_url = "http://s/v1/A/c/zuul/42/",
                                                     .viewer_url = "https://v.example/"});
  const ListingResult root = ParseHtmlIndex(pages.at(""));
  ASSERT_TRUE(root.ok()) << root.error.message;
  const auto& e = root.folder.entries;
  ASSERT_EQ(e.size(), 4u);       // the viewer links and the parent are not entries
  EXPECT_EQ(e[0].name, "logs");  // folders first, as the writer lists them
  EXPECT_EQ(e[0].type, EntryType::kFolder);
  EXPECT_EQ(e[0].href, "logs/");
  EXPECT_EQ(e[1].name, "\xC3\xBCn\xC3\xAF");
  EXPECT_EQ(e[1].href, "%C3%BCn%C3%AF/");
  EXPECT_EQ(e[2].name, "a b#?%.txt");
  EXPECT_EQ(e[2].size_bytes, 12);
  EXPECT_FALSE(e[2].size_approximate);
  EXPECT_EQ(e[2].last_modified, "1970-01-01T00:00:00");
  EXPECT_EQ(e[3].name, "job-output.txt.gz");
  EXPECT_EQ(e[3].size_bytes, static_cast<int64_t>(5.5 * 1024 * 1024));
  EXPECT_TRUE(e[3].size_approximate);
  EXPECT_EQ(e[3].last_modified, "2026-11-30T03:46:34");
  const ListingResult sub = ParseHtmlIndex(pages.at("logs/"));
  ASSERT_TRUE(sub.ok());
  ASSERT_EQ(sub.folder.entries.size(), 1u);
  EXPECT_EQ(sub.folder.entries[0].name, "n-api.txt");
  EXPECT_EQ(sub.folder.entries[0].size_bytes, 1023);
}

// Pages of many links without "</a>", "</tr>" or newlines parse in linear time (these took
// minutes when each link searched to the end of the page). No time is asserted.
TEST(ParseHtmlIndex, ManyLinksOnOneLineStayLinear) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<a href=\"f" + std::to_string(i) + "\">x ";
  const ListingResult result = ParseHtmlIndex(html);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.folder.entries.size(), 100000u);
  EXPECT_EQ(result.folder.entries.back().name, "f99999");
}

TEST(ListingToJson, GivesThePageOneShape) {
  const auto ok =
      nlohmann::json::parse(ListingToJson(ParseSwiftListing(kSwiftListing, "job1/", 5)));
  EXPECT_EQ(ok["ok"], true);
  EXPECT_EQ(ok["source"], "swift");
  EXPECT_EQ(ok["maybe_more"], true);
  EXPECT_EQ(ok["entries"][3]["type"], "folder");
  EXPECT_EQ(ok["entries"][0]["size"], 6);
  const auto bad = nlohmann::json::parse(ListingToJson(ParseSwiftListing("{}", "", 5)));
  EXPECT_EQ(bad["ok"], false);
  EXPECT_EQ(bad["code"], "not-a-listing");
}

}  // namespace
}  // namespace logstow::viewer
