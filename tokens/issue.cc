#include "tokens/issue.h"

#include "tokens/formpost.h"
#include "tokens/tempurl.h"
#include "tokens/token_error.h"

namespace logstow::tokens {

Token IssueToken(const TokenScope& scope, std::string_view key) {
  ValidateScope(scope);
  if (key.empty()) {
    throw TokenError(kTokenField,
                     "the Temp-URL key is empty: set it to the secret that Swift "
                     "holds in X-Account-Meta-Temp-URL-Key");
  }
  Token token;
  token.scope = scope;
  for (Method m : scope.methods) token.tempurl_signatures[m] = SignPrefixTempUrl(scope, m, key);
  if (scope.formpost) token.formpost_signature = SignFormPost(scope, key);
  return token;
}

}  // namespace logstow::tokens
