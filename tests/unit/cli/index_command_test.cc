// `logstow index` flags checked before anything is sent: a real child process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"

namespace logstow::testing {
namespace {

ProcessResult Logstow(std::vector<std::string> args, std::vector<std::string> env = {}) {
  args.insert(args.begin(), LOGSTOW_BINARY);
  return RunProcess({.argv = args, .env = env});
}

std::string Issue() {
  ProcessResult r =
      Logstow({"token", "issue", "--storage-url=http://proxy1.example:8080/v1/AUTH_ci",
               "--prefix=zuul/42/"},
              {"LOGSTOW_TEMPURL_KEY=zuul-secret-4f9a1c"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.substr(0, r.out.find('\n'));
}

// The same check and message as `logstow upload`'s (cli/storage_url_flag.h), before any HEAD.
TEST(IndexCommand, AFallbackStorageUrlOfAnotherAccountIsRefusedWithExit2) {
  TempDir work;
  const auto report = work.Write("report.json", "{}");
  ProcessResult r = Logstow({"index", "--report", report.string(), "--fallback-storage-url",
                             "http://proxy2.example:8080/v1/AUTH_other"},
                            {"LOGSTOW_TOKEN=" + Issue()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "logstow: error: --fallback-storage-url 'http://proxy2.example:8080/v1/AUTH_other' is "
            "not the token's account at another proxy: give an http(s) URL ending in the token's "
            "path /v1/AUTH_ci (the signatures cover only the path), e.g. "
            "http://proxy2.example:8080/v1/AUTH_ci\n");
}

}  // namespace
}  // namespace logstow::testing
