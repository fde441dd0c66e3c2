// A fresh container in the test Swift with its own Temp-URL key and public read + listings, and
// tokens for it: what a Swift operator sets up once for logstow, made per test.
#pragma once

#include <string>

#include "tests/testing/http_client.h"
#include "tests/testing/swift_env.h"
#include "tokens/token.h"

namespace logstow::testing {

class SwiftContainer {
 public:
  // Creates "<stem>-<unique>" with X-Container-Read: .r:*,.rlistings and a random
  // X-Container-Meta-Temp-URL-Key. Adds test failures when Swift says no.
  explicit SwiftContainer(const std::string& stem);

  const SwiftEnv& env() const { return env_; }
  const std::string& name() const { return name_; }
  std::string url() const { return env_.storage_url + "/" + name_; }
  const std::string& key() const { return key_; }
  const std::string& auth_header() const { return auth_; }

  // A PUT token for `prefix`, valid for `ttl_s` seconds, signed with this container's key.
  tokens::Token Token(const std::string& prefix, int64_t ttl_s = 3600) const;

  // Anonymous GET of an object (name relative to the container, not encoded), with
  // Accept-Encoding: identity so the stored bytes come back as stored.
  HttpResponse GetObject(const std::string& object) const;
  // The stored bytes decoded as a browser would (gunzip when Content-Encoding: gzip).
  std::string ReadObjectDecoded(const std::string& object, HttpResponse* response = nullptr) const;
  // Every object name under `prefix` (anonymous JSON listing, paged with marker).
  std::vector<std::string> List(const std::string& prefix) const;

 private:
  SwiftEnv env_;
  std::string auth_;
  std::string name_;
  std::string key_;
};

}  // namespace logstow::testing
