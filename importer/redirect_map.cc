#include "importer/redirect_map.h"

#include <cstring>

namespace logstow::importer {

namespace {

// httpd's server/gen_test_char.c: T_OS_ESCAPE_PATH is clear for these (and letters, digits).
bool ApacheLeavesAsIs(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return c != '\0' && std::strchr("$-_.+!*'(),:;@&=/~", c) != nullptr;
}

}  // namespace

std::string ApacheEscapePath(std::string_view decoded_path) {
  // Lower-case hex, as httpd's c2x() writes it (Apache 2.4.71 checked).
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(decoded_path.size());
  for (unsigned char c : decoded_path) {
    if (ApacheLeavesAsIs(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string ApacheMapLine(const Redirect& redirect) {
  return ApacheEscapePath(redirect.old_path) + ' ' + redirect.target_url + '\n';
}

std::string NginxMapLine(const Redirect& redirect) {
  std::string line = "\"";
  for (char c : redirect.old_path) {
    switch (c) {
      case '"':
        line += "\\\"";
        break;
      case '\\':
        line += "\\\\";
        break;
      case '\t':
        line += "\\t";
        break;
      case '\r':
        line += "\\r";
        break;
      case '\n':
        line += "\\n";
        break;
      default:
        line += c;
    }
  }
  line += "\" \"";
  for (char c : redirect.target_url) {
    if (c == '$') {
      line += "%24";
    } else if (c == '"' || c == '\\') {
      line += '\\';
      line += c;
    } else {
      line += c;
    }
  }
  line += "\";\n";
  return line;
}

std::string ApacheMapText(const std::vector<Redirect>& redirects) {
  std::string text =
      "# Written by `logstow import`: old URL path (as Apache's int:escape writes it) -> new URL.\n"
      "# RewriteMap txt format; see docs/import.md for the RewriteRule that reads it.\n";
  for (const Redirect& r : redirects) text += ApacheMapLine(r);
  return text;
}

std::string NginxMapText(const std::vector<Redirect>& redirects) {
  std::string text =
      "# Written by `logstow import`: old URL path ($uri, decoded) -> new URL.\n"
      "# Include it inside `map $uri $logstow_moved { ... }`; see docs/import.md.\n";
  for (const Redirect& r : redirects) text += NginxMapLine(r);
  return text;
}

}  // namespace logstow::importer
