// JSON parsing for the viewer core without exceptions (a throw aborts the Wasm module): a
// syntax error comes back as a value with nlohmann/json's own message (line, column, what was
// expected). Field accessors that never throw on a wrong type. Pure functions, thread-safe.
// Tested through rules_test.cc and listing_test.cc.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace logstow::viewer {

// Parses `text` into *out. On a syntax error returns false and sets *error to e.g.
// "parse error at line 1, column 2: syntax error while parsing object key - ...".
bool ParseJson(std::string_view text, nlohmann::json* out, std::string* error);

// object[key] if `object` is an object holding `key`, else nullptr.
const nlohmann::json* JsonField(const nlohmann::json& object, const char* key);
// object[key] as a string if it is one, else `fallback`.
std::string JsonString(const nlohmann::json& object, const char* key,
                       std::string_view fallback = {});
// object[key] as an integer if it is a non-negative integer (or a float with an integral value
// up to 2^53), else -1.
int64_t JsonCount(const nlohmann::json& object, const char* key);

}  // namespace logstow::viewer
