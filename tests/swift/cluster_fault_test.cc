// The uploader against a real three-node Swift with 3-replica rings and two proxies
// (scripts/swift-dev start --cluster; ctest fixture swift_cluster, docs/swift-cluster.md):
//   - an object server killed by PID mid-upload and brought back later;
//   - a proxy killed mid-upload, and a proxy down from the start, the uploader given both
//     proxies (--fallback-storage-url).
// Each time every object must land, read back byte-identical (MD5 of the stored bytes = their
// ETag = the report's; tests/swift/upload_checks.h), be stored on at least a write quorum (2 of 3)
// of the devices, and no index page or manifest may name a missing object. The faults follow the
// uploader's progress; the test waits for events (a process gone, a port closed, a relaunch done),
// never a fixed time. Each test prints one "cluster-figures {json}" line; bench/swift_cluster.py
// collects them.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/swift/upload_checks.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/swift_container.h"
#include "tests/testing/temp_dir.h"
#include "uploader/upload.h"

namespace logstow::uploader {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

std::string StateDir() {
  const char* dir = std::getenv("LOGSTOW_SWIFT_DIR");
  return dir == nullptr ? "" : dir;
}

// `scripts/swift-dev start --cluster` on the fixture's ports: relaunches whatever is not
// running and returns once every server answers and a login works through both proxies.
testing::ProcessResult StartCluster() {
  return testing::RunProcess(
      {.argv = {LOGSTOW_SOURCE_DIR "/scripts/swift-dev", "start", "--cluster"},
       .env = {"LOGSTOW_SWIFT_DIR=" + StateDir(),
               "LOGSTOW_SWIFT_PROXY_PORT=" + std::to_string(LOGSTOW_CLUSTER_PROXY_PORT),
               "LOGSTOW_SWIFT_PORT_BASE=" + std::to_string(LOGSTOW_CLUSTER_PORT_BASE),
               "LOGSTOW_SWIFT_MEMCACHED_PORT=" + std::to_string(LOGSTOW_CLUSTER_MEMCACHED_PORT)}});
}

// Whatever a test killed is running again when it ends, pass or fail.
struct RelaunchAtEnd {
  ~RelaunchAtEnd() {
    testing::ProcessResult r = StartCluster();
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
};

pid_t PidOf(const std::string& name) {
  std::ifstream file(StateDir() + "/run/" + name + ".pid");
  pid_t pid = 0;
  file >> pid;
  EXPECT_GT(pid, 0) << "no pid file for " << name << " in " << StateDir() << "/run";
  return pid;
}

// Alive and not a zombie (init may reap the orphaned server a moment later).
bool Alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z';
}

bool Listening(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool open = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return open;
}

// Polls `done` until it holds; a test failure naming `what` after a minute.
void WaitUntil(const std::function<bool()>& done, const std::string& what) {
  const auto limit = Clock::now() + std::chrono::seconds(60);
  while (!done()) {
    if (Clock::now() > limit) {
      ADD_FAILURE() << "timed out waiting for " << what;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Kills a server (with `group`, its whole process group: a proxy and its worker) by the PID in
// its pid file, and waits until the process is gone and its port is closed.
void Kill(const std::string& name, int port, bool group) {
  pid_t pid = PidOf(name);
  ASSERT_GT(pid, 0);
  ASSERT_EQ(kill(group ? -pid : pid, SIGKILL), 0) << name << " pid " << pid;
  WaitUntil([&] { return !Alive(pid); }, name + " (pid " + std::to_string(pid) + ") to exit");
  WaitUntil([&] { return !Listening(port); }, "port " + std::to_string(port) + " to close");
}

// The uploader's progress as seen by the thread that injects a fault.
class ProgressGate {
 public:
  // Runs on the uploader's loop: past a hold point it keeps the upload waiting (up to two
  // minutes) until Release(), so a fault's end falls inside the upload however slow the machine.
  void Update(const UploadProgress& p) {
    std::unique_lock lock(mutex_);
    files_done_ = std::string(p.phase) == "files" ? p.files_done : SIZE_MAX;
    changed_.notify_all();
    if (files_done_ != SIZE_MAX && files_done_ >= hold_at_) {
      changed_.wait_for(lock, std::chrono::minutes(2), [&] { return released_; });
    }
  }
  void HoldAt(size_t files) {
    std::lock_guard lock(mutex_);
    hold_at_ = files;
  }
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  void Finish() {
    std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }
  // Waits until `files` files are done (landed or failed) or the upload has ended; true when
  // the upload is still in its files phase.
  bool WaitForFiles(size_t files) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_ || files_done_ >= files; });
    return !finished_ && files_done_ != SIZE_MAX;
  }
  // True while the upload is in its files phase.
  bool InFiles() {
    std::lock_guard lock(mutex_);
    return !finished_ && files_done_ != SIZE_MAX;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t files_done_ = 0;
  bool finished_ = false;
  size_t hold_at_ = SIZE_MAX;
  bool released_ = false;
};

// Objects under `prefix` that the container listing (one container replica's) leaves out.
int MissingFromListing(const UploadReport& report, const testing::SwiftContainer& c,
                       const std::string& prefix) {
  std::vector<std::string> listing = c.List(prefix);
  std::set<std::string> listed(listing.begin(), listing.end());
  int missing = 0;
  for (const ObjectResult& o : report.objects) {
    missing += o.status == ObjectStatus::kLanded && !listed.contains(prefix + o.name);
  }
  return missing;
}

// Copies of each object under `prefix` on the cluster's devices (tests/tools/count_replicas.py).
std::map<std::string, int> Copies(const testing::SwiftContainer& c, const std::string& prefix) {
  std::string account = c.env().storage_url.substr(c.env().storage_url.rfind('/'));
  testing::ProcessResult r = testing::RunProcess(
      {.argv = {"/usr/bin/python3", LOGSTOW_SOURCE_DIR "/tests/tools/count_replicas.py", StateDir(),
                account + "/" + c.name() + "/" + prefix}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> copies;
  if (r.exit_code == 0) copies = nlohmann::json::parse(r.out).get<std::map<std::string, int>>();
  return copies;
}

// Every landed object on at least 2 of the 3 devices (Swift's write quorum); returns how many
// objects have exactly 2 and 3 copies.
std::pair<int, int> ExpectQuorumCopies(const UploadReport& report, const testing::SwiftContainer& c,
                                       const std::string& prefix) {
  std::map<std::string, int> copies = Copies(c, prefix);
  int two = 0, three = 0;
  for (const ObjectResult& o : report.objects) {
    if (o.status != ObjectStatus::kLanded) continue;
    int n = copies.contains(o.name) ? copies.at(o.name) : 0;
    EXPECT_GE(n, 2) << o.name << " is stored on fewer devices than the write quorum";
    two += n == 2;
    three += n == 3;
  }
  return {two, three};
}

void PrintFigures(const std::string& scenario, const UploadReport& report,
                  std::pair<int, int> copies, const nlohmann::json& extra) {
  nlohmann::json figures = {{"scenario", scenario},
                            {"objects", report.objects.size()},
                            {"landed", report.count(ObjectStatus::kLanded)},
                            {"failed", report.count(ObjectStatus::kFailed)},
                            {"requests", report.requests},
                            {"retries", report.retries},
                            {"wall_seconds", report.wall_seconds},
                            {"objects_with_2_copies", copies.first},
                            {"objects_with_3_copies", copies.second}};
  figures.update(extra);
  std::cout << "cluster-figures " << figures.dump() << std::endl;
}

UploadOptions Options(const testing::TempDir& dir, const tokens::Token& token) {
  UploadOptions options{.folder = dir.path(), .token = token, .parallel = 16};
  options.retry = {.base_delay = std::chrono::milliseconds(100),
                   .max_delay = std::chrono::milliseconds(2000),
                   .max_total = std::chrono::seconds(60)};
  return options;
}

TEST(SwiftCluster, ObjectServerKilledAndRestartedMidUploadLosesNothing) {
  RelaunchAtEnd relaunch;
  testing::SwiftContainer c("cluster-kill");
  testing::TempDir dir;
  auto files = MakeTree(dir, 600, 2);
  UploadOptions options = Options(dir, c.Token("kill/"));
  ProgressGate gate;
  gate.HoldAt(60);
  options.on_progress = [&](const UploadProgress& p) { gate.Update(p); };

  // Node 2's object server dies after 40 files; its relaunch starts after 60 while the upload
  // is held there, and the upload goes on once the server is back.
  const int object_port = LOGSTOW_CLUSTER_PORT_BASE + 3;
  bool killed_mid_upload = false, back_mid_upload = false;
  double down_seconds = 0;
  std::thread fault([&] {
    killed_mid_upload = gate.WaitForFiles(40);
    auto down = Clock::now();
    Kill("object-server-2", object_port, false);
    gate.WaitForFiles(60);
    testing::ProcessResult r = StartCluster();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(Listening(object_port));
    back_mid_upload = gate.InFiles();
    down_seconds = std::chrono::duration<double>(Clock::now() - down).count();
    gate.Release();
  });
  UploadReport report = Upload(options);
  gate.Finish();
  fault.join();

  EXPECT_TRUE(killed_mid_upload && back_mid_upload)
      << "the upload's files were done before the fault was over: make the tree bigger";
  EXPECT_TRUE(report.ok()) << report.ToJson();
  ExpectConsistent(report, files, c, "kill/");
  std::pair<int, int> copies = ExpectQuorumCopies(report, c, "kill/");
  EXPECT_GT(copies.first, 0) << "objects written while node 2 was down have 2 copies";
  PrintFigures("object-server-killed", report, copies,
               {{"object_server_down_seconds", down_seconds},
                {"missing_from_listing", MissingFromListing(report, c, "kill/")}});
}

TEST(SwiftCluster, ProxyKilledMidUploadTheOtherProxyTakesOver) {
  RelaunchAtEnd relaunch;
  testing::SwiftContainer c("cluster-proxy");
  ASSERT_FALSE(c.env().storage_url_2.empty()) << "the fixture's Swift is not a cluster";
  testing::TempDir dir;
  auto files = MakeTree(dir, 300, 2);
  UploadOptions options = Options(dir, c.Token("proxy/"));
  options.fallback_storage_urls = {c.env().storage_url_2};
  ProgressGate gate;
  gate.HoldAt(40);  // the upload waits there until proxy 1 is gone
  options.on_progress = [&](const UploadProgress& p) { gate.Update(p); };

  bool killed_mid_upload = false;
  std::thread fault([&] {
    killed_mid_upload = gate.WaitForFiles(40);
    Kill("proxy-server-1", LOGSTOW_CLUSTER_PROXY_PORT, true);
    gate.Release();
  });
  UploadReport report = Upload(options);
  gate.Finish();
  fault.join();
  EXPECT_TRUE(killed_mid_upload) << "the upload ended before the fault: make the tree bigger";
  EXPECT_FALSE(Listening(LOGSTOW_CLUSTER_PROXY_PORT)) << "proxy 1 stays down to the end";

  EXPECT_TRUE(report.ok()) << report.ToJson();
  EXPECT_THAT(report.warnings,
              ::testing::Contains(HasSubstr("could not connect to " + c.env().storage_url + " (")))
      << report.ToJson();
  int failovers = 0;
  for (const std::string& w : report.warnings) failovers += w.starts_with("could not connect");
  EXPECT_EQ(failovers, 1) << "moved to proxy 2 once and stayed there";
  // Read back through proxy 1 again: the same objects, whichever proxy stored them.
  ASSERT_EQ(StartCluster().exit_code, 0);
  ExpectConsistent(report, files, c, "proxy/");
  PrintFigures("proxy-killed", report, ExpectQuorumCopies(report, c, "proxy/"),
               {{"failovers", failovers},
                {"missing_from_listing", MissingFromListing(report, c, "proxy/")}});
}

TEST(SwiftCluster, ProxyDownFromTheStartTheFallbackTakesEverything) {
  RelaunchAtEnd relaunch;
  testing::SwiftContainer c("cluster-down");
  testing::TempDir dir;
  auto files = MakeTree(dir, 30, 0);
  Kill("proxy-server-1", LOGSTOW_CLUSTER_PROXY_PORT, true);
  UploadOptions options = Options(dir, c.Token("down/"));
  options.fallback_storage_urls = {c.env().storage_url_2};
  UploadReport report = Upload(options);

  EXPECT_TRUE(report.ok()) << report.ToJson();
  EXPECT_THAT(report.warnings, ::testing::Not(::testing::Contains(HasSubstr("/info"))))
      << "/info came from proxy 2";
  EXPECT_THAT(report.warnings,
              ::testing::Contains(HasSubstr("continuing with " + c.env().storage_url_2)));
  EXPECT_LE(report.retries, static_cast<int>(options.parallel))
      << "only the requests sent before the first refusal needed another attempt";
  ASSERT_EQ(StartCluster().exit_code, 0);
  ExpectConsistent(report, files, c, "down/");
  PrintFigures("proxy-down-at-start", report, ExpectQuorumCopies(report, c, "down/"),
               {{"missing_from_listing", MissingFromListing(report, c, "down/")}});
}

}  // namespace
}  // namespace logstow::uploader
