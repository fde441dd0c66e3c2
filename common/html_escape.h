// Escaping for HTML element text and attribute values: '&', '<', '>', '"' and '\'' become
// character references, so no log byte can become markup or leave an attribute; invalid UTF-8
// becomes U+FFFD and NUL becomes U+FFFD (as the HTML parser would), so the output is always
// valid UTF-8. The same escaping is safe in both contexts (quoted attributes).
// Pure functions, thread-safe. Tested by tests/unit/common/html_escape_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace logstow {

// Appends `bytes` escaped to *out. O(size).
void AppendEscapedHtml(std::string_view bytes, std::string* out);

// `bytes` escaped.
std::string EscapeHtml(std::string_view bytes);

}  // namespace logstow
