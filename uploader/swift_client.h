// Sends PUTs (and HEADs, to check objects) to Swift over a window of parallel keep-alive
// connections (common/http_multi.h, one thread). Bodies stream from BodyStreams filled by other
// threads: a transfer whose stream is momentarily empty is paused and resumed once bytes arrive
// (Wakeup()). TLS verification always stays on. Not
// thread-safe except Wakeup(). Tested against a real Swift by tests/swift/upload_test.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uploader/body_stream.h"

namespace logstow::uploader {

struct ClientOptions {
  size_t max_connections = 16;  // to the one Swift host
  std::chrono::seconds connect_timeout{10};
  // A transfer that moves less than 1 KiB/s for this long fails as a timeout (a hung server);
  // big objects on slow links still finish.
  std::chrono::seconds stall_timeout{30};
};

struct PutTransfer {
  uint64_t id = 0;                   // the caller's handle, returned in the result
  std::string url;                   // signed TempURL
  std::vector<std::string> headers;  // "Name: value"
  std::shared_ptr<BodyStream> body;  // null for a HEAD
  // A HEAD instead of a PUT (no body): the object's headers fill the result's head fields.
  bool head = false;
};

struct PutResult {
  uint64_t id = 0;
  long http_status = 0;  // 0 when no response arrived
  std::string error;     // transport error (libcurl's words), "" when a response arrived
  // No connection could be made (refused, host not found, connect timeout): nothing reached
  // this proxy, so another proxy of the same Swift may take the request at once.
  bool connect_failed = false;
  std::string etag;  // response ETag, quotes removed
  std::optional<std::chrono::seconds> retry_after;
  std::optional<int64_t> date_unix_s;  // the response's Date header: Swift's clock
  std::string body;                    // first 2 KiB of the response body (Swift's error text)
  uint64_t bytes_sent = 0;
  // HEAD answers: Content-Length (stored bytes), X-Object-Meta-Logstow-Size (the file's own
  // bytes, when the uploader set it), Last-Modified (Unix s).
  std::optional<uint64_t> content_length;
  std::optional<uint64_t> size_meta;
  std::optional<int64_t> last_modified_unix_s;
};

class SwiftClient {
 public:
  explicit SwiftClient(const ClientOptions& options);
  ~SwiftClient();
  SwiftClient(const SwiftClient&) = delete;
  SwiftClient& operator=(const SwiftClient&) = delete;

  // Starts a PUT. When the body is complete already, it goes with Content-Length and an ETag
  // request header (Swift then checks the MD5 itself); otherwise chunked. With `head` set,
  // starts a HEAD of the URL instead.
  void Start(PutTransfer transfer);

  // Moves every transfer forward, waiting up to `max_wait` for network activity or Wakeup();
  // returns the transfers that ended.
  std::vector<PutResult> Run(std::chrono::milliseconds max_wait);

  // Makes a waiting Run() return early: body producers call it after adding bytes.
  // Thread-safe.
  void Wakeup();

  size_t active() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What Swift's GET <scheme://host>/info says about objects (swift/common/constraints.py).
struct SwiftLimits {
  std::string info_error;                  // why /info could not be read; "" when it was
  long info_status = 0;                    // /info's HTTP status; 0 when none arrived
  bool info_transport_error = false;       // no answer: refused, reset, timed out
  std::optional<uint64_t> max_file_size;   // swift.max_file_size, bytes
  uint64_t max_object_name_length = 1024;  // swift.max_object_name_length, bytes (Swift's default)
  // slo.max_manifest_segments; unset when /info has no "slo" (no Static Large Objects).
  std::optional<uint64_t> max_manifest_segments;
};

// Reads /info once (20 s timeout). Never throws: an unreadable /info (disabled, unreachable,
// not JSON) sets info_error and leaves Swift's defaults.
SwiftLimits FetchSwiftLimits(const std::string& storage_url);

}  // namespace logstow::uploader
