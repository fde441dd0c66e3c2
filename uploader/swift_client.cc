#include "uploader/swift_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/http_header.h"

namespace logstow::uploader {

namespace {

constexpr size_t kMaxErrorBody = 2048;

// Makes libcurl's global state ready once, before any thread uses it.
void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct SwiftClient::Impl {
  struct Transfer {
    PutTransfer put;
    PutResult result;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    bool paused = false;
  };

  ClientOptions options;
  CURLM* multi = nullptr;
  std::vector<CURL*> idle_handles;  // reused: fewer allocations, same connection cache
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers;

  static size_t OnRead(char* out, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t copied = 0;
    switch (t->put.body->Read(out, size * count, &copied)) {
      case BodyStream::ReadStatus::kData:
        t->result.bytes_sent += copied;
        return copied;
      case BodyStream::ReadStatus::kEnd:
        return 0;
      case BodyStream::ReadStatus::kWouldBlock:
        t->paused = true;
        return CURL_READFUNC_PAUSE;
      case BodyStream::ReadStatus::kError:
        break;
    }
    return CURL_READFUNC_ABORT;
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    size_t room = kMaxErrorBody - std::min(kMaxErrorBody, t->result.body.size());
    t->result.body.append(data, std::min(n, room));
    return n;
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string name, value;
    if (!ParseHeaderLine({data, size * count}, &name, &value)) return size * count;
    if (name == "etag") {
      value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
      t->result.etag = value;
    } else if (name == "retry-after" && !value.empty() &&
               std::all_of(value.begin(), value.end(), ::isdigit) && value.size() < 7) {
      t->result.retry_after = std::chrono::seconds(std::stol(value));
    } else if (name == "date") {
      time_t date = curl_getdate(value.c_str(), nullptr);
      if (date > 0) t->result.date_unix_s = static_cast<int64_t>(date);
    } else if (t->put.head) {
      auto number = [&value]() -> std::optional<uint64_t> {
        if (value.empty() || value.size() > 19 ||
            !std::all_of(value.begin(), value.end(), ::isdigit)) {
          return std::nullopt;
        }
        return std::stoull(value);
      };
      if (name == "content-length") {
        t->result.content_length = number();
      } else if (name == "x-object-meta-logstow-size") {
        t->result.size_meta = number();
      } else if (name == "last-modified") {
        time_t modified = curl_getdate(value.c_str(), nullptr);
        if (modified > 0) t->result.last_modified_unix_s = static_cast<int64_t>(modified);
      }
    }
    return size * count;
  }

  CURL* TakeHandle() {
    if (!idle_handles.empty()) {
      CURL* easy = idle_handles.back();
      idle_handles.pop_back();
      curl_easy_reset(easy);
      return easy;
    }
    return curl_easy_init();
  }

  PutResult Finish(CURL* easy, CURLcode code) {
    auto node = transfers.extract(easy);
    Transfer& t = *node.mapped();
    curl_multi_remove_handle(multi, easy);
    if (code == CURLE_OK) {
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &t.result.http_status);
    } else {
      t.result.error = curl_easy_strerror(code);
      long request_bytes = 0;
      curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_bytes);
      t.result.connect_failed = code == CURLE_COULDNT_CONNECT ||
                                code == CURLE_COULDNT_RESOLVE_HOST ||
                                (code == CURLE_OPERATION_TIMEDOUT && request_bytes == 0);
      if (code == CURLE_ABORTED_BY_CALLBACK && t.put.body && !t.put.body->error().empty()) {
        t.result.error = t.put.body->error();
      }
    }
    if (t.put.body) t.put.body->Cancel();
    curl_slist_free_all(t.headers);
    idle_handles.push_back(easy);
    return std::move(t.result);
  }
};

SwiftClient::SwiftClient(const ClientOptions& options) : impl_(std::make_unique<Impl>()) {
  GlobalInit();
  impl_->options = options;
  impl_->multi = curl_multi_init();
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(options.max_connections));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, static_cast<long>(options.max_connections));
}

SwiftClient::~SwiftClient() {
  for (auto& [easy, t] : impl_->transfers) {
    curl_multi_remove_handle(impl_->multi, easy);
    if (t->put.body) t->put.body->Cancel();
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(easy);
  }
  for (CURL* easy : impl_->idle_handles) curl_easy_cleanup(easy);
  curl_multi_cleanup(impl_->multi);
}

