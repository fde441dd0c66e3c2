#include "bench/oslo_log_generator.h"

#include <cstdio>

namespace logstow::bench {

namespace {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  uint64_t Next() {  // xorshift64*
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

const char* const kModules[] = {
    "nova.compute.manager",    "nova.api.openstack.wsgi", "nova.wsgi",
    "oslo.lockutils",          "neutron.agent.l3.agent",  "cinder.volume.manager",
    "keystonemiddleware.auth", "oslo.messaging"};
const char* const kMessages[] = {"Acquired semaphore \"singleton_lock\" lock",
                                 "Instance spawned successfully.",
                                 "\"GET /v2.1/servers HTTP/1.1\" status: 200",
                                 "Got semaphore / lock \"update_usage\" inner lockutils.py:248",
                                 "Returning 404 to user: Instance could not be found.",
                                 "GET http://127.0.0.1:9696/v2.0/ports.json",
                                 "Lazy-loading 'flavor'",
                                 "Running periodic task"};

}  // namespace

std::string GenerateOsloLog(size_t bytes, uint64_t seed, int fresh_id_per_mille) {
  Random random(seed);
  std::string out;
  out.reserve(bytes + 4096);
  long long ms = 0;
  uint64_t request = 0;
  char line[4096];
  while (out.size() < bytes) {
    ms += 1 + static_cast<long long>(random.Below(40));
    const long long s = ms / 1000;
    const int pid = 2500 + static_cast<int>(random.Below(8));
    const size_t roll = random.Below(1000);
    const char* level = roll < 700   ? "DEBUG"
                        : roll < 900 ? "INFO"
                        : roll < 930 ? "AUDIT"
                        : roll < 970 ? "WARNING"
                        : roll < 990 ? "ERROR"
                                     : nullptr;
    const char* module = kModules[random.Below(8)];
    const uint64_t id = random.Next();
    // Drawn on every line (so the default output is what it always was); kept or not.
    if (request == 0 || static_cast<int>(id % 1000) < fresh_id_per_mille) request = id;
    int n;
    char stamp[40];
    std::snprintf(stamp, sizeof(stamp), "2013-09-27 %02lld:%02lld:%02lld.%03lld", 18 + s / 3600 % 6,
                  s / 60 % 60, s % 60, ms % 1000);
    if (level == nullptr) {
      if (roll < 995) {  // a continuation line (no level: inherits)
        n = std::snprintf(line, sizeof(line),
                          "    <item><instanceId>i-%08llx</instanceId></item>\n",
                          static_cast<unsigned long long>(id & 0xffffffff));
      } else {  // an oslo traceback block
        n = std::snprintf(
            line, sizeof(line),
            "%s %d TRACE %s Traceback (most recent call last):\n"
            "%s %d TRACE %s   File \"/opt/stack/new/nova/nova/compute/manager.py\", line %zu, in "
            "_run\n"
            "%s %d TRACE %s ValueError: invalid literal for int() with base 10: 'x'\n",
            stamp, pid, module, stamp, pid, module, 100 + random.Below(3000), stamp, pid, module);
      }
    } else {
      // Most lines carry no request id; in a log of long requests (fresh ids rare) all do.
      if (random.Below(10) < 8 && fresh_id_per_mille >= 1000) {
        n = std::snprintf(line, sizeof(line), "%s %d %s %s [-] %s\n", stamp, pid, level, module,
                          kMessages[random.Below(8)]);
        out.append(line, static_cast<size_t>(n));
        continue;
      }
      n = std::snprintf(
          line, sizeof(line), "%s %d %s %s [req-%08llx-%04llx-4%03llx-a%03llx-%012llx] %s\n", stamp,
          pid, level, module, static_cast<unsigned long long>(request >> 32),
          static_cast<unsigned long long>(request >> 16 & 0xffff),
          static_cast<unsigned long long>(request >> 4 & 0xfff),
          static_cast<unsigned long long>(request >> 20 & 0xfff),
          static_cast<unsigned long long>(request & 0xffffffffffffull), kMessages[random.Below(8)]);
    }
    out.append(line, static_cast<size_t>(n));
    if (random.Below(2000) == 0) {  // a long line, like dumped request bodies
      out.append(stamp).append(" 2515 DEBUG nova.api [-] body: ");
      for (int i = 0; i < 40; ++i) out.append("{\"key\": \"value-0123456789\", \"n\": 12345}, ");
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace logstow::bench
