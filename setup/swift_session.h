// An operator's authenticated session with Swift, for the one-off set-up commands
// (`logstow swift-setup`, `logstow publish-viewer`): log in with v1 auth (tempauth, or Keystone's
// v1 compatibility) or take a ready token, then send plain requests with X-Auth-Token.
// Jobs never use this: they upload with job-scoped tokens (uploader/). Not thread-safe.
// Tested against a real Swift by tests/swift/swift_setup_test.cc.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/http_client.h"

namespace logstow::setup {

// Swift refused or could not be reached. Codes: "swift.auth", "swift.request".
class SwiftError : public Error {
 public:
  using Error::Error;
};

struct SwiftCredentials {
  // Either v1 auth ...
  std::string auth_url;  // e.g. https://swift.example/auth/v1.0
  std::string user;      // "account:user"
  std::string key;
  // ... or a token obtained elsewhere (e.g. `openstack token issue`) with its storage URL.
  std::string storage_url;
  std::string auth_token;
};

// status, headers (any case), body (common/http_client.h).
using SwiftResponse = HttpResponse;

class SwiftSession {
 public:
  // Logs in when auth_url is set. Throws SwiftError ("swift.auth") naming the URL and status
  // when the login fails, and UsageError-like SwiftError when the credentials are incomplete.
  explicit SwiftSession(const SwiftCredentials& credentials);

  // Account URL ("https://swift.example/v1/AUTH_ci").
  const std::string& storage_url() const { return storage_url_; }

  // Sends `method` to storage_url + path (path: "" for the account or "/container[/object]",
  // already percent-encoded) with X-Auth-Token. Throws SwiftError ("swift.request") only when
  // no response arrived; any HTTP status is returned.
  SwiftResponse Request(const std::string& method, const std::string& path,
                        const std::vector<std::string>& headers = {}, const std::string& body = "");

 private:
  std::string storage_url_;
  std::string auth_token_;
};

// Sends one request without authentication (used for logging in). Throws SwiftError
// ("swift.request") when no response arrived, naming the method and URL (a TempURL's
// signature redacted) and libcurl's message.
SwiftResponse SendRequest(const std::string& method, const std::string& url,
                          const std::vector<std::string>& headers, const std::string& body);

}  // namespace logstow::setup
