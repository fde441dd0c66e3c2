// Operator credentials for swift-setup and publish-viewer, from a file or the environment, never
// from argv. Names (the same in the file, as NAME=value lines, `export` and quotes allowed —
// scripts/swift-dev's env file works as it is):
//   LOGSTOW_SWIFT_AUTH_URL, LOGSTOW_SWIFT_USER, LOGSTOW_SWIFT_KEY   v1 auth (tempauth, Keystone v1)
//   OS_STORAGE_URL, OS_AUTH_TOKEN                                  a token obtained elsewhere
//   ST_AUTH, ST_USER, ST_KEY                                       python-swiftclient's names
#pragma once

#include <optional>
#include <string>

#include "setup/swift_session.h"

namespace logstow::cli {

// Reads `file` when given (throws UsageError when unreadable), else the environment.
setup::SwiftCredentials LoadCredentials(const std::optional<std::string>& file);

}  // namespace logstow::cli
