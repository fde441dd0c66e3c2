#include "common/http_get.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "common/http_header.h"

namespace logstow {

namespace {

constexpr size_t kMaxErrorBody = 2048;

struct Transfer {
  CURL* easy = nullptr;
  const HttpBodySink* on_body = nullptr;
  const std::function<void(const HttpGetResult&)>* on_headers = nullptr;
  HttpGetResult result;
  bool headers_reported = false;
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  // Each response (a redirect, a 100 Continue, the final one) starts with its status line.
  if (line.rfind("HTTP/", 0) == 0) {
    t->result.content_length.reset();
    t->result.content_encoding.clear();
    return line.size();
  }
  std::string name, value;
  if (ParseHeaderLine(line, &name, &value)) {
    if (name == "content-length") {
      char* end = nullptr;
      const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
      if (!value.empty() && end && *end == '\0') t->result.content_length = n;
    } else if (name == "content-encoding") {
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      t->result.content_encoding = value;
    }
  }
  return line.size();
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  long status = 0;
  curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
  t->result.status = status;
  if (status / 100 != 2) {
    const size_t room = kMaxErrorBody - std::min(kMaxErrorBody, t->result.error_body.size());
    t->result.error_body.append(data, std::min(n, room));
    return n;
  }
  if (!t->headers_reported) {
    t->headers_reported = true;
    if (*t->on_headers) (*t->on_headers)(t->result);
  }
  t->result.body_bytes += n;
  if (!(*t->on_body)({data, n})) {
    t->result.stopped = true;
    return CURL_WRITEFUNC_ERROR;
  }
  return n;
}

}  // namespace

HttpGetResult HttpGet(const std::string& url, const HttpGetOptions& options,
                      const HttpBodySink& on_body,
                      const std::function<void(const HttpGetResult&)>& on_headers) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  Transfer t;
  t.easy = curl.get();
  t.on_body = &on_body;
  t.on_headers = &on_headers;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  // "" = every encoding this libcurl decodes; the server picks.
  if (options.decode_content_encoding) curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options.stall_timeout_s);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "logstow");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  t.result.status = status;
  if (rc != CURLE_OK && !t.result.stopped) t.result.error = curl_easy_strerror(rc);
  return std::move(t.result);
}

}  // namespace logstow
