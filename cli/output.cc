#include "cli/output.h"

#include <iostream>
#include <vector>

#include "common/utf8.h"

namespace logstow::cli {

void PrintError(std::string_view message) { std::cerr << "logstow: error: " << message << '\n'; }

std::string Printable(std::string_view text) { return ReplaceUnprintable(text, '?'); }

void PrintFailedObjects(const uploader::UploadReport& report) {
  constexpr size_t kNamed = 5;  // a job log names a few; the JSON report lists every one
  const std::string not_sent = "not sent: " + report.aborted;
  std::vector<const std::string*> unsent;
  for (const uploader::ObjectResult& o : report.objects) {
    if (o.status != uploader::ObjectStatus::kFailed) continue;
    if (!report.aborted.empty() && o.error == not_sent) {
      unsent.push_back(&o.name);
    } else {
      std::cerr << "logstow: failed: " << Printable(o.name) << ": " << Printable(o.error) << '\n';
    }
  }
  if (unsent.empty()) return;
  std::string line = "logstow: not sent, as the run stopped (the error below says why): " +
                     std::to_string(unsent.size()) + (unsent.size() == 1 ? " file: " : " files: ");
  for (size_t i = 0; i < unsent.size() && i < kNamed; ++i) {
    if (i > 0) line += i + 1 == unsent.size() ? " and " : ", ";
    line += Printable(*unsent[i]);
  }
  if (unsent.size() > kNamed) {
    line += " and " + std::to_string(unsent.size() - kNamed) + " more (a --json report lists each)";
  }
  std::cerr << line << '\n';
}

void PrintWarning(std::string_view message) {
  std::cerr << "logstow: warning: " << message << '\n';
}

}  // namespace logstow::cli
