#include "tests/testing/swift_env.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/testing/http_client.h"

namespace logstow::testing {

SwiftEnv LoadSwiftEnv() {
  SwiftEnv env;
  const char* dir = std::getenv("LOGSTOW_SWIFT_DIR");
  if (dir == nullptr) {
    ADD_FAILURE() << "LOGSTOW_SWIFT_DIR is not set: run Swift tests through ctest (fixture swift)";
    return env;
  }
  std::ifstream file(std::string(dir) + "/env");
  if (!file) {
    ADD_FAILURE() << dir << "/env is missing: scripts/swift-dev start has not run";
    return env;
  }
  // Lines look like: export NAME='value'  (or without quotes)
  for (std::string line; std::getline(file, line);) {
    if (line.rfind("export ", 0) == 0) line.erase(0, 7);
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string name = line.substr(0, eq), value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"')) {
      value = value.substr(1, value.size() - 2);
    }
    if (name == "LOGSTOW_SWIFT_AUTH_URL") env.auth_url = value;
    if (name == "LOGSTOW_SWIFT_STORAGE_URL") env.storage_url = value;
    if (name == "LOGSTOW_SWIFT_USER") env.user = value;
    if (name == "LOGSTOW_SWIFT_KEY") env.key = value;
    if (name == "LOGSTOW_SWIFT_STORAGE_URL_2") env.storage_url_2 = value;
  }
  EXPECT_FALSE(env.storage_url.empty()) << "no LOGSTOW_SWIFT_STORAGE_URL in " << dir << "/env";
  return env;
}

std::string SwiftLogin(const SwiftEnv& env) {
  HttpResponse r = Send({.method = "GET",
                         .url = env.auth_url,
                         .headers = {"X-Auth-User: " + env.user, "X-Auth-Key: " + env.key}});
  EXPECT_EQ(r.status, 200) << "tempauth login at " << env.auth_url << " failed: " << r.error;
  return r.header("x-auth-token");
}

}  // namespace logstow::testing
