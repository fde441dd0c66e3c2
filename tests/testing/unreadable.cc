#include "tests/testing/unreadable.h"

#include <unistd.h>

namespace logstow::testing {

namespace fs = std::filesystem;

LockedFolder::LockedFolder(fs::path path) : path_(std::move(path)) {
  fs::permissions(path_, fs::perms::none);
}

LockedFolder::~LockedFolder() {
  std::error_code ignored;
  fs::permissions(path_, fs::perms::owner_all, ignored);
}

std::vector<std::string> BoundByFileModes(std::vector<std::string> argv) {
  if (geteuid() != 0) return argv;
  argv.insert(argv.begin(),
              {"/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"});
  return argv;
}

}  // namespace logstow::testing