void SwiftClient::Start(PutTransfer put) {
  auto t = std::make_unique<Impl::Transfer>();
  t->put = std::move(put);
  t->result.id = t->put.id;
  CURL* easy = impl_->TakeHandle();
  t->easy = easy;

  for (const std::string& h : t->put.headers) t->headers = curl_slist_append(t->headers, h.c_str());
  if (t->put.head) {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (const BodyStream& body = *t->put.body; body.complete()) {
    curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.total_bytes()));
    t->headers = curl_slist_append(t->headers, ("ETag: " + body.md5_hex()).c_str());
    // A small body goes at once: waiting for "100 Continue" would cost a round trip each.
    t->headers = curl_slist_append(t->headers, "Expect:");
  } else {
    t->headers = curl_slist_append(t->headers, "Transfer-Encoding: chunked");
  }

  curl_easy_setopt(easy, CURLOPT_URL, t->put.url.c_str());
  if (!t->put.head) {
    curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(easy, CURLOPT_READFUNCTION, &Impl::OnRead);
    curl_easy_setopt(easy, CURLOPT_READDATA, t.get());
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Impl::OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Impl::OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(impl_->options.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(impl_->options.stall_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "logstow");
  curl_multi_add_handle(impl_->multi, easy);
  impl_->transfers.emplace(easy, std::move(t));
}

std::vector<PutResult> SwiftClient::Run(std::chrono::milliseconds max_wait) {
  // Resume transfers whose bodies have bytes again (or ended).
  for (auto& [easy, t] : impl_->transfers) {
    if (t->paused && t->put.body && t->put.body->readable()) {
      t->paused = false;
      curl_easy_pause(easy, CURLPAUSE_CONT);
    }
  }
  int running = 0;
  curl_multi_perform(impl_->multi, &running);

  std::vector<PutResult> done;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(impl_->multi, &queued)) {
    if (message->msg == CURLMSG_DONE) {
      done.push_back(impl_->Finish(message->easy_handle, message->data.result));
    }
  }
  if (done.empty()) {
    curl_multi_poll(impl_->multi, nullptr, 0, static_cast<int>(max_wait.count()), nullptr);
  }
  return done;
}

void SwiftClient::Wakeup() { curl_multi_wakeup(impl_->multi); }

size_t SwiftClient::active() const { return impl_->transfers.size(); }

SwiftLimits FetchSwiftLimits(const std::string& storage_url) {
  GlobalInit();
  SwiftLimits limits;
  size_t scheme = storage_url.find("://");
  size_t path = storage_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string info_url = storage_url.substr(0, path) + "/info";
  std::string body;
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, info_url.c_str());
  curl_easy_setopt(easy, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(
      easy, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) -> size_t {
        static_cast<std::string*>(u)->append(d, s * n);
        return s * n;
      });
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  long status = 0;
  CURLcode code = curl_easy_perform(easy);
  if (code == CURLE_OK) curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(easy);
  limits.info_status = status;
  if (code != CURLE_OK) {
    limits.info_error = std::string(curl_easy_strerror(code));
    limits.info_transport_error = true;
    return limits;
  }
  if (status != 200) {
    limits.info_error = "HTTP " + std::to_string(status);
    return limits;
  }
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.contains("swift") || !json["swift"].is_object()) {
    limits.info_error = "no swift section in its JSON";
    return limits;
  }
  const auto& swift = json["swift"];
  if (swift.contains("max_file_size") && swift["max_file_size"].is_number_unsigned()) {
    limits.max_file_size = swift["max_file_size"].get<uint64_t>();
  }
  // Static Large Objects (`logstow finalize`): present when the slo middleware is installed.
  if (json.contains("slo") && json["slo"].is_object()) {
    const auto& slo = json["slo"];
    limits.max_manifest_segments =
        slo.contains("max_manifest_segments") && slo["max_manifest_segments"].is_number_unsigned()
            ? slo["max_manifest_segments"].get<uint64_t>()
            : 1000;  // Swift's default
  }
  if (swift.contains("max_object_name_length") &&
      swift["max_object_name_length"].is_number_unsigned()) {
    limits.max_object_name_length = swift["max_object_name_length"].get<uint64_t>();
  }
  return limits;
}

}  // namespace logstow::uploader
