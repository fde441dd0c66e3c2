// FormPost signatures, as Swift's middleware/formpost checks them (Swift docs: "Form post
// middleware"; docs/swift-notes.md):
//   HMAC body: "<path>\n<redirect>\n<max_file_size>\n<max_file_count>\n<expires>"
// where path is the decoded form action path "/v1/AUTH_x/<container>/<prefix>". Every file part
// of the form lands at prefix + its filename. Thread-safe. Tested by
// tests/unit/tokens/formpost_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tokens/scope.h"

namespace logstow::tokens {

std::string FormPostHmacBody(std::string_view path, std::string_view redirect,
                             int64_t max_file_size, int64_t max_file_count, int64_t expires_unix_s);

// Hex signature for the scope's form. REQUIRES: a validated scope with formpost set.
std::string SignFormPost(const TokenScope& scope, std::string_view key);

// Where the form posts to: PrefixUrl(scope).
std::string FormPostActionUrl(const TokenScope& scope);

}  // namespace logstow::tokens
