#include "setup/swift_session.h"

namespace logstow::setup {

SwiftResponse SendRequest(const std::string& method, const std::string& url,
                          const std::vector<std::string>& headers, const std::string& body) {
  const HttpRequest request{.method = method,
                            .url = url,
                            .headers = headers,
                            .body = body,
                            .timeout = std::chrono::seconds(120)};
  SwiftResponse response = SendHttp(request);
  if (!response.error.empty())
    throw SwiftError("swift.request", DescribeFailure(request, response));
  return response;
}

SwiftSession::SwiftSession(const SwiftCredentials& credentials) {
  if (!credentials.auth_token.empty() && !credentials.storage_url.empty()) {
    storage_url_ = credentials.storage_url;
    auth_token_ = credentials.auth_token;
    return;
  }
  if (credentials.auth_url.empty() || credentials.user.empty() || credentials.key.empty()) {
    throw SwiftError("swift.auth",
                     "no Swift credentials: set LOGSTOW_SWIFT_AUTH_URL, LOGSTOW_SWIFT_USER and "
                     "LOGSTOW_SWIFT_KEY (or OS_STORAGE_URL and OS_AUTH_TOKEN), or pass "
                     "--credentials FILE");
  }
  SwiftResponse r =
      SendRequest("GET", credentials.auth_url,
                  {"X-Auth-User: " + credentials.user, "X-Auth-Key: " + credentials.key}, "");
  if (r.status / 100 != 2 || r.header("x-auth-token").empty() ||
      r.header("x-storage-url").empty()) {
    throw SwiftError("swift.auth", "login at " + credentials.auth_url + " as " + credentials.user +
                                       " failed with HTTP " + std::to_string(r.status) +
                                       ": check the user and key (v1 auth: tempauth or "
                                       "Keystone's v1 compatibility)");
  }
  auth_token_ = r.header("x-auth-token");
  storage_url_ =
      credentials.storage_url.empty() ? r.header("x-storage-url") : credentials.storage_url;
}

SwiftResponse SwiftSession::Request(const std::string& method, const std::string& path,
                                    const std::vector<std::string>& headers,
                                    const std::string& body) {
  std::vector<std::string> all = headers;
  all.push_back("X-Auth-Token: " + auth_token_);
  return SendRequest(method, storage_url_ + path, all, body);
}

}  // namespace logstow::setup
