// Debian's apache2 as a child process for tests: its own ServerRoot, config, pid file and logs
// in a fresh folder, listening on a free loopback port, mod_rewrite loaded and the given lines
// added to the server config; never the system service. Stopped (SIGTERM, waited for) at scope
// exit. Used by tests/swift/import_test.cc with the redirect map `logstow import` writes.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "tests/testing/subprocess.h"

namespace logstow::testing {

class ApacheServer {
 public:
  // Writes `files` (name -> contents) into its folder first, so `config` can name them as
  // "@DIR@/name" ("@DIR@" is replaced by the folder). Adds a test failure when apache2 is
  // missing (scripts/setup installs it), refuses the config, or does not accept a connection
  // within 30 s.
  ApacheServer(const std::string& config, const std::map<std::string, std::string>& files);
  ~ApacheServer();
  ApacheServer(const ApacheServer&) = delete;
  ApacheServer& operator=(const ApacheServer&) = delete;

  bool running() const { return process_ != nullptr; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Its folder; files put in dir()/htdocs (readable by others: the workers run as nobody) are
  // served at origin() + "/name", with their modification time as Last-Modified.
  const std::filesystem::path& dir() const { return dir_; }
  // The error log (for failure messages).
  std::string ErrorLog() const;

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  std::unique_ptr<Process> process_;
};

}  // namespace logstow::testing
