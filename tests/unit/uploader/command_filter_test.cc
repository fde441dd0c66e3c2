// Real processes (sh, tr, sleep from coreutils), their stdin and stdout in temporary files.
#include "uploader/command_filter.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/testing/temp_dir.h"

namespace logstow::uploader {
namespace {

struct Files {
  testing::TempDir dir;
  int in = -1;
  int out = -1;
  explicit Files(const std::string& input) {
    in = open(dir.Write("in", input).c_str(), O_RDONLY | O_CLOEXEC);
    out = open((dir.path() / "out").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  }
  ~Files() {
    close(in);
    close(out);
  }
  std::string Output() const { return testing::ReadFile(dir.path() / "out"); }
};

TEST(CommandFilter, FiltersStdinToStdout) {
  Files f("hello\n");
  FilterOutcome o = RunFilter({.argv = {"tr", "a-z", "A-Z"}}, f.in, f.out);
  EXPECT_TRUE(o.ok) << o.error;
  EXPECT_EQ(o.exit_status, 0);
  EXPECT_EQ(f.Output(), "HELLO\n");
}

TEST(CommandFilter, AFailureNamesTheProgramTheStatusAndItsLastStderrLine) {
  Files f("x");
  FilterOutcome o = RunFilter(
      {.argv = {"/bin/sh", "-c", "echo first >&2; echo 'it broke' >&2; exit 3"}}, f.in, f.out);
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.exit_status, 3);
  EXPECT_EQ(o.error, "'/bin/sh' failed (exit status 3): it broke");
}

TEST(CommandFilter, ALabelNamesTheCommandInsteadOfItsProgram) {
  Files f("x");
  FilterOutcome o =
      RunFilter({.argv = {"/bin/sh", "-c", "exit 5"}, .label = "the hook"}, f.in, f.out);
  EXPECT_EQ(o.error, "the hook failed (exit status 5)");
}

TEST(CommandFilter, AMissingProgramIsNamed) {
  Files f("x");
  FilterOutcome o = RunFilter({.argv = {"logstow-no-such-program"}}, f.in, f.out);
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error, "cannot run 'logstow-no-such-program': No such file or directory");
}

// The limit ends it (and the shell's child, in its process group): the call returns once the
// kill is seen, not after the child's own 600 s.
TEST(CommandFilter, AHangingCommandIsKilledAtItsTimeLimit) {
  Files f("x");
  FilterOutcome o = RunFilter(
      {.argv = {"/bin/sh", "-c", "sleep 600; echo never"}, .timeout = std::chrono::seconds(1)},
      f.in, f.out);
  EXPECT_FALSE(o.ok);
  EXPECT_TRUE(o.timed_out);
  EXPECT_EQ(o.error, "'/bin/sh' ran longer than 1 s and was killed");
  EXPECT_EQ(f.Output(), "");
}

TEST(CommandFilter, TheTokenStaysOutOfItsEnvironmentAndExtraVariablesGetIn) {
  setenv("LOGSTOW_TOKEN", "lst1.secret", 1);
  Files f("");
  FilterOutcome o =
      RunFilter({.argv = {"/bin/sh", "-c", "echo \"[$LOGSTOW_TOKEN][$LOGSTOW_NAME]\""},
                 .extra_env = {"LOGSTOW_NAME=a/b.txt"}},
                f.in, f.out);
  unsetenv("LOGSTOW_TOKEN");
  EXPECT_TRUE(o.ok) << o.error;
  EXPECT_EQ(f.Output(), "[][a/b.txt]\n");
}

}  // namespace
}  // namespace logstow::uploader
