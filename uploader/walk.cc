#include "uploader/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace logstow::uploader {

namespace fs = std::filesystem;

namespace {

class Walker {
 public:
  explicit Walker(const RootFolder& root) : root_(root) {}

  WalkResult Run() {
    VisitFolder(dup(root_.fd()), "");
    auto by_name = [](const auto& a, const auto& b) { return a.relative_path < b.relative_path; };
    std::sort(result_.files.begin(), result_.files.end(), by_name);
    std::sort(result_.skipped.begin(), result_.skipped.end(), by_name);
    std::sort(result_.unreadable.begin(), result_.unreadable.end(), by_name);
    return std::move(result_);
  }

 private:
  void Skip(const std::string& relative, std::string reason) {
    result_.skipped.push_back({relative, std::move(reason)});
  }

  // An entry gone since its folder was listed has nothing left to upload: skipped. Anything else
  // (no permission, an I/O error) hides files that exist: a failure, saying what to do.
  void CannotRead(const std::string& relative, const char* what, const char* lost, int error) {
    std::string reason = std::string(what) + ": " + std::strerror(error);
    if (error == ENOENT) {
      Skip(relative, reason + " (it vanished while the folder was read)");
      return;
    }
    result_.unreadable.push_back(
        {relative.empty() ? "." : relative,
         reason + "; " + lost +
             ": let the user running logstow read it, or move it out of the log folder"});
  }

  void AddFile(const std::string& name, std::string target, const struct stat& info) {
    result_.files.push_back({name, std::move(target), static_cast<uint64_t>(info.st_size),
                             static_cast<int64_t>(info.st_mtim.tv_sec)});
  }

  // Takes ownership of `fd` (a folder inside the root; `relative` is its name, "" for the root).
  void VisitFolder(int fd, const std::string& relative) {
    DIR* dir = fd >= 0 ? fdopendir(fd) : nullptr;
    if (dir == nullptr) {
      CannotRead(relative, "cannot read folder", "its files are not uploaded", errno);
      if (fd >= 0) close(fd);
      return;
    }
    errno = 0;
    while (dirent* entry = readdir(dir)) {
      std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      VisitEntry(dirfd(dir), name, relative.empty() ? name : relative + "/" + name);
      errno = 0;
    }
    if (errno != 0) {
      CannotRead(relative, "cannot read folder", "the rest of its files are not uploaded", errno);
    }
    closedir(dir);
  }

  void VisitEntry(int dir_fd, const std::string& base, const std::string& name) {
    struct stat info {};
    if (fstatat(dir_fd, base.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      CannotRead(name, "cannot stat", "not uploaded", errno);
    } else if (S_ISDIR(info.st_mode)) {
      VisitFolder(openat(dir_fd, base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC),
                  name);
    } else if (S_ISREG(info.st_mode)) {
      AddFile(name, name, info);
    } else if (S_ISLNK(info.st_mode)) {
      VisitLink(dir_fd, base, name);
    } else {
      Skip(name, "not a regular file (socket, FIFO or device)");
    }
  }

  // The link's target is resolved by path only to name it: the upload opens that name with
  // OpenBeneath, which follows no link, so a link changed meanwhile cannot lead outside.
  void VisitLink(int dir_fd, const std::string& base, const std::string& name) {
    char buffer[4096];
    ssize_t n = readlinkat(dir_fd, base.c_str(), buffer, sizeof buffer);
    const std::string written = n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "?";
    std::error_code ec;
    fs::path resolved = fs::canonical(root_.path() / name, ec);
    if (ec) {
      Skip(name, (ec == std::errc::too_many_symbolic_link_levels ? "symlink loop (-> "
                                                                 : "dangling symlink (-> ") +
                     written + ")");
      return;
    }
    fs::path inside = resolved.lexically_relative(root_.path());
    if (inside.empty() || *inside.begin() == "..") {
      Skip(name, "symlink leaves the folder (-> " + resolved.string() + ")");
      return;
    }
    struct stat info {};
    if (stat(resolved.c_str(), &info) != 0) {
      Skip(name, "dangling symlink (-> " + written + ")");
    } else if (S_ISDIR(info.st_mode)) {
      Skip(name, "symlink to a folder, not followed (-> " + written + ")");
    } else if (S_ISREG(info.st_mode)) {
      AddFile(name, inside == "." ? "" : inside.string(), info);
    } else {
      Skip(name, "symlink to something not a regular file (-> " + written + ")");
    }
  }

  const RootFolder& root_;
  WalkResult result_;
};

}  // namespace

WalkResult Walk(const RootFolder& root) { return Walker(root).Run(); }

WalkResult Walk(const fs::path& root) {
  RootFolder folder(root);
  return Walk(folder);
}

}  // namespace logstow::uploader
