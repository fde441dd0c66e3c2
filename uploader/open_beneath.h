// Opening a job's files through the log folder's directory descriptor, never through a symlink:
// a folder swapped for a link between the walk and the open (or any link at all on the way)
// makes the open fail instead of reading something outside the folder. Uses openat2 with
// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS when the kernel has it (Linux 5.6+; checked at run time,
// ENOSYS or a seccomp EPERM fall back), otherwise opens one path segment at a time with
// O_NOFOLLOW. Thread-safe. Tested by tests/unit/uploader/open_beneath_test.cc.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace logstow::uploader {

// A folder held open (O_DIRECTORY): what every file of an upload is opened beneath.
class RootFolder {
 public:
  // Throws logstow::Error ("upload.folder") when `path` is not a readable folder.
  explicit RootFolder(const std::filesystem::path& path);
  ~RootFolder();
  RootFolder(const RootFolder&) = delete;
  RootFolder& operator=(const RootFolder&) = delete;

  int fd() const { return fd_; }
  // The folder's canonical path when it was opened (for messages and resolving link targets).
  const std::filesystem::path& path() const { return path_; }

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

enum class BeneathMethod { kAuto, kSegmentBySegment };

// Opens `relative` ('/'-separated, no "." or ".." segments, no leading '/') under `root_fd` for
// reading, following no symlink, and checks it is a regular file. Returns the descriptor
// (O_CLOEXEC, blocking) or -errno: ELOOP/EXDEV when a link is on the way, EINVAL for a bad
// relative path, ENOENT, EACCES, or EISDIR/ENXIO-style errors for something not a regular file
// (reported as EINVAL). kSegmentBySegment forces the fallback (for tests).
int OpenBeneath(int root_fd, std::string_view relative,
                BeneathMethod method = BeneathMethod::kAuto);

// Whether OpenBeneath uses openat2 on this kernel (known after the first call; probes if not).
bool KernelHasOpenat2();

// Why an open failed, for messages: "a symlink is on the way (not followed)", strerror(...).
std::string OpenBeneathError(int negative_errno);

// The first `max_bytes` of `relative` opened as OpenBeneath() opens it, for typing a file by its
// first bytes; "" when it cannot be opened or read (the upload then says why).
std::string ReadHeadBeneath(int root_fd, std::string_view relative, size_t max_bytes);

}  // namespace logstow::uploader
