// The logstow binary: builds the CLI11 app, lets each subcommand register itself, runs the one
// chosen, and turns what escapes into an exit code. No upload or token logic lives here.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/secrets.h"
#include "common/error.h"
#include "common/version.h"

namespace {

constexpr char kDescription[] =
    "logstow: CI logs into OpenStack Swift with job-scoped tokens, read in the browser.\n"
    "Swift stores and serves the logs; the viewer (C++ compiled to WebAssembly) renders them.";

// The first argument names a subcommand unless it is an option. CLI11 would take an unknown
// name followed by --help as a request for the main help (exit 0); it is a mistake instead.
// Returns the unknown name, or "" when the first argument is an option or a known subcommand.
std::string UnknownSubcommand(const CLI::App& app, const std::vector<std::string>& reversed_args) {
  if (reversed_args.empty()) return "";
  const std::string& first = reversed_args.back();
  if (first.empty() || first[0] == '-') return "";
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->check_name(first)) return "";
  }
  return first;
}

std::string SubcommandNames(const CLI::App& app) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!names.empty()) names += ", ";
    names += sub->get_name();
  }
  return names;
}

}  // namespace

// What escapes the catches below (out of memory, CLI11 refusing its own set-up) ends the
// program through std::terminate, as it should.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  using namespace logstow::cli;
  // Tokens passed as arguments are blanked in our argv at once (process listings show argv).
  std::vector<std::string> args = TakeArgsAndScrubTokens(argc, argv);
  std::reverse(args.begin(), args.end());  // CLI11 takes them last-first

  CLI::App app(kDescription, "logstow");
  app.set_version_flag("--version", std::string("logstow ") + logstow::kVersion);
  app.require_subcommand(1);
  Command selected;
  RegisterTokenCommand(app, selected);
  RegisterUploadCommand(app, selected);
  RegisterIndexCommand(app, selected);
  RegisterSetupCommands(app, selected);
  RegisterShowCommand(app, selected);
  RegisterFinalizeCommand(app, selected);
  RegisterImportCommand(app, selected);

  if (const std::string unknown = UnknownSubcommand(app, args); !unknown.empty()) {
    PrintError("unknown command '" + unknown + "': the commands are " + SubcommandNames(app) +
               " (logstow --help lists them)");
    return kExitUsage;
  }
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here too, with exit code 0.
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  try {
    return selected ? selected() : kExitUsage;
  } catch (const logstow::Error& e) {
    PrintError(e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    PrintError(std::string("unexpected failure: ") + e.what());
    return kExitUsage;
  }
}
