// How subcommands plug into main(): each Register* function adds its CLI11 subcommand and, when
// that subcommand is chosen, stores the work to run in `selected`. main() runs it after parsing
// and maps what it returns or throws to the exit code (cli/output.h).
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace logstow::cli {

// The chosen subcommand's work; returns an exit code from cli/output.h.
using Command = std::function<int()>;

void RegisterTokenCommand(CLI::App& app, Command& selected);
void RegisterUploadCommand(CLI::App& app, Command& selected);
void RegisterIndexCommand(CLI::App& app, Command& selected);
void RegisterSetupCommands(CLI::App& app, Command& selected);
void RegisterShowCommand(CLI::App& app, Command& selected);
void RegisterFinalizeCommand(CLI::App& app, Command& selected);
void RegisterImportCommand(CLI::App& app, Command& selected);

}  // namespace logstow::cli
