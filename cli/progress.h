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

// The progress line (without the TTY bar) for `p`, `phase_seconds` into its phase: "files
// 3/10, 1.2 MiB/4.0 MiB, 310 KiB/s, ETA 0:09, 700 KiB sent". The rate is the phase's average;
// the ETA is left out until that rate means something (kEtaMinSeconds into the phase and
// kEtaMinDone of its bytes done: a start that stalled, e.g. on a Swift proxy restarting, gives
// a rate near zero and an ETA of months) and when it is over kEtaMax (no estimate then).
std::string ProgressLine(const uploader::UploadProgress& p, double phase_seconds);
inline constexpr double kEtaMinSeconds = 3;
inline constexpr double kEtaMinDone = 0.01;
inline constexpr double kEtaMaxSeconds = 24 * 3600;

class ProgressPrinter {
 public:
  explicit ProgressPrinter(ProgressMode mode);
  void Update(const uploader::UploadProgress& progress);
  // Ends the bar's line (TTY), so later messages start on a fresh line.
  void Finish();

 private:
  std::string Line(const uploader::UploadProgress& p);

  ProgressMode mode_;
  // When the current phase (files, indexes, manifest) was first reported: each phase's rate
  // and ETA count from its own start.
  std::chrono::steady_clock::time_point start_;
  std::string phase_;
  std::chrono::steady_clock::time_point last_plain_;
  bool drawn_ = false;
  std::string last_done_phase_;  // plain mode: the phase whose end was printed
};

}  // namespace logstow::cli
