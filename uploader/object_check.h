// Whether objects exist in Swift, by HEAD through the token's prefix TempURL: what the build's
// index pages and manifest may list (uploader/build_index.h) is only what is really there.
// Swift's tempurl accepts a PUT (or GET) signature for HEAD, so an upload token suffices. Swift
// strips X-Object-Meta-* from TempURL answers by default (tempurl's outgoing_remove_headers), so
// size_meta is usually absent and the caller supplies the file's own size.
// HEADs run in parallel on one thread; 5xx, 408, 429 and transport failures are retried as PUTs
// are (uploader/retry_policy.h), and one that cannot connect goes to the next proxy as an
// upload's PUT does (uploader/storage_urls.h). Not thread-safe. Tested against a real Swift by
// tests/swift/index_test.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tokens/token.h"
#include "uploader/retry_policy.h"
#include "uploader/storage_urls.h"

namespace logstow::uploader {

enum class ObjectPresence { kPresent, kMissing, kUnknown };

struct ObjectCheck {
  std::string name;  // relative to the token's prefix
  ObjectPresence presence = ObjectPresence::kUnknown;
  long http_status = 0;  // last answer's status, 0 when none arrived
  std::string error;     // why presence is kUnknown
  int attempts = 0;
  uint64_t stored_bytes = 0;          // Content-Length
  std::optional<uint64_t> size_meta;  // X-Object-Meta-Logstow-Size, when Swift sent it
  std::optional<int64_t> last_modified_unix_s;
};

struct ObjectCheckOptions {
  size_t parallel = 16;
  RetryLimits retry;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds stall_timeout{30};
};

// HEADs `token.scope.prefix + name` for each name; results in the order of `names`. A 401
// (expired or wrong token) stops the run: it and every unchecked name come back kUnknown with
// status 401. `proxies` (made for this token; null: the token's storage URL only): where HEADs
// go, moved along when one cannot connect, and left where they went for the caller's next
// requests; each move adds a warning to `warnings` (when given). Throws TokenError (token.scope)
// when the token carries no GET, HEAD or PUT signature or a name cannot be signed.
std::vector<ObjectCheck> CheckObjects(const tokens::Token& token,
                                      const std::vector<std::string>& names,
                                      const ObjectCheckOptions& options,
                                      StorageUrls* proxies = nullptr,
                                      std::vector<std::string>* warnings = nullptr);

}  // namespace logstow::uploader
