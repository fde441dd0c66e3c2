#include "viewer/binary_check.h"

#include <array>
#include <cstdint>

namespace logstow::viewer {

namespace {

// File signatures ("magic numbers") at offset 0.
constexpr std::array<std::string_view, 10> kMagic = {
    std::string_view("PK\x03\x04", 4),  // zip, jar, wheel, docx
    std::string_view("\x7f"
                     "ELF",
                     4),  // executables, shared objects
    std::string_view("%PDF", 4),
    std::string_view("\x89PNG", 4),
    std::string_view("GIF8", 4),
    std::string_view("\xff\xd8\xff", 3),  // JPEG
    std::string_view("BZh", 3),           // bzip2
    std::string_view("\xfd"
                     "7zXZ",
                     5),                      // xz
    std::string_view("7z\xbc\xaf", 4),        // 7-Zip
    std::string_view("\x28\xb5\x2f\xfd", 4),  // zstd
};

bool IsBinaryControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\b' && c != 0x1b) ||
         c == 0x7f;
}

}  // namespace

bool LooksBinary(std::string_view head) {
  head = head.substr(0, kBinaryCheckBytes);
  for (const std::string_view magic : kMagic) {
    if (head.starts_with(magic)) return true;
  }
  if (head.size() >= 262 && head.substr(257, 5) == "ustar") return true;  // a tar header
  size_t controls = 0;
  for (const char c : head) controls += IsBinaryControl(static_cast<unsigned char>(c)) ? 1 : 0;
  return controls * 20 > head.size();
}

}  // namespace logstow::viewer
