// The one libcurl wrapper: every native HTTP request logstow makes (setup/'s operator session,
// uploader/'s PUTs and HEADs, `logstow show`'s GET, the tests' client) is an HttpRequest, sent
// alone by SendHttp() or in a window of parallel transfers by HttpMulti (common/http_multi.h).
// Only common/curl_transfer.cc and common/http_*.cc include <curl/curl.h>.
//
// Requests are http:// or https:// only (redirects too); TLS is always verified. A response's
// `error` is libcurl's message and never names the URL; messages that do name one pass it
// through RedactUrl() first, so a TempURL's signature never reaches a log.
// Thread-safe: each call uses its own easy handle. Tested by tests/unit/common/http_client_test.cc
// (against tests/tools/echo_server.py).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace logstow {

// A response's headers: names are compared without case, and a header sent twice keeps both
// values, in the order they came. Only the final response's headers (after redirects and
// "100 Continue") are kept.
class HttpHeaders {
 public:
  void Add(std::string name, std::string value);  // name: any case (kept lower-cased)
  void Clear() { entries_.clear(); }
  // The last value sent under `name` (any case), "" when absent (as one map entry would hold).
  std::string Get(std::string_view name) const;
  // Every value sent under `name`, in order; empty when absent.
  std::vector<std::string> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const;
  // (lower-case name, value) pairs in arrival order.
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// What a streaming body reader says (HttpRequest::read_body).
enum class HttpReadStatus {
  kData,   // *copied bytes (> 0) were written to `out`
  kPause,  // nothing yet: pause the upload until body_ready() (HttpMulti only)
  kEnd,    // the body is complete
  kAbort,  // the body cannot be produced: the transfer fails with HttpFailure::kBodyRead
};
using HttpBodyReader = std::function<HttpReadStatus(char* out, size_t max, size_t* copied)>;
// Receives a 2xx response body block by block; returns false to stop the transfer.
using HttpBodySink = std::function<bool(std::string_view block)>;

// One part of a multipart/form-data POST: a plain field, or a file when `filename` is set.
struct HttpFormPart {
  std::string name;
  std::string value;
  std::string filename;      // set for file parts
  std::string content_type;  // file parts only
};

struct HttpResponse;

struct HttpRequest {
  std::string method = "GET";        // HEAD asks for no body
  std::string url;                   // absolute http(s) URL, already percent-encoded
  std::vector<std::string> headers;  // "Name: value"
  // The body as bytes: sent with Content-Length (even when empty) for PUT and POST, and for
  // any method when not empty.
  std::string body;
  // Or a streamed body (an upload; `body` is then ignored): Content-Length when body_size is
  // set, chunked otherwise. REQUIRES: read_body never returns kPause under SendHttp().
  HttpBodyReader read_body;
  std::optional<uint64_t> body_size;
  std::function<bool()> body_ready;  // HttpMulti: a paused upload resumes once this is true
  // Or a multipart/form-data POST of these parts, in order (method and body are ignored).
  std::vector<HttpFormPart> form;
  // Let libcurl send "Expect: 100-continue" before a body (it waits up to 1 s for the answer,
  // so the server can refuse a big body before it is sent). Off: the body goes at once.
  bool expect_continue = false;
  // Where the body goes: a 2xx body to on_body when set (on_headers runs once, before its
  // first block); everything else into HttpResponse::body, cut at max_body_bytes.
  HttpBodySink on_body;
  std::function<void(const HttpResponse&)> on_headers;
  size_t max_body_bytes = std::numeric_limits<size_t>::max();
  // Limits; zero means none (libcurl's own defaults: 300 s to connect, no overall limit).
  std::chrono::seconds timeout{0};          // the whole transfer
  std::chrono::seconds connect_timeout{0};  // until the connection is made
  std::chrono::seconds stall_timeout{0};    // fails when under 1 KiB/s for this long
  bool follow_redirects = false;            // up to 5, http/https only
  bool tcp_keepalive = false;               // TCP keep-alive probes on an idle connection
};

// Why a transfer failed (HttpResponse::error says it in libcurl's words).
enum class HttpFailure {
  kNone,
  // No connection was made (refused, host not found, or timed out before the request went
  // out): nothing reached the server, so another one may take the request at once.
  kConnect,
  kTimeout,   // timed out later (stall_timeout, timeout)
  kBodyRead,  // read_body said kAbort
  kOther,     // reset, bad response, TLS, ...
};

struct HttpResponse {
  // The final response's HTTP status; 0 when none arrived. A transfer that broke off after
  // its headers keeps its status, with `error` set.
  long status = 0;
  HttpHeaders headers;
  std::string body;   // see HttpRequest::on_body and max_body_bytes
  std::string error;  // libcurl's message when the transfer failed, "" otherwise (or stopped)
  HttpFailure failure = HttpFailure::kNone;
  bool stopped = false;     // on_body returned false (error stays "")
  uint64_t bytes_sent = 0;  // body bytes read_body handed over
  uint64_t body_bytes = 0;  // bytes handed to on_body

  // Header value or "" (HttpHeaders::Get).
  std::string header(std::string_view name) const { return headers.Get(name); }
};

// Sends one request and waits for the whole response. Never throws: a transfer that failed
// has `error` set.
HttpResponse SendHttp(const HttpRequest& request);

// `url` with the value of every temp_url_sig (and any other signature) query parameter
// replaced by "REDACTED", for messages: "...?temp_url_sig=REDACTED&temp_url_expires=...".
std::string RedactUrl(std::string_view url);

// "<METHOD> <redacted url> failed: <error>", for a failed transfer's message.
std::string DescribeFailure(const HttpRequest& request, const HttpResponse& response);

// An HTTP date (RFC 9110: "Sun, 06 Nov 1994 08:49:37 GMT" and the obsolete forms) as Unix
// seconds; nullopt when it does not parse.
std::optional<int64_t> ParseHttpDate(const std::string& text);

}  // namespace logstow
