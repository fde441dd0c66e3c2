// `--fallback-storage-url`, shared by the commands that talk to Swift with a job token
// (`upload`, `index`): one help text and parsing, one check (uploader/storage_urls.h).
// Tested by tests/unit/cli/upload_command_test.cc and, against a real Swift with a dead first
// proxy, tests/swift/cluster_fault_test.cc and index_test.cc.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "tokens/scope.h"

namespace logstow::cli {

// Adds the repeatable `--fallback-storage-url URL` to `cmd`, filling `urls` (one URL a flag, so
// a positional argument after it stays one).
void AddFallbackStorageUrlOption(CLI::App* cmd, std::vector<std::string>* urls);

// Throws logstow::Error "upload.storage_url" (exit 2) naming the first of `urls` that is not
// the token's account at another origin; run before anything is read or sent.
void CheckFallbackStorageUrls(const tokens::TokenScope& scope,
                              const std::vector<std::string>& urls);

}  // namespace logstow::cli
