// TokenError: a token could not be issued, encoded or decoded. code() is one of the stable codes
// below (docs/errors.md); what() names the field at fault and what to do.
#pragma once

#include "common/error.h"

namespace logstow::tokens {

class TokenError : public Error {
 public:
  using Error::Error;
};

// Codes.
inline constexpr char kTokenFormat[] = "token.format";  // not "lst1." + base64url(JSON object)
inline constexpr char kTokenField[] = "token.field";  // a field missing, of the wrong type or value
inline constexpr char kTokenScope[] = "token.scope";  // a request outside what the token allows

}  // namespace logstow::tokens
