// Fuzzes the token decoder (tokens/token_codec.h), which reads untrusted text: a job's
// environment, a file, stdin. Each input is decoded twice, as it is and wrapped as
// "lst1." + base64url(input) so the JSON and field checks are reached too. A decode either throws
// TokenError with a code and a message, or returns a token whose encoding decodes to the same
// token (any other exception, or a round trip that changes the token, is a bug).
#include <cstdint>
#include <string>
#include <string_view>

#include "tokens/base64url.h"
#include "tokens/token_codec.h"
#include "tokens/token_error.h"

namespace {

using logstow::tokens::DecodeToken;
using logstow::tokens::EncodeToken;
using logstow::tokens::Token;
using logstow::tokens::TokenError;

bool SameToken(const Token& a, const Token& b) { return EncodeToken(a) == EncodeToken(b); }

void DecodeOne(std::string_view text) {
  Token token;
  try {
    token = DecodeToken(text);
  } catch (const TokenError& error) {
    if (error.code().empty() || std::string_view(error.what()).empty()) __builtin_trap();
    return;
  }
  // A decoded token is valid: encoding it and decoding that gives the same token back.
  const Token again = DecodeToken(EncodeToken(token));
  if (!SameToken(token, again)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (16 << 10)) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  DecodeOne(input);
  DecodeOne(std::string(logstow::tokens::kTokenPrefix) + logstow::tokens::EncodeBase64Url(input));
  return 0;
}
