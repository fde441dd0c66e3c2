// Issuing a token: what the scheduler (Zuul) does, offline, with the secret that Swift also
// holds as the account's or container's Temp-URL key. Thread-safe; microseconds per token
// (bench/token_benchmark.cc). Tested by tests/unit/tokens/issue_test.cc.
#pragma once

#include <string_view>

#include "tokens/token.h"

namespace logstow::tokens {

// Signs each method of `scope` (and its FormPost form when scope.formpost).
// key: the Temp-URL key, as set in X-Account-Meta-Temp-URL-Key (never logged or stored).
// Throws TokenError when the scope is invalid (ValidateScope) or the key is empty.
Token IssueToken(const TokenScope& scope, std::string_view key);

}  // namespace logstow::tokens
