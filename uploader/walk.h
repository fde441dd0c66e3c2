// Walking a job's log folder: every regular file under the root, in a stable order, without ever
// leaving the root. Walks through directory descriptors (openat, O_NOFOLLOW), so a folder
// swapped for a link while walking is not entered. Symlinks, as zuul-jobs' upload-logs-swift
// treats them (os.walk without followlinks): a link to a folder is never descended (skipped,
// named, with the reason); a link to a file inside the root is uploaded under the link's own
// name with the target's bytes (and the target's name decides its type). Links that leave the
// root, dangling links and link loops are skipped; so are sockets, FIFOs and devices. A folder
// (or entry) that exists but cannot be read is no skip but a failure: its files would be lost
// without anyone being told, so the upload fails it by name (docs/cli.md).
// Not thread-safe (one caller). Tested by tests/unit/uploader/walk_test.cc.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "uploader/open_beneath.h"

namespace logstow::uploader {

struct WalkEntry {
  // Path relative to the root with '/' separators, as bytes from the file system
  // ("logs/nova/n-api.txt"). Sorted by these bytes.
  std::string relative_path;
  // What to open, relative to the root, with no symlink on the way: relative_path itself, or
  // the resolved target of a symlink (inside the root). Open it with OpenBeneath.
  std::string target;
  uint64_t size_bytes = 0;
  int64_t mtime_unix_s = 0;  // modification time, Unix seconds, UTC
};

struct WalkWarning {
  std::string relative_path;
  // "symlink to a folder, not followed (-> real)", "symlink leaves the folder (-> /etc/passwd)",
  // "dangling symlink (-> missing.txt)", "symlink loop (-> a)", "not a regular file ...";
  // for an unreadable entry "cannot read folder: Permission denied", "cannot stat: ...".
  std::string reason;
};

struct WalkResult {
  std::vector<WalkEntry> files;
  std::vector<WalkWarning> skipped;  // sorted by relative_path
  // Folders (and entries) that exist but could not be read (EACCES, EIO, ...): their files are
  // unknown, so the upload fails them. The root itself is ".". Sorted by relative_path.
  std::vector<WalkWarning> unreadable;
};

// Walks the folder `root` holds open. Entries that vanish while it walks (ENOENT) are skipped;
// other read errors go to `unreadable`.
WalkResult Walk(const RootFolder& root);

// Opens `root` and walks it. Throws logstow::Error (code "upload.folder") when root is not a
// readable folder.
WalkResult Walk(const std::filesystem::path& root);

}  // namespace logstow::uploader
