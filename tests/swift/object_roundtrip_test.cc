// Talks to the real local Swift (ctest fixture `swift`): the basics every later part relies on.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "tests/testing/http_client.h"
#include "tests/testing/swift_env.h"

namespace logstow::testing {
namespace {

std::string UniqueName(const std::string& stem) {
  return stem + "-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

TEST(SwiftObject, PutThenGetReturnsTheSameBytesAndMd5Etag) {
  SwiftEnv env = LoadSwiftEnv();
  std::string token = SwiftLogin(env);
  ASSERT_FALSE(token.empty());
  const std::string auth = "X-Auth-Token: " + token;
  const std::string container = env.storage_url + "/" + UniqueName("roundtrip");

  HttpResponse created = Send({.method = "PUT", .url = container, .headers = {auth}});
  ASSERT_EQ(created.status, 201) << created.body;

  std::string body = "2013-09-10 12:34:56.789 1234 ERROR nova [-] boom\n";
  body += std::string("\0\xff binary tail", 14);
  HttpResponse put = Send({.method = "PUT",
                           .url = container + "/job/console.txt",
                           .headers = {auth, "Content-Type: text/plain; charset=utf-8"},
                           .body = body});
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(put.header("etag"), Md5Hex(body));

  HttpResponse get = Send({.url = container + "/job/console.txt", .headers = {auth}});
  ASSERT_EQ(get.status, 200);
  EXPECT_EQ(get.body, body);
  EXPECT_EQ(get.header("content-type"), "text/plain; charset=utf-8");

  HttpResponse missing = Send({.url = container + "/job/absent.txt", .headers = {auth}});
  EXPECT_EQ(missing.status, 404);
}

TEST(SwiftObject, AnonymousReadFailsWithoutContainerAcl) {
  SwiftEnv env = LoadSwiftEnv();
  std::string token = SwiftLogin(env);
  const std::string container = env.storage_url + "/" + UniqueName("private");
  ASSERT_EQ(Send({.method = "PUT", .url = container, .headers = {"X-Auth-Token: " + token}}).status,
            201);
  ASSERT_EQ(Send({.method = "PUT",
                  .url = container + "/a.txt",
                  .headers = {"X-Auth-Token: " + token, "Content-Type: text/plain"},
                  .body = "x"})
                .status,
            201);
  EXPECT_EQ(Send({.url = container + "/a.txt"}).status, 401);
}

}  // namespace
}  // namespace logstow::testing
