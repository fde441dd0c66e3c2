#include "tests/testing/swift_container.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

#include "common/percent_encode.h"
#include "common/time_format.h"
#include "tests/testing/temp_dir.h"
#include "tokens/issue.h"

namespace logstow::testing {

SwiftContainer::SwiftContainer(const std::string& stem) {
  env_ = LoadSwiftEnv();
  auth_ = "X-Auth-Token: " + SwiftLogin(env_);
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  name_ = stem + "-" + std::to_string(now);
  key_ = "key-" + std::to_string(std::random_device{}());
  HttpResponse r = Send({.method = "PUT",
                         .url = url(),
                         .headers = {auth_, "X-Container-Read: .r:*,.rlistings",
                                     "X-Container-Meta-Temp-URL-Key: " + key_}});
  EXPECT_EQ(r.status, 201) << "creating container " << name_ << ": " << r.body;
}

tokens::Token SwiftContainer::Token(const std::string& prefix, int64_t ttl_s) const {
  tokens::TokenScope scope;
  scope.storage_url = env_.storage_url;
  scope.container = name_;
  scope.prefix = prefix;
  scope.expires_unix_s = NowUnixSeconds() + ttl_s;
  return tokens::IssueToken(scope, key_);
}

HttpResponse SwiftContainer::GetObject(const std::string& object) const {
  return Send(
      {.url = url() + "/" + PercentEncodePath(object), .headers = {"Accept-Encoding: identity"}});
}

std::string SwiftContainer::ReadObjectDecoded(const std::string& object,
                                              HttpResponse* response) const {
  HttpResponse r = GetObject(object);
  EXPECT_EQ(r.status, 200) << object;
  std::string body = r.body;
  if (r.header("content-encoding") == "gzip") {
    EXPECT_TRUE(Gunzip(r.body, &body)) << object << " is not valid gzip";
  }
  if (response != nullptr) *response = r;
  return body;
}

std::vector<std::string> SwiftContainer::List(const std::string& prefix) const {
  std::vector<std::string> names;
  std::string marker;
  while (true) {
    HttpResponse r = Send({.url = url() + "?format=json&prefix=" + PercentEncode(prefix) +
                                  "&marker=" + PercentEncode(marker)});
    EXPECT_EQ(r.status, 200);
    auto page = nlohmann::json::parse(r.body, nullptr, false);
    if (!page.is_array() || page.empty()) break;
    for (const auto& entry : page) names.push_back(entry["name"].get<std::string>());
    marker = names.back();
  }
  return names;
}

}  // namespace logstow::testing
