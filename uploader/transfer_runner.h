// Runs a batch of PUTs to the end: at most `parallel` in flight, bodies produced by a worker
// pool, each result checked (status, ETag against the MD5 sent), transient failures retried
// after a jittered backoff, a 401 stopping the whole batch. Fills each job's ObjectResult and
// the report's counters. Runs on the calling thread. Tested through uploader/upload.h by
// tests/swift/upload_test.cc and tests/swift/upload_fault_test.cc.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tokens/token.h"
#include "uploader/token_redactor.h"
#include "uploader/upload.h"
#include "uploader/upload_report.h"

namespace logstow::uploader {

struct TransferJob {
  std::string name;                          // relative to the token's prefix
  std::string source;                        // the file, relative to root_fd, or
  std::shared_ptr<const std::string> bytes;  // a body made in memory
  int gzip_level = 0;                        // 0: as is
  std::vector<std::string> headers;          // Content-Type, Content-Encoding, X-Delete-After
  uint64_t size_bytes = 0;                   // for progress (a segment's: its take)
  uint64_t file_size_bytes = 0;              // a segment's whole file, as the walk saw it
  size_t report_index = 0;                   // its ObjectResult in report.objects
  int root_fd = -1;                          // the log folder (uploader/open_beneath.h)
  // Set for text files: the token and its signatures are replaced on the way.
  std::shared_ptr<const RedactionPatterns> redact;
  bool inflate_first = false;  // a gzip file inflated, redacted and gzipped again
  // A processing rule's redact stage (uploader/pattern_redactor.h), applied before `redact`.
  std::shared_ptr<const RedactPatterns> redact_patterns;
  // A segment of a large object: bytes [skip, skip + take) of the encoded body
  // (BodyEncoder::SetWindow). Its redaction patterns stay those of the plan, so every segment
  // cuts the same stream.
  struct Window {
    uint64_t skip = 0;
    uint64_t take = 0;
  };
  std::optional<Window> window;
};

class TransferRunner {
 public:
  TransferRunner(const UploadOptions& options, UploadReport& report);
  ~TransferRunner();

  // Sends every job until it landed or failed. Returns false when the run was stopped (a 401);
  // then every unfinished job is failed as "not sent" and report.aborted says why.
  bool Run(std::vector<TransferJob>& jobs, const char* phase);

  double compress_cpu_seconds() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace logstow::uploader
