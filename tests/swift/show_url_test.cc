// `logstow show URL` against the real local Swift, as a reader points it at a build's logs: an
// object stored with Content-Encoding: gzip (what `logstow upload` writes for text), a stored
// `.gz` (a file the job gzipped itself, kept as it is), a plain object, and a missing one; and the
// year of a journal log's times, from the answer's Last-Modified.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/gzip.h"
#include "common/time_format.h"
#include "tests/testing/apache_server.h"
#include "tests/testing/http_client.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"

namespace logstow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

ProcessResult Logstow(std::vector<std::string> args) {
  args.insert(args.begin(), LOGSTOW_BINARY);
  return RunProcess({.argv = args});
}

// The sample as text, and what `show` prints for it read from a local file.
std::string LocalShow(const std::string& flags_and_path) {
  ProcessResult r =
      RunProcess({.argv = {"/bin/bash", "-c",
                           std::string("'") + LOGSTOW_BINARY + "' show " + flags_and_path}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

class ShowUrl : public ::testing::Test {
 protected:
  void Put(const std::string& object, const std::string& body, std::vector<std::string> headers) {
    headers.push_back(swift_.auth_header());
    HttpResponse r = Send(
        {.method = "PUT", .url = swift_.url() + "/" + object, .headers = headers, .body = body});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  SwiftContainer swift_{"show"};
  const std::string data_ = LOGSTOW_TEST_DATA_DIR;
};

TEST_F(ShowUrl, ReadsGzipEncodedStoredGzAndPlainObjectsAsTheLocalFile) {
  TempDir dir;
  std::string text;
  ASSERT_TRUE(Gunzip(ReadFile(data_ + "/screen-neutron-l3.txt.gz"), &text));
  const auto local = dir.Write("l3.txt", text);
  Put("build/encoded.txt", GzipCompress(text, 6),
      {"Content-Type: text/plain", "Content-Encoding: gzip"});
  Put("build/stored.txt.gz", ReadFile(data_ + "/screen-neutron-l3.txt.gz"),
      {"Content-Type: application/gzip"});
  Put("build/plain.txt", text, {"Content-Type: text/plain"});
  // The encoded object is really stored gzipped (so the test covers Content-Encoding).
  HttpResponse raw = swift_.GetObject("build/encoded.txt");
  ASSERT_EQ(raw.header("content-encoding"), "gzip");

  for (const char* flags :
       {"--count", "-n --min-severity WARNING -C 2", "--json --search 'req-'"}) {
    SCOPED_TRACE(flags);
    const std::string expected = LocalShow(std::string(flags) + " " + local.string());
    ASSERT_FALSE(expected.empty());
    for (const char* object : {"build/encoded.txt", "build/stored.txt.gz", "build/plain.txt"}) {
      SCOPED_TRACE(object);
      EXPECT_EQ(LocalShow(std::string(flags) + " '" + swift_.url() + "/" + object + "'"), expected);
    }
  }
}

// A journal log has no year in its times: show takes it from the answer's Last-Modified. Swift
// dates an object when it is stored (so a line of today reads as this year); a static server
// dates it by its file's modification time (Apache here, the file touched into 2019).
TEST_F(ShowUrl, AYearlessTimeTakesTheYearOfTheAnswersLastModified) {
  const int64_t now = NowUnixSeconds();
  const CivilDate today = CivilFromDays(now / 86400);
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char line[128];
  std::snprintf(line, sizeof line, "%s %02u 00:00:01.000000 host nova-api[1]: INFO x\n",
                kMonths[today.month - 1], today.day);
  Put("build/screen-n-api.txt", line, {"Content-Type: text/plain"});
  ProcessResult r = Logstow({"show", "--json", swift_.url() + "/build/screen-n-api.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  char time[96];  // room for any year: no truncation
  std::snprintf(time, sizeof time, "\"time\":\"%04lld-%02u-%02uT00:00:01.000\"",
                static_cast<long long>(today.year), today.month, today.day);
  EXPECT_THAT(r.out, HasSubstr(time));

  ApacheServer apache("", {});
  ASSERT_TRUE(apache.running());
  const auto file = apache.dir() / "htdocs" / "screen-n-api.txt";
  std::ofstream(file) << "Dec 31 23:59:58.000000 host nova-api[1]: INFO old year\n"
                         "Jan 01 00:00:02.000000 host nova-api[1]: INFO new year\n";
  std::filesystem::permissions(file, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  const ProcessResult touched =
      RunProcess({.argv = {"/usr/bin/touch", "-m", "-d", "2019-01-01T00:05:00Z", file.string()}});
  ASSERT_EQ(touched.exit_code, 0) << touched.err;
  r = Logstow({"show", "--json", apache.origin() + "/screen-n-api.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(R"("time":"2018-12-31T23:59:58.000")"));
  EXPECT_THAT(r.out, HasSubstr(R"("time":"2019-01-01T00:00:02.000")"));
}

// A gzip Content-Encoding body whose stream stops short (an upload cut off, a damaged object)
// with a complete Content-Length: libcurl's decoding takes it for the whole log; show prints
// what arrived and says the log broke off, as for a stored .gz cut short.
TEST_F(ShowUrl, AGzipEncodedBodyCutShortIsAnErrorAfterWhatArrived) {
  std::string text;
  for (int i = 0; i < 50000; ++i) {
    text += "2024-03-01 12:00:00.000 1 INFO nova.compute line " + std::to_string(i) + "\n";
  }
  const std::string gzip = GzipCompress(text, 6);
  Put("build/cut.txt", gzip.substr(0, gzip.size() / 2),
      {"Content-Type: text/plain", "Content-Encoding: gzip"});
  Put("build/cut.txt.gz", gzip.substr(0, gzip.size() / 2), {"Content-Type: application/gzip"});
  for (const char* object : {"build/cut.txt", "build/cut.txt.gz"}) {
    SCOPED_TRACE(object);
    ProcessResult r = Logstow({"show", swift_.url() + "/" + object});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_THAT(r.out, StartsWith("2024-03-01 12:00:00.000 1 INFO nova.compute line 0\n"));
    EXPECT_LT(r.out.size(), text.size());
    EXPECT_THAT(r.err, HasSubstr(object));
  }
}

TEST_F(ShowUrl, AMissingObjectIsAnErrorWithExitTwo) {
  const std::string url = swift_.url() + "/build/absent.txt";
  // The query is not repeated (a TempURL's holds its signature; Swift ignores this one).
  ProcessResult r = Logstow({"show", url + "?note=secret-value"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find("secret-value"), std::string::npos);
  EXPECT_EQ(r.err, "logstow: error: GET " + url +
                       " (query not shown) answered HTTP 404: no such object (check the URL; "
                       "expired logs are deleted)\n");
}

// Regression: a folder's URL (a pseudo-folder of uploaded logs) said "no such object". With
// or without its '/', a folder Swift lists objects under is named as one, with a file in it to
// show instead; one listing request, only after the 404.
TEST_F(ShowUrl, AFolderIsNamedAsOneWithAFileInIt) {
  Put("b1/job-output.txt", "hello\n", {"Content-Type: text/plain"});
  Put("b1/logs/a.txt", "a\n", {"Content-Type: text/plain"});
  // The uploader's index page sorts first; a log is the better example.
  Put("b1/index.html", "<html></html>\n", {"Content-Type: text/html"});
  const std::string folder = swift_.url() + "/b1/";
  const std::string advice =
      " answered HTTP 404: it is a folder, and `logstow show` reads one log, not a folder: give "
      "the URL of a file in it, e.g. " +
      folder + "job-output.txt, or open the folder in the web viewer (its page with ?q=" + folder +
      ")\n";
  for (const std::string& url : {folder, swift_.url() + "/b1"}) {
    SCOPED_TRACE(url);
    ProcessResult r = Logstow({"show", url});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "logstow: error: GET " + url + advice);
  }
  // The query is not repeated, nor sent with the listing.
  ProcessResult query = Logstow({"show", folder + "?note=secret-value"});
  EXPECT_EQ(query.err, "logstow: error: GET " + folder + " (query not shown)" + advice);
  // A folder in a folder; and one that holds only folders: no file to name.
  ProcessResult deep = Logstow({"show", swift_.url() + "/b1/logs"});
  EXPECT_THAT(deep.err, HasSubstr(": it is a folder, and `logstow show` reads one log, not a "
                                  "folder: give the URL of a file in it, e.g. " +
                                  folder + "logs/a.txt, or open"));
  Put("b3/x/y.txt", "y\n", {"Content-Type: text/plain"});
  ProcessResult folders = Logstow({"show", swift_.url() + "/b3/"});
  EXPECT_THAT(folders.err, HasSubstr(": it is a folder, and `logstow show` reads one log, not a "
                                     "folder: give the URL of a file in it, or open the folder in "
                                     "the web viewer (its page with ?q=" +
                                     swift_.url() + "/b3/)\n"));
  // Ending in '/' with nothing under it: a folder still, and none Swift has.
  ProcessResult gone = Logstow({"show", swift_.url() + "/b2/"});
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_EQ(gone.err, "logstow: error: GET " + swift_.url() +
                          "/b2/ answered HTTP 404: a URL ending in '/' names a folder, and "
                          "`logstow show` reads one log, not a folder; Swift lists nothing under "
                          "this one (check the URL; expired logs are deleted)\n");
  // A name that only begins like a folder's is a missing object.
  ProcessResult partial = Logstow({"show", swift_.url() + "/b"});
  EXPECT_THAT(partial.err, HasSubstr("answered HTTP 404: no such object (check the URL; expired "
                                     "logs are deleted)\n"));
}

TEST_F(ShowUrl, HeadClosingThePipeEndsQuietly) {
  std::string big;
  for (int i = 0; i < 200000; ++i) {
    big += "2024-03-01 12:00:00.000 1 INFO nova.compute line " + std::to_string(i) + "\n";
  }
  Put("build/big.txt", GzipCompress(big, 1),
      {"Content-Type: text/plain", "Content-Encoding: gzip"});
  ProcessResult r =
      RunProcess({.argv = {"/bin/bash", "-c",
                           std::string("set -o pipefail; '") + LOGSTOW_BINARY + "' show '" +
                               swift_.url() + "/build/big.txt' | head -1"}});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "2024-03-01 12:00:00.000 1 INFO nova.compute line 0\n");
}

}  // namespace
}  // namespace logstow::testing
