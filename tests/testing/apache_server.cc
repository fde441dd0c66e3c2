#include "tests/testing/apache_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "tests/testing/temp_dir.h"

namespace logstow::testing {

namespace {

namespace fs = std::filesystem;

constexpr char kApache[] = "/usr/sbin/apache2";
constexpr char kModules[] = "/usr/lib/apache2/modules";

// A port the kernel picks as free on 127.0.0.1 (closed again at once for apache2 to take).
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

ApacheServer::ApacheServer(const std::string& config,
                           const std::map<std::string, std::string>& files) {
  if (!fs::exists(kApache)) {
    ADD_FAILURE() << kApache << " is missing: install Debian's apache2 (scripts/setup does)";
    return;
  }
  std::string pattern = (fs::temp_directory_path() / "logstow-apache-XXXXXX").string();
  dir_ = mkdtemp(pattern.data());
  // Run as root, apache2's workers switch to nobody, who must read the map.
  chmod(dir_.c_str(), 0755);
  for (const auto& [name, contents] : files) {
    std::ofstream(dir_ / name, std::ios::binary) << contents;
    chmod((dir_ / name).c_str(), 0644);
  }
  port_ = FreePort();
  const std::string d = dir_.string();
  std::string conf = "ServerRoot \"" + d + "\"\nDefaultRuntimeDir \"" + d + "\"\nPidFile \"" + d +
                     "/httpd.pid\"\nErrorLog \"" + d + "/error.log\"\n";
  for (const char* module : {"mpm_event", "authz_core", "rewrite"}) {
    conf +=
        std::string("LoadModule ") + module + "_module " + kModules + "/mod_" + module + ".so\n";
  }
  if (geteuid() == 0) conf += "User nobody\nGroup nogroup\n";
  conf += "Listen 127.0.0.1:" + std::to_string(port_) + "\nServerName 127.0.0.1\n";
  conf += "DocumentRoot \"" + d + "/htdocs\"\n";
  fs::create_directories(dir_ / "htdocs");
  conf += ReplaceAll(config, "@DIR@", d) + "\n";
  std::ofstream(dir_ / "httpd.conf") << conf;
  process_ = std::make_unique<Process>(
      ProcessOptions{.argv = {kApache, "-f", (dir_ / "httpd.conf").string(), "-DFOREGROUND"}});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!Accepts(port_)) {
    if (std::chrono::steady_clock::now() > deadline || kill(process_->pid(), 0) != 0) {
      ProcessResult r = process_->Stop();
      ADD_FAILURE() << "apache2 did not start: " << r.err << ErrorLog();
      process_.reset();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling for the port
  }
}

ApacheServer::~ApacheServer() {
  if (process_) process_->Stop();
  process_.reset();
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

std::string ApacheServer::ErrorLog() const { return ReadFile(dir_ / "error.log"); }

}  // namespace logstow::testing
