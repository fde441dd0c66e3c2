#include "setup/swift_session.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "common/http_header.h"

namespace logstow::setup {

namespace {

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  std::string name, value;
  if (ParseHeaderLine({data, size * count}, &name, &value)) {
    (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
  }
  return size * count;
}

}  // namespace

std::string SwiftResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

SwiftResponse SendRequest(const std::string& method, const std::string& url,
                          const std::vector<std::string>& headers, const std::string& body) {
  SwiftResponse response;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  CURL* c = curl.get();
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "logstow");
  if (method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  if (method == "PUT" || method == "POST") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.headers);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) {
    // The URL may carry no secret (auth goes in headers), so it is safe to name.
    throw SwiftError("swift.request", method + " " + url + " failed: " + curl_easy_strerror(rc));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
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
