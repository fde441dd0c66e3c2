// `logstow finalize REPORT`: flags into setup::Finalize(), one line per large object, the exit
// code chosen. No Swift logic here.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "cli/credentials.h"
#include "cli/output.h"
#include "cli/secrets.h"
#include "setup/finalize.h"

namespace logstow::cli {

namespace {

struct FinalizeFlags {
  std::string report;
  std::string prefix;
  std::string container = "logs";
  std::optional<std::string> credentials;
};

int RunFinalize(const FinalizeFlags& f) {
  if (f.prefix.empty() || f.prefix.back() != '/') {
    throw UsageError("--prefix '" + Printable(f.prefix) +
                     "' must be the build's prefix, ending in '/' (as in its token)");
  }
  std::ifstream file(f.report);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) throw UsageError("cannot read the upload report '" + Printable(f.report) + "'");
  // The report is checked before logging in: nothing is sent for a report that is refused.
  setup::FinalizePlan plan = setup::ReadFinalizePlan(text.str(), f.container, f.prefix);
  if (plan.objects.empty()) {
    std::cerr << "logstow: nothing to finalize: the report lists no segmented files\n";
    return kExitOk;
  }
  setup::SwiftSession session(LoadCredentials(f.credentials));
  int failed = 0;
  for (const setup::FinalizeOutcome& o : setup::Finalize(session, plan)) {
    if (o.error.empty()) {
      std::cout << "finalized " << Printable(o.name) << '\n';
    } else {
      ++failed;
      std::cerr << "logstow: failed: " << Printable(o.name) << ": " << Printable(o.error) << '\n';
    }
  }
  std::cerr << "logstow: " << plan.objects.size() - failed << " of " << plan.objects.size()
            << " large objects finalized\n";
  return failed == 0 ? kExitOk : kExitPartialFailure;
}

}  // namespace

void RegisterFinalizeCommand(CLI::App& app, Command& selected) {
  auto f = std::make_shared<FinalizeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "finalize",
      "Operator (post-run): join the files a job uploaded in segments (over Swift's "
      "max_file_size) by PUTting their large-object manifests, as listed in the job's "
      "`upload --json` report. Credentials as for swift-setup. Exit 1 when some failed "
      "(rerun it: it is idempotent)");
  cmd->add_option("report", f->report, "The JSON report `logstow upload --json` wrote")->required();
  cmd->add_option("--prefix", f->prefix,
                  "The build's prefix (as in its token); every name in the report must lie "
                  "under it")
      ->required();
  cmd->add_option("--container", f->container, "The logs container")->capture_default_str();
  cmd->add_option("--credentials", f->credentials, "As for swift-setup");
  cmd->callback([&selected, f] { selected = [f] { return RunFinalize(*f); }; });
}

}  // namespace logstow::cli
