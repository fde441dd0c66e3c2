#include "common/curl_transfer.h"

#include <algorithm>
#include <mutex>
#include <string_view>

#include "common/http_header.h"

namespace logstow::internal {

void CurlGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlTransfer::CurlTransfer(CurlEasy easy, HttpRequest request)
    : easy_(std::move(easy)), request_(std::move(request)) {
  CURL* c = easy_.get();
  curl_slist* list = nullptr;
  for (const std::string& h : request_.headers) list = curl_slist_append(list, h.c_str());
  const bool streamed = static_cast<bool>(request_.read_body);
  if (!request_.form.empty()) {
    form_.reset(curl_mime_init(c));
    for (const HttpFormPart& part : request_.form) {
      curl_mimepart* p = curl_mime_addpart(form_.get());
      curl_mime_name(p, part.name.c_str());
      curl_mime_data(p, part.value.data(), part.value.size());
      if (!part.filename.empty()) {
        curl_mime_filename(p, part.filename.c_str());
        curl_mime_type(p, part.content_type.c_str());
      }
    }
    curl_easy_setopt(c, CURLOPT_MIMEPOST, form_.get());
  } else if (streamed) {
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    if (request_.method != "PUT")
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request_.method.c_str());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &CurlTransfer::OnRead);
    curl_easy_setopt(c, CURLOPT_READDATA, this);
    if (request_.body_size) {
      curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(*request_.body_size));
    } else {
      list = curl_slist_append(list, "Transfer-Encoding: chunked");
    }
  } else {
    if (request_.method == "HEAD") {
      curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else if (request_.method != "GET") {
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request_.method.c_str());
    }
    if (request_.method == "PUT" || request_.method == "POST" || !request_.body.empty()) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request_.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request_.body.size()));
    }
  }
  // An empty Expect keeps libcurl from waiting for "100 Continue" before sending a body.
  if (!request_.expect_continue) list = curl_slist_append(list, "Expect:");
  header_list_.reset(list);

  curl_easy_setopt(c, CURLOPT_URL, request_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list_.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &CurlTransfer::OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &CurlTransfer::OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(c, CURLOPT_PRIVATE, this);
  if (request_.timeout.count() > 0) {
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(request_.timeout.count()));
  }
  if (request_.connect_timeout.count() > 0) {
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(request_.connect_timeout.count()));
  }
  if (request_.stall_timeout.count() > 0) {
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(request_.stall_timeout.count()));
  }
  if (request_.follow_redirects) {
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  }
  // "" = every encoding this libcurl decodes; the server picks.
  if (request_.tcp_keepalive) curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "logstow");
}

void CurlTransfer::Resume() {
  paused_ = false;  // before: the read callback may pause again from inside curl_easy_pause
  curl_easy_pause(easy_.get(), CURLPAUSE_CONT);
}

size_t CurlTransfer::OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  const std::string_view line(data, size * count);
  // Each response (a redirect, a 100 Continue, the final one) starts with its status line.
  if (line.starts_with("HTTP/")) {
    t->response_.headers.Clear();
    return line.size();
  }
  std::string name, value;
  if (ParseHeaderLine(line, &name, &value)) t->response_.headers.Add(name, value);
  return line.size();
}

size_t CurlTransfer::OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  const size_t n = size * count;
  if (t->request_.on_body) {
    long status = 0;
    curl_easy_getinfo(t->easy_.get(), CURLINFO_RESPONSE_CODE, &status);
    t->response_.status = status;
    if (status / 100 == 2) {
      if (!t->headers_reported_) {
        t->headers_reported_ = true;
        if (t->request_.on_headers) t->request_.on_headers(t->response_);
      }
      t->response_.body_bytes += n;
      if (!t->request_.on_body({data, n})) {
        t->response_.stopped = true;
        return CURL_WRITEFUNC_ERROR;
      }
      return n;
    }
  }
  std::string& body = t->response_.body;
  const size_t room =
      t->request_.max_body_bytes - std::min(t->request_.max_body_bytes, body.size());
  body.append(data, std::min(n, room));
  return n;
}

size_t CurlTransfer::OnRead(char* out, size_t size, size_t count, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  size_t copied = 0;
  switch (t->request_.read_body(out, size * count, &copied)) {
    case HttpReadStatus::kData:
      t->response_.bytes_sent += copied;
      return copied;
    case HttpReadStatus::kEnd:
      return 0;
    case HttpReadStatus::kPause:
      t->paused_ = true;
      return CURL_READFUNC_PAUSE;
    case HttpReadStatus::kAbort:
      break;
  }
  t->reader_aborted_ = true;
  return CURL_READFUNC_ABORT;
}

HttpResponse CurlTransfer::Finish(CURLcode code) {
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &response_.status);
  if (code != CURLE_OK && !response_.stopped) {
    response_.error = curl_easy_strerror(code);
    long request_bytes = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_REQUEST_SIZE, &request_bytes);
    if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
        (code == CURLE_OPERATION_TIMEDOUT && request_bytes == 0)) {
      response_.failure = HttpFailure::kConnect;
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      response_.failure = HttpFailure::kTimeout;
    } else if (code == CURLE_ABORTED_BY_CALLBACK && reader_aborted_) {
      response_.failure = HttpFailure::kBodyRead;
    } else {
      response_.failure = HttpFailure::kOther;
    }
  }
  return std::move(response_);
}

}  // namespace logstow::internal
