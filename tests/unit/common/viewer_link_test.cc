#include "common/viewer_link.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(ViewerLink, PercentEncodesTheWholeTarget) {
  EXPECT_EQ(
      ViewerLink("https://logs.example/viewer/", "https://swift.example/v1/AUTH_ci/logs/a b/"),
      "https://logs.example/viewer/"
      "?q=https%3A%2F%2Fswift.example%2Fv1%2FAUTH_ci%2Flogs%2Fa%20b%2F");
  // The target's own query and fragment stay inside q.
  EXPECT_EQ(ViewerLink("https://v.example/", "https://s.example/x?y=1&z#L2"),
            "https://v.example/?q=https%3A%2F%2Fs.example%2Fx%3Fy%3D1%26z%23L2");
}

TEST(ViewerLink, AViewerPageWithAQueryGetsQJoinedWithAmpersand) {
  EXPECT_EQ(ViewerLink("https://v.example/index.html?x=1", "https://s.example/a/"),
            "https://v.example/index.html?x=1&q=https%3A%2F%2Fs.example%2Fa%2F");
}

TEST(ViewerUrlProblem, NamesWhatALinkCouldNotStartWith) {
  EXPECT_EQ(ViewerUrlProblem("https://logs.example/logviewer/index.html"), "");
  EXPECT_EQ(ViewerUrlProblem("http://logs.example/v/index.html?theme=dark"), "");
  EXPECT_EQ(ViewerUrlProblem("javascript:alert(1)"), "is not an http(s) URL");
  EXPECT_EQ(ViewerUrlProblem("https://logs.example/a b"), "is not an http(s) URL");
  EXPECT_EQ(ViewerUrlProblem("https://logs.example/index.html#top"),
            "has a fragment ('#...'): the viewer's q= would land in it");
}

}  // namespace
}  // namespace logstow
