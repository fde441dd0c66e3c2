// cli/main.cc: the subcommand dispatch and its exit codes, run as a real child process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/subprocess.h"

namespace logstow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

ProcessResult Logstow(std::vector<std::string> args) {
  args.insert(args.begin(), LOGSTOW_BINARY);
  return RunProcess({.argv = args});
}

TEST(Main, AnUnknownCommandIsAnErrorNamingTheKnownOnes) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"export"}, {"export", "--help"}, {"uplaod", "logs/"}}) {
    SCOPED_TRACE(args[0] + (args.size() > 1 ? " " + args[1] : ""));
    const ProcessResult r = Logstow(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_THAT(r.err, StartsWith("logstow: error: unknown command '" + args[0] +
                                  "': the commands are token, upload"));
    EXPECT_THAT(r.err, HasSubstr("(logstow --help lists them)\n"));
  }
}

TEST(Main, HelpOfAKnownCommandStillWorks) {
  const ProcessResult r = Logstow({"upload", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("--token-file"));
}

TEST(Main, NoCommandAtAllIsAUsageError) {
  const ProcessResult r = Logstow({});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace logstow::testing
