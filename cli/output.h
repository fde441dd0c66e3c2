// How the CLI talks to people: errors and warnings as "logstow: ..." lines on stderr.
// Results go to stdout, so a job script can capture them (a token, a viewer URL).
#pragma once

#include <string>
#include <string_view>

namespace logstow::cli {

// "logstow: error: <message>" on stderr.
void PrintError(std::string_view message);
// "logstow: warning: <message>" on stderr.
void PrintWarning(std::string_view message);

// `text` with control characters (from file names: escape sequences, line breaks) shown as
// '?', so a name cannot rewrite the terminal or forge log lines.
std::string Printable(std::string_view text);

// Exit codes, the same for every subcommand (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitPartialFailure = 1;  // the run finished, some objects failed
inline constexpr int kExitUsage = 2;           // bad arguments, config, token or setup

}  // namespace logstow::cli
