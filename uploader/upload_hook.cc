#include "uploader/upload_hook.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "uploader/command_filter.h"
#include "uploader/spool.h"

namespace logstow::uploader {

std::string RunUploadHook(const std::string& command, const std::string& report_json,
                          std::chrono::seconds timeout) {
  const std::string suffix = "; the upload itself is not affected";
  int fd = open(SpoolFolder::DefaultParent().c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) {  // a file system without O_TMPFILE: a named file, unlinked at once
    std::string path = (SpoolFolder::DefaultParent() / "logstow-report-XXXXXX").string();
    fd = mkostemp(path.data(), O_CLOEXEC);
    if (fd >= 0) unlink(path.c_str());
  }
  if (fd < 0) {
    return "--on-uploaded command not run: no temporary file for the report in " +
           SpoolFolder::DefaultParent().string() + " (" + std::strerror(errno) + ")" + suffix;
  }
  size_t written = 0;
  while (written < report_json.size()) {
    ssize_t n = write(fd, report_json.data() + written, report_json.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      close(fd);
      return "--on-uploaded command not run: cannot write the report (" +
             std::string(std::strerror(error)) + ")" + suffix;
    }
    written += static_cast<size_t>(n);
  }
  lseek(fd, 0, SEEK_SET);
  FilterOutcome outcome = RunFilter(
      {.argv = {"/bin/sh", "-c", command}, .timeout = timeout, .label = "--on-uploaded command"},
      fd, STDERR_FILENO);
  close(fd);
  if (outcome.ok) return "";
  return outcome.error + suffix;
}

}  // namespace logstow::uploader
