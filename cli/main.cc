// The logstow binary: builds the CLI11 app, lets each subcommand register itself, runs the one
// chosen, and turns what escapes into an exit code. No upload or token logic lives here.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/output.h"
#include "common/error.h"
#include "common/version.h"

namespace {

constexpr char kDescription[] =
    "logstow: CI logs into OpenStack Swift with job-scoped tokens, read in the browser.\n"
    "Swift stores and serves the logs; the viewer (C++ compiled to WebAssembly) renders them.";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(kDescription, "logstow");
  app.set_version_flag("--version", std::string("logstow ") + logstow::kVersion);
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here too, with exit code 0.
    return app.exit(e) == 0 ? logstow::cli::kExitOk : logstow::cli::kExitUsage;
  }

  try {
    if (app.get_subcommands().empty()) {
      std::cout << app.help();
      return logstow::cli::kExitUsage;
    }
    return logstow::cli::kExitOk;
  } catch (const logstow::Error& e) {
    logstow::cli::PrintError(e.what());
    return logstow::cli::kExitUsage;
  } catch (const std::exception& e) {
    logstow::cli::PrintError(std::string("unexpected failure: ") + e.what());
    return logstow::cli::kExitUsage;
  }
}
