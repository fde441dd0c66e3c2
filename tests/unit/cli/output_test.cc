// How the CLI prints untrusted names and an upload's failed files (cli/output.h).
#include "cli/output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

namespace logstow::cli {
namespace {

using uploader::ObjectResult;
using uploader::ObjectStatus;
using uploader::UploadReport;

// What std::cerr received while this object lived.
class CaptureStderr {
 public:
  CaptureStderr() : old_(std::cerr.rdbuf(text_.rdbuf())) {}
  ~CaptureStderr() { std::cerr.rdbuf(old_); }
  std::string text() const { return text_.str(); }

 private:
  std::ostringstream text_;
  std::streambuf* old_;
};

// Regression: a name's ESC showed as '?' but its invalid UTF-8 reached stderr as the raw byte.
TEST(Printable, ShowsControlCharactersAndInvalidUtf8TheSameWay) {
  EXPECT_EQ(Printable("logs/bad\xff\x1b[31m.txt"), "logs/bad??[31m.txt");
  EXPECT_EQ(Printable("logs/caf\xc3\xa9.txt"), "logs/caf\xc3\xa9.txt");
}

ObjectResult Failed(std::string name, std::string error) {
  return {.name = std::move(name), .status = ObjectStatus::kFailed, .error = std::move(error)};
}

// Regression: a token refused mid-upload printed its 330-character explanation once per file
// never sent (257 lines). The explanation is the run's error, printed once by the caller.
TEST(PrintFailedObjects, FilesNeverSentAreCountedOnOneLine) {
  UploadReport report;
  report.aborted = "Swift refused the token (HTTP 401) although it runs until ...";
  report.objects.push_back({.name = "a.txt", .status = ObjectStatus::kLanded});
  report.objects.push_back(Failed("b.txt", "HTTP 401: Swift refused the token"));
  report.objects.push_back(Failed("big.bin", "too large: 9 bytes; not sent"));
  for (int i = 0; i < 257; ++i) {
    report.objects.push_back(
        Failed("logs/f" + std::to_string(100 + i) + ".txt", "not sent: " + report.aborted));
  }
  CaptureStderr err;
  PrintFailedObjects(report);
  EXPECT_EQ(err.text(),
            "logstow: failed: b.txt: HTTP 401: Swift refused the token\n"
            "logstow: failed: big.bin: too large: 9 bytes; not sent\n"
            "logstow: not sent, as the run stopped (the error below says why): 257 files: "
            "logs/f100.txt, logs/f101.txt, logs/f102.txt, logs/f103.txt, logs/f104.txt and 252 "
            "more (a --json report lists each)\n");
}

TEST(PrintFailedObjects, AFewUnsentFilesAreAllNamed) {
  UploadReport report;
  report.aborted = "Swift has no container 'logs' (HTTP 404): ...";
  report.objects.push_back(Failed("x\x1b.txt", "HTTP 404: the container does not exist"));
  report.objects.push_back(Failed("y.txt", "not sent: " + report.aborted));
  report.objects.push_back(Failed("z\xff.txt", "not sent: " + report.aborted));
  CaptureStderr err;
  PrintFailedObjects(report);
  EXPECT_EQ(err.text(),
            "logstow: failed: x?.txt: HTTP 404: the container does not exist\n"
            "logstow: not sent, as the run stopped (the error below says why): 2 files: y.txt "
            "and z?.txt\n");
}

TEST(PrintFailedObjects, WithoutAStopEveryFailureHasItsLine) {
  UploadReport report;
  report.objects.push_back(Failed("a.txt", "not sent: something else"));
  CaptureStderr err;
  PrintFailedObjects(report);
  EXPECT_EQ(err.text(), "logstow: failed: a.txt: not sent: something else\n");
}

}  // namespace
}  // namespace logstow::cli
