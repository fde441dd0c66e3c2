// What `logstow upload` must undo when it is stopped by SIGINT, SIGTERM or SIGHUP: the process
// groups of running `command` stages and `--on-uploaded` hooks (each runs in a group of its own,
// so a terminal's Ctrl-C does not reach it) and the spool folders holding processed file
// contents (uploader/spool.h). Nothing is cleaned up from a signal handler: InterruptCleanup
// blocks the three signals and one thread of its own waits for them (signalfd), then kills each
// live group (SIGKILL), removes each live spool folder and ends the process by the same signal
// with its default action (exit status 128 + signal, e.g. 143 for SIGTERM).
// Thread-safe. Tested by tests/unit/cli/upload_interrupt_test.cc (the real binary, stopped).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <thread>

namespace logstow::uploader {

// Runs `spawn` (which starts a process in a group of its own and returns the group's id, or -1
// when nothing started) and records the group, under one lock so that a stop in between cannot
// miss it. Once a stop has begun nothing is started: returns -1 and `spawn` is not called.
pid_t StartTrackedProcessGroup(const std::function<pid_t()>& spawn);
// The group's leader has ended (call before reaping it, so its id cannot be reused meanwhile).
void ForgetProcessGroup(pid_t group);

// A spool folder to remove when stopped; forgotten once its owner removed it.
void TrackSpoolFolder(const std::filesystem::path& folder);
void ForgetSpoolFolder(const std::filesystem::path& folder);

// While one lives, SIGINT, SIGTERM and SIGHUP stop the process with the clean-up above. Make
// it before any thread starts (threads inherit the blocked signals); the destructor stops the
// waiting thread and unblocks them again. One at a time. Throws nothing: when signalfd cannot
// be made, the signals keep their default action.
class InterruptCleanup {
 public:
  InterruptCleanup();
  ~InterruptCleanup();
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;

 private:
  int signal_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: the destructor's "stop waiting"
  std::thread waiter_;
};

}  // namespace logstow::uploader
