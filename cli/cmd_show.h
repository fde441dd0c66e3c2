// `logstow show FILE|URL`: a log read by the viewer core (viewer/document.h: the same line
// index, severities, ANSI handling and RE2 search as the page), printed for a terminal or a
// script. Flags in, ShowOptions out; RunShow streams: lines are printed as the bytes that complete
// them arrive, and a closed pipe (`| head`) ends the run quietly with exit 0.
// Tested by tests/unit/cli/show_command_test.cc and tests/swift/show_url_test.cc.
#pragma once

#include <optional>
#include <string>

#include "viewer/severity_level.h"

namespace logstow::cli {

enum class ColorMode { kAuto, kAlways, kNever };

struct ShowOptions {
  std::string source;                            // a path, "-" for stdin, or an http(s) URL
  std::optional<viewer::Severity> min_severity;  // "LEVEL and up", as the page's filter
  // Lines around each kept line (grep -C); when given (even 0), "--" separates runs, as grep.
  std::optional<size_t> context;
  std::optional<std::string> search;  // RE2 over the shown text
  bool ignore_case = false;
  bool fixed_strings = false;  // --search is text, not a pattern
  bool line_numbers = false;
  bool json = false;   // one JSON object per shown line
  bool count = false;  // per-level counts only
  ColorMode color = ColorMode::kAuto;
};

// Runs the command; returns an exit code (cli/output.h): 0 done (also when a reader closed the
// pipe early), 1 the log broke off part-way (what arrived was printed), 2 bad arguments or the
// log could not be read at all. Errors go to stderr as "logstow: error: ...".
int RunShow(const ShowOptions& options);

}  // namespace logstow::cli
