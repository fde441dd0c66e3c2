#include "common/http_multi.h"

#include <curl/curl.h>

#include <unordered_map>

#include "common/curl_transfer.h"

namespace logstow {

struct HttpMulti::Impl {
  struct CurlMultiCleanup {
    void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
  };
  // Declared first, destroyed last: the easy handles leave it before it goes.
  std::unique_ptr<CURLM, CurlMultiCleanup> multi;
  std::vector<internal::CurlEasy> idle_handles;  // reused: fewer allocations
  std::unordered_map<CURL*, std::pair<uint64_t, std::unique_ptr<internal::CurlTransfer>>> transfers;
  uint64_t last_handle = 0;

  internal::CurlEasy TakeHandle() {
    if (idle_handles.empty()) return internal::CurlEasy(curl_easy_init());
    internal::CurlEasy easy = std::move(idle_handles.back());
    idle_handles.pop_back();
    curl_easy_reset(easy.get());
    return easy;
  }
};

HttpMulti::HttpMulti(size_t max_connections) : impl_(std::make_unique<Impl>()) {
  internal::CurlGlobalInit();
  impl_->multi.reset(curl_multi_init());
  curl_multi_setopt(impl_->multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(max_connections));
  curl_multi_setopt(impl_->multi.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(max_connections));
}

HttpMulti::~HttpMulti() {
  for (auto& [easy, entry] : impl_->transfers) curl_multi_remove_handle(impl_->multi.get(), easy);
  impl_->transfers.clear();
  impl_->idle_handles.clear();
}

uint64_t HttpMulti::Start(HttpRequest request) {
  auto transfer = std::make_unique<internal::CurlTransfer>(impl_->TakeHandle(), std::move(request));
  CURL* easy = transfer->easy();
  const uint64_t handle = ++impl_->last_handle;
  curl_multi_add_handle(impl_->multi.get(), easy);
  impl_->transfers.emplace(easy, std::make_pair(handle, std::move(transfer)));
  return handle;
}

std::vector<HttpMulti::Completed> HttpMulti::Run(std::chrono::milliseconds max_wait) {
  for (auto& [easy, entry] : impl_->transfers) {
    internal::CurlTransfer& t = *entry.second;
    if (t.paused() && t.request().body_ready && t.request().body_ready()) t.Resume();
  }
  int running = 0;
  curl_multi_perform(impl_->multi.get(), &running);

  std::vector<Completed> done;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(impl_->multi.get(), &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    auto node = impl_->transfers.extract(message->easy_handle);
    auto& [handle, transfer] = node.mapped();
    curl_multi_remove_handle(impl_->multi.get(), message->easy_handle);
    done.push_back({handle, transfer->Finish(message->data.result)});
    impl_->idle_handles.push_back(transfer->ReleaseHandle());
  }
  if (done.empty()) {
    curl_multi_poll(impl_->multi.get(), nullptr, 0, static_cast<int>(max_wait.count()), nullptr);
  }
  return done;
}

void HttpMulti::Wakeup() { curl_multi_wakeup(impl_->multi.get()); }

size_t HttpMulti::active() const { return impl_->transfers.size(); }

}  // namespace logstow
