// The redirect maps `logstow import` writes: every old URL path of an imported tree to its new
// home, the viewer URL of the object (a file) or pseudo-folder (a folder). Two formats:
//   Apache  RewriteMap txt file (mod_rewrite,
//   https://httpd.apache.org/docs/2.4/rewrite/rewritemap.html):
//           one "key value" per line. A txt map's key and value end at whitespace, so a key is
//           the path as Apache's own `int:escape` map writes it (ap_escape_path: bytes other than
//           A-Z a-z 0-9 $-_.+!*'(),:;@&=/~ as %xx, lower-case hex): the server looks it up as
//           ${map:${escape:%{REQUEST_URI}}} (docs/import.md), so names with spaces, '%', '#' or
//           any UTF-8 have a key, and no name that Swift stores is left out.
//   nginx   lines for a `map $uri $var { include FILE; }` block: "\"key\" \"value\";", the key
//           the decoded path ($uri is decoded), quoted with '"' and '\' escaped and tab, CR, LF
//           written as \t \r \n (nginx's quoted strings); '$' in a value (a variable in nginx)
//           is written %24.
// Values are absolute URLs, percent-encoded already (common/viewer_link.h): no whitespace.
// Pure, thread-safe. Tested by tests/unit/importer/redirect_map_test.cc and, against Debian's
// apache2, by tests/swift/import_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace logstow::importer {

struct Redirect {
  std::string old_path;    // the URL path as the old server saw it, decoded, starting with '/'
  std::string target_url;  // absolute, percent-encoded
};

// What Apache's `int:escape` map makes of a decoded path (ap_escape_path, partial form).
std::string ApacheEscapePath(std::string_view decoded_path);

// One line of each format, '\n'-terminated.
std::string ApacheMapLine(const Redirect& redirect);
std::string NginxMapLine(const Redirect& redirect);

// Whole files: a comment saying what wrote them, then one line per redirect, in the given order.
std::string ApacheMapText(const std::vector<Redirect>& redirects);
std::string NginxMapText(const std::vector<Redirect>& redirects);

}  // namespace logstow::importer
