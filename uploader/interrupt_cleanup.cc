#include "uploader/interrupt_cleanup.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <set>
#include <system_error>

namespace logstow::uploader {

namespace {

struct Registry {
  std::mutex mutex;
  std::set<pid_t> groups;
  std::set<std::filesystem::path> spools;
  bool stopping = false;
};

Registry& Live() {
  static Registry* registry = new Registry;  // never destroyed: the waiter may outlive statics
  return *registry;
}

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

[[noreturn]] void CleanUpAndDie(int signal_number) {
  Registry& live = Live();
  live.mutex.lock();  // kept: nothing starts or forgets from here on
  live.stopping = true;
  for (pid_t group : live.groups) kill(-group, SIGKILL);
  for (const std::filesystem::path& folder : live.spools) {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  }
  // End as the signal would have ended us, so the caller sees 128 + signal.
  signal(signal_number, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, signal_number);
  pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  raise(signal_number);
  _exit(128 + signal_number);
}

}  // namespace

pid_t StartTrackedProcessGroup(const std::function<pid_t()>& spawn) {
  Registry& live = Live();
  std::lock_guard lock(live.mutex);
  if (live.stopping) return -1;
  pid_t group = spawn();
  if (group > 0) live.groups.insert(group);
  return group;
}

void ForgetProcessGroup(pid_t group) {
  Registry& live = Live();
  std::lock_guard lock(live.mutex);
  live.groups.erase(group);
}

void TrackSpoolFolder(const std::filesystem::path& folder) {
  Registry& live = Live();
  std::lock_guard lock(live.mutex);
  live.spools.insert(folder);
}

void ForgetSpoolFolder(const std::filesystem::path& folder) {
  Registry& live = Live();
  std::lock_guard lock(live.mutex);
  live.spools.erase(folder);
}

InterruptCleanup::InterruptCleanup() {
  sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal_fd_ = signalfd(-1, &set, SFD_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC);
  if (signal_fd_ < 0 || wake_fd_ < 0) {
    if (signal_fd_ >= 0) close(signal_fd_);
    if (wake_fd_ >= 0) close(wake_fd_);
    signal_fd_ = wake_fd_ = -1;
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    return;
  }
  waiter_ = std::thread([signal_fd = signal_fd_, wake_fd = wake_fd_] {
    for (;;) {
      pollfd fds[2] = {{signal_fd, POLLIN, 0}, {wake_fd, POLLIN, 0}};
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        return;
      }
      if (fds[1].revents != 0) return;
      signalfd_siginfo info{};
      if (read(signal_fd, &info, sizeof info) == sizeof info) {
        CleanUpAndDie(static_cast<int>(info.ssi_signo));
      }
    }
  });
}

InterruptCleanup::~InterruptCleanup() {
  if (!waiter_.joinable()) return;
  uint64_t one = 1;
  (void)!write(wake_fd_, &one, sizeof one);
  waiter_.join();
  close(signal_fd_);
  close(wake_fd_);
  // A signal that came after the waiter stopped is delivered now, with its default action.
  sigset_t set = StopSignals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace logstow::uploader
