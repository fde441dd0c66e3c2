// Web origins as operators give them (CORS origins, the viewer's origin, the origins the
// viewer reads logs from): scheme://host[:port], exactly as browsers send it in Origin and
// compare it in CORS, nothing else. Anything more would either never match (CORS silently off)
// or, with a line break, smuggle headers into a request. Pure, thread-safe.
// Tested by tests/unit/setup/origin_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace logstow::setup {

// True when `text` is "http://" or "https://", then a lower-case host name (a-z 0-9 '.' '-')
// or a bracketed IPv6 address (lower-case hex digits, ':' and '.'), then optionally ':' and a
// port of 1-5 digits; no path, trailing slash, user info, upper case or whitespace.
bool IsOrigin(std::string_view text);

// Throws logstow::Error "setup.origin" for the first of `origins` that is not one:
// "<name> '<value>' is not an origin: write scheme://host[:port] in lower case, with no path
// or trailing slash, e.g. https://logs.example" (control characters in the value shown as
// '?'). `name` says where it came from: a flag ("--cors-origin") or an option ("cors origin").
void CheckOrigins(std::string_view name, const std::vector<std::string>& origins);

}  // namespace logstow::setup
