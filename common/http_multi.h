// Many HttpRequests at once over a window of keep-alive connections (libcurl's multi interface,
// one thread), as curl's docs/examples/10-at-a-time.c: Start() adds a transfer, Run() moves them
// all forward and returns those that ended. A streamed upload whose reader has nothing yet is
// paused, and resumed by Run() once its body_ready() says so; producers on other threads call
// Wakeup() after adding bytes. Not thread-safe except Wakeup(). Tested by
// tests/unit/common/http_client_test.cc and, under the uploader, tests/swift/upload_test.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/http_client.h"

namespace logstow {

class HttpMulti {
 public:
  // max_connections: connections kept open to one host (and in all).
  explicit HttpMulti(size_t max_connections);
  // Drops transfers still in flight (their responses are never returned).
  ~HttpMulti();
  HttpMulti(const HttpMulti&) = delete;
  HttpMulti& operator=(const HttpMulti&) = delete;

  // Starts `request`; returns its handle (never 0), which comes back with its response.
  uint64_t Start(HttpRequest request);

  struct Completed {
    uint64_t handle = 0;
    HttpResponse response;
  };
  // Resumes paused uploads whose body is ready, moves every transfer forward, and returns the
  // ones that ended; when none did, waits up to `max_wait` for network activity or Wakeup().
  std::vector<Completed> Run(std::chrono::milliseconds max_wait);

  // Makes a waiting Run() return early. Thread-safe.
  void Wakeup();

  size_t active() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace logstow
