// tests/tools/fault_proxy.py as a child process in front of the test Swift, for the uploader's
// fault tests: started with the given flags, stopped at scope exit; its request log at `log`.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/testing/subprocess.h"
#include "tokens/token.h"

namespace logstow::testing {

class FaultProxy {
 public:
  // upstream: "http://127.0.0.1:PORT" (the Swift proxy's origin). Adds a test failure when the
  // proxy does not print "listening <port>" within 10 s.
  FaultProxy(const std::string& upstream, std::vector<std::string> flags,
             const std::filesystem::path& log);
  ~FaultProxy();
  std::string url() const { return "http://127.0.0.1:" + port_; }

 private:
  Process process_;
  std::string port_;
};

// The proxy logs a request once it has finished with it, which can be after the client gave up
// on it (a stalled request is logged when its delay ends): reads until the log holds at least
// `at_least` lines (every request the client sent), or a minute has passed; the caller checks
// the count.
std::vector<nlohmann::json> ReadProxyLog(const std::filesystem::path& log, size_t at_least);

// The token as the job gets it, but pointing at the proxy (same account path, so Swift's
// TempURL check behind the proxy sees the same HMAC path).
tokens::Token ThroughProxy(tokens::Token token, const std::string& proxy_url);

// "http://127.0.0.1:18080" of "http://127.0.0.1:18080/v1/AUTH_test".
std::string Origin(const std::string& storage_url);

}  // namespace logstow::testing
