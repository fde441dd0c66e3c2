#include "cli/credentials.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli/secrets.h"

namespace logstow::cli {

namespace {

std::map<std::string, std::string> ReadAssignments(const std::string& path) {
  std::ifstream file(path);
  // The path is not repeated: a secret passed here by mistake must not reach a log.
  if (!file || std::filesystem::is_directory(path)) {
    throw UsageError("cannot read the credentials file given with --credentials");
  }
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(file, line);) {
    if (line.rfind("export ", 0) == 0) line.erase(0, 7);
    size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    values[line.substr(0, eq)] = value;
  }
  return values;
}

}  // namespace

setup::SwiftCredentials LoadCredentials(const std::optional<std::string>& file) {
  std::map<std::string, std::string> values;
  if (file) values = ReadAssignments(*file);
  auto get = [&](const char* name) -> std::string {
    if (file) return values.count(name) ? values[name] : "";
    const char* v = std::getenv(name);
    return v == nullptr ? "" : v;
  };
  auto first = [&](const char* a, const char* b) {
    std::string v = get(a);
    return v.empty() ? get(b) : v;
  };
  setup::SwiftCredentials c;
  c.auth_url = first("LOGSTOW_SWIFT_AUTH_URL", "ST_AUTH");
  c.user = first("LOGSTOW_SWIFT_USER", "ST_USER");
  c.key = first("LOGSTOW_SWIFT_KEY", "ST_KEY");
  c.storage_url = get("OS_STORAGE_URL");
  c.auth_token = get("OS_AUTH_TOKEN");
  return c;
}

}  // namespace logstow::cli
