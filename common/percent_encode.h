// Percent-encoding for Swift URLs (RFC 3986). Every byte except the unreserved set
// A-Z a-z 0-9 - . _ ~ is written as %XX (upper-case hex), so spaces, '#', '?', '%', '+', ':'
// and UTF-8 bytes of non-ASCII names all survive the trip through a URL exactly.
// Part of the text library (no dependencies; native and Wasm builds). Pure, thread-safe.
// Tested by tests/unit/common/percent_encode_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace logstow {

// For a URL path: like PercentEncode but '/' stays as is (Swift object names use '/' for
// pseudo-folders).
std::string PercentEncodePath(std::string_view path);

// For one path segment or a query value: '/' is encoded too.
std::string PercentEncode(std::string_view text);

// Reverses either encoding ("%2F" -> "/"); '+' stays '+'. nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text);

// As a browser reads an href: decodes every %XX escape and keeps a malformed one as written
// ("a%20b%zz%4" -> "a b%zz%4"); '+' stays '+'.
std::string PercentDecodeLenient(std::string_view text);

}  // namespace logstow
