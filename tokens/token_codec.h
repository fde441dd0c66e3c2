// The text form of a token: "lst1." + base64url(JSON), one string for an environment variable.
// The "lst1." prefix makes tokens recognisable to secret scanners and log redaction.
// JSON fields (v1):
//   {"v":1, "storage_url":"https://swift.example/v1/AUTH_ci", "container":"logs",
//    "prefix":"zuul/12/abc/", "expires":1796012345, "methods":["PUT"], "digest":"sha256",
//    "signatures":{"PUT":"<hex>"},
//    optional: "max_file_size":<bytes>, "max_file_count":<n>, "delete_after":<s>,
//              "viewer_url":"https://...", "formpost":{"redirect":"", "signature":"<hex>"}}
// Thread-safe (pure functions). Tested by tests/unit/tokens/token_codec_test.cc.
#pragma once

#include <string>
#include <string_view>

#include "tokens/token.h"

namespace logstow::tokens {

inline constexpr std::string_view kTokenPrefix = "lst1.";

// REQUIRES: a validated scope and a signature for each method.
std::string EncodeToken(const Token& token);

// Decodes and validates. Surrounding whitespace (a trailing newline from a file) is ignored.
// Throws TokenError: code token.format when the text is not "lst1." + base64url of a JSON
// object; code token.field naming the field that is missing, of the wrong type, unknown,
// or out of range (ValidateScope's rules), or whose signature is not hex of the digest's length.
Token DecodeToken(std::string_view text);

}  // namespace logstow::tokens
