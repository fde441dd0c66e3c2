#include "common/duration.h"

#include <charconv>
#include <cstdint>

namespace logstow {

std::optional<std::chrono::seconds> ParseDuration(std::string_view text) {
  int64_t count = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [rest, ec] = std::from_chars(begin, end, count);
  if (ec != std::errc() || rest == begin || count < 0 || *begin == '-' || *begin == '+') {
    return std::nullopt;
  }
  int64_t unit = 1;
  if (rest != end) {
    if (rest + 1 != end) return std::nullopt;
    switch (*rest) {
      case 's':
        unit = 1;
        break;
      case 'm':
        unit = 60;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 86400;
        break;
      default:
        return std::nullopt;
    }
  }
  constexpr int64_t kMaxSeconds = int64_t{100} * 365 * 86400;
  if (count > kMaxSeconds / unit) return std::nullopt;
  return std::chrono::seconds(count * unit);
}

std::string FormatDuration(std::chrono::seconds duration) {
  int64_t s = duration.count();
  if (s == 0) return "0s";
  std::string out;
  if (s < 0) {
    out = "-";
    s = -s;
  }
  const std::pair<int64_t, char> units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  for (auto [size, name] : units) {
    if (s >= size) {
      out += std::to_string(s / size) + name;
      s %= size;
    }
  }
  return out;
}

}  // namespace logstow
