// The proxies one upload (or `logstow index`) may use: the token's storage URL first, then
// `--fallback-storage-url`s (other proxies of the same Swift, e.g. when no load balancer is in
// front of them). A TempURL signature covers the path only (docs/swift-notes.md), so an object URL
// signed for the token works at every proxy that serves the same account with the same Temp-URL
// key: only the origin (scheme, host, port) changes. When a connection cannot be made, the upload
// moves on to the next proxy, round the list (docs/swift-cluster.md). Thread-compatible. Tested
// against a real two-proxy Swift by tests/swift/cluster_fault_test.cc, for `index` by
// tests/swift/index_test.cc.
#pragma once

#include <string>
#include <vector>

#include "tokens/scope.h"

namespace logstow::uploader {

class StorageUrls {
 public:
  // `fallbacks`: account URLs with the token's path and another origin
  // ("http://proxy2.example:8080/v1/AUTH_ci" for a token of
  // "http://proxy1.example:8080/v1/AUTH_ci"). Throws logstow::Error "upload.storage_url" naming the
  // first one that is not.
  StorageUrls(const tokens::TokenScope& scope, const std::vector<std::string>& fallbacks);

  size_t size() const { return urls_.size(); }
  size_t current() const { return current_; }
  // The storage URL requests go to now.
  const std::string& current_url() const { return urls_[current_]; }
  // Every storage URL, the token's first.
  const std::vector<std::string>& all() const { return urls_; }

  // `url` (which starts with the token's storage URL) moved to the current proxy.
  std::string Rebase(const std::string& url) const;

  // A connection to urls[tried] could not be made: the next one becomes current, unless another
  // request moved on from `tried` already. True when this call moved.
  bool MoveOn(size_t tried);

  // MoveOn for a request to urls[tried] that could not connect (`error`: why, in curl's words),
  // and the warning a run reports when this call moved: "could not connect to <url> (<error>);
  // continuing with <url>"; "" otherwise. Uploads and `logstow index`'s HEADs share it.
  std::string MoveOnWithWarning(size_t tried, const std::string& error);

  // Whether a request that could not connect to urls[tried], `connect_failures` times in a row,
  // is sent again at once (no backoff): another proxy is current and not all have failed it.
  bool SendAgainNow(size_t tried, size_t connect_failures) const {
    return current_ != tried && connect_failures < urls_.size();
  }

 private:
  std::vector<std::string> urls_;
  size_t current_ = 0;
};

}  // namespace logstow::uploader
