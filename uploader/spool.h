// A private temporary folder for the output of `command` processing stages
// (uploader/processing.h): each output is written to a file here and uploaded from it, so its
// size and MD5 are known before the PUT starts, a retry or a segment re-reads the same bytes,
// and memory stays flat whatever the size. Made with mkdtemp(3) (mode 0700) under the parent
// given ($TMPDIR, else /tmp), removed with its files when the SpoolFolder is destroyed (after
// the upload, or by uploader/interrupt_cleanup.h when it is stopped by a signal). Disk use: the sum
// of the command outputs of the run. Thread-safe: Create() may be called from several threads.
// Tested through tests/unit/uploader/processing_test.cc.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

namespace logstow::uploader {

class SpoolFolder {
 public:
  // Throws logstow::Error "processing.spool" when the folder cannot be made.
  explicit SpoolFolder(const std::filesystem::path& parent);
  ~SpoolFolder();
  SpoolFolder(const SpoolFolder&) = delete;
  SpoolFolder& operator=(const SpoolFolder&) = delete;

  // The folder's descriptor (read files beneath it with uploader/open_beneath.h).
  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  // A new empty file (mode 0600): its name relative to fd(), and a descriptor open for writing
  // (the caller closes it); -errno when it cannot be made.
  int Create(std::string* name);

  // $TMPDIR when set and not empty, else /tmp.
  static std::filesystem::path DefaultParent();

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::atomic<uint64_t> next_{0};
};

}  // namespace logstow::uploader
