// The link that opens a log or folder in the web viewer: <viewer page>?q=<target URL>, the
// target percent-encoded whole (docs/viewer-urls.md), so its own '?', '#' and '&' stay in q.
// The one place such a link is built (token issue, upload report, index pages). Part of the
// text library. Pure, thread-safe. Tested by tests/unit/common/viewer_link_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace logstow {

// "https://logs.example/viewer/index.html" + "https://swift.example/v1/AUTH_ci/logs/a b/" ->
// "https://logs.example/viewer/index.html?q=https%3A%2F%2Fswift.example%2Fv1%2FAUTH_ci%2Flogs%2Fa%20b%2F".
// `viewer_url` is used as given; when it has a query already ("index.html?theme=dark") q is
// joined with '&'. It must not hold a fragment (callers refuse one: q would land in it).
std::string ViewerLink(std::string_view viewer_url, std::string_view target_url);

// Why `viewer_url` cannot be the page such links start with, as the end of a sentence ("is not
// an http(s) URL", "has a fragment ('#...'): ..."); empty when it can. Checked by `token issue`
// (tokens/scope.cc, so also every decoded token) and `import`.
std::string ViewerUrlProblem(std::string_view viewer_url);

}  // namespace logstow
