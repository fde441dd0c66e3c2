#include "tokens/formpost.h"

namespace logstow::tokens {

std::string FormPostHmacBody(std::string_view path, std::string_view redirect,
                             int64_t max_file_size, int64_t max_file_count,
                             int64_t expires_unix_s) {
  std::string body(path);
  body += '\n';
  body += redirect;
  body += '\n' + std::to_string(max_file_size);
  body += '\n' + std::to_string(max_file_count);
  body += '\n' + std::to_string(expires_unix_s);
  return body;
}

std::string SignFormPost(const TokenScope& scope, std::string_view key) {
  const std::string path = AccountPath(scope) + "/" + scope.container + "/" + scope.prefix;
  return HmacHex(scope.digest, key,
                 FormPostHmacBody(path, scope.formpost_redirect, scope.max_file_size.value_or(0),
                                  scope.max_file_count.value_or(0), scope.expires_unix_s));
}

std::string FormPostActionUrl(const TokenScope& scope) { return PrefixUrl(scope); }

}  // namespace logstow::tokens
