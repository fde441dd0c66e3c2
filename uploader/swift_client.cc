#include "uploader/swift_client.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/http_client.h"
#include "common/http_multi.h"

namespace logstow::uploader {

namespace {

constexpr size_t kMaxErrorBody = 2048;

// A header's decimal value; nullopt unless it is all digits and fits.
std::optional<uint64_t> Number(const std::string& value) {
  if (value.empty() || value.size() > 19 || !std::all_of(value.begin(), value.end(), ::isdigit)) {
    return std::nullopt;
  }
  return std::stoull(value);
}

PutResult ResultOf(const HttpResponse& response, bool head) {
  PutResult result;
  result.bytes_sent = response.bytes_sent;
  result.body = response.body;
  if (response.error.empty()) {
    result.http_status = response.status;
  } else {
    result.error = response.error;
    result.connect_failed = response.failure == HttpFailure::kConnect;
  }
  std::string etag = response.header("etag");
  etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
  result.etag = etag;
  const std::string retry_after = response.header("retry-after");
  if (!retry_after.empty() && retry_after.size() < 7 &&
      std::all_of(retry_after.begin(), retry_after.end(), ::isdigit)) {
    result.retry_after = std::chrono::seconds(std::stol(retry_after));
  }
  if (response.headers.Has("date")) result.date_unix_s = ParseHttpDate(response.header("date"));
  if (head) {
    if (response.headers.Has("content-length")) {
      result.content_length = Number(response.header("content-length"));
    }
    if (response.headers.Has("x-object-meta-logstow-size")) {
      result.size_meta = Number(response.header("x-object-meta-logstow-size"));
    }
    if (response.headers.Has("last-modified")) {
      result.last_modified_unix_s = ParseHttpDate(response.header("last-modified"));
    }
  }
  return result;
}

}  // namespace

struct SwiftClient::Impl {
  // What a started transfer needs when it ends.
  struct Sent {
    uint64_t id = 0;
    bool head = false;
    std::shared_ptr<BodyStream> body;
  };

  ClientOptions options;
  HttpMulti multi;
  std::unordered_map<uint64_t, Sent> sent;  // by HttpMulti handle

  explicit Impl(const ClientOptions& o) : options(o), multi(o.max_connections) {}
};

SwiftClient::SwiftClient(const ClientOptions& options) : impl_(std::make_unique<Impl>(options)) {}

SwiftClient::~SwiftClient() {
  for (auto& [handle, sent] : impl_->sent) {
    if (sent.body) sent.body->Cancel();
  }
}

void SwiftClient::Start(PutTransfer put) {
  HttpRequest request{.method = put.head ? "HEAD" : "PUT",
                      .url = std::move(put.url),
                      .headers = std::move(put.headers)};
  if (!put.head) {
    std::shared_ptr<BodyStream> body = put.body;
    request.read_body = [body](char* out, size_t max, size_t* copied) {
      switch (body->Read(out, max, copied)) {
        case BodyStream::ReadStatus::kData:
          return HttpReadStatus::kData;
        case BodyStream::ReadStatus::kEnd:
          return HttpReadStatus::kEnd;
        case BodyStream::ReadStatus::kWouldBlock:
          return HttpReadStatus::kPause;
        case BodyStream::ReadStatus::kError:
          break;
      }
      return HttpReadStatus::kAbort;
    };
    request.body_ready = [body] { return body->readable(); };
    if (body->complete()) {
      // Swift then checks the MD5 itself. A small body goes at once: waiting for
      // "100 Continue" would cost a round trip each.
      request.body_size = body->total_bytes();
      request.headers.push_back("ETag: " + body->md5_hex());
    } else {
      request.expect_continue = true;
    }
  }
  request.max_body_bytes = kMaxErrorBody;
  request.connect_timeout = impl_->options.connect_timeout;
  request.stall_timeout = impl_->options.stall_timeout;
  request.tcp_keepalive = true;
  const uint64_t handle = impl_->multi.Start(std::move(request));
  impl_->sent.emplace(handle, Impl::Sent{put.id, put.head, std::move(put.body)});
}

std::vector<PutResult> SwiftClient::Run(std::chrono::milliseconds max_wait) {
  std::vector<PutResult> done;
  for (HttpMulti::Completed& completed : impl_->multi.Run(max_wait)) {
    auto node = impl_->sent.extract(completed.handle);
    Impl::Sent& sent = node.mapped();
    PutResult result = ResultOf(completed.response, sent.head);
    result.id = sent.id;
    if (completed.response.failure == HttpFailure::kBodyRead && sent.body &&
        !sent.body->error().empty()) {
      result.error = sent.body->error();
    }
    if (sent.body) sent.body->Cancel();
    done.push_back(std::move(result));
  }
  return done;
}

void SwiftClient::Wakeup() { impl_->multi.Wakeup(); }

size_t SwiftClient::active() const { return impl_->multi.active(); }

SwiftLimits FetchSwiftLimits(const std::string& storage_url) {
  SwiftLimits limits;
  size_t scheme = storage_url.find("://");
  size_t path = storage_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const HttpResponse info =
      SendHttp({.url = storage_url.substr(0, path) + "/info", .timeout = std::chrono::seconds(20)});
  if (!info.error.empty()) {
    limits.info_error = info.error;
    limits.info_transport_error = true;
    return limits;
  }
  limits.info_status = info.status;
  if (info.status != 200) {
    limits.info_error = "HTTP " + std::to_string(info.status);
    return limits;
  }
  const std::string& body = info.body;
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
