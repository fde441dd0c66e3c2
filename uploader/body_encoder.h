// Produces one object's body from its file: reads it in blocks, gzips it when asked (zlib,
// streaming, gzip container), hashes what it emits (MD5, to check Swift's ETag), and pushes the
// bytes into a BodyStream until the stream is full. Pump() is called again when the stream wants
// more, so a big file never holds a worker thread while the network drains it.
// Not thread-safe: one Pump() at a time (BodyStream::pump_pending guards that).
// Tested by tests/unit/uploader/body_encoder_test.cc.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "uploader/body_stream.h"
#include "uploader/token_redactor.h"

namespace logstow::uploader {

class BodyEncoder {
 public:
  // gzip_level: 1..9 to gzip, 0 to send the file as is.
  BodyEncoder(std::filesystem::path source, int gzip_level);
  // A file of an upload: `relative` opened beneath the log folder's descriptor with no symlink
  // on the way (uploader/open_beneath.h).
  BodyEncoder(int root_fd, std::string relative, int gzip_level);
  // A body generated in memory (an index page, the manifest).
  BodyEncoder(std::shared_ptr<const std::string> bytes, int gzip_level);
  ~BodyEncoder();
  BodyEncoder(const BodyEncoder&) = delete;
  BodyEncoder& operator=(const BodyEncoder&) = delete;

  // Produces into `stream` until it is full, finished (Finish with MD5 and length) or failed
  // (Fail with a message naming the file). Returns the thread CPU seconds spent.
  double Pump(BodyStream& stream);

  uint64_t bytes_read() const { return bytes_read_; }

  // The file's size when the folder was read. When the file turns out shorter or longer, the
  // stream fails before its end, so the PUT is aborted and Swift stores nothing (a short body
  // sent to its end would be stored under the old listing's name). Call before the first Pump().
  void ExpectSize(uint64_t bytes) { expected_size_ = bytes; }

  // Replaces the token and its signatures in the bytes read (uploader/token_redactor.h), before
  // they are gzipped and hashed. Call before the first Pump().
  void RedactWith(std::shared_ptr<const RedactionPatterns> patterns);
  // How many were replaced so far.
  size_t redactions() const { return redactor_ ? redactor_->replacements() : 0; }

 private:
  struct State;  // zlib + OpenSSL state, kept out of this header
  bool Open(BodyStream& stream);

  std::filesystem::path source_;
  std::shared_ptr<const std::string> bytes_;  // set for in-memory bodies
  int root_fd_ = -1;  // -1: source_ is a path of its own
  int gzip_level_;
  std::unique_ptr<TokenRedactor> redactor_;
  std::unique_ptr<State> state_;
  uint64_t bytes_read_ = 0;
  int64_t expected_size_ = -1;  // -1: not checked
  uint64_t bytes_out_ = 0;
  bool done_ = false;
};

}  // namespace logstow::uploader
