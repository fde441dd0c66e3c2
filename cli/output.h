// How the CLI talks to people: errors and warnings as "logstow: ..." lines on stderr.
// Results go to stdout, so a job script can capture them (a token, a viewer URL).
#pragma once

#include <string>
#include <string_view>

#include "uploader/upload_report.h"

namespace logstow::cli {

// "logstow: error: <message>" on stderr.
void PrintError(std::string_view message);
// "logstow: warning: <message>" on stderr.
void PrintWarning(std::string_view message);

// `text` with control characters (from file names: escape sequences, line breaks, C1 controls)
// and invalid UTF-8 (a name's stray 0xFF) shown as '?', one per character or invalid
// sequence, so a name cannot rewrite the terminal or forge log lines (ReplaceUnprintable,
// common/utf8.h).
std::string Printable(std::string_view text);

// "logstow: failed: <name>: <why>" on stderr for each failed object of `report`, except the
// files the run never sent because it stopped (their error is "not sent: " + report.aborted,
// which the caller prints once, as an error, after the summary): those are counted on one line,
// the first few named, "logstow: not sent, as the run stopped (the error below says why): 257
// files: a.txt, b.txt, c.txt, d.txt, e.txt and 252 more (a --json report lists each)".
void PrintFailedObjects(const uploader::UploadReport& report);

// Exit codes, the same for every subcommand (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitPartialFailure = 1;  // the run finished, some objects failed
inline constexpr int kExitUsage = 2;           // bad arguments, config, token or setup

}  // namespace logstow::cli
