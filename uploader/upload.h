// `logstow upload`: a job's log folder into Swift, consistently.
//   1. Plan: walk the folder (uploader/walk.h), classify each file (uploader/classify.h), name
//      its object (token prefix + relative path). Names Swift refuses (not UTF-8, too long)
//      fail by name; files over Swift's object size limit go gzipped whole when that fits, else
//      as segments for `logstow finalize` (uploader/size_plan.h); everything else is sent.
//   2. Files: PUT in parallel with the token's prefix TempURL, text gzipped on the way, each
//      response's ETag checked against the MD5 of the bytes sent, transient failures retried
//      (uploader/retry_policy.h).
//   3. Then the per-folder index.html pages and zuul-manifest.json, listing only the objects
//      that landed in this run; none when no file landed (an earlier run's stay as they were).
//      The job's own zuul-manifest.json goes after the other files, and only when every file
//      it names landed (uploader/job_manifest.h); else logstow writes its own.
// Every PUT of a file, index page or manifest carries kSizeMetaHeader: the object's size before
// gzip (after token redaction, which keeps sizes), in decimal bytes; segments carry none. A 401
// stops the run (the token is expired or wrong): nothing more is sent. Runs the transfers on the
// calling thread and compression on a worker pool. Tested against a real Swift by
// tests/swift/upload_test.cc and upload_fault_test.cc.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokens/token.h"
#include "uploader/pattern_redactor.h"
#include "uploader/retry_policy.h"
#include "uploader/upload_report.h"

