// What may become a link in the viewer: a well-formed http:// or https:// URL with a host. The
// one check for every link the page draws (URL spans, spans.h; OSC 8 hyperlinks, ansi.h; hrefs,
// render.h), so no other scheme (javascript:, data:, file:) ever reaches an href.
// Never throws; pure functions, safe from any thread. Tested by tests/unit/viewer/http_url_test.cc.
#pragma once

#include <string_view>

namespace logstow::viewer {

// True if all of `url` is "http://" or "https://" (scheme ASCII case-insensitive), an authority
// ([userinfo@]host[:port], host a DNS name, IPv4 address or [IPv6] literal with no empty label;
// port 1-5 digits) and then nothing, or "/", "?" or "#" and more text without spaces or control
// bytes. So "http://http://x" (host "http", empty port) and "http://" are not URLs.
// O(url length).
bool IsHttpUrl(std::string_view url);

}  // namespace logstow::viewer
