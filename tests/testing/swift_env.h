// The local Swift that the ctest fixture started (scripts/swift-dev): where it is and how to log
// in. Read from $LOGSTOW_SWIFT_DIR/env, the file scripts/swift-dev writes.
#pragma once

#include <string>

namespace logstow::testing {

struct SwiftEnv {
  std::string auth_url;     // tempauth v1, e.g. http://127.0.0.1:18080/auth/v1.0
  std::string storage_url;  // account URL, e.g. http://127.0.0.1:18080/v1/AUTH_test
  std::string user;         // "test:tester" (.admin)
  std::string key;
  // A cluster (scripts/swift-dev start --cluster): the account URL at the second proxy; "" else.
  std::string storage_url_2;
};

// Loads the env file. Calls GTest's FAIL-style ADD_FAILURE and returns empty fields when the
// fixture has not run (LOGSTOW_SWIFT_DIR unset or no env file).
SwiftEnv LoadSwiftEnv();

// A fresh tempauth token (X-Auth-Token) for env.user; "" and a test failure when login fails.
std::string SwiftLogin(const SwiftEnv& env);

}  // namespace logstow::testing
