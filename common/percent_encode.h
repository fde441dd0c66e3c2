// Percent-encoding for Swift URLs (RFC 3986). Every byte except the unreserved set
// A-Z a-z 0-9 - . _ ~ is written as %XX (upper-case hex), so spaces, '#', '?', '%', '+', ':'
// and UTF-8 bytes of non-ASCII names all survive the trip through a URL exactly.
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

}  // namespace logstow
