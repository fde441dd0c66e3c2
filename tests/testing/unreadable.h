// A folder a child process cannot read, also when the tests run as root (as in CI), for the
// uploader's tests of what it cannot read: the folder gets mode 000, and a root child runs
// without the capabilities that let root ignore modes (setpriv(1) from util-linux drops
// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its bounding set; it stays root otherwise, so
// it reads everything else the test wrote). Tested by being used in tests/unit/cli/ and
// tests/swift/.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace logstow::testing {

// Mode 000 from construction, mode 0700 again at scope exit (so TempDir can remove it).
class LockedFolder {
 public:
  explicit LockedFolder(std::filesystem::path path);
  ~LockedFolder();
  LockedFolder(const LockedFolder&) = delete;
  LockedFolder& operator=(const LockedFolder&) = delete;

 private:
  std::filesystem::path path_;
};

// `argv` run so that modes bind: as it is for a user other than root; behind setpriv for root.
std::vector<std::string> BoundByFileModes(std::vector<std::string> argv);

}  // namespace logstow::testing
