// What a job-scoped token allows: one prefix (pseudo-folder) of one container of one Swift
// account, until a time, for some methods. The scheduler (Zuul) fills a TokenScope and signs it
// (tokens/issue.h); the uploader reads it back from the token (tokens/token_codec.h).
// Plain data; ValidateScope() is the one place that says what a valid scope is.
// Tested by tests/unit/tokens/scope_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokens/hmac.h"

namespace logstow::tokens {

// TempURL methods a token may carry, one signature each. A GET signature also allows HEAD.
enum class Method { kGet, kHead, kPut, kDelete };

// "GET", "HEAD", "PUT", "DELETE".
std::string_view MethodName(Method method);
// Inverse of MethodName (upper case only); nullopt otherwise.
std::optional<Method> ParseMethod(std::string_view name);

// Latest expiry a token may carry (2100-01-01T00:00:00Z): anything later is a mistake.
inline constexpr int64_t kMaxExpiresUnixS = 4102444800;
// Earliest (2001-09-09): catches milliseconds-vs-seconds and relative-time mistakes.
inline constexpr int64_t kMinExpiresUnixS = 1000000000;

struct TokenScope {
  // Account URL as Swift's auth returns it (X-Storage-Url): "https://swift.example/v1/AUTH_ci".
  // http or https, a path of /v1/<account> (an extra path in front is allowed for proxies), no
  // trailing slash, no query.
  std::string storage_url;
  // Container name: 1-256 bytes, no '/', valid UTF-8, no control characters.
  std::string container;
  // Object-name prefix; always ends in '/' so "a/b/" never covers "a/bc/x". Not empty, no
  // leading '/', no empty, "." or ".." segments, valid UTF-8, no control characters.
  std::string prefix;
  // When every signature stops working: Unix seconds, UTC.
  int64_t expires_unix_s = 0;
  // Non-empty, no duplicates. Usually just PUT.
  std::vector<Method> methods = {Method::kPut};
  Digest digest = Digest::kSha256;
  // Largest object, bytes; required for FormPost, advisory for `logstow upload`.
  std::optional<int64_t> max_file_size;
  // Most objects in one FormPost request; required for FormPost.
  std::optional<int64_t> max_file_count;
  // Also sign a FormPost form for the prefix (browser/curl uploads without logstow).
  bool formpost = false;
  // FormPost redirect target ("" = none); part of the FormPost signature.
  std::string formpost_redirect;
  // Seconds after upload when Swift deletes each object (X-Delete-After); nullopt = keep.
  std::optional<int64_t> delete_after_s;
  // The viewer page ("https://logs.example/logviewer/"), for printing `<viewer>?q=<url>`.
  std::optional<std::string> viewer_url;
};

// Throws TokenError (code token.field) naming the first field that breaks the rules above,
// with its value and what to do. Returns normally when the scope is valid.
void ValidateScope(const TokenScope& scope);

// The account path of storage_url, decoded: "/v1/AUTH_ci". REQUIRES: a validated scope.
std::string AccountPath(const TokenScope& scope);

// storage_url + "/" + container + "/" + prefix, percent-encoded: the public URL of the
// pseudo-folder (what the viewer opens). REQUIRES: a validated scope.
std::string PrefixUrl(const TokenScope& scope);

// True when `object_name` (relative to the container) lies under the scope's prefix.
bool InScope(const TokenScope& scope, std::string_view object_name);

}  // namespace logstow::tokens
