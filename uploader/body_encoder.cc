#include "uploader/body_encoder.h"

#include <openssl/evp.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "uploader/open_beneath.h"

namespace logstow::uploader {

namespace {

constexpr size_t kReadBlock = 64 * 1024;

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

std::string Hex(const unsigned char* bytes, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

// Inflates `block` (a piece of a gzip file) into `plain`. False when it is not gzip data.
bool InflateBlock(z_stream& unzip, bool& member_ended, std::string_view block, std::string& plain) {
  plain.clear();
  unzip.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
  unzip.avail_in = static_cast<uInt>(block.size());
  while (unzip.avail_in > 0) {
    if (member_ended) {  // another member follows (`cat a.gz b.gz` is valid gzip)
      if (inflateReset(&unzip) != Z_OK) return false;
      member_ended = false;
    }
    char out[64 * 1024];
    unzip.next_out = reinterpret_cast<Bytef*>(out);
    unzip.avail_out = sizeof out;
    int rc = inflate(&unzip, Z_NO_FLUSH);
    plain.append(out, sizeof out - unzip.avail_out);
    if (rc == Z_STREAM_END) {
      member_ended = true;
    } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && unzip.avail_out > 0)) {
      return false;
    }
  }
  return true;
}

}  // namespace

struct BodyEncoder::State {
  FILE* file = nullptr;
  z_stream zlib{};
  bool zlib_ready = false;
  z_stream unzip{};
  bool unzip_ready = false;
  bool unzip_member_ended = false;  // between gzip members: only gzip data may follow
  std::string plain;                // inflated bytes of the current block
  EVP_MD_CTX* md5 = nullptr;
  std::string in;
  std::string out;

  ~State() {
    if (file != nullptr) std::fclose(file);
    if (zlib_ready) deflateEnd(&zlib);
    if (unzip_ready) inflateEnd(&unzip);
    if (md5 != nullptr) EVP_MD_CTX_free(md5);
  }
};

BodyEncoder::BodyEncoder(std::filesystem::path source, int gzip_level)
    : source_(std::move(source)), gzip_level_(gzip_level) {}

BodyEncoder::BodyEncoder(std::shared_ptr<const std::string> bytes, int gzip_level)
    : source_("<generated>"), bytes_(std::move(bytes)), gzip_level_(gzip_level) {}

BodyEncoder::BodyEncoder(int root_fd, std::string relative, int gzip_level)
    : source_(std::move(relative)), root_fd_(root_fd), gzip_level_(gzip_level) {}

BodyEncoder::~BodyEncoder() = default;

void BodyEncoder::SetWindow(uint64_t skip, uint64_t take) {
  window_skip_ = skip;
  window_take_ = take;
}

void BodyEncoder::RedactWith(std::shared_ptr<const RedactionPatterns> patterns) {
  redactor_ = patterns ? std::make_unique<TokenRedactor>(std::move(patterns)) : nullptr;
}

void BodyEncoder::RedactPatternsWith(std::shared_ptr<const RedactPatterns> patterns) {
  pattern_redactor_ =
      patterns ? std::make_unique<PatternRedactor>(
                     std::vector<std::shared_ptr<const RedactPatterns>>{std::move(patterns)})
               : nullptr;
}

