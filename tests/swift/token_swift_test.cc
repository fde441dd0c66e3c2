// Tokens against the real local Swift: its TempURL and FormPost middleware must accept exactly
// what a token allows and answer 401 to everything else. Each test uses its own container with
// its own container Temp-URL key, so tests can run in parallel and rotate keys freely.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "common/percent_encode.h"
#include "common/time_format.h"
#include "tests/testing/http_client.h"
#include "tests/testing/swift_env.h"
#include "tokens/formpost.h"
#include "tokens/issue.h"
#include "tokens/tempurl.h"

namespace logstow::tokens {
namespace {

using testing::HttpRequest;
using testing::HttpResponse;
using testing::Send;

class TokenSwiftTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = testing::LoadSwiftEnv();
    auth_ = "X-Auth-Token: " + testing::SwiftLogin(env_);
    container_ =
        "tokens-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    SetContainerKeys("key-one", "");
  }

  // Creates the container (first call) or updates it (POST, which also refreshes the proxy's
  // cached container info) with Temp-URL Key and Key-2; "" removes Key-2.
  void SetContainerKeys(const std::string& key, const std::string& key2) {
    HttpRequest request{.method = created_ ? "POST" : "PUT",
                        .url = ContainerUrl(),
                        .headers = {auth_, "X-Container-Meta-Temp-URL-Key: " + key}};
    request.headers.push_back(key2.empty() ? "X-Remove-Container-Meta-Temp-URL-Key-2: x"
                                           : "X-Container-Meta-Temp-URL-Key-2: " + key2);
    HttpResponse r = Send(request);
    ASSERT_TRUE(r.status / 100 == 2) << r.status << r.body;
    created_ = true;
  }

  std::string ContainerUrl() const { return env_.storage_url + "/" + container_; }

  TokenScope Scope(const std::string& prefix) const {
    TokenScope scope;
    scope.storage_url = env_.storage_url;
    scope.container = container_;
    scope.prefix = prefix;
    scope.expires_unix_s = NowUnixSeconds() + 600;
    return scope;
  }

  long Put(const std::string& url, const std::string& body = "log line\n") const {
    return Send(
               {.method = "PUT", .url = url, .headers = {"Content-Type: text/plain"}, .body = body})
        .status;
  }

  // The object as stored, read with the admin token.
  HttpResponse Get(const std::string& name) const {
    return Send({.url = ContainerUrl() + "/" + PercentEncodePath(name), .headers = {auth_}});
  }

  testing::SwiftEnv env_;
  std::string auth_;
  std::string container_;
  bool created_ = false;
};

TEST_F(TokenSwiftTest, PutsObjectsWithAwkwardNamesUnderThePrefix) {
  Token token = IssueToken(Scope("job 42/a+b/"), "key-one");
  const std::string names[] = {"console.txt",           "with space.txt", "hash#.txt",
                               "question?.txt",         "percent%20.txt", "plus+sign.txt",
                               "colon:3.txt",           "ünïcödé/ć.log",  "Ꮓບບξ-unicode.txt",
                               "deep/er/nest/ed/x.log", ".hidden"};
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const std::string body = "contents of " + name + "\n";
    ASSERT_EQ(Put(SignedObjectUrl(token, Method::kPut, name), body), 201);
    HttpResponse stored = Get("job 42/a+b/" + name);
    EXPECT_EQ(stored.status, 200);
    EXPECT_EQ(stored.body, body);
  }
}

TEST_F(TokenSwiftTest, SwiftRefusesEverythingOutsideTheToken) {
  Token token = IssueToken(Scope("a/b/"), "key-one");
  const std::string good = SignedObjectUrl(token, Method::kPut, "x.txt");
  ASSERT_EQ(Put(good), 201);

  const std::string path = "/" + container_ + "/a/b/x.txt";
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string url = good;
    url.replace(url.find(from), from.size(), to);
    return url;
  };
  // Outside the prefix, and the sibling prefix "a/bc/" that a prefix without '/' would allow.
  EXPECT_EQ(Put(replace(path, "/" + container_ + "/other/x.txt")), 401);
  EXPECT_EQ(Put(replace(path, "/" + container_ + "/a/bc/x.txt")), 401);
  EXPECT_EQ(Put(replace(path, "/" + container_ + "/a/x.txt")), 401);
  // A prefix claimed wider than the one signed.
  EXPECT_EQ(Put(replace("temp_url_prefix=a%2Fb%2F", "temp_url_prefix=a%2F")), 401);
  // A tampered signature.
  std::string sig = token.tempurl_signatures.at(Method::kPut);
  std::string tampered = sig;
  tampered[10] = tampered[10] == '0' ? '1' : '0';
  EXPECT_EQ(Put(replace(sig, tampered)), 401);
  // Signed with a key Swift does not hold.
  Token foreign = IssueToken(Scope("a/b/"), "some-other-key");
  EXPECT_EQ(Put(SignedObjectUrl(foreign, Method::kPut, "x.txt")), 401);
  // Methods the token does not carry, with the PUT signature.
  EXPECT_EQ(Send({.method = "DELETE", .url = good}).status, 401);
  EXPECT_EQ(Send({.method = "GET", .url = good}).status, 401);
  EXPECT_EQ(Get("a/b/x.txt").status, 200) << "the object must still be there";
}

