// What happened to each object of an upload, and the totals; written as JSON for job tooling
// (zuul_return) by `logstow upload --json FILE`. Plain data. Tested by
// tests/unit/uploader/upload_report_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace logstow::uploader {

enum class ObjectStatus { kLanded, kFailed, kSkipped };

// "landed", "failed", "skipped".
const char* ObjectStatusName(ObjectStatus status);

struct ObjectResult {
  std::string name;             // relative to the upload root ("logs/n-api.txt")
  std::string object;           // full object name in the container (prefix + name)
  ObjectStatus status = ObjectStatus::kFailed;
  std::string content_type;     // as sent
  std::string content_encoding; // "gzip" or ""
  uint64_t size_bytes = 0;      // the file's size
  uint64_t stored_bytes = 0;    // bytes sent in the successful attempt (compressed size)
  int64_t mtime_unix_s = 0;
  int attempts = 0;
  long http_status = 0;         // last response's status, 0 if none
  std::string etag;             // MD5 of the stored bytes, when landed
  std::string error;            // why it failed or was skipped
  size_t redactions = 0;        // occurrences of the token replaced (uploader/token_redactor.h)
  bool generated = false;       // an index.html or the manifest logstow wrote
};

struct UploadReport {
  std::string prefix_url;  // public URL of the pseudo-folder
  std::string viewer_url;  // <viewer>?q=<prefix_url>, or the prefix URL's index.html
  // Files first (sorted), then skipped entries (status skipped, error = the reason: symlinks to
  // folders, links out of the folder, FIFOs...), then indexes, then the manifest.
  std::vector<ObjectResult> objects;
  std::vector<std::string> warnings;  // skipped symlinks, ...
  std::string aborted;                // set when the run stopped early (e.g. expired token)
  double wall_seconds = 0;
  double compress_cpu_seconds = 0;  // worker threads reading, gzipping and hashing
  double process_cpu_seconds = 0;  // whole process; the rest is HTTP (libcurl, TLS) and walking
  uint64_t peak_rss_bytes = 0;
  uint64_t sent_bytes = 0;         // body bytes on the wire, every attempt (failed ones too)
  int requests = 0;                // PUT requests sent, retries included
  int retries = 0;
  int token_refreshes = 0;         // new tokens taken from UploadOptions::refresh_token

  int count(ObjectStatus status) const;
  uint64_t logical_bytes() const;  // sum of size_bytes of landed files
  uint64_t stored_bytes() const;   // sum of stored_bytes of landed objects
  std::vector<std::string> redacted() const;  // names of files whose token was replaced
  bool ok() const;                 // nothing failed and not aborted

  // {"prefix_url":..., "viewer_url":..., "ok":bool, "files":{"landed":n,...}, "objects":[...],
  //  "bytes":{"logical":n, "stored":n, "sent":n}, "redacted":[names], "cpu_seconds":{...}, ...}
  // Objects carry "redactions":n when the token was replaced in them.
  std::string ToJson() const;
};

}  // namespace logstow::uploader
