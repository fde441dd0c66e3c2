#include "tokens/tempurl.h"

#include "common/percent_encode.h"
#include "common/utf8.h"
#include "tokens/token_error.h"

namespace logstow::tokens {

namespace {

void CheckRelativeName(std::string_view name) {
  auto fail = [](const std::string& why) { throw TokenError(kTokenScope, "object name " + why); };
  if (name.empty()) fail("is empty");
  if (!IsValidUtf8(name)) fail("is not valid UTF-8 (Swift rejects it)");
  // Swift stores tab, DEL and other control characters (percent-encoded on the wire); only
  // NUL is refused (swift/common/constraints.py check_utf8).
  if (name.find('\0') != std::string_view::npos) fail("contains a NUL byte (Swift rejects it)");
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view segment = name.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      std::string why(1, '\'');  // built stepwise: GCC 12 warns falsely on "'" + string
      why.append(name).append("' has an empty, '.' or '..' segment");
      fail(why);
    }
    start = end + 1;
  }
}

}  // namespace

std::string TempUrlPrefixPath(const TokenScope& scope) {
  return "prefix:" + AccountPath(scope) + "/" + scope.container + "/" + scope.prefix;
}

std::string TempUrlHmacBody(std::string_view method, int64_t expires_unix_s,
                            std::string_view hmac_path) {
  std::string body(method);
  body += '\n';
  body += std::to_string(expires_unix_s);
  body += '\n';
  body += hmac_path;
  return body;
}

std::string SignPrefixTempUrl(const TokenScope& scope, Method method, std::string_view key) {
  return HmacHex(
      scope.digest, key,
      TempUrlHmacBody(MethodName(method), scope.expires_unix_s, TempUrlPrefixPath(scope)));
}

std::string SignedObjectUrl(const Token& token, Method method, std::string_view relative_name) {
  auto signature = token.tempurl_signatures.find(method);
  if (signature == token.tempurl_signatures.end()) {
    throw TokenError(kTokenScope, "the token does not allow " + std::string(MethodName(method)) +
                                      "; ask the scheduler for a token that does");
  }
  CheckRelativeName(relative_name);
  const TokenScope& scope = token.scope;
  std::string url = PrefixUrl(scope) + PercentEncodePath(relative_name);
  url += "?temp_url_sig=" + signature->second;
  url += "&temp_url_expires=" + std::to_string(scope.expires_unix_s);
  url += "&temp_url_prefix=" + PercentEncode(scope.prefix);
  return url;
}

}  // namespace logstow::tokens
