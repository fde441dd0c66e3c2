// Where the CLI gets secrets and tokens from, so they never sit in argv (/proc/<pid>/cmdline is
// world-readable): files and environment variables. Tested by tests/unit/cli/secrets_test.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace logstow::cli {

// Bad CLI input that is not a parse error: a missing key, an unreadable file. Exit code 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error("usage", message) {}
};

// Reads a Temp-URL key: from `key_file` when given, else from environment variable `env_name`.
// One trailing newline is dropped. Throws UsageError when neither is set, the file cannot be
// read, or the key is empty. Warns (stderr) when the file is readable by group or others.
std::string LoadKey(const std::optional<std::string>& key_file, const char* env_name);

// Reads a token: `value` itself ("-" = read stdin), else the contents of `file`, else the
// environment variable LOGSTOW_TOKEN (a flag wins over the environment, as --key-file does).
// Throws UsageError when none is given, when both `value` and `file` are (`value_name` names
// the flag or argument `value` came from in that message), when the file is a folder or
// cannot be read, and when the file or stdin holds nothing but blanks.
std::string LoadToken(const std::optional<std::string>& value,
                      const std::optional<std::string>& file, const char* value_name = "--token");

// Overwrites, in place, every argv element that holds a token ("lst1...", " lst1...\n" or
// "--token= lst1...": every form the decoder accepts, surrounding whitespace included),
// so the token stops showing in process listings; returns argv[1..] as it was, in order.
std::vector<std::string> TakeArgsAndScrubTokens(int argc, char** argv);

}  // namespace logstow::cli
