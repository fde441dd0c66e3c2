// The size and MD5 of the body `logstow upload` would send for a file or a generated page,
// found by producing it (gzip included) and dropping the bytes: what Swift's listing shows as
// "bytes" and "hash" once that body is stored. gzip output is the same for the same input,
// level and zlib (the gzip header carries no time), so an object stored by an earlier run
// matches. Thread-safe (each call has its own encoder). Tested by
// tests/unit/importer/body_fingerprint_test.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace logstow::importer {

struct BodyFingerprint {
  uint64_t bytes = 0;
  std::string md5_hex;  // lower-case
  std::string error;    // "" when the body was produced to its end
};

// A file of the tree: `relative` opened beneath `root_fd` (uploader/open_beneath.h), its first
// `size_bytes` bytes (as the walk saw it), gzipped at `gzip_level` (0: as is).
BodyFingerprint FingerprintFile(int root_fd, const std::string& relative, uint64_t size_bytes,
                                int gzip_level);

// A body made in memory (an index page, a manifest).
BodyFingerprint FingerprintBytes(std::shared_ptr<const std::string> bytes, int gzip_level);

}  // namespace logstow::importer
