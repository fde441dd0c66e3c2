// The HTTP wrapper (common/http_client.h, common/http_multi.h) against a real local server,
// tests/tools/echo_server.py, which answers with what it received.
#include "common/http_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "common/http_multi.h"
#include "tests/testing/http_client.h"
#include "tests/testing/subprocess.h"

namespace logstow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// One echo server for the whole suite.
class HttpClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::Process(
        {.argv = {"/usr/bin/python3", LOGSTOW_SOURCE_DIR "/tests/tools/echo_server.py"}});
    const std::string line = server_->ReadLine(10000);
    ASSERT_TRUE(line.starts_with("listening ")) << "echo server did not start: " << line;
    origin_ = "http://127.0.0.1:" + line.substr(10);
  }
  static void TearDownTestSuite() {
    server_->Stop();
    delete server_;
    server_ = nullptr;
  }

  // What the server saw, parsed from its answer.
  static nlohmann::json Echo(const HttpResponse& response) {
    EXPECT_EQ(response.status, 200) << response.error;
    auto echo = nlohmann::json::parse(response.body, nullptr, false);
    EXPECT_FALSE(echo.is_discarded()) << response.body;
    return echo;
  }
  static std::string Header(const nlohmann::json& echo, const std::string& name) {
    std::string value;
    for (const auto& h : echo["headers"]) {
      if (h[0] == name) value = h[1];
    }
    return value;
  }

  static inline testing::Process* server_ = nullptr;
  static inline std::string origin_;
};

TEST_F(HttpClientTest, SendsMethodHeadersAndBody) {
  const HttpResponse r = SendHttp({.method = "PUT",
                                   .url = origin_ + "/echo?x=1",
                                   .headers = {"X-Object-Meta-A: b"},
                                   .body = "hello"});
  const nlohmann::json echo = Echo(r);
  EXPECT_EQ(echo["method"], "PUT");
  EXPECT_EQ(echo["target"], "/echo?x=1");
  EXPECT_EQ(echo["body"], "hello");
  EXPECT_EQ(echo["framing"], "length");
  EXPECT_EQ(Header(echo, "X-Object-Meta-A"), "b");
  EXPECT_EQ(Header(echo, "User-Agent"), "logstow");
  EXPECT_EQ(Header(echo, "Expect"), "");  // the body went at once
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.failure, HttpFailure::kNone);
}

TEST_F(HttpClientTest, AnEmptyPutStillSendsContentLength) {
  const nlohmann::json echo = Echo(SendHttp({.method = "PUT", .url = origin_ + "/echo"}));
  EXPECT_EQ(Header(echo, "Content-Length"), "0");
}

TEST_F(HttpClientTest, HeadersAreFoundInAnyCaseAndRepeatsAreKept) {
  const HttpResponse r = SendHttp({.url = origin_ + "/echo"});
  EXPECT_EQ(r.header("x-mixed-case"), "yes");
  EXPECT_EQ(r.header("X-MIXED-CASE"), "yes");
  EXPECT_THAT(r.headers.GetAll("x-repeat"), ElementsAre("one", "two"));
  EXPECT_EQ(r.header("X-Repeat"), "two");  // the last, as a map would keep
  EXPECT_FALSE(r.headers.Has("x-absent"));
  EXPECT_EQ(r.header("x-absent"), "");
}

