#include "tokens/verify.h"

#include <chrono>

#include "common/duration.h"
#include "tokens/formpost.h"
#include "tokens/hmac.h"
#include "tokens/tempurl.h"

namespace logstow::tokens {

namespace {

bool SignedBy(const Token& token, std::string_view key) {
  for (const auto& [method, signature] : token.tempurl_signatures) {
    if (!ConstantTimeEquals(SignPrefixTempUrl(token.scope, method, key), signature)) return false;
  }
  if (token.scope.formpost &&
      !ConstantTimeEquals(SignFormPost(token.scope, key), token.formpost_signature)) {
    return false;
  }
  return true;
}

}  // namespace

VerifyResult VerifyToken(const Token& token, const std::vector<std::string>& keys,
                         int64_t now_unix_s, const VerifyRequest& request) {
  VerifyResult result;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!keys[i].empty() && SignedBy(token, keys[i])) {
      result.key_index = static_cast<int>(i);
      break;
    }
  }
  const TokenScope& scope = token.scope;
  if (result.key_index < 0) {
    result.status = VerifyStatus::kBadSignature;
    result.message = "signed with none of the given keys (another key, or the token was edited)";
    return result;
  }
  if (scope.expires_unix_s <= now_unix_s) {
    result.status = VerifyStatus::kExpired;
    result.message = "expired " +
                     FormatDuration(std::chrono::seconds(now_unix_s - scope.expires_unix_s)) +
                     " ago";
    return result;
  }
  if (request.object_name && !InScope(scope, *request.object_name)) {
    result.status = VerifyStatus::kOutOfScope;
    result.message =
        "object '" + *request.object_name + "' is not under the prefix '" + scope.prefix + "'";
    return result;
  }
  if (request.method) {
    // Swift accepts a GET signature for HEAD.
    Method needed =
        *request.method == Method::kHead && !token.tempurl_signatures.contains(Method::kHead)
            ? Method::kGet
            : *request.method;
    if (!token.tempurl_signatures.contains(needed)) {
      result.status = VerifyStatus::kOutOfScope;
      result.message = "the token does not allow " + std::string(MethodName(*request.method));
      return result;
    }
  }
  result.status = VerifyStatus::kValid;
  result.message =
      "valid for " + FormatDuration(std::chrono::seconds(scope.expires_unix_s - now_unix_s));
  return result;
}

}  // namespace logstow::tokens
