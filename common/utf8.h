// UTF-8 validity, as Swift checks object and container names (it answers 412 to invalid
// UTF-8 or NUL in a path). Tested by tests/unit/common/utf8_test.cc.
#pragma once

#include <string_view>

namespace logstow {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view text);

// True when `text` holds an ASCII control character (0x00-0x1F or 0x7F).
bool HasControlCharacter(std::string_view text);

}  // namespace logstow
