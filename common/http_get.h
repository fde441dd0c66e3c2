// A streaming HTTP(S) GET with libcurl, for reading a log straight from its URL (`logstow show`):
// the body goes to a callback block by block as it arrives, never into one big buffer.
// Redirects are followed (up to 5, http/https only); TLS is always verified. With
// `decode_content_encoding`, a body sent with Content-Encoding gzip/deflate/br/zstd reaches the
// callback decoded (libcurl's Accept-Encoding handling); a stored .gz object sent without one
// arrives as stored, gzip bytes, for the caller to inflate (common/gzip.h).
// Errors are values (HttpGetResult::error). Thread-safe (one easy handle per call).
// Tested by tests/swift/show_url_test.cc (real Swift) and tests/unit/cli/show_command_test.cc.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace logstow {

struct HttpGetOptions {
  bool decode_content_encoding = true;
  long connect_timeout_s = 20;
  // The transfer fails when it moves under 1 KiB/s for this long.
  long stall_timeout_s = 60;
};

struct HttpGetResult {
  long status = 0;                         // the final response's HTTP status; 0 if none arrived
  std::string error;                       // "" when the transfer completed (whatever the status)
  bool stopped = false;                    // the body callback asked to stop (error stays "")
  uint64_t body_bytes = 0;                 // bytes handed to the callback
  std::optional<uint64_t> content_length;  // the final response's, when it sent one
  std::string content_encoding;            // the final response's, lower case, "" if none
  std::string error_body;  // the first 2 KiB of a non-2xx body (Swift explains itself)
};

// Streams the body of a 2xx answer to `on_body` (return false to stop); a non-2xx body is kept
// in error_body instead. `on_headers` (optional) runs once the final response's headers are in,
// before its first body block.
using HttpBodySink = std::function<bool(std::string_view)>;
HttpGetResult HttpGet(const std::string& url, const HttpGetOptions& options,
                      const HttpBodySink& on_body,
                      const std::function<void(const HttpGetResult&)>& on_headers = nullptr);

}  // namespace logstow
