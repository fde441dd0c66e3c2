#include "viewer/http_url.h"

#include <cstddef>

namespace logstow::viewer {

namespace {

bool StartsWithNoCase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_prefix[i]) return false;
  }
  return true;
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A DNS name or IPv4 address: labels of letters, digits, '-', '_', '~', '%' (percent-encoded
// IDNA is rare but legal) or non-ASCII bytes (IDN), separated by single dots, one trailing dot
// allowed.
bool IsHostName(std::string_view host) {
  if (host.empty()) return false;
  size_t label = 0;
  for (size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok = IsAlnum(c) || c == '-' || c == '_' || c == '~' || c == '%' ||
                    static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return false;
    ++label;
  }
  return label > 0 || host.size() > 1;
}

bool IsIpv6Literal(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  for (size_t i = 1; i + 1 < host.size(); ++i) {
    const char c = host[i];
    const bool hex = IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != ':' && c != '.') return false;
  }
  return true;
}

}  // namespace

bool IsHttpUrl(std::string_view url) {
  size_t at;
  if (StartsWithNoCase(url, "http://")) {
    at = 7;
  } else if (StartsWithNoCase(url, "https://")) {
    at = 8;
  } else {
    return false;
  }
  size_t end = at;
  while (end < url.size() && url[end] != '/' && url[end] != '?' && url[end] != '#') ++end;
  std::string_view authority = url.substr(at, end - at);
  for (const char c : url.substr(at)) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  if (const size_t user = authority.rfind('@'); user != std::string_view::npos) {
    authority.remove_prefix(user + 1);
  }
  std::string_view host = authority;
  // A port: the digits after the last ':' outside an IPv6 literal.
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos &&
      (authority.front() != '[' || colon > authority.rfind(']'))) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    for (const char c : port) {
      if (!IsDigit(c)) return false;
    }
    host = authority.substr(0, colon);
  }
  return IsIpv6Literal(host) || IsHostName(host);
}

}  // namespace logstow::viewer
