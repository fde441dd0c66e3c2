// What happened to each object of an upload, and the totals; written as JSON for job tooling
// (zuul_return) by `logstow upload --json FILE`. Plain data. Tested by
// tests/unit/uploader/upload_report_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace logstow::uploader {

// kSegmented: a file too large for one object, stored as segment objects that all landed; its
// own object appears once `logstow finalize` has PUT the large-object manifest
// (common/large_object.h).
enum class ObjectStatus { kLanded, kFailed, kSkipped, kSegmented };

// "landed", "failed", "skipped", "segmented".
const char* ObjectStatusName(ObjectStatus status);

struct ObjectResult {
  std::string name;    // relative to the upload root ("logs/n-api.txt")
  std::string object;  // full object name in the container (prefix + name)
  ObjectStatus status = ObjectStatus::kFailed;
  std::string content_type;      // as sent
  std::string content_encoding;  // "gzip" or ""
  uint64_t size_bytes = 0;       // the file's size
  uint64_t stored_bytes = 0;     // bytes sent in the successful attempt (compressed size)
  int64_t mtime_unix_s = 0;
  int attempts = 0;
  long http_status = 0;    // last response's status, 0 if none
  std::string etag;        // MD5 of the stored bytes, when landed
  std::string error;       // why it failed or was skipped
  size_t redactions = 0;   // occurrences of the token replaced (uploader/token_redactor.h)
  bool generated = false;  // an index.html or the manifest logstow wrote
  // The file was longer when it was read than when the folder was listed (still being
  // written): its first size_bytes bytes were stored (BodyEncoder::ExpectSize). JSON "grew".
  bool grew = false;
  // Set on a segment object: the name of the file it is part of (status segmented or failed).
  std::string segment_of;
  // Set when a processing rule applied (uploader/processing.h): "rule 2 'scrub': command,
  // gzip" (JSON "processing"); the file's own relative path when a rename stage changed the
  // name (JSON "renamed_from"); matches a redact stage replaced (JSON "pattern_redactions").
  std::string processing;
  std::string renamed_from;
  size_t pattern_redactions = 0;
};

struct UploadReport {
  std::string prefix_url;  // public URL of the pseudo-folder
  // <viewer>?q=<prefix_url>, or the prefix URL's index.html; "" (JSON null) when no file landed.
  std::string viewer_url;
  std::string container;                    // the token's container (for `logstow finalize`)
  std::optional<int64_t> delete_at_unix_s;  // when the objects expire (X-Delete-After applied)
  // Files first (sorted; a segmented file is followed by its segments, in order), then folders
  // that could not be read (status failed, error = why), then skipped entries (status skipped,
  // error = the reason: symlinks to folders, links out of the folder, FIFOs...), then indexes,
  // then the manifest.
  std::vector<ObjectResult> objects;
  std::vector<std::string> warnings;  // skipped symlinks, ...
  std::string aborted;                // set when the run stopped early (e.g. expired token)
  double wall_seconds = 0;
  double compress_cpu_seconds = 0;  // worker threads reading, gzipping and hashing
  double process_cpu_seconds = 0;   // whole process; the rest is HTTP (libcurl, TLS) and walking
  uint64_t peak_rss_bytes = 0;
  uint64_t sent_bytes = 0;  // body bytes on the wire, every attempt (failed ones too)
  int requests = 0;         // PUT requests sent, retries included
  int retries = 0;
  int token_refreshes = 0;  // new tokens taken from UploadOptions::refresh_token

  int count(ObjectStatus status) const;  // files (not indexes, the manifest or segments)
  uint64_t logical_bytes() const;        // sum of size_bytes of landed and segmented files
  uint64_t stored_bytes() const;         // sum of stored_bytes of landed objects (segments too)
  std::vector<std::string> redacted() const;  // names of files whose token was replaced
  bool ok() const;                            // nothing failed and not aborted

  // {"prefix_url":..., "viewer_url":..., "ok":bool, "files":{"landed":n,...}, "objects":[...],
  //  "bytes":{"logical":n, "stored":n, "sent":n}, "redacted":[names], "cpu_seconds":{...}, ...}
  // Objects carry "redactions":n when the token was replaced in them. A segmented file carries
  // "segments":[{"object","etag","size"}] in order (what `logstow finalize` reads), each segment
  // also has an entry of its own with "segment_of"; "container" and "delete_at" (Unix s, when
  // set) name where and until when.
  std::string ToJson() const;
};

}  // namespace logstow::uploader
