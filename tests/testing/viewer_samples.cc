#include "tests/testing/viewer_samples.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace logstow::testing {

namespace {

std::string Inflate(const std::string& gz) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return "";
  std::string out;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  stream.avail_in = static_cast<uInt>(gz.size());
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) ADD_FAILURE() << "corrupt gzip sample";
  return out;
}

}  // namespace

std::string ReadSample(std::string_view name) {
  const char* dir = std::getenv("LOGSTOW_TEST_DATA");
  const std::string path =
      std::string(dir != nullptr ? dir : "tests/data") + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read sample " << path << " (run through ctest, which sets "
                  << "LOGSTOW_TEST_DATA)";
    return "";
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (name.size() > 3 && name.substr(name.size() - 3) == ".gz") return Inflate(bytes.str());
  return bytes.str();
}

std::vector<std::string> ReferenceLines(std::string_view bytes) {
  std::vector<std::string> lines;
  std::string line;
  // No '\n' but a '\r' in the first 64 KiB: every '\r' ends a line (classic Mac OS files).
  const std::string_view head = bytes.substr(0, 64 * 1024);
  if (head.find('\n') == std::string_view::npos && head.find('\r') != std::string_view::npos) {
    for (const char c : bytes) {
      if (c != '\r') {
        line.push_back(c);
        continue;
      }
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
  }
  for (const char c : bytes) {
    if (c != '\n') {
      line.push_back(c);
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    line.clear();
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!bytes.empty() && bytes.back() != '\n') lines.push_back(line);
  return lines;
}

}  // namespace logstow::testing
