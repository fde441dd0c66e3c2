// `logstow upload` stopped by SIGTERM or SIGINT while a `command` stage runs: the command's
// process group is killed and the spool folder removed (uploader/interrupt_cleanup.h). The real
// binary, no Swift: the storage URL refuses connections and --retries 0 gives up on /info at
// once, and commands run before any transfer.
#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"

namespace logstow::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto kDeadline = std::chrono::seconds(60);  // generous: the machine is loaded

std::string Issue() {
  ProcessResult r =
      RunProcess({.argv = {LOGSTOW_BINARY, "token", "issue",
                           "--storage-url=http://127.0.0.1:1/v1/AUTH_ci", "--prefix=zuul/42/"},
                  .env = {"LOGSTOW_TEMPURL_KEY=zuul-secret-4f9a1c"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.substr(0, r.out.find('\n'));
}

// Gone, or a zombie nobody has reaped yet (a container's first process may not reap).
bool ProcessGone(pid_t pid) {
  if (kill(pid, 0) != 0) return errno == ESRCH;
  const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const size_t paren = stat.rfind(')');
  return paren != std::string::npos && stat.substr(paren + 2, 1) == "Z";
}

bool SpoolLeft(const fs::path& tmp) {
  for (const fs::directory_entry& e : fs::directory_iterator(tmp)) {
    if (e.path().filename().string().starts_with("logstow-spool-")) return true;
  }
  return false;
}

void StopWhileACommandRuns(int signal_number) {
  TempDir logs, work, tmp;
  logs.Write("app.log", "password=hunter2\n");
  const fs::path pid_file = work.path() / "command.pid";
  const fs::path rules =
      work.Write("p.json", R"({"logstow_processing": 1, "rules": [{"glob": "*.log", "stages": [
          {"stage": "command", "timeout": "1d", "shell":
           "echo $$ > \"$PID_FILE.new\" && mv \"$PID_FILE.new\" \"$PID_FILE\" && exec sleep 300"}]}]})");
  Process upload({.argv = {LOGSTOW_BINARY, "upload", "--retries", "0", "--progress", "none",
                           "--processing", rules.string(), logs.path().string()},
                  .env = {"LOGSTOW_TOKEN=" + Issue(), "TMPDIR=" + tmp.path().string(),
                          "PID_FILE=" + pid_file.string()}});

  // The event: the command has started (it wrote its pid).
  const auto deadline = Clock::now() + kDeadline;
  while (!fs::exists(pid_file) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(fs::exists(pid_file)) << upload.Stop().err;
  const pid_t command_pid = std::stoi(ReadFile(pid_file));
  EXPECT_TRUE(SpoolLeft(tmp.path()));

  ASSERT_EQ(kill(upload.pid(), signal_number), 0);
  ProcessResult r = upload.Wait();
  EXPECT_EQ(r.term_signal, signal_number) << r.err;  // the shell's 128 + signal

  while (!ProcessGone(command_pid) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(ProcessGone(command_pid)) << "the command (sleep 300) outlived the uploader";
  if (!ProcessGone(command_pid)) kill(command_pid, SIGKILL);
  EXPECT_FALSE(SpoolLeft(tmp.path())) << "the spool folder with processed contents was left";
}

TEST(UploadInterrupt, SigtermKillsTheRunningCommandAndRemovesTheSpool) {
  StopWhileACommandRuns(SIGTERM);
}

TEST(UploadInterrupt, SigintKillsTheRunningCommandAndRemovesTheSpool) {
  StopWhileACommandRuns(SIGINT);
}

}  // namespace
}  // namespace logstow::testing
