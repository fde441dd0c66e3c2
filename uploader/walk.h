// Walking a job's log folder: every regular file under the root, in a stable order, without ever
// leaving the root. Symlinks: a link to a file (or folder) inside the root is followed and its
// target uploaded under the link's own name; links that leave the root, dangling links and
// loops are skipped with a warning naming them. Sockets, FIFOs and devices are skipped too.
// Not thread-safe (one caller). Tested by tests/unit/uploader/walk_test.cc.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace logstow::uploader {

struct WalkEntry {
  // Path relative to the root with '/' separators, as bytes from the file system
  // ("logs/nova/n-api.txt"). Sorted by these bytes.
  std::string relative_path;
  // What to open: the file itself, or the target of a symlink (inside the root).
  std::filesystem::path source;
  uint64_t size_bytes = 0;
  int64_t mtime_unix_s = 0;  // modification time, Unix seconds, UTC
};

struct WalkWarning {
  std::string relative_path;
  std::string reason;  // "symlink leaves the folder (-> /etc/passwd)", "dangling symlink", ...
};

struct WalkResult {
  std::vector<WalkEntry> files;
  std::vector<WalkWarning> skipped;
};

// Walks `root` (a folder). Throws logstow::Error (code "upload.folder") when root is not a
// readable folder. Unreadable subfolders become warnings, not errors.
WalkResult Walk(const std::filesystem::path& root);

}  // namespace logstow::uploader
