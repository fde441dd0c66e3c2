// Internal to the HTTP wrapper (common/http_client.cc, common/http_multi.cc): one HttpRequest set
// up on a libcurl easy handle, with the callbacks that fill its HttpResponse. Owns the handle,
// the header list and the form (RAII). Not movable: libcurl holds `this` as the callbacks'
// user pointer. Not thread-safe. Tested through tests/unit/common/http_client_test.cc.
#pragma once

#include <curl/curl.h>

#include <memory>

#include "common/http_client.h"

namespace logstow::internal {

struct CurlEasyCleanup {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyCleanup>;

// Makes libcurl's global state ready once, before any thread uses it.
void CurlGlobalInit();

class CurlTransfer {
 public:
  // Sets every option of `request` on `easy` (a new or curl_easy_reset handle).
  CurlTransfer(CurlEasy easy, HttpRequest request);
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  CURL* easy() const { return easy_.get(); }
  const HttpRequest& request() const { return request_; }
  // The reader said kPause; Resume() continues (HttpMulti).
  bool paused() const { return paused_; }
  void Resume();
  // libcurl ended the transfer with `code`: status and error in, the response out.
  HttpResponse Finish(CURLcode code);
  // The handle back, for reuse (connection and DNS caches stay with the multi handle).
  CurlEasy ReleaseHandle() { return std::move(easy_); }

 private:
  static size_t OnHeader(char* data, size_t size, size_t count, void* user);
  static size_t OnBody(char* data, size_t size, size_t count, void* user);
  static size_t OnRead(char* out, size_t size, size_t count, void* user);

  struct SlistFree {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
  };
  struct MimeFree {
    void operator()(curl_mime* mime) const { curl_mime_free(mime); }
  };

  CurlEasy easy_;
  HttpRequest request_;
  HttpResponse response_;
  std::unique_ptr<curl_slist, SlistFree> header_list_;
  std::unique_ptr<curl_mime, MimeFree> form_;
  bool paused_ = false;
  bool headers_reported_ = false;
  bool reader_aborted_ = false;
};

}  // namespace logstow::internal
