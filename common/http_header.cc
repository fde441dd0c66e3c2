#include "common/http_header.h"

namespace logstow {

bool ParseHeaderLine(std::string_view line, std::string* name, std::string* value) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  name->assign(line.substr(0, colon));
  for (char& c : *name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string_view v = line.substr(colon + 1);
  const size_t first = v.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    value->clear();
    return true;
  }
  v.remove_prefix(first);
  v = v.substr(0, v.find_last_not_of(" \t\r\n") + 1);
  value->assign(v);
  return true;
}

}  // namespace logstow