bool BodyEncoder::Open(BodyStream& stream) {
  state_ = std::make_unique<State>();
  // In-memory bodies read through the same FILE* path (fmemopen), so there is one code path.
  if (bytes_) {
    state_->file = fmemopen(const_cast<char*>(bytes_->data()), bytes_->size(), "rb");
  } else if (root_fd_ < 0) {
    state_->file = std::fopen(source_.c_str(), "rb");
  } else {
    int fd = OpenBeneath(root_fd_, source_.string());
    if (fd < 0) {
      stream.Fail("cannot read '" + source_.string() + "': " + OpenBeneathError(fd));
      return false;
    }
    state_->file = fdopen(fd, "rb");
    if (state_->file == nullptr) close(fd);
  }
  if (state_->file == nullptr) {
    stream.Fail("cannot read '" + source_.string() + "': " + std::strerror(errno));
    return false;
  }
  state_->md5 = EVP_MD_CTX_new();
  EVP_DigestInit_ex(state_->md5, EVP_md5(), nullptr);
  if (gzip_level_ > 0) {
    // windowBits 15 + 16: a gzip container, as Content-Encoding: gzip means.
    if (deflateInit2(&state_->zlib, gzip_level_, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
      stream.Fail("zlib could not start");
      return false;
    }
    state_->zlib_ready = true;
  }
  if (inflate_) {
    // windowBits 15 + 32: zlib or gzip header, detected.
    if (inflateInit2(&state_->unzip, 15 + 32) != Z_OK) {
      stream.Fail("zlib could not start");
      return false;
    }
    state_->unzip_ready = true;
  }
  // Nothing transforms the bytes: a window starts with a seek, not by reading up to it.
  if (window_skip_ > 0 && gzip_level_ == 0 && !redactor_ && !pattern_redactor_ && !inflate_) {
    if (fseeko(state_->file, static_cast<off_t>(window_skip_), SEEK_SET) != 0) {
      stream.Fail("cannot seek in '" + source_.string() + "': " + std::strerror(errno));
      return false;
    }
    bytes_read_ = window_skip_;
    produced_ = window_skip_;
  }
  state_->in.resize(kReadBlock);
  return true;
}

double BodyEncoder::Pump(BodyStream& stream) {
  const double start = ThreadCpuSeconds();
  if (done_) return 0;
  if (!state_ && !Open(stream)) {
    done_ = true;
    return ThreadCpuSeconds() - start;
  }
  State& s = *state_;
  const uint64_t window_end =
      window_take_ > UINT64_MAX - window_skip_ ? UINT64_MAX : window_skip_ + window_take_;
  // Passes on what lies inside the window; the bytes before it are dropped.
  auto emit = [&](const char* data, size_t size) {
    const uint64_t begin = produced_;
    produced_ += size;
    uint64_t from = std::max(begin, window_skip_), to = std::min(produced_, window_end);
    if (from >= to) return;
    data += from - begin;
    size = static_cast<size_t>(to - from);
    EVP_DigestUpdate(s.md5, data, size);
    bytes_out_ += size;
    stream.Push(std::string(data, size));
  };
  auto finish = [&] {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(s.md5, digest, &length);
    done_ = true;
    state_.reset();  // closes the file and frees zlib before the stream's consumer finishes
    stream.Finish(Hex(digest, length), bytes_out_);
  };

  while (stream.wants_more() && !stream.cancelled()) {
    // Never past the listed size: a file still being written is cut there.
    size_t want = s.in.size();
    bool capped = false;
    if (expected_size_ >= 0 &&
        static_cast<uint64_t>(expected_size_) - bytes_read_ <= static_cast<uint64_t>(want)) {
      want = static_cast<size_t>(static_cast<uint64_t>(expected_size_) - bytes_read_);
      capped = true;
    }
    size_t n = want > 0 ? std::fread(s.in.data(), 1, want, s.file) : 0;
    if (n < want && std::ferror(s.file)) {
      stream.Fail("read error in '" + source_.string() + "': " + std::strerror(errno));
      done_ = true;
      break;
    }
    bytes_read_ += n;
    bool at_end = n < want && std::feof(s.file);
    // At the listed size: whatever follows was written after the folder was read. Read a
    // token's length of it (one byte without a redactor) to know, and to redact a token that
    // straddles the cut; it is never sent.
    std::string after;
    if (capped && n == want) {
      at_end = true;
      after.resize(redactor_ && !s.unzip_ready ? redactor_->longest_pattern() : 1);
      after.resize(std::fread(after.data(), 1, after.size(), s.file));
      grew_ = !after.empty();
    }
    std::string_view block(s.in.data(), n);
    if (s.unzip_ready) {
      if (!InflateBlock(s.unzip, s.unzip_member_ended, block, s.plain) ||
          (at_end && !s.unzip_member_ended)) {
        stream.Fail("'" + source_.string() + "' is not valid gzip data (or it is cut short)");
        done_ = true;
        break;
      }
      block = s.plain;
    }
    // The token first: a rule's pattern that hid part of a token would leave the rest
    // unrecognisable to the token scan, and the rest (signature included) is the credential.
    if (redactor_ && grew_ && !s.unzip_ready) {
      // Redaction keeps lengths: the last after.size() bytes out stand for `after`.
      s.plain.assign(block);
      s.plain += after;
      block = redactor_->Process(s.plain, true);
      block.remove_suffix(after.size());
    } else if (redactor_) {
      block = redactor_->Process(block, at_end);
    }
    if (pattern_redactor_) block = pattern_redactor_->Process(block, at_end);
    if (gzip_level_ == 0) {
      emit(block.data(), block.size());
    } else {
      s.zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
      s.zlib.avail_in = static_cast<uInt>(block.size());
      do {
        s.out.resize(kReadBlock);
        s.zlib.next_out = reinterpret_cast<Bytef*>(s.out.data());
        s.zlib.avail_out = static_cast<uInt>(s.out.size());
        deflate(&s.zlib, at_end ? Z_FINISH : Z_NO_FLUSH);
        emit(s.out.data(), s.out.size() - s.zlib.avail_out);
      } while (s.zlib.avail_out == 0);
    }
    if (at_end && expected_size_ >= 0 && bytes_read_ < static_cast<uint64_t>(expected_size_)) {
      // Fail before the body's end: the transfer is aborted and Swift keeps nothing.
      done_ = true;
      state_.reset();
      stream.Fail("the file shrank while it was uploaded (" + std::to_string(expected_size_) +
                  " bytes when the folder was read, " + std::to_string(bytes_read_) +
                  " bytes read); not stored");
      break;
    }
    if (at_end || produced_ >= window_end) {
      finish();
      break;
    }
  }
  return ThreadCpuSeconds() - start;
}

MeasuredBody MeasureBody(BodyEncoder& encoder) {
  BodyStream stream(1 << 20, nullptr, nullptr);
  MeasuredBody result;
  std::string buffer(1 << 20, '\0');
  while (true) {
    encoder.Pump(stream);
    BodyStream::ReadStatus status;
    size_t n = 0;
    do {
      status = stream.Read(buffer.data(), buffer.size(), &n);
      result.bytes += n;
    } while (status == BodyStream::ReadStatus::kData);
    if (status == BodyStream::ReadStatus::kError) {
      result.error = stream.error();
      break;
    }
    if (status == BodyStream::ReadStatus::kEnd) break;
  }
  result.redactions = encoder.redactions();
  return result;
}

}  // namespace logstow::uploader
