#include "uploader/body_encoder.h"

#include <openssl/evp.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

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

}  // namespace

struct BodyEncoder::State {
  FILE* file = nullptr;
  z_stream zlib{};
  bool zlib_ready = false;
  EVP_MD_CTX* md5 = nullptr;
  std::string in;
  std::string out;

  ~State() {
    if (file != nullptr) std::fclose(file);
    if (zlib_ready) deflateEnd(&zlib);
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

void BodyEncoder::RedactWith(std::shared_ptr<const RedactionPatterns> patterns) {
  redactor_ = patterns ? std::make_unique<TokenRedactor>(std::move(patterns)) : nullptr;
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
  auto emit = [&](const char* data, size_t size) {
    if (size == 0) return;
    EVP_DigestUpdate(s.md5, data, size);
    bytes_out_ += size;
    stream.Push(std::string(data, size));
  };

  while (stream.wants_more() && !stream.cancelled()) {
    size_t n = std::fread(s.in.data(), 1, s.in.size(), s.file);
    if (n == 0 && std::ferror(s.file)) {
      stream.Fail("read error in '" + source_.string() + "': " + std::strerror(errno));
      done_ = true;
      break;
    }
    bytes_read_ += n;
    const bool at_end = n < s.in.size() && std::feof(s.file);
    std::string_view block(s.in.data(), n);
    if (redactor_) block = redactor_->Process(block, at_end);
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
    if (at_end && expected_size_ >= 0 && bytes_read_ != static_cast<uint64_t>(expected_size_)) {
      // Fail before the body's end: the transfer is aborted and Swift keeps nothing.
      done_ = true;
      state_.reset();
      stream.Fail("the file changed while it was uploaded (" + std::to_string(expected_size_) +
                  " bytes when the folder was read, " + std::to_string(bytes_read_) +
                  " bytes read); not stored");
      break;
    }
    if (at_end) {
      unsigned char digest[EVP_MAX_MD_SIZE];
      unsigned int length = 0;
      EVP_DigestFinal_ex(s.md5, digest, &length);
      done_ = true;
      state_.reset();  // closes the file and frees zlib before the stream's consumer finishes
      stream.Finish(Hex(digest, length), bytes_out_);
      break;
    }
  }
  return ThreadCpuSeconds() - start;
}

}  // namespace logstow::uploader
