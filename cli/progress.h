// Upload progress on stderr: on a terminal a bar redrawn in place (files, bytes, rate, ETA);
// in CI logs a plain line every 10 seconds; or nothing. Not thread-safe (the upload thread
// calls it).
#pragma once

#include <chrono>
#include <string>

#include "uploader/upload.h"

namespace logstow::cli {

enum class ProgressMode { kTty, kPlain, kNone };

// "auto" picks kTty when stderr is a terminal, else kPlain. Throws UsageError for other words.
ProgressMode ParseProgressMode(const std::string& text);

class ProgressPrinter {
 public:
  explicit ProgressPrinter(ProgressMode mode);
  void Update(const uploader::UploadProgress& progress);
  // Ends the bar's line (TTY), so later messages start on a fresh line.
  void Finish();

 private:
  std::string Line(const uploader::UploadProgress& p) const;

  ProgressMode mode_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_plain_;
  bool drawn_ = false;
  std::string last_done_phase_;  // plain mode: the phase whose end was printed
};

}  // namespace logstow::cli
