// Runs an external program as a filter: its stdin and stdout are descriptors the caller opened
// (a file of the upload, a spool file: uploader/spool.h), so its bytes never pass through this
// process's memory; its stderr is read through a pipe and its last lines kept for the error
// message. Used by the `command` processing stage (uploader/processing.h) and the
// `--on-uploaded` hook (uploader/upload_hook.h).
//   - argv is run without a shell (posix_spawnp: fork/exec, PATH searched) unless the caller
//     passes {"/bin/sh", "-c", text}.
//   - It runs in a process group of its own; when `timeout` passes first the whole group is
//     killed (SIGKILL), so a shell's children go too. The end is waited for on a pidfd, with no
//     polling interval. The group is recorded (uploader/interrupt_cleanup.h) while it runs, so
//     a stopped `logstow upload` kills it too.
//   - Its environment is this process's without LOGSTOW_TOKEN (the job's token is no business
//     of a filter or a hook), plus `extra_env`.
// Thread-safe: each call is independent. Tested by tests/unit/uploader/command_filter_test.cc.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace logstow::uploader {

struct FilterCommand {
  std::vector<std::string> argv;  // argv[0]: a program name (PATH) or path; not empty
  std::chrono::milliseconds timeout{60000};
  std::vector<std::string> extra_env;  // "NAME=value"
  // How messages name the command; "'<argv[0]>'" when empty. A shell's is its script's text
  // ("'tr a b | cat' (/bin/sh -c)"), so a failure says which of several shell stages it was.
  std::string label;
};

struct FilterOutcome {
  bool ok = false;
  // When !ok: "'sed' failed (exit status 2): sed: -e expression #1, char 3: ...",
  // "'sleep' ran longer than 1 s and was killed", "cannot run 'nosuch': No such file or
  // directory". Names the label, else argv[0] only (arguments may hold anything).
  std::string error;
  int exit_status = -1;  // when it exited; -1 when killed or never started
  bool timed_out = false;
};

// Runs `command` with stdin_fd as its standard input and stdout_fd as its standard output
// (the caller keeps and closes both). Waits for it to end or for its time limit. Never throws.
FilterOutcome RunFilter(const FilterCommand& command, int stdin_fd, int stdout_fd);

}  // namespace logstow::uploader
