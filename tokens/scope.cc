#include "tokens/scope.h"

#include <algorithm>
#include <set>

#include "common/percent_encode.h"
#include "common/utf8.h"
#include "common/viewer_link.h"
#include "tokens/token_error.h"

namespace logstow::tokens {

namespace {

[[noreturn]] void Fail(const std::string& field, const std::string& problem) {
  throw TokenError(kTokenField, "token field '" + field + "' " + problem);
}

// "'value'" for a message, cut short, with control characters and invalid UTF-8 shown as '?'
// (as the CLI shows every untrusted name: ReplaceUnprintable).
std::string Quote(std::string_view value) {
  return "'" + ReplaceUnprintable(value.substr(0, 120)) + (value.size() > 120 ? "...'" : "'");
}

void ValidateName(const std::string& field, std::string_view value) {
  if (!IsValidUtf8(value)) Fail(field, "is not valid UTF-8 (Swift rejects such names)");
  if (HasControlCharacter(value)) Fail(field, "contains a control character: " + Quote(value));
}

void ValidateStorageUrl(std::string_view url) {
  const std::string field = "storage_url";
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    Fail(field, "must start with http:// or https://, got " + Quote(url) +
                    "; use the X-Storage-Url your Swift auth returns");
  }
  if (url.find_first_of("?# \t\r\n") != std::string_view::npos) {
    Fail(field, "must be a plain account URL without query, fragment or spaces, got " + Quote(url));
  }
  size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos) {
    Fail(field, "has no host or no account path, got " + Quote(url) +
                    "; expected e.g. https://swift.example/v1/AUTH_ci");
  }
  std::string_view path = rest.substr(slash);
  size_t v1 = path.rfind("/v1/");
  if (v1 == std::string_view::npos || path.size() == v1 + 4 ||
      path.find('/', v1 + 4) != std::string_view::npos) {
    Fail(field, "must end in /v1/<account> with no trailing slash, got " + Quote(url));
  }
}

void ValidatePrefix(std::string_view prefix) {
  const std::string field = "prefix";
  if (prefix.empty()) Fail(field, "is empty: a token must be limited to a pseudo-folder");
  if (prefix.back() != '/') {
    Fail(field, "must end in '/', got " + Quote(prefix) +
                    " (without it, 'a/b' would also cover 'a/bc/...')");
  }
  if (prefix.front() == '/') Fail(field, "must not start with '/', got " + Quote(prefix));
  ValidateName(field, prefix);
  if (prefix.size() > 900) Fail(field, "is longer than 900 bytes");
  size_t start = 0;
  while (start < prefix.size()) {
    size_t end = prefix.find('/', start);
    std::string_view segment = prefix.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      Fail(field, "has an empty, '.' or '..' segment: " + Quote(prefix));
    }
    start = end + 1;
  }
}

}  // namespace

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPut:
      return "PUT";
    case Method::kDelete:
      return "DELETE";
  }
  return "PUT";
}

std::optional<Method> ParseMethod(std::string_view name) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPut, Method::kDelete}) {
    if (name == MethodName(m)) return m;
  }
  return std::nullopt;
}

void ValidateScope(const TokenScope& scope) {
  ValidateStorageUrl(scope.storage_url);

  if (scope.container.empty() || scope.container.size() > 256) {
    Fail("container", "must be 1 to 256 bytes long, got " + Quote(scope.container));
  }
  if (scope.container.find('/') != std::string::npos) {
    Fail("container", "must not contain '/', got " + Quote(scope.container));
  }
  ValidateName("container", scope.container);
  ValidatePrefix(scope.prefix);

  if (scope.expires_unix_s < kMinExpiresUnixS || scope.expires_unix_s > kMaxExpiresUnixS) {
    Fail("expires",
         "must be Unix seconds between 2001 and 2100, got " + std::to_string(scope.expires_unix_s));
  }
  if (scope.methods.empty()) Fail("methods", "is empty: a token must allow at least PUT");
  if (std::set<Method>(scope.methods.begin(), scope.methods.end()).size() != scope.methods.size()) {
    Fail("methods", "lists a method twice");
  }
  if (scope.max_file_size && *scope.max_file_size <= 0) {
    Fail("max_file_size", "must be a positive number of bytes");
  }
  if (scope.max_file_count && *scope.max_file_count <= 0) {
    Fail("max_file_count", "must be a positive count");
  }
  if (scope.formpost && (!scope.max_file_size || !scope.max_file_count)) {
    Fail("formpost", "needs max_file_size and max_file_count (they are part of its signature)");
  }
  if (!scope.formpost && !scope.formpost_redirect.empty()) {
    Fail("formpost_redirect", "is set but the token carries no FormPost signature");
  }
  if (!scope.formpost_redirect.empty() && !scope.formpost_redirect.starts_with("https://") &&
      !scope.formpost_redirect.starts_with("http://")) {
    Fail("formpost_redirect", "must be an http(s) URL, got " + Quote(scope.formpost_redirect));
  }
  if (scope.delete_after_s &&
      (*scope.delete_after_s <= 0 || *scope.delete_after_s > int64_t{10} * 366 * 86400)) {
    Fail("delete_after",
         "must be between 1 second and 10 years, got " + std::to_string(*scope.delete_after_s));
  }
  if (scope.viewer_url) {
    const std::string problem = ViewerUrlProblem(*scope.viewer_url);
    if (!problem.empty()) {
      Fail("viewer_url",
           problem + " (give the viewer page as `logstow publish-viewer` printed it), got " +
               Quote(*scope.viewer_url));
    }
  }
}

std::string AccountPath(const TokenScope& scope) {
  std::string_view url = scope.storage_url;
  url.remove_prefix(url.find("//") + 2);
  std::string_view path = url.substr(url.find('/'));
  return PercentDecode(path).value_or(std::string(path));
}

std::string PrefixUrl(const TokenScope& scope) {
  return scope.storage_url + "/" + PercentEncode(scope.container) + "/" +
         PercentEncodePath(scope.prefix);
}

bool InScope(const TokenScope& scope, std::string_view object_name) {
  return object_name.size() > scope.prefix.size() && object_name.starts_with(scope.prefix);
}

}  // namespace logstow::tokens
