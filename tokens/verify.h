// Checking a token with the secret, as Swift will: is it ours (signed by one of the keys), is it
// unexpired, and (optionally) does it cover a given object and method. Results are values, not
// exceptions: a token failing verification is an expected outcome. Thread-safe.
// Tested by tests/unit/tokens/verify_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokens/token.h"

namespace logstow::tokens {

enum class VerifyStatus {
  kValid,         // every signature matches one key, not expired, request in scope
  kBadSignature,  // a signature matches none of the keys (another key, or tampered)
  kExpired,       // signatures fine, but expires_unix_s <= now
  kOutOfScope,    // signatures fine, but the object or method is not covered
};

struct VerifyResult {
  VerifyStatus status = VerifyStatus::kBadSignature;
  // Which key signed it: 0 = Key, 1 = Key-2 (rotation); -1 when none did.
  int key_index = -1;
  // One sentence for a person: why it is not valid, or "valid for 5h59m".
  std::string message;
};

// An optional request to check against the scope.
struct VerifyRequest {
  std::optional<std::string> object_name;  // relative to the container: "<prefix>x/y.txt"
  std::optional<Method> method;
};

// keys: the Temp-URL keys Swift holds, in order (Key, Key-2); empty keys are skipped.
// now_unix_s: Unix seconds, UTC.
VerifyResult VerifyToken(const Token& token, const std::vector<std::string>& keys,
                         int64_t now_unix_s, const VerifyRequest& request = {});

}  // namespace logstow::tokens
