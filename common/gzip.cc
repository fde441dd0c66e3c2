#include "common/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <vector>

namespace logstow {

std::string GzipCompress(std::string_view bytes, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer, as Content-Encoding: gzip means.
  deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

bool HasGzipMagic(std::string_view prefix) {
  return prefix.size() >= 2 && static_cast<unsigned char>(prefix[0]) == 0x1f &&
         static_cast<unsigned char>(prefix[1]) == 0x8b;
}

struct GzipInflater::State {
  z_stream z{};
  std::vector<char> block = std::vector<char>(64 * 1024);
  State() { inflateInit2(&z, 15 + 16); }  // gzip container only
  ~State() { inflateEnd(&z); }
};

GzipInflater::GzipInflater() : state_(std::make_unique<State>()) {}
GzipInflater::~GzipInflater() = default;

bool GzipInflater::Feed(std::string_view compressed, const Sink& sink) {
  if (!error_.empty()) return false;
  z_stream& z = state_->z;
  // zlib's avail_in is 32-bit: feed huge views in slices.
  while (!compressed.empty()) {
    const size_t slice = std::min<size_t>(compressed.size(), 1u << 30);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z.avail_in = static_cast<uInt>(slice);
    compressed.remove_prefix(slice);
    // Until the slice is consumed and zlib has nothing more to give (a full block may hide more).
    do {
      if (members_ > 0 && !in_member_) {
        // Zeros after the last member (block padding): gzip -dc skips them, and so does the
        // viewer (web/fetch_stream.js). Anything after them is damage.
        while (z.avail_in > 0 && *z.next_in == 0) {
          ++z.next_in;
          --z.avail_in;
          padded_ = true;
        }
        if (z.avail_in == 0) break;
        if (padded_) {
          error_ = "not gzip data, or damaged: bytes after the zeros that follow the last member";
          return false;
        }
      }
      if (z.avail_in > 0) in_member_ = true;
      z.next_out = reinterpret_cast<Bytef*>(state_->block.data());
      z.avail_out = static_cast<uInt>(state_->block.size());
      const int rc = inflate(&z, Z_NO_FLUSH);
      const size_t produced = state_->block.size() - z.avail_out;
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
        error_ = std::string("not gzip data, or damaged: ") + (z.msg ? z.msg : "zlib error");
        return false;
      }
      if (produced > 0) {
        inflated_ += produced;
        if (!sink({state_->block.data(), produced})) return false;
      }
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        ++members_;
        inflateReset(&z);  // another member may follow
      } else if (rc == Z_BUF_ERROR) {
        break;  // needs more input
      }
    } while (z.avail_in > 0 || z.avail_out == 0);
  }
  return true;
}

bool GzipInflater::Finish() {
  if (!error_.empty()) return false;
  if (in_member_) {
    error_ = "the gzip data ends in the middle of a member (the file or download was cut short)";
    return false;
  }
  return true;
}

}  // namespace logstow
