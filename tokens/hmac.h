// HMAC as Swift's TempURL and FormPost middleware compute it: hex of HMAC-<digest>(key, body).
// The only file in tokens/ that includes OpenSSL. Thread-safe. Tested by
// tests/unit/tokens/hmac_test.cc (fixed vectors that a live Swift 2.30 accepted).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace logstow::tokens {

// Digests Swift 2.30 accepts (`/info` -> tempurl.allowed_digests). SHA-1 is deprecated there.
enum class Digest { kSha1, kSha256, kSha512 };

// "sha1", "sha256", "sha512".
std::string_view DigestName(Digest digest);
// Inverse of DigestName; nullopt for any other spelling.
std::optional<Digest> ParseDigest(std::string_view name);
// Hex length of a signature: 40, 64 or 128. Swift picks the digest by this length.
size_t DigestHexLength(Digest digest);

// Lower-case hex HMAC of `message` under `key`.
std::string HmacHex(Digest digest, std::string_view key, std::string_view message);

// Compares two strings in time independent of where they differ (signature checks).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace logstow::tokens