namespace logstow::uploader {

struct ProcessingRules;

// Object metadata on every object the uploader writes: its size as read from disk (before the
// uploader's gzip; a ".gz" stored as it is: its own size), decimal bytes. Readers: the web
// viewer sizes its buffer from it (Content-Length is the gzipped size); folder listings show
// it. Swift returns it on GET/HEAD and exposes X-Object-Meta-* to CORS readers by itself;
// `logstow swift-setup` names it in the container's expose headers too.
inline constexpr char kSizeMetaHeader[] = "X-Object-Meta-Logstow-Size";

struct UploadProgress {
  size_t files_done = 0;  // landed or failed
  size_t files_total = 0;
  uint64_t bytes_done = 0;   // file bytes of finished files
  uint64_t bytes_total = 0;  // file bytes of all files
  uint64_t bytes_sent = 0;   // on the wire, after compression
  int retries = 0;
  int failed = 0;
  const char* phase = "files";  // "files", "indexes", "manifest"
};

struct UploadOptions {
  std::filesystem::path folder;
  tokens::Token token;
  // The token as the job received it, for redaction ("" = the token's canonical encoding).
  std::string token_text;
  // Replace the token and its signatures in text files before they are sent.
  bool redact_token = true;
  // When set: called on the upload thread for a new token's text once the token has expired
  // (by this machine's clock before a request, or a 401 whose Swift Date is past `expires`);
  // the new token must cover the same prefix (uploader/token_refresh.h). May throw
  // logstow::Error; then the run stops as without it. At most 20 calls a run.
  std::function<std::string()> refresh_token;
  // PUTs in flight (one connection each). Far from the store, latency rules: 64 in flight
  // reached the curl ceiling in bench/runs/2026-11-30-vm/upload-b-parallel64.md, 16 did not; a
  // local Swift is server-bound either way.
  size_t parallel = 64;
  int gzip_level = 6;                     // 1..9; 0 sends text uncompressed
  std::optional<int64_t> delete_after_s;  // X-Delete-After; at most the token's (delete_after.h)
  size_t compress_threads = 0;            // 0: one per core
  RetryLimits retry;
  std::chrono::seconds stall_timeout{30};
  std::chrono::seconds connect_timeout{10};
  // Other proxies of the same Swift, tried in turn when no connection can be made to the current
  // one (uploader/storage_urls.h): account URLs with the token's path at another origin.
  std::vector<std::string> fallback_storage_urls;
  bool write_indexes = true;
  bool write_manifest = true;
  // Processing rules (--processing, uploader/processing_rules.h); null: none. Command stages
  // write their output under `spool_parent` (default $TMPDIR, else /tmp) until the run ends.
  std::shared_ptr<const ProcessingRules> processing;
  std::filesystem::path spool_parent;
  // Called on the upload thread about 5 times a second, and once at the end of each phase.
  std::function<void(const UploadProgress&)> on_progress;
};

// One object as planned: what `--dry-run` prints.
struct PlannedObject {
  std::string name;          // relative path, '/'-separated
  std::string object;        // prefix + name
  std::string target;        // what is read: relative to the folder (a link's target)
  std::string content_type;  // from the target's name and bytes
  bool text = false;         // text: scanned for the token
  bool compress = false;     // sent with Content-Encoding: gzip
  uint64_t size_bytes = 0;
  int64_t mtime_unix_s = 0;
  std::string problem;  // set when it cannot be uploaded (e.g. a name that is not UTF-8)
  // Set by the size plan (uploader/size_plan.h) when it is over Swift's max_file_size: sent as
  // `segments` segment objects of `segment_bytes` (the last one shorter), cut from the body as
  // it is sent (`encoded_bytes` long: the gzip stream when `compress`), joined by finalize.
  size_t segments = 0;
  uint64_t segment_bytes = 0;
  uint64_t encoded_bytes = 0;
  // A gzipped text file in which the token was found: sent inflated, redacted and gzipped
  // again, `rescanned_bytes` long (what is published, and its size metadata).
  std::optional<uint64_t> rescanned_bytes;
  // Set by a processing rule (uploader/processing.h). `source_fd`: where `target` is read when
  // not the log folder (the spool folder holding a command's output); `gzip_level`: the rule's
  // level when `compress`; `redact_patterns`: its redact stage; `processing`: "rule N 'x':
  // stages"; `renamed_from`: the file's own path when renamed.
  int source_fd = -1;
  std::optional<int> gzip_level;
  std::shared_ptr<const RedactPatterns> redact_patterns;
  std::string processing;
  std::string renamed_from;
};

struct SkippedEntry {
  std::string name;    // relative path
  std::string reason;  // "symlink to a folder, not followed (-> real)", ...
};

struct UploadPlan {
  std::vector<PlannedObject> objects;
  std::vector<SkippedEntry> skipped;  // symlinks to folders or out of the folder, FIFOs, ...
  std::vector<std::string> warnings;  // "skipped <name>: <reason>" for each of those
  // Folders (or entries) that exist but could not be read (uploader/walk.h): failed, by name.
  std::vector<SkippedEntry> unreadable;
};

// The headers of a PUT the uploader sends: Content-Type, kSizeMetaHeader (`size_bytes`: the
// bytes before gzip, so a reader can size its buffer before the body arrives), Content-Encoding
// when `gzip`, X-Delete-After when set. Used by Upload() and BuildIndex() (uploader/build_index.h).
std::vector<std::string> ObjectHeaders(const std::string& content_type, bool gzip,
                                       std::optional<int64_t> delete_after_s, uint64_t size_bytes);

// Why Swift would refuse `object_name` (the full name in the container), or "" when it takes
// it: Swift (swift/common/constraints.py) refuses names that are not valid UTF-8, hold a NUL,
// or are longer than max_object_name_length bytes; every other byte (tab, DEL, other control
// characters) is stored, sent percent-encoded.
std::string ObjectNameProblem(std::string_view object_name, uint64_t max_object_name_length);

// Walks and classifies; sends nothing. Throws logstow::Error ("upload.folder") when the folder
// cannot be read.
UploadPlan PlanUpload(const UploadOptions& options);

// Plans, checks sizes and names against Swift's limits (/info), and uploads. Files over Swift's
// max_file_size go as one gzip stream when it fits, else as segments (status kSegmented once
// all landed; common/large_object.h); files over the token's max_file_size, or too large even
// as segments, fail, each named with its size and the limit, and the rest is uploaded; when
// /info cannot be read, a warning says so once and a 413 fails a file without retries. A
// folder that cannot be read fails by name. report.viewer_url is "" when no file landed.
// Returns the report (check ok()). Throws logstow::Error "upload.folder" (DIR itself cannot be
// read: nothing sent), "upload.storage_url" (a fallback storage URL for another account).
UploadReport Upload(const UploadOptions& options);

}  // namespace logstow::uploader
