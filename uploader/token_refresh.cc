#include "uploader/token_refresh.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common/error.h"
#include "common/time_format.h"
#include "tokens/token_codec.h"

extern char** environ;

namespace logstow::uploader {

tokens::Token AcceptRefreshedToken(const tokens::Token& current, std::string_view text) {
  tokens::Token next = tokens::DecodeToken(text);
  const tokens::TokenScope& a = current.scope;
  const tokens::TokenScope& b = next.scope;
  auto differs = [](const char* field, const std::string& was, const std::string& now) {
    throw Error("upload.token_scope", "the new token is for another " + std::string(field) + " ('" +
                                          now + "', not '" + was +
                                          "'): refused; the command must print a token for "
                                          "this build's prefix");
  };
  if (a.storage_url != b.storage_url) differs("storage URL", a.storage_url, b.storage_url);
  if (a.container != b.container) differs("container", a.container, b.container);
  if (a.prefix != b.prefix) differs("prefix", a.prefix, b.prefix);
  if (b.expires_unix_s <= a.expires_unix_s) {
    throw Error("upload.token_expired", "the new token expires at " +
                                            FormatUnixTimeUtc(b.expires_unix_s) +
                                            ", no later than the old one: refused");
  }
  return next;
}

std::string RunTokenCommand(const std::string& command, std::chrono::seconds timeout) {
  std::vector<std::string> words;
  size_t at = 0;
  while ((at = command.find_first_not_of(" \t", at)) != std::string::npos) {
    size_t end = command.find_first_of(" \t", at);
    words.push_back(command.substr(at, end == std::string::npos ? end : end - at));
    at = end;
  }
  if (words.empty()) throw Error("upload.token_command", "--token-command is empty");
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw Error("upload.token_command", std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  pid_t pid = -1;
  int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    throw Error("upload.token_command",
                "cannot run --token-command '" + words[0] + "': " + std::strerror(spawned));
  }
  std::string output;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{out[0], POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) == 0) {
      timed_out = true;
      break;
    }
    char buffer[4096];
    ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buffer, static_cast<size_t>(n));
    if (output.size() > 1 << 20) break;  // no token is a megabyte
  }
  close(out[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    throw Error("upload.token_command", "--token-command '" + words[0] + "' ran longer than " +
                                            std::to_string(timeout.count()) + " s and was killed");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error("upload.token_command",
                "--token-command '" + words[0] + "' failed (" +
                    (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                       : "killed by signal " + std::to_string(WTERMSIG(status))) +
                    ")");
  }
  return output;
}

}  // namespace logstow::uploader
