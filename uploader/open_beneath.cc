#include "uploader/open_beneath.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace logstow::uploader {

namespace {

// -1 unknown, 0 no, 1 yes.
std::atomic<int> g_has_openat2{-1};

constexpr int kReadFlags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;

bool ValidRelative(std::string_view relative) {
  if (relative.empty() || relative.front() == '/' || relative.back() == '/') return false;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view segment = relative.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return relative.find('\0') == std::string_view::npos;
}

// -errno on failure, the fd otherwise; -ENOSYS when the kernel (or a seccomp filter) lacks it.
int TryOpenat2(int root_fd, const std::string& relative) {
  open_how how{};
  how.flags = kReadFlags;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  long fd = syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how);
  if (fd >= 0) return static_cast<int>(fd);
  int error = errno;
  // Container runtimes' seccomp profiles answer EPERM for syscalls they do not know.
  if (error == ENOSYS || (error == EPERM && g_has_openat2.load() != 1)) return -ENOSYS;
  return -error;
}

int OpenSegmentBySegment(int root_fd, const std::string& relative) {
  int dir = root_fd;
  size_t start = 0;
  int result = -EINVAL;
  while (true) {
    size_t slash = relative.find('/', start);
    std::string segment =
        relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (slash == std::string::npos) {
      int fd = openat(dir, segment.c_str(), kReadFlags);
      result = fd >= 0 ? fd : -errno;
      break;
    }
    int next = openat(dir, segment.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) {
      // O_NOFOLLOW with O_DIRECTORY on a link gives ENOTDIR: call it what it is.
      int error = errno;
      struct stat info {};
      if (fstatat(dir, segment.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(info.st_mode)) {
        error = ELOOP;
      }
      result = -error;
      break;
    }
    if (dir != root_fd) close(dir);
    dir = next;
    start = slash + 1;
  }
  if (dir != root_fd) close(dir);
  return result;
}

}  // namespace

RootFolder::RootFolder(const std::filesystem::path& path) {
  std::error_code ec;
  path_ = std::filesystem::canonical(path, ec);
  if (!ec) fd_ = open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (ec || fd_ < 0) {
    throw Error("upload.folder", "'" + path.string() +
                                     "' is not a folder: give the folder that "
                                     "holds the job's logs");
  }
}

RootFolder::~RootFolder() {
  if (fd_ >= 0) close(fd_);
}

int OpenBeneath(int root_fd, std::string_view relative_view, BeneathMethod method) {
  if (!ValidRelative(relative_view)) return -EINVAL;
  const std::string relative(relative_view);
  int fd = -ENOSYS;
  if (method == BeneathMethod::kAuto && g_has_openat2.load() != 0) {
    fd = TryOpenat2(root_fd, relative);
    if (fd == -ENOSYS) {
      g_has_openat2 = 0;
    } else {
      g_has_openat2 = 1;
    }
  }
  if (fd == -ENOSYS) fd = OpenSegmentBySegment(root_fd, relative);
  if (fd < 0) return fd == -EXDEV ? -ELOOP : fd;
  // O_NONBLOCK kept a FIFO swapped in from blocking the open; only regular files are read.
  struct stat info {};
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    close(fd);
    return -EINVAL;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

bool KernelHasOpenat2() {
  if (g_has_openat2.load() == -1) {
    int fd = TryOpenat2(AT_FDCWD, ".");
    if (fd >= 0) close(fd);
    g_has_openat2 = fd == -ENOSYS ? 0 : 1;
  }
  return g_has_openat2.load() == 1;
}

std::string OpenBeneathError(int negative_errno) {
  switch (-negative_errno) {
    case ELOOP:
      return "a symlink is on the way (it changed after the folder was read; not followed)";
    case EINVAL:
      return "not a regular file any more";
    default:
      return std::strerror(-negative_errno);
  }
}

std::string ReadHeadBeneath(int root_fd, std::string_view relative, size_t max_bytes) {
  int fd = OpenBeneath(root_fd, relative);
  if (fd < 0) return "";
  std::string head(max_bytes, '\0');
  size_t got = 0;
  while (got < head.size()) {
    ssize_t n = read(fd, head.data() + got, head.size() - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  head.resize(got);
  return head;
}

}  // namespace logstow::uploader
