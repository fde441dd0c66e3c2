// Prefix-based TempURL signatures and signed object URLs, as Swift's middleware/tempurl checks
// them (Swift docs: "Temporary URL middleware", prefix-based TempURLs; docs/swift-notes.md):
//   HMAC body:  "<METHOD>\n<expires>\nprefix:<decoded account path>/<container>/<prefix>"
//   query:      temp_url_sig=<hex>&temp_url_expires=<unix s>&temp_url_prefix=<prefix>
// The HMAC is over the decoded path; the URL carries it percent-encoded once.
// Thread-safe (pure functions). Tested by tests/unit/tokens/tempurl_test.cc and, against a real
// Swift, tests/swift/token_swift_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tokens/scope.h"
#include "tokens/token.h"

namespace logstow::tokens {

// "prefix:/v1/AUTH_test/logs/build42/". REQUIRES: a validated scope.
std::string TempUrlPrefixPath(const TokenScope& scope);

// "<METHOD>\n<expires>\n<hmac_path>": what the key signs.
std::string TempUrlHmacBody(std::string_view method, int64_t expires_unix_s,
                            std::string_view hmac_path);

// Hex signature for `method` over the scope's prefix. REQUIRES: a validated scope.
std::string SignPrefixTempUrl(const TokenScope& scope, Method method, std::string_view key);

// The URL that lets the token's holder send `method` to object `prefix + relative_name`:
// storage_url/container/prefix+name (percent-encoded once) plus the TempURL query.
// relative_name: UTF-8, '/' separates pseudo-folders. Throws TokenError (token.scope) when the
// token carries no signature for `method`, or the name is empty, not UTF-8, holds a NUL
// byte or an empty, "." or ".." segment.
std::string SignedObjectUrl(const Token& token, Method method, std::string_view relative_name);

}  // namespace logstow::tokens
