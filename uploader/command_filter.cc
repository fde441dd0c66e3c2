#include "uploader/command_filter.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "uploader/interrupt_cleanup.h"

extern char** environ;

namespace logstow::uploader {

namespace {

constexpr size_t kStderrKeptBytes = 2048;

std::string Seconds(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  return std::to_string(d.count()) + " ms";
}

// The last non-empty line of what the command printed on stderr, trimmed, for the message.
std::string LastLine(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  size_t start = text.find_last_of('\n');
  std::string line = start == std::string::npos ? text : text.substr(start + 1);
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

std::vector<std::string> ChildEnvironment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with("LOGSTOW_TOKEN=")) continue;
    bool replaced = false;
    for (const std::string& x : extra) {
      replaced |= entry.substr(0, entry.find('=') + 1) == x.substr(0, x.find('=') + 1);
    }
    if (!replaced) env.emplace_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

}  // namespace

FilterOutcome RunFilter(const FilterCommand& command, int stdin_fd, int stdout_fd) {
  FilterOutcome outcome;
  const std::string program = command.argv.empty() ? "" : command.argv[0];
  const std::string name = command.label.empty() ? "'" + program + "'" : command.label;
  if (program.empty()) {
    outcome.error = "the command is empty";
    return outcome;
  }
  std::vector<std::string> args = command.argv;
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = ChildEnvironment(command.extra_env);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  int err[2];
  if (pipe2(err, O_CLOEXEC) != 0) {
    outcome.error = "cannot run " + name + ": " + std::strerror(errno);
    return outcome;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group: a timeout kills its children too
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);  // SIGPIPE ignored here must not be in the child
  pid_t pid = -1;
  int spawned = ECANCELED;  // stays so when the uploader is being stopped
  StartTrackedProcessGroup([&] {
    spawned = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
    return spawned == 0 ? pid : -1;
  });
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  close(err[1]);
  if (spawned != 0) {
    close(err[0]);
    outcome.error = "cannot run " + name + ": " + std::strerror(spawned);
    return outcome;
  }
  // The child's end, as an event: a pidfd is readable once it has exited.
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  std::string stderr_text;
  bool err_open = true;
  const auto deadline = std::chrono::steady_clock::now() + command.timeout;
  bool exited = false;
  while (!exited) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      outcome.timed_out = true;
      break;
    }
    pollfd fds[2] = {{pidfd, POLLIN, 0}, {err_open ? err[0] : -1, POLLIN, 0}};
    int ready = poll(fds, 2, static_cast<int>(std::min<int64_t>(left.count(), 1 << 30)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (fds[1].revents != 0) {
      char buffer[4096];
      ssize_t n = read(err[0], buffer, sizeof buffer);
      if (n > 0) {
        stderr_text.append(buffer, static_cast<size_t>(n));
        if (stderr_text.size() > 2 * kStderrKeptBytes) {
          stderr_text.erase(0, stderr_text.size() - kStderrKeptBytes);
        }
      } else if (!(n < 0 && errno == EINTR)) {
        err_open = false;
      }
    }
    // Without a pidfd (kernels before 5.3), the end of stderr stands for the end.
    if ((pidfd >= 0 && fds[0].revents != 0) || (pidfd < 0 && !err_open)) exited = true;
  }
  if (outcome.timed_out) kill(-pid, SIGKILL);
  ForgetProcessGroup(pid);  // before the reap: its id cannot be reused until then
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  // What it wrote just before it ended (a grandchild holding the pipe does not keep us).
  if (err_open) {
    fcntl(err[0], F_SETFL, O_NONBLOCK);
    char buffer[4096];
    ssize_t n;
    while ((n = read(err[0], buffer, sizeof buffer)) > 0) {
      stderr_text.append(buffer, static_cast<size_t>(n));
      if (stderr_text.size() > 2 * kStderrKeptBytes) break;
    }
  }
  close(err[0]);
  if (pidfd >= 0) close(pidfd);
  if (outcome.timed_out) {
    outcome.error = name + " ran longer than " + Seconds(command.timeout) + " and was killed";
    return outcome;
  }
  if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
  if (outcome.exit_status == 0) {
    outcome.ok = true;
    return outcome;
  }
  const std::string line = LastLine(stderr_text);
  outcome.error = name + " failed (" +
                  (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                     : "killed by signal " + std::to_string(WTERMSIG(status))) +
                  ")" + (line.empty() ? "" : ": " + line);
  return outcome;
}

}  // namespace logstow::uploader
