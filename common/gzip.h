// gzip with zlib: one-shot compression of a small in-memory body, and streaming decompression of
// a gzip body of any size (`logstow show` reading a .gz file or a stored .gz object). Streaming
// bodies of log files being uploaded go through uploader/body_encoder.h instead.
// Tested by tests/unit/common/gzip_test.cc.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace logstow {

// level: 1 (fast) .. 9 (small).
std::string GzipCompress(std::string_view bytes, int level = 9);

// Whether `prefix` (the first bytes of a body, at least 2 of them) starts with the gzip magic
// 1f 8b. Content decides, never a file name: a "log.txt" may be gzip and a "log.gz" plain.
bool HasGzipMagic(std::string_view prefix);

// Streaming gunzip: feed compressed chunks of any size, get inflated blocks (up to 64 KiB each)
// through `sink`. Concatenated gzip members (as `cat a.gz b.gz` or pigz write) inflate as one
// stream, as gzip(1) does; zeros after the last member are skipped, as gzip -dc does. Errors are
// values: Feed/Finish return false and error() says why ("not gzip data: incorrect header
// check", "the gzip data ends in the middle of a member").
// Memory: zlib's ~40 KiB of state + one 64 KiB block.
class GzipInflater {
 public:
  // Returns false to stop: Feed then returns false with error() empty.
  using Sink = std::function<bool(std::string_view)>;

  GzipInflater();
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  bool Feed(std::string_view compressed, const Sink& sink);
  // The input has ended: true when it ended at the end of a member.
  bool Finish();
  const std::string& error() const { return error_; }
  uint64_t inflated_bytes() const { return inflated_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string error_;
  uint64_t inflated_ = 0;
  bool in_member_ = false;  // between a member's first byte and its end
  uint64_t members_ = 0;    // members inflated to their end
  bool padded_ = false;     // zeros came after the last member
};

}  // namespace logstow
