#include "tokens/hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace logstow::tokens {

std::string_view DigestName(Digest digest) {
  switch (digest) {
    case Digest::kSha1:
      return "sha1";
    case Digest::kSha256:
      return "sha256";
    case Digest::kSha512:
      return "sha512";
  }
  return "sha256";
}

std::optional<Digest> ParseDigest(std::string_view name) {
  if (name == "sha1") return Digest::kSha1;
  if (name == "sha256") return Digest::kSha256;
  if (name == "sha512") return Digest::kSha512;
  return std::nullopt;
}

size_t DigestHexLength(Digest digest) {
  switch (digest) {
    case Digest::kSha1:
      return 40;
    case Digest::kSha256:
      return 64;
    case Digest::kSha512:
      return 128;
  }
  return 64;
}

std::string HmacHex(Digest digest, std::string_view key, std::string_view message) {
  const EVP_MD* md = digest == Digest::kSha1     ? EVP_sha1()
                     : digest == Digest::kSha512 ? EVP_sha512()
                                                 : EVP_sha256();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  OPENSSL_cleanse(out, sizeof out);
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace logstow::tokens
