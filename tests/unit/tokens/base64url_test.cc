#include "tokens/base64url.h"

#include <gtest/gtest.h>

namespace logstow::tokens {
namespace {

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "-_8"},
  };
  for (auto [plain, encoded] : cases) {
    SCOPED_TRACE(encoded);
    EXPECT_EQ(EncodeBase64Url(plain), encoded);
    EXPECT_EQ(DecodeBase64Url(encoded), std::string(plain));
  }
}

TEST(Base64Url, RoundTripsEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (size_t n = 0; n <= bytes.size(); n += 37) {
    EXPECT_EQ(DecodeBase64Url(EncodeBase64Url(bytes.substr(0, n))), bytes.substr(0, n));
  }
}

TEST(Base64Url, RejectsWhatNoEncodingProduces) {
  // Padding, the standard alphabet's + and /, impossible lengths, spaces, and "Zh" / "Zm9",
  // whose trailing bits are not zero ("Zg" and "Zm8" are the real encodings of "f" and "fo").
  for (const char* bad : {"Zg==", "Zm9v+", "Zm9v/", "Z", "Zm9vY", "Zm 9v", "Zh", "Zm9"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(DecodeBase64Url(bad), std::nullopt);
  }
}

}  // namespace
}  // namespace logstow::tokens
