#include "uploader/walk.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <system_error>

#include "common/error.h"

namespace logstow::uploader {

namespace fs = std::filesystem;

namespace {

struct FileId {
  dev_t device;
  ino_t inode;
  auto operator<=>(const FileId&) const = default;
};

class Walker {
 public:
  explicit Walker(const fs::path& root) : root_(fs::canonical(root)) {}

  WalkResult Run() {
    std::set<FileId> ancestors;
    VisitFolder(root_, "", ancestors);
    std::sort(result_.files.begin(), result_.files.end(),
              [](const WalkEntry& a, const WalkEntry& b) {
                return a.relative_path < b.relative_path;
              });
    return std::move(result_);
  }

 private:
  bool InsideRoot(const fs::path& canonical) const {
    auto [root_end, ignored] = std::mismatch(root_.begin(), root_.end(), canonical.begin(),
                                             canonical.end());
    return root_end == root_.end();
  }

  void Skip(const std::string& relative, std::string reason) {
    result_.skipped.push_back({relative, std::move(reason)});
  }

  // `folder` is a real path inside the root; `relative` its name under the root ("" for the root).
  // `ancestors` holds the folders on the way down, so a link back up ends the walk there.
  void VisitFolder(const fs::path& folder, const std::string& relative,
                   std::set<FileId>& ancestors) {
    struct stat info {};
    if (stat(folder.c_str(), &info) != 0) return;
    FileId id{info.st_dev, info.st_ino};
    if (!ancestors.insert(id).second) {
      Skip(relative, "symlink loop (a folder that contains itself)");
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) {
      Skip(relative, "cannot read folder: " + ec.message());
      ancestors.erase(id);
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        Skip(relative, "cannot read folder: " + ec.message());
        break;
      }
      const fs::path& path = it->path();
      std::string name = relative.empty() ? path.filename().string()
                                          : relative + "/" + path.filename().string();
      VisitEntry(path, name, ancestors);
    }
    ancestors.erase(id);
  }

  void VisitEntry(const fs::path& path, const std::string& name, std::set<FileId>& ancestors) {
    std::error_code ec;
    fs::file_status link_status = fs::symlink_status(path, ec);
    fs::path target = path;
    if (fs::is_symlink(link_status)) {
      fs::path resolved = fs::weakly_canonical(path, ec);
      if (ec || !fs::exists(resolved, ec)) {
        Skip(name, "dangling symlink (-> " + fs::read_symlink(path, ec).string() + ")");
        return;
      }
      if (!InsideRoot(resolved)) {
        Skip(name, "symlink leaves the folder (-> " + resolved.string() + ")");
        return;
      }
      target = resolved;
    }
    struct stat info {};
    if (stat(target.c_str(), &info) != 0) {
      Skip(name, std::string("cannot stat: ") + std::strerror(errno));
      return;
    }
    if (S_ISDIR(info.st_mode)) {
      VisitFolder(target, name, ancestors);
    } else if (S_ISREG(info.st_mode)) {
      result_.files.push_back({name, target, static_cast<uint64_t>(info.st_size),
                               static_cast<int64_t>(info.st_mtim.tv_sec)});
    } else {
      Skip(name, "not a regular file (socket, FIFO or device)");
    }
  }

  fs::path root_;
  WalkResult result_;
};

}  // namespace

WalkResult Walk(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    throw Error("upload.folder", "'" + root.string() + "' is not a folder: give the folder that "
                                 "holds the job's logs");
  }
  return Walker(root).Run();
}

}  // namespace logstow::uploader
