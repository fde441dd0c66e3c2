#include "uploader/spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "common/error.h"
#include "uploader/interrupt_cleanup.h"

namespace logstow::uploader {

SpoolFolder::SpoolFolder(const std::filesystem::path& parent) {
  std::string pattern = (parent / "logstow-spool-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw Error("processing.spool", "cannot make a spool folder for command stages in '" +
                                        parent.string() + "': " + std::strerror(errno) +
                                        "; set TMPDIR to a writable folder with room for the "
                                        "commands' output");
  }
  path_ = pattern;
  TrackSpoolFolder(path_);  // removed even when the upload is stopped by a signal
  fd_ = open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) {
    const int error = errno;
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    ForgetSpoolFolder(path_);
    throw Error("processing.spool",
                "cannot open the spool folder '" + path_.string() + "': " + std::strerror(error));
  }
}

SpoolFolder::~SpoolFolder() {
  if (fd_ >= 0) close(fd_);
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
  ForgetSpoolFolder(path_);
}

int SpoolFolder::Create(std::string* name) {
  *name = std::to_string(next_++);
  int fd = openat(fd_, name->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  return fd < 0 ? -errno : fd;
}

std::filesystem::path SpoolFolder::DefaultParent() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? std::filesystem::path(tmp) : "/tmp";
}

}  // namespace logstow::uploader
