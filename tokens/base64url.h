// base64url without padding (RFC 4648 §5), the text form of a token's JSON.
// Tested by tests/unit/tokens/base64url_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace logstow::tokens {

// A-Z a-z 0-9 - _, no '=' padding.
std::string EncodeBase64Url(std::string_view bytes);

// Strict inverse: nullopt on any other character, on padding, on a length that no encoding
// produces (n % 4 == 1), or on non-zero trailing bits (so each text decodes from one encoding).
std::optional<std::string> DecodeBase64Url(std::string_view text);

}  // namespace logstow::tokens