TEST_F(HttpClientTest, HeadHasHeadersAndNoBody) {
  const HttpResponse r = SendHttp({.method = "HEAD", .url = origin_ + "/echo"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_NE(r.header("etag"), "");
}

TEST_F(HttpClientTest, ANon2xxStatusIsAResponseNotAnError) {
  const HttpResponse r = SendHttp({.url = origin_ + "/status/503", .max_body_bytes = 2048});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.body.size(), 2048u);  // cut at max_body_bytes
  EXPECT_TRUE(r.body.starts_with("status 503\n"));
}

TEST_F(HttpClientTest, StreamedBodyWithSizeGoesWithContentLength) {
  std::string data = "streamed body";
  size_t at = 0;
  const HttpResponse r = SendHttp({.method = "PUT",
                                   .url = origin_ + "/echo",
                                   .read_body =
                                       [&](char* out, size_t max, size_t* copied) {
                                         if (at == data.size()) return HttpReadStatus::kEnd;
                                         *copied = std::min<size_t>(max, 4);
                                         *copied = std::min(*copied, data.size() - at);
                                         data.copy(out, *copied, at);
                                         at += *copied;
                                         return HttpReadStatus::kData;
                                       },
                                   .body_size = data.size()});
  const nlohmann::json echo = Echo(r);
  EXPECT_EQ(echo["framing"], "length");
  EXPECT_EQ(echo["body"], data);
  EXPECT_EQ(r.bytes_sent, data.size());
  EXPECT_EQ(r.header("etag"), "\"" + testing::Md5Hex(data) + "\"");
}

TEST_F(HttpClientTest, StreamedBodyWithoutSizeGoesChunked) {
  int calls = 0;
  const HttpResponse r = SendHttp({.method = "PUT",
                                   .url = origin_ + "/echo",
                                   .read_body =
                                       [&](char* out, size_t, size_t* copied) {
                                         if (++calls > 3) return HttpReadStatus::kEnd;
                                         out[0] = 'a';
                                         *copied = 1;
                                         return HttpReadStatus::kData;
                                       },
                                   .expect_continue = true});
  const nlohmann::json echo = Echo(r);
  EXPECT_EQ(echo["framing"], "chunked");
  EXPECT_EQ(echo["body"], "aaa");
  EXPECT_EQ(Header(echo, "Expect"), "100-continue");
}

TEST_F(HttpClientTest, AReaderThatAbortsFailsTheTransferAsBodyRead) {
  const HttpResponse r =
      SendHttp({.method = "PUT",
                .url = origin_ + "/echo",
                .read_body = [](char*, size_t, size_t*) { return HttpReadStatus::kAbort; },
                .body_size = 10});
  EXPECT_EQ(r.failure, HttpFailure::kBodyRead);
  EXPECT_NE(r.error, "");
}

TEST_F(HttpClientTest, FormPartsArePostedAsMultipart) {
  const nlohmann::json echo = Echo(SendHttp({.url = origin_ + "/echo",
                                             .form = {{.name = "max_file_count", .value = "3"},
                                                      {.name = "file1",
                                                       .value = "log text",
                                                       .filename = "a.txt",
                                                       .content_type = "text/plain"}}}));
  EXPECT_EQ(echo["method"], "POST");
  EXPECT_THAT(Header(echo, "Content-Type"), HasSubstr("multipart/form-data; boundary="));
  const std::string body = echo["body"];
  EXPECT_THAT(body, HasSubstr("name=\"max_file_count\"\r\n\r\n3\r\n"));
  EXPECT_THAT(body, HasSubstr("filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nlog text"));
  EXPECT_LT(body.find("max_file_count"), body.find("file1"));
}

TEST_F(HttpClientTest, RedirectsAreFollowedOnlyWhenAsked) {
  EXPECT_EQ(SendHttp({.url = origin_ + "/redirect"}).status, 302);
  const HttpResponse r = SendHttp({.url = origin_ + "/redirect", .follow_redirects = true});
  EXPECT_EQ(Echo(r)["target"], "/echo?from=redirect");
  EXPECT_EQ(r.headers.GetAll("x-repeat").size(), 2u);  // the final response's headers only
  EXPECT_FALSE(r.headers.Has("location"));
}

// Callers inflate themselves (common/log_reader.cc), so a gzip stream cut short is noticed.
TEST_F(HttpClientTest, AContentEncodedBodyArrivesAsSent) {
  const HttpResponse raw = SendHttp({.url = origin_ + "/gzip"});
  EXPECT_TRUE(raw.body.starts_with("\x1f\x8b"));
  EXPECT_EQ(raw.header("content-encoding"), "gzip");
}

TEST_F(HttpClientTest, ASinkGetsTheBodyAndMayStopIt) {
  std::string seen_length;
  uint64_t received = 0;
  const HttpResponse r = SendHttp(
      {.url = origin_ + "/big",
       .on_body =
           [&](std::string_view block) {
             received += block.size();
             return received < 100000;
           },
       .on_headers =
           [&](const HttpResponse& headers) { seen_length = headers.header("content-length"); }});
  EXPECT_EQ(seen_length, "1048576");
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.body_bytes, received);
  EXPECT_GE(received, 100000u);
  EXPECT_LT(received, 1048576u);
}

TEST_F(HttpClientTest, ASinkNeverSeesAnErrorBody) {
  bool called = false;
  const HttpResponse r = SendHttp({.url = origin_ + "/status/404",
                                   .on_body =
                                       [&](std::string_view) {
                                         called = true;
                                         return true;
                                       },
                                   .max_body_bytes = 11});
  EXPECT_FALSE(called);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "status 404\n");
}

TEST_F(HttpClientTest, AStalledTransferTimesOut) {
  const HttpResponse r =
      SendHttp({.url = origin_ + "/stall", .stall_timeout = std::chrono::seconds(1)});
  EXPECT_EQ(r.failure, HttpFailure::kTimeout);
  EXPECT_EQ(r.status, 200);  // its headers had come
  EXPECT_EQ(r.error, "Timeout was reached");
}

