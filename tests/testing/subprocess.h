// Runs a program as a child process for CLI tests: argv in, exit status and output out.
// Tested by being used in tests/unit/cli/.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace logstow::testing {

struct ProcessResult {
  int exit_code = -1;   // -1 when killed by a signal
  int term_signal = 0;  // the signal that killed it; 0 when it exited
  std::string out;      // stdout
  std::string err;      // stderr
};

struct ProcessOptions {
  std::vector<std::string> argv;  // argv[0] is the program path
  std::vector<std::string> env;   // "NAME=value" added to (and overriding) this process's env
  std::string stdin_data;
};

// Starts the child; returns its pid. Its stdout/stderr are collected by Wait().
class Process {
 public:
  explicit Process(const ProcessOptions& options);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // Reads one line of the child's stdout (without the newline), waiting up to timeout_ms;
  // "" when the child closed stdout or the time ran out.
  std::string ReadLine(int timeout_ms);
  // Waits for the child to exit, reading its output meanwhile.
  ProcessResult Wait();
  // Sends SIGTERM, then waits.
  ProcessResult Stop();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool waited_ = false;
  std::string out_buffer_;  // stdout read by ReadLine beyond the line it returned
};

// Start + Wait.
ProcessResult RunProcess(const ProcessOptions& options);

}  // namespace logstow::testing
