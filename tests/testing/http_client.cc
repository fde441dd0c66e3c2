#include "tests/testing/http_client.h"

#include <openssl/evp.h>

namespace logstow::testing {

HttpResponse Send(const HttpRequest& request) {
  HttpRequest limited = request;
  if (limited.timeout.count() == 0) limited.timeout = std::chrono::seconds(60);
  HttpResponse response = SendHttp(limited);
  if (!response.error.empty()) response.status = 0;
  return response;
}

HttpResponse SendForm(const std::string& url, const std::vector<FormPart>& parts) {
  return Send({.method = "POST", .url = url, .form = parts});
}

std::string Md5Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace logstow::testing
