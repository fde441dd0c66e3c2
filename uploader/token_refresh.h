// A fresh token for a long upload: when the job's token expires (by this machine's clock, or a
// 401 whose Date from Swift is past `expires`), the uploader asks the job's `--token-command`
// for a new one and carries on. The new token must be for the same storage URL, container and
// prefix: a command that hands back another build's token is refused, not followed.
// Tested by tests/swift/upload_edge_test.cc.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "tokens/token.h"

namespace logstow::uploader {

// Decodes `text` and checks it covers what `current` covers and expires later. Throws
// logstow::Error: "upload.token_scope" naming the field that differs, "token.*" from the decoder,
// or "upload.token_expired" when the new token is no newer than the old.
tokens::Token AcceptRefreshedToken(const tokens::Token& current, std::string_view text);

// Runs `command` and returns its standard output (the new token). No shell: the command is
// split on spaces and tabs into a program (looked up in PATH) and its arguments, so nothing in
// it is expanded, quoted or piped; use a script for more. Its standard error goes to ours.
// Throws logstow::Error ("upload.token_command") when it cannot start, exits non-zero, is
// killed, or runs longer than `timeout`.
std::string RunTokenCommand(const std::string& command,
                            std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace logstow::uploader
