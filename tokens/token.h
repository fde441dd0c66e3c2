// A job-scoped token: the scope plus Swift-native signatures over it, so Swift's own TempURL and
// FormPost middleware validate every upload offline and logstow runs no receiving server.
// Text form: tokens/token_codec.h. Made by tokens/issue.h; checked by tokens/verify.h.
#pragma once

#include <map>
#include <string>

#include "tokens/scope.h"

namespace logstow::tokens {

struct Token {
  TokenScope scope;
  // One prefix-based TempURL signature per method in scope.methods: lower-case hex of
  // HMAC(key, "<METHOD>\n<expires>\nprefix:<account path>/<container>/<prefix>").
  std::map<Method, std::string> tempurl_signatures;
  // Hex FormPost signature when scope.formpost, else empty (tokens/formpost.h).
  std::string formpost_signature;
};

}  // namespace logstow::tokens
