#include "tokens/scope.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "tokens/token_error.h"

namespace logstow::tokens {
namespace {

using ::testing::StartsWith;

TokenScope ValidScope() {
  TokenScope scope;
  scope.storage_url = "https://swift.example/v1/AUTH_ci";
  scope.container = "logs";
  scope.prefix = "zuul/42/abc/";
  scope.expires_unix_s = 1800000000;
  return scope;
}

TEST(ValidateScope, AcceptsAPlainJobScope) { EXPECT_NO_THROW(ValidateScope(ValidScope())); }

struct BadCase {
  const char* what;
  std::function<void(TokenScope&)> change;
  const char* message;
};

TEST(ValidateScope, RejectsEachBrokenFieldByName) {
  const BadCase cases[] = {
      {"ftp url", [](TokenScope& s) { s.storage_url = "ftp://x/v1/AUTH_a"; },
       "token field 'storage_url' must start with http:// or https://, got 'ftp://x/v1/AUTH_a'; "
       "use the X-Storage-Url your Swift auth returns"},
      {"no account", [](TokenScope& s) { s.storage_url = "https://x/v1/"; },
       "token field 'storage_url' must end in /v1/<account> with no trailing slash, got "
       "'https://x/v1/'"},
      {"trailing slash", [](TokenScope& s) { s.storage_url = "https://x/v1/AUTH_a/"; },
       "token field 'storage_url' must end in /v1/<account> with no trailing slash, got "
       "'https://x/v1/AUTH_a/'"},
      {"query", [](TokenScope& s) { s.storage_url = "https://x/v1/AUTH_a?x=1"; },
       "token field 'storage_url' must be a plain account URL without query, fragment or "
       "spaces, got 'https://x/v1/AUTH_a?x=1'"},
      {"empty container", [](TokenScope& s) { s.container = ""; },
       "token field 'container' must be 1 to 256 bytes long, got ''"},
      {"slash in container", [](TokenScope& s) { s.container = "a/b"; },
       "token field 'container' must not contain '/', got 'a/b'"},
      {"empty prefix", [](TokenScope& s) { s.prefix = ""; },
       "token field 'prefix' is empty: a token must be limited to a pseudo-folder"},
      {"prefix without slash", [](TokenScope& s) { s.prefix = "a/b"; },
       "token field 'prefix' must end in '/', got 'a/b' (without it, 'a/b' would also cover "
       "'a/bc/...')"},
      {"leading slash", [](TokenScope& s) { s.prefix = "/a/"; },
       "token field 'prefix' must not start with '/', got '/a/'"},
      {"dot-dot", [](TokenScope& s) { s.prefix = "a/../b/"; },
       "token field 'prefix' has an empty, '.' or '..' segment: 'a/../b/'"},
      {"double slash", [](TokenScope& s) { s.prefix = "a//b/"; },
       "token field 'prefix' has an empty, '.' or '..' segment: 'a//b/'"},
      {"bad utf-8", [](TokenScope& s) { s.prefix = "a\xff/"; },
       "token field 'prefix' is not valid UTF-8 (Swift rejects such names)"},
      {"newline", [](TokenScope& s) { s.prefix = "a\nb/"; },
       "token field 'prefix' contains a control character: 'a?b/'"},
      {"negative expiry", [](TokenScope& s) { s.expires_unix_s = -5; },
       "token field 'expires' must be Unix seconds between 2001 and 2100, got -5"},
      {"milliseconds", [](TokenScope& s) { s.expires_unix_s = 1800000000000; },
       "token field 'expires' must be Unix seconds between 2001 and 2100, got 1800000000000"},
      {"no methods", [](TokenScope& s) { s.methods.clear(); },
       "token field 'methods' is empty: a token must allow at least PUT"},
      {"twice",
       [](TokenScope& s) {
         s.methods = {Method::kPut, Method::kPut};
       },
       "token field 'methods' lists a method twice"},
      {"formpost without limits", [](TokenScope& s) { s.formpost = true; },
       "token field 'formpost' needs max_file_size and max_file_count (they are part of its "
       "signature)"},
      {"zero delete_after", [](TokenScope& s) { s.delete_after_s = 0; },
       "token field 'delete_after' must be between 1 second and 10 years, got 0"},
      {"javascript viewer", [](TokenScope& s) { s.viewer_url = "javascript:alert(1)"; },
       "token field 'viewer_url' is not an http(s) URL (give the viewer page as `logstow "
       "publish-viewer` printed it), got 'javascript:alert(1)'"},
      {"viewer with a fragment",
       [](TokenScope& s) { s.viewer_url = "https://v.example/index.html#top"; },
       "token field 'viewer_url' has a fragment ('#...'): the viewer's q= would land in it (give "
       "the viewer page as `logstow publish-viewer` printed it), got "
       "'https://v.example/index.html#top'"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.what);
    TokenScope scope = ValidScope();
    c.change(scope);
    try {
      ValidateScope(scope);
      ADD_FAILURE() << "accepted";
    } catch (const TokenError& e) {
      EXPECT_EQ(e.code(), kTokenField);
      EXPECT_EQ(std::string(e.what()), c.message);
    }
  }
}

TEST(ValidateScope, AcceptsAProxyPathInFrontOfTheAccount) {
  TokenScope scope = ValidScope();
  scope.storage_url = "https://cloud.example:8443/swift/v1/AUTH_ci";
  EXPECT_NO_THROW(ValidateScope(scope));
  EXPECT_EQ(AccountPath(scope), "/swift/v1/AUTH_ci");
}

TEST(InScope, SiblingPrefixIsNotCovered) {
  TokenScope scope = ValidScope();
  scope.prefix = "a/b/";
  EXPECT_TRUE(InScope(scope, "a/b/x"));
  EXPECT_TRUE(InScope(scope, "a/b/c/d.txt"));
  EXPECT_FALSE(InScope(scope, "a/bc/x"));
  EXPECT_FALSE(InScope(scope, "a/b/"));
  EXPECT_FALSE(InScope(scope, "a/"));
}

TEST(PrefixUrl, PercentEncodesContainerAndPrefixOnce) {
  TokenScope scope = ValidScope();
  scope.container = "logs pub";
  scope.prefix = "job #1/ü/";
  EXPECT_EQ(PrefixUrl(scope), "https://swift.example/v1/AUTH_ci/logs%20pub/job%20%231/%C3%BC/");
}

TEST(Method, NamesRoundTrip) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPut, Method::kDelete}) {
    EXPECT_EQ(ParseMethod(MethodName(m)), m);
  }
  EXPECT_EQ(ParseMethod("put"), std::nullopt);
  EXPECT_EQ(ParseMethod("POST"), std::nullopt);
}

}  // namespace
}  // namespace logstow::tokens
