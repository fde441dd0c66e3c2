#include "importer/body_fingerprint.h"

#include "uploader/body_encoder.h"
#include "uploader/body_stream.h"

namespace logstow::importer {

namespace {

BodyFingerprint Produce(uploader::BodyEncoder& encoder) {
  uploader::BodyStream stream(1 << 20, nullptr, nullptr);
  std::string buffer(1 << 20, '\0');
  BodyFingerprint result;
  while (true) {
    encoder.Pump(stream);
    uploader::BodyStream::ReadStatus status;
    size_t n = 0;
    do {
      status = stream.Read(buffer.data(), buffer.size(), &n);
    } while (status == uploader::BodyStream::ReadStatus::kData);
    if (status == uploader::BodyStream::ReadStatus::kError) {
      result.error = stream.error().empty() ? "the body could not be read" : stream.error();
      return result;
    }
    if (status == uploader::BodyStream::ReadStatus::kEnd) break;
  }
  result.bytes = stream.total_bytes();
  result.md5_hex = stream.md5_hex();
  return result;
}

}  // namespace

BodyFingerprint FingerprintFile(int root_fd, const std::string& relative, uint64_t size_bytes,
                                int gzip_level) {
  uploader::BodyEncoder encoder(root_fd, relative, gzip_level);
  encoder.ExpectSize(size_bytes);
  return Produce(encoder);
}

BodyFingerprint FingerprintBytes(std::shared_ptr<const std::string> bytes, int gzip_level) {
  uploader::BodyEncoder encoder(std::move(bytes), gzip_level);
  return Produce(encoder);
}

}  // namespace logstow::importer