TEST_F(HttpClientTest, NoServerIsAConnectFailure) {
  // Port 9 (discard) on 127.0.0.1: nothing listens there on a test machine.
  const HttpRequest request{.method = "PUT",
                            .url =
                                "http://127.0.0.1:9/v1/AUTH_a/logs/x?temp_url_sig=abc123&"
                                "temp_url_expires=1"};
  const HttpResponse r = SendHttp(request);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.failure, HttpFailure::kConnect);
  EXPECT_EQ(r.error, "Couldn't connect to server");
  EXPECT_EQ(DescribeFailure(request, r),
            "PUT http://127.0.0.1:9/v1/AUTH_a/logs/x?temp_url_sig=REDACTED&temp_url_expires=1 "
            "failed: Couldn't connect to server");
}

TEST_F(HttpClientTest, OnlyHttpAndHttpsAreSpoken) {
  const HttpResponse r = SendHttp({.url = "file:///etc/hostname"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.failure, HttpFailure::kOther);
  EXPECT_EQ(r.body, "");
}

TEST(RedactUrl, RemovesEverySignatureAndKeepsTheRest) {
  struct Case {
    std::string url, redacted;
  };
  for (const Case& c : std::vector<Case>{
           {"https://s/v1/a/c/o", "https://s/v1/a/c/o"},
           {"https://s/o?temp_url_sig=sha256:abc&temp_url_expires=9",
            "https://s/o?temp_url_sig=REDACTED&temp_url_expires=9"},
           {"https://s/o?temp_url_prefix=p&TEMP_URL_SIG=x#L3",
            "https://s/o?temp_url_prefix=p&TEMP_URL_SIG=REDACTED#L3"},
           {"https://s/?signature=x&a", "https://s/?signature=REDACTED&a"},
           {"https://s/?temp_url_sig", "https://s/?temp_url_sig"},
       }) {
    SCOPED_TRACE(c.url);
    EXPECT_EQ(RedactUrl(c.url), c.redacted);
    EXPECT_THAT(RedactUrl(c.url), Not(HasSubstr("abc")));
  }
}

TEST(ParseHttpDate, ReadsImfFixdateAndRejectsJunk) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("not a date"), std::nullopt);
}

TEST_F(HttpClientTest, MultiRunsTransfersAtOnceAndResumesAPausedUpload) {
  HttpMulti multi(4);
  // The upload's bytes come from another thread after it started: it pauses, then resumes.
  std::mutex mutex;
  std::condition_variable paused;
  bool paused_once = false;
  std::string pending;
  bool ended = false;
  auto upload = multi.Start({.method = "PUT",
                             .url = origin_ + "/echo",
                             .read_body =
                                 [&](char* out, size_t max, size_t* copied) {
                                   std::lock_guard lock(mutex);
                                   if (pending.empty() && !ended) {
                                     paused_once = true;
                                     paused.notify_all();
                                     return HttpReadStatus::kPause;
                                   }
                                   if (pending.empty()) return HttpReadStatus::kEnd;
                                   *copied = pending.copy(out, max);
                                   pending.erase(0, *copied);
                                   return HttpReadStatus::kData;
                                 },
                             .body_ready =
                                 [&] {
                                   std::lock_guard lock(mutex);
                                   return !pending.empty() || ended;
                                 },
                             .max_body_bytes = 1 << 20});
  auto head = multi.Start({.method = "HEAD", .url = origin_ + "/echo"});
  EXPECT_NE(upload, head);
  EXPECT_EQ(multi.active(), 2u);
  std::thread producer([&] {
    {
      std::unique_lock lock(mutex);
      paused.wait_for(lock, std::chrono::seconds(30), [&] { return paused_once; });
    }
    for (int i = 0; i < 3; ++i) {
      {
        std::lock_guard lock(mutex);
        pending += "part" + std::to_string(i) + ";";
      }
      multi.Wakeup();
    }
    std::lock_guard lock(mutex);
    ended = true;
    multi.Wakeup();
  });
  std::map<uint64_t, HttpResponse> done;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (done.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    for (auto& completed : multi.Run(std::chrono::milliseconds(500))) {
      done[completed.handle] = std::move(completed.response);
    }
  }
  producer.join();
  EXPECT_TRUE(paused_once);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(multi.active(), 0u);
  EXPECT_EQ(done[head].status, 200);
  const nlohmann::json echo = Echo(done[upload]);
  EXPECT_EQ(echo["framing"], "chunked");
  EXPECT_EQ(echo["body"], "part0;part1;part2;");
  EXPECT_EQ(done[upload].bytes_sent, 18u);
}

}  // namespace
}  // namespace logstow
