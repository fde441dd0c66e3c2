// `logstow upload --on-uploaded CMD`: after the run, CMD gets the JSON report
// (UploadReport::ToJson) on its standard input, to ship it on (curl to logstash, a chat
// message). CMD is run by /bin/sh -c (it is usually a pipeline), with the uploader's
// environment minus LOGSTOW_TOKEN; its stdout goes to the uploader's stderr (stdout carries
// only the viewer URL), its stderr's last line into the warning when it fails. The report is handed
// over through an unlinked temporary file, so a hook that does not read it cannot block the
// uploader. A hook that fails or outlives `timeout` (killed with its process group) is a warning,
// never a failed upload. Thread-safe. Tested by tests/swift/processing_test.cc.
#pragma once

#include <chrono>
#include <string>

namespace logstow::uploader {

// Runs the hook; returns "" when it exited 0, else the warning to print:
// "--on-uploaded command failed (exit status 7): curl: (7) Failed to connect ...; the upload
// itself is not affected".
std::string RunUploadHook(const std::string& command, const std::string& report_json,
                          std::chrono::seconds timeout);

}  // namespace logstow::uploader