TEST_F(TokenSwiftTest, SwiftRefusesAnExpiredToken) {
  TokenScope scope = Scope("job/");
  scope.expires_unix_s = NowUnixSeconds() - 5;
  Token expired = IssueToken(scope, "key-one");
  EXPECT_EQ(Put(SignedObjectUrl(expired, Method::kPut, "late.txt")), 401);
  EXPECT_EQ(Get("job/late.txt").status, 404);
}

TEST_F(TokenSwiftTest, GetSignatureReadsButCannotWrite) {
  TokenScope scope = Scope("ro/");
  scope.methods = {Method::kGet};
  Token token = IssueToken(scope, "key-one");
  ASSERT_EQ(Send({.method = "PUT",
                  .url = ContainerUrl() + "/ro/a.txt",
                  .headers = {auth_},
                  .body = "hello"})
                .status,
            201);
  HttpResponse r = Send({.url = SignedObjectUrl(token, Method::kGet, "a.txt")});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(Send({.method = "HEAD", .url = SignedObjectUrl(token, Method::kGet, "a.txt")}).status,
            200);
  std::string put_url = SignedObjectUrl(token, Method::kGet, "b.txt");
  EXPECT_EQ(Put(put_url), 401);
}

TEST_F(TokenSwiftTest, BothKeysWorkDuringRotationAndTheOldOneStopsAfter) {
  Token old_token = IssueToken(Scope("rot/"), "key-one");
  Token new_token = IssueToken(Scope("rot/"), "key-two");
  EXPECT_EQ(Put(SignedObjectUrl(old_token, Method::kPut, "1.txt")), 201);
  EXPECT_EQ(Put(SignedObjectUrl(new_token, Method::kPut, "1.txt")), 401);

  SetContainerKeys("key-two", "key-one");
  EXPECT_EQ(Put(SignedObjectUrl(old_token, Method::kPut, "2.txt")), 201);
  EXPECT_EQ(Put(SignedObjectUrl(new_token, Method::kPut, "2.txt")), 201);

  SetContainerKeys("key-two", "");
  EXPECT_EQ(Put(SignedObjectUrl(old_token, Method::kPut, "3.txt")), 401);
  EXPECT_EQ(Put(SignedObjectUrl(new_token, Method::kPut, "3.txt")), 201);
}

TEST_F(TokenSwiftTest, Sha512AndSha1SignaturesAreAcceptedToo) {
  for (Digest digest : {Digest::kSha512, Digest::kSha1}) {
    SCOPED_TRACE(DigestName(digest));
    TokenScope scope = Scope("digest/");
    scope.digest = digest;
    Token token = IssueToken(scope, "key-one");
    EXPECT_EQ(Put(SignedObjectUrl(token, Method::kPut, std::string(DigestName(digest)) + ".txt")),
              201);
  }
}

TEST_F(TokenSwiftTest, FormPostSignatureUploadsFilesUnderThePrefix) {
  TokenScope scope = Scope("form/");
  scope.formpost = true;
  scope.max_file_size = 1024;
  scope.max_file_count = 2;
  Token token = IssueToken(scope, "key-one");
  auto form = [&](const std::string& signature) {
    return testing::SendForm(
        FormPostActionUrl(scope),
        {{.name = "redirect", .value = ""},
         {.name = "max_file_size", .value = "1024"},
         {.name = "max_file_count", .value = "2"},
         {.name = "expires", .value = std::to_string(scope.expires_unix_s)},
         {.name = "signature", .value = signature},
         {.name = "f1", .value = "one\n", .filename = "a.txt", .content_type = "text/plain"},
         {.name = "f2", .value = "two\n", .filename = "sub/b.log", .content_type = "text/plain"}});
  };
  HttpResponse r = form(token.formpost_signature);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Get("form/a.txt").body, "one\n");
  EXPECT_EQ(Get("form/sub/b.log").body, "two\n");

  Token foreign = IssueToken(scope, "some-other-key");
  HttpResponse refused = form(foreign.formpost_signature);
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(refused.body.find("Invalid Signature"), std::string::npos) << refused.body;
}

}  // namespace
}  // namespace logstow::tokens
