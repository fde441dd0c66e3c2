#include "setup/origin.h"

#include "common/error.h"

namespace logstow::setup {

namespace {

bool AllOf(std::string_view text, bool (*ok)(char)) {
  for (char c : text) {
    if (!ok(c)) return false;
  }
  return true;
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}
bool IsIpv6Char(char c) {
  return (c >= 'a' && c <= 'f') || (c >= '0' && c <= '9') || c == ':' || c == '.';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsOrigin(std::string_view text) {
  if (text.starts_with("https://")) {
    text.remove_prefix(8);
  } else if (text.starts_with("http://")) {
    text.remove_prefix(7);
  } else {
    return false;
  }
  std::string_view host = text, port;
  if (text.starts_with('[')) {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return false;
    host = text.substr(1, close - 1);
    if (host.empty() || !AllOf(host, IsIpv6Char)) return false;
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return false;
    port = rest.empty() ? rest : rest.substr(1);
    if (!rest.empty() && port.empty()) return false;
  } else {
    const size_t colon = text.find(':');
    host = text.substr(0, colon);
    if (host.empty() || !AllOf(host, IsHostChar)) return false;
    if (colon != std::string_view::npos) {
      port = text.substr(colon + 1);
      if (port.empty()) return false;
    }
  }
  return port.size() <= 5 && AllOf(port, IsDigit);
}

void CheckOrigins(std::string_view name, const std::vector<std::string>& origins) {
  for (const std::string& origin : origins) {
    if (IsOrigin(origin)) continue;
    std::string shown = origin;
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    }
    throw Error("setup.origin", std::string(name) + " '" + shown +
                                    "' is not an origin: write scheme://host[:port] in lower "
                                    "case, with no path or trailing slash, e.g. "
                                    "https://logs.example");
  }
}

}  // namespace logstow::setup
