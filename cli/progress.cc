#include "cli/progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/secrets.h"
#include "common/human_size.h"

namespace logstow::cli {

namespace {

// "m:ss", or "h:mm:ss" from an hour on.
std::string Clock(double seconds) {
  const long s = std::lround(seconds);
  char out[48];
  if (s >= 3600) {
    std::snprintf(out, sizeof out, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(out, sizeof out, "%ld:%02ld", s / 60, s % 60);
  }
  return out;
}

}  // namespace

ProgressMode ParseProgressMode(const std::string& text) {
  if (text == "auto") return isatty(STDERR_FILENO) ? ProgressMode::kTty : ProgressMode::kPlain;
  if (text == "tty") return ProgressMode::kTty;
  if (text == "plain") return ProgressMode::kPlain;
  if (text == "none") return ProgressMode::kNone;
  throw UsageError("--progress " + text + " is not one of auto, tty, plain, none");
}

ProgressPrinter::ProgressPrinter(ProgressMode mode)
    : mode_(mode), start_(std::chrono::steady_clock::now()), last_plain_(start_) {}

std::string ProgressLine(const uploader::UploadProgress& p, double phase_seconds) {
  const double rate = phase_seconds > 0 ? static_cast<double>(p.bytes_done) / phase_seconds : 0;
  std::string line = std::string(p.phase) + " " + std::to_string(p.files_done) + "/" +
                     std::to_string(p.files_total);
  if (p.bytes_total > 0) {
    line += ", " + HumanSize(p.bytes_done) + "/" + HumanSize(p.bytes_total) + ", " +
            HumanSize(static_cast<uint64_t>(rate)) + "/s";
    const bool meaningful =
        phase_seconds >= kEtaMinSeconds &&
        static_cast<double>(p.bytes_done) >= kEtaMinDone * static_cast<double>(p.bytes_total);
    if (meaningful && rate > 0 && p.bytes_done < p.bytes_total) {
      const double eta = static_cast<double>(p.bytes_total - p.bytes_done) / rate;
      if (eta <= kEtaMaxSeconds) line += ", ETA " + Clock(eta);
    }
  }
  line += ", " + HumanSize(p.bytes_sent) + " sent";
  if (p.retries > 0) line += ", " + std::to_string(p.retries) + " retries";
  if (p.failed > 0) line += ", " + std::to_string(p.failed) + " FAILED";
  return line;
}

std::string ProgressPrinter::Line(const uploader::UploadProgress& p) {
  const auto now = std::chrono::steady_clock::now();
  if (phase_ != p.phase) {
    phase_ = p.phase;
    start_ = now;
  }
  return ProgressLine(p, std::chrono::duration<double>(now - start_).count());
}

void ProgressPrinter::Update(const uploader::UploadProgress& p) {
  if (mode_ == ProgressMode::kNone) return;
  if (mode_ == ProgressMode::kPlain) {
    auto now = std::chrono::steady_clock::now();
    // A line every 10 s, and one when a phase ends (once: the end is reported twice).
    bool phase_done = p.files_done == p.files_total;
    if (now - last_plain_ < std::chrono::seconds(10) && !phase_done) return;
    if (phase_done && (p.files_total == 0 || last_done_phase_ == p.phase)) return;
    if (phase_done) last_done_phase_ = p.phase;
    last_plain_ = now;
    std::cerr << "logstow: " << Line(p) << '\n';
    return;
  }
  constexpr int kWidth = 24;
  double fraction = p.bytes_total > 0   ? static_cast<double>(p.bytes_done) / p.bytes_total
                    : p.files_total > 0 ? static_cast<double>(p.files_done) / p.files_total
                                        : 1.0;
  int filled = static_cast<int>(fraction * kWidth);
  std::string bar(1, '[');
  bar.append(filled, '#').append(kWidth - filled, '.').append("] ");
  // \r back to the start, \033[K clears what a longer previous line left behind.
  std::cerr << '\r' << bar << Line(p) << "\033[K" << std::flush;
  drawn_ = true;
}

void ProgressPrinter::Finish() {
  if (drawn_) std::cerr << '\n';
  drawn_ = false;
}

}  // namespace logstow::cli
