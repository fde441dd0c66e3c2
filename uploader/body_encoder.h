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
#include "uploader/pattern_redactor.h"
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

  // The file's size when the folder was read: the body is made of exactly that many bytes of
  // the file. A file that is longer now (a log still being written, as Zuul's job-output.txt
  // while the post-run playbook uploads it) is cut there and grew() says so; the bytes after
  // the cut are read only to find a token that straddles it (the redactor replaces it whole,
  // the cut keeps the first part of the replacement). A file that turns out shorter fails the
  // stream before its end, so the PUT is aborted and Swift stores nothing (a short body sent
  // to its end would be stored under the old listing's name). Call before the first Pump().
  void ExpectSize(uint64_t bytes) { expected_size_ = bytes; }
  // True once the file was found longer than ExpectSize's bytes (and cut there).
  bool grew() const { return grew_; }

  // Replaces the token and its signatures in the bytes read (uploader/token_redactor.h), before
  // they are gzipped and hashed. Call before the first Pump().
  void RedactWith(std::shared_ptr<const RedactionPatterns> patterns);
  // How many were replaced so far.
  size_t redactions() const { return redactor_ ? redactor_->replacements() : 0; }

  // A processing rule's redact stage (uploader/pattern_redactor.h): its RE2 patterns are
  // replaced (same length) before the token redaction. Call before the first Pump().
  void RedactPatternsWith(std::shared_ptr<const RedactPatterns> patterns);
  size_t pattern_redactions() const {
    return pattern_redactor_ ? pattern_redactor_->replacements() : 0;
  }

  // Sends only bytes [skip, skip + take) of the body this encoder would produce (after
  // redaction and gzip): one segment of a large object (common/large_object.h). MD5 and length
  // are those of the window. Bodies left as they are (no gzip, no redaction) seek to `skip`;
  // others are produced from the file's start and the bytes before `skip` dropped (a transformed
  // stream cannot be entered in the middle), so segment k costs k + 1 segments of work. The
  // cut and shrink check (ExpectSize) applies only to a window that reaches the file's end.
  // Call before the first Pump().
  void SetWindow(uint64_t skip, uint64_t take);

  // The file is gzip (one member or several, as `cat a.gz b.gz`): inflate it before the
  // redactor, so a ".txt.gz" can be scanned; the body is then gzipped again at gzip_level
  // (REQUIRES: gzip_level > 0). A file that is not gzip fails the stream ("... is not valid
  // gzip data"). Call before the first Pump().
  void InflateFirst() { inflate_ = true; }

 private:
  struct State;  // zlib + OpenSSL state, kept out of this header
  bool Open(BodyStream& stream);

  std::filesystem::path source_;
  std::shared_ptr<const std::string> bytes_;  // set for in-memory bodies
  int root_fd_ = -1;                          // -1: source_ is a path of its own
  int gzip_level_;
  std::unique_ptr<TokenRedactor> redactor_;
  std::unique_ptr<PatternRedactor> pattern_redactor_;
  std::unique_ptr<State> state_;
  uint64_t bytes_read_ = 0;
  int64_t expected_size_ = -1;  // -1: not checked
  uint64_t bytes_out_ = 0;      // bytes emitted (inside the window)
  uint64_t produced_ = 0;       // bytes of the whole body produced so far, window or not
  uint64_t window_skip_ = 0;
  uint64_t window_take_ = UINT64_MAX;
  bool inflate_ = false;
  bool grew_ = false;
  bool done_ = false;
};

// What a body comes to, found by producing it once and dropping the bytes: its length after
// redaction and gzip, the replacements made, or why it could not be read. Reads the whole
// file; used only where the size must be known before sending (a file over Swift's
// max_file_size that gzip may make fit, a ".txt.gz" to scan). `encoder` is used up.
struct MeasuredBody {
  uint64_t bytes = 0;
  size_t redactions = 0;
  std::string error;  // "" when it was read to the end
};
MeasuredBody MeasureBody(BodyEncoder& encoder);

}  // namespace logstow::uploader
