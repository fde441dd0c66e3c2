#include "tests/testing/fault_proxy.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <thread>

namespace logstow::testing {

namespace {

ProcessOptions Options(const std::string& upstream, std::vector<std::string> flags,
                       const std::filesystem::path& log) {
  std::vector<std::string> argv = {"/usr/bin/python3",
                                   LOGSTOW_SOURCE_DIR "/tests/tools/fault_proxy.py",
                                   "--upstream",
                                   upstream,
                                   "--log",
                                   log.string()};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return {.argv = argv};
}

}  // namespace

FaultProxy::FaultProxy(const std::string& upstream, std::vector<std::string> flags,
                       const std::filesystem::path& log)
    : process_(Options(upstream, std::move(flags), log)) {
  std::string line = process_.ReadLine(10000);
  EXPECT_TRUE(line.starts_with("listening ")) << "fault proxy did not start: " << line;
  port_ = line.size() > 10 ? line.substr(10) : "0";
}

FaultProxy::~FaultProxy() { process_.Stop(); }

std::vector<nlohmann::json> ReadProxyLog(const std::filesystem::path& log, size_t at_least) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  for (;;) {
    std::vector<nlohmann::json> lines;
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_discarded()) lines.push_back(j);
    }
    if (lines.size() >= at_least || std::chrono::steady_clock::now() > deadline) return lines;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // poll interval, not a wait
  }
}

tokens::Token ThroughProxy(tokens::Token token, const std::string& proxy_url) {
  std::string& url = token.scope.storage_url;
  url = proxy_url + url.substr(url.find("/v1/"));
  return token;
}

std::string Origin(const std::string& storage_url) {
  return storage_url.substr(0, storage_url.find("/v1/"));
}

}  // namespace logstow::testing
